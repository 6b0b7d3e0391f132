"""A printable A4 poster for a survey link: the QR code, the survey's title and a short call to scan, in one or
several languages, as PDF (for the printer) and as SVG (for designers who put it into their own layout).

Survey texts come from the definition; the fixed call to scan is translated with the app's catalogs, one
``force_locale`` per language. Both formats share one layout, computed once in millimetres.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from fpdf import FPDF

from participation.i18n import is_right_to_left
from participation.printing.document import FONT_FAMILY, new_document, pdf_bytes, use_language
from participation.printing.qr import QUIET_ZONE, QrSymbol, qr_symbol
from participation.surveys.model import SurveyDefinition

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
MARGIN = 18.0
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
PT = 0.3528  # millimetres per typographic point
LINE_SPACING = 1.3

CALL_TO_SCAN = _l("Scan the code with the camera of your phone and tell us what you think.")


class UnknownLanguage(ValueError):
    """A poster or form was asked in a language the survey does not have."""


@dataclass(frozen=True)
class PosterText:
    """What the poster says in one language."""

    language: str
    title: str
    call: str
    right_to_left: bool


@dataclass(frozen=True)
class TextLine:
    """One line of poster text, centred at ``y`` (its baseline, in mm from the top)."""

    text: str
    y: float
    size: float  # points
    bold: bool
    language: str
    right_to_left: bool


@dataclass(frozen=True)
class PosterLayout:
    """Where everything goes on the page, in millimetres from the top left corner."""

    lines: tuple[TextLine, ...]
    qr: QrSymbol
    qr_x: float
    qr_y: float
    module: float  # side of one QR module

    @property
    def qr_side(self) -> float:
        return (self.qr.size + 2 * QUIET_ZONE) * self.module


def check_languages(definition: SurveyDefinition, languages: Sequence[str]) -> list[str]:
    """The requested languages without repeats; ``UnknownLanguage`` for one the survey has no texts in."""
    unknown = [language for language in languages if language not in definition.languages]
    if unknown or not languages:
        raise UnknownLanguage(", ".join(unknown) or "no language")
    return list(dict.fromkeys(languages))


def poster_texts(definition: SurveyDefinition, languages: Sequence[str]) -> list[PosterText]:
    """The title and the call to scan in each language, in the order given."""
    texts = []
    for language in check_languages(definition, languages):
        with force_locale(language):
            call = str(CALL_TO_SCAN)
        title = definition.title.get(language, definition.default_language)
        texts.append(PosterText(language, title, call, is_right_to_left(language)))
    return texts


def _wrap(pdf: FPDF, text: str, size: float, bold: bool, language: str) -> list[str]:
    """Break ``text`` into lines that fit the text width, measured with the shaped font as it will be printed."""
    use_language(pdf, language)
    pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and pdf.get_string_width(candidate) > TEXT_WIDTH:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current or not lines else lines


def layout_poster(definition: SurveyDefinition, url: str, languages: Sequence[str], pdf: FPDF) -> PosterLayout:
    """Place the texts and the QR code: the first language large above the code, the others smaller below it.

    ``pdf`` measures the text, so that the SVG breaks its lines where the PDF does.
    """
    texts = poster_texts(definition, languages)
    # Fewer languages leave room for a larger code, which scans from further away.
    qr_side = {1: 130.0, 2: 120.0, 3: 110.0, 4: 100.0}.get(len(texts), 92.0)
    others = len(texts) - 1
    title_size, call_size = (26.0, 15.0) if others < 4 else (22.0, 13.0)
    small_title, small_call = (13.0, 11.0) if others < 3 else (11.0, 9.5)

    lines: list[TextLine] = []
    y = MARGIN

    def add(text: str, size: float, bold: bool, language: str, rtl: bool, gap: float = 0.0) -> None:
        nonlocal y
        for part in _wrap(pdf, text, size, bold, language):
            y += size * PT * LINE_SPACING
            lines.append(TextLine(part, y, size, bold, language, rtl))
        y += gap

    first = texts[0]
    add(first.title, title_size, True, first.language, first.right_to_left, 3.0)
    add(first.call, call_size, False, first.language, first.right_to_left, 6.0)
    symbol = qr_symbol(url)
    module = qr_side / (symbol.size + 2 * QUIET_ZONE)
    qr_x, qr_y = (PAGE_WIDTH - qr_side) / 2, y
    y += qr_side
    add(url, 9.0, False, "en", False, 6.0)
    for text in texts[1:]:
        add(text.title, small_title, True, text.language, text.right_to_left, 0.5)
        add(text.call, small_call, False, text.language, text.right_to_left, 4.0)
    # Centre the whole block on the page rather than leaving the bottom empty.
    shift = max(0.0, (PAGE_HEIGHT - MARGIN - y) / 2)
    shifted = tuple(TextLine(ln.text, ln.y + shift, ln.size, ln.bold, ln.language, ln.right_to_left) for ln in lines)
    return PosterLayout(shifted, symbol, qr_x, qr_y + shift, module)


def poster_pdf(definition: SurveyDefinition, url: str, languages: Sequence[str]) -> bytes:
    """The poster as a one-page A4 PDF."""
    with new_document(definition.title.get(languages[0] if languages else "", definition.default_language)) as pdf:
        layout = layout_poster(definition, url, languages, pdf)
        pdf.set_auto_page_break(auto=False)
        pdf.add_page()
        _draw_qr(pdf, layout)
        for line in layout.lines:
            use_language(pdf, line.language)
            pdf.set_font(FONT_FAMILY, "B" if line.bold else "", line.size)
            height = line.size * PT * LINE_SPACING
            # cell() takes the top of the line; the layout holds baselines, as SVG does.
            pdf.set_xy(MARGIN, line.y - height * 0.8)
            pdf.cell(TEXT_WIDTH, height, line.text, align="C")
        return pdf_bytes(pdf)


def _draw_qr(pdf: FPDF, layout: PosterLayout) -> None:
    pdf.set_fill_color(0, 0, 0)
    origin_x = layout.qr_x + QUIET_ZONE * layout.module
    origin_y = layout.qr_y + QUIET_ZONE * layout.module
    for run in layout.qr.runs:
        # A hair of overlap closes the seams some PDF viewers show between neighbouring rectangles.
        pdf.rect(
            origin_x + run.x * layout.module,
            origin_y + run.y * layout.module,
            run.length * layout.module + 0.02,
            layout.module + 0.02,
            style="F",
        )


def poster_svg(definition: SurveyDefinition, url: str, languages: Sequence[str]) -> str:
    """The poster as an A4 SVG document (millimetre units), with the QR code as one path of dark runs."""
    with new_document(definition.slug) as measure:
        layout = layout_poster(definition, url, languages, measure)
    first_language = layout.lines[0].language
    title = definition.title.get(first_language, definition.default_language)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_WIDTH:g}mm" height="{PAGE_HEIGHT:g}mm" '
        f'viewBox="0 0 {PAGE_WIDTH:g} {PAGE_HEIGHT:g}" xml:lang={quoteattr(first_language)}>',
        f"<title>{escape(title)}</title>",
        f'<rect width="{PAGE_WIDTH:g}" height="{PAGE_HEIGHT:g}" fill="#fff"/>',
        _svg_qr(layout),
        '<g font-family="DejaVu Sans, Noto Sans, Arial, sans-serif" fill="#000" text-anchor="middle">',
    ]
    for line in layout.lines:
        direction = ' direction="rtl"' if line.right_to_left else ""
        weight = ' font-weight="bold"' if line.bold else ""
        parts.append(
            f'<text x="{PAGE_WIDTH / 2:g}" y="{line.y:.2f}" font-size="{line.size * PT:.2f}"{weight}{direction} '
            f"xml:lang={quoteattr(line.language)}>{escape(line.text)}</text>"
        )
    parts.extend(["</g>", "</svg>", ""])
    return "\n".join(parts)


def _svg_qr(layout: PosterLayout) -> str:
    path = "".join(f"M{run.x} {run.y}h{run.length}v1h-{run.length}z" for run in layout.qr.runs)
    offset_x = layout.qr_x + QUIET_ZONE * layout.module
    offset_y = layout.qr_y + QUIET_ZONE * layout.module
    return (
        f'<g id="qr-code" data-url={quoteattr(layout.qr.url)} data-modules="{layout.qr.size}">'
        f'<rect x="{layout.qr_x:.3f}" y="{layout.qr_y:.3f}" width="{layout.qr_side:.3f}" '
        f'height="{layout.qr_side:.3f}" fill="#fff"/>'
        f'<path transform="translate({offset_x:.3f} {offset_y:.3f}) scale({layout.module:.5f})" '
        f'fill="#000" shape-rendering="crispEdges" d="{path}"/></g>'
    )
