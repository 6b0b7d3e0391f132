"""``flask backup create`` and ``flask backup restore`` on the test database (SQLite, or PostgreSQL when
TEST_DATABASE_URL is set): a filled database comes back row for row, and every refusal leaves it as it was."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import downgrade, upgrade

from participation.backup import BackupError, RevisionState
from participation.backup.files import written_atomically
from participation.backup.postgres import Server
from participation.backup.revisions import check_revision
from participation.extensions import db
from participation.models import Answer, Conversation, ProgrammeInput, Role, StaffUser, SurveyResponse
from tests.blueprints.bureau.test_programme import new_input
from tests.blueprints.field.test_conversations import form as conversation_form
from tests.blueprints.residents.test_survey import PAGES, fill_in, submit_and_read_receipt
from tests.databases import empty_database
from tests.factories import StaffAccount, sign_in

ALEMBIC_VERSION = sa.table("alembic_version", sa.column("version_num"))
Snapshot = dict[str, list[tuple[Any, ...]]]


def snapshot(app: Flask) -> Snapshot:
    """Every row of every table, in primary-key order, and the Alembic revision."""
    with app.app_context(), db.engine.connect() as connection:
        rows: Snapshot = {}
        for table in db.metadata.sorted_tables:
            assert table.primary_key.columns, table.name
            query = sa.select(table).order_by(*table.primary_key.columns)
            rows[table.name] = [tuple(row) for row in connection.execute(query)]
        rows["alembic_version"] = [tuple(row) for row in connection.execute(sa.select(ALEMBIC_VERSION))]
        return rows


def wipe(app: Flask) -> None:
    """Drop every table, the Alembic version included."""
    with app.app_context():
        db.session.remove()
        db.metadata.drop_all(db.engine)
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE alembic_version")
        assert sa.inspect(db.engine).get_table_names() == []


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def fill(app: Flask, make_staff: Callable[..., StaffAccount]) -> None:
    """Staff, three residents' responses, a logged conversation and a programme input, all through the app."""
    for pages in (PAGES, [{**PAGES[0], "rating_neighbourhood": "4"}, *PAGES[1:]], PAGES):
        resident = app.test_client()
        fill_in(resident, pages=pages)
        submit_and_read_receipt(resident)
    professional = app.test_client()
    sign_in(professional, make_staff(Role.PROFESSIONAL, organisation="Welzijn Dordrecht"))
    # The follow-up goes to an organisation the register holds (the professional's own, made with the account).
    form = conversation_form(
        themes=["litter"], signal_description="Container maken", signal_partner="Welzijn Dordrecht"
    )
    logged = professional.post("/field/conversations", data=form)
    assert logged.status_code == 302, logged.get_data(as_text=True)[-2000:]
    analyst = app.test_client()
    sign_in(analyst, make_staff(Role.ANALYST, organisation="Programmabureau Dordt West"))
    new_input(app, analyst)


def other_kind_of_file(app: Flask, path: Path) -> None:
    """A file of the kind this database cannot take: an SQLite file for PostgreSQL, a pg_dump header for SQLite."""
    if app_dialect(app) == "sqlite":
        path.write_bytes(b"PGDMP\x01\x0e\x00" + bytes(64))
    else:
        with sqlite3.connect(path) as other:
            other.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        other.close()


def app_dialect(app: Flask) -> str:
    with app.app_context():
        return db.engine.dialect.name


def add_staff(make_staff: Callable[..., StaffAccount]) -> StaffAccount:
    """A change after the backup, which a refused restore must leave in place."""
    return make_staff(Role.ADMIN, email="after-the-backup@example.org")


def set_revision(app: Flask, revision: str) -> None:
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(sa.update(ALEMBIC_VERSION).values(version_num=revision))


def head_and_previous(app: Flask) -> tuple[str, str]:
    with app.app_context():
        from alembic.script import ScriptDirectory

        script = ScriptDirectory(app.extensions["migrate"].directory)
        head = script.get_revision("head")
        assert head is not None and isinstance(head.down_revision, str)
        return head.revision, head.down_revision


def test_a_filled_database_comes_back_row_for_row(
    loaded_app: Flask, make_staff: Callable[..., StaffAccount], tmp_path: Path
) -> None:
    fill(loaded_app, make_staff)
    before = snapshot(loaded_app)
    for table, at_least in (("staff_user", 2), ("survey_response", 3), ("answer", 30), ("conversation", 1)):
        assert len(before[table]) >= at_least, table
    assert before["programme_input"] and before["theme_coding"] and before["buurt"] and before["alembic_version"]

    runner = loaded_app.test_cli_runner()
    backup = tmp_path / "participation.backup"
    made = runner.invoke(args=["backup", "create", str(backup)])
    assert made.exit_code == 0, made.output
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir()] == [backup.name]  # no temporary file left beside it

    wipe(loaded_app)
    restored = runner.invoke(args=["backup", "restore", "--yes", str(backup)])
    assert restored.exit_code == 0, restored.output
    assert "flask db upgrade" not in restored.output

    assert snapshot(loaded_app) == before
    # The restored database takes new work where the old one left off (ids, sequences on PostgreSQL).
    resident = loaded_app.test_client()
    fill_in(resident)
    submit_and_read_receipt(resident)
    assert count(loaded_app, SurveyResponse) == len(before["survey_response"]) + 1
    assert count(loaded_app, Answer) > len(before["answer"])
    assert count(loaded_app, Conversation) == 1 and count(loaded_app, ProgrammeInput) == 1


def test_a_backup_replaces_an_older_file_and_is_private(app: Flask, tmp_path: Path) -> None:
    backup = tmp_path / "nightly.backup"
    backup.write_text("yesterday")
    backup.chmod(0o644)
    made = app.test_cli_runner().invoke(args=["backup", "create", str(backup)])
    assert made.exit_code == 0, made.output
    assert backup.read_bytes()[:5] in (b"SQLit", b"PGDMP")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir()] == [backup.name]


def test_a_failed_write_leaves_the_old_backup_and_no_temporary_file(tmp_path: Path) -> None:
    backup = tmp_path / "nightly.backup"
    backup.write_text("yesterday")
    with pytest.raises(RuntimeError), written_atomically(backup) as temporary:
        temporary.write_text("half a backup")
        raise RuntimeError("disk full")
    assert backup.read_text() == "yesterday"
    assert [path.name for path in tmp_path.iterdir()] == [backup.name]


def test_create_explains_a_missing_folder(app: Flask, tmp_path: Path) -> None:
    result = app.test_cli_runner().invoke(args=["backup", "create", str(tmp_path / "missing" / "x.backup")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: The folder {tmp_path / 'missing'} does not exist."


def test_restore_asks_first_and_changes_nothing_when_declined(
    app: Flask, make_staff: Callable[..., StaffAccount], tmp_path: Path
) -> None:
    backup = tmp_path / "participation.backup"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup", "create", str(backup)]).exit_code == 0
    add_staff(make_staff)
    declined = runner.invoke(args=["backup", "restore", str(backup)], input="n\n")
    assert declined.exit_code == 1
    assert "replaces everything" in declined.output and "Aborted" in declined.output
    assert count(app, StaffUser) == 1
    accepted = runner.invoke(args=["backup", "restore", str(backup)], input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert count(app, StaffUser) == 0


def test_restore_refuses_a_backup_of_the_other_kind_of_database(
    app: Flask, make_staff: Callable[..., StaffAccount], tmp_path: Path
) -> None:
    add_staff(make_staff)
    other = tmp_path / "other.backup"
    other_kind_of_file(app, other)
    result = app.test_cli_runner().invoke(args=["backup", "restore", "--yes", str(other)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "cannot be restored into this" in lines[0], result.output
    assert count(app, StaffUser) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "There is no file"), (b"name,email\n", "is not a backup made by flask backup create")],
)
def test_restore_refuses_what_is_no_backup(app: Flask, tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "participation.backup"
    if content is not None:
        path.write_bytes(content)
    result = app.test_cli_runner().invoke(args=["backup", "restore", "--yes", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output


def test_a_damaged_backup_is_refused_and_the_database_kept(
    app: Flask, make_staff: Callable[..., StaffAccount], tmp_path: Path
) -> None:
    backup = tmp_path / "participation.backup"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup", "create", str(backup)]).exit_code == 0
    whole = backup.read_bytes()
    backup.write_bytes(whole[: len(whole) // 2])
    add_staff(make_staff)
    result = runner.invoke(args=["backup", "restore", "--yes", str(backup)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert result.output.startswith(f"Error: {backup} cannot be read as a backup: "), result.output
    assert count(app, StaffUser) == 1


def test_a_backup_of_a_newer_schema_is_refused_before_the_database_is_touched(
    app: Flask, make_staff: Callable[..., StaffAccount], tmp_path: Path
) -> None:
    head, _ = head_and_previous(app)
    backup = tmp_path / "participation.backup"
    set_revision(app, "ffffffffffff")
    try:
        assert app.test_cli_runner().invoke(args=["backup", "create", str(backup)]).exit_code == 0
    finally:
        set_revision(app, head)
    add_staff(make_staff)
    result = app.test_cli_runner().invoke(args=["backup", "restore", "--yes", str(backup)])
    assert result.exit_code == 1
    assert "revision ffffffffffff" in result.output and "newer version" in result.output
    assert count(app, StaffUser) == 1
    assert snapshot(app)["alembic_version"] == [(head,)]


@pytest.fixture
def own_database_url(tmp_path: Path, worker_id: str) -> str:
    """A database of this test's own, for migrating down and up without touching the worker's database."""
    return empty_database(tmp_path, f"{worker_id}_backup")


def test_an_older_backup_is_restored_and_asks_for_an_upgrade(
    make_app: Callable[..., Flask], own_database_url: str, tmp_path: Path
) -> None:
    app = make_app(DATABASE_URL=own_database_url)
    head, previous = head_and_previous(app)
    with app.app_context():
        upgrade(revision=previous)
    backup = tmp_path / "older.backup"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup", "create", str(backup)]).exit_code == 0
    with app.app_context():
        upgrade()
    result = runner.invoke(args=["backup", "restore", "--yes", str(backup)])
    assert result.exit_code == 0, result.output
    assert f"revision {previous}" in result.output and "run `flask db upgrade` now" in result.output
    assert snapshot_revision(app) == previous
    with app.app_context():
        # The tables the newer schema added are gone with the restore, so the upgrade can make them again.
        upgrade()
        assert snapshot_revision(app) == head
        downgrade(revision="base")  # leave nothing behind in the shared PostgreSQL server
        db.engine.dispose()


def snapshot_revision(app: Flask) -> str:
    with app.app_context(), db.engine.connect() as connection:
        return str(connection.execute(sa.select(ALEMBIC_VERSION)).scalar_one())


def test_revisions_are_placed_against_the_code(app: Flask) -> None:
    head, previous = head_and_previous(app)
    directory = Path(app.extensions["migrate"].directory)
    assert check_revision(directory, head).state is RevisionState.CURRENT
    assert check_revision(directory, previous).state is RevisionState.OLDER
    with pytest.raises(BackupError) as refused:
        check_revision(directory, "0123456789ab")
    assert refused.value.code == "newer_revision"


def test_postgresql_client_programs_must_be_on_the_path_and_new_enough(tmp_path: Path) -> None:
    server = Server("postgresql://db.internal/participation", {"PATH": str(tmp_path)}, major_version=16)
    with pytest.raises(BackupError) as missing:
        server.tool("pg_dump")
    assert missing.value.message == (
        "pg_dump is not on the PATH; install the PostgreSQL client programs (on Debian: postgresql-client)."
    )
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 15.8 (Debian 15.8-0+deb12u1)'\n")
    fake.chmod(0o755)
    with pytest.raises(BackupError) as too_old:
        server.tool("pg_dump")
    assert too_old.value.code == "tool_too_old"
    assert "version 15, older than the PostgreSQL server (16)" in too_old.value.message
    newer = Server("postgresql://db.internal/participation", {"PATH": str(tmp_path)}, major_version=15)
    assert newer.tool("pg_dump").path == str(fake)


def test_an_unreachable_postgresql_server_is_one_line() -> None:
    engine = sa.create_engine("postgresql+psycopg://postgres:secret@127.0.0.1:1/participation")
    try:
        with pytest.raises(BackupError) as refused:
            Server.of(engine)
    finally:
        engine.dispose()
    assert refused.value.code == "unreachable"
    assert refused.value.message.startswith("Could not reach the database: ")
    assert "\n" not in refused.value.message and "secret" not in refused.value.message


def test_a_restore_that_fails_halfway_changes_nothing(
    loaded_app: Flask, make_staff: Callable[..., StaffAccount], tmp_path: Path
) -> None:
    backup = tmp_path / "participation.backup"
    runner = loaded_app.test_cli_runner()
    assert runner.invoke(args=["backup", "create", str(backup)]).exit_code == 0
    whole = backup.read_bytes()
    backup.write_bytes(whole[: len(whole) * 9 // 10])  # the table of contents survives, the last rows do not
    add_staff(make_staff)
    before = snapshot(loaded_app)
    result = runner.invoke(args=["backup", "restore", "--yes", str(backup)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1, result.output
    # SQLite finds the damage before the restore; on PostgreSQL pg_restore fails halfway and its transaction is undone.
    assert result.output.startswith(
        (f"Error: {backup} cannot be read as a backup: ", "Error: pg_restore failed: could not read from input file")
    ), result.output
    assert snapshot(loaded_app) == before
