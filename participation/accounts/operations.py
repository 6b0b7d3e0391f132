"""Writes on staff accounts. Functions flush but never commit: the caller owns the transaction."""

from __future__ import annotations

import secrets

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from participation.accounts.passwords import MIN_PASSWORD_LENGTH, hash_password, needs_rehash, verify_password
from participation.audit import record
from participation.models import Organisation, OrganisationKind, Role, StaffUser, utcnow
from participation.models.base import DbSession


class AccountError(ValueError):
    """A request on an account that cannot be carried out; the message is meant for the person asking."""


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise AccountError(f"not a valid e-mail address: {email!r}") from exc


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")


def ensure_organisation(session: DbSession, name: str, kind: OrganisationKind | None = None) -> Organisation:
    """The organisation with this name, created when it does not exist yet."""
    organisation = session.scalar(select(Organisation).where(func.lower(Organisation.name) == name.lower()))
    if organisation is None:
        organisation = Organisation(name=name.strip(), kind=kind or OrganisationKind.OTHER)
        session.add(organisation)
        session.flush()
    return organisation


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
) -> StaffUser:
    address = normalise_email(email)
    if find_by_email(session, address) is not None:
        raise AccountError(f"an account for {address} exists already")
    check_password_strength(password)
    user = StaffUser(
        email=address,
        password_hash=hash_password(password),
        role=role,
        organisation=organisation,
        session_token=secrets.token_hex(16),
    )
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


def change_password(session: DbSession, user: StaffUser, current_password: str, new_password: str) -> None:
    if not verify_password(user.password_hash, current_password):
        raise AccountError("the current password is not correct")
    check_password_strength(new_password)
    user.password_hash = hash_password(new_password)
    user.session_token = secrets.token_hex(16)
    record(session, "password.changed", actor=user, subject=user)
