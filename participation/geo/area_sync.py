"""Writes the shipped CBS boundaries into the database, idempotently: a second run changes nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import shapely
from sqlalchemy import select

from participation.geo.boundaries import Boundaries
from participation.models import Buurt, FocusArea, Wijk
from participation.models.base import DbSession


@dataclass
class SyncReport:
    created: int = 0
    updated: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _apply(row: object, values: dict[str, object], report: SyncReport) -> None:
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    for name, value in changed.items():
        setattr(row, name, value)
    if changed:
        report.updated += 1


def sync_areas(
    session: DbSession, boundaries: Boundaries, focus_codes: frozenset[str], focus_name: str, focus_setting: str
) -> SyncReport:
    """Make the database's wijken, buurten and focus area match ``boundaries``; flush, do not commit."""
    report = SyncReport()
    year = boundaries.year
    polygons_by_wijk: dict[str, list[shapely.Geometry]] = defaultdict(list)
    for buurt, polygon in zip(boundaries.buurten, boundaries.buurt_polygons, strict=True):
        polygons_by_wijk[buurt.wijk_code].append(polygon)

    existing_wijken = {w.code: w for w in session.scalars(select(Wijk).where(Wijk.boundary_year == year))}
    wijk_rows: dict[str, Wijk] = {}
    for wijk in boundaries.wijken:
        outline = shapely.to_geojson(shapely.union_all(polygons_by_wijk[wijk.code]), indent=None)
        values: dict[str, object] = {
            "name": wijk.name,
            "municipality_code": boundaries.municipality_code,
            "geometry_geojson": outline,
        }
        row = existing_wijken.get(wijk.code)
        if row is None:
            row = Wijk(code=wijk.code, boundary_year=year, **values)
            session.add(row)
            report.created += 1
        else:
            _apply(row, values, report)
        wijk_rows[wijk.code] = row
    session.flush()

    existing_buurten = {b.code: b for b in session.scalars(select(Buurt).where(Buurt.boundary_year == year))}
    for buurt, polygon in zip(boundaries.buurten, boundaries.buurt_polygons, strict=True):
        values = {
            "name": buurt.name,
            "wijk_id": wijk_rows[buurt.wijk_code].id,
            "geometry_geojson": shapely.to_geojson(polygon, indent=None),
            "in_focus_area": buurt.code in focus_codes,
        }
        buurt_row = existing_buurten.get(buurt.code)
        if buurt_row is None:
            session.add(Buurt(code=buurt.code, boundary_year=year, **values))
            report.created += 1
        else:
            _apply(buurt_row, values, report)

    focus = session.scalar(select(FocusArea).where(FocusArea.name == focus_name))
    focus_values: dict[str, object] = {"definition": focus_setting, "boundary_year": year}
    if focus is None:
        session.add(FocusArea(name=focus_name, **focus_values))
        report.created += 1
    else:
        _apply(focus, focus_values, report)
    session.flush()
    return report
