"""The app's own static files under an address that names their content, so browsers keep them for a year.

``url_for("static", filename="css/main.css")`` gives ``/static/<fingerprint>/css/main.css``: the fingerprint is a
hash of the file's bytes, so a release that changes a file changes its address and no browser keeps an old copy.
An address with an outdated fingerprint (a page cached before the release) still gets the current file, but
without the long cache, so the browser asks again next time.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, send_from_directory
from werkzeug.security import safe_join

ONE_YEAR = 365 * 24 * 3600
FINGERPRINT_LENGTH = 12


@lru_cache(maxsize=256)
def _fingerprint_of(path: Path, modified_ns: int, size: int) -> str:
    # Keyed by modification time and size too, so an edited file during development gets a new address at once.
    return hashlib.sha256(path.read_bytes()).hexdigest()[:FINGERPRINT_LENGTH]


def fingerprint(static_folder: str, filename: str) -> str:
    """The content hash of a static file, or "missing" for a name that is not a file inside the folder (the view
    then says 404); a name that climbs out of the folder is never read."""
    joined = safe_join(static_folder, filename)
    path = Path(joined) if joined else None
    if path is None or not path.is_file():
        return "missing"
    status = path.stat()
    return _fingerprint_of(path, status.st_mtime_ns, status.st_size)


def send_asset(directory: str | Path, filename: str, *, max_age: int) -> Response:
    """A file the pages load (stylesheet, script, icon; all small), read whole: so it is compressed like any
    answer, and the file is closed with the answer rather than left to the garbage collector, as a streamed
    compression of it would."""
    response = send_from_directory(directory, filename, max_age=max_age)
    response.direct_passthrough = False
    response.make_sequence()
    return response


def _serve_static(fingerprint_in_url: str, filename: str) -> Response:
    static_folder = current_app.static_folder or ""
    current = fingerprint_in_url == fingerprint(static_folder, filename)
    response = send_asset(static_folder, filename, max_age=ONE_YEAR if current else 0)
    if current:
        response.cache_control.public = True
        response.cache_control.immutable = True
    else:
        response.cache_control.no_cache = True
    return response


def configure_static_files(app: Flask) -> None:
    """Serve ``static/`` under fingerprinted addresses. The app is created without Flask's own static route, so
    this one takes its endpoint name and every ``url_for("static", ...)`` gains the fingerprint."""
    app.static_folder = "static"
    app.add_url_rule("/static/<fingerprint_in_url>/<path:filename>", endpoint="static", view_func=_serve_static)

    @app.url_defaults
    def add_fingerprint(endpoint: str | None, values: dict[str, Any]) -> None:
        if endpoint == "static" and "fingerprint_in_url" not in values and "filename" in values:
            values["fingerprint_in_url"] = fingerprint(app.static_folder or "", values["filename"])
