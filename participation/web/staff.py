"""The signed-in staff member as the web layer hands it to the domain."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from participation.models import StaffUser


def current_staff() -> StaffUser:
    """The signed-in staff member as a model (not Flask-Login's proxy), for domain functions and audit events.

    Only views behind ``requires_role`` ask for it; a request without a signed-in staff member gets 401."""
    user = current_user._get_current_object()
    if not isinstance(user, StaffUser):
        abort(401)
    return user
