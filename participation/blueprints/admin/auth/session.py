"""How a signed-in staff member is found again on each request, and where anonymous visitors are sent.

The browser's signed cookie carries Flask-Login's user id and the token of a server-side session
(``participation.accounts.sessions``); a request is signed in only while that session is live in the database, so
sign-out, the idle timeout, the absolute lifetime, a password change and deactivation end it on every app server.
"""

from __future__ import annotations

from flask import Flask, current_app, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_user, logout_user

from participation.accounts.sessions import SessionPolicy, resume_session, sign_out, start_session
from participation.extensions import db
from participation.models import StaffUser
from participation.web.transactions import commit_now

STAFF_SESSION_KEY = "staff_session"
# What an account an admin told to choose a new password may still open: the password form, sign-out, and what
# pages need to load (assets, the health check).
PASSWORD_CHANGE_ENDPOINTS = frozenset({"auth.password", "auth.logout", "static"})
PASSWORD_CHANGE_BLUEPRINTS = frozenset({"assets", "health"})


def session_policy() -> SessionPolicy:
    return SessionPolicy.from_settings(
        current_app.config["SESSION_IDLE_MINUTES"], current_app.config["SESSION_MAX_HOURS"]
    )


def load_user(user_id: str) -> StaffUser | None:
    # Flask-Login calls this for the session cookie and for a "remember me" cookie alike; both need a live
    # server-side session, so neither outlives a sign-out.
    token = session.get(STAFF_SESSION_KEY)
    if not isinstance(token, str):
        return None
    user = resume_session(db.session, token, session_policy())
    if user is None or str(user.id) != user_id:
        return None
    return user


def sign_in_browser(user: StaffUser) -> None:
    """Start a server-side session for ``user`` and hand its token to this browser; the request's answer commits."""
    token = start_session(db.session, user, session_policy())
    login_user(user)
    session[STAFF_SESSION_KEY] = token


def sign_out_browser() -> None:
    """Sign out: end this browser's server-side session, audited, and forget it in the cookie."""
    token = session.pop(STAFF_SESSION_KEY, None)
    if isinstance(token, str):
        sign_out(db.session, current_user, token)
    logout_user()


def _resume_staff_session() -> None:
    """Look the session up at the start of the request and commit what that changed (its last request time, or
    its removal once expired) before the view has written anything of its own, so a refused request keeps it."""
    if STAFF_SESSION_KEY not in session:
        return
    if not current_user.is_authenticated:
        session.pop(STAFF_SESSION_KEY, None)
    commit_now()


def _require_password_change() -> ResponseReturnValue | None:
    """Send an account that must choose a new password to the password form, whatever it asks for."""
    if not current_user.is_authenticated or not current_user.must_change_password:
        return None
    if request.endpoint in PASSWORD_CHANGE_ENDPOINTS or request.blueprint in PASSWORD_CHANGE_BLUEPRINTS:
        return None
    return redirect(url_for("auth.password"))


def configure_login(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)
    app.before_request(_resume_staff_session)
    app.before_request(_require_password_change)
