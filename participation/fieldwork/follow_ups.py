"""Follow-ups between organisations: a professional addresses one to a partner from the register, the partner's
staff see it in their inbox and set its status, and the sender sees where it stands.

Who may do what: only staff of the addressed organisation set its status (the sender cannot close what the partner
has to do); a follow-up without a partner (logged before the register existed) is kept up to date by the sending
organisation. The inbox shows what the partner needs to act on, and nothing of the conversation beyond it: not the
notes, not the quotes, not a contact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from participation.audit import record
from participation.domain.coded_errors import CodedError
from participation.fieldwork.access import can_read
from participation.models import Conversation, FollowUpSignal, Organisation, SignalStatus, StaffUser
from participation.models.base import DbSession, utcnow

STATUS_CHANGED = "follow_up.status_changed"
NOTE_LIMIT = 500

# A closed follow-up can be taken up again, but not sent back to "open" as if nobody had looked at it.
TRANSITIONS: dict[SignalStatus, frozenset[SignalStatus]] = {
    SignalStatus.OPEN: frozenset({SignalStatus.IN_PROGRESS, SignalStatus.DONE, SignalStatus.DECLINED}),
    SignalStatus.IN_PROGRESS: frozenset({SignalStatus.OPEN, SignalStatus.DONE, SignalStatus.DECLINED}),
    SignalStatus.DONE: frozenset({SignalStatus.IN_PROGRESS}),
    SignalStatus.DECLINED: frozenset({SignalStatus.IN_PROGRESS}),
}

MESSAGES = {
    "status": _l("Choose a status."),
    "transition": _l("This follow-up cannot be given that status now. Reload the page to see where it stands."),
    "note_too_long": _l("The note is too long. Please use at most %(maximum)d characters."),
}


class FollowUpRefused(CodedError):
    """A status change that was refused: an unknown status, a step the follow-up cannot take, a note too long."""

    MESSAGES = MESSAGES


class NotAddressedToYou(PermissionError):
    """The staff member's organisation is not the one that sets this follow-up's status; a page answers 403."""


def partner_register(session: DbSession) -> list[Organisation]:
    """The organisations a follow-up can go to, by name."""
    return list(
        session.scalars(select(Organisation).where(Organisation.receives_follow_ups).order_by(Organisation.name))
    )


def find_partner(session: DbSession, value: str) -> Organisation | None:
    """The partner a form names: by id (the form's choice) or by name (a log queued offline before the register)."""
    value = value.strip()
    if not value:
        return None
    by = Organisation.id == int(value) if value.isdigit() else func.lower(Organisation.name) == value.lower()
    return session.scalar(select(Organisation).where(by, Organisation.receives_follow_ups))


def may_set_status(user: StaffUser, signal: FollowUpSignal) -> bool:
    """Staff of the addressed organisation; for a follow-up without a partner, whoever may read the conversation."""
    if signal.partner_organisation_id is None:
        return can_read(user, signal.conversation)
    return user.organisation_id == signal.partner_organisation_id


def next_statuses(signal: FollowUpSignal) -> list[SignalStatus]:
    """The statuses this follow-up can be given now, in the order of ``SignalStatus``."""
    return [status for status in SignalStatus if status in TRANSITIONS[signal.status]]


def set_status(
    session: DbSession,
    signal: FollowUpSignal,
    user: StaffUser,
    status: str,
    note: str = "",
    *,
    now: datetime | None = None,
) -> None:
    """Give the follow-up a new status with an optional short note, and write the audit event; flush only.

    Raises ``NotAddressedToYou`` for staff of another organisation and ``FollowUpRefused`` for a step the follow-up
    cannot take; nothing changes then."""
    if not may_set_status(user, signal):
        raise NotAddressedToYou("this follow-up is addressed to another organisation")
    try:
        new = SignalStatus(status)
    except ValueError:
        raise FollowUpRefused("status", "status") from None
    if new not in TRANSITIONS[signal.status]:
        raise FollowUpRefused("status", "transition")
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise FollowUpRefused("note", "note_too_long", maximum=NOTE_LIMIT)
    previous = signal.status
    now = now or utcnow()
    signal.status = new
    signal.status_note = note
    signal.status_changed_at = now
    signal.status_changed_by = user
    signal.closed_at = now if new.closed else None
    record(
        session,
        STATUS_CHANGED,
        actor=user,
        subject=signal,
        previous=previous.value,
        status=new.value,
        with_note=bool(note),
    )
    session.flush()


@dataclass(frozen=True)
class InboxItem:
    """One follow-up as its partner sees it: what to do, from whom, where, and where it stands."""

    id: int
    description: str
    sent_at: datetime
    sender_email: str
    sender_organisation: str
    buurt_code: str
    street: str
    status: SignalStatus
    status_note: str
    status_changed_at: datetime | None
    next_statuses: list[SignalStatus]


def inbox(session: DbSession, user: StaffUser) -> list[InboxItem]:
    """The follow-ups addressed to the staff member's organisation, open ones first, newest first."""
    signals = session.scalars(
        select(FollowUpSignal)
        .where(FollowUpSignal.partner_organisation_id == user.organisation_id)
        .options(joinedload(FollowUpSignal.conversation).joinedload(Conversation.organisation))
        .order_by(FollowUpSignal.closed_at.is_not(None), FollowUpSignal.created_at.desc())
    ).unique()
    items = []
    for signal in signals:
        conversation = signal.conversation
        location = conversation.location
        items.append(
            InboxItem(
                id=signal.id,
                description=signal.description,
                sent_at=signal.created_at,
                sender_email=conversation.author.email if conversation.author else "",
                sender_organisation=conversation.organisation.name,
                buurt_code=(location.buurt_code or "") if location else "",
                street=(location.street_name or "") if location else "",
                status=signal.status,
                status_note=signal.status_note,
                status_changed_at=signal.status_changed_at,
                next_statuses=next_statuses(signal),
            )
        )
    return items


def sent_follow_ups(session: DbSession, user: StaffUser) -> list[FollowUpSignal]:
    """The follow-ups of the conversations the staff member's organisation logged, newest first."""
    return list(
        session.scalars(
            select(FollowUpSignal)
            .join(Conversation, Conversation.id == FollowUpSignal.conversation_id)
            .where(Conversation.organisation_id == user.organisation_id)
            .options(joinedload(FollowUpSignal.partner_organisation), joinedload(FollowUpSignal.conversation))
            .order_by(FollowUpSignal.created_at.desc())
        )
    )


def open_in_inbox(session: DbSession, user: StaffUser) -> int:
    """How many follow-ups addressed to the staff member's organisation are not closed yet, for the field home."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(FollowUpSignal)
            .where(
                FollowUpSignal.partner_organisation_id == user.organisation_id,
                FollowUpSignal.status.in_([SignalStatus.OPEN, SignalStatus.IN_PROGRESS]),
            )
        )
        or 0
    )
