"""The CBS wijken and buurten the app ships, per boundary year, as written by the import command.

Layout of a geodata directory::

    boundaries/<year>/buurten.geojson   one feature per buurt, EPSG:4326
    boundaries/<year>/wijken.geojson    one feature per wijk (dissolved from the buurten)
    boundaries/<year>/manifest.json     year, municipality, source, attribution
    registers/streets.geojson           optional street register (EPSG:4326)
    registers/addresses.csv             optional address register
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from participation.geo.errors import GeoDataError

ATTRIBUTION = "Kadaster / Centraal Bureau voor de Statistiek, {year}"
DORDT_WEST_FLAGS = ("kern", "onzeker", "nee")
BOUNDARIES_DIR = "boundaries"
BUURTEN_FILE = "buurten.geojson"
WIJKEN_FILE = "wijken.geojson"
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True, slots=True)
class Wijk:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Buurt:
    code: str
    name: str
    wijk_code: str
    dordt_west: str


@dataclass(frozen=True)
class Boundaries:
    """The buurten and wijken of one municipality in one boundary year; polygons in lon/lat (EPSG:4326)."""

    year: int
    municipality_code: str
    municipality_name: str
    attribution: str
    buurten: tuple[Buurt, ...]
    wijken: tuple[Wijk, ...]
    buurt_polygons: NDArray[np.object_]

    def wijk_of(self, buurt: Buurt) -> Wijk:
        return self._wijk_by_code[buurt.wijk_code]

    @cached_property
    def _wijk_by_code(self) -> dict[str, Wijk]:
        return {wijk.code: wijk for wijk in self.wijken}

    def buurt_codes(self) -> list[str]:
        return [buurt.code for buurt in self.buurten]


def boundaries_root(geodata_dir: Path) -> Path:
    return geodata_dir / BOUNDARIES_DIR


def available_years(geodata_dir: Path) -> list[int]:
    """Boundary years present in a geodata directory, oldest first."""
    root = boundaries_root(geodata_dir)
    if not root.is_dir():
        return []
    return sorted(
        int(child.name)
        for child in root.iterdir()
        if child.name.isdigit() and (child / MANIFEST_FILE).is_file() and (child / BUURTEN_FILE).is_file()
    )


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as exc:
        raise GeoDataError(f"{path}: cannot read: {exc}") from exc


def _features(path: Path) -> list[dict[str, Any]]:
    document = _read_json(path)
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise GeoDataError(f"{path}: not a GeoJSON FeatureCollection")
    features: list[dict[str, Any]] = document.get("features", [])
    return features


def load_boundaries(geodata_dir: Path, year: int | None = None) -> Boundaries:
    """The boundaries of one year (the newest when year is None) from a geodata directory."""
    years = available_years(geodata_dir)
    if not years:
        raise GeoDataError(
            f"no boundaries in {boundaries_root(geodata_dir)}; import them with `flask geo import boundaries`"
        )
    if year is None:
        year = years[-1]
    elif year not in years:
        raise GeoDataError(f"no boundaries for {year} in {geodata_dir}; available years: {years}")
    directory = boundaries_root(geodata_dir) / str(year)
    manifest = _read_json(directory / MANIFEST_FILE)

    buurten: list[Buurt] = []
    geometries: list[str] = []
    for feature in _features(directory / BUURTEN_FILE):
        props = feature["properties"]
        buurten.append(Buurt(props["buurtcode"], props["buurtnaam"], props["wijkcode"], props["dordt_west"]))
        geometries.append(json.dumps(feature["geometry"]))
    wijken = tuple(
        Wijk(feature["properties"]["wijkcode"], feature["properties"]["wijknaam"])
        for feature in _features(directory / WIJKEN_FILE)
    )
    known_wijken = {wijk.code for wijk in wijken}
    orphans = sorted({b.wijk_code for b in buurten} - known_wijken)
    if orphans:
        raise GeoDataError(f"{directory}: buurten refer to wijken missing from {WIJKEN_FILE}: {orphans}")
    polygons = np.asarray(shapely.from_geojson(geometries), dtype=object)
    shapely.prepare(polygons)
    return Boundaries(
        year=int(manifest["year"]),
        municipality_code=str(manifest["municipality_code"]),
        municipality_name=str(manifest["municipality_name"]),
        attribution=str(manifest["attribution"]),
        buurten=tuple(buurten),
        wijken=wijken,
        buurt_polygons=polygons,
    )
