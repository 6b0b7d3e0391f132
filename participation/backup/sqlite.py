"""SQLite backups through SQLite's online backup API: a consistent copy while the app keeps serving, and a restore
that replaces every page of the live database in one step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa

from participation.backup.errors import BackupError
from participation.backup.files import written_atomically


def back_up(engine: sa.Engine, target: Path) -> None:
    """Copy the live database into ``target`` as one self-contained file."""
    with written_atomically(target) as temporary:
        live = engine.raw_connection()
        try:
            copy = sqlite3.connect(temporary)
            try:
                _driver_connection(live).backup(copy)
                # The copy inherits the live database's WAL mode; a backup must be one file without a -wal beside it.
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
        except sqlite3.Error as error:
            raise BackupError("database", "sqlite_failed", detail=str(error)) from error
        finally:
            live.close()


def revision_in_file(path: Path) -> str:
    """The Alembic revision stored in a backup file, after checking that SQLite can read all of it."""
    try:
        backup = _open_read_only(path)
    except sqlite3.Error as error:
        raise BackupError("path", "unreadable", path=str(path), detail=str(error)) from error
    try:
        problems = [str(row[0]) for row in backup.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise BackupError("path", "unreadable", path=str(path), detail=problems[0])
        try:
            row = backup.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            row = None
    except sqlite3.Error as error:
        raise BackupError("path", "unreadable", path=str(path), detail=str(error)) from error
    finally:
        backup.close()
    if row is None:
        raise BackupError("path", "no_revision", path=str(path))
    return str(row[0])


def restore(engine: sa.Engine, source: Path) -> None:
    """Replace the live database with the backup's pages; SQLite does it in one transaction, so other connections
    see either the old database or the restored one."""
    live = engine.raw_connection()
    try:
        backup = _open_read_only(source)
        try:
            backup.backup(_driver_connection(live))
        finally:
            backup.close()
    except sqlite3.Error as error:
        raise BackupError("database", "sqlite_failed", detail=str(error)) from error
    finally:
        live.close()


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _driver_connection(connection: sa.PoolProxiedConnection) -> sqlite3.Connection:
    driver = connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver
