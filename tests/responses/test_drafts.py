"""Drafts live no longer than needed: deleted when submitted, purged past their date, and a tapped point in them is
kept as a response would keep it (exactly only with consent)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from participation.extensions import db
from participation.geo import block_centre, block_id
from participation.models import AuditEvent, ResponseDraft
from participation.models.base import utcnow
from participation.responses.drafts import DRAFTS_PURGED, purge_expired_drafts, start_draft
from participation.responses.publishing import current_version

SURVEY = "/nl/s/bewonersenquete"
FIRST_PAGES = [
    {"rating_neighbourhood": "7", "safe_day": "4", "safe_evening": "2"},
    {"contact_neighbours": "3", "trust_municipality": "3", "health": "good"},
]
LAT, LON = 51.801234, 4.671876


def make_drafts(app: Flask, expiries: dict[str, datetime]) -> dict[str, int]:
    """A draft per name, expiring at the given moment; their ids by name."""
    with app.app_context():
        version = current_version(db.session, "bewonersenquete")
        assert version is not None
        ids = {}
        for name, expires_at in expiries.items():
            draft, _code = start_draft(db.session, version, "nl")
            draft.expires_at = expires_at
            ids[name] = draft.id
        db.session.commit()
        return ids


def remaining(app: Flask) -> set[int]:
    with app.app_context():
        return set(db.session.scalars(select(ResponseDraft.id)))


def test_purge_deletes_expired_drafts_and_keeps_fresh_ones(loaded_app: Flask) -> None:
    now = utcnow()
    ids = make_drafts(
        loaded_app,
        {
            "old": now - timedelta(days=3),
            "just": now,
            "fresh": now + timedelta(minutes=1),
            "new": now + timedelta(days=14),
        },
    )
    with loaded_app.app_context():
        assert purge_expired_drafts(db.session, now) == 2
        db.session.commit()
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == DRAFTS_PURGED))
        assert event is not None and event.details["drafts"] == 2
    assert remaining(loaded_app) == {ids["fresh"], ids["new"]}


def test_flask_privacy_purge_deletes_expired_drafts_and_keeps_fresh_ones(loaded_app: Flask) -> None:
    now = utcnow()
    ids = make_drafts(loaded_app, {"expired": now - timedelta(hours=1), "fresh": now + timedelta(days=13)})
    result = loaded_app.test_cli_runner().invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert "Removed 1 survey draft(s) past their date." in result.output
    assert remaining(loaded_app) == {ids["fresh"]}


def test_flask_privacy_purge_as_of_a_day_deletes_the_drafts_expired_before_it_began(loaded_app: Flask) -> None:
    ids = make_drafts(
        loaded_app,
        {
            "before": datetime(2025, 6, 1, 23, 59, tzinfo=UTC),
            "that_day": datetime(2025, 6, 2, 8, 0, tzinfo=UTC),
            "later": datetime(2025, 6, 20, tzinfo=UTC),
        },
    )
    result = loaded_app.test_cli_runner().invoke(args=["privacy", "purge", "--today", "2025-06-02"])
    assert result.exit_code == 0, result.output
    assert "Removed 1 survey draft(s)" in result.output
    assert remaining(loaded_app) == {ids["that_day"], ids["later"]}


def fill_in(client: FlaskClient, where: dict[str, str]) -> None:
    assert client.post(f"{SURVEY}/start").status_code == 302
    for number, answers in enumerate([*FIRST_PAGES, where], start=1):
        response = client.post(f"{SURVEY}/{number}", data={"action": "next", **answers})
        assert response.status_code == 302, response.get_data(as_text=True)


def draft_point(app: Flask) -> tuple[float, float]:
    with app.app_context():
        draft = db.session.scalar(select(ResponseDraft))
        assert draft is not None
        return draft.answers["where"]["lat"], draft.answers["where"]["lon"]


@pytest.mark.parametrize("consent", [False, True])
def test_a_draft_keeps_a_tapped_point_exactly_only_with_consent(loaded_app: Flask, consent: bool) -> None:
    where = {"where": "map", "where__lat": str(LAT), "where__lon": str(LON), "where__source": "map"}
    if consent:
        where["where__exact_consent"] = "yes"
    fill_in(loaded_app.test_client(), where)
    expected = (LAT, LON) if consent else block_centre(block_id(LAT, LON))
    assert draft_point(loaded_app) == pytest.approx(expected)
    assert (draft_point(loaded_app) == (LAT, LON)) is consent


def test_a_submitted_draft_is_deleted_and_its_resume_code_opens_nothing(loaded_app: Flask) -> None:
    client = loaded_app.test_client()
    fill_in(client, {"where__buurt": "BU05050300", "where__street": ""})
    page = client.get(f"{SURVEY}/1").get_data(as_text=True)
    match = re.search(r'class="code">([0-9A-Z-]+)<', page)
    assert match is not None
    resume_code = match.group(1)
    for number, answers in enumerate([{"wants_involved": "no"}, {"age_group": "age_25_44"}], start=4):
        assert client.post(f"{SURVEY}/{number}", data={"action": "next", **answers}).status_code == 302
    assert client.post(f"{SURVEY}/submit").status_code == 302
    with loaded_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ResponseDraft)) == 0
    # A second tap on "submit" still ends on the thank-you page; the code no longer opens anything.
    again = client.post(f"{SURVEY}/submit")
    assert again.status_code == 302 and again.headers["Location"].endswith("/thanks")
    other_device = loaded_app.test_client()
    assert other_device.post(f"{SURVEY}/resume", data={"code": resume_code}).status_code == 400
