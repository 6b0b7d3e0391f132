from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from participation.blueprints.admin.auth.guards import requires_role
from participation.blueprints.field.conversations import bp
from participation.blueprints.field.conversations.forms import FollowUpStatusForm, JsonForm, conversation_from_form
from participation.blueprints.field.conversations.labels import (
    FOLLOW_UP_STATUS_LABELS,
    age_band_labels,
    form_options,
)
from participation.extensions import db, limiter
from participation.fieldwork.access import can_edit, can_read, counts_by_organisation
from participation.fieldwork.conversations import (
    ConversationRejected,
    NotAllowed,
    conversation_themes,
    log_conversation,
    themes_of_conversations,
    update_conversation,
    visible_conversations,
)
from participation.fieldwork.exports import conversations_csv
from participation.fieldwork.follow_ups import may_set_status, next_statuses, open_in_inbox
from participation.geo.app_geocoder import current_geocoder
from participation.models import Conversation, Role
from participation.web.downloads import ExportKind, download
from participation.web.staff import current_staff


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def _languages() -> list[str]:
    return list(current_app.config["LANGUAGES"])


@bp.get("/")
@requires_role(Role.PROFESSIONAL)
def home() -> str:
    return render_template(
        "field/home.html",
        conversations=visible_conversations(db.session, current_user, limit=20),
        # Of other organisations a professional learns how many conversations they logged, nothing more.
        per_organisation=counts_by_organisation(db.session, Conversation.organisation_id),
        open_follow_ups=open_in_inbox(db.session, current_staff()),
    )


@bp.get("/conversations/new")
@requires_role(Role.PROFESSIONAL)
def new_conversation() -> str:
    now = datetime.now(_zone()).strftime("%Y-%m-%dT%H:%M")
    return render_template(
        "field/conversation_form.html",
        values={"occurred_at": now},
        errors={},
        client_id=str(uuid.uuid4()),
        conversation=None,
        **form_options(),
    )


@bp.post("/conversations")
@requires_role(Role.PROFESSIONAL)
def create_conversation() -> ResponseReturnValue:
    data = conversation_from_form(request.form, _zone())
    try:
        _conversation, created = log_conversation(db.session, current_user, data, current_geocoder(), _languages())
    except ConversationRejected as rejected:
        return render_template(
            "field/conversation_form.html",
            values=request.form,
            errors=rejected.by_field(),
            client_id=data.client_id,
            conversation=None,
            **form_options(),
        ), 400
    except NotAllowed:
        abort(403)
    flash(
        _("The conversation has been saved.") if created else _("This conversation had been saved already."), "success"
    )
    return redirect(url_for("field.home"))


@bp.post("/api/conversations")
@requires_role(Role.PROFESSIONAL)
@limiter.limit("300 per hour")
def sync_conversation() -> ResponseReturnValue:
    """What the device's outbox sends: the form's fields as JSON, with the id the device made."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify(error="send a JSON object with the form's fields"), 400
    data = conversation_from_form(JsonForm(body.get("fields")), _zone())
    try:
        conversation, created = log_conversation(db.session, current_user, data, current_geocoder(), _languages())
    except ConversationRejected as rejected:
        return jsonify(errors=rejected.by_field()), 422
    except NotAllowed:
        return jsonify(error=_("This log has the id of someone else's log. Please log it again.")), 403
    conversation_id = conversation.id
    return jsonify(id=conversation_id, client_id=data.client_id), 201 if created else 200


@bp.get("/api/buurt")
@requires_role(Role.PROFESSIONAL)
@limiter.limit("120 per hour")
def buurt_here() -> ResponseReturnValue:
    """The buurt of the device's position, asked only when the professional taps "use my location"."""
    lat, lon = request.args.get("lat", type=float), request.args.get("lon", type=float)
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return jsonify(error=_("Give the position as latitude and longitude.")), 400
    buurt = current_geocoder().locate(lat, lon).buurt
    if buurt is None:
        return jsonify(error=_("This place is not in one of the neighbourhoods.")), 404
    return jsonify(buurt=buurt.code, name=buurt.name)


def _readable(conversation_id: int) -> Conversation:
    conversation = db.session.get(Conversation, conversation_id)
    if conversation is None:
        abort(404)
    if not can_read(current_user, conversation):
        abort(403)
    return conversation


def conversation_page(
    conversation: Conversation, refused: FollowUpStatusForm | None = None, refused_id: int | None = None
) -> str:
    """The conversation with its follow-ups: their status, and a status form where the staff member may set it."""
    user = current_staff()
    status_forms = {
        signal.id: FollowUpStatusForm(signal.id, next_statuses(signal), formdata=None)
        for signal in conversation.signals
        if may_set_status(user, signal) and next_statuses(signal)
    }
    if refused is not None and refused_id is not None:
        status_forms[refused_id] = refused
    return render_template(
        "field/conversation.html",
        conversation=conversation,
        coded_themes=conversation_themes(db.session, conversation),
        editable=can_edit(user, conversation),
        status_forms=status_forms,
        status_labels=FOLLOW_UP_STATUS_LABELS,
        **form_options(),
    )


@bp.get("/conversations/<int:conversation_id>")
@requires_role(Role.PROFESSIONAL)
def show_conversation(conversation_id: int) -> str:
    return conversation_page(_readable(conversation_id))


@bp.route("/conversations/<int:conversation_id>/edit", methods=["GET", "POST"])
@requires_role(Role.PROFESSIONAL)
def edit_conversation(conversation_id: int) -> ResponseReturnValue:
    conversation = _readable(conversation_id)
    if not can_edit(current_user, conversation):
        abort(403)
    if request.method == "POST":
        data = conversation_from_form(request.form, _zone())
        try:
            update_conversation(db.session, conversation, current_user, data, current_geocoder(), _languages())
        except ConversationRejected as rejected:
            return render_template(
                "field/conversation_form.html",
                values=request.form,
                errors=rejected.by_field(),
                client_id=conversation.client_id,
                conversation=conversation,
                **form_options(),
            ), 400
        flash(_("The conversation has been changed."), "success")
        return redirect(url_for("field.show_conversation", conversation_id=conversation.id))
    themes = [theme.code for theme in conversation_themes(db.session, conversation)]
    values = {
        "occurred_at": conversation.occurred_at.astimezone(_zone()).strftime("%Y-%m-%dT%H:%M"),
        "line": conversation.line.value,
        "setting": conversation.setting.value,
        "participants": str(conversation.participants),
        "notes": conversation.notes,
        "quotes": "\n".join(conversation.quotes),
        "free_tags": ", ".join(conversation.free_tags),
        "mood": conversation.mood.value if conversation.mood else "",
    }
    if conversation.signals:
        # The form holds one follow-up; leaving it as it was keeps the status its partner gave it.
        first = conversation.signals[0]
        values["signal_description"] = first.description
        values["signal_partner"] = str(first.partner_organisation_id or "")
    return render_template(
        "field/conversation_form.html",
        values=values,
        errors={},
        client_id=conversation.client_id,
        conversation=conversation,
        chosen={"themes": themes, **conversation.groups},
        **form_options(),
    )


@bp.get("/conversations")
@requires_role(Role.PROFESSIONAL)
def list_conversations() -> str:
    conversations = visible_conversations(db.session, current_user)
    return render_template(
        "field/conversations.html",
        conversations=conversations,
        themes=themes_of_conversations(db.session, conversations),
        age_labels=dict(age_band_labels(str(get_locale() or "nl"))),
    )


@bp.get("/conversations.csv")
@requires_role(Role.PROFESSIONAL)
def export_conversations() -> ResponseReturnValue:
    shown = visible_conversations(db.session, current_user)
    return download(conversations_csv(db.session, shown, current_user), "conversations.csv", ExportKind.CSV)
