"""Importing residents per buurt by age band and sex from a CBS key-figures CSV (Kerncijfers wijken en buurten).

CBS open data names its columns like ``k_15Tot25Jaar_9`` (the suffix is a position that changes per year), so
columns are matched on their stem. An import is all or nothing, and every problem names the row and column.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete

from participation.models import PopulationCount
from participation.models.base import DbSession

# Population age bands, the same as the default survey's (choice "age_15_24" -> band "15_24").
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


class PopulationImportError(ValueError):
    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems[:20]))
        self.problems = problems


@dataclass(frozen=True)
class PopulationReport:
    buurten: int
    cells: int


def _stem(column: str) -> str:
    return re.sub(r"_\d+$", "", column.strip().lower())


def read_population_csv(path: Path, year: int) -> list[PopulationCount]:
    """Rows for every buurt in the file: one per age band (sex "all") and one per sex (age band "all")."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise PopulationImportError(source, [f"cannot read the file: {error}"]) from error
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    columns = {_stem(name): name for name in reader.fieldnames or []}
    code_column = next((columns[name] for name in CODE_COLUMNS if name in columns), None)
    missing = [stem for stem in (*AGE_COLUMNS, *SEX_COLUMNS) if stem not in columns]
    if code_column is None or missing:
        wanted = ([] if code_column else ["a buurt code column (Codering)"]) + missing
        raise PopulationImportError(source, [f"missing columns: {', '.join(wanted)}"])
    rows: list[PopulationCount] = []
    problems: list[str] = []
    for number, record in enumerate(reader, start=2):
        code = (record.get(code_column) or "").strip()
        if not BUURT_CODE.match(code):
            continue  # the municipality's and wijken's own rows; only buurten are stored
        cells = [(AGE_COLUMNS[stem], ALL, record[columns[stem]]) for stem in AGE_COLUMNS]
        cells += [(ALL, SEX_COLUMNS[stem], record[columns[stem]]) for stem in SEX_COLUMNS]
        for band, sex, raw in cells:
            value = (raw or "").strip().replace(".", "")
            if value in ("", "."):
                # CBS writes "." where a figure is secret (very small buurten): unknown, not zero.
                continue
            if not value.isdigit():
                problems.append(f"row {number}, {code}: {raw!r} is not a whole number")
                continue
            rows.append(PopulationCount(buurt_code=code, year=year, age_band=band, sex=sex, count=int(value)))
    if problems:
        raise PopulationImportError(source, problems)
    if not rows:
        raise PopulationImportError(source, ["no buurt rows (codes like BU05050300) found"])
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
