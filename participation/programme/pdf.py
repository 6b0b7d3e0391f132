"""A wijk's programme input as an A4 PDF, laid out with the survey forms' document helpers (one font for every
script, text shaping, right to left for Arabic)."""

from __future__ import annotations

from functools import partial

from flask_babel import format_datetime
from flask_babel import gettext as _

from participation.disclosure.text import cell_text
from participation.printing.document import (
    GREY,
    pdf_bytes,
)
from participation.printing.sheet import Sheet, labelled_sheet
from participation.programme.document import InputLine, WijkProgramme
from participation.programme.exports import theme_rows
from participation.programme.labels import QUOTE_REMOVED


def programme_pdf(document: WijkProgramme) -> bytes:
    """The document as PDF; call inside ``force_locale(document.language)`` so fixed texts match the labels."""
    title = _("Programme input for %(wijk)s", wijk=document.wijk.name)
    with labelled_sheet(title, f"{document.wijk.name} ({document.wijk.code})", document.language) as sheet:
        sheet.text(_("Made on %(date)s", date=format_datetime(document.generated_at, "short")), 9.5, color=GREY)
        sheet.space(4)
        if not document.inputs:
            sheet.text(_("No programme input for this district yet."), 11)
        for line in document.inputs:
            sheet.keep_together(partial(_input, line=line, threshold=document.threshold))
        _themes(sheet, document)
        return pdf_bytes(sheet.pdf)


def _input(sheet: Sheet, line: InputLine, threshold: int) -> None:
    sheet.rule()
    sheet.text(line.title, 13, bold=True)
    sheet.text(f"{line.area} · {line.theme} · {line.pillar}", 10, color=GREY)
    sheet.text(_("Priority: %(priority)s. Status: %(status)s.", priority=line.priority, status=line.status), 10)
    sheet.text(_("Strategic goals: %(goals)s", goals="; ".join(line.goals)), 10)
    if line.residents_said:
        sheet.text(_("What residents said"), 11, bold=True)
        sheet.text(line.residents_said, 10.5)
    if line.proposed_effort:
        sheet.text(_("Proposed effort"), 11, bold=True)
        sheet.text(line.proposed_effort, 10.5)
    sheet.text(_("Linked sources: %(count)s", count=cell_text(line.evidence, threshold)), 10, color=GREY)
    for quote in line.quotes:
        sheet.text(f"“{quote}”", 10.5)
    for _number in range(line.removed_quotes):
        sheet.text(str(QUOTE_REMOVED), 10.5, color=GREY)
    sheet.space(3)


def _themes(sheet: Sheet, document: WijkProgramme) -> None:
    rows = theme_rows(document)
    sheet.space(4)
    sheet.text(_("Themes per neighbourhood"), 14, bold=True)
    sheet.text(
        _(
            "Number of responses, conversations and activities that raised a theme. Figures based on fewer than "
            "%(k)d are hidden.",
            k=document.threshold,
        ),
        9.5,
        color=GREY,
    )
    sheet.space(2)
    if len(rows) <= 2:
        sheet.text(_("No themes have been coded in this district yet."), 10.5)
        return
    sheet.table([[str(value) for value in row] for row in rows])
