"""What makes the field pages an installable web app that works offline: the manifest and the service worker.

Both are served from ``/field/`` so that the worker's scope is the field pages and nothing else.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import xstatic.pkg.leaflet
from flask import Response, current_app, render_template, url_for
from flask_babel import gettext as _

from participation.blueprints.field.conversations import bp
from participation.i18n import current_language

SERVICE_WORKER = Path(__file__).resolve().parent / "service-worker.js"
# The app's own files the worker keeps; their contents name the cache, so a release that changes one replaces it.
OWN_STATIC_FILES = ("css/main.css", "js/field-app.js", "js/conversation-form.js", "img/favicon.svg")


def _cache_version() -> str:
    digest = hashlib.sha256(SERVICE_WORKER.read_bytes())
    static = Path(current_app.static_folder or "")
    for name in OWN_STATIC_FILES:
        digest.update((static / name).read_bytes())
    return f"{xstatic.pkg.leaflet.VERSION}-{digest.hexdigest()[:16]}"


@bp.get("/manifest.webmanifest")
def manifest() -> Response:
    document = {
        "name": _("Field work %(area)s", area=current_app.config["FOCUS_AREA_NAME"]),
        "short_name": _("Field work"),
        "start_url": url_for("field.home"),
        "scope": url_for("field.home"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#154273",
        "icons": [
            {"src": url_for("static", filename="img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": url_for("static", filename="img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return current_app.response_class(current_app.json.dumps(document), mimetype="application/manifest+json")


@bp.after_request
def name_the_language(response: Response) -> Response:
    # The service worker keeps the offline page in the language it was fetched in; this header tells it when the
    # professional has since chosen another one.
    response.headers.setdefault("Content-Language", current_language().code)
    return response


@bp.get("/offline")
def offline() -> str:
    """What the service worker shows, without a connection, for a field page that only works with the server (the
    registers); never a page of something else under its address. Needs no sign-in: it holds nothing private."""
    return render_template("field/offline.html")


@bp.get("/service-worker.js")
def service_worker() -> Response:
    # The list of what to keep for offline use is made here, so the worker always matches this release.
    # The pages that work offline come first (the worker shows only these from its copy), the offline page last.
    offline_pages = [url_for("field.home"), url_for("field.new_conversation")]
    precache = [
        *offline_pages,
        url_for("field.manifest"),
        *(url_for("static", filename=name) for name in OWN_STATIC_FILES),
        url_for("assets.leaflet", filename="leaflet.js"),
        url_for("assets.leaflet", filename="leaflet.css"),
        url_for("assets.buurten"),
        url_for("field.offline"),
    ]
    script = SERVICE_WORKER.read_text(encoding="utf-8")
    version = _cache_version()
    body = (
        f"const PRECACHE = {current_app.json.dumps(precache)};\n"
        f"const CACHE_NAME = {current_app.json.dumps('field-' + version)};\n"
        f"const OFFLINE_PAGES = {current_app.json.dumps(offline_pages)};\n"
        f"const OFFLINE_FALLBACK = {current_app.json.dumps(url_for('field.offline'))};\n" + script
    )
    response = Response(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response
