"""A chart on a PDF page: the shapes as an SVG image (fpdf2 draws paths, lines, rects and circles), the labels
written over them by fpdf2's own text engine, which shapes Arabic and orders right-to-left text as the SVG
renderer does not."""

from __future__ import annotations

import io

from fpdf import FPDF

from participation.charts.svg import Align, Chart
from participation.printing.document import FONT_FAMILY

POINTS_PER_MM = 72 / 25.4


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def place_chart(pdf: FPDF, chart: Chart, x: float, y: float, width: float) -> float:
    """Draw ``chart`` with its top left at (``x``, ``y``) mm, ``width`` mm wide; returns its height in mm."""
    scale = width / chart.width
    pdf.image(io.BytesIO(chart.print_svg()), x=x, y=y, w=width)
    for label in chart.labels:
        pdf.set_font(FONT_FAMILY, "B" if label.bold else "", label.size * scale * POINTS_PER_MM)
        pdf.set_text_color(*_rgb(label.colour))
        text_width = pdf.get_string_width(label.text)
        left = x + label.x * scale
        if label.align is Align.RIGHT:
            left -= text_width
        elif label.align is Align.CENTRE:
            left -= text_width / 2
        pdf.text(left, y + label.y * scale, label.text)
    pdf.set_text_color(0, 0, 0)
    return chart.height * scale
