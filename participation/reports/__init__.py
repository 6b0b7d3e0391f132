"""The yearly accountability report (verantwoording): figures and quotes of one year, as HTML and PDF.

No flask.request here: ``yearly_report`` takes a database session and plain values; the renderers need an app
context for the translations (call them inside ``force_locale``).
"""

from participation.reports.html import app_stylesheet, report_body, yearly_html
from participation.reports.queries import years_with_data
from participation.reports.yearly import (
    QUOTES_PER_THEME,
    IndicatorLine,
    InputLine,
    QuoteGroup,
    YearlyReport,
    configured_report,
    record_report_export,
    yearly_report,
)

__all__ = [
    "QUOTES_PER_THEME",
    "IndicatorLine",
    "InputLine",
    "QuoteGroup",
    "YearlyReport",
    "app_stylesheet",
    "configured_report",
    "record_report_export",
    "report_body",
    "yearly_html",
    "yearly_report",
    "years_with_data",
]
