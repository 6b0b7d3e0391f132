"""Removing contacts whose retention date has passed, with their consent records and the copy of their details in
survey answers, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select, update

from participation.audit import record
from participation.config import CONTACT_RETENTION_DAYS
from participation.fieldwork.answer_copies import blank_contact_answers, blank_expired_contact_answers
from participation.models import ConsentRecord, Contact, Conversation
from participation.models.base import DbSession

PURGED = "privacy.purged"


@dataclass(frozen=True)
class PurgeReport:
    """What one purge removed: contact ids (never names), their consent records, conversations unlinked, and the
    survey answers whose contact details were blanked."""

    today: date
    contact_ids: list[int]
    consent_records: int
    conversations_unlinked: int
    answers_blanked: int = 0

    @property
    def contacts(self) -> int:
        return len(self.contact_ids)


def purge_expired(session: DbSession, today: date, *, retention_days: int = CONTACT_RETENTION_DAYS) -> PurgeReport:
    """Delete every contact whose ``retain_until`` lies before ``today``; flush, do not commit.

    Conversations that referred to a removed contact keep existing without it: what residents said stays, who
    they were goes. The survey answer a volunteer's contact came from keeps only the consent, as does every
    contact answer older than ``retention_days`` (the register's retention), contact or not. One audit event
    records the counts.
    """
    rows = session.execute(
        select(Contact.id, Contact.source_response_id).where(Contact.retain_until < today).order_by(Contact.id)
    ).all()
    expired = [contact_id for contact_id, _ in rows]
    sources = [response_id for _, response_id in rows if response_id is not None]
    consent_records = 0
    unlinked = 0
    if expired:
        consent_records = (
            session.scalar(select(func.count()).select_from(ConsentRecord).where(ConsentRecord.contact_id.in_(expired)))
            or 0
        )
        unlinked = (
            session.scalar(select(func.count()).select_from(Conversation).where(Conversation.contact_id.in_(expired)))
            or 0
        )
        # Explicit rather than left to ON DELETE rules, so the outcome is the same on every database.
        session.execute(update(Conversation).where(Conversation.contact_id.in_(expired)).values(contact_id=None))
        session.execute(delete(ConsentRecord).where(ConsentRecord.contact_id.in_(expired)))
        session.execute(delete(Contact).where(Contact.id.in_(expired)))
    blanked = blank_contact_answers(session, sources) + blank_expired_contact_answers(session, today, retention_days)
    record(
        session,
        PURGED,
        today=today.isoformat(),
        contacts=len(expired),
        consent_records=consent_records,
        conversations_unlinked=unlinked,
        answers_blanked=blanked,
    )
    session.flush()
    return PurgeReport(today, expired, consent_records, unlinked, blanked)
