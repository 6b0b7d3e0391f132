"""The backup file itself: what kind of database it holds, and writing it so that it appears whole or not at all."""

from __future__ import annotations

import enum
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from participation.backup.errors import BackupError

# The first bytes of each kind of file: the SQLite database header and pg_dump's custom archive header.
SQLITE_HEADER = b"SQLite format 3\x00"
POSTGRESQL_CUSTOM_HEADER = b"PGDMP"

# A backup holds personal data: only the owner of the file may read it.
BACKUP_FILE_MODE = 0o600


class BackupKind(enum.StrEnum):
    """The database a backup comes from, and so the only kind it can be restored into."""

    SQLITE = "SQLite"
    POSTGRESQL = "PostgreSQL"


def kind_of_database(dialect: str) -> BackupKind:
    """The backup kind for an SQLAlchemy dialect name; refuses databases we cannot back up."""
    if dialect == "sqlite":
        return BackupKind.SQLITE
    if dialect == "postgresql":
        return BackupKind.POSTGRESQL
    raise BackupError("database", "unsupported_database", dialect=dialect)


def kind_of_file(path: Path) -> BackupKind:
    """What a backup file holds, told by its first bytes, not by its name."""
    if path.is_dir():
        raise BackupError("path", "path_is_directory", path=str(path))
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except FileNotFoundError as error:
        raise BackupError("path", "file_missing", path=str(path)) from error
    except OSError as error:
        raise BackupError("path", "unreadable", path=str(path), detail=error.strerror or str(error)) from error
    if header == SQLITE_HEADER:
        return BackupKind.SQLITE
    if header.startswith(POSTGRESQL_CUSTOM_HEADER):
        return BackupKind.POSTGRESQL
    raise BackupError("path", "not_a_backup", path=str(path))


def expect_kind(path: Path, expected: BackupKind) -> None:
    """Refuse a file of the other kind before anything touches the database."""
    found = kind_of_file(path)
    if found is not expected:
        raise BackupError("path", "wrong_kind", path=str(path), found=found.value, expected=expected.value)


@contextmanager
def written_atomically(path: Path) -> Iterator[Path]:
    """Yield a temporary file beside ``path`` for the caller to fill; on success it becomes ``path`` with mode
    0600 in one rename, so a crash or a full disk never leaves a half backup under the real name."""
    directory = path.parent
    if path.is_dir():
        raise BackupError("path", "path_is_directory", path=str(path))
    if not directory.is_dir():
        raise BackupError("path", "directory_missing", directory=str(directory))
    try:
        # mkstemp makes the file readable by its owner only, before a single byte is in it.
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=directory)
    except OSError as error:
        raise BackupError("path", "write_failed", path=str(path), detail=error.strerror or str(error)) from error
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, BACKUP_FILE_MODE)
        _sync(temporary)
        os.replace(temporary, path)
        _sync(directory)
    except OSError as error:
        raise BackupError("path", "write_failed", path=str(path), detail=error.strerror or str(error)) from error
    finally:
        temporary.unlink(missing_ok=True)


def _sync(path: Path) -> None:
    """Flush a file, or a folder's entry for a renamed file, to the disk."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
