"""Writing to and reading the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from participation.models import AuditEvent, Base, StaffUser
from participation.models.base import DbSession


def record(
    session: DbSession,
    action: str,
    *,
    actor: StaffUser | None = None,
    subject: Base | None = None,
    **details: Any,
) -> AuditEvent:
    """Append one event. The caller's transaction decides whether it is kept, together with what it describes."""
    event = AuditEvent(
        action=action,
        actor_id=actor.id if actor is not None else None,
        subject_type=subject.__tablename__ if subject is not None else None,
        subject_id=str(getattr(subject, "id", "")) if subject is not None else None,
        details=details,
    )
    session.add(event)
    return event


def recent_events(session: DbSession, limit: int = 200) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)))
