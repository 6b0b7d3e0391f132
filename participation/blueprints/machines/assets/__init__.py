"""Assets served by the app itself, so no page needs a third party: Leaflet (from the xstatic package) and the
buurt outlines the maps draw, which work even without map tiles."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import xstatic.pkg.leaflet
from flask import Blueprint, Response, current_app

from participation.geo.boundaries import BUURTEN_FILE, available_years, boundaries_root
from participation.web.static_files import ONE_YEAR, send_asset

bp = Blueprint("assets", __name__)
LEAFLET_DIR = Path(xstatic.pkg.leaflet.BASE_DIR)


@bp.get(f"/vendor/leaflet-{xstatic.pkg.leaflet.VERSION}/<path:filename>")
def leaflet(filename: str) -> Response:
    # The version is in the address, so browsers may keep the files for a year.
    return send_asset(LEAFLET_DIR, filename, max_age=ONE_YEAR)


@cache
def _outline_document(path: Path, mtime: float) -> str:
    document = json.loads(path.read_text(encoding="utf-8"))
    for feature in document["features"]:
        properties = feature["properties"]
        feature["properties"] = {key: properties[key] for key in ("buurtcode", "buurtnaam", "wijkcode", "dordt_west")}
    return json.dumps(document, separators=(",", ":"))


@bp.get("/geo/buurten.geojson")
def buurten() -> Response:
    directory = Path(current_app.config["GEODATA_DIR"])
    year = available_years(directory)[-1]
    path = boundaries_root(directory) / str(year) / BUURTEN_FILE
    response = Response(_outline_document(path, path.stat().st_mtime), mimetype="application/geo+json")
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response
