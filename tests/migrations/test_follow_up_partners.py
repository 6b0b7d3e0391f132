"""The migration to follow-ups for partner organisations keeps the free text that named a partner, as the note."""

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import downgrade, upgrade

from participation.extensions import db
from tests.databases import empty_database

BEFORE = "fa17ff95e9dd"
REVISION = "3f9c1d2e8a71"


@pytest.fixture
def empty_database_url(tmp_path: Path, worker_id: str) -> str:
    return empty_database(tmp_path, f"{worker_id}_follow_ups")


def _insert_old_follow_up(connection: sa.Connection) -> None:
    connection.execute(sa.text("INSERT INTO organisation (id, name, kind) VALUES (1, 'Welzijn', 'welfare')"))
    connection.execute(
        sa.text(
            "INSERT INTO conversation (id, client_id, organisation_id, occurred_at, line, setting, participants,"
            " groups, free_tags, notes, quotes, created_at, updated_at) VALUES (1, 'c-00000001', 1,"
            " '2026-01-01 10:00:00+00', 'explore', 'street', 1, '{}', '[]', '', '[]',"
            " '2026-01-01 10:00:00+00', '2026-01-01 10:00:00+00')"
        )
    )
    connection.execute(
        sa.text(
            "INSERT INTO follow_up_signal (id, conversation_id, description, partner, status, created_at)"
            " VALUES (1, 1, 'Lamp kapot', 'Stadsbeheer (Piet)', 'open', '2026-01-01 10:00:00+00')"
        )
    )


def test_free_text_partners_become_notes_and_come_back(make_app: Callable[..., Flask], empty_database_url: str) -> None:
    app = make_app(DATABASE_URL=empty_database_url)
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            _insert_old_follow_up(connection)
        upgrade(revision=REVISION)
        with db.engine.begin() as connection:
            row = connection.execute(
                sa.text("SELECT status, status_note, partner_organisation_id FROM follow_up_signal")
            ).one()
            assert tuple(row) == ("open", "Stadsbeheer (Piet)", None)
            assert connection.execute(sa.text("SELECT receives_follow_ups FROM organisation")).scalar_one()
            # The new statuses pass the rebuilt CHECK constraint; an unknown one does not.
            connection.execute(sa.text("UPDATE follow_up_signal SET status = 'in_progress'"))
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
            connection.execute(sa.text("UPDATE follow_up_signal SET status = 'lost'"))
        downgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            row = connection.execute(sa.text("SELECT status, partner FROM follow_up_signal")).one()
            assert tuple(row) == ("open", "Stadsbeheer (Piet)")
        db.engine.dispose()
