"""How often themes are raised: accepted codings counted by area (wijk, buurt, block, street), by source (survey
answer, conversation, activity), by participation line, by period (month, quarter, year) and by tone (praise,
complaint, neutral: see ``participation.themes.tones``).

What is counted: *distinct sources*. A survey response counts once per theme however many of its answers carry the
theme; a conversation and an activity count once each. These are the counts suppression works on, because they
are the smallest number of distinct contributions a figure rests on. *Reach* is reported beside them: a response
reaches one person, a conversation its ``participants``, an activity its ``attendance``; reach is for reporting
how many people were heard, never for deciding what may be shown.

Tone is a breakdown in which one source can stand in several groups: a response that praises the parks in one
answer and asks for better parks in another counts once under praise and once under complaint, so that praise
and complaint about the same theme are counted apart. Its row totals and grand total are therefore counted as
distinct sources, never added up from the cells.

Only accepted codings of the first coder count (a second analyst's double codes are for agreement, not figures).
Periods are calendar periods of the time stored (UTC for responses and conversations, the date of an activity).
Everything is one GROUP BY query over a UNION of the three sources, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    Subquery,
    and_,
    case,
    cast,
    extract,
    func,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

from participation.disclosure import DisclosedTable, disclose_list, disclose_table
from participation.models.base import DbSession
from participation.models.fieldwork import Activity, Conversation, Mood, Place
from participation.models.lines import ParticipationLine
from participation.models.locations import StoredLocation
from participation.models.surveys import Answer, Survey, SurveyResponse, SurveyVersion
from participation.models.themes import CodingStatus, SubjectType, ThemeCoding
from participation.surveys.model import Tone
from participation.themes.tones import question_tones

UNKNOWN = ""  # the key of sources without a place (or without the area level asked for)


class Dimension(enum.StrEnum):
    """What theme counts are broken down by."""

    WIJK = "wijk"
    BUURT = "buurt"
    BLOCK = "block"
    STREET = "street"
    SOURCE = "source"
    LINE = "line"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    TONE = "tone"


AREA_DIMENSIONS = (Dimension.WIJK, Dimension.BUURT, Dimension.BLOCK, Dimension.STREET)
PERIOD_DIMENSIONS = (Dimension.MONTH, Dimension.QUARTER, Dimension.YEAR)


@dataclass(frozen=True)
class ThemeFilter:
    """Which codings count: an area, sources, lines, a period (``since`` and ``until`` inclusive), themes, and the
    tone of the coded texts (None: every tone)."""

    wijk_code: str | None = None
    buurt_code: str | None = None
    sources: Collection[SubjectType] = ()
    lines: Collection[ParticipationLine] = ()
    since: date | None = None
    until: date | None = None
    theme_ids: Collection[int] = ()
    tone: Tone | None = None


@dataclass(frozen=True)
class ThemeCount:
    """One theme in one group: distinct sources (for figures and suppression) and the people they reached."""

    theme_id: int
    key: str
    sources: int
    reach: int


def _period_bounds(column: Any, since: date | None, until: date | None, *, is_date: bool) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if since is not None:
        conditions.append(column >= (since if is_date else datetime.combine(since, time.min, tzinfo=UTC)))
    if until is not None:
        conditions.append(column <= (until if is_date else datetime.combine(until, time.max, tzinfo=UTC)))
    return conditions


def _inline(tone: Tone) -> ColumnElement[str]:
    # Inlined constants: PostgreSQL cannot type a bound parameter in a UNION's select list.
    return literal_column(f"'{Tone(tone).value}'", String(16))


def _answer_tone(session: DbSession) -> ColumnElement[str]:
    """The tone of an answer: its question's in the response's survey version (one CASE over the few open
    questions with a tone other than neutral)."""
    whens = [
        (and_(Answer.question_id == question_id, SurveyResponse.survey_version_id.in_(versions)), _inline(tone))
        for (question_id, tone), versions in sorted(question_tones(session).items())
    ]
    return case(*whens, else_=_inline(Tone.NEUTRAL)) if whens else _inline(Tone.NEUTRAL)


def _conversation_tone() -> ColumnElement[str]:
    return case(
        (Conversation.mood == Mood.POSITIVE, _inline(Tone.PRAISE)),
        (Conversation.mood == Mood.NEGATIVE, _inline(Tone.COMPLAINT)),
        else_=_inline(Tone.NEUTRAL),
    )


def _accepted(subject_type: SubjectType) -> ColumnElement[bool]:
    return and_(
        ThemeCoding.subject_type == subject_type,
        ThemeCoding.status == CodingStatus.ACCEPTED,
        ThemeCoding.double_code.is_(False),
    )


def _branch(
    subject_type: SubjectType,
    subject: Any,
    source_id: Any,
    line: Any,
    moment: Any,
    reach: Any,
    location: Any,
    tone: Any,
    themes: ThemeFilter,
    *,
    is_date: bool,
) -> Select[Any]:
    """The accepted codings of one kind of ``subject`` in the period, with the columns every source contributes to
    the union, in one order; the caller joins what leads to ``source_id``, ``line`` and the place (``location``)."""
    return (
        select(
            ThemeCoding.theme_id.label("theme_id"),
            # Inlined constants: PostgreSQL cannot type a bound parameter in a UNION's select list.
            literal_column(f"'{subject_type.value}'", String(16)).label("source"),
            source_id.label("source_id"),
            cast(line, String(16)).label("line"),
            cast(extract("year", moment), Integer).label("year"),
            cast(extract("month", moment), Integer).label("month"),
            reach.label("reach"),
            location.wijk_code.label("wijk_code"),
            location.buurt_code.label("buurt_code"),
            location.block_id.label("block_id"),
            location.street_name.label("street_name"),
            cast(tone, String(16)).label("tone"),
        )
        .select_from(ThemeCoding)
        .join(subject, subject.id == ThemeCoding.subject_id)
        .where(
            _accepted(subject_type),
            *_period_bounds(moment, themes.since, themes.until, is_date=is_date),
        )
    )


def _sources(themes: ThemeFilter, *, with_tone: DbSession | None) -> Subquery:
    """One row per accepted coding with its source, line, year, month, reach, place and tone. Tones are worked out
    only ``with_tone`` (a session): finding an answer's tone reads the survey versions, which other tables skip."""
    neutral = _inline(Tone.NEUTRAL)
    answer_place = aliased(StoredLocation)
    answers = (
        _branch(
            SubjectType.ANSWER,
            Answer,
            SurveyResponse.id,  # an answer counts for its response: one respondent
            Survey.line,
            SurveyResponse.submitted_at,
            literal_column("1", Integer),
            answer_place,
            _answer_tone(with_tone) if with_tone is not None else neutral,
            themes,
            is_date=False,
        )
        .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .join(SurveyVersion, SurveyVersion.id == SurveyResponse.survey_version_id)
        .join(Survey, Survey.id == SurveyVersion.survey_id)
        .outerjoin(answer_place, answer_place.id == SurveyResponse.location_id)
    )
    conversation_place = aliased(StoredLocation)
    conversations = _branch(
        SubjectType.CONVERSATION,
        Conversation,
        Conversation.id,
        Conversation.line,
        Conversation.occurred_at,
        Conversation.participants,
        conversation_place,
        _conversation_tone() if with_tone is not None else neutral,
        themes,
        is_date=False,
    ).outerjoin(conversation_place, conversation_place.id == Conversation.location_id)
    activity_place = aliased(StoredLocation)
    activities = (
        _branch(
            SubjectType.ACTIVITY,
            Activity,
            Activity.id,
            Activity.line,
            Activity.held_on,
            Activity.attendance,
            activity_place,
            neutral,
            themes,
            is_date=True,
        )
        .outerjoin(Place, Place.id == Activity.place_id)
        # An activity held at a registered place without a place of its own is counted where the place is.
        .outerjoin(activity_place, activity_place.id == func.coalesce(Activity.location_id, Place.location_id))
    )
    return union_all(answers, conversations, activities).subquery("coded")


def _key_columns(coded: Subquery, by: Dimension) -> list[Any]:
    columns: dict[Dimension, list[Any]] = {
        Dimension.WIJK: [coded.c.wijk_code],
        Dimension.BUURT: [coded.c.buurt_code],
        Dimension.BLOCK: [coded.c.block_id],
        Dimension.STREET: [coded.c.street_name],
        Dimension.SOURCE: [coded.c.source],
        Dimension.LINE: [coded.c.line],
        Dimension.YEAR: [coded.c.year],
        Dimension.TONE: [coded.c.tone],
        Dimension.MONTH: [coded.c.year, coded.c.month],
        # A CASE rather than arithmetic: integer division and floor differ between SQLite and PostgreSQL.
        Dimension.QUARTER: [
            coded.c.year,
            case((coded.c.month <= 3, 1), (coded.c.month <= 6, 2), (coded.c.month <= 9, 3), else_=4),
        ],
    }
    return [column.label(f"key_{n}") for n, column in enumerate(columns[by])]


def _key(by: Dimension, parts: Sequence[Any]) -> str:
    """The group's key as text: a code, a street name, ``explore``, ``praise``, ``2024``, ``2024-03`` or
    ``2024-Q1``."""
    if any(part is None for part in parts):
        return UNKNOWN
    if by is Dimension.MONTH:
        return f"{int(parts[0]):04d}-{int(parts[1]):02d}"
    if by is Dimension.QUARTER:
        return f"{int(parts[0]):04d}-Q{int(parts[1])}"
    return str(parts[0])


def _filters(coded: Subquery, themes: ThemeFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if themes.wijk_code is not None:
        conditions.append(coded.c.wijk_code == themes.wijk_code)
    if themes.buurt_code is not None:
        conditions.append(coded.c.buurt_code == themes.buurt_code)
    if themes.sources:
        conditions.append(coded.c.source.in_([SubjectType(source).value for source in themes.sources]))
    if themes.lines:
        conditions.append(coded.c.line.in_([ParticipationLine(line).value for line in themes.lines]))
    if themes.theme_ids:
        conditions.append(coded.c.theme_id.in_(list(themes.theme_ids)))
    if themes.tone is not None:
        conditions.append(coded.c.tone == Tone(themes.tone).value)
    return conditions


def _distinct_sources(
    session: DbSession, by: Dimension | None, themes: ThemeFilter, *, per_theme: bool
) -> list[tuple[int | None, str, int, int]]:
    """(theme id or None, key, distinct sources, reach) per group: each source is first reduced to one row per
    group, so a response with three answers on a theme counts once and reaches one person."""
    needs_tone = by is Dimension.TONE or themes.tone is not None
    coded = _sources(themes, with_tone=session if needs_tone else None)
    keys = _key_columns(coded, by) if by is not None else []
    theme = [coded.c.theme_id] if per_theme else []
    one_per_source = (
        select(*theme, *keys, coded.c.source, coded.c.source_id, func.max(coded.c.reach).label("reach"))
        .where(*_filters(coded, themes))
        .group_by(*theme, *keys, coded.c.source, coded.c.source_id)
        .subquery("one_per_source")
    )
    grouping = [one_per_source.c[column.name] for column in (*theme, *keys)]
    rows = session.execute(
        select(*grouping, func.count().label("sources"), func.sum(one_per_source.c.reach).label("reach")).group_by(
            *grouping
        )
    )
    result = []
    for row in rows:
        values = tuple(row)
        theme_id = int(values[0]) if per_theme else None
        parts = values[1 if per_theme else 0 : -2]
        result.append((theme_id, _key(by, parts) if by is not None else UNKNOWN, int(values[-2]), int(values[-1] or 0)))
    return result


def theme_counts(session: DbSession, by: Dimension, themes: ThemeFilter | None = None) -> list[ThemeCount]:
    """Distinct sources and reach per theme and group, e.g. per theme and buurt of one wijk."""
    rows = _distinct_sources(session, by, themes or ThemeFilter(), per_theme=True)
    return [ThemeCount(theme_id, key, sources, reach) for theme_id, key, sources, reach in rows if theme_id is not None]


def source_counts(session: DbSession, by: Dimension | None, themes: ThemeFilter | None = None) -> dict[str, int]:
    """Distinct sources with at least one (filtered) theme per group; with ``by=None`` one total under UNKNOWN."""
    rows = _distinct_sources(session, by, themes or ThemeFilter(), per_theme=False)
    return {key: sources for _theme, key, sources, _reach in rows}


def theme_table(
    session: DbSession,
    by: Dimension,
    themes: ThemeFilter | None = None,
    *,
    threshold: int,
    suppress: bool,
    theme_order: Sequence[int] | None = None,
    columns: Sequence[str] | None = None,
) -> DisclosedTable[int, str]:
    """Themes (rows) by group (columns) as distinct sources, with totals and small-count suppression applied.

    Row totals are the sources per theme, column totals the sources per group that raised any theme, and the
    grand total all sources: counts of distinct sources, not sums, since one response can raise several themes.
    ``theme_order`` and ``columns`` fix the rows and columns shown (e.g. every buurt of a wijk, also empty ones).
    """
    themes = themes or ThemeFilter()
    counts = theme_counts(session, by, themes)
    cells: dict[tuple[int, str], int] = {(count.theme_id, count.key): count.sources for count in counts}
    rows = list(theme_order) if theme_order is not None else sorted({count.theme_id for count in counts})
    keys = list(columns) if columns is not None else sorted({count.key for count in counts})
    shown = {(theme_id, key): value for (theme_id, key), value in cells.items() if theme_id in rows and key in keys}
    per_theme: dict[int, int] = {}
    per_group = source_counts(session, by, themes)
    if by is Dimension.TONE:
        # One source can stand under several tones: the totals are distinct sources over every tone.
        per_theme = {
            theme_id: sources
            for theme_id, _key_value, sources, _reach in _distinct_sources(session, None, themes, per_theme=True)
            if theme_id is not None and theme_id in rows
        }
        grand_total = source_counts(session, None, themes).get(UNKNOWN, 0)
    else:
        for (theme_id, _key_value), value in shown.items():
            # Every source has one group, so a theme's sources over the shown groups add up exactly.
            per_theme[theme_id] = per_theme.get(theme_id, 0) + value
        grand_total = sum(per_group.get(key, 0) for key in keys)
    return disclose_table(
        shown,
        rows,
        keys,
        threshold=threshold,
        suppress=suppress,
        row_totals=per_theme,
        column_totals={key: per_group.get(key, 0) for key in keys},
        grand_total=grand_total,
    )


def theme_list(
    session: DbSession, themes: ThemeFilter, *, threshold: int, suppress: bool, theme_order: Sequence[int]
) -> DisclosedTable[int, None]:
    """Distinct sources per theme with the total of sources, suppressed: the aggregates of a public page."""
    counts: Mapping[int, int] = {
        theme_id: sources
        for theme_id, _key_value, sources, _reach in _distinct_sources(session, None, themes, per_theme=True)
        if theme_id is not None
    }
    total = source_counts(session, None, themes).get(UNKNOWN, 0)
    return disclose_list(
        {theme_id: counts[theme_id] for theme_id in theme_order if theme_id in counts},
        theme_order,
        threshold=threshold,
        suppress=suppress,
        total=total,
    )
