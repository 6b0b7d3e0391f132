"""The one decorator that guards every staff view by role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from participation.extensions import login_manager
from participation.models import Role

View = TypeVar("View", bound=Callable[..., Any])


def requires_role(role: Role) -> Callable[[View], View]:
    """Anonymous visitors go to the login page; staff below ``role`` get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(role):
                abort(403)
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate
