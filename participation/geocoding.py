"""The app's geocoder: the shared, cached one for this app's geodata directory and focus-area setting."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from participation.geo import Geocoder, load_geocoder


def geocoder_for(app: Flask, year: int | None = None) -> Geocoder:
    """Loaded once per process and setting (load_geocoder caches), so calling this per request is cheap."""
    return load_geocoder(Path(app.config["GEODATA_DIR"]), app.config["FOCUS_AREA"], year)


def current_geocoder(year: int | None = None) -> Geocoder:
    return geocoder_for(current_app, year)
