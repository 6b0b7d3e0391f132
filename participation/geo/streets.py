"""The street register: named street lines, for "nearest street" and typo-tolerant street search."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from numpy.typing import NDArray
from rapidfuzz import fuzz, process, utils

from participation.geo.blocks import rd_to_wgs84, wgs84_to_rd_many
from participation.geo.errors import GeoDataError

REGISTERS_DIR = "registers"
STREETS_FILE = "streets.geojson"
NEAREST_STREET_M = 25.0


@dataclass(frozen=True, slots=True)
class StreetMatch:
    """A street found by name: its name, how well it matched (0-100) and a point on it (WGS84)."""

    name: str
    score: float
    lat: float
    lon: float


def streets_path(geodata_dir: Path) -> Path:
    return geodata_dir / REGISTERS_DIR / STREETS_FILE


class StreetRegister:
    """Named street lines in RD New (metres), indexed for nearest-line queries."""

    def __init__(self, names: list[str], lines_rd: NDArray[np.object_]) -> None:
        self._names = np.asarray(names, dtype=object)
        self._lines = lines_rd
        self._tree = shapely.STRtree(lines_rd)
        self._distinct = sorted(set(names))
        self._anchor = self._anchors()

    def __len__(self) -> int:
        return int(self._names.size)

    @property
    def street_names(self) -> list[str]:
        return list(self._distinct)

    def _anchors(self) -> dict[str, tuple[float, float]]:
        """A point (RD) on each street, at the middle of its longest piece: where a search result points."""
        lengths = shapely.length(self._lines)
        best: dict[str, int] = {}
        for index, name in enumerate(self._names.tolist()):
            if name not in best or lengths[index] > lengths[best[name]]:
                best[name] = index
        anchors: dict[str, tuple[float, float]] = {}
        for name, index in best.items():
            point = shapely.line_interpolate_point(self._lines[index], 0.5, normalized=True)
            anchors[name] = (float(shapely.get_x(point)), float(shapely.get_y(point)))
        return anchors

    def nearest(self, x: float, y: float, max_distance: float = NEAREST_STREET_M) -> str | None:
        """Name of the nearest street within max_distance metres of an RD point, or None."""
        hits = self._tree.query_nearest(shapely.Point(x, y), max_distance=max_distance, all_matches=False)
        if hits.size == 0:
            return None
        return str(self._names[hits[0]])

    def nearest_many(
        self, xs: NDArray[np.float64], ys: NDArray[np.float64], max_distance: float = NEAREST_STREET_M
    ) -> NDArray[np.object_]:
        """Nearest street name per RD point (None where no street is within max_distance); vectorised."""
        result = np.full(xs.shape, None, dtype=object)
        points, streets = self._tree.query_nearest(shapely.points(xs, ys), max_distance=max_distance, all_matches=False)
        result[points] = self._names[streets]
        return result

    def search(self, query: str, limit: int = 10, min_score: float = 70.0) -> list[StreetMatch]:
        """Streets whose name resembles the query, best first; tolerant of typos and case."""
        if not utils.default_process(query):
            return []
        found = process.extract(
            query,
            self._distinct,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=limit,
            score_cutoff=min_score,
        )
        matches = []
        for name, score, _ in found:
            lat, lon = rd_to_wgs84(*self._anchor[name])
            matches.append(StreetMatch(name, float(score), lat, lon))
        return matches


def load_streets(path: Path) -> StreetRegister:
    """The street register written by the import command (GeoJSON, EPSG:4326, property "name")."""
    try:
        with path.open(encoding="utf-8") as handle:
            features = json.load(handle)["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise GeoDataError(f"{path}: cannot read the street register: {exc}") from exc
    names = [str(feature["properties"]["name"]) for feature in features]
    lines = shapely.from_geojson([json.dumps(feature["geometry"]) for feature in features])
    lines_rd = shapely.transform(lines, _lonlat_to_rd)
    return StreetRegister(names, np.asarray(lines_rd, dtype=object))


def _lonlat_to_rd(coords: NDArray[np.float64]) -> NDArray[np.float64]:
    xs, ys = wgs84_to_rd_many(coords[:, 1], coords[:, 0])
    return np.column_stack([xs, ys])
