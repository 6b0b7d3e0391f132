"""The baseline for bench/survey.py: the least a Flask and SQLAlchemy endpoint can do to store one posted row.

Served by gunicorn exactly like the real app, so the ratio compares the work per request and nothing else.
"""

from __future__ import annotations

import os

from flask import Flask, jsonify, request
from sqlalchemy import JSON, Integer, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Row(Base):
    __tablename__ = "row"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body: Mapped[dict[str, object]] = mapped_column(JSON)


engine = create_engine(os.environ["BARE_DATABASE_URL"])
if engine.dialect.name == "sqlite":

    @event.listens_for(engine, "connect")
    def _pragmas(connection: object, record: object) -> None:
        cursor = connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


Base.metadata.create_all(engine)
app = Flask(__name__)


@app.post("/insert")
def insert() -> tuple[object, int]:
    with Session(engine) as session:
        row = Row(body=request.get_json())
        session.add(row)
        session.commit()
        return jsonify(id=row.id), 201
