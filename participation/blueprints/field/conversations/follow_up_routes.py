"""Follow-ups between organisations at ``/field/follow-ups``: the inbox of what partners sent to the staff member's
organisation, with a status form per follow-up, and the list of what the own organisation sent."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.field.conversations import bp
from participation.blueprints.field.conversations.forms import FollowUpStatusForm
from participation.blueprints.field.conversations.labels import FOLLOW_UP_STATUS_LABELS
from participation.blueprints.field.conversations.routes import conversation_page
from participation.extensions import db
from participation.fieldwork.follow_ups import (
    FollowUpRefused,
    NotAddressedToYou,
    inbox,
    may_set_status,
    next_statuses,
    sent_follow_ups,
    set_status,
)
from participation.models import FollowUpSignal, Role
from participation.web.forms import show_refusal
from participation.web.staff import current_staff


def _inbox_page(refused: FollowUpStatusForm | None = None, refused_id: int | None = None) -> ResponseReturnValue:
    items = inbox(db.session, current_staff())
    forms = {
        item.id: FollowUpStatusForm(item.id, item.next_statuses, formdata=None) for item in items if item.next_statuses
    }
    if refused is not None and refused_id is not None:
        forms[refused_id] = refused
    page = render_template("field/follow_ups.html", items=items, forms=forms, status_labels=FOLLOW_UP_STATUS_LABELS)
    return page, 400 if refused is not None else 200


@bp.get("/follow-ups")
@requires_role(Role.PROFESSIONAL)
def follow_ups() -> ResponseReturnValue:
    """The inbox: follow-ups addressed to the staff member's organisation."""
    return _inbox_page()


@bp.get("/follow-ups/sent")
@requires_role(Role.PROFESSIONAL)
def sent_follow_ups_page() -> str:
    """Follow-ups the staff member's organisation sent, with the status each partner gave them."""
    return render_template(
        "field/follow_ups_sent.html",
        signals=sent_follow_ups(db.session, current_staff()),
        status_labels=FOLLOW_UP_STATUS_LABELS,
    )


@bp.post("/follow-ups/<int:signal_id>/status")
@requires_role(Role.PROFESSIONAL)
def follow_up_status(signal_id: int) -> ResponseReturnValue:
    """Set the status of a follow-up addressed to the staff member's organisation (403 for anyone else)."""
    signal = db.session.get(FollowUpSignal, signal_id) or abort(404)
    user = current_staff()
    if not may_set_status(user, signal):
        abort(403)
    form = FollowUpStatusForm(signal.id, next_statuses(signal))
    if form.validate_on_submit():
        try:
            set_status(db.session, signal, user, form.status.data or "", form.note.data or "")
        except NotAddressedToYou:
            abort(403)
        except FollowUpRefused as refused:
            show_refusal(form, refused)
        else:
            flash(_("The status of the follow-up has been saved."), "success")
            if signal.partner_organisation_id is not None:
                return redirect(url_for("field.follow_ups", _anchor=f"follow-up-{signal.id}"))
            return redirect(url_for("field.show_conversation", conversation_id=signal.conversation_id))
    if signal.partner_organisation_id is not None:
        return _inbox_page(form, signal.id)
    # A follow-up without a partner (logged before the register) is kept up to date on its conversation's page.
    return conversation_page(signal.conversation, refused=form, refused_id=signal.id), 400
