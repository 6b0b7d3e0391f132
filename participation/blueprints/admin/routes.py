from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from participation.accounts import AccountError, create_staff_user, ensure_organisation
from participation.audit import recent_events
from participation.blueprints.admin import bp
from participation.blueprints.admin.forms import CreateStaffUserForm
from participation.blueprints.auth.guards import requires_role
from participation.extensions import db
from participation.models import Role, StaffUser


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
                created_by=current_user._get_current_object(),
            )
        except AccountError:
            db.session.rollback()
            form.email.errors = [_("This e-mail address is not valid or has an account already.")]
        else:
            db.session.commit()
            flash(_("The account has been created."), "success")
            return redirect(url_for("admin.users"))
    accounts = db.session.scalars(select(StaffUser).order_by(StaffUser.email)).all()
    status = 400 if form.is_submitted() else 200
    return render_template("admin/users.html", form=form, accounts=accounts), status


@bp.get("/audit")
@requires_role(Role.ADMIN)
def audit() -> str:
    return render_template("admin/audit.html", events=recent_events(db.session))
