"""Server-side staff sessions: started at sign-in, ended by sign-out, idleness, age, a password change or
deactivation. No Flask request inside; the web layer keeps the token in the browser's signed cookie."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select

from participation.audit import record
from participation.models import StaffSession, StaffUser, utcnow
from participation.models.base import DbSession

# How stale ``last_seen_at`` may get before a request writes it again: one write a minute per signed-in browser
# instead of one per request, at the cost of an idle timeout that is up to a minute late.
LAST_SEEN_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionPolicy:
    """How long a session lives: ``idle`` without a request, and ``lifetime`` from sign-in whatever happens."""

    idle: timedelta
    lifetime: timedelta

    @classmethod
    def from_settings(cls, idle_minutes: int, max_hours: int) -> SessionPolicy:
        return cls(idle=timedelta(minutes=idle_minutes), lifetime=timedelta(hours=max_hours))

    def expired(self, staff_session: StaffSession, now: datetime) -> bool:
        return now - staff_session.last_seen_at >= self.idle or now - staff_session.created_at >= self.lifetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: DbSession, user: StaffUser, policy: SessionPolicy, now: datetime | None = None) -> str:
    """Open a session for ``user`` and return its token, which only the browser keeps.

    Sessions that expired without a sign-out are removed here, so the table holds only live ones."""
    now = now or utcnow()
    session.execute(
        delete(StaffSession).where(
            or_(StaffSession.last_seen_at <= now - policy.idle, StaffSession.created_at <= now - policy.lifetime)
        )
    )
    token = secrets.token_urlsafe(32)
    session.add(StaffSession(staff_user_id=user.id, token_digest=_digest(token), created_at=now, last_seen_at=now))
    session.flush()
    return token


def resume_session(
    session: DbSession, token: str, policy: SessionPolicy, now: datetime | None = None
) -> StaffUser | None:
    """The staff member whose live session ``token`` opens, or None; an expired session is ended on the way."""
    now = now or utcnow()
    staff_session = session.scalar(select(StaffSession).where(StaffSession.token_digest == _digest(token)))
    if staff_session is None:
        return None
    if policy.expired(staff_session, now) or not staff_session.staff_user.active:
        session.delete(staff_session)
        session.flush()
        return None
    if now - staff_session.last_seen_at >= LAST_SEEN_PRECISION:
        staff_session.last_seen_at = now
    return staff_session.staff_user


def end_session(session: DbSession, token: str) -> None:
    """Sign-out: the session of this token stops opening anything, on every app server."""
    session.execute(delete(StaffSession).where(StaffSession.token_digest == _digest(token)))


def sign_out(session: DbSession, user: StaffUser, token: str) -> None:
    """``user`` signs out: the session of this token ends, and the audit log keeps that they did."""
    record(session, "logout", actor=user, subject=user)
    end_session(session, token)


def end_all_sessions(session: DbSession, user: StaffUser) -> int:
    """End every session of ``user`` (password change, deactivation); returns how many there were."""
    result = session.execute(delete(StaffSession).where(StaffSession.staff_user_id == user.id))
    return int(getattr(result, "rowcount", 0) or 0)
