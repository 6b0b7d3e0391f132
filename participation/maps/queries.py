"""Counts of distinct responses and conversations per map cell, grouped in SQL: a map never sees a raw point."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    cast,
    exists,
    false,
    func,
    literal_column,
    not_,
    or_,
    select,
    true,
    union_all,
)

from participation.maps.filters import MapFilter, MapLevel, Source
from participation.models import Answer, Conversation, StoredLocation, Survey, SurveyResponse, SurveyVersion
from participation.models.base import DbSession
from participation.models.fieldwork import Mood
from participation.models.lines import ParticipationLine
from participation.models.themes import CodingStatus, SubjectType, ThemeCoding
from participation.surveys.model import Tone
from participation.themes.tones import MOOD_TONES, question_tones

LEVEL_COLUMNS: dict[MapLevel, Any] = {
    MapLevel.BLOCK: StoredLocation.block_id,
    MapLevel.STREET: StoredLocation.street_name,
    MapLevel.BUURT: StoredLocation.buurt_code,
    MapLevel.WIJK: StoredLocation.wijk_code,
}


def _period(column: Any, since: date | None, until: date | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if since is not None:
        conditions.append(column >= datetime.combine(since, time.min, tzinfo=UTC))
    if until is not None:
        conditions.append(column <= datetime.combine(until, time.max, tzinfo=UTC))
    return conditions


def _coded(subject_type: SubjectType, subject_id: Any, theme_id: int | None) -> ColumnElement[bool]:
    """An accepted coding of the first coder (as the theme aggregation counts them), of one theme or, with
    ``theme_id`` None, of any theme."""
    conditions = [
        ThemeCoding.subject_type == subject_type,
        ThemeCoding.subject_id == subject_id,
        ThemeCoding.status == CodingStatus.ACCEPTED,
        ThemeCoding.double_code.is_(False),
    ]
    if theme_id is not None:
        conditions.append(ThemeCoding.theme_id == theme_id)
    return and_(*conditions)


def _answer_matches(value: str) -> ColumnElement[bool]:
    """An answer equal to ``value``, or a multiple-choice answer that holds it: answers are stored as JSON text, so
    the quoted value is looked for (an escaped quote inside free text cannot match it)."""
    stored = cast(Answer.value, String)
    quoted = json.dumps(value)
    pattern = quoted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(stored == quoted, stored == value, stored.like(f"%{pattern}%", escape="\\"))


def _keys(levels: tuple[MapLevel, ...]) -> tuple[list[Any], ColumnElement[bool]]:
    """The grouping columns of ``levels`` and the condition that a source has a place on one of them."""
    columns = [LEVEL_COLUMNS[level] for level in levels]
    return [column.label(f"key{i}") for i, column in enumerate(columns)], or_(*[c.is_not(None) for c in columns])


def _answer_tone(session: DbSession, tone: Tone) -> ColumnElement[bool]:
    """An answer of ``tone``: its question has that tone in the response's survey version; neutral is every open
    answer whose question has no other tone."""
    toned = [
        and_(Answer.question_id == question, SurveyResponse.survey_version_id.in_(versions))
        for (question, question_tone), versions in question_tones(session).items()
        if question_tone is tone or tone is Tone.NEUTRAL
    ]
    if tone is Tone.NEUTRAL:
        return not_(or_(*toned)) if toned else true()
    return or_(*toned) if toned else false()


def _conversation_tone(tone: Tone) -> ColumnElement[bool]:
    """A conversation of ``tone``: by the mood the professional logged; no mood is neutral."""
    moods = [mood for mood, mood_tone in MOOD_TONES.items() if mood_tone is tone]
    matches = Conversation.mood.in_([Mood(mood) for mood in moods])
    return or_(matches, Conversation.mood.is_(None)) if tone is Tone.NEUTRAL else matches


def _responses(levels: tuple[MapLevel, ...], filters: MapFilter, toned: ColumnElement[bool] | None = None) -> Any:
    keys, placed = _keys(levels)
    conditions: list[ColumnElement[bool]] = [
        placed,
        *_period(SurveyResponse.submitted_at, filters.since, filters.until),
    ]
    if filters.survey_id is not None:
        conditions.append(Survey.id == filters.survey_id)
    if filters.lines:
        conditions.append(Survey.line.in_([ParticipationLine(line) for line in filters.lines]))
    if filters.question_id is not None:
        answered = [Answer.response_id == SurveyResponse.id, Answer.question_id == filters.question_id]
        if filters.answer is not None:
            answered.append(_answer_matches(filters.answer))
        # EXISTS rather than a join: a response counts once whatever it answered.
        conditions.append(exists().where(*answered))
    if filters.theme_id is not None:
        conditions.append(
            exists().where(
                Answer.response_id == SurveyResponse.id, _coded(SubjectType.ANSWER, Answer.id, filters.theme_id)
            )
        )
    if filters.coded:
        conditions.append(
            exists().where(Answer.response_id == SurveyResponse.id, _coded(SubjectType.ANSWER, Answer.id, None))
        )
    if toned is not None:
        # The coded answer itself has the tone, so praise and complaint in one response count under each.
        conditions.append(
            exists().where(
                Answer.response_id == SurveyResponse.id,
                _coded(SubjectType.ANSWER, Answer.id, filters.theme_id),
                toned,
            )
        )
    return (
        select(*keys, literal_column("1").label("one"))
        .select_from(SurveyResponse)
        .join(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .join(SurveyVersion, SurveyVersion.id == SurveyResponse.survey_version_id)
        .join(Survey, Survey.id == SurveyVersion.survey_id)
        .where(*conditions)
    )


def _conversations(levels: tuple[MapLevel, ...], filters: MapFilter, toned: ColumnElement[bool] | None = None) -> Any:
    keys, placed = _keys(levels)
    conditions: list[ColumnElement[bool]] = [
        placed,
        *_period(Conversation.occurred_at, filters.since, filters.until),
    ]
    if filters.lines:
        conditions.append(Conversation.line.in_([ParticipationLine(line) for line in filters.lines]))
    if filters.theme_id is not None:
        conditions.append(exists().where(_coded(SubjectType.CONVERSATION, Conversation.id, filters.theme_id)))
    if filters.coded:
        conditions.append(exists().where(_coded(SubjectType.CONVERSATION, Conversation.id, None)))
    if toned is not None:
        conditions += [toned, exists().where(_coded(SubjectType.CONVERSATION, Conversation.id, filters.theme_id))]
    return (
        select(*keys, literal_column("1").label("one"))
        .select_from(Conversation)
        .join(StoredLocation, StoredLocation.id == Conversation.location_id)
        .where(*conditions)
    )


def source_groups(
    session: DbSession, levels: tuple[MapLevel, ...], filters: MapFilter | None = None
) -> dict[tuple[str | None, ...], int]:
    """Distinct responses and conversations per combination of cells (e.g. buurt and block), for every source that
    has a place on at least one of the ``levels``; a key part is None where the source has no such place.

    Each response and each conversation has one place, so a row is one distinct source and counting rows counts
    sources. A conversation counts once however many people took part: suppression then rests on the number of
    independent sources, which can only hide more than counting the people would.
    """
    filters = filters or MapFilter()
    tone = filters.tone
    branches = []
    if filters.includes(Source.SURVEY):
        branches.append(_responses(levels, filters, _answer_tone(session, tone) if tone is not None else None))
    if filters.includes(Source.CONVERSATION):
        branches.append(_conversations(levels, filters, _conversation_tone(tone) if tone is not None else None))
    if not branches:
        return {}
    rows = union_all(*branches).subquery("located") if len(branches) > 1 else branches[0].subquery("located")
    keys = [rows.c[f"key{i}"] for i in range(len(levels))]
    query = select(*keys, func.count()).group_by(*keys)
    return {
        tuple(None if part is None else str(part) for part in row[:-1]): int(row[-1])
        for row in session.execute(query).all()
    }


def source_counts(session: DbSession, level: MapLevel, filters: MapFilter | None = None) -> dict[str, int]:
    """Distinct responses and conversations per cell of one level (block id, street name, buurt or wijk code)."""
    return {str(key[0]): count for key, count in source_groups(session, (level,), filters).items()}


def street_places(session: DbSession, streets: list[str]) -> dict[str, tuple[float, float]]:
    """Where to draw each street: the mean of its stored points. Only streets that are shown are asked for, so a
    point of a street with few sources is never placed on a map."""
    if not streets:
        return {}
    query = (
        select(StoredLocation.street_name, func.avg(StoredLocation.latitude), func.avg(StoredLocation.longitude))
        .where(StoredLocation.street_name.in_(streets), StoredLocation.latitude.is_not(None))
        .group_by(StoredLocation.street_name)
    )
    return {str(name): (float(lat), float(lon)) for name, lat, lon in session.execute(query).all()}
