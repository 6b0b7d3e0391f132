"""What tests build by hand, in one place: plain values and builders that need no fixture.

Staff accounts and signing in, stored locations, theme definitions and survey texts, and the seeders that put coded
responses, conversations and activities in given buurten (and at 100 m blocks) directly in the database, without
the geocoder or the survey flow. Fixtures stay in the ``conftest.py`` files; tests import from here, never from a
conftest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import count
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select

from participation.accounts.operations import ensure_organisation
from participation.geo.blocks import block_centre
from participation.models import (
    Activity,
    ActivityKind,
    Answer,
    Buurt,
    Campaign,
    CampaignKind,
    Conversation,
    ConversationSetting,
    LocationPrecision,
    Place,
    PlaceKind,
    ResponseChannel,
    Role,
    StoredLocation,
    Survey,
    SurveyResponse,
    SurveyVersion,
    Theme,
    Wijk,
)
from participation.models.base import DbSession
from participation.models.lines import ParticipationLine
from participation.models.themes import CodingOrigin, CodingStatus, SubjectType, ThemeCoding
from participation.surveys.model import Texts
from participation.themes import ThemeDefinition

# zxcvbn still gives this famous passphrase its top score (it knows the words one by one, not the phrase).
TEST_PASSWORD = "correct horse battery staple"
# A production secret key that passes the start-up check (a fixed random string, not used anywhere else).
PRODUCTION_SECRET_KEY = "Zf0gDYwxqA2xAesOki_KiJOdxsqnKWcv-yaKkKKdrqmrVe2RHm5uiUzOyDTUKSZm"

ORGANISATION_A = "Welzijn Dordrecht"
ORGANISATION_B = "Woonbron"

WIJK = "WK050503"  # Oud Krispijn
BUURT_A = "BU05050300"
BUURT_B = "BU05050301"
OTHER_WIJK = "WK050504"
BUURT_OTHER = "BU05050400"
WHEN = datetime(2024, 3, 15, 12, 0, tzinfo=UTC)
# Three 100 m blocks in Oud Krispijn (BUURT_A); each map test gives them the numbers of sources it needs.
BLOCK_SMALL = "E104900N423300"
BLOCK_BIG = "E105000N423300"
BLOCK_OTHER = "E105100N423300"
STREET = "Bosboom Toussaintstraat"


# A survey whose open questions have the tones of the default survey's: praise, complaint, and one left neutral.
TONED_SURVEY: dict[str, Any] = {
    "slug": "toned",
    "title": {"nl": "Buurtonderzoek", "en": "Neighbourhood survey"},
    "line": "explore",
    "default_language": "nl",
    "languages": ["nl", "en"],
    "pages": [
        {
            "id": "mening",
            "title": {"nl": "Wat vindt u?", "en": "What do you think?"},
            "questions": [
                {
                    "id": "good_here",
                    "type": "long_text",
                    "tone": "praise",
                    "text": {"nl": "Wat is goed in uw buurt?", "en": "What is good about your neighbourhood?"},
                },
                {
                    "id": "improve_first",
                    "type": "long_text",
                    "tone": "complaint",
                    "text": {"nl": "Wat moet als eerste beter?", "en": "What should improve first?"},
                },
                {"id": "q0", "type": "long_text", "text": {"nl": "Nog iets?", "en": "Anything else?"}},
            ],
        }
    ],
}


@dataclass(frozen=True)
class StaffAccount:
    """What a test needs to know of a staff member it made; a plain value, usable outside any app context."""

    id: int
    email: str
    role: Role
    organisation_id: int


def sign_in(client: FlaskClient, user: StaffAccount, password: str = TEST_PASSWORD) -> None:
    response = client.post("/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)


def a_location(
    buurt: str = BUURT_A, street: str | None = None, *, block: str | None = None, in_focus_area: bool = True
) -> StoredLocation:
    """A location as a list choice makes it (a buurt, or a street in it), without the geocoder; ``block`` only files
    it under a 100 m block."""
    return StoredLocation(
        latitude=None,
        longitude=None,
        precision=LocationPrecision.STREET if street else LocationPrecision.BUURT,
        inside=True,
        boundary_year=2024,
        wijk_code=buurt[:8].replace("BU", "WK"),
        buurt_code=buurt,
        block_id=block,
        street_name=street,
        in_focus_area=in_focus_area,
    )


def a_block_location(block: str, buurt: str = BUURT_A, street: str | None = None) -> StoredLocation:
    """A location at a block's centre, as the survey stores a point without consent for more."""
    location = a_location(buurt, street, block=block)
    location.latitude, location.longitude = block_centre(block)
    location.precision = LocationPrecision.BLOCK
    return location


def texts(nl: str, en: str | None = None) -> Texts:
    """Survey texts in Dutch and English."""
    return Texts.of({"nl": nl, "en": en or f"{nl} (en)"})


def definition(code: str = "litter", **changes: object) -> ThemeDefinition:
    """A valid theme definition; ``changes`` override single fields."""
    fields: dict[str, object] = {
        "code": code,
        "label_nl": f"Thema {code}",
        "label_en": f"Theme {code}",
        "descriptions": {"en": "A theme for the tests."},
        "pillar": 5,
        "goals": (9,),
        "keywords": {"nl": ("afval",), "en": ("litter",)},
    }
    fields.update(changes)
    return ThemeDefinition(**fields)  # type: ignore[arg-type]


class Seeder:
    """Makes coded sources in one session; every call flushes so that ids are known."""

    def __init__(self, session: DbSession) -> None:
        self.session = session
        self.numbers = count(1)
        self.organisation = ensure_organisation(session, ORGANISATION_A)
        self.survey = Survey(slug=f"buurtonderzoek-{id(self)}", line=ParticipationLine.EXPLORE)
        # A definition that parses, with open questions of each tone, so that tone tables can read it.
        definition = TONED_SURVEY | {"slug": self.survey.slug}
        self.version = SurveyVersion(survey=self.survey, number=1, definition=definition, fingerprint="1" * 64)
        session.add_all([self.survey, self.version])
        session.flush()

    def areas(self) -> None:
        """The wijken and buurten the tests use, as boundaries of 2024 (without real shapes)."""
        for code, name, buurten in (
            (WIJK, "Oud Krispijn", [(BUURT_A, "Krispijn-Noord"), (BUURT_B, "Krispijn-Zuid")]),
            (OTHER_WIJK, "Nieuw Krispijn", [(BUURT_OTHER, "Nieuw Krispijn-West")]),
        ):
            wijk = Wijk(code=code, name=name, municipality_code="GM0505", boundary_year=2024, geometry_geojson="{}")
            self.session.add(wijk)
            for buurt_code, buurt_name in buurten:
                self.session.add(
                    Buurt(
                        code=buurt_code,
                        name=buurt_name,
                        wijk=wijk,
                        boundary_year=2024,
                        geometry_geojson="{}",
                        in_focus_area=True,
                    )
                )
        self.session.flush()

    def theme(self, code: str, pillar: int = 1, goals: Sequence[int] = (1,)) -> Theme:
        theme = Theme(code=code, label_nl=f"Thema {code}", label_en=f"Theme {code}", pillar=pillar, goals=list(goals))
        self.session.add(theme)
        self.session.flush()
        return theme

    def campaign(self, name: str, kind: CampaignKind) -> Campaign:
        campaign = Campaign(survey=self.survey, name=name, kind=kind)
        self.session.add(campaign)
        self.session.flush()
        return campaign

    def location(self, buurt: str | None, street: str | None = None, block: str | None = None) -> StoredLocation | None:
        return None if buurt is None else a_location(buurt, street, block=block)

    def code(
        self, subject_type: SubjectType, subject_id: int, theme: Theme, status: CodingStatus = CodingStatus.ACCEPTED
    ) -> None:
        self.session.add(
            ThemeCoding(
                theme_id=theme.id,
                subject_type=subject_type,
                subject_id=subject_id,
                origin=CodingOrigin.ANALYST,
                status=status,
                details={},
            )
        )

    def response(
        self,
        themes: Sequence[Theme],
        buurt: str | None = BUURT_A,
        *,
        street: str | None = None,
        block: str | None = None,
        when: datetime = WHEN,
        answers: int = 1,
        text: str = "Er ligt veel afval op straat.",
        status: CodingStatus = CodingStatus.ACCEPTED,
        questions: Sequence[str] = (),
        channel: ResponseChannel = ResponseChannel.WEB,
        campaign: Campaign | None = None,
        entered_by_id: int | None = None,
    ) -> SurveyResponse:
        """A response whose ``answers`` open answers (to ``questions``, when given) each carry every theme given; it
        came in on ``channel``, brought by ``campaign``, typed in by the staff member ``entered_by_id`` where given."""
        number = next(self.numbers)
        response = SurveyResponse(
            survey_version=self.version,
            language="nl",
            channel=channel,
            campaign=campaign,
            entered_by_id=entered_by_id,
            submission_key=f"key-{number}",
            receipt_code_hash=f"receipt-{number}",
            location=self.location(buurt, street, block),
            submitted_at=when,
        )
        question_ids = list(questions) or [f"q{n}" for n in range(answers)]
        response.answers = [Answer(question_id=q, position=n, value=text) for n, q in enumerate(question_ids)]
        self.session.add(response)
        self.session.flush()
        for answer in response.answers:
            for theme in themes:
                self.code(SubjectType.ANSWER, answer.id, theme, status)
        self.session.flush()
        return response

    def conversation(
        self,
        themes: Sequence[Theme],
        buurt: str | None = BUURT_A,
        *,
        participants: int = 1,
        when: datetime = WHEN,
        line: ParticipationLine = ParticipationLine.CONTACT,
        notes: str = "Bewoners klagen over hangjongeren.",
    ) -> Conversation:
        conversation = Conversation(
            client_id=f"conversation-{next(self.numbers)}",
            organisation_id=self.organisation.id,
            occurred_at=when,
            line=line,
            setting=ConversationSetting.STREET,
            participants=participants,
            groups={},
            free_tags=[],
            notes=notes,
            quotes=[],
            location=self.location(buurt),
        )
        self.session.add(conversation)
        self.session.flush()
        for theme in themes:
            self.code(SubjectType.CONVERSATION, conversation.id, theme)
        self.session.flush()
        return conversation

    def activity(
        self,
        themes: Sequence[Theme],
        buurt: str | None = BUURT_A,
        *,
        attendance: int = 10,
        held_on: date = date(2024, 5, 2),
        line: ParticipationLine = ParticipationLine.INVOLVE,
        at_place: bool = False,
    ) -> Activity:
        """An activity placed itself, or (``at_place``) only through the registered place where it was held."""
        place = None
        if at_place:
            place = Place(
                name="Buurthuis",
                kind=PlaceKind.COMMUNITY_CENTRE,
                organisation_id=self.organisation.id,
                location=self.location(buurt),
            )
        activity = Activity(
            client_id=f"activity-{next(self.numbers)}",
            title="Buurtavond",
            kind=ActivityKind.MEETING,
            held_on=held_on,
            line=line,
            attendance=attendance,
            organisation_id=self.organisation.id,
            place=place,
            location=None if at_place else self.location(buurt),
        )
        self.session.add(activity)
        self.session.flush()
        for theme in themes:
            self.code(SubjectType.ACTIVITY, activity.id, theme)
        self.session.flush()
        return activity


class MapSeeder(Seeder):
    """The seeder with sources placed at blocks (and streets), answering a survey of the content load: pages read
    every version's definition, which the seeder's own placeholder version has not."""

    def __init__(self, session: DbSession) -> None:
        super().__init__(session)
        session.delete(self.version)
        session.delete(self.survey)
        self.version = session.scalars(select(SurveyVersion).order_by(SurveyVersion.id)).first()
        assert self.version is not None, "the content load makes the default surveys"
        self.survey = self.version.survey
        session.flush()

    def at(self, block: str, buurt: str = BUURT_A, street: str | None = None, **kwargs: object) -> SurveyResponse:
        response = self.response(list(kwargs.pop("themes", [])), None, **kwargs)  # type: ignore[arg-type]
        response.location = a_block_location(block, buurt, street)
        self.session.flush()
        return response

    def talk_at(
        self,
        block: str,
        buurt: str = BUURT_A,
        *,
        themes: tuple[object, ...] = (),
        line: ParticipationLine = ParticipationLine.CONTACT,
        when: datetime = WHEN,
    ) -> Conversation:
        conversation = self.conversation(list(themes), None, line=line, when=when)  # type: ignore[arg-type]
        conversation.location = a_block_location(block, buurt)
        conversation.setting = ConversationSetting.STREET
        self.session.flush()
        return conversation


# A complete, valid set of answers to the default survey (bewonersenquete), free texts that must stay inert
# included; API, indicator, import and load tests submit it.
ANSWERS: dict[str, Any] = {
    "rating_neighbourhood": 8,
    "safe_day": 4,
    "safe_evening": 3,
    "contact_neighbours": 2,
    "trust_municipality": 3,
    "health": "good",
    "good_here": "<script>alert(1)</script>",
    "improve_first": '=HYPERLINK("http://x","y")',
    "wants_involved": False,
    "age_group": "age_25_44",
    "household": "alone",
}
