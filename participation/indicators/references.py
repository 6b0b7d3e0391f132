"""Reference values of indicators, above all the Dordrecht average (Dordts gemiddelde) per year."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from participation.models import IndicatorReference
from participation.models.base import DbSession

REQUIRED_COLUMNS = ("indicator", "year", "value")


class ReferenceImportError(ValueError):
    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems[:20]))
        self.problems = problems


@dataclass(frozen=True)
class ReferenceValue:
    indicator: str
    area_code: str
    year: int
    value: float
    source: str = ""


def set_reference(session: DbSession, reference: ReferenceValue) -> IndicatorReference:
    """Create or replace the value for (indicator, area, year); flush only."""
    row = session.scalar(
        select(IndicatorReference).where(
            IndicatorReference.indicator == reference.indicator,
            IndicatorReference.area_code == reference.area_code,
            IndicatorReference.year == reference.year,
        )
    )
    if row is None:
        row = IndicatorReference(indicator=reference.indicator, area_code=reference.area_code, year=reference.year)
        session.add(row)
    row.value = reference.value
    row.source = reference.source
    session.flush()
    return row


def read_reference_csv(path: Path, default_area: str) -> list[ReferenceValue]:
    """Columns indicator, year, value, and optionally area_code and source; all rows valid or none are taken."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ReferenceImportError(str(path), [f"cannot read the file: {error}"]) from error
    reader = csv.DictReader(text.splitlines())
    missing = [name for name in REQUIRED_COLUMNS if name not in (reader.fieldnames or [])]
    if missing:
        raise ReferenceImportError(str(path), [f"missing columns: {', '.join(missing)}"])
    values, problems = [], []
    for number, record in enumerate(reader, start=2):
        indicator = (record.get("indicator") or "").strip()
        try:
            year = int((record.get("year") or "").strip())
            value = float((record.get("value") or "").strip().replace(",", "."))
        except ValueError:
            problems.append(f"row {number}: year must be a whole number and value a number")
            continue
        if not indicator or not 1990 <= year <= 2100:
            problems.append(f"row {number}: give an indicator and a year between 1990 and 2100")
            continue
        area = (record.get("area_code") or "").strip() or default_area
        values.append(ReferenceValue(indicator, area, year, value, (record.get("source") or "").strip()))
    if problems:
        raise ReferenceImportError(str(path), problems)
    return values


def references_for(session: DbSession, area_code: str) -> dict[tuple[str, int], float]:
    """(indicator, year) -> value for one area, e.g. the municipality."""
    rows = session.execute(
        select(IndicatorReference.indicator, IndicatorReference.year, IndicatorReference.value).where(
            IndicatorReference.area_code == area_code
        )
    ).all()
    return {(indicator, year): value for indicator, year, value in rows}
