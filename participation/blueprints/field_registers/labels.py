"""Translated names of the field-work choices, and the sentences for the codes the field-work domain refuses with."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.form import BaseForm

from participation.models import ActivityKind, ContactKind, PlaceKind

PLACE_KIND_LABELS = {
    PlaceKind.COMMUNITY_CENTRE: _l("Community centre"),
    PlaceKind.PLACE_OF_WORSHIP: _l("Place of worship"),
    PlaceKind.SCHOOL: _l("School"),
    PlaceKind.MARKET: _l("Market"),
    PlaceKind.SPORTS_CLUB: _l("Sports club"),
    PlaceKind.SHOP: _l("Shop"),
    PlaceKind.PLAYGROUND: _l("Playground"),
    PlaceKind.OTHER: _l("Other"),
}

ACTIVITY_KIND_LABELS = {
    ActivityKind.MEETING: _l("Meeting"),
    ActivityKind.SESSION: _l("Session"),
    ActivityKind.NEIGHBOURHOOD_WALK: _l("Neighbourhood walk"),
    ActivityKind.OTHER: _l("Other"),
}

CONTACT_KIND_LABELS = {
    ContactKind.ACTIVE_RESIDENT: _l("Active resident"),
    ContactKind.KEY_ORGANISATION: _l("Key organisation"),
}

ERROR_MESSAGES = {
    "required": _l("Fill this in."),
    "too_long": _l("This is too long."),
    "invalid_choice": _l("Choose one of the options."),
    "invalid": _l("This is not valid."),
    "unknown": _l("Choose from the list."),
    "out_of_range": _l("This number or date is outside what is allowed."),
    "place_or_location_required": _l("Choose a place from the register or give a location."),
    "email_or_phone_required": _l("Give an e-mail address or a phone number."),
    "consent_required": _l("Register a contact only after the person has given consent."),
    "location_not_found": _l("This location could not be found. Choose a neighbourhood or check the address."),
}

# Where on the form a domain field's error is shown, when the names differ.
FIELD_OF_ERROR = {"location": "buurt", "client_id": "title"}


def show_errors(form: BaseForm, errors: dict[str, str]) -> None:
    """Put the domain's refusals next to the fields they concern."""
    for name, code in errors.items():
        field: Field | None = getattr(form, FIELD_OF_ERROR.get(name, name), None)
        if field is not None:
            field.errors = [*field.errors, str(ERROR_MESSAGES.get(code, ERROR_MESSAGES["invalid"]))]
