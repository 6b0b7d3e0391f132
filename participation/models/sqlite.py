"""Per-connection settings that make SQLite behave like the production database where it matters."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

SQLITE_BUSY_TIMEOUT_MS = 10_000


def _configure_sqlite_connection(dbapi_connection: Any, connection_record: Any) -> None:
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    # Foreign keys are off by default in SQLite; without them ON DELETE rules would silently not apply.
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets readers work while one writer writes; the busy timeout makes concurrent writers wait their turn
    # instead of failing at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def install_sqlite_pragmas() -> None:
    if not event.contains(Engine, "connect", _configure_sqlite_connection):
        event.listen(Engine, "connect", _configure_sqlite_connection)
