"""Who sees and changes what: own organisation, seven days for the author, counts only of other organisations,
contact details for analysts and admins only, and every read of them audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import scoped_session

from participation.fieldwork.access import (
    CONTACT_VIEWED,
    EDIT_WINDOW,
    AccessDenied,
    can_edit,
    can_read,
    counts_by_organisation,
    read_contact_details,
    visible_to,
)
from participation.fieldwork.contacts import ContactInput, create_contact
from participation.fieldwork.places import PlaceInput, create_place
from participation.models import AuditEvent, Contact, Place, StaffUser
from participation.models.base import utcnow
from tests.factories import ORGANISATION_A, ORGANISATION_B, a_location

TODAY = utcnow().date()


def _place(session: scoped_session[object], user: StaffUser, name: str = "Buurthuis De Ruit") -> Place:
    data = PlaceInput(name=name, kind="community_centre", contact_organisation="Wijkcentrum", location=a_location())
    return create_place(session, data, created_by=user)


def _contact(session: scoped_session[object], user: StaffUser) -> Contact:
    data = ContactInput(
        kind="active_resident",
        name="Fatma Yilmaz",
        email="fatma@example.org",
        phone="06 1234 5678",
        notes="Best after 17:00",
        consent_purpose="be invited to sessions",
        consent_given=True,
    )
    return create_contact(session, data, recorded_by=user, today=TODAY)


def test_professionals_read_their_own_organisation_only(
    session: scoped_session[object], professional_a: StaffUser, professional_b: StaffUser, analyst: StaffUser
) -> None:
    place = _place(session, professional_a)
    assert can_read(professional_a, place)
    assert not can_read(professional_b, place)
    assert can_read(analyst, place)
    assert session.scalars(select(Place).where(visible_to(professional_b, Place.organisation_id))).all() == []
    assert session.scalars(select(Place).where(visible_to(analyst, Place.organisation_id))).all() == [place]


def test_authors_edit_for_seven_days_and_admins_always(
    session: scoped_session[object],
    professional_a: StaffUser,
    make_user: Callable[..., StaffUser],
    analyst: StaffUser,
    admin: StaffUser,
) -> None:
    place = _place(session, professional_a)
    colleague = make_user()
    assert colleague.organisation_id == professional_a.organisation_id
    assert can_edit(professional_a, place)
    assert not can_edit(colleague, place)
    assert not can_edit(analyst, place)
    assert can_edit(admin, place)
    later = place.created_at + EDIT_WINDOW + timedelta(minutes=1)
    assert not can_edit(professional_a, place, now=later)
    assert can_edit(professional_a, place, now=place.created_at + EDIT_WINDOW)
    assert can_edit(admin, place, now=later)


def test_other_organisations_are_seen_as_counts_only(
    session: scoped_session[object], professional_a: StaffUser, professional_b: StaffUser
) -> None:
    _place(session, professional_a, "Moskee")
    _place(session, professional_a, "Markt")
    _place(session, professional_b, "Sportclub")
    counts = {row.organisation: row.count for row in counts_by_organisation(session, Place.organisation_id)}
    assert counts == {ORGANISATION_A: 2, ORGANISATION_B: 1}


def test_contact_details_are_refused_below_analyst_and_nothing_is_logged(
    session: scoped_session[object], professional_a: StaffUser
) -> None:
    contact = _contact(session, professional_a)
    with pytest.raises(AccessDenied):
        read_contact_details(session, professional_a, contact)
    assert session.scalars(select(AuditEvent).where(AuditEvent.action == CONTACT_VIEWED)).all() == []


def test_every_read_of_contact_details_is_audited_with_who_and_when(
    session: scoped_session[object], professional_a: StaffUser, analyst: StaffUser, admin: StaffUser
) -> None:
    contact = _contact(session, professional_a)
    before = utcnow()
    first = read_contact_details(session, analyst, contact)
    read_contact_details(session, analyst, contact)
    read_contact_details(session, admin, contact, purpose="invitation")
    assert (first.name, first.email, first.phone, first.notes) == (
        "Fatma Yilmaz",
        "fatma@example.org",
        "06 1234 5678",
        "Best after 17:00",
    )
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.action == CONTACT_VIEWED).order_by(AuditEvent.id)
    ).all()
    assert [event.actor_id for event in events] == [analyst.id, analyst.id, admin.id]
    assert all(event.subject_type == "contact" and event.subject_id == str(contact.id) for event in events)
    assert all(before <= event.occurred_at <= utcnow() for event in events)
    assert [event.details["purpose"] for event in events] == ["detail_page", "detail_page", "invitation"]
    # The log records the read, never the details themselves.
    assert all("Fatma" not in str(event.details) for event in events)
