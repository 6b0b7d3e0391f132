"""Reference values of indicators, above all the Dordrecht average (Dordts gemiddelde) per year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select

from participation.audit import record as record_event
from participation.imports import (
    IMPORT_MAX_BYTES,
    CsvRows,
    ImportFileError,
    ImportRefusal,
    ProblemCollector,
    finite_number,
    read_csv,
)
from participation.models import IndicatorReference, IndicatorTarget, StaffUser
from participation.models.base import DbSession

REQUIRED_COLUMNS = ("indicator", "year", "value")


INDICATOR_KEY = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")  # as a survey question's indicator
# The column sizes of indicator_reference.
INDICATOR_LENGTH = 64
AREA_CODE_LENGTH = 10
SOURCE_LENGTH = 200


class ReferenceImportError(ImportFileError):
    """The file cannot be imported; the message names the file and the rows, on one line."""


@dataclass(frozen=True)
class ReferenceValue:
    indicator: str
    area_code: str
    year: int
    value: float
    source: str = ""


YearlyRow = TypeVar("YearlyRow", IndicatorReference, IndicatorTarget)


def yearly_row(session: DbSession, model: type[YearlyRow], indicator: str, area_code: str, year: int) -> YearlyRow:
    """The row of ``model`` for (indicator, area, year), added to the session when there is none yet: references
    and targets are both one value per indicator, area and year, replaced when set again."""
    row = session.scalar(
        select(model).where(model.indicator == indicator, model.area_code == area_code, model.year == year)
    )
    if row is None:
        row = model(indicator=indicator, area_code=area_code, year=year)
        session.add(row)
    return row


def set_reference(session: DbSession, reference: ReferenceValue, *, by: StaffUser | None = None) -> IndicatorReference:
    """Create or replace the value for (indicator, area, year); flush only. A value a staff member sets (``by``)
    is audited; the CLI import of a reference file passes no one."""
    row = yearly_row(session, IndicatorReference, reference.indicator, reference.area_code, reference.year)
    row.value = reference.value
    row.source = reference.source
    session.flush()
    if by is not None:
        record_event(session, "indicator_reference.set", actor=by, indicator=reference.indicator)
    return row


def read_reference_csv(path: Path, default_area: str, *, max_bytes: int = IMPORT_MAX_BYTES) -> list[ReferenceValue]:
    """Columns indicator, year, value, and optionally area_code and source; all rows valid or none are taken.

    The file is read row by row and refused unread when larger than ``max_bytes``.
    """
    problems = ProblemCollector(path, error=ReferenceImportError)
    try:
        with read_csv(path, max_bytes) as table:
            missing = [name for name in REQUIRED_COLUMNS if name not in table.header]
            if missing:
                raise problems.fail("", f"missing columns: {', '.join(missing)}")
            values = _reference_values(table, default_area, problems)
    except ImportRefusal as refusal:
        raise problems.stop(refusal) from refusal
    problems.raise_if_any()
    return values


def _reference_values(table: CsvRows, default_area: str, problems: ProblemCollector) -> list[ReferenceValue]:
    values: list[ReferenceValue] = []
    seen: dict[tuple[str, str, int], str] = {}
    for where, record in table:
        indicator = record["indicator"].strip()
        try:
            year = int(record["year"].strip())
            value = finite_number(record["value"], where)
        except ImportRefusal as refusal:
            problems.refuse(refusal)
            continue
        except ValueError:
            problems.add(where, "year must be a whole number and value a number")
            continue
        if not indicator or not 1990 <= year <= 2100:
            problems.add(where, "give an indicator and a year between 1990 and 2100")
            continue
        if len(indicator) > INDICATOR_LENGTH or not INDICATOR_KEY.match(indicator):
            problems.add(where, f"indicator {indicator[:80]!r} is not a key like rating_neighbourhood")
            continue
        area = (record.get("area_code") or "").strip() or default_area
        source = (record.get("source") or "").strip()
        if len(area) > AREA_CODE_LENGTH or len(source) > SOURCE_LENGTH:
            problems.add(where, f"area_code has at most {AREA_CODE_LENGTH} and source {SOURCE_LENGTH} characters")
            continue
        key = (indicator, area, year)
        if key in seen:
            problems.add(where, f"{indicator} {area} {year} is also on {seen[key]}")
            continue
        seen[key] = where
        values.append(ReferenceValue(indicator, area, year, value, source))
    return values


def references_for(session: DbSession, area_code: str) -> dict[tuple[str, int], float]:
    """(indicator, year) -> value for one area, e.g. the municipality."""
    rows = session.execute(
        select(IndicatorReference.indicator, IndicatorReference.year, IndicatorReference.value).where(
            IndicatorReference.area_code == area_code
        )
    ).all()
    return {(indicator, year): value for indicator, year, value in rows}
