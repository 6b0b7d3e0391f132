"""Why a field-work record (a place, an activity, a contact) was refused: per field a code and a translated sentence."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.domain.coded_errors import CodedError

MESSAGES = {
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


class RecordError(CodedError):
    """One field of a field-work record refused; ``field`` names the domain field, ``code`` one of ``MESSAGES``."""

    MESSAGES = MESSAGES


class InvalidRecord(RecordError):
    """A field-work record was refused; ``errors`` maps each field to its code (the first, by name, is this error's)."""

    def __init__(self, errors: dict[str, str]) -> None:
        first_field, first_code = min(errors.items())
        super().__init__(first_field, first_code)
        self.args = (", ".join(f"{field}: {code}" for field, code in sorted(errors.items())),)
        self.errors = errors

    @property
    def refusals(self) -> list[CodedError]:
        return [RecordError(field, code) for field, code in self.errors.items()]
