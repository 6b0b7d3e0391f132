"""``purge_expired`` and ``flask privacy purge`` remove expired contacts and keep everything else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import scoped_session

from participation.extensions import db
from participation.fieldwork.contacts import ContactInput, create_contact
from participation.fieldwork.places import PlaceInput, create_place
from participation.fieldwork.purge import PURGED, purge_expired
from participation.models import (
    AuditEvent,
    ConsentRecord,
    Contact,
    Conversation,
    ConversationSetting,
    Place,
    StaffUser,
)
from participation.models.base import utcnow
from participation.models.lines import ParticipationLine
from tests.factories import a_location

TODAY = date(2025, 6, 2)


def _contact(session: scoped_session[object], user: StaffUser, name: str, retain_until: date) -> Contact:
    data = ContactInput(
        kind="active_resident",
        name=name,
        email=f"{name.lower()}@example.org",
        consent_purpose="be invited to sessions",
        consent_given=True,
        retain_until=retain_until,
    )
    # Registered a while ago, so that a retention date before TODAY was a valid choice then.
    return create_contact(session, data, recorded_by=user, today=retain_until - timedelta(days=30))


def _conversation(session: scoped_session[object], user: StaffUser, contact: Contact, client_id: str) -> Conversation:
    conversation = Conversation(
        client_id=client_id,
        author_id=user.id,
        organisation_id=user.organisation_id,
        occurred_at=utcnow(),
        line=ParticipationLine.CONTACT,
        setting=ConversationSetting.DOORSTEP,
        notes="Wants a bench on the square",
        contact_id=contact.id,
    )
    session.add(conversation)
    session.flush()
    return conversation


def _world(session: scoped_session[object], user: StaffUser) -> dict[str, int]:
    """Two expired contacts (one expires exactly yesterday), one that expires today, one for later; a conversation
    with an expired contact and one with a kept contact; a place."""
    expired = _contact(session, user, "Ahmed", TODAY - timedelta(days=10))
    yesterday = _contact(session, user, "Bea", TODAY - timedelta(days=1))
    today = _contact(session, user, "Cor", TODAY)
    later = _contact(session, user, "Dilan", TODAY + timedelta(days=300))
    unlinked = _conversation(session, user, expired, "c-1")
    kept = _conversation(session, user, later, "c-2")
    place = create_place(
        session,
        PlaceInput(name="Markt", kind="market", contact_organisation="Gemeente", location=a_location()),
        created_by=user,
    )
    return {
        "expired": expired.id,
        "yesterday": yesterday.id,
        "today": today.id,
        "later": later.id,
        "unlinked": unlinked.id,
        "kept": kept.id,
        "place": place.id,
    }


def _remaining(session: scoped_session[object]) -> tuple[list[int], int, dict[int, int | None], int]:
    contacts = list(session.scalars(select(Contact.id).order_by(Contact.id)))
    consents = session.scalar(select(func.count()).select_from(ConsentRecord)) or 0
    conversations = {
        row.id: row.contact_id for row in session.execute(select(Conversation.id, Conversation.contact_id))
    }
    places = session.scalar(select(func.count()).select_from(Place)) or 0
    return contacts, consents, conversations, places


def test_purge_removes_expired_contacts_with_their_consents_and_keeps_everything_else(
    session: scoped_session[object], professional_a: StaffUser
) -> None:
    ids = _world(session, professional_a)
    report = purge_expired(session, TODAY)
    session.expire_all()
    assert report.contact_ids == [ids["expired"], ids["yesterday"]]
    assert (report.contacts, report.consent_records, report.conversations_unlinked) == (2, 2, 1)
    contacts, consents, conversations, places = _remaining(session)
    assert contacts == [ids["today"], ids["later"]]
    assert consents == 2
    assert conversations == {ids["unlinked"]: None, ids["kept"]: ids["later"]}
    assert places == 1
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == PURGED)).one()
    assert event.details["contacts"] == 2 and event.details["today"] == "2025-06-02"


def test_purge_with_nothing_expired_removes_nothing(session: scoped_session[object], professional_a: StaffUser) -> None:
    _contact(session, professional_a, "Eva", TODAY + timedelta(days=1))
    report = purge_expired(session, TODAY)
    assert report.contacts == 0
    assert _remaining(session)[0] != []


def test_flask_privacy_purge_removes_expired_contacts_and_keeps_everything_else(
    app: Flask, make_user: Callable[..., StaffUser]
) -> None:
    with app.app_context():
        ids = _world(db.session, make_user())
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["privacy", "purge", "--today", "2025-06-02"])
    assert result.exit_code == 0, result.output
    assert "Removed 2 contact(s)" in result.output
    assert f"Contact ids: {ids['expired']}, {ids['yesterday']}" in result.output
    with app.app_context():
        contacts, consents, conversations, places = _remaining(db.session)
        assert contacts == [ids["today"], ids["later"]]
        assert consents == 2
        assert conversations == {ids["unlinked"]: None, ids["kept"]: ids["later"]}
        assert places == 1
