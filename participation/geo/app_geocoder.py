"""The app's geocoder: the shared, cached one for this app's geodata directory and focus-area setting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def location_choices(geocoder: Geocoder) -> dict[str, Any]:
    """The lists a location question offers without a map: buurten by wijk, and whether addresses can be used."""
    buurten_by_wijk: dict[str, list[tuple[str, str]]] = {}
    for buurt in sorted(geocoder.boundaries.buurten, key=lambda b: (b.wijk_code, b.name)):
        wijk = geocoder.boundaries.wijk_of(buurt)
        buurten_by_wijk.setdefault(wijk.name, []).append((buurt.code, buurt.name))
    return {
        "buurten_by_wijk": buurten_by_wijk,
        "addresses_available": geocoder.addresses is not None,
    }


def buurten_focus_first(geocoder: Geocoder) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(code, name) of the focus area's buurten by name, then of the other buurten by name: a resident of the
    focus area finds their own first."""
    ordered = sorted(geocoder.boundaries.buurten, key=lambda b: (b.name.casefold(), b.code))
    focus = [(b.code, b.name) for b in ordered if b.code in geocoder.focus_codes]
    others = [(b.code, b.name) for b in ordered if b.code not in geocoder.focus_codes]
    return focus, others


def buurten_focus_area_first(geocoder: Geocoder, focus_area_name: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Buurten to choose from, grouped: the focus area's first (where most field work is), then the rest by wijk."""
    focus, _others = buurten_focus_first(geocoder)
    groups = [(focus_area_name, focus)] if focus else []
    for wijk_name, buurten in location_choices(geocoder)["buurten_by_wijk"].items():
        rest = [(code, name) for code, name in buurten if code not in geocoder.focus_codes]
        if rest:
            groups.append((wijk_name, rest))
    return groups
