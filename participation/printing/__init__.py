"""Documents the app makes: A4 posters with a QR code for a survey link and paper forms per language, the PDF
helpers the programme input and the yearly report are laid out with (``document``, ``sheet``), and the bureau's
CSV and XLSX spreadsheets (``spreadsheets``).

Pure domain code: it takes survey definitions and plain values and returns PDF, SVG, CSV or XLSX bytes, without a Flask
request. Fixed texts are translated with the app's catalogs when an app context is active (``force_locale``).

The package re-exports nothing: importing it for the spreadsheets must not load fpdf and its font tools (a second
of start and tens of MB in every web worker), so each caller imports the module it needs.
"""
