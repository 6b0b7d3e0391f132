"""What the field-register views share: records by id, and locations from a form."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import abort

from participation.blueprints.field.registers.forms import LocatedForm
from participation.extensions import db
from participation.fieldwork.errors import RecordError
from participation.geo.app_geocoder import current_geocoder, location_choices
from participation.models import Base, StoredLocation
from participation.responses.places import resolve_location
from participation.surveys.errors import AnswerError

Record = TypeVar("Record", bound=Base)


def found_or_404(model: type[Record], record_id: int) -> Record:
    record = db.session.get(model, record_id)
    if record is None:
        abort(404)
    return record


def buurt_names() -> dict[str, str]:
    """Neighbourhood names by CBS code, to show locations in words."""
    return {buurt.code: buurt.name for buurt in current_geocoder().boundaries.buurten}


def location_context() -> dict[str, Any]:
    """What the location fieldset needs: neighbourhoods by district, whether addresses can be used, and names."""
    return location_choices(current_geocoder()) | {"buurt_names": buurt_names()}


# Where on a register's form a domain field's refusal is shown, when the names differ.
FIELD_OF_ERROR = {"location": "buurt", "client_id": "title"}


class LocationRefused(RecordError):
    """The form named a location that could not be geocoded; ``field`` is the form field that says so."""


def read_location(form: LocatedForm) -> StoredLocation | None:
    """The geocoded location the form names, or None when it names none; ``LocationRefused`` when it is wrong."""
    value = form.location_value()
    if value is None:
        return None
    if "postcode" in value and value["number"] is None:
        raise LocationRefused("house_number", "required")
    located = resolve_location(current_geocoder(), value)
    if isinstance(located, AnswerError) or located is None:
        raise LocationRefused("postcode" if "postcode" in value else "buurt", "location_not_found")
    return located
