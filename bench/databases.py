"""The PostgreSQL database a benchmark fills: made afresh for every run, so that no earlier run's rows count."""

from __future__ import annotations

import sqlalchemy as sa


def fresh_database(url: str) -> None:
    """Drop the database ``url`` names, if it is there, and create it empty (through the server's own database)."""
    target = sa.make_url(url)
    admin = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
