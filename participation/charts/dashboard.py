"""The bureau's figures as charts: each indicator per wijk against the Dordrecht average, its course over the years,
response per buurt against the population, and reach per participation line per quarter.

Every chart is drawn from the dashboard's suppressed tables, cell for cell: a figure the table hides is a gap with
the table's own words for it ("fewer than 5", "hidden"), and no chart adds a figure (a total, an average) that
the tables do not show. Labels are names in the viewer's language; call inside the request or ``force_locale``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from babel.numbers import format_decimal
from flask_babel import gettext as _

from participation.charts.bars import Bar, BarGroup, bar_chart
from participation.charts.course import Series, course_chart
from participation.charts.intervals import IntervalRow, interval_chart
from participation.charts.svg import Chart
from participation.disclosure import Cell
from participation.disclosure.text import cell_text
from participation.indicators.dashboard import Dashboard, IndicatorView, MeanCell
from participation.indicators.means import FOCUS_AREA, MUNICIPALITY
from participation.models.lines import ParticipationLine


@dataclass(frozen=True)
class Names:
    """What the charts call things, in the viewer's language."""

    language: str
    focus_area: str
    wijken: Mapping[str, str]
    buurten: Mapping[str, str]
    indicators: Mapping[str, str]

    def area(self, code: str) -> str:
        if code == FOCUS_AREA:
            return self.focus_area
        if code == MUNICIPALITY:
            return str(_("Whole municipality"))
        return self.wijken.get(code, code)

    def indicator(self, key: str) -> str:
        return self.indicators.get(key, key)

    def decimal(self, value: float) -> str:
        return format_decimal(value, "0.0", locale=self.language)

    def tick(self, value: float) -> str:
        return format_decimal(value, "0.##", locale=self.language)

    def percent(self, value: float) -> str:
        return format_decimal(value, "0.0", locale=self.language) + "%"


def _mean_or_gap(cell: MeanCell | None, threshold: int) -> tuple[float | None, str]:
    if cell is None or cell.mean is None:
        return None, str(_("no answers"))
    if cell.hidden:
        return None, cell_text(cell.count, threshold)
    return cell.mean.mean, ""


def indicator_interval_chart(view: IndicatorView, year: int, names: Names, threshold: int, chart_id: str) -> Chart:
    """The indicator's mean per area in ``year`` with its 95% interval, against the Dordrecht average."""
    rows = []
    for area in view.areas:
        cell = view.cells.get((area, year))
        mean, why = _mean_or_gap(cell, threshold)
        if mean is None or cell is None or cell.mean is None:
            rows.append(IntervalRow(names.area(area), None, None, None, why))
            continue
        rows.append(IntervalRow(names.area(area), mean, cell.mean.low, cell.mean.high, names.decimal(mean)))
    reference = view.reference.get(year)
    label = names.indicator(view.indicator)
    description = _(
        "%(indicator)s in %(year)d: the mean per area as a dot, its 95%% interval as a line through it.",
        indicator=label,
        year=year,
    )
    if reference is not None:
        description += " " + _("The dashed line is the Dordrecht average, %(value)s.", value=names.decimal(reference))
    return interval_chart(
        chart_id,
        _("Per area, %(year)d: %(indicator)s", indicator=label, year=year),
        description,
        rows,
        reference=reference,
        reference_label=_("Dordrecht average %(value)s", value=names.decimal(reference))
        if reference is not None
        else "",
        tick_text=names.tick,
    )


def indicator_course_chart(view: IndicatorView, names: Names, threshold: int, chart_id: str) -> Chart:
    """The indicator over the years: the focus area and the whole municipality beside the Dordrecht average."""
    series = []
    for area in (FOCUS_AREA, MUNICIPALITY):
        values: list[float | None] = []
        texts: list[str] = []
        for year in view.years:
            mean, why = _mean_or_gap(view.cells.get((area, year)), threshold)
            values.append(mean)
            texts.append(names.decimal(mean) if mean is not None else why)
        series.append(Series(names.area(area), values, texts))
    if view.reference:
        references = [view.reference.get(year) for year in view.years]
        texts = [names.decimal(value) if value is not None else "—" for value in references]
        series.append(Series(str(_("Dordrecht average")), references, texts))
    label = names.indicator(view.indicator)
    return course_chart(
        chart_id,
        _("Over the years: %(indicator)s", indicator=label),
        _(
            "%(indicator)s per year, from %(first)d to %(last)d: one line per area, a break where a year has no "
            "figure that may be shown.",
            indicator=label,
            first=view.years[0],
            last=view.years[-1],
        ),
        [str(year) for year in view.years],
        series,
        tick_text=names.tick,
    )


def response_chart(dashboard: Dashboard, year: int, names: Names, chart_id: str) -> Chart | None:
    """Response per buurt in ``year``: the share of residents aged 15 or older who responded where population
    figures are imported, else the number of responses. None when the year has no responses."""
    table = dashboard.rates
    if year not in table.columns:
        return None
    buurten = sorted(
        (buurt for buurt in table.rows if table.cell(buurt, year).value),
        key=lambda code: names.buurten.get(code, code).casefold(),
    )
    as_rates = any((buurt, year) in dashboard.residents for buurt in buurten)
    bars = []
    for buurt in buurten:
        cell = table.cell(buurt, year)
        name = names.buurten.get(buurt, buurt)
        residents = dashboard.residents.get((buurt, year))
        if cell.hidden:
            bars.append(Bar(name, None, cell_text(cell, dashboard.threshold)))
        elif not as_rates:
            bars.append(Bar(name, float(cell.value), str(cell.value)))
        elif not residents:
            bars.append(Bar(name, None, str(_("no population figures"))))
        else:
            rate = 100 * cell.value / residents
            bars.append(Bar(name, rate, names.percent(rate)))
    if as_rates:
        title = _("Response per buurt against the population, %(year)d", year=year)
        description = _(
            "For each buurt, the share of its residents aged 15 or older who responded in %(year)d.", year=year
        )
        axis = _("Share of residents aged 15 or older who responded, in percent")
    else:
        title = _("Responses per buurt, %(year)d", year=year)
        description = _("For each buurt, the number of responses in %(year)d.", year=year)
        axis = _("Responses")
    return bar_chart(chart_id, title, description, [BarGroup("", bars)], axis_label=axis, tick_text=names.tick)


def reach_charts(dashboard: Dashboard, year: int, names: Names, chart_id: str) -> list[tuple[str, Chart]]:
    """Reach per participation line per quarter of ``year``, one chart per wijk: (wijk code, chart)."""
    table = dashboard.reach_quarters.get(year)
    if table is None:
        return []
    lines = [line for line in ParticipationLine]
    charts = []
    for index, wijk in enumerate(sorted({wijk for wijk, _line in table.rows}, key=names.area)):
        groups = []
        for series, line in enumerate(lines):
            if (wijk, line.value) not in table.rows:
                continue
            bars = []
            for quarter in table.columns:
                cell: Cell = table.cell((wijk, line.value), quarter)
                label = _("Quarter %(quarter)d", quarter=quarter)
                if cell.hidden:
                    bars.append(Bar(label, None, cell_text(cell, dashboard.threshold), series))
                else:
                    bars.append(Bar(label, float(cell.value), str(cell.value), series))
            groups.append(BarGroup(line.label, bars))
        wijk_name = names.area(wijk)
        charts.append(
            (
                wijk,
                bar_chart(
                    f"{chart_id}-{index + 1}",
                    _("Reach per participation line per quarter in %(wijk)s, %(year)d", wijk=wijk_name, year=year),
                    _(
                        "Residents reached in %(wijk)s in each quarter of %(year)d, grouped by participation line: "
                        "responses, residents in conversations and attendance at activities.",
                        wijk=wijk_name,
                        year=year,
                    ),
                    groups,
                    axis_label=_("Residents reached"),
                    tick_text=names.tick,
                    whole=True,
                ),
            )
        )
    return charts
