"""How a figure after small-count suppression reads, in the viewer's language: one wording for every page,
export and document, so "fewer than k" and "hidden" mean the same thing wherever they appear."""

from __future__ import annotations

from flask_babel import gettext as _

from participation.disclosure.suppression import Cell


def cell_text(cell: Cell, threshold: int) -> str:
    """The number, "fewer than k", or "hidden" for a cell hidden so that a small one cannot be worked out (it is
    not small itself, so "fewer than k" would be untrue)."""
    if cell.small:
        return str(_("fewer than %(k)d", k=threshold))
    if cell.hidden:
        return str(_("hidden"))
    return str(cell.value)


def cell_value(cell: Cell, threshold: int) -> str | int:
    """For spreadsheets: shown figures stay numbers, so they can be added up; hidden ones become their text."""
    return cell.value if not cell.hidden else cell_text(cell, threshold)
