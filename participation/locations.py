"""Storing geocoded locations, with the privacy rule, and moving them to newer boundaries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select

from participation.geo import Geocoder, point_to_store
from participation.models import LocationPrecision, StoredLocation
from participation.models.base import DbSession, utcnow

REGEOCODE_BATCH_SIZE = 5_000


def place(geocoder: Geocoder, lat: float, lon: float, *, exact_consent: bool) -> StoredLocation:
    """Geocode a point and make the row to store. Without consent only the block's centre is kept."""
    stored_lat, stored_lon = point_to_store(lat, lon, exact_consent=exact_consent)
    location = geocoder.locate(lat, lon)
    return StoredLocation(
        latitude=stored_lat,
        longitude=stored_lon,
        precision=LocationPrecision.EXACT if exact_consent else LocationPrecision.BLOCK,
        inside=location.inside,
        boundary_year=geocoder.year,
        wijk_code=location.wijk.code if location.wijk else None,
        buurt_code=location.buurt.code if location.buurt else None,
        block_id=location.block_id,
        street_name=location.street,
        in_focus_area=location.focus_area,
        geocoded_at=utcnow(),
    )


@dataclass
class RegeocodeReport:
    """What a move to newer boundaries did: how many locations it looked at, and which changed buurt."""

    year: int
    examined: int = 0
    moved: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)

    @property
    def moved_total(self) -> int:
        return sum(self.moved.values())


def regeocode(session: DbSession, geocoder: Geocoder) -> RegeocodeReport:
    """Locate every location stored on older boundaries again on the geocoder's year; flush, do not commit.

    Points are relocated from what was stored (the block centre without consent), so no precision is invented.
    """
    report = RegeocodeReport(year=geocoder.year)
    query = (
        select(StoredLocation)
        .where(StoredLocation.boundary_year < geocoder.year)
        .order_by(StoredLocation.id)
        .execution_options(yield_per=REGEOCODE_BATCH_SIZE)
    )
    for rows in session.scalars(query).partitions():
        batch = geocoder.locate_many(
            np.fromiter((row.latitude for row in rows), dtype=np.float64, count=len(rows)),
            np.fromiter((row.longitude for row in rows), dtype=np.float64, count=len(rows)),
        )
        for position, row in enumerate(rows):
            location = batch.location(position)
            new_buurt = location.buurt.code if location.buurt else None
            if new_buurt != row.buurt_code:
                report.moved[(row.buurt_code, new_buurt)] += 1
            row.inside = location.inside
            row.wijk_code = location.wijk.code if location.wijk else None
            row.buurt_code = new_buurt
            row.block_id = location.block_id
            row.street_name = location.street
            row.in_focus_area = location.focus_area
            row.boundary_year = geocoder.year
        report.examined += len(rows)
    session.flush()
    return report
