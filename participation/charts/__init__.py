"""Server-rendered SVG charts: no script, no third-party requests, the same drawing in a page and in a PDF.

``svg`` writes a chart (escaped, titled, described), ``palette`` holds colours that keep their contrast, and the
kinds are ``intervals`` (a mean per area with its interval against a reference), ``course`` (a figure over the
years) and ``bars`` (bars in named groups). ``dashboard`` turns the bureau's suppressed figures into these charts,
drawing a hidden figure as a gap, and ``printing`` places a chart on a PDF page.
"""

from participation.charts.bars import Bar, BarGroup, bar_chart
from participation.charts.course import Series, course_chart
from participation.charts.intervals import IntervalRow, interval_chart
from participation.charts.svg import Align, Chart, Label

__all__ = [
    "Align",
    "Bar",
    "BarGroup",
    "Chart",
    "IntervalRow",
    "Label",
    "Series",
    "bar_chart",
    "course_chart",
    "interval_chart",
]
