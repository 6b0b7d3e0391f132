from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from participation.accounts.errors import AccountError
from participation.accounts.operations import (
    add_organisation,
    create_staff_user,
    ensure_organisation,
    force_password_change,
    set_active,
    set_receives_follow_ups,
    staff_accounts,
)
from participation.accounts.passwords import site_words
from participation.audit import recent_events, recorded_actions
from participation.blueprints.admin.accounts import bp
from participation.blueprints.admin.accounts.forms import (
    AccountStatusForm,
    AuditFilterForm,
    CreateStaffUserForm,
    FollowUpPartnerForm,
    OrganisationForm,
    PasswordResetForm,
)
from participation.blueprints.admin.accounts.labels import AUDIT_EVENT_LABELS, event_label
from participation.blueprints.admin.auth.guards import requires_role
from participation.extensions import db
from participation.models import Organisation, Role, StaffUser
from participation.web.forms import show_refusal
from participation.web.staff import current_staff


def _users_page(form: CreateStaffUserForm, status: int) -> ResponseReturnValue:
    accounts = staff_accounts(db.session)
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


@bp.post("/users/<int:user_id>/password-reset")
@requires_role(Role.ADMIN)
def password_reset(user_id: int) -> ResponseReturnValue:
    """Make the account choose a new password at its next sign-in; its sessions end now."""
    account = db.session.get(StaffUser, user_id) or abort(404)
    if not PasswordResetForm().validate_on_submit():
        abort(400)
    force_password_change(db.session, account, by=current_staff())
    flash(_("%(email)s must choose a new password at the next sign-in.", email=account.email), "success")
    return redirect(url_for("admin.users"))


def _organisations_page(form: OrganisationForm, status: int) -> ResponseReturnValue:
    organisations = db.session.scalars(select(Organisation).order_by(Organisation.name)).all()
    return render_template("admin/organisations.html", form=form, organisations=organisations), status


@bp.route("/organisations", methods=["GET", "POST"])
@requires_role(Role.ADMIN)
def organisations() -> ResponseReturnValue:
    """The register of partner organisations: the ones follow-ups can go to, and the ones staff work for."""
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            add_organisation(db.session, form.name.data or "", by=current_staff())
        except AccountError as error:
            show_refusal(form, error)
        else:
            flash(_("The organisation has been added to the register."), "success")
            return redirect(url_for("admin.organisations"))
    return _organisations_page(form, 400 if form.is_submitted() else 200)


@bp.post("/organisations/<int:organisation_id>/follow-ups")
@requires_role(Role.ADMIN)
def organisation_follow_ups(organisation_id: int) -> ResponseReturnValue:
    organisation = db.session.get(Organisation, organisation_id) or abort(404)
    form = FollowUpPartnerForm()
    if not form.validate_on_submit():
        abort(400)
    set_receives_follow_ups(db.session, organisation, form.receives.data == "1", by=current_staff())
    flash(_("The register has been changed."), "success")
    return redirect(url_for("admin.organisations"))


@bp.get("/audit")
@requires_role(Role.ADMIN)
def audit() -> ResponseReturnValue:
    """The newest events, filtered by who and by kind of event (a GET form, so a filtered view can be linked)."""
    accounts = staff_accounts(db.session)
    kinds = dict.fromkeys([*AUDIT_EVENT_LABELS, *recorded_actions(db.session)])
    actions = sorted(((action, event_label(action)) for action in kinds), key=lambda choice: choice[1].lower())
    form = AuditFilterForm(request.args, accounts, actions)
    if request.args and not form.validate():
        return render_template("admin/audit.html", form=form, events=[], event_label=event_label), 400
    events = recent_events(db.session, actor_id=form.actor_id, action=form.event.data or None)
    return render_template("admin/audit.html", form=form, events=events, event_label=event_label)
