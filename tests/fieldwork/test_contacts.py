"""The contact register: never without consent, a retention date, consents added and withdrawn."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import scoped_session

from participation.fieldwork.contacts import (
    ContactInput,
    ContactSummary,
    add_consent,
    contact_summaries_for,
    create_contact,
    retention_until,
    withdraw_consent,
)
from participation.fieldwork.errors import InvalidRecord
from participation.models import AuditEvent, ContactKind, StaffUser
from tests.factories import ORGANISATION_A

TODAY = date(2025, 6, 2)


def _input(**changes: object) -> ContactInput:
    values: dict[str, object] = {
        "kind": "key_organisation",
        "name": "Sportclub Wielwijk",
        "email": "Bestuur@Example.org",
        "buurt_code": "bu05050700",
        "consent_purpose": "be invited to sessions",
        "consent_given": True,
    }
    values.update(changes)
    return ContactInput(**values)  # type: ignore[arg-type]


def test_a_contact_is_registered_with_its_first_consent_and_two_years_retention(
    session: scoped_session[object], professional_a: StaffUser
) -> None:
    contact = create_contact(session, _input(), recorded_by=professional_a, today=TODAY)
    assert contact.kind is ContactKind.KEY_ORGANISATION
    assert contact.buurt_code == "BU05050700"
    assert contact.email == "Bestuur@example.org"
    assert contact.retain_until == TODAY + timedelta(days=730) == retention_until(TODAY)
    assert contact.organisation_id == professional_a.organisation_id
    [consent] = contact.consents
    assert (consent.purpose, consent.recorded_by_id, consent.withdrawn_at) == (
        "be invited to sessions",
        professional_a.id,
        None,
    )
    assert consent.given_at is not None
    created = session.scalars(select(AuditEvent).where(AuditEvent.action == "contact.created")).one()
    assert created.actor_id == professional_a.id and "Sportclub" not in str(created.details)


def test_a_contact_without_consent_is_refused(session: scoped_session[object], professional_a: StaffUser) -> None:
    with pytest.raises(InvalidRecord) as refused:
        create_contact(
            session, _input(consent_given=False, consent_purpose=" "), recorded_by=professional_a, today=TODAY
        )
    assert refused.value.errors == {"consent_given": "consent_required", "consent_purpose": "required"}


def test_a_contact_needs_a_way_to_reach_them_and_a_retention_within_the_setting(
    session: scoped_session[object], professional_a: StaffUser
) -> None:
    with pytest.raises(InvalidRecord) as refused:
        create_contact(
            session,
            _input(email="", phone="", retain_until=TODAY + timedelta(days=31)),
            recorded_by=professional_a,
            today=TODAY,
            retention_days=30,
        )
    assert refused.value.errors == {"email": "email_or_phone_required", "retain_until": "out_of_range"}
    with pytest.raises(InvalidRecord) as refused:
        create_contact(session, _input(email="nope", phone="call me"), recorded_by=professional_a, today=TODAY)
    assert refused.value.errors == {"email": "invalid", "phone": "invalid"}
    shorter = create_contact(
        session, _input(retain_until=TODAY + timedelta(days=90)), recorded_by=professional_a, today=TODAY
    )
    assert shorter.retain_until == TODAY + timedelta(days=90)


def test_withdrawing_the_last_consent_lets_the_next_purge_remove_the_contact(
    session: scoped_session[object], professional_a: StaffUser
) -> None:
    contact = create_contact(session, _input(), recorded_by=professional_a, today=TODAY)
    newsletter = add_consent(session, contact, "receive the newsletter", recorded_by=professional_a)
    withdraw_consent(session, contact.consents[0], recorded_by=professional_a, today=TODAY)
    assert contact.retain_until == TODAY + timedelta(days=730)
    withdraw_consent(session, newsletter, recorded_by=professional_a, today=TODAY)
    assert contact.retain_until == TODAY - timedelta(days=1)
    assert all(consent.withdrawn_at is not None for consent in contact.consents)
    actions = session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.startswith("contact.")).order_by(AuditEvent.id)
    ).all()
    assert actions == [
        "contact.created",
        "contact.consent_added",
        "contact.consent_withdrawn",
        "contact.consent_withdrawn",
    ]


def test_the_list_shows_no_details_and_only_the_own_organisation(
    session: scoped_session[object], professional_a: StaffUser, professional_b: StaffUser, analyst: StaffUser
) -> None:
    contact = create_contact(session, _input(), recorded_by=professional_a, today=TODAY)
    expected = ContactSummary(
        id=contact.id,
        kind=ContactKind.KEY_ORGANISATION,
        buurt_code="BU05050700",
        purposes=["be invited to sessions"],
        retain_until=TODAY + timedelta(days=730),
        organisation=ORGANISATION_A,
        follow_up=None,
        created_at=contact.created_at,
    )
    assert contact_summaries_for(session, professional_a) == [expected]
    assert contact_summaries_for(session, analyst) == [expected]
    assert contact_summaries_for(session, professional_b) == []
    assert not {"name", "email", "phone", "notes"} & set(ContactSummary.__dataclass_fields__)
