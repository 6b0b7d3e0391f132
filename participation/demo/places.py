"""Random points inside a buurt, and geocoding them the way a submission does (``responses.places``)."""

from __future__ import annotations

import random
from typing import Any

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.prepared import prep

from participation.geo import Geocoder
from participation.models import StoredLocation
from participation.responses.places import resolve_location
from participation.surveys.errors import AnswerError

_STORED_COLUMNS = [column.key for column in StoredLocation.__table__.columns if column.key != "id"]


class BuurtPoints:
    """Draws uniform random points inside the buurten of one geocoder (rejection sampling in the bounding box)."""

    def __init__(self, geocoder: Geocoder) -> None:
        boundaries = geocoder.boundaries
        self._polygons: dict[str, BaseGeometry] = dict(
            zip(boundaries.buurt_codes(), boundaries.buurt_polygons, strict=True)
        )
        self._prepared = {code: prep(polygon) for code, polygon in self._polygons.items()}

    def point(self, rng: random.Random, buurt_code: str) -> tuple[float, float]:
        """(lat, lon) of a random point inside the buurt."""
        polygon = self._polygons[buurt_code]
        min_lon, min_lat, max_lon, max_lat = polygon.bounds
        for _ in range(1000):
            lon, lat = rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)
            if self._prepared[buurt_code].contains(Point(lon, lat)):
                return round(lat, 6), round(lon, 6)
        centre = polygon.representative_point()
        return round(centre.y, 6), round(centre.x, 6)


def locate(geocoder: Geocoder, value: dict[str, Any]) -> StoredLocation | None:
    """A location answer (a point, or a buurt from the list) stored as a submission stores it; None when refused."""
    resolved = resolve_location(geocoder, value)
    return None if resolved is None or isinstance(resolved, AnswerError) else resolved


def location_row(location: StoredLocation) -> dict[str, Any]:
    """The columns of a not yet stored location, for a bulk insert."""
    return {key: getattr(location, key) for key in _STORED_COLUMNS}
