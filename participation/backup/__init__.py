"""Backing up the database to one file and restoring it (``flask backup create`` / ``flask backup restore``).

SQLite goes through its online backup API, PostgreSQL through ``pg_dump`` and ``pg_restore``. A restore refuses a
file of the other kind and one made by a newer version of the app before it touches the database, and reports
whether the restored schema is behind the code. No ``flask.request`` here: the CLI passes an engine and paths.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from participation.backup import postgres, sqlite
from participation.backup.errors import BackupError
from participation.backup.files import BACKUP_FILE_MODE, BackupKind, expect_kind, kind_of_database, kind_of_file
from participation.backup.revisions import RevisionCheck, RevisionState, check_revision
from participation.models import Base

__all__ = [
    "BACKUP_FILE_MODE",
    "BackupError",
    "BackupKind",
    "RevisionCheck",
    "RevisionState",
    "create_backup",
    "kind_of_file",
    "restore_backup",
]


def create_backup(engine: sa.Engine, target: Path) -> BackupKind:
    """Write a backup of the database behind ``engine`` to ``target`` (mode 0600, replaced in one rename)."""
    kind = kind_of_database(engine.dialect.name)
    if kind is BackupKind.SQLITE:
        sqlite.back_up(engine, target)
    else:
        postgres.back_up(engine, target)
    return kind


def restore_backup(engine: sa.Engine, source: Path, migrations_dir: Path) -> RevisionCheck:
    """Replace the database behind ``engine`` with the backup in ``source``; return how the restored schema's
    revision stands to the code's (``OLDER`` means ``flask db upgrade`` must run next).

    The caller must hold no open transaction on the database: the restore replaces every table."""
    kind = kind_of_database(engine.dialect.name)
    expect_kind(source, kind)
    if kind is BackupKind.SQLITE:
        check_revision(migrations_dir, sqlite.revision_in_file(source))
        sqlite.restore(engine, source)
    else:
        server = postgres.Server.of(engine)
        pg_restore = server.tool("pg_restore")
        archive = postgres.read_archive(pg_restore, source)
        if archive.revision is None:
            raise BackupError("path", "no_revision", path=str(source))
        check_revision(migrations_dir, archive.revision)
        postgres.restore(engine, server, pg_restore, source, archive, Base.metadata.tables.keys())
    return check_revision(migrations_dir, _database_revision(engine, source))


def _database_revision(engine: sa.Engine, source: Path) -> str:
    """The revision the restored database says it is at: the check is made on what was restored, not on what the
    file promised."""
    with engine.connect() as connection:
        revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    if revision is None:
        raise BackupError("path", "no_revision", path=str(source))
    return str(revision)
