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
    """Geocode a point and make the row to store. Without consent only the block's centre is kept, and off the
    RD grid (far outside the municipality, where there are no blocks) no point at all."""
    stored = point_to_store(lat, lon, exact_consent=exact_consent)
    location = geocoder.locate(lat, lon)
    return StoredLocation(
        latitude=None if stored is None else stored[0],
        longitude=None if stored is None else stored[1],
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
    # Locations chosen from a list carry no point: they move only when their buurt code still exists.
    kept_without_point: Counter[str] = field(default_factory=Counter)

    @property
    def moved_total(self) -> int:
        return sum(self.moved.values())


def regeocode(session: DbSession, geocoder: Geocoder) -> RegeocodeReport:
    """Locate every location stored on older boundaries again on the geocoder's year; flush, do not commit.

    Points are relocated from what was stored (the block centre without consent), so no precision is invented.
    """
    report = RegeocodeReport(year=geocoder.year)
    older = StoredLocation.boundary_year < geocoder.year
    _move_area_only_locations(session, geocoder, report)
    query = (
        select(StoredLocation)
        .where(older, StoredLocation.latitude.is_not(None), StoredLocation.longitude.is_not(None))
        .order_by(StoredLocation.id)
        .execution_options(yield_per=REGEOCODE_BATCH_SIZE)
    )
    for rows in session.scalars(query).partitions():
        batch = geocoder.locate_many(
            np.array([row.latitude for row in rows], dtype=np.float64),
            np.array([row.longitude for row in rows], dtype=np.float64),
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


def _move_area_only_locations(session: DbSession, geocoder: Geocoder, report: RegeocodeReport) -> None:
    buurten = {buurt.code: buurt for buurt in geocoder.boundaries.buurten}
    rows = session.scalars(
        select(StoredLocation).where(StoredLocation.boundary_year < geocoder.year, StoredLocation.latitude.is_(None))
    ).all()
    for row in rows:
        report.examined += 1
        buurt = buurten.get(row.buurt_code or "")
        if buurt is None:
            report.kept_without_point[row.buurt_code or "?"] += 1
            continue
        row.wijk_code = buurt.wijk_code
        row.in_focus_area = buurt.code in geocoder.focus_codes
        row.boundary_year = geocoder.year
