"""CSV and XLSX files for the bureau's spreadsheets, safe against formula injection.

Texts come from analysts and, through answers and quotes, from residents, so a text that a spreadsheet would read
as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) must never run as one: in CSV
such a text gets a leading apostrophe, the usual sign for "text" that spreadsheets honour; in XLSX every text cell
is written explicitly as a string (never a formula) and marked with Excel's quote prefix, so even a later edit
keeps it text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Value = str | int | float
Rows = Sequence[Sequence[Value]]


def neutralise(text: str) -> str:
    """``text`` made safe for a CSV cell: an apostrophe before what a spreadsheet would start a formula with."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_bytes(rows: Rows) -> bytes:
    """Rows as CSV (UTF-8 with a byte order mark, so that Excel reads the accents right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([neutralise(value) if isinstance(value, str) else value for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_sheet(sheet: Worksheet, rows: Rows) -> None:
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                # openpyxl makes a formula of any text starting with "="; setting the type afterwards stores it as
                # a plain string whatever it starts with.
                cell.data_type = "s"
                cell.quotePrefix = value.startswith(FORMULA_STARTS)
    sheet.freeze_panes = "A2"


def xlsx_bytes(sheets: Mapping[str, Rows]) -> bytes:
    """One sheet per entry (sheet names are cut to Excel's 31 characters)."""
    # openpyxl loads with the first workbook: the home page imports this package for its figures, not for XLSX.
    from openpyxl import Workbook

    workbook = Workbook()
    first = True
    for name, rows in sheets.items():
        if first:
            sheet = workbook.active
            assert sheet is not None
            sheet.title = name[:31]
            first = False
        else:
            sheet = workbook.create_sheet(name[:31])
        write_sheet(sheet, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
