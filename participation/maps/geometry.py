"""The outline of a map cell: its RD-aligned square clipped to its buurt, as GeoJSON in WGS84.

Clipping is the costly part of drawing the cell map, and a cell's outline never changes for one buurt boundary, so
outlines are kept per process (keyed by the buurt's boundary text, so new boundaries make new outlines)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

from participation.geo.blocks import rd_to_wgs84_many

PRECISION = 1e-6  # degrees: about 10 cm, finer than any boundary


@lru_cache(maxsize=512)
def _buurt_shape(geometry_json: str) -> BaseGeometry:
    outline = shape(json.loads(geometry_json))
    shapely.prepare(outline)
    return outline


def _square(x: int, y: int, size: int) -> Polygon:
    xs = np.asarray([x, x + size, x + size, x], dtype=np.float64)
    ys = np.asarray([y, y, y + size, y + size], dtype=np.float64)
    lats, lons = rd_to_wgs84_many(xs, ys)
    return Polygon(list(zip(lons.tolist(), lats.tolist(), strict=True)))


def _polygons(geometry: BaseGeometry) -> BaseGeometry:
    """The areal part of a clip (an edge the square only touches leaves lines and points)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [part for part in getattr(geometry, "geoms", []) if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.MultiPolygon()


@lru_cache(maxsize=20_000)
def cell_outline(geometry_json: str, x: int, y: int, size: int) -> Mapping[str, Any]:
    """The square of ``size`` metres at RD corner (x, y) clipped to the buurt whose GeoJSON geometry is given (a
    string's hash is kept by the string, so one buurt's text is hashed once however many cells it has)."""
    square = _square(x, y, size)
    clip = _polygons(square.intersection(_buurt_shape(geometry_json)))
    if clip.is_empty:
        clip = square  # a block the geocoder gave to this buurt but that only touches it: drawn whole
    return mapping(shapely.set_precision(clip, PRECISION))
