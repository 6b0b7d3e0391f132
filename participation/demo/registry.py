"""Which rows are demo rows: every row the demo year inserts is written down in ``demo_record``, so that clearing
deletes exactly those rows, in an order the foreign keys allow, and nothing else."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, delete, exists, func, insert, select

from participation.models import Base, DemoRecord
from participation.models.base import DbSession

# Rows deleted per statement: well below SQLite's limit of bound parameters.
DELETE_CHUNK = 900
# Rows inserted per statement. One multi-row INSERT .. RETURNING per chunk: SQLAlchemy's own batching of a longer
# list splices the returned rows together batch by batch, which grows with the square of the rows.
INSERT_CHUNK = 400


class Registry:
    """Inserts rows in bulk and remembers their ids per table, to be written to ``demo_record`` at the end."""

    def __init__(self, session: DbSession) -> None:
        self.session = session
        self.ids: dict[str, list[int]] = defaultdict(list)

    def insert(self, model: type[Base], rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert ``rows`` with one statement (a multi-row INSERT .. RETURNING) and return their ids in order."""
        if not rows:
            return []
        table = model.__table__
        assert isinstance(table, Table)
        # Core on the session's connection: the ORM's bulk path adds per-row bookkeeping nothing here needs.
        connection = self.session.connection()
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        # One statement needs the same columns in every row: a key some rows leave out is NULL in them.
        keys = list(dict.fromkeys(key for row in rows for key in row))
        ids: list[int] = []
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = [{key: row.get(key) for key in keys} for row in rows[start : start + INSERT_CHUNK]]
            ids.extend(int(row_id) for row_id in connection.execute(statement, chunk).scalars())
        self.ids[table.name].extend(ids)
        return ids

    def adopt(self, table_name: str, ids: Iterable[int]) -> None:
        """Note rows another module inserted (the suggestion model's codings) as demo rows too."""
        self.ids[table_name].extend(ids)

    def counts(self) -> dict[str, int]:
        return {name: len(ids) for name, ids in sorted(self.ids.items())}

    def save(self) -> None:
        rows = [{"table_name": name, "row_id": row_id} for name, ids in sorted(self.ids.items()) for row_id in ids]
        if rows:
            self.session.connection().execute(insert(DemoRecord), rows)


def demo_loaded(session: DbSession) -> bool:
    """Whether any demo row exists: one EXISTS query on an indexed table."""
    return bool(session.scalar(select(exists().where(DemoRecord.id.is_not(None)))))


def demo_ids(session: DbSession, table_name: str) -> list[int]:
    return list(session.scalars(select(DemoRecord.row_id).where(DemoRecord.table_name == table_name)))


def demo_counts(session: DbSession) -> dict[str, int]:
    rows = session.execute(select(DemoRecord.table_name, func.count()).group_by(DemoRecord.table_name)).all()
    return {str(name): int(count) for name, count in sorted(rows)}


def clear_demo(session: DbSession) -> dict[str, int]:
    """Delete every registered demo row, children before parents, then the register itself; flush, no commit.

    Returns how many rows went per table."""
    registered = demo_counts(session)
    deleted: dict[str, int] = {}
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in registered:
            continue
        ids = demo_ids(session, table.name)
        for start in range(0, len(ids), DELETE_CHUNK):
            chunk = ids[start : start + DELETE_CHUNK]
            session.execute(delete(table).where(table.c.id.in_(chunk)))
        deleted[table.name] = len(ids)
    unknown = set(registered) - set(deleted)
    if unknown:
        # A register naming a table this code does not know is from another version: better stop than guess.
        raise RuntimeError(f"demo_record names unknown tables: {', '.join(sorted(unknown))}")
    session.execute(delete(DemoRecord))
    session.flush()
    return deleted
