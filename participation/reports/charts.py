"""The yearly report's charts, the dashboard's drawn for the report's year: reach per line per quarter in each
wijk, response per buurt, and each indicator per area and over the years. The HTML places them inline, the PDF
as drawings; both from the same suppressed figures as the report's tables."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from participation.charts.dashboard import (
    Names,
    indicator_course_chart,
    indicator_interval_chart,
    reach_charts,
    response_chart,
)
from participation.charts.svg import Chart
from participation.indicators.dashboard import IndicatorView
from participation.reports.yearly import YearlyReport


@dataclass(frozen=True)
class ReportCharts:
    reach: tuple[tuple[str, Chart], ...]  # (wijk code, its chart)
    response: Chart | None
    # Indicator key -> its chart per area in the year, and its course up to the year with the figures drawn.
    indicators: dict[str, tuple[Chart, tuple[IndicatorView, Chart] | None]] = field(default_factory=dict)

    def indicator_charts(self, indicator: str) -> list[Chart]:
        if indicator not in self.indicators:
            return []
        interval, course = self.indicators[indicator]
        return [interval] if course is None else [interval, course[1]]


def yearly_charts(report: YearlyReport) -> ReportCharts:
    """Call inside ``force_locale(report.language)``; chart ids start with "report-" so the report can stand in a
    page beside the dashboard's."""
    dashboard, year = report.dashboard, report.year
    names = Names(
        report.language, report.focus_area_name, report.wijk_names, report.buurt_names, report.indicator_labels
    )
    indicators: dict[str, tuple[Chart, tuple[IndicatorView, Chart] | None]] = {}
    for index, view in enumerate(dashboard.indicators, start=1):
        if year not in view.years:
            continue
        interval = indicator_interval_chart(view, year, names, dashboard.threshold, f"report-indicator-{index}")
        # The course up to the report's year: a report of an earlier year says nothing of the years after it.
        until = replace(view, years=tuple(y for y in view.years if y <= year))
        course = None
        if len(until.years) > 1:
            course = (until, indicator_course_chart(until, names, dashboard.threshold, f"report-course-{index}"))
        indicators[view.indicator] = (interval, course)
    return ReportCharts(
        reach=tuple(reach_charts(dashboard, year, names, "report-reach")),
        response=response_chart(dashboard, year, names, "report-response"),
        indicators=indicators,
    )
