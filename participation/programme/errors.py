"""Why a programme input or its evidence was refused: a field, a code, and a translated message for the analyst."""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

MESSAGES = {
    "wijk_unknown": _l("Choose a district of the municipality."),
    "buurt_outside_wijk": _l("Choose a neighbourhood of the chosen district."),
    "theme_unknown": _l("Choose an active theme of the codebook."),
    "title_required": _l("Fill in a title."),
    "too_long": _l("Use at most %(max)d characters."),
    "language_unknown": _l("Public texts can only be given in the languages of the website."),
    "subject_unknown": _l("There is no answer, conversation or activity with this number."),
    "evidence_linked": _l("This evidence is linked to the input already."),
    "quote_required": _l("Consent to quote needs a quote."),
}


class ProgrammeError(ValueError):
    """Input the programme cannot hold; ``field`` names the form field it belongs to."""

    def __init__(self, field: str, code: str, **params: Any) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown programme error code {code!r}")
        self.field = field
        self.code = code
        self.params = params
        super().__init__(f"{field}: {code}")

    @property
    def message(self) -> str:
        """The message in the current language; in English outside a request (scripts and domain tests)."""
        if not has_request_context():
            with force_locale("en"):
                return self._translated()
        return self._translated()

    def _translated(self) -> str:
        text = MESSAGES[self.code]
        return str(text % self.params) if self.params else str(text)
