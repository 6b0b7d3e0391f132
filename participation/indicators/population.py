"""Importing residents per buurt by age band and sex from a CBS key-figures CSV (Kerncijfers wijken en buurten).

CBS open data names its columns like ``k_15Tot25Jaar_9`` (the suffix is a position that changes per year), so
columns are matched on their stem. An import is all or nothing, and every problem names the row and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete

from participation.imports import IMPORT_MAX_BYTES, CsvRows, ImportFileError, ImportRefusal, ProblemCollector, read_csv
from participation.models import PopulationCount
from participation.models.base import DbSession

# Population age bands of the CBS key figures; survey answers are placed in them by
# participation.surveys.age_bands.population_band (choice "age_18_24" -> band "15_24").
AGE_COLUMNS = {
    "k_0tot15jaar": "0_14",
    "k_15tot25jaar": "15_24",
    "k_25tot45jaar": "25_44",
    "k_45tot65jaar": "45_64",
    "k_65jaarofouder": "65_plus",
}
SEX_COLUMNS = {"mannen": "m", "vrouwen": "f"}
CODE_COLUMNS = ("codering", "wijkenenbuurten", "buurtcode", "code")
BUURT_CODE = re.compile(r"^BU\d{8}$")
ALL = "all"


MAX_COUNT = 10_000_000  # far above any buurt; keeps a typing error out of the integer column


class PopulationImportError(ImportFileError):
    """The file cannot be imported; the message names the file and the rows, on one line."""


@dataclass(frozen=True)
class PopulationReport:
    buurten: int
    cells: int


def _stem(column: str) -> str:
    return re.sub(r"_\d+$", "", column.strip().lower())


def read_population_csv(path: Path, year: int, *, max_bytes: int = IMPORT_MAX_BYTES) -> list[PopulationCount]:
    """Rows for every buurt in the file: one per age band (sex "all") and one per sex (age band "all").

    The file is read row by row and refused unread when larger than ``max_bytes``; every row must be right, or
    ``PopulationImportError`` says which are not and nothing is taken.
    """
    problems = ProblemCollector(path, error=PopulationImportError)
    try:
        with read_csv(path, max_bytes) as table:
            rows = _population_rows(table, year, problems)
    except ImportRefusal as refusal:
        raise problems.stop(refusal) from refusal
    problems.raise_if_any()
    if not rows:
        raise problems.fail("", "no buurt rows (codes like BU05050300) found")
    return rows


def _population_rows(table: CsvRows, year: int, problems: ProblemCollector) -> list[PopulationCount]:
    columns = {_stem(name): name for name in table.header}
    code_column = next((columns[name] for name in CODE_COLUMNS if name in columns), None)
    missing = [stem for stem in (*AGE_COLUMNS, *SEX_COLUMNS) if stem not in columns]
    if code_column is None or missing:
        wanted = ([] if code_column else ["a buurt code column (Codering)"]) + missing
        raise problems.fail("", f"missing columns: {', '.join(wanted)}")
    rows: list[PopulationCount] = []
    seen: dict[str, str] = {}
    for where, record in table:
        code = record[code_column].strip()
        if not BUURT_CODE.match(code):
            continue  # the municipality's and wijken's own rows; only buurten are stored
        if code in seen:
            problems.add(f"{where}, {code}", f"the buurt is also on {seen[code]}")
            continue
        seen[code] = where
        cells = [(AGE_COLUMNS[stem], ALL, record[columns[stem]]) for stem in AGE_COLUMNS]
        cells += [(ALL, SEX_COLUMNS[stem], record[columns[stem]]) for stem in SEX_COLUMNS]
        for band, sex, raw in cells:
            value = raw.strip().replace(".", "")
            if not value:
                # CBS writes "." where a figure is secret (very small buurten): unknown, not zero.
                continue
            if not (value.isascii() and value.isdigit()) or int(value) > MAX_COUNT:
                problems.add(f"{where}, {code}", f"{raw!r} is not a whole number from 0 to {MAX_COUNT}")
                continue
            rows.append(PopulationCount(buurt_code=code, year=year, age_band=band, sex=sex, count=int(value)))
    return rows


def store_population(session: DbSession, year: int, rows: Iterable[PopulationCount]) -> PopulationReport:
    """Replace the year's figures for the buurten in ``rows``; flush, do not commit."""
    rows = list(rows)
    buurten = {row.buurt_code for row in rows}
    session.execute(
        delete(PopulationCount).where(PopulationCount.year == year, PopulationCount.buurt_code.in_(buurten))
    )
    session.add_all(rows)
    session.flush()
    return PopulationReport(len(buurten), len(rows))
