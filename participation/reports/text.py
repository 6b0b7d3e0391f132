"""How the report's figures read as text, shared by the HTML and the PDF so both say exactly the same."""

from __future__ import annotations

from babel.numbers import format_decimal
from flask_babel import gettext as _

from participation.disclosure import Cell
from participation.disclosure.text import cell_text
from participation.indicators.dashboard import MeanCell
from participation.indicators.means import FOCUS_AREA, MUNICIPALITY
from participation.reports.yearly import TargetLine, YearlyReport

NOTHING = "—"  # no data at all, as opposed to a hidden figure


def number(value: float, language: str) -> str:
    """A mean or average with one decimal, written the language's way (7,5 in Dutch)."""
    return format_decimal(value, "0.0", locale=language)


def figure(cell: Cell | None, threshold: int) -> str:
    """A count: the number, "fewer than k", or "hidden"."""
    return NOTHING if cell is None else cell_text(cell, threshold)


def mean_text(cell: MeanCell | None, threshold: int, language: str) -> str:
    """A mean with its 95% interval and count, or why it is not shown."""
    if cell is None or cell.mean is None:
        return NOTHING
    if cell.hidden:
        return cell_text(cell.count, threshold)
    mean = cell.mean
    text = number(mean.mean, language)
    if mean.low is not None and mean.high is not None:
        text += f" ({number(mean.low, language)}–{number(mean.high, language)})"
    return f"{text}; n = {cell.count.value}"


def reference_text(value: float | None, language: str) -> str:
    return NOTHING if value is None else number(value, language)


def area_name(report: YearlyReport, code: str) -> str:
    """An area of the indicator tables: the focus area, a wijk or the whole municipality."""
    if code == FOCUS_AREA:
        return report.focus_area_name
    if code == MUNICIPALITY:
        return str(_("Whole municipality"))
    return report.wijk_name(code)


def quarter_label(key: str) -> str:
    """ "2024-Q3" as a column heading: "Q3"."""
    return key.rsplit("-", 1)[-1]


def title(report: YearlyReport) -> str:
    return str(_("Accountability report %(year)d", year=report.year))


def suppression_note(report: YearlyReport) -> str:
    return str(
        _(
            "Figures based on fewer than %(k)d people are shown as “fewer than %(k)d”; some other figures are hidden "
            "so that they cannot be worked out from the rest.",
            k=report.threshold,
        )
    )


def measure(value: float | None, percentage: bool, language: str) -> str:
    """A target, a figure or a distance to go in the indicator's unit: a mean, or a share with a percent sign."""
    if value is None:
        return NOTHING
    return f"{number(value, language)}%" if percentage else number(value, language)


def latest_text(line: TargetLine, language: str) -> str:
    """The newest figure towards a target, with its year."""
    if line.latest is None:
        return NOTHING
    return f"{measure(line.latest, line.percentage, language)} ({line.latest_year})"


def demo_note() -> str:
    """The same words as every page's notice while the demo year is loaded: a report made from it is made up too."""
    return str(
        _("Demo data: everything shown here is made up, to try the platform out. Nothing is about real residents.")
    )
