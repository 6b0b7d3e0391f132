"""Security headers on every response: a strict Content-Security-Policy with no inline script, no framing."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask

from participation.extensions import talisman


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
