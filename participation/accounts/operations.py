"""Writes on staff accounts. Functions flush but never commit: the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from participation.accounts.errors import AccountError
from participation.accounts.passwords import (
    MIN_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    personal_words,
    verify_password,
    weakness,
)
from participation.accounts.sessions import end_all_sessions
from participation.audit import record
from participation.models import Organisation, OrganisationKind, Role, StaffUser, utcnow
from participation.models.base import DbSession


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise AccountError("email", "email_invalid") from exc


def check_password_strength(
    password: str, *, email: str, organisation: str, site_words: Sequence[str] = (), field: str = "password"
) -> None:
    """Refuse a password that is short or guessable, also from the account's own e-mail address and organisation
    and the site's own names (``site_words``)."""
    code = weakness(password, [*personal_words(email, organisation), *site_words])
    if code == "password_short":
        raise AccountError(field, code, min=MIN_PASSWORD_LENGTH)
    if code is not None:
        raise AccountError(field, code)


def ensure_organisation(session: DbSession, name: str, kind: OrganisationKind | None = None) -> Organisation:
    """The organisation with this name, created when it does not exist yet."""
    organisation = session.scalar(select(Organisation).where(func.lower(Organisation.name) == name.lower()))
    if organisation is None:
        organisation = Organisation(name=name.strip(), kind=kind or OrganisationKind.OTHER)
        session.add(organisation)
        session.flush()
    return organisation


def staff_accounts(session: DbSession) -> Sequence[StaffUser]:
    """Every staff account, by e-mail address: the admin's list, the audit filter and ``flask users list``."""
    return session.scalars(select(StaffUser).order_by(StaffUser.email)).all()


def find_by_email(session: DbSession, email: str) -> StaffUser | None:
    return session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))


def create_staff_user(
    session: DbSession,
    *,
    email: str,
    password: str,
    role: Role,
    organisation: Organisation,
    created_by: StaffUser | None = None,
    site_words: Sequence[str] = (),
) -> StaffUser:
    address = normalise_email(email)
    if find_by_email(session, address) is not None:
        raise AccountError("email", "email_taken")
    check_password_strength(password, email=address, organisation=organisation.name, site_words=site_words)
    user = StaffUser(email=address, password_hash=hash_password(password), role=role, organisation=organisation)
    session.add(user)
    session.flush()
    record(session, "staff_user.created", actor=created_by, subject=user, role=role.value)
    return user


def authenticate(session: DbSession, email: str, password: str) -> StaffUser | None:
    """The account these credentials open, or None; unknown and wrong cost the same time on purpose."""
    user = find_by_email(session, email)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        if user is not None:
            record(session, "login.failed", subject=user)
        return None
    if not user.active:
        record(session, "login.refused_inactive", subject=user)
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    record(session, "login.succeeded", actor=user, subject=user)
    return user


def change_password(
    session: DbSession,
    user: StaffUser,
    current_password: str,
    new_password: str,
    *,
    site_words: Sequence[str] = (),
) -> None:
    """Set a new password and end every session of the account: the caller starts a fresh one for the browser
    that asked, if it wants to."""
    if not verify_password(user.password_hash, current_password):
        raise AccountError("current_password", "password_wrong")
    check_password_strength(
        new_password, email=user.email, organisation=user.organisation.name, site_words=site_words, field="new_password"
    )
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    end_all_sessions(session, user)
    record(session, "password.changed", actor=user, subject=user)


def force_password_change(session: DbSession, user: StaffUser, *, by: StaffUser) -> None:
    """An admin makes ``user`` choose a new password at the next sign-in; every session of the account ends now."""
    user.must_change_password = True
    end_all_sessions(session, user)
    record(session, "staff_user.password_reset_forced", actor=by, subject=user)


def add_organisation(session: DbSession, name: str, *, by: StaffUser) -> Organisation:
    """Add a partner to the register; refused when an organisation of that name (in any case) exists."""
    name = " ".join(name.split())
    if not name:
        raise AccountError("name", "organisation_name")
    if session.scalar(select(Organisation).where(func.lower(Organisation.name) == name.lower())) is not None:
        raise AccountError("name", "organisation_taken")
    organisation = Organisation(name=name, kind=OrganisationKind.OTHER, receives_follow_ups=True)
    session.add(organisation)
    session.flush()
    record(session, "organisation.created", actor=by, subject=organisation, name=name)
    return organisation


def set_receives_follow_ups(session: DbSession, organisation: Organisation, receives: bool, *, by: StaffUser) -> None:
    """Offer the organisation as a follow-up's partner, or take it off that list (what it received stays)."""
    if organisation.receives_follow_ups == receives:
        return
    organisation.receives_follow_ups = receives
    record(session, "organisation.updated", actor=by, subject=organisation, receives_follow_ups=receives)
    session.flush()


def set_active(session: DbSession, user: StaffUser, active: bool, *, by: StaffUser) -> None:
    """Deactivate (which ends every session of the account at once) or reactivate an account."""
    if user.id == by.id and not active:
        raise AccountError("account", "own_account")
    if user.active == active:
        return
    user.active = active
    if not active:
        end_all_sessions(session, user)
    record(session, "staff_user.activated" if active else "staff_user.deactivated", actor=by, subject=user)
