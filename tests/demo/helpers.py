"""Loading the demo year in tests, counting every table, and a digest of what a load made."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import Flask

from participation.demo.loader import DemoOptions, load_demo
from participation.extensions import db
from participation.geo.app_geocoder import geocoder_for
from participation.models import Answer, Conversation, StoredLocation, SurveyResponse
from participation.models.base import DbSession

# A fixed "now" late in the year, so that the demo year is the same whenever the tests run.
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
YEAR = 2026


def load(app: Flask, *, seed: int = 1, scale: float = 0.1) -> dict[str, int]:
    with app.app_context():
        options = DemoOptions(year=YEAR, seed=seed, scale=scale)
        counts = load_demo(db.session, geocoder_for(app), options, now=NOW)
        db.session.commit()
        return counts


def table_counts(session: DbSession) -> dict[str, int]:
    counts = {}
    for table in db.metadata.sorted_tables:
        counts[table.name] = int(session.scalar(sa.select(sa.func.count()).select_from(table)) or 0)
    return counts


def digest(session: DbSession) -> tuple[dict[str, int], str]:
    """Responses per buurt, and a digest of every open answer's text and every conversation's notes (ids left
    out: they differ between databases)."""
    per_buurt = dict(
        session.execute(
            sa.select(StoredLocation.buurt_code, sa.func.count())
            .join(SurveyResponse, SurveyResponse.location_id == StoredLocation.id)
            .group_by(StoredLocation.buurt_code)
        ).all()
    )
    texts = sorted(
        str(value)
        for (value,) in session.execute(
            sa.select(Answer.value).where(Answer.question_id.in_(("good_here", "improve_first")))
        )
    )
    notes = sorted(session.scalars(sa.select(Conversation.notes)))
    scores = sorted(
        f"{question}:{score}" for question, score in session.execute(sa.select(Answer.question_id, Answer.score))
    )
    hashed = hashlib.sha256("\n".join([*texts, *notes, *scores]).encode()).hexdigest()
    return {str(code): int(count) for code, count in per_buurt.items()}, hashed
