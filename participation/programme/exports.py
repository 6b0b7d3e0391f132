"""A wijk's programme input as CSV and XLSX for the bureau's spreadsheets (formula-safe: see spreadsheets)."""

from __future__ import annotations

from flask_babel import gettext as _

from participation.audit.exports import ExportedFigures, record_export
from participation.disclosure import Cell, DisclosurePolicy
from participation.disclosure.text import cell_value
from participation.models import StaffUser
from participation.models.base import DbSession
from participation.printing import spreadsheets
from participation.printing.spreadsheets import FORMULA_STARTS, Value, neutralise
from participation.programme.document import InputLine, WijkProgramme
from participation.programme.labels import QUOTE_REMOVED

__all__ = [
    "FORMULA_STARTS",
    "csv_bytes",
    "input_rows",
    "neutralise",
    "record_programme_export",
    "theme_rows",
    "xlsx_bytes",
]


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
        evidence = cell_value(line.evidence, document.threshold)
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
                "\n".join(quotes_shown(line)),
            ]
        )
    return rows


def quotes_shown(line: InputLine) -> list[str]:
    """The consented quotes of an input, and a mark in place of each one removed at the resident's request."""
    return [*line.quotes, *[str(QUOTE_REMOVED)] * line.removed_quotes]


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
        return cell_value(cell, document.threshold)

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
    """The inputs as CSV."""
    return spreadsheets.csv_bytes(input_rows(document))


def xlsx_bytes(document: WijkProgramme) -> bytes:
    """The inputs and the theme table, each on its own sheet."""
    return spreadsheets.xlsx_bytes(
        {str(_("Programme input")): input_rows(document), str(_("Themes per neighbourhood")): theme_rows(document)}
    )


def record_programme_export(session: DbSession, document: WijkProgramme, fmt: str, actor: StaffUser) -> None:
    """Exports leave the app: who took which wijk's figures, in which form and under which suppression, is kept."""
    policy = DisclosurePolicy(threshold=document.themes.threshold, suppress=document.themes.suppressed)
    record_export(session, ExportedFigures.PROGRAMME, actor=actor, fmt=fmt, policy=policy, wijk=document.wijk.code)
