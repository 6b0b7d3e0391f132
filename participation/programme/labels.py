"""Translatable names of priorities and statuses, and how a suppressed figure reads in text exports."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from participation.disclosure import Cell
from participation.models.programme import InputStatus, Priority

PRIORITY_LABELS = {
    Priority.HIGH: _l("High"),
    Priority.MEDIUM: _l("Medium"),
    Priority.LOW: _l("Low"),
}

STATUS_LABELS = {
    InputStatus.PROPOSED: _l("Proposed"),
    InputStatus.ADOPTED: _l("Adopted"),
    InputStatus.IN_PROGRESS: _l("In progress"),
    InputStatus.DONE: _l("Done"),
}


def priority_label(priority: Priority | str) -> str:
    return str(PRIORITY_LABELS[Priority(priority)])


def status_label(status: InputStatus | str) -> str:
    return str(STATUS_LABELS[InputStatus(status)])


def cell_text(cell: Cell, threshold: int) -> str:
    """A figure as text for exports and documents: the number, "fewer than k", or "hidden" for a cell hidden so
    that a small one cannot be worked out (it is not small itself, so "fewer than k" would be untrue)."""
    if cell.small:
        return str(_("fewer than %(k)d", k=threshold))
    if cell.hidden:
        return str(_("hidden"))
    return str(cell.value)
