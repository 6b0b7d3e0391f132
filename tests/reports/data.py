"""A year of material for the report tests: survey responses through the API (six in Oud Krispijn, four in
Nieuw-Krispijn, too few to show), a conversation and an activity coded with a theme, a Dordrecht average, and a
programme input with one quote its person agreed to and one they did not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask import Flask

from participation.accounts.operations import ensure_organisation
from participation.extensions import db
from participation.indicators.references import ReferenceValue, set_reference
from participation.models import (
    Activity,
    ActivityKind,
    Conversation,
    ConversationSetting,
    Theme,
)
from participation.models.base import utcnow
from participation.models.lines import ParticipationLine
from participation.models.programme import InputEvidence, InputStatus, ProgrammeInput
from participation.models.themes import CodingOrigin, CodingStatus, SubjectType, ThemeCoding
from tests.factories import a_location
from tests.indicators.test_indicators import submit

OUD_KRISPIJN = "BU05050300"  # wijk 03
NIEUW_KRISPIJN = "BU05050401"  # wijk 04
CONSENTED = "De speeltuin aan de Krispijnseweg is eindelijk veilig."
NOT_CONSENTED = "Mijn buurman op nummer 12 dealt al jaren."
OLD_QUOTE = "Dit zei iemand twee jaar geleden."


@dataclass(frozen=True)
class Filled:
    year: int


def fill(app: Flask) -> Filled:
    """Everything the report shows, in the current year (the API stamps responses with the time of submission)."""
    for rating in (6, 7, 8, 9, 7, 8):
        submit(app, OUD_KRISPIJN, rating, "age_25_44")
    for rating in (2, 3, 4, 5):  # four respondents: too few to show to an analyst
        submit(app, NIEUW_KRISPIJN, rating, "age_45_64")
    year = utcnow().year
    with app.app_context():
        session = db.session
        organisation = ensure_organisation(session, "Welzijn Dordrecht")
        theme = Theme(
            code="report_playgrounds",
            label_nl="Speelplekken (verslag)",
            label_en="Playgrounds (report)",
            pillar=1,
            goals=[1],
        )
        session.add(theme)
        conversation = Conversation(
            client_id="report-conversation",
            organisation_id=organisation.id,
            occurred_at=datetime(year, 1, 10, 12, tzinfo=UTC),
            line=ParticipationLine.CONTACT,
            setting=ConversationSetting.STREET,
            participants=7,
            groups={},
            free_tags=[],
            notes="Over de speeltuin.",
            quotes=[],
            location=a_location(OUD_KRISPIJN),
        )
        old = Conversation(
            client_id="report-conversation-old",
            organisation_id=organisation.id,
            occurred_at=datetime(year - 2, 6, 1, 12, tzinfo=UTC),
            line=ParticipationLine.CONTACT,
            setting=ConversationSetting.STREET,
            participants=1,
            groups={},
            free_tags=[],
            notes="",
            quotes=[],
            location=a_location(OUD_KRISPIJN),
        )
        activity = Activity(
            client_id="report-activity",
            title="Buurtavond",
            kind=ActivityKind.MEETING,
            held_on=date(year, 1, 20),
            line=ParticipationLine.INVOLVE,
            attendance=12,
            organisation_id=organisation.id,
            location=a_location(OUD_KRISPIJN),
        )
        session.add_all([conversation, old, activity])
        session.flush()
        for subject_type, subject_id in (
            (SubjectType.CONVERSATION, conversation.id),
            (SubjectType.ACTIVITY, activity.id),
        ):
            session.add(
                ThemeCoding(
                    theme_id=theme.id,
                    subject_type=subject_type,
                    subject_id=subject_id,
                    origin=CodingOrigin.ANALYST,
                    status=CodingStatus.ACCEPTED,
                    details={},
                )
            )
        programme_input = ProgrammeInput(
            wijk_code="WK050503",
            theme_id=theme.id,
            title="Speeltuin opknappen",
            status=InputStatus.DONE,
            public_texts={},
        )
        programme_input.evidence = [
            InputEvidence(
                subject_type=SubjectType.CONVERSATION, subject_id=conversation.id, quote=CONSENTED, quote_consent=True
            ),
            InputEvidence(
                subject_type=SubjectType.ACTIVITY, subject_id=activity.id, quote=NOT_CONSENTED, quote_consent=False
            ),
            InputEvidence(
                subject_type=SubjectType.CONVERSATION, subject_id=old.id, quote=OLD_QUOTE, quote_consent=True
            ),
        ]
        session.add(programme_input)
        set_reference(
            session,
            ReferenceValue(indicator="rating_neighbourhood", area_code="GM0505", year=year, value=7.3, source="test"),
        )
        session.commit()
    return Filled(year)
