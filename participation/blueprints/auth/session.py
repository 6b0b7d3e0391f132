"""How a signed-in staff member is found again on each request, and where anonymous visitors are sent."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager

from participation.extensions import db
from participation.models import StaffUser


def load_user(user_id: str) -> StaffUser | None:
    # The id carries the account's session token, so a password change ends every other session.
    account_id, _, token = user_id.partition(":")
    if not account_id.isdigit():
        return None
    user = db.session.get(StaffUser, int(account_id))
    if user is None or user.session_token != token:
        return None
    return user


def configure_login(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)
