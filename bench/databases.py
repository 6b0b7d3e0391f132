"""The PostgreSQL database a benchmark fills: made afresh for every run, so that no earlier run's rows count."""

from __future__ import annotations

import sqlalchemy as sa


def _on_server(url: str, statements: list[str]) -> None:
    """Run ``statements`` through the server's own database, outside a transaction as CREATE/DROP DATABASE need."""
    admin = sa.create_engine(sa.make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for statement in statements:
            connection.execute(sa.text(statement))
    admin.dispose()


def fresh_database(url: str) -> None:
    """Drop the database ``url`` names, if it is there, and create it empty (through the server's own database)."""
    name = sa.make_url(url).database
    _on_server(url, [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'])


def drop_database(url: str) -> None:
    """Drop the database ``url`` names, closing whatever connections a stopped server may have left."""
    _on_server(url, [f'DROP DATABASE IF EXISTS "{sa.make_url(url).database}" WITH (FORCE)'])
