"""Translatable names of the programme's five pillars and ten strategic goals (see the council letter).

The English texts are the msgids; each language's catalog holds the programme's own wording.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from participation.models.themes import Pillar

PILLAR_LABELS = {
    Pillar.HOUSING_AND_ENVIRONMENT: _l("Housing and physical environment"),
    Pillar.HEALTH_AND_LIVING_TOGETHER: _l("Health and living together"),
    Pillar.LEARNING_AND_DEVELOPMENT: _l("Learning and development"),
    Pillar.WORK_AND_INCOME: _l("Work and income"),
    Pillar.LIVEABLE_AND_SAFE: _l("Liveable and safe"),
}

GOAL_LABELS = {
    1: _l("Improve the physical environment"),
    2: _l("More future-proof housing"),
    3: _l("Reduce health gaps"),
    4: _l("A more self-reliant community"),
    5: _l("More children grow up with good chances"),
    6: _l("More residents keep developing"),
    7: _l("Better prospects of paid work"),
    8: _l("Better prospects of a lifelong sufficient, stable income"),
    9: _l("More liveability"),
    10: _l("More safety"),
}


def pillar_label(pillar: int) -> str:
    """The pillar's name in the current language, for pages and exports."""
    return str(PILLAR_LABELS[Pillar(pillar)])


def goal_label(goal: int) -> str:
    """The strategic goal's name in the current language."""
    return str(GOAL_LABELS[goal])
