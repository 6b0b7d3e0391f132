"""The register of places and moments where residents already gather (the connect line)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select

from participation.fieldwork.access import require_edit, visible_to
from participation.fieldwork.errors import InvalidRecord
from participation.models import Activity, Place, PlaceKind, StaffUser, StoredLocation
from participation.models.base import DbSession

NAME_LENGTH = 200

E = TypeVar("E", bound=enum.Enum)


def check_text(errors: dict[str, str], field: str, value: str, *, required: bool, max_length: int) -> str:
    """Trim a text field and note ``required`` or ``too_long`` in ``errors``; return the trimmed text."""
    text = value.strip()
    if required and not text:
        errors[field] = "required"
    elif len(text) > max_length:
        errors[field] = "too_long"
    return text


def parse_choice(errors: dict[str, str], field: str, choices: type[E], value: str) -> E | None:
    """The enum member named by ``value``, or None with ``invalid_choice`` noted in ``errors``."""
    try:
        return choices(value)
    except ValueError:
        errors[field] = "invalid_choice"
        return None


@dataclass(frozen=True)
class PlaceInput:
    """A place as a professional describes it. ``location`` is already geocoded (or None when not given)."""

    name: str
    kind: str
    moment: str = ""
    contact_organisation: str = ""
    location: StoredLocation | None = None


def _checked(data: PlaceInput) -> tuple[str, PlaceKind, str, str, StoredLocation]:
    errors: dict[str, str] = {}
    name = check_text(errors, "name", data.name, required=True, max_length=NAME_LENGTH)
    moment = check_text(errors, "moment", data.moment, required=False, max_length=NAME_LENGTH)
    contact = check_text(
        errors, "contact_organisation", data.contact_organisation, required=True, max_length=NAME_LENGTH
    )
    kind = parse_choice(errors, "kind", PlaceKind, data.kind)
    if data.location is None:
        errors["location"] = "required"
    if errors or kind is None or data.location is None:
        raise InvalidRecord(errors)
    return name, kind, moment, contact, data.location


def create_place(session: DbSession, data: PlaceInput, *, created_by: StaffUser) -> Place:
    """Add a place to the register of the staff member's organisation; raise ``InvalidRecord`` when incomplete."""
    name, kind, moment, contact, location = _checked(data)
    session.add(location)
    place = Place(
        name=name,
        kind=kind,
        moment=moment,
        contact_organisation=contact,
        location=location,
        organisation_id=created_by.organisation_id,
        created_by_id=created_by.id,
    )
    session.add(place)
    session.flush()
    return place


def update_place(session: DbSession, place: Place, data: PlaceInput, *, editor: StaffUser) -> Place:
    """Change a place, if ``editor`` may (``AccessDenied`` otherwise); a new location replaces the old one."""
    require_edit(editor, place)
    name, kind, moment, contact, location = _checked(data)
    place.name, place.kind, place.moment, place.contact_organisation = name, kind, moment, contact
    replace_location(session, place, location)
    session.flush()
    return place


def same_location(old: StoredLocation | None, new: StoredLocation | None) -> bool:
    """Whether a freshly geocoded location says what the stored one said (an edit form sends it again)."""
    if old is None or new is None:
        return old is new
    keys = ("buurt_code", "street_name", "block_id", "latitude", "longitude", "precision")
    return all(getattr(old, key) == getattr(new, key) for key in keys)


def replace_location(session: DbSession, item: Place | Activity, new: StoredLocation | None) -> None:
    """Point a record at a new location, deleting the old one: each record owns its location alone."""
    old = item.location
    if same_location(old, new):
        return
    if new is not None:
        session.add(new)
    item.location = new
    if old is not None:
        session.delete(old)


def places_for(session: DbSession, user: StaffUser) -> list[Place]:
    """The places ``user`` may see, by name: the own organisation's, or all for analysts and admins."""
    return list(session.scalars(select(Place).where(visible_to(user, Place.organisation_id)).order_by(Place.name)))
