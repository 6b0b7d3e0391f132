"""A database session in an app context and a seeder for coded material."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from participation.extensions import db
from participation.models.base import DbSession
from tests.programme.factories import Seeder


@pytest.fixture
def session(app: Flask) -> Iterator[DbSession]:
    with app.app_context():
        yield db.session
        db.session.rollback()


@pytest.fixture
def seed(session: DbSession) -> Seeder:
    seeder = Seeder(session)
    seeder.areas()
    return seeder
