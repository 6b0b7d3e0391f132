"""The app's geocoder: the shared, cached one for this app's geodata directory and focus-area setting."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from participation.geo import Geocoder, clear_geocoder_cache, load_geocoder


def geocoder_for(app: Flask, year: int | None = None) -> Geocoder:
    """Loaded once per process and setting (load_geocoder caches), and remembered per app for the hot path."""
    known: dict[int | None, Geocoder] = app.extensions.setdefault("participation.geocoders", {})
    geocoder = known.get(year)
    if geocoder is None:
        geocoder = load_geocoder(Path(app.config["GEODATA_DIR"]), app.config["FOCUS_AREA"], year)
        known[year] = geocoder
    return geocoder


def current_geocoder(year: int | None = None) -> Geocoder:
    return geocoder_for(current_app, year)


def forget_geocoders() -> None:
    """After the geodata changed (an import): the next request loads the new files."""
    clear_geocoder_cache()
    current_app.extensions.pop("participation.geocoders", None)
