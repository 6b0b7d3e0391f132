"""The conversation form as posted (without JavaScript) or as queued in the device's outbox: one parser for both;
and the form a partner sets a follow-up's status with."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import Length

from participation.blueprints.field.conversations.labels import follow_up_status_label
from participation.fieldwork.contacts import ContactInput
from participation.fieldwork.conversations import ConversationInput, parse_time
from participation.fieldwork.follow_ups import NOTE_LIMIT
from participation.models import SignalStatus
from participation.surveys.places import parse_location


class FormData(Protocol):
    def getlist(self, key: str) -> list[str]: ...


def _first(form: FormData, key: str) -> str:
    values = form.getlist(key)
    return values[0].strip() if values else ""


def _local_time(value: str, zone: ZoneInfo) -> datetime | None:
    """A ``datetime-local`` value is the wall-clock time where the professional is."""
    moment = parse_time(value)
    if moment is None or "+" in value[10:] or value.endswith("Z"):
        return moment
    return moment.replace(tzinfo=zone)


def conversation_from_form(form: FormData, zone: ZoneInfo) -> ConversationInput:
    location_fields = {part: _first(form, f"location__{part}") for part in ("lat", "lon", "source", "buurt", "street")}
    location: dict[str, Any] | None = parse_location(_first(form, "location"), location_fields)
    description, partner = _first(form, "signal_description"), _first(form, "signal_partner")
    contact = None
    if _first(form, "contact_wanted"):
        contact = ContactInput(
            kind="active_resident",
            name=_first(form, "contact_name"),
            consent_purpose=_first(form, "contact_purpose"),
            consent_given=_first(form, "contact_consent") == "yes",
            email=_first(form, "contact_email"),
            phone=_first(form, "contact_phone"),
            buurt_code=location_fields.get("buurt") or "",
        )
    return ConversationInput(
        client_id=_first(form, "client_id"),
        occurred_at=_local_time(_first(form, "occurred_at"), zone),
        line=_first(form, "line"),
        setting=_first(form, "setting"),
        participants=_first(form, "participants") or None,
        age_bands=form.getlist("age_bands"),
        languages=form.getlist("languages"),
        theme_codes=form.getlist("themes"),
        free_tags=[tag for tag in _first(form, "free_tags").split(",") if tag.strip()],
        notes=_first(form, "notes"),
        quotes=[line for line in _first(form, "quotes").splitlines() if line.strip()],
        mood=_first(form, "mood") or None,
        location=location if location and not location.get("skipped") else None,
        signals=[(description, partner)] if description or partner else [],
        contact=contact,
    )


class JsonForm:
    """The outbox sends the form's fields as {name: [values]}; this reads it like a posted form."""

    def __init__(self, fields: Any) -> None:
        self._fields = fields if isinstance(fields, dict) else {}

    def getlist(self, key: str) -> list[str]:
        value = self._fields.get(key, [])
        if isinstance(value, list):
            return [str(item) for item in value]
        return [str(value)]


class FollowUpStatusForm(FlaskForm):
    """A partner sets a follow-up's status, with a short note; one per follow-up on a page, told apart by prefix."""

    status = SelectField(_l("New status"), validate_choice=False)
    note = StringField(_l("Note (optional)"), validators=[Length(max=NOTE_LIMIT)])
    submit = SubmitField(_l("Save status"))

    def __init__(self, signal_id: int, statuses: Sequence[SignalStatus], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix=f"follow-up-{signal_id}", **kwargs)
        # The domain decides which steps are allowed (``next_statuses``); the list offers those, translated.
        self.status.choices = [(status.value, follow_up_status_label(status)) for status in statuses]
