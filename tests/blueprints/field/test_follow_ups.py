"""Follow-ups reach the partner: A addresses one to B, only B's staff see it in their inbox and set its status,
A sees that status; every change is an audit event."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.accounts.operations import ensure_organisation
from participation.extensions import db
from participation.fieldwork.follow_ups import STATUS_CHANGED
from participation.models import AuditEvent, Contact, FollowUpSignal, Organisation, Role, SignalStatus
from tests.factories import ORGANISATION_A, ORGANISATION_B, StaffAccount, sign_in

SecondClient = Callable[[StaffAccount], FlaskClient]


@pytest.fixture
def client_for(app: Flask) -> SecondClient:
    def make(user: StaffAccount) -> FlaskClient:
        other = app.test_client()
        sign_in(other, user)
        return other

    return make


def organisation_id(app: Flask, name: str) -> int:
    with app.app_context():
        organisation = ensure_organisation(db.session, name)
        db.session.commit()
        return organisation.id


def follow_up_log(partner_id: int, **extra: str) -> dict[str, str]:
    """A conversation log with a follow-up for the organisation ``partner_id``."""
    return {
        "client_id": str(uuid.uuid4()),
        "occurred_at": "2026-11-20T14:30",
        "line": "contact",
        "setting": "street",
        "participants": "1",
        "notes": "Geheim gesprek over de buren",
        "signal_description": "Lantaarnpaal kapot",
        "signal_partner": str(partner_id),
        **extra,
    }


def send_follow_up(client: FlaskClient, partner_id: int, **extra: str) -> None:
    response = client.post("/field/conversations", data=follow_up_log(partner_id, **extra))
    assert response.status_code == 302, response.get_data(as_text=True)[-1500:]


def only_signal(app: Flask) -> FollowUpSignal:
    with app.app_context():
        signal = db.session.scalar(select(FollowUpSignal))
        assert signal is not None
        db.session.expunge(signal)
        return signal


def test_the_form_offers_the_register_and_refuses_a_partner_outside_it(
    app: Flask, client: FlaskClient, make_staff: Callable[..., StaffAccount]
) -> None:
    sign_in(client, make_staff(Role.PROFESSIONAL, organisation=ORGANISATION_A))
    partner = organisation_id(app, ORGANISATION_B)
    with app.app_context():
        hidden = Organisation(name="Oud partner", receives_follow_ups=False)
        db.session.add(hidden)
        db.session.commit()
        hidden_id = hidden.id
    page = client.get("/field/conversations/new").get_data(as_text=True)
    assert f'<option value="{partner}">{ORGANISATION_B}</option>' in page and "Oud partner" not in page
    response = client.post("/field/conversations", data=follow_up_log(hidden_id))
    assert response.status_code == 400
    assert "Kies de partner uit de lijst." in response.get_data(as_text=True)  # in the staff member's language


def test_the_partner_sets_the_status_and_the_sender_sees_it(
    app: Flask, client: FlaskClient, make_staff: Callable[..., StaffAccount], client_for: SecondClient
) -> None:
    sender = make_staff(Role.PROFESSIONAL, organisation=ORGANISATION_A)
    sign_in(client, sender)
    send_follow_up(client, organisation_id(app, ORGANISATION_B))
    signal = only_signal(app)
    partner = client_for(make_staff(Role.PROFESSIONAL, organisation=ORGANISATION_B))

    inbox = partner.get("/field/follow-ups").get_data(as_text=True)
    assert "Lantaarnpaal kapot" in inbox and sender.email in inbox and ORGANISATION_A in inbox
    # The partner gets what it must act on, not what was said in the conversation.
    assert "Geheim gesprek" not in inbox
    assert "1 open" in partner.get("/field/").get_data(as_text=True)

    url = f"/field/follow-ups/{signal.id}/status"
    prefix = f"follow-up-{signal.id}-"
    response = partner.post(url, data={f"{prefix}status": "in_progress", f"{prefix}note": "Monteur ingepland"})
    assert response.status_code == 302
    response = partner.post(url, data={f"{prefix}status": "done", f"{prefix}note": ""})
    assert response.status_code == 302

    with app.app_context():
        stored = db.session.get(FollowUpSignal, signal.id)
        assert stored is not None and stored.status is SignalStatus.DONE and stored.closed_at is not None
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == STATUS_CHANGED)).all()
        assert [(event.details["previous"], event.details["status"]) for event in events] == [
            ("open", "in_progress"),
            ("in_progress", "done"),
        ]
    conversation = client.get(f"/field/conversations/{signal.conversation_id}").get_data(as_text=True)
    assert "Klaar" in conversation and ORGANISATION_B in conversation  # "Done" in Dutch
    sent = client.get("/field/follow-ups/sent").get_data(as_text=True)
    assert "Lantaarnpaal kapot" in sent and "Klaar" in sent


def test_another_organisation_can_neither_see_nor_change_it(
    app: Flask, client: FlaskClient, make_staff: Callable[..., StaffAccount], client_for: SecondClient
) -> None:
    sign_in(client, make_staff(Role.PROFESSIONAL, organisation=ORGANISATION_A))
    send_follow_up(client, organisation_id(app, ORGANISATION_B))
    signal = only_signal(app)
    data = {f"follow-up-{signal.id}-status": "done"}
    # The sender's organisation cannot close what the partner has to do, not even its admin or analyst.
    assert client.post(f"/field/follow-ups/{signal.id}/status", data=data).status_code == 403
    for role in (Role.ANALYST, Role.ADMIN):
        outsider = client_for(make_staff(role, organisation="Gemeente Dordrecht"))
        assert outsider.post(f"/field/follow-ups/{signal.id}/status", data=data).status_code == 403
        assert "Lantaarnpaal kapot" not in outsider.get("/field/follow-ups").get_data(as_text=True)
    assert "Lantaarnpaal kapot" not in client.get("/field/follow-ups").get_data(as_text=True)
    assert client.post("/field/follow-ups/999999/status", data=data).status_code == 404
    with app.app_context():
        assert db.session.get(FollowUpSignal, signal.id).status is SignalStatus.OPEN  # type: ignore[union-attr]
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == STATUS_CHANGED)) is None


def test_a_step_the_follow_up_cannot_take_is_a_400_in_the_inbox(
    app: Flask, client: FlaskClient, make_staff: Callable[..., StaffAccount], client_for: SecondClient
) -> None:
    sign_in(client, make_staff(Role.PROFESSIONAL, organisation=ORGANISATION_A))
    send_follow_up(client, organisation_id(app, ORGANISATION_B))
    signal = only_signal(app)
    partner = client_for(make_staff(Role.PROFESSIONAL, organisation=ORGANISATION_B))
    prefix = f"follow-up-{signal.id}-"
    response = partner.post(f"/field/follow-ups/{signal.id}/status", data={f"{prefix}status": "open"})
    assert response.status_code == 400
    assert "kan die status nu niet krijgen" in response.get_data(as_text=True)  # in the staff member's language
    response = partner.post(
        f"/field/follow-ups/{signal.id}/status", data={f"{prefix}status": "declined", f"{prefix}note": "x" * 501}
    )
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(FollowUpSignal, signal.id).status is SignalStatus.OPEN  # type: ignore[union-attr]


def test_the_inbox_shows_no_contact_of_a_resident(
    app: Flask, client: FlaskClient, make_staff: Callable[..., StaffAccount], client_for: SecondClient
) -> None:
    sign_in(client, make_staff(Role.PROFESSIONAL, organisation=ORGANISATION_A))
    send_follow_up(
        client,
        organisation_id(app, ORGANISATION_B),
        contact_wanted="yes",
        contact_name="Fatima de Vries",
        contact_email="fatima@example.org",
        contact_purpose="Uitnodigen",
        contact_consent="yes",
    )
    with app.app_context():
        assert db.session.scalar(select(Contact)) is not None
    partner = client_for(make_staff(Role.ANALYST, organisation=ORGANISATION_B))
    inbox = partner.get("/field/follow-ups").get_data(as_text=True)
    assert "Lantaarnpaal kapot" in inbox
    assert "Fatima" not in inbox and "fatima@example.org" not in inbox
