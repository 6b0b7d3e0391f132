from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from participation.accounts.errors import AccountError
from participation.accounts.operations import authenticate, change_password
from participation.accounts.passwords import site_words
from participation.blueprints.admin.auth import bp
from participation.blueprints.admin.auth.forms import ChangePasswordForm, LoginForm, LogoutForm
from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.admin.auth.session import sign_in_browser, sign_out_browser
from participation.extensions import db, limiter
from participation.models import Role
from participation.web.forms import show_refusal
from participation.web.requests import safe_local_path
from participation.web.security import email_rate_limit_key
from participation.web.staff import current_staff
from participation.web.transactions import commit_now


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


def _email_key() -> str:
    return email_rate_limit_key(current_app.config["SECRET_KEY"], request.form.get("email") or "")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_email_key)
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("staff.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data or "", form.password.data or "")
        if user is not None:
            sign_in_browser(user)
            if user.must_change_password:
                flash(_("An administrator asks you to choose a new password before you go on."), "info")
                return redirect(url_for("auth.password"))
            return redirect(safe_local_path(request.args.get("next"), url_for("staff.dashboard")))
        commit_now()  # the failed attempt stays in the audit log, although the answer is a refusal
        # One message for an unknown address and a wrong password, so the form does not reveal who has an account.
        form.form_errors.append(_("The e-mail address or password is not correct."))
    status = 200 if not form.errors and not form.form_errors else 400
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@requires_role(Role.PROFESSIONAL)
def logout() -> ResponseReturnValue:
    form = LogoutForm()
    if form.validate_on_submit():
        sign_out_browser()
        flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@requires_role(Role.PROFESSIONAL)
def password() -> ResponseReturnValue:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_staff()
        try:
            change_password(
                db.session,
                user,
                form.current_password.data or "",
                form.new_password.data or "",
                site_words=site_words(current_app.config),
            )
        except AccountError as error:
            show_refusal(form, error)
        else:
            sign_in_browser(user)  # the change ended every session, this one too; this browser gets a new one
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("staff.dashboard"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/password.html", form=form), status
