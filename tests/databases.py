"""Empty databases of a test's own: beside the PostgreSQL database TEST_DATABASE_URL names, or SQLite files."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa


def empty_database(directory: Path, name: str) -> str:
    """The URL of a new, empty database: on PostgreSQL when TEST_DATABASE_URL is set (named after that database with
    ``_<name>`` appended, dropped first if an earlier run left it), otherwise an SQLite file in ``directory``."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{directory / f'{name}.sqlite3'}"
    url = sa.make_url(base)
    database = f"{url.database}_{name}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return url.set(database=database).render_as_string(hide_password=False)
