"""A map layer after suppression: the one set of figures that the map, its table and its GeoJSON export all show,
so that what one of them hides none of the others can give away."""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from participation.disclosure import Cell, DisclosedTable
from participation.geo.blocks import BLOCK_SIZE_M, parse_block_id, rd_to_wgs84_many
from participation.maps.cells import Coverage
from participation.maps.filters import MapLevel, Measure

CREDIT = "Kadaster / Centraal Bureau voor de Statistiek, 2024"
# ColorBrewer YlOrRd, which ColorBrewer marks colour-blind safe, per number of classes: ordered light to dark, so
# the order reads without colour vision too. One and two classes take ColorBrewer's three-class scheme's ends.
PALETTES: dict[int, tuple[str, ...]] = {
    1: ("#feb24c",),
    2: ("#ffeda0", "#f03b20"),
    3: ("#ffeda0", "#feb24c", "#f03b20"),
    4: ("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"),
    5: ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
    6: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
    7: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
}
PALETTE = PALETTES[7]
HIDDEN_FILL = "#8c8c8c"
GRADES = len(PALETTE)


class Status(enum.StrEnum):
    """How a figure may be shown: its value, "fewer than k", or hidden to protect a small figure."""

    SHOWN = "shown"
    SMALL = "small"
    HIDDEN = "hidden"


def status_of(cell: Cell) -> Status:
    if cell.small:
        return Status.SMALL
    return Status.HIDDEN if cell.hidden else Status.SHOWN


@dataclass(frozen=True)
class MapFigure:
    """One cell of a layer: a block, street, buurt or wijk with its suppressed count and the measure shown.

    ``count`` is the number of distinct sources the figure rests on (the cell suppression decides on); ``value``
    is the measure (a count, rate, mean or share), None when hidden or when there is nothing to show.
    ``geometry`` is GeoJSON (a point for blocks' and streets' centres, a polygon for areas) or None.
    """

    key: str
    name: str
    count: Cell
    value: float | None
    geometry: Mapping[str, Any] | None
    base: Cell | None = None  # the denominator of a share (coded sources of the area), suppressed as well
    size: int | None = None  # a cell's (or a street's cell's) size in metres

    @property
    def status(self) -> Status:
        statuses = [status_of(self.count)] + ([status_of(self.base)] if self.base is not None else [])
        if Status.SMALL in statuses:
            return Status.SMALL
        return Status.HIDDEN if Status.HIDDEN in statuses else Status.SHOWN


@dataclass(frozen=True)
class MapLayer:
    """The figures of one layer with the class breaks of its colours (computed from shown values only)."""

    level: MapLevel
    measure: Measure
    figures: tuple[MapFigure, ...]
    threshold: int
    suppressed: bool
    breaks: tuple[float, ...] = field(default=())
    total: Cell | None = None
    coverage: Coverage | None = None  # the cell map's: how much of what is located it draws

    @property
    def palette(self) -> tuple[str, ...]:
        return PALETTES[len(self.breaks) + 1]

    def classes(self) -> list[LegendClass]:
        """Each colour class with the least and the most shown value in it (shown values only)."""
        values: dict[int, list[float]] = {}
        for figure in self.shown:
            grade = self.grade(figure)
            if grade is not None and figure.value is not None:
                values.setdefault(grade, []).append(figure.value)
        return [LegendClass(self.palette[grade], min(found), max(found)) for grade, found in sorted(values.items())]

    def grade(self, figure: MapFigure) -> int | None:
        """The colour class of a shown figure (0 lightest), None for hidden figures and figures without a value."""
        if figure.status is not Status.SHOWN or figure.value is None:
            return None
        return sum(1 for limit in self.breaks if figure.value >= limit)

    def fill(self, figure: MapFigure) -> str | None:
        grade = self.grade(figure)
        if grade is not None:
            return self.palette[grade]
        return HIDDEN_FILL if figure.status is not Status.SHOWN else None

    @property
    def shown(self) -> list[MapFigure]:
        return [figure for figure in self.figures if figure.status is Status.SHOWN]


@dataclass(frozen=True)
class LegendClass:
    colour: str
    low: float
    high: float


def class_count(distinct: int) -> int:
    """5 to 7 classes as the shown values allow: fewer distinct values than that get a class each."""
    if distinct <= 5:
        return distinct
    return 5 if distinct < 12 else 6 if distinct < 24 else 7


def jenks_breaks(values: Sequence[float], classes: int) -> list[float]:
    """Fisher-Jenks natural breaks, exact: the lower limits of classes 2..n that minimise the squared deviations
    from the class means. Dynamic programming over the distinct values weighted by how often they occur (a class
    never splits equal values), one vectorised step per class and value."""
    distinct, weights = np.unique(np.asarray(values, dtype=np.float64), return_counts=True)
    n = len(distinct)
    if classes < 2 or n < classes:
        return []
    counts = np.concatenate(([0.0], np.cumsum(weights)))
    ones = np.concatenate(([0.0], np.cumsum(distinct * weights)))
    squares = np.concatenate(([0.0], np.cumsum(distinct * distinct * weights)))

    def cost(starts: np.ndarray, end: int | np.ndarray) -> np.ndarray:
        # Squared deviation of the values distinct[start:end] (with their weights), for many starts at once.
        total = ones[end] - ones[starts]
        return np.asarray(squares[end] - squares[starts] - total * total / (counts[end] - counts[starts]))

    best = np.full((classes + 1, n + 1), np.inf)
    start_of = np.zeros((classes + 1, n + 1), dtype=np.int64)
    ends = np.arange(1, n + 1)
    best[1, 1:] = cost(np.zeros(n, dtype=np.int64), ends)
    for m in range(2, classes + 1):
        for end in range(m, n + 1):
            starts = np.arange(m - 1, end)
            totals = best[m - 1, starts] + cost(starts, end)
            pick = int(np.argmin(totals))
            best[m, end] = totals[pick]
            start_of[m, end] = starts[pick]
    limits = []
    end = n
    for m in range(classes, 1, -1):
        start = int(start_of[m, end])
        limits.append(float(distinct[start]))
        end = start
    return sorted(limits)


def class_breaks(values: Sequence[float], *, whole: bool) -> tuple[float, ...]:
    """Lower limits of the classes after the first, by natural breaks of the shown values. Hidden values never take
    part, so the legend cannot hint at them; counts get whole-number limits."""
    distinct = sorted(set(values))
    classes = class_count(len(distinct))
    if classes < 2:
        return ()
    # As many classes as distinct values: each its own class; else natural breaks.
    limits = distinct[1:] if len(distinct) <= classes else jenks_breaks(values, classes)
    rounded = [float(math.ceil(limit)) if whole else round(float(limit), 3) for limit in limits]
    return tuple(sorted({limit for limit in rounded if limit > distinct[0]}))


def block_centres(block_ids: Sequence[str]) -> dict[str, tuple[float, float]]:
    """WGS84 (lat, lon) of many blocks' centres in one vectorised transformation."""
    if not block_ids:
        return {}
    corners = np.asarray([parse_block_id(block) for block in block_ids], dtype=np.float64)
    lats, lons = rd_to_wgs84_many(corners[:, 0] + BLOCK_SIZE_M / 2, corners[:, 1] + BLOCK_SIZE_M / 2)
    return {block: (float(lat), float(lon)) for block, lat, lon in zip(block_ids, lats, lons, strict=True)}


def block_square(block_id: str) -> dict[str, Any]:
    """The block's 100 m square as a GeoJSON polygon in WGS84 (its corners transformed from RD New exactly)."""
    x, y = parse_block_id(block_id)
    xs = np.asarray([x, x + BLOCK_SIZE_M, x + BLOCK_SIZE_M, x, x], dtype=np.float64)
    ys = np.asarray([y, y, y + BLOCK_SIZE_M, y + BLOCK_SIZE_M, y], dtype=np.float64)
    lats, lons = rd_to_wgs84_many(xs, ys)
    ring = [[round(float(lon), 6), round(float(lat), 6)] for lat, lon in zip(lats, lons, strict=True)]
    return {"type": "Polygon", "coordinates": [ring]}


def point(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def figures_from_list(
    table: DisclosedTable[str, None],
    names: Mapping[str, str],
    geometries: Mapping[str, Mapping[str, Any] | None],
    values: Mapping[str, float | None] | None = None,
) -> tuple[MapFigure, ...]:
    """Figures of a suppressed one-column table; the value is the count itself unless ``values`` gives one."""
    figures = []
    for key in table.rows:
        cell = table.cell(key, None)
        value: float | None = float(cell.value) if values is None else values.get(key)
        figures.append(
            MapFigure(
                key=key,
                name=names.get(key, key),
                count=cell,
                value=None if cell.hidden else value,
                geometry=geometries.get(key),
            )
        )
    return tuple(figures)


def coverage_properties(coverage: Coverage) -> dict[str, Any]:
    return {
        "located": coverage.located,
        "drawn": coverage.drawn,
        "share_drawn": round(coverage.share_drawn, 4),
        "share_at_100_m": round(coverage.share_finest, 4),
        "drawn_per_cell_size_m": {str(size): count for size, count in coverage.per_level.items()},
    }


def geojson_export(layer: MapLayer, labels: Mapping[Status, str], legend: Sequence[Mapping[str, Any]] = ()) -> str:
    """The layer as a GeoJSON FeatureCollection: a hidden figure's count and value are null and its note says why
    (``labels`` holds the viewer's words for each status); block figures are exported as their squares, cells as
    their squares clipped to their buurt. ``legend`` (the page's legend entries) and the cell map's coverage go
    into the collection's properties, so the export reads as the page does."""
    features = []
    for figure in layer.figures:
        status = figure.status
        geometry = figure.geometry
        if layer.level is MapLevel.BLOCK:
            geometry = block_square(figure.key)
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "key": figure.key,
                    "name": figure.name,
                    "level": layer.level.value,
                    "measure": layer.measure.value,
                    "count": figure.count.shown if status is Status.SHOWN else None,
                    "base": figure.base.shown if figure.base is not None and status is Status.SHOWN else None,
                    "value": figure.value if status is Status.SHOWN else None,
                    "status": status.value,
                    "note": labels[status],
                    **({"cell_size_m": figure.size} if figure.size is not None else {}),
                    "fill": layer.fill(figure),
                },
            }
        )
    document = {
        "type": "FeatureCollection",
        "features": features,
        "properties": {
            "attribution": CREDIT,
            "small_count_threshold": layer.threshold,
            "suppressed": layer.suppressed,
            "legend": list(legend),
            **({"coverage": coverage_properties(layer.coverage)} if layer.coverage is not None else {}),
        },
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
