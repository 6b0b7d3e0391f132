"""Server-side staff sessions, with the clock passed in: when they open, stay open and end."""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from participation.accounts.errors import AccountError
from participation.accounts.operations import set_active
from participation.accounts.sessions import SessionPolicy, end_all_sessions, end_session, resume_session, start_session
from participation.extensions import db
from participation.models import Role, StaffSession, StaffUser
from tests.factories import StaffAccount

POLICY = SessionPolicy.from_settings(idle_minutes=30, max_hours=12)
START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def user(app: Flask, make_staff: Callable[..., StaffAccount]) -> Iterator[StaffUser]:
    account = make_staff(Role.PROFESSIONAL)
    with app.app_context():
        yield db.session.get_one(StaffUser, account.id)


def live_sessions() -> int:
    return db.session.scalar(select(func.count()).select_from(StaffSession)) or 0


def test_a_session_opens_the_account_and_only_its_digest_is_stored(user: StaffUser) -> None:
    token = start_session(db.session, user, POLICY, now=START)
    assert resume_session(db.session, token, POLICY, now=START + timedelta(minutes=5)) is user
    stored = db.session.scalars(select(StaffSession.token_digest)).all()
    assert len(stored) == 1 and token not in stored[0]
    assert resume_session(db.session, "not a token", POLICY, now=START) is None


def test_the_session_ends_after_thirty_idle_minutes(user: StaffUser) -> None:
    token = start_session(db.session, user, POLICY, now=START)
    assert resume_session(db.session, token, POLICY, now=START + timedelta(minutes=29)) is user
    # Idle is counted from the last request, not from sign-in.
    assert resume_session(db.session, token, POLICY, now=START + timedelta(minutes=58)) is user
    assert resume_session(db.session, token, POLICY, now=START + timedelta(minutes=88)) is None
    assert live_sessions() == 0
    assert resume_session(db.session, token, POLICY, now=START + timedelta(minutes=89)) is None


def test_the_last_request_time_is_written_at_most_once_a_minute(user: StaffUser) -> None:
    token = start_session(db.session, user, POLICY, now=START)
    resume_session(db.session, token, POLICY, now=START + timedelta(seconds=30))
    assert db.session.scalar(select(StaffSession.last_seen_at)) == START
    resume_session(db.session, token, POLICY, now=START + timedelta(seconds=90))
    assert db.session.scalar(select(StaffSession.last_seen_at)) == START + timedelta(seconds=90)


def test_an_active_session_still_ends_twelve_hours_after_sign_in(user: StaffUser) -> None:
    token = start_session(db.session, user, POLICY, now=START)
    moment = START
    while moment < START + timedelta(hours=12) - timedelta(minutes=20):
        moment += timedelta(minutes=20)
        assert resume_session(db.session, token, POLICY, now=moment) is user, moment
    assert resume_session(db.session, token, POLICY, now=START + timedelta(hours=12)) is None


def test_sign_out_ends_only_that_session(user: StaffUser) -> None:
    laptop = start_session(db.session, user, POLICY, now=START)
    phone = start_session(db.session, user, POLICY, now=START)
    end_session(db.session, laptop)
    assert resume_session(db.session, laptop, POLICY, now=START) is None
    assert resume_session(db.session, phone, POLICY, now=START) is user


def test_ending_all_sessions_ends_every_browser_of_the_account(user: StaffUser) -> None:
    tokens = [start_session(db.session, user, POLICY, now=START) for _ in range(3)]
    assert end_all_sessions(db.session, user) == 3
    assert all(resume_session(db.session, token, POLICY, now=START) is None for token in tokens)


def test_deactivation_ends_every_session_and_is_refused_for_oneself(
    user: StaffUser, make_staff: Callable[..., StaffAccount]
) -> None:
    admin = db.session.get_one(StaffUser, make_staff(Role.ADMIN).id)
    token = start_session(db.session, user, POLICY, now=START)
    set_active(db.session, user, False, by=admin)
    assert live_sessions() == 0
    assert resume_session(db.session, token, POLICY, now=START) is None
    with pytest.raises(AccountError) as refused:
        set_active(db.session, admin, False, by=admin)
    assert refused.value.code == "own_account" and admin.active
    set_active(db.session, user, True, by=admin)
    assert user.active


def test_an_inactive_account_opens_no_session_it_still_has(user: StaffUser) -> None:
    token = start_session(db.session, user, POLICY, now=START)
    user.active = False  # as if deactivated by hand in the database
    assert resume_session(db.session, token, POLICY, now=START) is None


def test_signing_in_clears_sessions_that_expired_without_a_sign_out(user: StaffUser) -> None:
    start_session(db.session, user, POLICY, now=START)
    start_session(db.session, user, POLICY, now=START + timedelta(hours=1))
    assert live_sessions() == 1
