"""Follow-up statuses in the domain: which steps are allowed, who may take them, and what is recorded."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from participation.accounts.operations import create_staff_user, ensure_organisation
from participation.fieldwork.follow_ups import (
    STATUS_CHANGED,
    FollowUpRefused,
    NotAddressedToYou,
    next_statuses,
    set_status,
)
from participation.models import (
    AuditEvent,
    Conversation,
    ConversationSetting,
    FollowUpSignal,
    Organisation,
    Role,
    SignalStatus,
    StaffUser,
)
from participation.models.base import DbSession
from participation.models.lines import ParticipationLine
from tests.factories import TEST_PASSWORD

WHEN = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def staff(session: DbSession, email: str, organisation: Organisation) -> StaffUser:
    return create_staff_user(
        session, email=email, password=TEST_PASSWORD, role=Role.PROFESSIONAL, organisation=organisation
    )


def follow_up(session: DbSession, sender: StaffUser, partner: Organisation | None) -> FollowUpSignal:
    signal = FollowUpSignal(description="Lamp kapot", partner_organisation=partner)
    session.add(
        Conversation(
            client_id="c-12345678",
            author=sender,
            organisation_id=sender.organisation_id,
            occurred_at=WHEN,
            line=ParticipationLine.CONTACT,
            setting=ConversationSetting.STREET,
            signals=[signal],
        )
    )
    session.flush()
    return signal


def test_a_closed_follow_up_is_taken_up_again_but_never_reopened_as_new(session: DbSession) -> None:
    a, b = ensure_organisation(session, "A"), ensure_organisation(session, "B")
    sender, partner = staff(session, "a@example.org", a), staff(session, "b@example.org", b)
    signal = follow_up(session, sender, b)
    assert next_statuses(signal) == [SignalStatus.IN_PROGRESS, SignalStatus.DONE, SignalStatus.DECLINED]
    set_status(session, signal, partner, "declined", "Niet van ons", now=WHEN)
    assert signal.closed_at == WHEN and signal.status_note == "Niet van ons" and signal.status_changed_by is partner
    assert next_statuses(signal) == [SignalStatus.IN_PROGRESS]
    with pytest.raises(FollowUpRefused) as refused:
        set_status(session, signal, partner, "open")
    assert refused.value.code == "transition"
    with pytest.raises(FollowUpRefused):
        set_status(session, signal, partner, "lost")
    set_status(session, signal, partner, "in_progress")
    assert signal.closed_at is None and signal.status_note == ""
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == STATUS_CHANGED)).all()
    assert [(e.details["previous"], e.details["status"], e.details["with_note"]) for e in events] == [
        ("open", "declined", True),
        ("declined", "in_progress", False),
    ]


def test_only_the_partner_sets_the_status_and_the_sender_keeps_those_without_one(session: DbSession) -> None:
    a, b = ensure_organisation(session, "A"), ensure_organisation(session, "B")
    sender = staff(session, "a@example.org", a)
    addressed = follow_up(session, sender, b)
    with pytest.raises(NotAddressedToYou):
        set_status(session, addressed, sender, "done")
    assert addressed.status is SignalStatus.OPEN
    legacy = FollowUpSignal(description="Van voor het register", conversation=addressed.conversation)
    session.add(legacy)
    session.flush()
    set_status(session, legacy, sender, "done")
    assert legacy.status is SignalStatus.DONE
    with pytest.raises(NotAddressedToYou):
        set_status(session, legacy, staff(session, "b@example.org", b), "in_progress")
