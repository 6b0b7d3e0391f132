from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from participation.accounts.errors import AccountError
from participation.accounts.operations import create_staff_user, ensure_organisation, set_active
from participation.accounts.passwords import site_words
from participation.audit import recent_events
from participation.blueprints.admin.accounts import bp
from participation.blueprints.admin.accounts.forms import AccountStatusForm, CreateStaffUserForm
from participation.blueprints.admin.auth.guards import requires_role
from participation.extensions import db
from participation.models import Role, StaffUser
from participation.web.forms import show_refusal
from participation.web.staff import current_staff


def _users_page(form: CreateStaffUserForm, status: int) -> ResponseReturnValue:
    accounts = db.session.scalars(select(StaffUser).order_by(StaffUser.email)).all()
    return render_template("admin/users.html", form=form, accounts=accounts), status


@bp.route("/users", methods=["GET", "POST"])
@requires_role(Role.ADMIN)
def users() -> ResponseReturnValue:
    form = CreateStaffUserForm()
    if form.validate_on_submit():
        try:
            organisation = ensure_organisation(db.session, form.organisation.data or "")
            create_staff_user(
                db.session,
                email=form.email.data or "",
                password=form.password.data or "",
                role=Role(form.role.data),
                organisation=organisation,
                created_by=current_staff(),
                site_words=site_words(current_app.config),
            )
        except AccountError as error:
            show_refusal(form, error)
        else:
            flash(_("The account has been created."), "success")
            return redirect(url_for("admin.users"))
    return _users_page(form, 400 if form.is_submitted() else 200)


@bp.post("/users/<int:user_id>/active")
@requires_role(Role.ADMIN)
def account_status(user_id: int) -> ResponseReturnValue:
    """Deactivate an account (its sessions end at once) or reactivate it."""
    account = db.session.get(StaffUser, user_id) or abort(404)
    form = AccountStatusForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        set_active(db.session, account, form.active.data == "1", by=current_staff())
    except AccountError as error:
        flash(error.message, "error")
        return _users_page(CreateStaffUserForm(formdata=None), 400)
    flash(_("The account is active again.") if account.active else _("The account is deactivated."), "success")
    return redirect(url_for("admin.users"))


@bp.get("/audit")
@requires_role(Role.ADMIN)
def audit() -> str:
    return render_template("admin/audit.html", events=recent_events(db.session))
