"""Forms of the field registers. Only shape is checked here; what makes a record valid is the domain's to say."""

from __future__ import annotations

import uuid
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import InputRequired, NumberRange, Optional

from participation.blueprints.field.registers.labels import (
    ACTIVITY_KIND_LABELS,
    CONTACT_KIND_LABELS,
    PLACE_KIND_LABELS,
)
from participation.models import StoredLocation
from participation.models.lines import ParticipationLine


def _choices(labels: dict[Any, Any]) -> list[tuple[str, str]]:
    return [(str(member.value), str(label)) for member, label in labels.items()]


class LocatedForm(FlaskForm):
    """A location by neighbourhood (and street), or by postcode and house number when addresses are loaded.

    The neighbourhood list is rendered by the template from the geocoder's boundaries, grouped by district.
    """

    buurt = SelectField(_l("Neighbourhood"), choices=[], validate_choice=False)
    street = StringField(_l("Street"))
    postcode = StringField(_l("Postcode"))
    house_number = IntegerField(_l("House number"), validators=[Optional()])

    def location_value(self) -> dict[str, Any] | None:
        """The location as ``resolve_location`` takes it; None when no location field was filled in."""
        if (self.postcode.data or "").strip():
            return {"postcode": self.postcode.data.strip(), "number": self.house_number.data}
        if self.buurt.data:
            return {"buurt": self.buurt.data, "street": (self.street.data or "").strip()}
        return None


class PlaceForm(LocatedForm):
    name = StringField(_l("Name"))
    kind = SelectField(_l("Kind of place"), validate_choice=False)
    moment = StringField(_l("Moment when residents gather"))
    contact_organisation = StringField(_l("Contact organisation"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Labels are translated per request, in the staff member's own language.
        self.kind.choices = _choices(PLACE_KIND_LABELS)


class ActivityForm(LocatedForm):
    client_id = HiddenField()
    title = StringField(_l("Title"))
    kind = SelectField(_l("Kind of activity"), validate_choice=False)
    held_on = DateField(_l("Date"), validators=[InputRequired(_l("Fill in a date."))])
    line = SelectField(_l("Participation line"), validate_choice=False)
    attendance = IntegerField(
        _l("Number of residents who came"),
        default=0,
        validators=[InputRequired(_l("Fill in a number.")), NumberRange(min=0, message=_l("Fill in a number."))],
    )
    # i18n: form label: one of the registered places where residents gather (a community centre, a square).
    place = SelectField(_l("Place"), validate_choice=False)
    themes = SelectMultipleField(_l("Themes raised"), coerce=int, validate_choice=False)
    notes = TextAreaField(_l("Notes"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices(ACTIVITY_KIND_LABELS)
        self.line.choices = [(line.value, line.label) for line in ParticipationLine]
        if not self.client_id.data:
            # Made when the empty form is shown: sending the same form twice stores one activity.
            self.client_id.data = uuid.uuid4().hex


class ContactForm(FlaskForm):
    kind = SelectField(_l("Kind of contact"), validate_choice=False)
    name = StringField(_l("Name"))
    email = EmailField(_l("E-mail address"))
    phone = TelField(_l("Phone number"))
    buurt_code = SelectField(_l("Neighbourhood"), choices=[], validate_choice=False)
    notes = TextAreaField(_l("Notes"))
    consent_purpose = StringField(_l("What the person agreed to"))
    consent_given = BooleanField(_l("The person has given consent to be contacted for this purpose"))
    retain_until = DateField(_l("Keep until"), validators=[Optional()])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices(CONTACT_KIND_LABELS)


class ConsentForm(FlaskForm):
    consent_purpose = StringField(_l("What the person agreed to"))


def describe_location(location: StoredLocation | None, buurt_names: dict[str, str]) -> str:
    """A location in words for lists and edit forms: street and neighbourhood, never a point."""
    if location is None:
        return ""
    parts = [location.street_name, buurt_names.get(location.buurt_code or "", location.buurt_code)]
    return ", ".join(part for part in parts if part)
