"""Places and material for the map tests: real Dordrecht boundaries (the content load) and sources made directly in
the database at chosen 100 m blocks, streets and buurten."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from flask import Flask
from sqlalchemy import select

from participation.extensions import db
from participation.geo.blocks import block_centre
from participation.models import (
    Conversation,
    ConversationSetting,
    LocationPrecision,
    StoredLocation,
    SurveyResponse,
    SurveyVersion,
)
from participation.models.base import DbSession
from participation.models.lines import ParticipationLine
from tests.programme.factories import Seeder

# Three blocks in Oud Krispijn (BU05050300); each test gives them the numbers of sources it needs.
BLOCK_SMALL = "E104900N423300"
BLOCK_BIG = "E105000N423300"
BLOCK_OTHER = "E105100N423300"
BUURT = "BU05050300"
OTHER_BUURT = "BU05050301"
STREET = "Bosboom Toussaintstraat"
WHEN = datetime(2024, 3, 15, 12, 0, tzinfo=UTC)


def place(block: str, buurt: str = BUURT, street: str | None = None) -> StoredLocation:
    """A stored location at a block's centre, as the survey stores a point without consent for more."""
    lat, lon = block_centre(block)
    return StoredLocation(
        latitude=lat,
        longitude=lon,
        precision=LocationPrecision.BLOCK,
        inside=True,
        boundary_year=2024,
        wijk_code=buurt[:8].replace("BU", "WK"),
        buurt_code=buurt,
        block_id=block,
        street_name=street,
        in_focus_area=True,
    )


class MapSeeder(Seeder):
    """The programme tests' seeder with sources placed at blocks (and streets), answering a survey of the content
    load: pages read every version's definition, which the seeder's own placeholder version has not."""

    def __init__(self, session: DbSession) -> None:
        super().__init__(session)
        session.delete(self.version)
        session.delete(self.survey)
        self.version = session.scalars(select(SurveyVersion).order_by(SurveyVersion.id)).first()
        assert self.version is not None, "the content load makes the default surveys"
        self.survey = self.version.survey
        session.flush()

    def at(self, block: str, buurt: str = BUURT, street: str | None = None, **kwargs: object) -> SurveyResponse:
        response = self.response(list(kwargs.pop("themes", [])), None, **kwargs)  # type: ignore[arg-type]
        response.location = place(block, buurt, street)
        self.session.flush()
        return response

    def talk_at(
        self,
        block: str,
        buurt: str = BUURT,
        *,
        themes: tuple[object, ...] = (),
        line: ParticipationLine = ParticipationLine.CONTACT,
        when: datetime = WHEN,
    ) -> Conversation:
        conversation = self.conversation(list(themes), None, line=line, when=when)  # type: ignore[arg-type]
        conversation.location = place(block, buurt)
        conversation.setting = ConversationSetting.STREET
        self.session.flush()
        return conversation


@pytest.fixture
def maps_app(loaded_app: Flask) -> Flask:
    return loaded_app


@pytest.fixture
def session(maps_app: Flask) -> Iterator[DbSession]:
    with maps_app.app_context():
        yield db.session
        db.session.rollback()


@pytest.fixture
def seed(session: DbSession) -> MapSeeder:
    return MapSeeder(session)


@pytest.fixture
def populate(seed: MapSeeder, session: DbSession) -> Callable[..., None]:
    """Put n responses in each given block and commit: ``populate({BLOCK_SMALL: 4, BLOCK_BIG: 9})``."""

    def fill(blocks: dict[str, int], buurt: str = BUURT, **kwargs: object) -> None:
        for block, n in blocks.items():
            for _ in range(n):
                seed.at(block, buurt, **kwargs)
        session.commit()

    return fill
