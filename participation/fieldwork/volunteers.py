"""Residents who offer in a survey to take part: they become contacts in the register, listed for follow-up.

A response whose contact question says yes, with an e-mail address or phone number, makes one contact of the
programme (no organisation), with one consent: the question the resident said yes to, in the survey's own words.
Only what the resident typed is kept, until the register's retention date; erasing the response erases it too.
The copy in the answer lasts no longer than the contact (``fieldwork.answer_copies``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update

from participation.audit import record
from participation.fieldwork.access import require_read
from participation.fieldwork.contacts import NAME_LENGTH, PURPOSE_LENGTH, retention_until
from participation.models import ConsentRecord, Contact, ContactKind, Conversation, FollowUpStatus, StaffUser
from participation.models.base import DbSession, utcnow
from participation.surveys.model import QuestionType, SurveyDefinition

VOLUNTEER_REGISTERED = "contact.volunteered"


def volunteer_details(definition: SurveyDefinition, answers: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]] | None:
    """The contact question answered with consent and a way to reach the resident, with that answer; else None."""
    for question in definition.questions():
        if question.type is not QuestionType.CONTACT_CONSENT:
            continue
        answer = answers.get(question.id)
        if (
            isinstance(answer, Mapping)
            and answer.get("consent") is True
            and (answer.get("email") or answer.get("phone"))
        ):
            return question.id, answer
    return None


def consent_purpose(definition: SurveyDefinition, question_id: str) -> str:
    """What the resident agreed to: the survey's title and the contact question, as the survey's own language has
    them (the wording every translation was made from)."""
    language = definition.default_language
    question = definition.question(question_id).text.get(language)
    purpose = f"{definition.title.get(language)}: {question}"
    return purpose if len(purpose) <= PURPOSE_LENGTH else purpose[: PURPOSE_LENGTH - 1] + "…"


def register_volunteer(
    session: DbSession,
    *,
    response_id: int,
    definition: SurveyDefinition,
    answers: Mapping[str, Any],
    today: date,
    retention_days: int,
    recorded_by: StaffUser | None = None,
    now: datetime | None = None,
) -> Contact | None:
    """Make the contact of a response whose resident offered to take part; None when they did not. Flushes only.

    ``recorded_by`` is the staff member who typed in a paper form; a resident's own submission has nobody.
    """
    found = volunteer_details(definition, answers)
    if found is None:
        return None
    question_id, answer = found
    contact = Contact(
        kind=ContactKind.ACTIVE_RESIDENT,
        name=str(answer.get("name") or "").strip()[:NAME_LENGTH],
        email=str(answer.get("email") or "").strip(),
        phone=str(answer.get("phone") or "").strip(),
        notes="",
        buurt_code=None,
        organisation_id=None,
        retain_until=retention_until(today, retention_days),
        source_response_id=response_id,
        follow_up=FollowUpStatus.NEW,
    )
    session.add(contact)
    session.flush()
    session.add(
        ConsentRecord(
            contact=contact,
            purpose=consent_purpose(definition, question_id),
            given_at=now or utcnow(),
            recorded_by_id=recorded_by.id if recorded_by is not None else None,
        )
    )
    # By id only, as every contact event: the audit log must not become a second copy of the register.
    record(session, VOLUNTEER_REGISTERED, actor=recorded_by, subject=contact, survey=definition.slug)
    session.flush()
    return contact


def mark_contacted(session: DbSession, contact: Contact, *, recorded_by: StaffUser) -> None:
    """Note that someone got in touch with a volunteer, so the follow-up list no longer shows them as new."""
    require_read(recorded_by, contact)
    if contact.follow_up is FollowUpStatus.NEW:
        contact.follow_up = FollowUpStatus.CONTACTED
        record(session, "contact.followed_up", actor=recorded_by, subject=contact)
        session.flush()


def erase_volunteer_of(session: DbSession, response_id: int) -> int:
    """Delete the contact made from a response, with its consents; returns how many contacts went (0 or 1)."""
    contact_ids = list(session.scalars(select(Contact.id).where(Contact.source_response_id == response_id)))
    if not contact_ids:
        return 0
    # Explicit, as the purge does, so the outcome is the same on every database.
    session.execute(update(Conversation).where(Conversation.contact_id.in_(contact_ids)).values(contact_id=None))
    session.execute(delete(ConsentRecord).where(ConsentRecord.contact_id.in_(contact_ids)))
    session.execute(delete(Contact).where(Contact.id.in_(contact_ids)).execution_options(synchronize_session="fetch"))
    return len(contact_ids)
