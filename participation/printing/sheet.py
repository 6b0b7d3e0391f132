"""Drawing a paper form, one block at a time, mirrored for right-to-left languages.

A ``Sheet`` writes to the PDF from the top down. Every block can also be measured without drawing, so that a
question is never split over two pages: a respondent should see a question and all its boxes together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from participation.i18n import is_right_to_left
from participation.printing.document import (
    FONT_FAMILY,
    GREY,
    LabelledDocument,
    new_document,
    use_language,
)

BOX = 4.6  # side of a tick box, mm: large enough to put a cross in with a ballpoint
GAP = 2.5
LINE_HEIGHT_FACTOR = 1.35
PT = 0.3528
BLACK = (0, 0, 0)


class Sheet:
    """Writes blocks at the current position; with ``measuring`` it only adds up how much room they need."""

    def __init__(self, pdf: FPDF, right_to_left: bool, measuring: bool = False) -> None:
        self.pdf = pdf
        self.right_to_left = right_to_left
        self.measuring = measuring
        self.used = 0.0

    @property
    def left(self) -> float:
        return float(self.pdf.l_margin)

    @property
    def width(self) -> float:
        return float(self.pdf.epw)

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def align(self) -> str:
        return "R" if self.right_to_left else "L"

    def measure(self, draw: Callable[[Sheet], None]) -> float:
        """How much height ``draw`` would take, without drawing anything."""
        probe = Sheet(self.pdf, self.right_to_left, measuring=True)
        draw(probe)
        return probe.used

    def keep_together(self, draw: Callable[[Sheet], None], extra: float = 0.0) -> None:
        """Draw a block, on a new page when it would not fit on this one."""
        needed = self.measure(draw) + extra
        if not self.measuring and self.pdf.will_page_break(needed):
            self.pdf.add_page()
        draw(self)

    def _advance(self, height: float) -> None:
        self.used += height
        if not self.measuring:
            self.pdf.set_y(self.pdf.get_y() + height)

    def space(self, height: float) -> None:
        """Empty room of ``height`` mm."""
        self._advance(height)

    def text(
        self,
        text: str,
        size: float = 11,
        *,
        bold: bool = False,
        color: tuple[int, int, int] = BLACK,
        inset: float = 0.0,
        align: str | None = None,
    ) -> None:
        """A paragraph over the text width (less ``inset`` on the starting side), wrapped."""
        self.pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
        self.pdf.set_text_color(*color)
        line_height = size * PT * LINE_HEIGHT_FACTOR
        width = self.width - inset
        x = self.left if self.right_to_left else self.left + inset
        height = self.pdf.multi_cell(width, line_height, text, dry_run=True, output="HEIGHT")
        assert isinstance(height, float | int)
        if self.measuring:
            self.used += height
            return
        self.pdf.set_x(x)
        self.pdf.multi_cell(width, line_height, text, align=align or self.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.used += height
        self.pdf.set_text_color(*BLACK)

    def _box(self, x: float, y: float) -> None:
        if not self.measuring:
            self.pdf.set_line_width(0.35)
            self.pdf.rect(x, y, BOX, BOX)

    def option(self, label: str, size: float = 11) -> None:
        """A tick box with its label, on the starting side of the line."""
        line_height = size * PT * LINE_HEIGHT_FACTOR
        top = self.pdf.get_y()
        box_x = self.right - BOX if self.right_to_left else self.left
        self._box(box_x, top + (line_height - BOX) / 2)
        self.text(label, size, inset=BOX + GAP)
        self._advance(1.2)

    def scale(self, labels: Sequence[str], size: float = 10) -> None:
        """A row of tick boxes with a label above each, such as the marks 1 to 10."""
        cell = self.width / len(labels)
        line_height = size * PT * LINE_HEIGHT_FACTOR
        if not self.measuring:
            top = self.pdf.get_y()
            self.pdf.set_font(FONT_FAMILY, "", size)
            for index, label in enumerate(labels):
                # The scale runs in reading direction: 1 on the right for Arabic.
                x = self.right - (index + 1) * cell if self.right_to_left else self.left + index * cell
                self.pdf.set_xy(x, top)
                self.pdf.cell(cell, line_height, label, align="C")
                self._box(x + (cell - BOX) / 2, top + line_height + 0.5)
            self.pdf.set_xy(self.left, top)
        self._advance(line_height + BOX + 2.5)

    def write_line(self, label: str = "", size: float = 10, length: float | None = None) -> None:
        """A line to write on, after an optional label (Street, Postcode ...)."""
        height = 9.0
        if not self.measuring:
            top = self.pdf.get_y()
            baseline = top + height - 1.5
            self.pdf.set_font(FONT_FAMILY, "", size)
            label_width = self.pdf.get_string_width(label) + GAP if label else 0.0
            span = min(length or self.width, self.width) - label_width
            if label:
                label_x = self.right - label_width if self.right_to_left else self.left
                self.pdf.set_xy(label_x, baseline - size * PT * 1.1)
                self.pdf.cell(label_width, size * PT * 1.2, label, align=self.align)
            start = self.right - label_width - span if self.right_to_left else self.left + label_width
            self.pdf.set_line_width(0.2)
            self.pdf.set_draw_color(*GREY)
            self.pdf.line(start, baseline, start + span, baseline)
            self.pdf.set_draw_color(*BLACK)
            self.pdf.set_xy(self.left, top)
        self._advance(height)

    def number_box(self, width: float = 32.0) -> None:
        """A box to write a number in."""
        height = 9.0
        if not self.measuring:
            top = self.pdf.get_y() + 1
            x = self.right - width if self.right_to_left else self.left
            self.pdf.set_line_width(0.35)
            self.pdf.rect(x, top, width, height - 1.5)
        self._advance(height + 1)

    def table(self, rows: Sequence[Sequence[str]]) -> None:
        """A table whose first row is the heading; the first column reads as a label, the others as figures. A table
        breaks over pages by itself, so it is drawn, never measured."""
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, "", 8.5)
        pdf.set_x(pdf.l_margin)
        widths = (3, *([2] * (len(rows[0]) - 1))) if len(rows[0]) > 1 else None
        with pdf.table(
            first_row_as_headings=True, text_align="RIGHT" if self.right_to_left else "LEFT", col_widths=widths
        ) as table:
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(value)
        pdf.ln(1)

    def rule(self) -> None:
        """A thin line across the page, between sections."""
        if not self.measuring:
            y = self.pdf.get_y()
            self.pdf.set_line_width(0.3)
            self.pdf.line(self.left, y, self.right, y)
        self._advance(2.5)


@contextmanager
def labelled_sheet(title: str, label: str, language: str) -> Iterator[Sheet]:
    """A document with ``label`` in every page's footer and its text shaped for ``language``, on its first page
    with ``title`` written large; take its bytes with ``pdf_bytes(sheet.pdf)`` inside the ``with`` block."""
    with new_document(title, LabelledDocument) as pdf:
        assert isinstance(pdf, LabelledDocument)
        pdf.label = label
        use_language(pdf, language)
        pdf.add_page()
        sheet = Sheet(pdf, is_right_to_left(language))
        sheet.text(title, 18, bold=True)
        yield sheet
