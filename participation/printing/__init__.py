"""Documents the app makes: A4 posters with a QR code for a survey link and paper forms per language, the PDF
helpers the programme input and the yearly report are laid out with (``document``, ``sheet``), and the bureau's
CSV and XLSX spreadsheets (``spreadsheets``).

Pure domain code: it takes survey definitions and plain values and returns PDF, SVG, CSV or XLSX bytes, without a Flask
request. Fixed texts are translated with the app's catalogs when an app context is active (``force_locale``).
"""

from participation.printing.paper_form import paper_form_pdf
from participation.printing.poster import UnknownLanguage, poster_pdf, poster_svg
from participation.printing.qr import survey_link

__all__ = ["UnknownLanguage", "paper_form_pdf", "poster_pdf", "poster_svg", "survey_link"]
