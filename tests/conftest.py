"""Fixtures that build what a test needs: a migrated database per worker, a fresh app per test, staff factories.

Tests run on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set (CI does both). Each pytest-xdist
worker gets its own database, migrated once with the real Alembic migrations; after each test every table is
emptied, which is much faster than building the schema again.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_migrate import upgrade

from participation import create_app
from participation.accounts.operations import create_staff_user, ensure_organisation
from participation.extensions import db
from participation.models import Role
from participation.models.base import DbSession
from tests.databases import empty_database
from tests.factories import TEST_PASSWORD, StaffAccount, sign_in


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> str:
    return empty_database(tmp_path_factory.mktemp("db"), worker_id)


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("instance")


def base_config(database_url: str, **overrides: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "ENV": "testing",
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-for-tests",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        # Queued tasks wait in memory and nothing runs them, so a test sees no suggestion it did not ask for; a test
        # of background work runs the queue itself (``tests.tasks.run_queued``).
        "TASKS_URL": "memory://",
    }
    if overrides.get("ENV") == "production":
        # Production refuses a queue in memory; a SQLite queue that no consumer of this process reads stands in.
        config["TASKS_URL"] = f"sqlite:///{Path(tempfile.gettempdir()) / f'participation-tasks-{os.getpid()}.db'}"
        config["TASKS_WORKER"] = "separate"
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def migrated_database(database_url: str) -> str:
    app = create_app(base_config(database_url))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return database_url


def _empty_all_tables(database_url: str) -> None:
    tables = [table.name for table in db.metadata.sorted_tables]
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            quoted = ", ".join(f'"{name}"' for name in tables)
            connection.execute(sa.text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
        else:
            for name in reversed(tables):
                connection.execute(sa.text(f'DELETE FROM "{name}"'))  # noqa: S608 - names come from our metadata
    engine.dispose()


@pytest.fixture
def make_app(migrated_database: str) -> Iterator[Callable[..., Flask]]:
    """Build an app on the test database with extra settings; tables are emptied after the test."""
    apps: list[Flask] = []

    def build(**overrides: Any) -> Flask:
        app = create_app(base_config(migrated_database, **overrides))
        apps.append(app)
        return app

    yield build
    for built in apps:
        with built.app_context():
            db.session.remove()
            db.engine.dispose()
    _empty_all_tables(migrated_database)


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    """A fresh app; pytest-flask's ``client`` and ``config`` fixtures are built from it. No app context is pushed
    for the whole test (see ``_push_request_context``): open ``with app.app_context():`` only around direct database
    work."""
    return make_app()


@pytest.fixture
def session(app: Flask) -> Iterator[DbSession]:
    """The app's database session inside one app context for the whole test, for domain tests that make no
    requests; what the test left uncommitted is rolled back."""
    with app.app_context():
        yield db.session
        db.session.rollback()


@pytest.fixture(autouse=True)
def _push_request_context() -> None:
    """Overrides pytest-flask's fixture of this name, which pushes one request context for the whole test.

    Every request of the test client must get its own app context (``g``, the database session), as in production;
    a context held open by the test lets one request see another's session and hides commit bugs."""


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Overrides pytest-flask's ``client``, which opens the client in a ``with`` block: that keeps the last
    request's context pushed, so a second client in the same test (another device of the same user) would run
    inside the first one's context. pytest-flask's ``config`` and ``mimetype`` fixtures are used as they are."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def make_staff(app: Flask) -> Callable[..., StaffAccount]:
    """Create a staff member: ``make_staff(Role.ANALYST, organisation="Gemeente Dordrecht")``."""
    counter = iter(range(1, 10_000))

    def create(
        role: Role = Role.PROFESSIONAL, organisation: str = "Gemeente Dordrecht", email: str | None = None
    ) -> StaffAccount:
        with app.app_context():
            org = ensure_organisation(db.session, organisation)
            user = create_staff_user(
                db.session,
                email=email or f"{role.value}{next(counter)}@example.org",
                password=TEST_PASSWORD,
                role=role,
                organisation=org,
            )
            db.session.commit()
            return StaffAccount(user.id, user.email, user.role, user.organisation_id)

    return create


@pytest.fixture
def signed_in(client: FlaskClient, make_staff: Callable[..., StaffAccount]) -> Callable[[Role], StaffAccount]:
    """Sign the test client in as a new staff member with the given role."""

    def as_role(role: Role) -> StaffAccount:
        user = make_staff(role)
        sign_in(client, user)
        return user

    return as_role


@pytest.fixture
def loaded_app(app: Flask) -> Flask:
    """The app with its default content loaded: the Dordrecht boundaries and the default surveys."""
    result = app.test_cli_runner().invoke(args=["content", "load"])
    assert result.exit_code == 0, result.output
    return app
