"""A seeder for coded material in the wijken and buurten the programme tests use."""

from __future__ import annotations

import pytest

from participation.models.base import DbSession
from tests.factories import Seeder


@pytest.fixture
def seed(session: DbSession) -> Seeder:
    seeder = Seeder(session)
    seeder.areas()
    return seeder
