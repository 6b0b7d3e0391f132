"""Reading the programme input for pages and exports: wijken and their buurten, inputs per wijk with filters,
and the items residents may read."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from participation.models import Buurt, Wijk
from participation.models.base import DbSession
from participation.models.programme import InputStatus, Priority, ProgrammeInput

PUBLIC_STATUSES = (InputStatus.ADOPTED, InputStatus.IN_PROGRESS, InputStatus.DONE)


@dataclass(frozen=True)
class Area:
    """A wijk or buurt by code, with its name on the latest boundaries."""

    code: str
    name: str


@dataclass(frozen=True)
class InputFilter:
    """Which inputs of a wijk a list shows; empty means all."""

    statuses: Collection[InputStatus] = ()
    priorities: Collection[Priority] = ()
    theme_id: int | None = None
    buurt_code: str | None = None


def _latest_year(session: DbSession) -> int | None:
    return session.scalar(select(func.max(Wijk.boundary_year)))


def wijken(session: DbSession, focus_only: bool = True) -> list[Area]:
    """The wijken on the latest boundaries; with ``focus_only`` those with at least one buurt in the focus area."""
    year = _latest_year(session)
    query = select(Wijk.code, Wijk.name).where(Wijk.boundary_year == year).order_by(Wijk.code)
    if focus_only:
        query = query.where(
            Wijk.id.in_(select(Buurt.wijk_id).where(Buurt.in_focus_area.is_(True), Buurt.boundary_year == year))
        )
    return [Area(code, name) for code, name in session.execute(query)]


def find_wijk(session: DbSession, code: str) -> Area | None:
    """The wijk with this code on the latest boundaries that have it."""
    row = session.execute(
        select(Wijk.code, Wijk.name).where(Wijk.code == code).order_by(Wijk.boundary_year.desc()).limit(1)
    ).first()
    return Area(row[0], row[1]) if row is not None else None


def buurten_of(session: DbSession, wijk_code: str) -> list[Area]:
    """The buurten of a wijk on the latest boundaries that have the wijk."""
    year = session.scalar(select(func.max(Wijk.boundary_year)).where(Wijk.code == wijk_code))
    rows = session.execute(
        select(Buurt.code, Buurt.name)
        .join(Wijk, Wijk.id == Buurt.wijk_id)
        .where(Wijk.code == wijk_code, Wijk.boundary_year == year)
        .order_by(Buurt.code)
    )
    return [Area(code, name) for code, name in rows]


def _priority_order() -> object:
    return case((ProgrammeInput.priority == Priority.HIGH, 0), (ProgrammeInput.priority == Priority.MEDIUM, 1), else_=2)


def inputs_of_wijk(session: DbSession, wijk_code: str, filters: InputFilter | None = None) -> list[ProgrammeInput]:
    """A wijk's inputs, high priority first, with their theme and evidence loaded."""
    filters = filters or InputFilter()
    query = (
        select(ProgrammeInput)
        .where(ProgrammeInput.wijk_code == wijk_code)
        .options(selectinload(ProgrammeInput.theme), selectinload(ProgrammeInput.evidence))
        .order_by(_priority_order(), ProgrammeInput.title, ProgrammeInput.id)  # type: ignore[arg-type]
    )
    if filters.statuses:
        query = query.where(ProgrammeInput.status.in_(list(filters.statuses)))
    if filters.priorities:
        query = query.where(ProgrammeInput.priority.in_(list(filters.priorities)))
    if filters.theme_id is not None:
        query = query.where(ProgrammeInput.theme_id == filters.theme_id)
    if filters.buurt_code:
        query = query.where(ProgrammeInput.buurt_code == filters.buurt_code)
    return list(session.scalars(query))


def public_inputs(session: DbSession, wijk_code: str) -> list[ProgrammeInput]:
    """What residents read on the "you said, we did" page: adopted, in progress and done inputs of a wijk."""
    return inputs_of_wijk(session, wijk_code, InputFilter(statuses=PUBLIC_STATUSES))


def public_text(programme_input: ProgrammeInput, language: str, fallback: str = "nl") -> str:
    """The input's public text in ``language``, else in ``fallback``; empty when neither was written."""
    texts = programme_input.public_texts or {}
    return texts.get(language) or texts.get(fallback) or ""
