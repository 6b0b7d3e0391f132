"""The Alembic migrations build exactly the schema the models describe, from empty and from the previous revision."""

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import downgrade, upgrade

from participation.extensions import db
from tests.databases import empty_database


@pytest.fixture
def empty_database_url(tmp_path: Path, worker_id: str) -> str:
    return empty_database(tmp_path, f"{worker_id}_migrations")


def schema_differences(app: Flask) -> list[object]:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, db.metadata))


def test_upgrade_from_empty_matches_the_models(make_app: Callable[..., Flask], empty_database_url: str) -> None:
    app = make_app(DATABASE_URL=empty_database_url)
    with app.app_context():
        upgrade()
        assert schema_differences(app) == []
        db.engine.dispose()


def test_every_revision_upgrades_from_its_predecessor_and_back(
    make_app: Callable[..., Flask], empty_database_url: str
) -> None:
    app = make_app(DATABASE_URL=empty_database_url)
    with app.app_context():
        script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
        revisions = list(reversed(list(script.walk_revisions())))
        assert revisions, "no migrations found"
        for revision in revisions:
            upgrade(revision=revision.revision)
            downgrade(revision=revision.down_revision or "base")
            upgrade(revision=revision.revision)
        assert schema_differences(app) == []
        inspector = sa.inspect(db.engine)
        assert {"wijk", "buurt", "focus_area", "organisation", "staff_user", "audit_event"} <= set(
            inspector.get_table_names()
        )
        db.engine.dispose()


def test_revision_files_are_date_prefixed() -> None:
    versions = Path(__file__).resolve().parents[2] / "migrations" / "versions"
    names = [path.name for path in versions.glob("*.py")]
    assert names
    assert all(name[:8].isdigit() for name in names), names
