"""What the yearly report reads besides the dashboard and the theme counts: responses, conversations and activities
per wijk in a year, the consented quotes of the programme input with the date of their source, and the inputs that
existed by the end of the year."""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from participation.models import Activity, Answer, Conversation, Place, StoredLocation, SurveyResponse
from participation.models.base import DbSession
from participation.models.programme import InputEvidence, ProgrammeInput
from participation.models.themes import SubjectType


class Source(enum.StrEnum):
    """The three kinds of contact the report counts per wijk."""

    RESPONSES = "responses"
    CONVERSATIONS = "conversations"
    ACTIVITIES = "activities"


@dataclass(frozen=True)
class YearSpan:
    """A calendar year as the half-open interval [start, end) of the programme's own clock (``zone``): a
    conversation held at half past midnight on New Year's Day in Dordrecht belongs to the new year."""

    year: int
    zone: tzinfo = UTC

    @property
    def start(self) -> datetime:
        return datetime(self.year, 1, 1, tzinfo=self.zone)

    @property
    def end(self) -> datetime:
        return datetime(self.year + 1, 1, 1, tzinfo=self.zone)

    def day_of(self, moment: datetime) -> date:
        """The calendar day of a stored (UTC) time on the programme's clock."""
        return moment.astimezone(self.zone).date()

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 12, 31)


@dataclass(frozen=True)
class DatedQuote:
    """A quote someone agreed to, with the theme of its input and the day its source was given or held."""

    theme_id: int
    text: str
    day: date


def counts_per_wijk(session: DbSession, span: YearSpan) -> dict[tuple[str, Source], int]:
    """(wijk code, source) -> how many responses, conversations and activities of the year were placed there."""
    counts: dict[tuple[str, Source], int] = defaultdict(int)
    responses = (
        select(StoredLocation.wijk_code, func.count(SurveyResponse.id))
        .join(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .where(SurveyResponse.submitted_at >= span.start, SurveyResponse.submitted_at < span.end)
        .group_by(StoredLocation.wijk_code)
    )
    conversations = (
        select(StoredLocation.wijk_code, func.count(Conversation.id))
        .join(StoredLocation, StoredLocation.id == Conversation.location_id)
        .where(Conversation.occurred_at >= span.start, Conversation.occurred_at < span.end)
        .group_by(StoredLocation.wijk_code)
    )
    place_location = StoredLocation.__table__.alias("place_location")
    own_location = StoredLocation.__table__.alias("own_location")
    # An activity without a place of its own counts where its registered place is, as reach per line does.
    activity_wijk = func.coalesce(own_location.c.wijk_code, place_location.c.wijk_code)
    activities = (
        select(activity_wijk, func.count(Activity.id))
        .select_from(Activity)
        .outerjoin(own_location, own_location.c.id == Activity.location_id)
        .outerjoin(Place, Place.id == Activity.place_id)
        .outerjoin(place_location, place_location.c.id == Place.location_id)
        .where(Activity.held_on >= span.first_day, Activity.held_on <= span.last_day)
        .group_by(activity_wijk)
    )
    query: Any
    for source, query in (
        (Source.RESPONSES, responses),
        (Source.CONVERSATIONS, conversations),
        (Source.ACTIVITIES, activities),
    ):
        for wijk_code, number in session.execute(query).all():
            if wijk_code:
                counts[(str(wijk_code), source)] += int(number)
    return dict(counts)


def _source_days(
    session: DbSession, evidence: list[InputEvidence], span: YearSpan
) -> dict[tuple[SubjectType, int], date]:
    """The day of each piece of evidence's source: when the response came in, the conversation was held, or the
    activity took place (evidence itself carries no date)."""
    ids: dict[SubjectType, set[int]] = defaultdict(set)
    for item in evidence:
        if item.subject_id is not None:
            ids[SubjectType(item.subject_type)].add(item.subject_id)
    days: dict[tuple[SubjectType, int], date] = {}
    if ids[SubjectType.ANSWER]:
        for answer_id, moment in session.execute(
            select(Answer.id, SurveyResponse.submitted_at)
            .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
            .where(Answer.id.in_(ids[SubjectType.ANSWER]))
        ).all():
            days[(SubjectType.ANSWER, answer_id)] = span.day_of(moment)
    if ids[SubjectType.CONVERSATION]:
        for conversation_id, moment in session.execute(
            select(Conversation.id, Conversation.occurred_at).where(Conversation.id.in_(ids[SubjectType.CONVERSATION]))
        ).all():
            days[(SubjectType.CONVERSATION, conversation_id)] = span.day_of(moment)
    if ids[SubjectType.ACTIVITY]:
        for activity_id, held_on in session.execute(
            select(Activity.id, Activity.held_on).where(Activity.id.in_(ids[SubjectType.ACTIVITY]))
        ).all():
            days[(SubjectType.ACTIVITY, activity_id)] = held_on
    return days


def consented_quotes_of_year(session: DbSession, span: YearSpan) -> list[DatedQuote]:
    """Quotes linked to programme input whose person agreed to being quoted and whose source lies in the year,
    newest first. Quotes without consent are never read, so they cannot reach a report by mistake."""
    evidence = list(
        session.scalars(
            select(InputEvidence)
            .where(InputEvidence.quote_consent.is_(True), InputEvidence.quote != "")
            .options(selectinload(InputEvidence.programme_input))
            .order_by(InputEvidence.id.desc())
        )
    )
    days = _source_days(session, evidence, span)
    quotes = []
    for item in evidence:
        if item.subject_id is None:
            continue  # erased at the resident's request (and its quote blanked): no longer a source
        day = days.get((SubjectType(item.subject_type), item.subject_id))
        if day is not None and day.year == span.year:
            quotes.append(DatedQuote(item.programme_input.theme_id, item.quote, day))
    # Newest source first; among sources of one day the most recently linked quote first (the order read).
    return sorted(quotes, key=lambda quote: quote.day, reverse=True)


def inputs_until(session: DbSession, span: YearSpan) -> list[ProgrammeInput]:
    """The programme inputs made before the end of the year, with their themes, by wijk and title."""
    return list(
        session.scalars(
            select(ProgrammeInput)
            .where(ProgrammeInput.created_at < span.end)
            .options(selectinload(ProgrammeInput.theme))
            .order_by(ProgrammeInput.wijk_code, ProgrammeInput.title, ProgrammeInput.id)
        )
    )


def years_with_data(session: DbSession) -> list[int]:
    """The years in which responses, conversations or activities were recorded, oldest first."""
    firsts = [
        session.scalar(select(func.min(SurveyResponse.submitted_at))),
        session.scalar(select(func.min(Conversation.occurred_at))),
        session.scalar(select(func.min(Activity.held_on))),
    ]
    lasts = [
        session.scalar(select(func.max(SurveyResponse.submitted_at))),
        session.scalar(select(func.max(Conversation.occurred_at))),
        session.scalar(select(func.max(Activity.held_on))),
    ]
    first_years = [moment.year for moment in firsts if moment is not None]
    last_years = [moment.year for moment in lasts if moment is not None]
    if not first_years:
        return []
    return list(range(min(first_years), max(last_years) + 1))
