"""Random points inside a buurt, and geocoding them the way a submission does (``responses.places``)."""

from __future__ import annotations

import random
from typing import Any

from shapely.geometry.base import BaseGeometry

from participation.geo import Geocoder
from participation.models import StoredLocation
from participation.responses.places import resolve_location
from participation.surveys.errors import AnswerError

_STORED_COLUMNS = [column.key for column in StoredLocation.__table__.columns if column.key != "id"]


class BuurtPoints:
    """Draws uniform random points inside the buurten of one geocoder (rejection sampling in the bounding box).

    A point counts as inside when the geocoder's own index places it in the buurt: the generalised polygons
    overlap a little at their edges, and a point must be geocoded to the buurt it was drawn for."""

    def __init__(self, geocoder: Geocoder) -> None:
        boundaries = geocoder.boundaries
        self._index = geocoder.area_index
        self._positions = {code: position for position, code in enumerate(boundaries.buurt_codes())}
        self._polygons: dict[str, BaseGeometry] = dict(
            zip(boundaries.buurt_codes(), boundaries.buurt_polygons, strict=True)
        )

    def point(self, rng: random.Random, buurt_code: str) -> tuple[float, float]:
        """(lat, lon) of a random point inside the buurt."""
        polygon = self._polygons[buurt_code]
        position = self._positions[buurt_code]
        min_lon, min_lat, max_lon, max_lat = polygon.bounds
        for _ in range(1000):
            lon, lat = round(rng.uniform(min_lon, max_lon), 6), round(rng.uniform(min_lat, max_lat), 6)
            if self._index.find(lon, lat) == position:
                return lat, lon
        centre = polygon.representative_point()
        return round(centre.y, 6), round(centre.x, 6)


def locate(geocoder: Geocoder, value: dict[str, Any]) -> StoredLocation | None:
    """A location answer (a point, or a buurt from the list) stored as a submission stores it; None when refused."""
    resolved = resolve_location(geocoder, value)
    return None if resolved is None or isinstance(resolved, AnswerError) else resolved


def location_row(location: StoredLocation) -> dict[str, Any]:
    """The columns of a not yet stored location, for a bulk insert."""
    return {key: getattr(location, key) for key in _STORED_COLUMNS}
