"""Refusals of a map's filters: a value that names no question, answer, theme, line, source or period the map
knows is refused with a clear 422 in the viewer's language rather than ignored or an error."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.domain.coded_errors import CodedError


class MapFilterError(CodedError):
    MESSAGES = {
        "not_a_choice": _l("%(name)s: this is not one of the choices of the map's filter."),
        "not_a_date": _l("%(name)s: this is not a date (expected year-month-day)."),
        "answer_without_question": _l("Choose a question before choosing one of its answers."),
        "period_reversed": _l("The period ends before it starts."),
    }
