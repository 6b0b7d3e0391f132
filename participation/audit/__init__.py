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


def recent_events(
    session: DbSession, *, actor_id: int | None = None, action: str | None = None, limit: int = 200
) -> list[AuditEvent]:
    """The newest events, newest first; narrowed to one actor and/or one kind of event when given."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if actor_id is not None:
        query = query.where(AuditEvent.actor_id == actor_id)
    if action:
        query = query.where(AuditEvent.action == action)
    return list(session.scalars(query))


def recorded_actions(session: DbSession) -> list[str]:
    """Every kind of event the log holds, for a filter."""
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
