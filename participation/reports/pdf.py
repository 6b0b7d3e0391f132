"""The yearly report as an A4 PDF, with the printing helpers of the survey forms and the programme documents (one
font for every script, text shaping, right to left for Arabic). Figures come as text from ``reports.text``, so
the PDF shows exactly what the HTML shows."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import format_datetime
from flask_babel import gettext as _

from participation.charts.printing import place_chart
from participation.charts.svg import Chart
from participation.disclosure import DisclosedTable
from participation.printing.document import (
    GREY,
    pdf_bytes,
)
from participation.printing.sheet import Sheet, labelled_sheet
from participation.reports import text
from participation.reports.charts import ReportCharts, yearly_charts
from participation.reports.yearly import YearlyReport

CHART_WIDTH = 120.0  # mm: the charts' text stays about the size of the tables'
CHART_HEIGHT = 230.0  # mm at most, so that a long list of buurten still fits a page


def yearly_pdf(report: YearlyReport) -> bytes:
    """The report as PDF; call inside ``force_locale(report.language)`` so fixed texts match the labels."""
    title = text.title(report)
    with labelled_sheet(title, f"{report.focus_area_name} · {title}", report.language) as sheet:
        made_on = _("Made on %(date)s", date=format_datetime(report.generated_at, "short"))
        sheet.text(f"{report.focus_area_name} · {made_on}", 9.5, color=GREY)
        if report.demo:
            sheet.text(text.demo_note(), 10.5)
        if report.suppressed:
            sheet.text(text.suppression_note(report), 9.5, color=GREY)
        charts = yearly_charts(report)
        _reach(sheet, report, charts)
        _contacts(sheet, report, charts)
        _themes(sheet, report)
        _indicators(sheet, report, charts)
        _targets(sheet, report)
        _quotes(sheet, report)
        _inputs(sheet, report)
        return pdf_bytes(sheet.pdf)


def _heading(sheet: Sheet, heading: str, note: str = "") -> None:
    # A heading never ends a page alone: it moves on with room for a few lines of what follows.
    def draw(target: Sheet) -> None:
        target.space(5)
        target.text(heading, 14, bold=True)
        if note:
            target.text(note, 9.5, color=GREY)
        target.space(1.5)

    sheet.keep_together(draw, extra=20)


def _chart(sheet: Sheet, chart: Chart) -> None:
    """A chart under its title, on the next page when it does not fit on this one."""
    width = min(CHART_WIDTH, sheet.width, CHART_HEIGHT * chart.width / chart.height)
    height = chart.height * width / chart.width

    def draw(target: Sheet) -> None:
        target.space(2)
        target.text(chart.title, 9.5, bold=True)
        if not target.measuring:
            x = target.right - width if target.right_to_left else target.left
            place_chart(target.pdf, chart, x, target.pdf.get_y(), width)
        target.space(height + 2)

    sheet.keep_together(draw)


def _reach(sheet: Sheet, report: YearlyReport, charts: ReportCharts) -> None:
    _heading(
        sheet,
        _("Reach per participation line"),
        _("Residents reached per wijk and line: responses, residents in conversations, attendance at activities."),
    )
    _per_wijk(sheet, report, report.reach, report.line_labels, _("Nobody was reached in this year."))
    for _wijk, chart in charts.reach:
        _chart(sheet, chart)


def _contacts(sheet: Sheet, report: YearlyReport, charts: ReportCharts) -> None:
    _heading(sheet, _("Responses, conversations and activities"))
    _per_wijk(sheet, report, report.contacts, report.source_labels, _("Nothing was recorded in this year."))
    if charts.response is not None:
        _chart(sheet, charts.response)


def _per_wijk(
    sheet: Sheet, report: YearlyReport, table: DisclosedTable[str, str], labels: Mapping[str, str], empty: str
) -> None:
    """Wijken down, ``labels`` across (the participation lines, or the kinds of contact); ``empty`` without rows."""
    if not table.rows:
        sheet.text(empty, 10.5)
        return
    rows = [[_("Wijk"), *(labels[key] for key in table.columns)]]
    for wijk in table.rows:
        rows.append(
            [report.wijk_name(wijk), *(text.figure(table.cell(wijk, key), report.threshold) for key in table.columns)]
        )
    sheet.table(rows)


def _themes(sheet: Sheet, report: YearlyReport) -> None:
    _heading(
        sheet,
        _("Themes over the year"),
        _("Number of responses, conversations and activities that raised a theme, per quarter."),
    )
    table = report.themes
    if not table.rows:
        sheet.text(_("No themes were coded in this year."), 10.5)
        return
    k = report.threshold
    rows = [[_("Theme"), *(text.quarter_label(key) for key in table.columns), _("Total")]]
    for theme_id in table.rows:
        cells = [text.figure(table.cell(theme_id, key), k) for key in table.columns]
        rows.append(
            [report.theme_labels.get(theme_id, str(theme_id)), *cells, text.figure(table.row_totals.get(theme_id), k)]
        )
    totals = [text.figure(table.column_totals.get(key), k) for key in table.columns]
    rows.append([_("Total"), *totals, text.figure(table.grand_total, k)])
    sheet.table(rows)


def _indicators(sheet: Sheet, report: YearlyReport, charts: ReportCharts) -> None:
    _heading(
        sheet,
        _("Indicators against the Dordrecht average"),
        _(
            "Mean per area with its %(confidence)d%% interval between brackets and the number of respondents (n).",
            confidence=95,
        ),
    )
    if not report.indicators:
        sheet.text(_("There were no answers to indicator questions in this year."), 10.5)
        return
    k, language = report.threshold, report.language
    for line in report.indicators:

        def caption(target: Sheet, label: str = line.label) -> None:
            target.text(label, 11, bold=True)

        # The caption stays with the first rows of its table.
        sheet.keep_together(caption, extra=25)
        rows = [[_("Area"), str(report.year), str(report.previous_year)]]
        for area in line.areas:
            rows.append(
                [
                    text.area_name(report, area),
                    text.mean_text(line.current.get(area), k, language),
                    text.mean_text(line.previous.get(area), k, language),
                ]
            )
        rows.append(
            [
                _("Dordrecht average"),
                text.reference_text(line.reference, language),
                text.reference_text(line.previous_reference, language),
            ]
        )
        sheet.table(rows)
        for chart in charts.indicator_charts(line.indicator):
            _chart(sheet, chart)


def _targets(sheet: Sheet, report: YearlyReport) -> None:
    _heading(
        sheet,
        _("Progress to targets"),
        _(
            "The targets of the programme's operational goals due this year or later, against the newest figure up "
            "to the end of the year."
        ),
    )
    if not report.targets:
        sheet.text(_("No targets are due this year or later."), 10.5)
        return
    language = report.language
    rows = [[_("Indicator"), _("Area"), _("Target year"), _("Target"), _("Newest figure"), _("Progress"),
             _("Still to go")]]  # fmt: skip
    for line in report.targets:
        rows.append(
            [
                line.indicator,
                line.area,
                str(line.year),
                text.measure(line.target, line.percentage, language),
                text.latest_text(line, language),
                line.status,
                text.measure(line.distance, line.percentage, language),
            ]
        )
    sheet.table(rows)


def _quotes(sheet: Sheet, report: YearlyReport) -> None:
    _heading(
        sheet,
        _("What residents said"),
        _("A few recent quotes per theme, only from people who agreed to being quoted."),
    )
    if not report.quotes:
        sheet.text(_("No quotes may be shown for this year."), 10.5)
        return
    for group in report.quotes:

        def draw(target: Sheet, theme: str = group.theme, quotes: tuple[str, ...] = group.quotes) -> None:
            target.text(theme, 11, bold=True)
            for quote in quotes:
                target.text(f"“{quote}”", 10.5, inset=4)
            target.space(2)

        sheet.keep_together(draw)


def _inputs(sheet: Sheet, report: YearlyReport) -> None:
    _heading(sheet, _("What was done"))
    if not report.inputs:
        sheet.text(_("No programme input had been made by the end of this year."), 10.5)
        return
    sheet.text(" · ".join(f"{label}: {count}" for label, count in report.status_counts), 10.5)
    sheet.space(1.5)
    rows = [[_("Programme input"), _("Wijk"), _("Theme"), _("Priority"), _("Status")]]
    rows += [[item.title, item.wijk, item.theme, item.priority, item.status] for item in report.inputs]
    sheet.table(rows)
