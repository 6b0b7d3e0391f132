"""Reading printed material back as text, the way a screen reader or a search would."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_pages(data: bytes) -> list[str]:
    """The extracted text of each page, with runs of white space made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text(data: bytes) -> str:
    """The extracted text of the whole document."""
    return " ".join(pdf_pages(data))
