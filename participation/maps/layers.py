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
from participation.maps.filters import MapLevel, Measure

CREDIT = "Kadaster / Centraal Bureau voor de Statistiek, 2024"
# ColorBrewer YlOrRd, 5 classes: ordered light to dark, so the order reads without colour vision too.
PALETTE = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
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

    def grade(self, figure: MapFigure) -> int | None:
        """The colour class of a shown figure (0 lightest), None for hidden figures and figures without a value."""
        if figure.status is not Status.SHOWN or figure.value is None:
            return None
        return sum(1 for limit in self.breaks if figure.value >= limit)

    def fill(self, figure: MapFigure) -> str | None:
        grade = self.grade(figure)
        if grade is not None:
            return PALETTE[grade]
        return HIDDEN_FILL if figure.status is not Status.SHOWN else None

    @property
    def shown(self) -> list[MapFigure]:
        return [figure for figure in self.figures if figure.status is Status.SHOWN]


def class_breaks(values: Sequence[float], *, whole: bool) -> tuple[float, ...]:
    """Lower limits of the classes 1..4 at the quintiles of the shown values. Hidden values never take part, so the
    legend cannot hint at them; counts get whole-number limits."""
    distinct = sorted(set(values))
    if len(distinct) < 2:
        return ()
    limits = np.quantile(np.asarray(values, dtype=np.float64), [0.2, 0.4, 0.6, 0.8])
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


def geojson_export(layer: MapLayer, labels: Mapping[Status, str]) -> str:
    """The layer as a GeoJSON FeatureCollection: a hidden figure's count and value are null and its note says why
    (``labels`` holds the viewer's words for each status); block figures are exported as their squares."""
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
        },
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
