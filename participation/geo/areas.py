"""Reads on the CBS areas stored in the database: what the bureau sees of wijken, buurten and the focus area."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from participation.models import Buurt, Wijk
from participation.models.base import DbSession


@dataclass(frozen=True)
class WijkSummary:
    code: str
    name: str
    boundary_year: int
    buurten: int
    buurten_in_focus_area: int


def latest_boundary_year(session: DbSession) -> int | None:
    return session.scalar(select(func.max(Wijk.boundary_year)))


def area_overview(session: DbSession) -> list[WijkSummary]:
    """Every wijk of the newest boundary year, with how many of its buurten are in the focus area."""
    year = latest_boundary_year(session)
    if year is None:
        return []
    in_focus = func.sum(case((Buurt.in_focus_area, 1), else_=0))
    rows = session.execute(
        select(Wijk.code, Wijk.name, Wijk.boundary_year, func.count(Buurt.id), in_focus)
        .join(Buurt, Buurt.wijk_id == Wijk.id)
        .where(Wijk.boundary_year == year)
        .group_by(Wijk.id)
        .order_by(Wijk.code)
    ).all()
    return [WijkSummary(code, name, year_, total, int(focus or 0)) for code, name, year_, total, focus in rows]


def wijk_names(session: DbSession) -> dict[str, str]:
    """Wijk code -> name, from the newest boundary year."""
    year = latest_boundary_year(session)
    return dict(session.execute(select(Wijk.code, Wijk.name).where(Wijk.boundary_year == year)).all())


def buurt_names(session: DbSession) -> dict[str, str]:
    """Buurt code -> name, from the newest boundary year."""
    year = session.scalar(select(func.max(Buurt.boundary_year)))
    return dict(session.execute(select(Buurt.code, Buurt.name).where(Buurt.boundary_year == year)).all())
