"""The yearly accountability report (verantwoording): what the programme heard and did in one calendar year.

Quantitative: reach per participation line and wijk, responses, conversations and activities per wijk, themes per
quarter, and the indicators of the year against the Dordrecht average and the year before. Qualitative: quotes
per theme that people agreed to, and the programme inputs with their status.

Every figure is a suppressed cell (``suppress`` for everybody below admin). Reach and indicators are taken from the
bureau dashboard, so a figure hidden there is hidden here in the same way: two views of the same counts that
suppress differently could give a small count away between them. No flask.request here; labels are translated
with Flask-Babel, so call inside ``force_locale(language)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from participation.audit.exports import ExportedFigures, record_export
from participation.demo.registry import demo_loaded
from participation.disclosure import Cell, DisclosedTable, DisclosurePolicy, disclose_table
from participation.geo.areas import buurt_names, wijk_names
from participation.indicators.dashboard import Dashboard, MeanCell, build_dashboard
from participation.indicators.definitions import definition_of
from participation.indicators.gaps import indicator_series
from participation.indicators.means import FOCUS_AREA
from participation.indicators.sources import indicator_labels
from participation.indicators.targets import all_targets, progress_of_targets, target_indicators
from participation.models.base import DbSession, utcnow
from participation.models.lines import ParticipationLine
from participation.models.programme import InputStatus, ProgrammeInput
from participation.models.staff import StaffUser
from participation.models.themes import Theme
from participation.programme.labels import priority_label, status_label
from participation.reports.queries import (
    Source,
    YearSpan,
    consented_quotes_of_year,
    counts_per_wijk,
    inputs_until,
)
from participation.themes.aggregation import Dimension, ThemeFilter, theme_counts, theme_table

QUOTES_PER_THEME = 3  # a few voices per theme; the report is an account, not an archive


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator in the year: the mean per area (focus area, wijken, municipality) beside last year's."""

    indicator: str
    label: str
    areas: tuple[str, ...]
    current: dict[str, MeanCell]
    previous: dict[str, MeanCell]  # empty where last year had no answers
    reference: float | None  # the Dordrecht average of the year, where entered
    previous_reference: float | None


@dataclass(frozen=True)
class TargetLine:
    """A target due in the report's year or later, with the newest figure up to the end of that year."""

    indicator: str  # the indicator's name
    area: str
    year: int
    target: float
    latest: float | None
    latest_year: int | None
    status: str  # the progress as a label: reached, on track, behind, ...
    status_key: str
    distance: float | None
    percentage: bool


@dataclass(frozen=True)
class QuoteGroup:
    """The newest consented quotes on one theme."""

    theme: str
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class InputLine:
    """A programme input as the report lists it: what was proposed, where, and how far it got."""

    title: str
    wijk: str
    theme: str
    priority: str
    status: str
    done: bool


@dataclass(frozen=True)
class YearlyReport:
    """Everything the HTML and PDF of one year's report show, suppressed for the viewer."""

    year: int
    language: str
    threshold: int
    suppressed: bool
    generated_at: datetime
    focus_area_name: str
    wijk_names: dict[str, str]
    line_labels: dict[str, str]
    reach: DisclosedTable[str, str]  # wijk by participation line: residents reached
    contacts: DisclosedTable[str, str]  # wijk by source: responses, conversations, activities
    source_labels: dict[str, str]
    themes: DisclosedTable[int, str]  # theme by quarter ("2024-Q1"): distinct sources that raised it
    theme_labels: dict[int, str]
    indicators: tuple[IndicatorLine, ...]
    quotes: tuple[QuoteGroup, ...]
    inputs: tuple[InputLine, ...]
    status_counts: tuple[tuple[str, int], ...]  # status label, number of inputs
    # The dashboard the figures were taken from, and the names its charts need (participation.reports.charts).
    dashboard: Dashboard
    buurt_names: dict[str, str]
    indicator_labels: dict[str, str]
    targets: tuple[TargetLine, ...] = ()  # progress to the targets of the programme's operational goals
    demo: bool = False  # made from the demo year: the report says so on its first page

    @property
    def previous_year(self) -> int:
        return self.year - 1

    def wijk_name(self, code: str) -> str:
        return self.wijk_names.get(code, code)


def yearly_report(
    session: DbSession,
    year: int,
    *,
    threshold: int,
    suppress: bool,
    language: str,
    municipality_code: str,
    focus_area_name: str = "Dordt West",
    zone: tzinfo = UTC,
) -> YearlyReport:
    """The accountability report of ``year`` in ``language``, suppressed when ``suppress`` (below admin); the year
    runs from New Year to New Year in ``zone``, the programme's clock."""
    span = YearSpan(year, zone)
    dashboard = build_dashboard(session, threshold=threshold, suppress=suppress, municipality_code=municipality_code)
    contact_counts = counts_per_wijk(session, span)
    reach = _reach_of_year(dashboard, year, threshold, suppress)
    wijken = sorted(set(reach.rows) | {wijk for wijk, _source in contact_counts})
    sources = [source.value for source in Source]
    contacts = disclose_table(
        {(wijk, source.value): n for (wijk, source), n in contact_counts.items()},
        wijken,
        sources,
        threshold=threshold,
        suppress=suppress,
    )
    themes, theme_labels = _themes_of_year(session, span, language, threshold, suppress)
    inputs = inputs_until(session, span)
    names = wijk_names(session)
    labels = indicator_labels(session, language)
    return YearlyReport(
        year=year,
        language=language,
        threshold=threshold,
        suppressed=suppress,
        generated_at=utcnow(),
        focus_area_name=focus_area_name,
        wijk_names=names,
        line_labels={line.value: line.label for line in ParticipationLine},
        reach=reach,
        contacts=contacts,
        source_labels=_source_labels(),
        themes=themes,
        theme_labels=theme_labels,
        indicators=_indicators_of_year(dashboard, year, labels),
        quotes=_quotes_of_year(session, span, language),
        inputs=tuple(_input_line(item, names, language) for item in inputs),
        status_counts=_status_counts(inputs),
        dashboard=dashboard,
        buurt_names=buurt_names(session),
        indicator_labels=labels,
        targets=_targets_of_year(session, dashboard, year, language, municipality_code, focus_area_name, names),
        demo=demo_loaded(session),
    )


def configured_report(
    session: DbSession, year: int, *, policy: DisclosurePolicy, language: str, config: Mapping[str, Any]
) -> YearlyReport:
    """The report as this deployment's ``config`` places it (municipality, focus area name), for the viewer whose
    disclosure is ``policy``: one way for the bureau page and the CLI alike."""
    return yearly_report(
        session,
        year,
        threshold=policy.threshold,
        suppress=policy.suppress,
        language=language,
        municipality_code=str(config["MUNICIPALITY_CODE"]),
        focus_area_name=str(config["FOCUS_AREA_NAME"]),
        zone=ZoneInfo(config["TIMEZONE"]),
    )


def _source_labels() -> dict[str, str]:
    return {
        Source.RESPONSES.value: _("Survey responses"),
        Source.CONVERSATIONS.value: _("Conversations"),
        Source.ACTIVITIES.value: _("Activities"),
    }


def _reach_of_year(dashboard: Dashboard, year: int, threshold: int, suppress: bool) -> DisclosedTable[str, str]:
    """The dashboard's reach of one year as a wijk-by-line table, each cell exactly as the dashboard shows it.

    The dashboard's table has no totals, so none are added here: a total beside cells the dashboard shows would
    let a reader subtract them and find a hidden one.
    """
    table = dashboard.reach
    lines = [line.value for line in ParticipationLine]
    wijken = sorted({wijk for wijk, _line in table.rows})
    cells: dict[tuple[str, str], Cell] = {}
    for wijk in wijken:
        for line in lines:
            row = (wijk, line)
            cells[(wijk, line)] = table.cell(row, year) if row in table.rows and year in table.columns else Cell(0)
    # Wijken nobody was reached in this year are left out.
    shown = [wijk for wijk in wijken if any(cells[(wijk, line)].value for line in lines)]
    return DisclosedTable(
        rows=tuple(shown),
        columns=tuple(lines),
        cells={key: cell for key, cell in cells.items() if key[0] in shown},
        row_totals={},
        column_totals={},
        grand_total=None,
        threshold=threshold,
        suppressed=suppress,
    )


def _themes_of_year(
    session: DbSession, span: YearSpan, language: str, threshold: int, suppress: bool
) -> tuple[DisclosedTable[int, str], dict[int, str]]:
    """Themes by quarter of the year, ordered by label, with totals per theme and quarter."""
    year_filter = ThemeFilter(since=span.first_day, until=span.last_day)
    theme_ids = {count.theme_id for count in theme_counts(session, Dimension.YEAR, year_filter)}
    labels = _theme_labels(session, theme_ids, language)
    order = sorted(theme_ids, key=lambda theme_id: labels[theme_id].casefold())
    quarters = [f"{span.year:04d}-Q{quarter}" for quarter in range(1, 5)]
    table = theme_table(
        session,
        Dimension.QUARTER,
        year_filter,
        threshold=threshold,
        suppress=suppress,
        theme_order=order,
        columns=quarters,
    )
    return table, labels


def _theme_labels(session: DbSession, theme_ids: set[int], language: str) -> dict[int, str]:
    labels = {}
    for theme_id in theme_ids:
        theme = session.get(Theme, theme_id)
        labels[theme_id] = theme.label(language) if theme is not None else str(theme_id)
    return labels


def _indicators_of_year(dashboard: Dashboard, year: int, labels: dict[str, str]) -> tuple[IndicatorLine, ...]:
    lines = []
    for view in dashboard.indicators:
        if year not in view.years:
            continue
        previous = year - 1
        lines.append(
            IndicatorLine(
                indicator=view.indicator,
                label=labels.get(view.indicator, view.indicator),
                areas=view.areas,
                current={area: view.cells[(area, year)] for area in view.areas if (area, year) in view.cells},
                previous={area: view.cells[(area, previous)] for area in view.areas if (area, previous) in view.cells},
                reference=view.reference.get(year),
                previous_reference=view.reference.get(previous),
            )
        )
    return tuple(sorted(lines, key=lambda line: line.label.casefold()))


def _targets_of_year(
    session: DbSession,
    dashboard: Dashboard,
    year: int,
    language: str,
    municipality_code: str,
    focus_area_name: str,
    names: dict[str, str],
) -> tuple[TargetLine, ...]:
    """The targets due in ``year`` or later, with the figures known by the end of ``year``, from the dashboard's
    (suppressed) means: a mean hidden there does not count towards a target here either."""
    series = indicator_series(session, dashboard, municipality_code=municipality_code, language=language)
    by_key = {item.key: item for item in series}
    due = [target for target in all_targets(session) if target.year >= year]
    areas = {FOCUS_AREA: focus_area_name, **names}
    indicator_names = target_indicators(session, language) if due else {}
    lines = []
    for item in progress_of_targets(due, series, as_of=year):
        target = item.target
        found = by_key.get(target.indicator)
        lines.append(
            TargetLine(
                indicator=found.name if found is not None else indicator_names.get(target.indicator, target.indicator),
                area=areas.get(target.area_code, target.area_code),
                year=target.year,
                target=target.value,
                latest=item.latest,
                latest_year=item.latest_year,
                status=item.status_label,
                status_key=item.status.value,
                distance=item.distance,
                percentage=found.percentage if found is not None else definition_of(target.indicator).percentage,
            )
        )
    return tuple(sorted(lines, key=lambda line: (line.indicator.casefold(), line.area, line.year)))


def _quotes_of_year(session: DbSession, span: YearSpan, language: str) -> tuple[QuoteGroup, ...]:
    """At most ``QUOTES_PER_THEME`` different consented quotes per theme, newest first, themes by label."""
    per_theme: dict[int, list[str]] = defaultdict(list)
    for quote in consented_quotes_of_year(session, span):
        chosen = per_theme[quote.theme_id]
        if len(chosen) < QUOTES_PER_THEME and quote.text not in chosen:
            chosen.append(quote.text)
    labels = _theme_labels(session, set(per_theme), language)
    groups = [QuoteGroup(labels[theme_id], tuple(quotes)) for theme_id, quotes in per_theme.items()]
    return tuple(sorted(groups, key=lambda group: group.theme.casefold()))


def _input_line(programme_input: ProgrammeInput, names: dict[str, str], language: str) -> InputLine:
    return InputLine(
        title=programme_input.title,
        wijk=names.get(programme_input.wijk_code, programme_input.wijk_code),
        theme=programme_input.theme.label(language),
        priority=priority_label(programme_input.priority),
        status=status_label(programme_input.status),
        done=programme_input.status == InputStatus.DONE,
    )


def _status_counts(inputs: list[ProgrammeInput]) -> tuple[tuple[str, int], ...]:
    """Inputs per status in the programme's order (proposed to done); counts of inputs, not of people."""
    return tuple(
        (status_label(status), sum(1 for item in inputs if item.status == status))
        for status in InputStatus
        if any(item.status == status for item in inputs)
    )


def record_report_export(
    session: DbSession, report: YearlyReport, fmt: str, actor: StaffUser | None, **details: str
) -> None:
    """Figures leave the app: who took which year (None: the command line), in which form and under which
    suppression, is kept."""
    policy = DisclosurePolicy(threshold=report.threshold, suppress=report.suppressed)
    record_export(session, ExportedFigures.REPORT, actor=actor, fmt=fmt, policy=policy, year=report.year, **details)
