"""The four participation lines (lijnen) every survey, conversation and activity is tagged with."""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l


class ParticipationLine(enum.StrEnum):
    EXPLORE = "explore"  # verkennen: learn what lives in the neighbourhood (surveys, analysis)
    CONTACT = "contact"  # contact leggen: street and doorstep conversations
    INVOLVE = "involve"  # betrekken: sessions, co-design, panels
    CONNECT = "connect"  # aansluiten: join places, moments and key organisations

    @property
    def label(self) -> str:
        return str(LINE_LABELS[self])


LINE_LABELS = {
    ParticipationLine.EXPLORE: _l("Explore"),
    ParticipationLine.CONTACT: _l("Make contact"),
    ParticipationLine.INVOLVE: _l("Involve"),
    ParticipationLine.CONNECT: _l("Connect"),
}
