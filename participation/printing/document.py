"""An A4 PDF document set up for every language the surveys ship: one font for all scripts, text shaping, and the
writing direction of the language at hand.

The font is DejaVu Sans: it covers Latin (Dutch, English, Turkish, Polish), Cyrillic (Bulgarian) and Arabic with
the OpenType features Arabic needs (init, medi, fina, rlig). It comes from the operating system's font package,
Debian's ``fonts-dejavu-core`` (``make run``, ``make test`` and CI install it, as they install Chromium for the
browser tests, which need the same package): no package on PyPI ships DejaVu Sans for its own sake, and taking it
from matplotlib's package data put a plotting library of 30 MB on every install for two font files. The OS package
gets the distribution's updates, and nothing is downloaded at run time.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from fpdf import FPDF

from participation.i18n import is_right_to_left

FONT_FAMILY = "dejavu"
# Where Debian's fonts-dejavu-core puts the files.
FONT_DIRECTORY = Path("/usr/share/fonts/truetype/dejavu")
FONT_PACKAGE = "fonts-dejavu-core"
GREY = (85, 85, 85)  # still dark enough to read on a cheap copier


class FontMissing(RuntimeError):
    """The font files are not where the operating system's font package puts them."""


@cache
def font_files() -> dict[str, Path]:
    """The regular and bold DejaVu Sans files, by fpdf2 style ("" and "B")."""
    files = {"": FONT_DIRECTORY / "DejaVuSans.ttf", "B": FONT_DIRECTORY / "DejaVuSans-Bold.ttf"}
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        raise FontMissing(
            f"The printed forms and reports need the DejaVu Sans font, and {', '.join(missing)} is missing: "
            f"install the {FONT_PACKAGE} package (sudo apt-get install {FONT_PACKAGE}, or `make install` as root)"
        )
    return files


class LabelledDocument(FPDF):
    """An FPDF document whose footer names it (``label``: the wijk, the report) and numbers the pages."""

    label: str = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT_FAMILY, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"{self.label} · {self.page_no()}", align="C")
        self.set_text_color(0, 0, 0)


@contextmanager
def new_document(title: str, document_class: type[FPDF] = FPDF) -> Iterator[FPDF]:
    """An empty A4 portrait document with the font registered and text shaping on; add pages to it inside the
    ``with`` block, and take its bytes there with ``pdf_bytes``.

    ``document_class`` is FPDF or a subclass with its own header or footer.
    """
    pdf = document_class(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(title)
    pdf.set_creator("participation")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    with warnings.catch_warnings():
        # fpdf2 may warn while reading a font (tables it skips, glyphs it cannot subset), attributed to this line
        # by its stack level; that changes nothing on paper, and the test suite turns every warning into an error.
        # Only the reading of the font is covered.
        warnings.simplefilter("ignore")
        for style, path in font_files().items():
            pdf.add_font(FONT_FAMILY, style, str(path))
    pdf.set_font(FONT_FAMILY, size=11)
    use_language(pdf, "en")
    try:
        yield pdf
    finally:
        _close_fonts(pdf)


def _close_fonts(pdf: FPDF) -> None:
    # fpdf2 reads fonts lazily and keeps their files open for the life of the document; closing them here
    # spares the file handles (and the ResourceWarning) of every poster and form.
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.close()


def use_language(pdf: FPDF, language: str) -> None:
    """Shape the following text for ``language``: Arabic joined and right to left, other scripts as they come.

    Right-to-left languages get their base direction forced, so that a line that begins with a number or a Latin
    name still reads from the right; the others let the bidi algorithm decide per paragraph.
    """
    # The script is left to HarfBuzz to guess per run: a Latin name inside Arabic text must be shaped as Latin.
    direction = "rtl" if is_right_to_left(language) else None
    pdf.set_text_shaping(use_shaping_engine=True, direction=direction, language=language)


def pdf_bytes(pdf: FPDF) -> bytes:
    """The finished document as bytes."""
    return bytes(pdf.output())
