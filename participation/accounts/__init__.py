"""Staff accounts: creating them, checking passwords, changing passwords. No Flask request inside."""

from participation.accounts.operations import (
    AccountError,
    authenticate,
    change_password,
    create_staff_user,
    ensure_organisation,
)

__all__ = ["AccountError", "authenticate", "change_password", "create_staff_user", "ensure_organisation"]
