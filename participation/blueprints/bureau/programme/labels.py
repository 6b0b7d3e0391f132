"""Labels of the theme table's rows and columns in the analyst's language: themes, buurten, sources, lines."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from participation.blueprints.bureau.programme.context import language
from participation.blueprints.bureau.programme.forms import SOURCE_LABELS
from participation.extensions import db
from participation.models.lines import LINE_LABELS, ParticipationLine
from participation.models.themes import SubjectType, Theme
from participation.programme import Area, buurten_of
from participation.surveys.labels import TONE_LABELS
from participation.surveys.model import Tone
from participation.themes.aggregation import UNKNOWN, Dimension

DIMENSION_LABELS = {
    Dimension.WIJK: _l("District"),
    Dimension.BUURT: _l("Neighbourhood"),
    Dimension.BLOCK: _l("Block of 100 m"),
    Dimension.STREET: _l("Street"),
    Dimension.SOURCE: _l("Source"),
    Dimension.LINE: _l("Participation line"),
    Dimension.MONTH: _l("Month"),
    Dimension.QUARTER: _l("Quarter"),
    Dimension.YEAR: _l("Year"),
    Dimension.TONE: _l("Tone"),
}


def theme_labels(theme_ids: Sequence[int]) -> dict[int, str]:
    themes = db.session.scalars(db.select(Theme).where(Theme.id.in_(list(theme_ids)))).all()
    return {theme.id: theme.label(language()) for theme in themes}


def column_labels(wijk: Area, by: Dimension, keys: Sequence[str]) -> dict[str, str]:
    """A readable name for every column key: buurt names, source and line labels; other keys as they are."""
    labels = {key: key for key in keys}
    if by is Dimension.BUURT:
        labels.update({buurt.code: buurt.name for buurt in buurten_of(db.session, wijk.code) if buurt.code in labels})
    elif by is Dimension.SOURCE:
        labels.update({key: str(SOURCE_LABELS[SubjectType(key)]) for key in keys if key in set(SubjectType)})
    elif by is Dimension.LINE:
        labels.update({key: str(LINE_LABELS[ParticipationLine(key)]) for key in keys if key in set(ParticipationLine)})
    elif by is Dimension.TONE:
        labels.update({key: str(TONE_LABELS[Tone(key)]) for key in keys if key in set(Tone)})
    if UNKNOWN in labels:
        labels[UNKNOWN] = (
            _("Place unknown") if by in (Dimension.BUURT, Dimension.BLOCK, Dimension.STREET) else _("Unknown")
        )
    return labels
