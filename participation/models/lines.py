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
    # i18n: name of a participation line (NPLV "verkennen"): learning what lives in a neighbourhood through surveys
    # and analysis. Not a button; a noun-like label in lists and charts.
    ParticipationLine.EXPLORE: _l("Explore"),
    # i18n: name of a participation line (NPLV "contact leggen"): street and doorstep conversations with residents.
    ParticipationLine.CONTACT: _l("Make contact"),
    # i18n: name of a participation line (NPLV "betrekken"): involving residents in sessions, co-design and panels.
    ParticipationLine.INVOLVE: _l("Involve"),
    # i18n: name of a participation line (NPLV "aansluiten"): joining the places, moments and organisations where
    # residents already gather. Not a network or login connection.
    ParticipationLine.CONNECT: _l("Connect"),
}
