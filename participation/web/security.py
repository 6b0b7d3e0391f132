"""Security headers on every response (a strict Content-Security-Policy with no inline script, no framing), which
forwarded headers are believed, and rate-limit keys that hold no personal data."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from flask import Flask

from participation.extensions import talisman

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PREFIX",
)


class IgnoreForwardedHeaders:
    """WSGI middleware for an app that no proxy stands in front of: anyone can send ``X-Forwarded-*`` headers, and
    Talisman would take ``X-Forwarded-Proto: https`` on plain HTTP for HTTPS (no redirect, HSTS on an insecure
    connection). ``ProxyFix`` takes their place when ``PARTICIPATION_PROXY_HOPS`` names trusted proxies."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        for name in FORWARDED_HEADERS:
            environ.pop(name, None)
        return self.app(environ, start_response)


def email_rate_limit_key(secret_key: str, email: str) -> str:
    """The rate-limit key of sign-in attempts for an e-mail address: a keyed hash, so counters in Redis (or in a
    dump of it) do not tell which addresses were tried, and stable for every spelling of the same address."""
    normalised = email.strip().lower()
    # The purpose goes into the message, so this hash is of no use for anything else keyed with the secret key.
    digest = hmac.new(secret_key.encode(), f"login-email\0{normalised}".encode(), hashlib.sha256).hexdigest()
    return f"login-email:{digest}"


def tile_origin(tile_url: str) -> str | None:
    parts = urlsplit(tile_url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(tile_url: str) -> dict[str, str | list[str]]:
    images = ["'self'", "data:"]
    origin = tile_origin(tile_url)
    if origin:
        images.append(origin)
    return {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": images,
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def configure_security_headers(app: Flask) -> None:
    production = app.config["ENV"] == "production"
    talisman.init_app(
        app,
        force_https=production,
        strict_transport_security=production,
        session_cookie_secure=production,
        session_cookie_http_only=True,
        frame_options="DENY",
        content_security_policy=content_security_policy(app.config["TILE_URL"]),
        referrer_policy="strict-origin-when-cross-origin",
        # Browsers should not offer these to any page of ours.
        permissions_policy={"geolocation": "(self)", "camera": "()", "microphone": "()", "interest-cohort": "()"},
    )
