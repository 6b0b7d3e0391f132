"""What every programme view needs: the wijk or input asked for (404 otherwise) and the choices of the input
form."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select

from participation.extensions import db
from participation.i18n import current_language
from participation.models.programme import ProgrammeInput
from participation.models.themes import Theme
from participation.programme import Area, buurten_of, find_wijk, wijken


def language() -> str:
    return current_language().code


def wijk_or_404(code: str) -> Area:
    wijk = find_wijk(db.session, code.upper())
    if wijk is None:
        abort(404)
    return wijk


def input_or_404(input_id: int) -> ProgrammeInput:
    programme_input = db.session.get(ProgrammeInput, input_id)
    if programme_input is None:
        abort(404)
    return programme_input


def form_choices() -> tuple[list[Area], list[Area], list[Theme]]:
    """The wijken of the focus area, their buurten, and the active themes by label."""
    areas = wijken(db.session)
    buurten = [buurt for wijk in areas for buurt in buurten_of(db.session, wijk.code)]
    themes = db.session.scalars(select(Theme).where(Theme.active.is_(True), Theme.merged_into_id.is_(None))).all()
    return areas, buurten, sorted(themes, key=lambda theme: theme.label(language()).casefold())
