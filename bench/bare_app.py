"""The baselines of bench/survey.py: the least Flask and SQLAlchemy can do to store a posted row or send a page.

Served by the same gunicorn command as the project (bench/serving.py), on the same kind of database with the same
durability settings, so a ratio compares the work per request and nothing else:
- POST /insert stores the posted JSON as one row in one transaction, as the project stores a submission;
- GET /page is one ``render_template`` of the page the project sent for its first survey page (the bench writes
  it into the directory BARE_TEMPLATES names), so both sides send the same bytes.
It imports nothing of the project: its worker's memory and start time are those of Flask and SQLAlchemy alone.
`python -m bench.bare_app` (with the same environment) creates its table.
"""

from __future__ import annotations

import os

from flask import Flask, Response, jsonify, render_template, request
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
        # The project's own PRAGMAs (participation/models/sqlite.py), so both sides write with the same durability
        # and wait for the write lock the same way.
        cursor = connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


app = Flask(__name__, template_folder=os.environ["BARE_TEMPLATES"])


@app.post("/insert")
def insert() -> tuple[Response, int]:
    with Session(engine) as session:
        row = Row(body=request.get_json())
        session.add(row)
        session.commit()
        return jsonify(id=row.id), 201


@app.get("/page")
def page() -> str:
    return render_template("page.html")


if __name__ == "__main__":
    # The table is made before serving, as `flask db upgrade` does for the project: two workers booting at once
    # would otherwise race to create it.
    Base.metadata.create_all(engine)
