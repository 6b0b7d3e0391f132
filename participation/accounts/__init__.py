"""Staff accounts: creating them, checking passwords, changing passwords, their sessions. No Flask request inside."""

from participation.accounts.errors import AccountError
from participation.accounts.operations import (
    authenticate,
    change_password,
    create_staff_user,
    ensure_organisation,
    set_active,
)
from participation.accounts.sessions import SessionPolicy, end_session, resume_session, start_session

__all__ = [
    "AccountError",
    "SessionPolicy",
    "authenticate",
    "change_password",
    "create_staff_user",
    "end_session",
    "ensure_organisation",
    "resume_session",
    "set_active",
    "start_session",
]
