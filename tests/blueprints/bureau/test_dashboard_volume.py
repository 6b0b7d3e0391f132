"""The dashboard on a realistic volume: a few thousand responses are drawn with a fixed number of queries.

How long it takes is measured by bench/bureau_pages.py (every bureau page on the demo year, against a baseline in
the same run), not here: a timed test on a shared machine measures the neighbours."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from bench.dashboard import fill as fill_responses
from participation.extensions import db
from participation.indicators.tallies import rebuild_tallies
from participation.models import Role
from tests.factories import StaffAccount

RESPONSES = 3_000


def test_the_dashboard_answers_within_two_seconds_on_three_thousand_responses(
    loaded_app: Flask, client: FlaskClient, signed_in: Callable[[Role], StaffAccount]
) -> None:
    with loaded_app.app_context():
        fill_responses(RESPONSES)  # spread over the buurten and three years, as bench/dashboard.py fills them
        rebuild_tallies(db.session)
        db.session.commit()
    signed_in(Role.ANALYST)
    client.get("/bureau/dashboard")  # the first request compiles templates and reads survey definitions
    statements: list[str] = []
    with loaded_app.app_context():
        engine = db.engine

    def count(_connection: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get("/bureau/dashboard")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count("<svg") >= 3 and "chart-response" in page
    # A fixed number of queries, not one per buurt or response (the figures, the charts' names, progress to targets).
    assert len(statements) < 50, len(statements)
