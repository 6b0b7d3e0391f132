"""The dashboard's running tallies always equal what the answers say, through submissions and erasures."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event, func, select

from participation.extensions import db
from participation.indicators.tallies import rebuild_tallies
from participation.models import IndicatorTally, ResponseTally
from tests.factories import ANSWERS
from tests.indicators.test_indicators import BINNENSTAD, OUD_KRISPIJN, submit


def snapshot() -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    indicators = {
        (
            t.survey_version_id,
            t.question_id,
            t.buurt_code,
            t.year,
            t.age_band,
            t.n,
            round(t.total, 6),
            round(t.squares, 6),
        )
        for t in db.session.scalars(select(IndicatorTally))
        if t.n
    }
    responses = {
        (t.survey_version_id, t.buurt_code, t.year, t.quarter, t.age_band, t.responses)
        for t in db.session.scalars(select(ResponseTally))
        if t.responses
    }
    return indicators, responses


def test_tallies_follow_submissions_and_erasures(loaded_app: Flask) -> None:
    for rating, buurt, age in (
        (7, OUD_KRISPIJN, "age_25_44"),
        (4, OUD_KRISPIJN, "age_65_plus"),
        (9, BINNENSTAD, "age_25_44"),
    ):
        submit(loaded_app, buurt, rating, age)
    client = loaded_app.test_client()
    receipt = client.post(
        "/api/v1/surveys/bewonersenquete/responses",
        json={"answers": {"rating_neighbourhood": 2, "age_group": "age_18_24"}, "location": {"buurt": OUD_KRISPIJN}},
    ).get_json()["receipt"]
    assert client.post("/nl/receipt/delete", data={"code": receipt}).status_code == 302
    with loaded_app.app_context():
        kept = snapshot()
        rating = {row[3:] for row in kept[0] if row[1] == "rating_neighbourhood" and row[2] == OUD_KRISPIJN}
        assert {(band, n, total) for _year, band, n, total, _squares in rating} == {
            ("25_44", 1, 7.0),
            ("65_plus", 1, 4.0),
        }
        rebuild_tallies(db.session)
        assert snapshot() == kept


def test_a_submission_and_an_erasure_each_count_with_two_statements(loaded_app: Flask) -> None:
    """One statement for the response's cell and one for all its indicator cells, however many questions feed an
    indicator: a round of upserts per question was most of a submission's time."""
    with loaded_app.app_context():
        engine = db.engine
    statements: list[str] = []

    def note(_connection: object, _cursor: object, statement: str, *_args: object) -> None:
        if "_tally" in statement:
            statements.append(statement.split("(")[0].strip())

    client = loaded_app.test_client()
    event.listen(engine, "before_cursor_execute", note)
    try:
        receipt = client.post(
            "/api/v1/surveys/bewonersenquete/responses",
            json={"answers": {**ANSWERS, "age_group": "age_18_24"}, "location": {"buurt": OUD_KRISPIJN}},
        ).get_json()["receipt"]
        submitted = list(statements)
        assert client.post("/nl/receipt/delete", data={"code": receipt}).status_code == 302
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert submitted == ["INSERT INTO response_tally", "INSERT INTO indicator_tally"]
    assert statements[2:] == submitted
    with loaded_app.app_context():
        # The indicator cells of several questions came in that one statement, and the erasure took them off.
        assert snapshot() == (set(), set())
        assert db.session.scalar(select(func.count()).select_from(IndicatorTally)) > 1
