"""How every export leaves the app: one response with the type of its kind, a safely quoted file name and no copy
kept by the browser or a proxy (exports hold personal or suppressed figures)."""

from __future__ import annotations

import unicodedata
from enum import Enum
from urllib.parse import quote

from flask import Response

# RFC 5987 attr-char: what may stand unescaped in ``filename*``.
_ATTR_CHARS = "!#$&+-.^_`|~"


class ExportKind(Enum):
    """The kinds of file the app hands out, each with its media type."""

    CSV = "text/csv; charset=utf-8"
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    PDF = "application/pdf"
    HTML = "text/html; charset=utf-8"
    SVG = "image/svg+xml"
    GEOJSON = "application/geo+json"
    JSON = "application/json"
    SAV = "application/x-spss-sav"

    @property
    def media_type(self) -> str:
        return self.value


def ascii_filename(filename: str) -> str:
    """The file name for clients that do not read ``filename*``: accents dropped, and what would end or break the
    quoted string (quotes, backslashes, control and other non-ASCII characters) replaced by ``_``."""
    decomposed = unicodedata.normalize("NFKD", filename)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "".join(char if " " <= char <= "~" and char not in '"\\' else "_" for char in plain)


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """A ``Content-Disposition`` value after RFC 6266: an ASCII ``filename`` and the exact ``filename*`` in UTF-8."""
    disposition = "inline" if inline else "attachment"
    exact = quote(filename, safe=_ATTR_CHARS, encoding="utf-8")
    return f"{disposition}; filename=\"{ascii_filename(filename)}\"; filename*=UTF-8''{exact}"


def download(content: bytes | str, filename: str, kind: ExportKind, *, inline: bool = False) -> Response:
    """The response of an export: ``content`` as a ``kind`` file named ``filename``, saved by the browser (or, with
    ``inline``, shown in it), never stored by a cache. ``X-Content-Type-Options: nosniff`` is set on every response
    by the security headers."""
    response = Response(content, content_type=kind.media_type)
    response.headers["Content-Disposition"] = content_disposition(filename, inline=inline)
    response.headers["Cache-Control"] = "no-store"
    return response
