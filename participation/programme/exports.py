"""A wijk's programme input as CSV and XLSX for the bureau's spreadsheets.

Texts come from analysts and, through quotes, from residents, so a text that a spreadsheet would read as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) must never run as one: in CSV such a text
gets a leading apostrophe, the usual sign for "text" that spreadsheets honour; in XLSX every text cell is written
explicitly as a string (never a formula) and marked with Excel's quote prefix, so even a later edit keeps it text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from participation.disclosure import Cell
from participation.programme.document import WijkProgramme
from participation.programme.labels import cell_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Value = str | int


def neutralise(text: str) -> str:
    """``text`` made safe for a CSV cell: an apostrophe before what a spreadsheet would start a formula with."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _figure(cell: Cell, threshold: int) -> Value:
    # Shown figures stay numbers, so that the spreadsheet can add them up; hidden ones become their marker text.
    return cell.value if not cell.hidden else cell_text(cell, threshold)


def input_rows(document: WijkProgramme) -> list[list[Value]]:
    """The header and one row per input: the same columns in CSV and XLSX."""
    header: list[Value] = [
        _("Number"),
        _("District"),
        _("Area"),
        _("Theme"),
        _("Pillar"),
        _("Strategic goals"),
        _("Title"),
        _("What residents said"),
        _("Proposed effort"),
        _("Priority"),
        _("Status"),
        _("Linked sources"),
        _("Quotes with consent"),
    ]
    rows = [header]
    for line in document.inputs:
        evidence = _figure(line.evidence, document.threshold)
        rows.append(
            [
                line.id,
                document.wijk.code,
                line.area,
                line.theme,
                line.pillar,
                "; ".join(line.goals),
                line.title,
                line.residents_said,
                line.proposed_effort,
                line.priority,
                line.status,
                evidence,
                "\n".join(line.quotes),
            ]
        )
    return rows


def theme_rows(document: WijkProgramme) -> list[list[Value]]:
    """The theme table as rows: themes down, buurten across, totals last; hidden figures as text."""
    table = document.themes
    header: list[Value] = [
        _("Theme"),
        *(document.column_labels.get(key) or _("Place unknown") for key in table.columns),
    ]
    header.append(_("Total"))
    rows = [header]

    def text(cell: Cell) -> Value:
        return _figure(cell, document.threshold)

    for theme_id in table.rows:
        row: list[Value] = [document.theme_labels.get(theme_id, str(theme_id))]
        row += [text(table.cell(theme_id, key)) for key in table.columns]
        row.append(text(table.row_totals[theme_id]))
        rows.append(row)
    totals: list[Value] = [_("Total")]
    totals += [text(table.column_totals[key]) for key in table.columns]
    totals.append(text(table.grand_total) if table.grand_total is not None else "")
    rows.append(totals)
    return rows


def csv_bytes(document: WijkProgramme) -> bytes:
    """The inputs as CSV (UTF-8 with a byte order mark, so that Excel reads the accents right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    for row in input_rows(document):
        writer.writerow([neutralise(value) if isinstance(value, str) else value for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _write_sheet(sheet: Worksheet, rows: Sequence[Sequence[Value]]) -> None:
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


def xlsx_bytes(document: WijkProgramme) -> bytes:
    """The inputs and the theme table, each on its own sheet."""
    workbook = Workbook()
    inputs = workbook.active
    assert inputs is not None
    inputs.title = str(_("Programme input"))[:31]
    _write_sheet(inputs, input_rows(document))
    _write_sheet(workbook.create_sheet(str(_("Themes per neighbourhood"))[:31]), theme_rows(document))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
