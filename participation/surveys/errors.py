"""Why an answer was refused, as a code with parameters and a translated, plain-language message.

The code and parameters are what the JSON API returns; ``message`` is what a resident reads next to the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l

from participation.domain.coded_errors import CodedError

MESSAGES = {
    "required": _l("Please answer this question."),
    "not_a_choice": _l("Please choose one of the options."),
    "other_missing": _l("You chose “other”. Please write down what you mean."),
    "too_long": _l("This text is too long. Please use at most %(maximum)s characters."),
    "out_of_range": _l("Please give a number from %(minimum)s to %(maximum)s."),
    "too_small": _l("Please give a number of at least %(minimum)s."),
    "too_large": _l("Please give a number of at most %(maximum)s."),
    "not_a_number": _l("Please give a number, for example 12."),
    "not_whole_number": _l("Please give a whole number, without a comma."),
    "not_yes_no": _l("Please choose yes or no."),
    "not_text": _l("Please type your answer as text."),
    "invalid_characters": _l("This text contains characters we cannot store. Please remove them."),
    "invalid_email": _l("This e-mail address does not look right. Please check it."),
    "invalid_phone": _l("This phone number does not look right. Please check it."),
    "contact_missing": _l("Please give an e-mail address or a phone number, so that we can reach you."),
    "invalid_postcode": _l("Please give a postcode like 3317 AB."),
    "invalid_house_number": _l("Please give a house number, for example 12."),
    "invalid_location": _l("We could not read this place. Please choose it again."),
    "outside": _l("This place is outside the municipality. Please choose a place inside the municipality."),
    "address_unknown": _l("We do not know this address. Check the postcode and house number, or choose your street."),
    "address_register_missing": _l("Addresses cannot be looked up here. Please choose your neighbourhood and street."),
    "skipped_with_place": _l(
        "You chose a place and also “I would rather not say where”. Please choose one of the two."
    ),
    "buurt_unknown": _l("We do not know this neighbourhood. Please choose one from the list."),
    "unknown_question": _l("This question is not part of the survey."),
    "invalid": _l("This answer is not valid. Please try again."),
}


class AnswerError(CodedError):
    """A refused answer: ``code`` is one of ``MESSAGES``; ``params`` fill its placeholders. Made while checking one
    answer, it names no question (``field`` is empty) unless ``question`` is given; the caller keys it by question."""

    MESSAGES = MESSAGES

    def __init__(self, code: str, params: Mapping[str, Any] | None = None, *, question: str = "") -> None:
        super().__init__(question, code, **(params or {}))
