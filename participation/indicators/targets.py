"""Target values of the programme's operational goals, and how far each indicator has come towards them.

A target says what an indicator should reach in an area (the focus area as a whole, ``focus_area``, or one of its
wijken) by a year, and which pillar and strategic goal it serves. Analysts set them on the bureau's indicators
page or import them with ``flask indicators import-targets FILE``; both are audited. No flask.request here.

Progress compares the newest value a viewer may see (hidden survey means do not count) with the target:
*reached* when it is at least as good as the target; otherwise *on track* when it is at least as good as a straight
line from the first known value to the target in its year would have it by now, *behind* when it is not (or when
the target's year has passed), and *too early* with a single value before the target's year, when there is no
course to judge yet. The distance is what is still to go, in the indicator's own unit.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from participation.audit import record
from participation.domain.coded_errors import CodedError
from participation.imports import IMPORT_MAX_BYTES, CsvRows, ImportFileError, ImportRefusal, ProblemCollector, read_csv
from participation.indicators.dashboard import Dashboard, build_dashboard
from participation.indicators.definitions import definition_of, indicator_names
from participation.indicators.gaps import IndicatorSeries, focus_wijken, indicator_series
from participation.indicators.means import FOCUS_AREA
from participation.indicators.references import INDICATOR_KEY, INDICATOR_LENGTH, yearly_row
from participation.indicators.sources import indicator_sources
from participation.models import IndicatorReference, IndicatorTarget, StaffUser
from participation.models.base import DbSession, utcnow
from participation.models.themes import STRATEGIC_GOALS, Pillar

FIRST_YEAR, LAST_YEAR = 2000, 2100
NOTE_LENGTH = 500
REQUIRED_COLUMNS = ("indicator", "year", "value")


class TargetError(CodedError):
    """A target the programme cannot hold; ``field`` names the form field it belongs to."""

    MESSAGES = {
        "indicator_unknown": _l("Choose an indicator the platform knows."),
        "area_unknown": _l("Choose the focus area or one of its districts."),
        "year_out_of_range": _l("Use a year from %(first)d to %(last)d."),
        "value_not_finite": _l("Fill in a number."),
        "pillar_unknown": _l("Choose one of the five pillars."),
        "goal_unknown": _l("Choose one of the ten strategic goals."),
        "note_too_long": _l("Use at most %(max)d characters."),
        "target_unknown": _l("This target does not exist (any more)."),
    }


class TargetImportError(ImportFileError):
    """The file cannot be imported; the message names the file and the rows, on one line."""


@dataclass(frozen=True)
class TargetValue:
    indicator: str
    area_code: str
    year: int
    value: float
    pillar: int | None = None
    goal: int | None = None
    note: str = ""


def check_target(target: TargetValue, indicators: Collection[str], areas: Collection[str]) -> None:
    """Refuse a target that names an unknown indicator or area, or holds a value out of range."""
    if target.indicator not in indicators:
        raise TargetError("indicator", "indicator_unknown")
    if target.area_code not in areas:
        raise TargetError("area_code", "area_unknown")
    if not FIRST_YEAR <= target.year <= LAST_YEAR:
        raise TargetError("year", "year_out_of_range", first=FIRST_YEAR, last=LAST_YEAR)
    if not math.isfinite(target.value):
        raise TargetError("value", "value_not_finite")
    if target.pillar is not None and target.pillar not in {pillar.value for pillar in Pillar}:
        raise TargetError("pillar", "pillar_unknown")
    if target.goal is not None and target.goal not in STRATEGIC_GOALS:
        raise TargetError("goal", "goal_unknown")
    if len(target.note) > NOTE_LENGTH:
        raise TargetError("note", "note_too_long", max=NOTE_LENGTH)


def _store(session: DbSession, target: TargetValue, by: StaffUser | None) -> IndicatorTarget:
    row = yearly_row(session, IndicatorTarget, target.indicator, target.area_code, target.year)
    row.value = target.value
    row.pillar = target.pillar
    row.goal = target.goal
    row.note = target.note
    row.set_by_id = by.id if by is not None else None
    row.updated_at = utcnow()
    return row


def set_target(
    session: DbSession, target: TargetValue, *, indicators: Collection[str], areas: Collection[str], by: StaffUser
) -> IndicatorTarget:
    """Create or replace the target of (indicator, area, year); validate, flush and audit. The caller commits."""
    check_target(target, indicators, areas)
    row = _store(session, target, by)
    session.flush()
    record(
        session,
        "indicator_target.set",
        actor=by,
        subject=row,
        indicator=target.indicator,
        area=target.area_code,
        year=target.year,
        value=target.value,
    )
    return row


def delete_target(session: DbSession, target_id: int, *, by: StaffUser) -> None:
    """Remove one target; flush and audit (what it said stays in the audit log)."""
    row = session.get(IndicatorTarget, target_id)
    if row is None:
        raise TargetError("target", "target_unknown")
    record(
        session,
        "indicator_target.deleted",
        actor=by,
        subject=row,
        indicator=row.indicator,
        area=row.area_code,
        year=row.year,
        value=row.value,
    )
    session.delete(row)
    session.flush()


def import_targets(
    session: DbSession, targets: list[TargetValue], *, by: StaffUser | None = None, source: str = ""
) -> int:
    """Store targets read (and checked) by ``read_targets_csv``; flush and audit once. The caller commits."""
    for target in targets:
        _store(session, target, by)
    session.flush()
    record(session, "indicator_targets.imported", actor=by, count=len(targets), file=source)
    return len(targets)


def all_targets(session: DbSession) -> list[IndicatorTarget]:
    return list(
        session.scalars(
            select(IndicatorTarget).order_by(IndicatorTarget.indicator, IndicatorTarget.area_code, IndicatorTarget.year)
        )
    )


def read_targets_csv(
    path: Path, indicators: Collection[str], areas: Collection[str], *, max_bytes: int = IMPORT_MAX_BYTES
) -> list[TargetValue]:
    """Columns indicator, year, value, and optionally area_code (default ``focus_area``), pillar, goal and note.

    All rows must be right or none is taken: every problem names its row. Refused unread above ``max_bytes``."""
    problems = ProblemCollector(path, error=TargetImportError)
    try:
        with read_csv(path, max_bytes) as table:
            missing = [name for name in REQUIRED_COLUMNS if name not in table.header]
            if missing:
                raise problems.fail("", f"missing columns: {', '.join(missing)}")
            targets = _target_rows(table, indicators, areas, problems)
    except ImportRefusal as refusal:
        raise problems.stop(refusal) from refusal
    problems.raise_if_any()
    if not targets:
        raise problems.fail("", "no targets in the file")
    return targets


def _optional_number(raw: str | None) -> int | None:
    text = (raw or "").strip()
    return int(text) if text else None


def _target_rows(
    table: CsvRows, indicators: Collection[str], areas: Collection[str], problems: ProblemCollector
) -> list[TargetValue]:
    targets: list[TargetValue] = []
    seen: dict[tuple[str, str, int], str] = {}
    for where, row in table:
        indicator = row["indicator"].strip()
        if len(indicator) > INDICATOR_LENGTH or not INDICATOR_KEY.match(indicator):
            problems.add(where, f"indicator {indicator[:80]!r} is not a key like youth_unemployment")
            continue
        try:
            year = int(row["year"].strip())
            value = float(row["value"].strip().replace(",", "."))
            pillar, goal = _optional_number(row.get("pillar")), _optional_number(row.get("goal"))
        except ValueError:
            problems.add(where, "year, pillar and goal must be whole numbers and value a number")
            continue
        target = TargetValue(
            indicator,
            (row.get("area_code") or "").strip() or FOCUS_AREA,
            year,
            value,
            pillar,
            goal,
            (row.get("note") or "").strip(),
        )
        try:
            check_target(target, indicators, areas)
        except TargetError as refusal:
            problems.add(where, f"{refusal.field}: {refusal.message}")
            continue
        key = (target.indicator, target.area_code, target.year)
        if key in seen:
            problems.add(where, f"{indicator} {target.area_code} {year} is also on {seen[key]}")
            continue
        seen[key] = where
        targets.append(target)
    return targets


class Status(enum.StrEnum):
    REACHED = "reached"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    TOO_EARLY = "too_early"
    NO_DATA = "no_data"


STATUS_LABELS = {
    # i18n: progress of an indicator towards its target value
    Status.REACHED: _l("Reached"),
    Status.ON_TRACK: _l("On track"),
    Status.BEHIND: _l("Behind"),
    Status.TOO_EARLY: _l("Too early to tell"),
    Status.NO_DATA: _l("No figure yet"),
}


@dataclass(frozen=True)
class Progress:
    """How far one target is: the newest value a viewer may see against it."""

    target: IndicatorTarget
    status: Status
    latest: float | None
    latest_year: int | None
    distance: float | None  # still to go, in the indicator's unit; 0 once reached

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def _meets(value: float, target: float, higher_is_better: bool) -> bool:
    return value >= target if higher_is_better else value <= target


def progress(
    target: IndicatorTarget, values: dict[int, float], higher_is_better: bool, *, as_of: int | None = None
) -> Progress:
    """``values``: year -> shown value of the target's area; only years up to the target's year (and ``as_of``,
    the year of a report) count."""
    last = min(target.year, as_of) if as_of is not None else target.year
    known = {year: value for year, value in values.items() if year <= last}
    if not known:
        return Progress(target, Status.NO_DATA, None, None, None)
    latest_year = max(known)
    latest = known[latest_year]
    if _meets(latest, target.value, higher_is_better):
        return Progress(target, Status.REACHED, latest, latest_year, 0.0)
    distance = abs(target.value - latest)
    first_year = min(known)
    if latest_year >= target.year or (as_of is not None and as_of >= target.year):
        return Progress(target, Status.BEHIND, latest, latest_year, distance)
    if first_year == latest_year:
        return Progress(target, Status.TOO_EARLY, latest, latest_year, distance)
    baseline = known[first_year]
    share = (latest_year - first_year) / (target.year - first_year)
    expected = baseline + (target.value - baseline) * share
    status = Status.ON_TRACK if _meets(latest, expected, higher_is_better) else Status.BEHIND
    return Progress(target, status, latest, latest_year, distance)


def progress_of_targets(
    targets: list[IndicatorTarget], series: tuple[IndicatorSeries, ...], *, as_of: int | None = None
) -> list[Progress]:
    """Every target with its progress, from the same series (and suppression) the indicators page shows."""
    by_key = {item.key: item for item in series}
    result = []
    for target in targets:
        found = by_key.get(target.indicator)
        values = found.shown_values(target.area_code) if found is not None else {}
        higher = definition_of(target.indicator).higher_is_better
        result.append(progress(target, values, higher, as_of=as_of))
    return result


@dataclass(frozen=True)
class TargetsOverview:
    """What the indicators page and the yearly report show: every indicator over the years, and the targets."""

    series: tuple[IndicatorSeries, ...]
    progress: tuple[Progress, ...]
    threshold: int


def targets_overview(
    session: DbSession,
    *,
    threshold: int,
    suppress: bool,
    municipality_code: str,
    language: str,
    as_of: int | None = None,
    dashboard: Dashboard | None = None,
) -> TargetsOverview:
    """The indicators with the same suppression as the dashboard, and the progress of every target (as of the end
    of ``as_of`` for a report of that year)."""
    if dashboard is None:  # the dashboard page has built it already, with the same policy
        dashboard = build_dashboard(
            session, threshold=threshold, suppress=suppress, municipality_code=municipality_code
        )
    series = indicator_series(session, dashboard, municipality_code=municipality_code, language=language)
    return TargetsOverview(series, tuple(progress_of_targets(all_targets(session), series, as_of=as_of)), threshold)


def target_indicators(session: DbSession, language: str) -> dict[str, str]:
    """The indicators a target can be set for, key -> name: the survey's, those with reference values, and those
    the platform names (``definitions``)."""
    keys = set(session.scalars(select(IndicatorReference.indicator).distinct()))
    keys |= set(indicator_sources(session).by_question.values())
    names = indicator_names(session, language, keys)
    return {key: names[key] for key in sorted(names, key=lambda key: names[key].casefold())}


def target_areas(session: DbSession) -> list[str]:
    """The focus area as a whole, then its wijken."""
    return [FOCUS_AREA, *focus_wijken(session)]
