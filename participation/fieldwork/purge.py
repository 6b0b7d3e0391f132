"""Removing contacts whose retention date has passed, with their consent records, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select, update

from participation.audit import record
from participation.models import ConsentRecord, Contact, Conversation
from participation.models.base import DbSession

PURGED = "privacy.purged"


@dataclass(frozen=True)
class PurgeReport:
    """What one purge removed: contact ids (never names), their consent records, and conversations unlinked."""

    today: date
    contact_ids: list[int]
    consent_records: int
    conversations_unlinked: int

    @property
    def contacts(self) -> int:
        return len(self.contact_ids)


def purge_expired(session: DbSession, today: date) -> PurgeReport:
    """Delete every contact whose ``retain_until`` lies before ``today``; flush, do not commit.

    Conversations that referred to a removed contact keep existing without it: what residents said stays, who
    they were goes. One audit event records the count.
    """
    expired = list(session.scalars(select(Contact.id).where(Contact.retain_until < today).order_by(Contact.id)))
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
    record(
        session,
        PURGED,
        today=today.isoformat(),
        contacts=len(expired),
        consent_records=consent_records,
        conversations_unlinked=unlinked,
    )
    session.flush()
    return PurgeReport(today, expired, consent_records, unlinked)
