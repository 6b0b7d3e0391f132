"""Why the API refused a request that is not about the answers themselves, in the client's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.domain.coded_errors import CodedError


class ApiRequestError(CodedError):
    MESSAGES = {
        "no_such_survey": _l("There is no survey with this name."),
        "not_an_object": _l("Send a JSON object with an “answers” object."),
        "key_too_long": _l("The Idempotency-Key may be at most %(maximum)s characters long."),
        "unknown_language": _l("This language is not offered. Choose one of: %(languages)s."),
        "not_text": _l("Send this as text, or leave it out."),
    }
