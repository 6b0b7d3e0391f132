"""Reach per participation line: how many residents each line reached, per wijk and period.

A survey response counts as one resident; a conversation counts the residents who took part; an activity its
attendance; a resident who offered in a survey to take part counts once more, in the involve line, where their
response was placed, in the year they offered (for as long as they are in the contact register). Residents met
twice are counted twice: the figure is contacts made, as the programme reports them.

Figures come per quarter (the month is asked of SQL, which every database can extract; survey responses are
tallied per quarter as they arrive), so that the dashboard can show the course through a year and the yearly
figure is their sum.

Survey responses are also counted by the way they came in: the kind of campaign that brought the resident (QR
posters, flyers, door to door, ...) and the channel (website, paper, another app, in the field), per wijk, so the
bureau sees which way of meeting residents works.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import extract, func, select

from participation.disclosure import DisclosedTable, disclose_table
from participation.indicators.tallies import quarter_of
from participation.models import (
    Activity,
    Campaign,
    CampaignKind,
    Contact,
    Conversation,
    Place,
    ResponseChannel,
    ResponseTally,
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

    # Survey responses from their tallies (kept at each submission and erasure): at a million answers, grouping
    # the responses themselves would cost the dashboard more than every other figure on it.
    for tally_wijk, tally_year, quarter, survey_line, responses in session.execute(
        select(
            ResponseTally.wijk_code,
            ResponseTally.year,
            ResponseTally.quarter,
            Survey.line,
            func.sum(ResponseTally.responses),
        )
        .join(SurveyVersion, SurveyVersion.id == ResponseTally.survey_version_id)
        .join(Survey, Survey.id == SurveyVersion.survey_id)
        .group_by(ResponseTally.wijk_code, ResponseTally.year, ResponseTally.quarter, Survey.line)
    ).all():
        if responses:
            totals[(str(tally_wijk), int(tally_year), int(quarter), str(survey_line), "survey")] += int(responses)
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


class ReachChannel(enum.StrEnum):
    """How a response reached the bureau, as the reach page reports it.

    *Field* is a response a professional entered for a resident on the spot (a staff member entered it, not from
    paper); the stored channel says web or API then."""

    WEB = "web"
    PAPER = "paper"
    API = "api"
    FIELD = "field"


REACH_CHANNEL_LABELS = {
    # i18n: the way a survey response came in: filled in by the resident on the website
    ReachChannel.WEB: _l("Website"),
    # i18n: the way a survey response came in: a paper form typed in by staff
    ReachChannel.PAPER: _l("Paper form"),
    # i18n: the way a survey response came in: sent by another program through the API
    ReachChannel.API: _l("Other app (API)"),
    # i18n: the way a survey response came in: entered by a professional together with the resident
    ReachChannel.FIELD: _l("In the field"),
}

NO_CAMPAIGN_KEY = ""  # responses without a campaign
UNKNOWN_WIJK = ""  # responses without a place in a wijk


def reach_channel(channel: str, entered_by_staff: bool) -> ReachChannel:
    if channel == ResponseChannel.PAPER.value:
        return ReachChannel.PAPER
    if entered_by_staff or channel == ReachChannel.FIELD.value:
        return ReachChannel.FIELD
    return ReachChannel.API if channel == ResponseChannel.API.value else ReachChannel.WEB


@dataclass(frozen=True)
class ResponseWays:
    """Responses per wijk by the kind of campaign that brought them and by the channel they came in on."""

    by_campaign: dict[tuple[str, str], int]  # (campaign kind or NO_CAMPAIGN_KEY, wijk or UNKNOWN_WIJK) -> responses
    by_channel: dict[tuple[str, str], int]  # (reach channel, wijk or UNKNOWN_WIJK) -> responses
    per_wijk: dict[str, int]  # wijk or UNKNOWN_WIJK -> responses


def responses_by_way(session: DbSession) -> ResponseWays:
    """One GROUP BY over every response: the kind of campaign, the channel, who entered it and its wijk."""
    wijk = func.coalesce(StoredLocation.wijk_code, "")
    entered = SurveyResponse.entered_by_id.is_not(None)
    rows = session.execute(
        select(Campaign.kind, SurveyResponse.channel, entered, wijk, func.count(SurveyResponse.id))
        .select_from(SurveyResponse)
        .outerjoin(Campaign, Campaign.id == SurveyResponse.campaign_id)
        .outerjoin(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .group_by(Campaign.kind, SurveyResponse.channel, entered, wijk)
    ).all()
    by_campaign: dict[tuple[str, str], int] = defaultdict(int)
    by_channel: dict[tuple[str, str], int] = defaultdict(int)
    per_wijk: dict[str, int] = defaultdict(int)
    for kind, channel, by_staff, wijk_code, count in rows:
        area = str(wijk_code or UNKNOWN_WIJK)
        by_campaign[(str(kind) if kind is not None else NO_CAMPAIGN_KEY, area)] += int(count)
        by_channel[(reach_channel(str(channel), bool(by_staff)).value, area)] += int(count)
        per_wijk[area] += int(count)
    return ResponseWays(dict(by_campaign), dict(by_channel), dict(per_wijk))


@dataclass(frozen=True)
class WaysTables:
    """The two suppressed tables of the reach page: campaign kind by wijk, and channel by wijk, with totals."""

    by_campaign: DisclosedTable[str, str]
    by_channel: DisclosedTable[str, str]


def ways_tables(ways: ResponseWays, *, threshold: int, suppress: bool) -> WaysTables:
    """Both tables with their totals, suppressed so that neither gives the other's hidden figures away.

    The two tables share their wijk totals and grand total (every response has one campaign kind and one channel),
    so a total one of them hides must be hidden in the other as well: each is suppressed again, with the totals the
    other hides hidden from the start, until both hide the same totals.
    """
    wijken = sorted(ways.per_wijk, key=lambda code: (code == UNKNOWN_WIJK, code))
    kinds = [kind.value for kind in CampaignKind if any(k == kind.value for k, _w in ways.by_campaign)]
    if any(k == NO_CAMPAIGN_KEY for k, _w in ways.by_campaign):
        kinds.append(NO_CAMPAIGN_KEY)
    channels = [channel.value for channel in ReachChannel if any(c == channel.value for c, _w in ways.by_channel)]
    grand = sum(ways.per_wijk.values())
    hidden_totals: set[str] = set()
    hide_grand = False
    while True:
        tables = [
            disclose_table(
                counts,
                rows,
                wijken,
                threshold=threshold,
                suppress=suppress,
                row_totals=True,
                column_totals=ways.per_wijk,
                grand_total=grand,
                hide_column_totals=hidden_totals,
                hide_grand_total=hide_grand,
            )
            for counts, rows in ((ways.by_campaign, kinds), (ways.by_channel, channels))
        ]
        now_hidden = {wijk for table in tables for wijk in wijken if table.column_totals[wijk].hidden}
        now_grand = any(table.grand_total is not None and table.grand_total.hidden for table in tables)
        if now_hidden == hidden_totals and now_grand == hide_grand:
            return WaysTables(tables[0], tables[1])
        hidden_totals, hide_grand = now_hidden, now_grand
