"""The contact register: professionals register contacts with consent and list them without details; analysts and
admins open one contact's details, and every such page view is written to the audit log."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.field.registers import bp
from participation.blueprints.field.registers.context import (
    FIELD_OF_ERROR,
    found_or_404,
    location_context,
)
from participation.blueprints.field.registers.forms import ConsentForm, ContactForm
from participation.blueprints.field.registers.labels import CONTACT_KIND_LABELS, FOLLOW_UP_LABELS
from participation.extensions import db
from participation.fieldwork.access import (
    AccessDenied,
    can_read,
    counts_by_organisation,
    may_see_contact_details,
    read_contact_details,
    sees_all,
)
from participation.fieldwork.contacts import (
    ContactInput,
    add_consent,
    contact_summaries_for,
    create_contact,
    retention_until,
    summarise,
    withdraw_consent,
)
from participation.fieldwork.errors import InvalidRecord
from participation.fieldwork.volunteers import mark_contacted
from participation.models import ConsentRecord, Contact, Role
from participation.web.forms import show_refusal
from participation.web.privacy import contact_retention_days
from participation.web.staff import current_staff


def _readable_contact(contact_id: int) -> Contact:
    contact = found_or_404(Contact, contact_id)
    if not can_read(current_staff(), contact):
        abort(403)
    return contact


@bp.get("/contacts")
@requires_role(Role.PROFESSIONAL)
def contacts() -> ResponseReturnValue:
    """The register without any detail: kind, neighbourhood, what each contact agreed to, until when.

    ``?show=volunteers`` lists the residents who offered in a survey to take part, with where their follow-up stands.
    """
    user = current_staff()
    volunteers = request.args.get("show") == "volunteers"
    return render_template(
        "field_registers/contacts.html",
        volunteers=volunteers,
        contacts=contact_summaries_for(db.session, user, volunteers_only=volunteers),
        counts=[] if sees_all(user) or volunteers else counts_by_organisation(db.session, Contact.organisation_id),
        may_see_details=may_see_contact_details(user),
        kind_labels=CONTACT_KIND_LABELS,
        follow_up_labels=FOLLOW_UP_LABELS,
        **location_context(),
    )


@bp.post("/contacts/<int:contact_id>/contacted")
@requires_role(Role.PROFESSIONAL)
def contacted(contact_id: int) -> ResponseReturnValue:
    """Note that someone got in touch with a resident who offered in a survey to take part."""
    mark_contacted(db.session, _readable_contact(contact_id), recorded_by=current_staff())
    flash(_("Marked as contacted."), "success")
    return redirect(url_for("field_registers.contacts", show="volunteers"))


@bp.route("/contacts/new", methods=["GET", "POST"])
@requires_role(Role.PROFESSIONAL)
def new_contact() -> ResponseReturnValue:
    """Register an active resident or key organisation, only with the consent they gave."""
    today = date.today()
    form = ContactForm()
    if form.validate_on_submit():
        data = ContactInput(
            kind=form.kind.data or "",
            name=form.name.data or "",
            email=form.email.data or "",
            phone=form.phone.data or "",
            notes=form.notes.data or "",
            buurt_code=form.buurt_code.data or "",
            consent_purpose=form.consent_purpose.data or "",
            consent_given=bool(form.consent_given.data),
            retain_until=form.retain_until.data,
        )
        try:
            create_contact(
                db.session, data, recorded_by=current_staff(), today=today, retention_days=contact_retention_days()
            )
        except InvalidRecord as refused:
            show_refusal(form, refused, FIELD_OF_ERROR)
        else:
            flash(_("The contact has been registered with their consent."), "success")
            return redirect(url_for("field_registers.contacts"))
    return (
        render_template(
            "field_registers/contact_form.html",
            form=form,
            latest_retention=retention_until(today, contact_retention_days()),
            **location_context(),
        ),
        400 if form.is_submitted() else 200,
    )


@bp.get("/contacts/<int:contact_id>")
@requires_role(Role.ANALYST)
def contact(contact_id: int) -> ResponseReturnValue:
    """One contact's details, for analysts and admins only; this very view is written to the audit log."""
    found = _readable_contact(contact_id)
    try:
        details = read_contact_details(db.session, current_staff(), found, purpose="detail_page")
    except AccessDenied:
        abort(403)
    response = render_template(
        "field_registers/contact.html",
        contact=found,
        details=details,
        summary=summarise(found),
        kind_labels=CONTACT_KIND_LABELS,
        **location_context(),
    )
    # Personal details must not linger in a shared browser's or proxy's cache.
    return response, 200, {"Cache-Control": "no-store"}


def _render_consents(contact: Contact, form: ConsentForm, status: int) -> ResponseReturnValue:
    return (
        render_template(
            "field_registers/consents.html",
            contact=contact,
            summary=summarise(contact),
            form=form,
            may_see_details=may_see_contact_details(current_staff()),
            kind_labels=CONTACT_KIND_LABELS,
            **location_context(),
        ),
        status,
    )


@bp.route("/contacts/<int:contact_id>/consents", methods=["GET", "POST"])
@requires_role(Role.PROFESSIONAL)
def consents(contact_id: int) -> ResponseReturnValue:
    """A contact's consents, without details: add one, or withdraw one when the person asks."""
    found = _readable_contact(contact_id)
    form = ConsentForm()
    if form.validate_on_submit():
        try:
            add_consent(db.session, found, form.consent_purpose.data or "", recorded_by=current_staff())
        except InvalidRecord as refused:
            show_refusal(form, refused, FIELD_OF_ERROR)
        else:
            flash(_("The consent has been recorded."), "success")
            return redirect(url_for("field_registers.consents", contact_id=contact_id))
    return _render_consents(found, form, 400 if form.is_submitted() else 200)


@bp.post("/contacts/<int:contact_id>/consents/<int:consent_id>/withdraw")
@requires_role(Role.PROFESSIONAL)
def withdraw(contact_id: int, consent_id: int) -> ResponseReturnValue:
    """Record that the person withdrew one consent; with none left, the next purge removes the contact."""
    found = _readable_contact(contact_id)
    consent = found_or_404(ConsentRecord, consent_id)
    if consent.contact_id != found.id:
        abort(404)
    withdraw_consent(db.session, consent, recorded_by=current_staff(), today=date.today())
    flash(_("The consent has been withdrawn."), "success")
    return redirect(url_for("field_registers.consents", contact_id=contact_id))
