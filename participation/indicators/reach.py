"""Reach per participation line: how many residents each line reached, per wijk and period.

A survey response counts as one resident; a conversation counts the residents who took part; an activity its
attendance; a resident who offered in a survey to take part counts once more, in the involve line, where their
response was placed, in the year they offered (for as long as they are in the contact register). Residents met
twice are counted twice: the figure is contacts made, as the programme reports them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

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


def reach_per_line(session: DbSession) -> list[Reach]:
    results: list[Reach] = []
    survey_year = extract("year", SurveyResponse.submitted_at)
    for wijk_code, year, line, count in session.execute(
        select(StoredLocation.wijk_code, survey_year, Survey.line, func.count(SurveyResponse.id))
        .join(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .join(SurveyVersion, SurveyVersion.id == SurveyResponse.survey_version_id)
        .join(Survey, Survey.id == SurveyVersion.survey_id)
        .where(StoredLocation.wijk_code.is_not(None))
        .group_by(StoredLocation.wijk_code, survey_year, Survey.line)
    ).all():
        results.append(Reach(str(wijk_code), int(year), str(line), "survey", int(count)))
    volunteer_year = extract("year", Contact.created_at)
    for wijk_code, year, count in session.execute(
        select(StoredLocation.wijk_code, volunteer_year, func.count(Contact.id))
        .join(SurveyResponse, SurveyResponse.id == Contact.source_response_id)
        .join(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .where(StoredLocation.wijk_code.is_not(None))
        .group_by(StoredLocation.wijk_code, volunteer_year)
    ).all():
        results.append(Reach(str(wijk_code), int(year), ParticipationLine.INVOLVE.value, "volunteer", int(count)))
    conversation_year = extract("year", Conversation.occurred_at)
    for wijk_code, year, line, count in session.execute(
        select(StoredLocation.wijk_code, conversation_year, Conversation.line, func.sum(Conversation.participants))
        .join(StoredLocation, StoredLocation.id == Conversation.location_id)
        .where(StoredLocation.wijk_code.is_not(None))
        .group_by(StoredLocation.wijk_code, conversation_year, Conversation.line)
    ).all():
        results.append(Reach(str(wijk_code), int(year), str(line), "conversation", int(count or 0)))
    activity_year = extract("year", Activity.held_on)
    place_location = StoredLocation.__table__.alias("place_location")
    own_location = StoredLocation.__table__.alias("own_location")
    activity_wijk = func.coalesce(own_location.c.wijk_code, place_location.c.wijk_code)
    totals: dict[tuple[str, int, str], int] = defaultdict(int)
    for wijk_code, year, line, count in session.execute(
        select(activity_wijk, activity_year, Activity.line, func.sum(Activity.attendance))
        .select_from(Activity)
        .outerjoin(own_location, own_location.c.id == Activity.location_id)
        .outerjoin(Place, Place.id == Activity.place_id)
        .outerjoin(place_location, place_location.c.id == Place.location_id)
        .where(activity_wijk.is_not(None))
        .group_by(activity_wijk, activity_year, Activity.line)
    ).all():
        totals[(wijk_code, int(year), str(line))] += int(count or 0)
    results += [Reach(w, y, line, "activity", n) for (w, y, line), n in totals.items()]
    return sorted(results, key=lambda r: (r.wijk_code, r.year, r.line, r.source))
