"""Translatable names of priorities and statuses, and the mark of a quote removed at the resident's request."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.models.programme import InputStatus, Priority

PRIORITY_LABELS = {
    Priority.HIGH: _l("High"),
    Priority.MEDIUM: _l("Medium"),
    Priority.LOW: _l("Low"),
}

STATUS_LABELS = {
    InputStatus.PROPOSED: _l("Proposed"),
    # i18n: status of an effort in the programme input: taken up in the implementation programme.
    InputStatus.ADOPTED: _l("Adopted"),
    InputStatus.IN_PROGRESS: _l("In progress"),
    # i18n: status of an effort in the programme input: carried out. Not a "finished" button.
    InputStatus.DONE: _l("Done"),
}

# In place of a quote whose source the resident erased with their receipt code.
QUOTE_REMOVED = _l("Quote removed at the resident's request")


def priority_label(priority: Priority | str) -> str:
    return str(PRIORITY_LABELS[Priority(priority)])


def status_label(status: InputStatus | str) -> str:
    return str(STATUS_LABELS[InputStatus(status)])
