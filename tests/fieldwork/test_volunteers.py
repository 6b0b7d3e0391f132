"""Residents who offer in a survey to take part become contacts in the register, listed for follow-up and counted
in the reach of the involve line. The API is used to submit: the survey pages and paper entry go through the same
operation (see tests/responses/test_erasure.py and tests/blueprints/field/test_paper.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy import func, select

from participation.extensions import db
from participation.fieldwork.purge import PURGED, purge_expired
from participation.fieldwork.volunteers import VOLUNTEER_REGISTERED
from participation.indicators.reach import reach_per_line
from participation.models import (
    Answer,
    AuditEvent,
    ConsentRecord,
    Contact,
    ContactKind,
    FollowUpStatus,
    Role,
    SurveyResponse,
)
from participation.models.base import utcnow
from tests.factories import ANSWERS, ORGANISATION_B, StaffAccount, sign_in

API = "/api/v1/surveys/bewonersenquete/responses"
OUD_KRISPIJN = "BU05050300"
NAME = "Yusuf Demirtaş-Verhoeven"
EMAIL = "yusuf.dv@voorbeeld.example"
RETENTION_DAYS = 100


@pytest.fixture
def volunteer_app(make_app: Callable[..., Flask]) -> Flask:
    """The app with its default content and a register retention of its own, to see that the setting is used."""
    app = make_app(CONTACT_RETENTION_DAYS=RETENTION_DAYS)
    result = app.test_cli_runner().invoke(args=["content", "load"])
    assert result.exit_code == 0, result.output
    return app


def submit(app: Flask, contact: dict[str, Any] | None, *, wants_involved: bool = True) -> int:
    answers: dict[str, Any] = {**ANSWERS, "wants_involved": wants_involved}
    if contact is not None:
        answers["contact_details"] = contact
    response = app.test_client().post(API, json={"answers": answers, "location": {"buurt": OUD_KRISPIJN}})
    assert response.status_code == 201, response.get_json()
    return int(response.get_json()["id"])


def contacts(app: Flask) -> list[Contact]:
    with app.app_context():
        found = list(db.session.scalars(select(Contact).order_by(Contact.id)))
        for contact in found:
            _ = contact.consents  # load before the session closes
        return found


def test_a_resident_who_offers_to_take_part_becomes_a_contact(volunteer_app: Flask) -> None:
    response_id = submit(volunteer_app, {"consent": True, "name": NAME, "email": EMAIL})
    [contact] = contacts(volunteer_app)
    assert contact.kind is ContactKind.ACTIVE_RESIDENT
    assert (contact.name, contact.email) == (NAME, EMAIL)
    # Only what the resident gave: no phone, notes or neighbourhood are made up.
    assert (contact.phone, contact.notes, contact.buurt_code) == ("", "", None)
    assert contact.organisation_id is None
    assert contact.source_response_id == response_id
    assert contact.follow_up is FollowUpStatus.NEW
    assert contact.retain_until == utcnow().date() + timedelta(days=RETENTION_DAYS)
    [consent] = contact.consents
    assert consent.purpose == "Bewonersenquête Dordt West: Mogen wij contact met u opnemen?"
    assert consent.recorded_by_id is None and consent.withdrawn_at is None
    with volunteer_app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == VOLUNTEER_REGISTERED))
        assert event is not None and event.subject_id == str(contact.id)
        assert NAME not in str(event.details) and EMAIL not in str(event.details)


@pytest.mark.parametrize(
    ("wants_involved", "contact"),
    [(False, None), (True, None), (True, {"consent": False})],
)
def test_no_contact_without_consent_and_a_way_to_reach_them(
    volunteer_app: Flask, wants_involved: bool, contact: dict[str, Any] | None
) -> None:
    submit(volunteer_app, contact, wants_involved=wants_involved)
    assert contacts(volunteer_app) == []
    with volunteer_app.app_context():
        assert db.session.scalar(select(ConsentRecord)) is None


def test_a_resend_of_the_same_response_makes_one_contact(volunteer_app: Flask) -> None:
    client = volunteer_app.test_client()
    body = {
        "answers": {**ANSWERS, "wants_involved": True, "contact_details": {"consent": True, "phone": "06 1234 5678"}},
        "location": {"buurt": OUD_KRISPIJN},
    }
    headers = {"Idempotency-Key": "volunteer-resend-0001"}
    first = client.post(API, json=body, headers=headers)
    second = client.post(API, json=body, headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    [contact] = contacts(volunteer_app)
    assert (contact.name, contact.phone, contact.email) == ("", "06 1234 5678", "")


def test_volunteers_count_in_the_reach_of_the_involve_line(volunteer_app: Flask) -> None:
    submit(volunteer_app, {"consent": True, "email": EMAIL})
    submit(volunteer_app, None, wants_involved=False)
    with volunteer_app.app_context():
        reach = reach_per_line(db.session)
    assert [(r.wijk_code, r.line, r.source, r.residents) for r in reach] == [
        ("WK050503", "explore", "survey", 2),
        ("WK050503", "involve", "volunteer", 1),
    ]


def test_the_follow_up_list_shows_volunteers_to_every_professional_and_details_to_analysts(
    volunteer_app: Flask, make_staff: Callable[..., StaffAccount]
) -> None:
    submit(volunteer_app, {"consent": True, "name": NAME, "email": EMAIL})
    [contact] = contacts(volunteer_app)
    professional = volunteer_app.test_client()
    professional.set_cookie("lang", "en")
    sign_in(professional, make_staff(Role.PROFESSIONAL, organisation=ORGANISATION_B))
    listed = professional.get("/field/contacts?show=volunteers").get_data(as_text=True)
    assert "New volunteers from surveys" in listed and ">New</td>" in listed
    assert "Mogen wij contact met u opnemen?" in listed
    assert NAME not in listed and EMAIL not in listed
    assert f"/field/contacts/{contact.id}/consents" in listed
    # In the whole register too, as the resident's own entry.
    assert "The resident, in a survey" in professional.get("/field/contacts").get_data(as_text=True)
    assert professional.get(f"/field/contacts/{contact.id}").status_code == 403

    analyst = volunteer_app.test_client()
    analyst.set_cookie("lang", "en")
    sign_in(analyst, make_staff(Role.ANALYST))
    details = analyst.get(f"/field/contacts/{contact.id}").get_data(as_text=True)
    assert NAME in details and EMAIL in details

    marked = professional.post(f"/field/contacts/{contact.id}/contacted")
    assert marked.status_code == 302
    [contact] = contacts(volunteer_app)
    assert contact.follow_up is FollowUpStatus.CONTACTED
    listed = professional.get("/field/contacts?show=volunteers").get_data(as_text=True)
    assert ">Contacted</td>" in listed and "Mark as contacted" not in listed


def test_the_purge_removes_a_volunteer_after_the_retention_date(volunteer_app: Flask) -> None:
    submit(volunteer_app, {"consent": True, "email": EMAIL})
    [contact] = contacts(volunteer_app)
    with volunteer_app.app_context():
        report = purge_expired(db.session, contact.retain_until + timedelta(days=1))
        db.session.commit()
    assert report.contact_ids == [contact.id]
    assert contacts(volunteer_app) == []
    with volunteer_app.app_context():
        assert db.session.scalar(select(ConsentRecord)) is None


OLD_NAME = "Gerritje Ommeren-Blaauwkamp"
OLD_EMAIL = "gerritje.ob@voorbeeld.example"
OLD_PHONE = "06 7391 0284"
EARLY_EMAIL = "voor.de.register@voorbeeld.example"
FRESH_NAME = "Mirjam Schouwenaar-Dekkers"
FRESH_EMAIL = "mirjam.sd@voorbeeld.example"
CONSENT_SHOWN = "Ja, u mag hierover contact met mij opnemen"


def every_value_in_the_database(app: Flask) -> str:
    """Every row of every table, every value as text (as tests/responses/test_erasure.py reads them)."""
    lines = []
    with app.app_context(), db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            for row in connection.execute(sa.select(table)):
                lines.append(f"{table.name}: " + " | ".join(str(value) for value in row))
    return "\n".join(lines)


def answer_of(app: Flask, response_id: int, question_id: str) -> Any:
    with app.app_context():
        return db.session.scalar(
            select(Answer.value).where(Answer.response_id == response_id, Answer.question_id == question_id)
        )


def submitted_days_ago(app: Flask, response_id: int, days: int) -> None:
    """Move a response (and the contact made from it) back in time, as if it had been submitted ``days`` ago."""
    with app.app_context():
        when = utcnow() - timedelta(days=days)
        db.session.execute(sa.update(SurveyResponse).where(SurveyResponse.id == response_id).values(submitted_at=when))
        db.session.execute(
            sa.update(Contact)
            .where(Contact.source_response_id == response_id)
            .values(created_at=when, retain_until=when.date() + timedelta(days=RETENTION_DAYS))
        )
        db.session.commit()


def test_the_purge_leaves_no_copy_of_expired_contact_details_in_the_answers(volunteer_app: Flask) -> None:
    old = submit(volunteer_app, {"consent": True, "name": OLD_NAME, "email": OLD_EMAIL, "phone": OLD_PHONE})
    # A response from before volunteers became contacts: details in the answer, nobody in the register.
    early = submit(volunteer_app, {"consent": True, "email": EARLY_EMAIL})
    with volunteer_app.app_context():
        db.session.execute(sa.delete(ConsentRecord))
        db.session.execute(sa.delete(Contact).where(Contact.source_response_id == early))
        db.session.commit()
    submitted_days_ago(volunteer_app, old, RETENTION_DAYS + 2)
    submitted_days_ago(volunteer_app, early, RETENTION_DAYS + 5)
    fresh = submit(volunteer_app, {"consent": True, "name": FRESH_NAME, "email": FRESH_EMAIL})
    before = every_value_in_the_database(volunteer_app)
    for detail in (OLD_NAME, OLD_EMAIL, OLD_PHONE, EARLY_EMAIL, FRESH_NAME, FRESH_EMAIL):
        assert detail in before, detail

    result = volunteer_app.test_cli_runner().invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert "Removed 1 contact(s)" in result.output
    assert "contact details blanked in 2 survey answer(s)" in result.output

    after = every_value_in_the_database(volunteer_app)
    for detail in (OLD_NAME, OLD_EMAIL, OLD_PHONE, EARLY_EMAIL):
        assert detail not in after, detail
    # The fresh volunteer is kept, in the register and in their answer, until their own date.
    [contact] = contacts(volunteer_app)
    assert (contact.source_response_id, contact.email) == (fresh, FRESH_EMAIL)
    assert answer_of(volunteer_app, fresh, "contact_details") == {
        "consent": True,
        "name": FRESH_NAME,
        "email": FRESH_EMAIL,
    }
    # What the residents said stays: they wanted to be involved and to be contacted.
    for response_id in (old, early):
        assert answer_of(volunteer_app, response_id, "contact_details") == {"consent": True}
        assert answer_of(volunteer_app, response_id, "wants_involved") is True
    with volunteer_app.app_context():
        involved = db.session.scalar(
            select(func.count()).select_from(Answer).where(Answer.question_id == "wants_involved", Answer.score == 1)
        )
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == PURGED))
        assert event is not None and event.details["answers_blanked"] == 2
    assert involved == 3
    # A second purge finds nothing left to blank.
    again = volunteer_app.test_cli_runner().invoke(args=["privacy", "purge"])
    assert "contact details blanked in 0 survey answer(s)" in again.output


def test_withdrawing_the_consent_blanks_the_answer_and_the_receipt_shows_what_is_kept(
    volunteer_app: Flask, make_staff: Callable[..., StaffAccount]
) -> None:
    client = volunteer_app.test_client()
    body = {
        "answers": {
            **ANSWERS,
            "wants_involved": True,
            "contact_details": {"consent": True, "name": OLD_NAME, "phone": OLD_PHONE},
        },
        "location": {"buurt": OUD_KRISPIJN},
    }
    sent = client.post(API, json=body)
    assert sent.status_code == 201, sent.get_json()
    response_id, code = int(sent.get_json()["id"]), sent.get_json()["receipt"]
    submit(volunteer_app, {"consent": True, "email": FRESH_EMAIL})  # another volunteer, untouched
    [contact, other] = contacts(volunteer_app)
    shown = client.post("/nl/receipt", data={"code": code}).get_data(as_text=True)
    assert f"{CONSENT_SHOWN}, {OLD_NAME}, {OLD_PHONE}" in shown

    professional = volunteer_app.test_client()
    sign_in(professional, make_staff(Role.PROFESSIONAL, organisation=ORGANISATION_B))
    withdrawn = professional.post(f"/field/contacts/{contact.id}/consents/{contact.consents[0].id}/withdraw")
    assert withdrawn.status_code == 302

    assert answer_of(volunteer_app, response_id, "contact_details") == {"consent": True}
    assert answer_of(volunteer_app, response_id, "wants_involved") is True
    assert answer_of(volunteer_app, other.source_response_id or 0, "contact_details")["email"] == FRESH_EMAIL
    # The register keeps the details until the next purge removes the contact; then they are gone everywhere.
    with volunteer_app.app_context():
        purge_expired(db.session, utcnow().date(), retention_days=RETENTION_DAYS)
        db.session.commit()
    after = every_value_in_the_database(volunteer_app)
    assert OLD_NAME not in after and OLD_PHONE not in after and FRESH_EMAIL in after
    shown = client.post("/nl/receipt", data={"code": code})
    assert shown.status_code == 200
    text = shown.get_data(as_text=True)
    assert OLD_NAME not in text and OLD_PHONE not in text
    # The receipt still shows the answer, as it is stored now: the consent without the details.
    assert f"{CONSENT_SHOWN}</" in text
