"""The street register: named street lines, for "nearest street" and typo-tolerant street search."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
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
# The side of a cell of the nearest-street grid (RD metres): small enough that a cell holds a few candidate lines,
# large enough that the grid of a municipality builds in a fraction of a second.
STREET_CELL_M = 30.0
# A segment as (x1, y1, dx, dy, squared length), ready for the point-to-segment distance.
Segment = tuple[float, float, float, float, float]


class NearestStreetGrid:
    """Exact nearest street within ``NEAREST_STREET_M`` in pure Python, without a tree query per point.

    The plane is cut into square cells, and each cell keeps the lines that can be within the reach of one of its
    points. A lookup measures the distance to those few lines' segments: the same answer as the tree's
    ``query_nearest`` (up to which of two equally near lines is named), at a fraction of the cost of building a
    point and querying the tree, which made the street the larger part of a single locate.
    """

    def __init__(self, lines: NDArray[np.object_], tree: shapely.STRtree, reach: float = NEAREST_STREET_M) -> None:
        self.reach = reach
        self._segments = [_segments_of(line) for line in lines.tolist()]
        self._x0 = self._y0 = 0.0
        self._columns = self._rows = 0
        # The candidates of cell k are _candidates[_starts[k]:_starts[k + 1]], cells numbered row by row.
        self._starts: list[int] = [0]
        self._candidates: list[int] = []
        if not len(lines):
            return
        # Every point of a cell lies within the half-diagonal of its centre, so a line within the reach of any of
        # them lies within reach + half-diagonal of the centre: those lines are the cell's candidates.
        bound = reach + STREET_CELL_M * math.sqrt(0.5)
        minx, miny, maxx, maxy = shapely.total_bounds(lines)
        self._x0, self._y0 = minx - reach, miny - reach
        self._columns = int((maxx + reach - self._x0) // STREET_CELL_M) + 1
        self._rows = int((maxy + reach - self._y0) // STREET_CELL_M) + 1
        # Only the cells near a line's bounding box need a query; the rest of the plane has no candidates.
        near = np.zeros((self._rows, self._columns), dtype=bool)
        for x1, y1, x2, y2 in shapely.bounds(lines).tolist():
            left, bottom = self._cell(x1 - bound, y1 - bound)
            right, top = self._cell(x2 + bound, y2 + bound)
            near[max(bottom, 0) : top + 1, max(left, 0) : right + 1] = True
        cells = np.flatnonzero(near)
        centres = shapely.points(
            self._x0 + (cells % self._columns + 0.5) * STREET_CELL_M,
            self._y0 + (cells // self._columns + 0.5) * STREET_CELL_M,
        )
        centre_of, line_of = tree.query(centres, predicate="dwithin", distance=bound)
        cell_of = cells[centre_of]
        order = np.argsort(cell_of, kind="stable")
        counts = np.bincount(cell_of, minlength=self._rows * self._columns)
        self._starts = [0, *np.cumsum(counts).tolist()]
        self._candidates = line_of[order].tolist()

    def _cell(self, x: float, y: float) -> tuple[int, int]:
        return int((x - self._x0) // STREET_CELL_M), int((y - self._y0) // STREET_CELL_M)

    def nearest(self, x: float, y: float) -> int | None:
        """The position of the line nearest to (x, y) within the reach, or None."""
        column, row = self._cell(x, y)
        if not (0 <= column < self._columns and 0 <= row < self._rows):
            return None
        cell = row * self._columns + column
        best, best_squared = None, self.reach * self.reach
        for line in self._candidates[self._starts[cell] : self._starts[cell + 1]]:
            for x1, y1, dx, dy, length_squared in self._segments[line]:
                t = ((x - x1) * dx + (y - y1) * dy) / length_squared if length_squared else 0.0
                t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
                ex, ey = x1 + t * dx - x, y1 + t * dy - y
                squared = ex * ex + ey * ey
                if squared < best_squared or (best is None and squared == best_squared):
                    best, best_squared = line, squared
        return best


def _segments_of(line: shapely.Geometry) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for part in shapely.get_parts(line).tolist():
        coordinates = shapely.get_coordinates(part).tolist()
        for (x1, y1), (x2, y2) in pairwise(coordinates):
            dx, dy = x2 - x1, y2 - y1
            segments.append((x1, y1, dx, dy, dx * dx + dy * dy))
        if len(coordinates) == 1:
            ((x1, y1),) = coordinates
            segments.append((x1, y1, 0.0, 0.0, 0.0))
    return tuple(segments)


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

    @cached_property
    def _grid(self) -> NearestStreetGrid:
        # Built on the first single lookup, not at load: start-up and batch work need only the tree.
        return NearestStreetGrid(self._lines, self._tree)

    def nearest(self, x: float, y: float, max_distance: float = NEAREST_STREET_M) -> str | None:
        """Name of the nearest street within max_distance metres of an RD point, or None."""
        if max_distance == self._grid.reach:
            found = self._grid.nearest(x, y)
            return None if found is None else str(self._names[found])
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
