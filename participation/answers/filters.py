"""Which responses the analyst looks at: survey, question and answer, wijk and buurt, period, channel, language;
as SQL conditions on ``SurveyResponse`` (with ``StoredLocation`` outer-joined), and the lists a form offers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, exists, func, or_, select

from participation.models import Answer, Buurt, StoredLocation, Survey, SurveyResponse, SurveyVersion, Wijk
from participation.models.base import DbSession
from participation.models.surveys import ResponseChannel


@dataclass(frozen=True)
class AnswerFilter:
    """Empty fields filter nothing. ``value`` needs ``question``: the stored value of a choice, a number or
    ``true``/``false``; with a question and no value, the responses that answered it."""

    survey: str | None = None  # slug
    question: str | None = None
    value: str | None = None
    wijk_code: str | None = None
    buurt_code: str | None = None
    since: date | None = None
    until: date | None = None
    channel: ResponseChannel | None = None
    language: str | None = None

    def described(self) -> dict[str, str]:
        """The filter as the audit log keeps it: only what was set, as text."""
        return {
            name: str(value.value if isinstance(value, ResponseChannel) else value)
            for name, value in vars(self).items()
            if value not in (None, "")
        }


def _answer_matches(value: str) -> ColumnElement[bool]:
    # Answers are stored as JSON text: the quoted value is looked for, so that a multiple-choice answer holding it
    # matches, and an escaped quote inside free text cannot.
    stored = cast(Answer.value, String)
    quoted = json.dumps(value)
    pattern = quoted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(stored == quoted, stored == value, stored.like(f"%{pattern}%", escape="\\"))


def conditions(filters: AnswerFilter) -> list[ColumnElement[bool]]:
    """The filter as conditions on a select of ``SurveyResponse`` outer-joined to ``StoredLocation`` and joined
    to ``SurveyVersion`` and ``Survey`` (``responses`` builds it)."""
    found: list[ColumnElement[bool]] = []
    if filters.survey:
        found.append(Survey.slug == filters.survey)
    if filters.question:
        answered = [Answer.response_id == SurveyResponse.id, Answer.question_id == filters.question]
        if filters.value not in (None, ""):
            answered.append(_answer_matches(str(filters.value)))
        found.append(exists().where(*answered))
    if filters.wijk_code:
        found.append(StoredLocation.wijk_code == filters.wijk_code)
    if filters.buurt_code:
        found.append(StoredLocation.buurt_code == filters.buurt_code)
    if filters.since is not None:
        found.append(SurveyResponse.submitted_at >= datetime.combine(filters.since, time.min, tzinfo=UTC))
    if filters.until is not None:
        found.append(SurveyResponse.submitted_at <= datetime.combine(filters.until, time.max, tzinfo=UTC))
    if filters.channel is not None:
        found.append(SurveyResponse.channel == filters.channel)
    if filters.language:
        found.append(SurveyResponse.language == filters.language)
    return found


def responses(filters: AnswerFilter, *columns: Any) -> Select[Any]:
    """A select of ``columns`` (the response by default) over the responses the filter matches."""
    return (
        select(*(columns or (SurveyResponse,)))
        .select_from(SurveyResponse)
        .join(SurveyVersion, SurveyVersion.id == SurveyResponse.survey_version_id)
        .join(Survey, Survey.id == SurveyVersion.survey_id)
        .outerjoin(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .where(*conditions(filters))
    )


def count(session: DbSession, filters: AnswerFilter) -> int:
    return int(session.scalar(responses(filters, func.count(SurveyResponse.id))) or 0)


def area_names(session: DbSession) -> tuple[dict[str, str], dict[str, str]]:
    """Wijk code -> name and buurt code -> name, each by its newest boundaries, for the lists and the rows."""
    wijken: dict[str, str] = {}
    for code, name in session.execute(select(Wijk.code, Wijk.name).order_by(Wijk.boundary_year)):
        wijken[code] = name
    buurten: dict[str, str] = {}
    for code, name in session.execute(select(Buurt.code, Buurt.name).order_by(Buurt.boundary_year)):
        buurten[code] = name
    return wijken, buurten


def response_languages(session: DbSession) -> list[str]:
    return list(session.scalars(select(SurveyResponse.language).distinct().order_by(SurveyResponse.language)))


def survey_slugs(session: DbSession) -> list[str]:
    """The surveys with a published version, by slug."""
    return list(session.scalars(select(Survey.slug).where(Survey.versions.any()).order_by(Survey.slug)))
