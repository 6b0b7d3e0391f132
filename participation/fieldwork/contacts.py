"""The contact register of active residents and key organisations: only with a recorded consent, only until a
retention date. Details are read through ``access.read_contact_details``, which audits every read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import case, or_, select
from sqlalchemy.orm import selectinload

from participation.audit import record
from participation.config import CONTACT_RETENTION_DAYS
from participation.fieldwork.access import require_read, visible_to
from participation.fieldwork.answer_copies import blank_contact_answers
from participation.fieldwork.errors import InvalidRecord
from participation.fieldwork.places import check_text, parse_choice
from participation.models import ConsentRecord, Contact, ContactKind, FollowUpStatus, StaffUser
from participation.models.base import DbSession, utcnow

NAME_LENGTH = 200
PURPOSE_LENGTH = 200
NOTES_LENGTH = 4000
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-]{6,40}$")
BUURT_CODE_PATTERN = re.compile(r"^BU\d{8}$")


def retention_until(today: date, days: int = CONTACT_RETENTION_DAYS) -> date:
    """The default retention date of a contact registered ``today``."""
    return today + timedelta(days=days)


@dataclass(frozen=True)
class ContactInput:
    """A contact as a professional registers it, with the consent the person gave for one purpose."""

    kind: str
    name: str
    consent_purpose: str
    consent_given: bool
    email: str = ""
    phone: str = ""
    notes: str = ""
    buurt_code: str = ""
    retain_until: date | None = None


def _check_reachable(errors: dict[str, str], email: str, phone: str) -> tuple[str, str]:
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError:
            errors["email"] = "invalid"
    if phone and not PHONE_PATTERN.match(phone):
        errors["phone"] = "invalid"
    if not email and not phone:
        # A register entry nobody can be reached through is a list of names, which the consent does not cover.
        errors["email"] = "email_or_phone_required"
    return email, phone


def create_contact(
    session: DbSession,
    data: ContactInput,
    *,
    recorded_by: StaffUser,
    today: date,
    retention_days: int = CONTACT_RETENTION_DAYS,
    now: datetime | None = None,
) -> Contact:
    """Register a contact for the recorder's organisation with its first consent; refused without consent.

    ``retain_until`` defaults to ``retention_days`` after ``today`` and may be earlier, never later.
    """
    errors: dict[str, str] = {}
    kind = parse_choice(errors, "kind", ContactKind, data.kind)
    name = check_text(errors, "name", data.name, required=True, max_length=NAME_LENGTH)
    purpose = check_text(errors, "consent_purpose", data.consent_purpose, required=True, max_length=PURPOSE_LENGTH)
    if not data.consent_given:
        errors["consent_given"] = "consent_required"
    email = check_text(errors, "email", data.email, required=False, max_length=254)
    phone = check_text(errors, "phone", data.phone, required=False, max_length=40)
    email, phone = _check_reachable(errors, email, phone)
    notes = check_text(errors, "notes", data.notes, required=False, max_length=NOTES_LENGTH)
    buurt_code = data.buurt_code.strip().upper()
    if buurt_code and not BUURT_CODE_PATTERN.match(buurt_code):
        errors["buurt_code"] = "invalid"
    latest = retention_until(today, retention_days)
    retain_until = data.retain_until or latest
    if not today < retain_until <= latest:
        errors["retain_until"] = "out_of_range"
    if errors or kind is None:
        raise InvalidRecord(errors)
    contact = Contact(
        kind=kind,
        name=name,
        email=email,
        phone=phone,
        notes=notes,
        buurt_code=buurt_code or None,
        organisation_id=recorded_by.organisation_id,
        retain_until=retain_until,
    )
    session.add(contact)
    session.flush()
    _add_consent(session, contact, purpose, recorded_by, now or utcnow())
    # The event names the contact by id only: the audit log must not become a second copy of the register.
    record(session, "contact.created", actor=recorded_by, subject=contact, kind=kind.value)
    session.flush()
    return contact


def _add_consent(
    session: DbSession, contact: Contact, purpose: str, recorded_by: StaffUser, when: datetime
) -> ConsentRecord:
    consent = ConsentRecord(contact=contact, purpose=purpose, given_at=when, recorded_by_id=recorded_by.id)
    session.add(consent)
    session.flush()
    return consent


def add_consent(
    session: DbSession, contact: Contact, purpose: str, *, recorded_by: StaffUser, now: datetime | None = None
) -> ConsentRecord:
    """Record that the contact agreed to one more purpose, by whom and when."""
    require_read(recorded_by, contact)
    errors: dict[str, str] = {}
    purpose = check_text(errors, "consent_purpose", purpose, required=True, max_length=PURPOSE_LENGTH)
    if errors:
        raise InvalidRecord(errors)
    consent = _add_consent(session, contact, purpose, recorded_by, now or utcnow())
    record(session, "contact.consent_added", actor=recorded_by, subject=contact, consent_id=consent.id)
    return consent


def withdraw_consent(
    session: DbSession, consent: ConsentRecord, *, recorded_by: StaffUser, today: date, now: datetime | None = None
) -> ConsentRecord:
    """Note that the contact withdrew one consent; with no consent left the contact expires for the next purge.

    A withdrawn consent stays on record (when it was given and withdrawn), so the register can show it was honoured.
    A volunteer's details leave the survey answer they came from at once: the answer keeps only the consent.
    """
    contact = consent.contact
    require_read(recorded_by, contact)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = now or utcnow()
        record(session, "contact.consent_withdrawn", actor=recorded_by, subject=contact, consent_id=consent.id)
    if contact.source_response_id is not None:
        blank_contact_answers(session, [contact.source_response_id])
    if not active_consents(contact):
        # Nothing allows keeping the person's details any more: the next ``flask privacy purge`` removes them.
        contact.retain_until = min(contact.retain_until, today - timedelta(days=1))
    session.flush()
    return consent


def active_consents(contact: Contact) -> list[ConsentRecord]:
    """The consents the contact has not withdrawn."""
    return [consent for consent in contact.consents if consent.withdrawn_at is None]


@dataclass(frozen=True)
class ContactSummary:
    """What a list may show of a contact: no name, e-mail, phone or notes."""

    id: int
    kind: ContactKind
    buurt_code: str | None
    purposes: list[str]
    retain_until: date
    # None for a resident who offered in a survey: the contact belongs to the programme, not to one organisation.
    organisation: str | None
    follow_up: FollowUpStatus | None
    created_at: datetime


def summarise(contact: Contact) -> ContactSummary:
    """The list row of a contact, without any detail that identifies the person."""
    return ContactSummary(
        id=contact.id,
        kind=contact.kind,
        buurt_code=contact.buurt_code,
        purposes=[consent.purpose for consent in active_consents(contact)],
        retain_until=contact.retain_until,
        organisation=contact.organisation.name if contact.organisation is not None else None,
        follow_up=contact.follow_up,
        created_at=contact.created_at,
    )


def contact_summaries_for(
    session: DbSession, user: StaffUser, *, volunteers_only: bool = False
) -> list[ContactSummary]:
    """The register as ``user`` may list it: own organisation and the programme's volunteers for professionals,
    all for analysts; never details. ``volunteers_only`` lists the residents who offered in a survey, newest and
    not yet followed up first."""
    query = select(Contact).options(selectinload(Contact.consents), selectinload(Contact.organisation))
    if volunteers_only:
        not_new = case((Contact.follow_up == FollowUpStatus.NEW, 0), else_=1)
        query = query.where(Contact.source_response_id.is_not(None)).order_by(
            not_new, Contact.created_at.desc(), Contact.id.desc()
        )
    else:
        visible = or_(visible_to(user, Contact.organisation_id), Contact.organisation_id.is_(None))
        query = query.where(visible).order_by(Contact.retain_until, Contact.id)
    return [summarise(contact) for contact in session.scalars(query)]
