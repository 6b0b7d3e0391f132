"""Why a programme input or its evidence was refused: a field, a code, and a translated message for the analyst."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.domain.coded_errors import CodedError

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


class ProgrammeError(CodedError):
    """Input the programme cannot hold; ``field`` names the form field it belongs to."""

    MESSAGES = MESSAGES
