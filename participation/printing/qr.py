"""The QR code of a survey link, as rows of dark runs that both the PDF and the SVG poster draw as rectangles.

Drawing the modules ourselves (rather than embedding segno's own SVG) keeps the code vector-sharp in both formats
and lets the tests read the matrix back from the SVG and compare it with the code for the expected address.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

# The quiet zone a scanner needs around the code, in modules (the QR standard asks for four).
QUIET_ZONE = 4


@dataclass(frozen=True)
class DarkRun:
    """A horizontal run of dark modules: row ``y``, from column ``x``, ``length`` modules long."""

    x: int
    y: int
    length: int


@dataclass(frozen=True)
class QrSymbol:
    """A QR code for ``url``: its size in modules (without quiet zone) and its dark runs."""

    url: str
    size: int
    runs: tuple[DarkRun, ...]


def survey_link(base_url: str, slug: str, language: str, campaign: str | None = None) -> str:
    """The absolute address of a survey in a language, with the campaign that residents came through."""
    link = f"{base_url.rstrip('/')}/{language}/s/{slug}/"
    return f"{link}?{urlencode({'c': campaign})}" if campaign else link


def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of the QR code for ``url`` (True is dark), row by row, without the quiet zone."""
    import segno  # only posters draw codes; the field's routes import this module for survey_link

    # Error level M survives a crease or a smudge on a printed poster and keeps the code small enough to scan
    # from a distance; never a Micro QR, which many phone cameras do not read.
    code = segno.make(url, error="m", micro=False)
    return tuple(tuple(bool(module) for module in row) for row in code.matrix)


def qr_symbol(url: str) -> QrSymbol:
    """The QR code for ``url`` as dark runs, ready to draw."""
    matrix = qr_matrix(url)
    runs: list[DarkRun] = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            runs.append(DarkRun(start, y, x - start))
    return QrSymbol(url=url, size=len(matrix), runs=tuple(runs))
