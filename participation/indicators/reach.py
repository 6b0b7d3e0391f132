"""Reach per participation line: how many residents each line reached, per wijk and period.

A survey response counts as one resident; a conversation counts the residents who took part; an activity its
attendance; a resident who offered in a survey to take part counts once more, in the involve line, where their
response was placed, in the year they offered (for as long as they are in the contact register). Residents met
twice are counted twice: the figure is contacts made, as the programme reports them.

Figures come per quarter (the month is asked of SQL, which every database can extract), so that the dashboard
can show the course through a year and the yearly figure is their sum.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import extract, func, select

from participation.models import (
    Activity,
    Contact,
    Conversation,
    Place,
    StoredLocation,
    Survey,
    SurveyResponse,
    SurveyVersion,
)
from participation.models.base import DbSession
from participation.models.lines import ParticipationLine


@dataclass(frozen=True)
class Reach:
    wijk_code: str
    year: int
    line: str
    source: str  # "survey", "volunteer", "conversation" or "activity"
    residents: int
    quarter: int = 0  # 1 to 4; 0 in figures summed over the whole year


def quarter_of(month: int) -> int:
    return (int(month) - 1) // 3 + 1


def reach_per_line(session: DbSession) -> list[Reach]:
    """Residents reached per wijk, year, line and source, the quarters summed."""
    totals: dict[tuple[str, int, str, str], int] = defaultdict(int)
    for reach in reach_per_quarter(session):
        totals[(reach.wijk_code, reach.year, reach.line, reach.source)] += reach.residents
    return [Reach(w, y, line, source, n) for (w, y, line, source), n in sorted(totals.items())]


def reach_per_quarter(session: DbSession) -> list[Reach]:
    """Residents reached per wijk, year, quarter, line and source: four queries, however many records."""
    totals: dict[tuple[str, int, int, str, str], int] = defaultdict(int)

    def add(wijk: Any, year: Any, month: Any, line: str, source: str, count: Any) -> None:
        # PostgreSQL's extract gives decimals, SQLite's integers.
        totals[(str(wijk), int(year), quarter_of(int(month)), line, source)] += int(count or 0)

    survey_year = extract("year", SurveyResponse.submitted_at)
    survey_month = extract("month", SurveyResponse.submitted_at)
    for wijk_code, year, month, line, count in session.execute(
        select(StoredLocation.wijk_code, survey_year, survey_month, Survey.line, func.count(SurveyResponse.id))
        .join(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .join(SurveyVersion, SurveyVersion.id == SurveyResponse.survey_version_id)
        .join(Survey, Survey.id == SurveyVersion.survey_id)
        .where(StoredLocation.wijk_code.is_not(None))
        .group_by(StoredLocation.wijk_code, survey_year, survey_month, Survey.line)
    ).all():
        add(wijk_code, year, month, str(line), "survey", count)
    volunteer_year = extract("year", Contact.created_at)
    volunteer_month = extract("month", Contact.created_at)
    for wijk_code, year, month, count in session.execute(
        select(StoredLocation.wijk_code, volunteer_year, volunteer_month, func.count(Contact.id))
        .join(SurveyResponse, SurveyResponse.id == Contact.source_response_id)
        .join(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .where(StoredLocation.wijk_code.is_not(None))
        .group_by(StoredLocation.wijk_code, volunteer_year, volunteer_month)
    ).all():
        add(wijk_code, year, month, ParticipationLine.INVOLVE.value, "volunteer", count)
    conversation_year = extract("year", Conversation.occurred_at)
    conversation_month = extract("month", Conversation.occurred_at)
    for wijk_code, year, month, line, count in session.execute(
        select(
            StoredLocation.wijk_code,
            conversation_year,
            conversation_month,
            Conversation.line,
            func.sum(Conversation.participants),
        )
        .join(StoredLocation, StoredLocation.id == Conversation.location_id)
        .where(StoredLocation.wijk_code.is_not(None))
        .group_by(StoredLocation.wijk_code, conversation_year, conversation_month, Conversation.line)
    ).all():
        add(wijk_code, year, month, str(line), "conversation", count)
    activity_year = extract("year", Activity.held_on)
    activity_month = extract("month", Activity.held_on)
    place_location = StoredLocation.__table__.alias("place_location")
    own_location = StoredLocation.__table__.alias("own_location")
    activity_wijk = func.coalesce(own_location.c.wijk_code, place_location.c.wijk_code)
    for wijk_code, year, month, line, count in session.execute(
        select(activity_wijk, activity_year, activity_month, Activity.line, func.sum(Activity.attendance))
        .select_from(Activity)
        .outerjoin(own_location, own_location.c.id == Activity.location_id)
        .outerjoin(Place, Place.id == Activity.place_id)
        .outerjoin(place_location, place_location.c.id == Place.location_id)
        .where(activity_wijk.is_not(None))
        .group_by(activity_wijk, activity_year, activity_month, Activity.line)
    ).all():
        add(wijk_code, year, month, str(line), "activity", count)
    return [Reach(w, y, line, source, n, quarter) for (w, y, quarter, line, source), n in sorted(totals.items())]
