"""The choices the conversation form offers, with labels in the staff member's language."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from participation.extensions import db
from participation.fieldwork.follow_ups import partner_register
from participation.geo.app_geocoder import buurten_focus_area_first, current_geocoder
from participation.i18n import describe
from participation.models import ConversationSetting, Mood, SignalStatus, Theme
from participation.models.lines import ParticipationLine
from participation.surveys.age_bands import age_bands
from participation.themes import pillar_label

SETTING_LABELS = {
    ConversationSetting.DOORSTEP: _l("At the door"),
    ConversationSetting.STREET: _l("In the street"),
    ConversationSetting.SQUARE: _l("On a square"),
    ConversationSetting.EVENT: _l("At an event"),
    ConversationSetting.COMMUNITY_CENTRE: _l("In a community centre"),
    ConversationSetting.SCHOOL: _l("At a school"),
    ConversationSetting.ONLINE: _l("Online"),
    ConversationSetting.OTHER: _l("Somewhere else"),
}
MOOD_LABELS = {Mood.POSITIVE: _l("Positive"), Mood.NEUTRAL: _l("Neutral"), Mood.NEGATIVE: _l("Negative")}

# i18n: the state of a follow-up a partner organisation received
FOLLOW_UP_STATUS_LABELS = {
    SignalStatus.OPEN: _l("Open"),
    SignalStatus.IN_PROGRESS: _l("In progress"),
    SignalStatus.DONE: _l("Done"),
    SignalStatus.DECLINED: _l("Declined"),
}


def follow_up_status_label(status: SignalStatus) -> str:
    return str(FOLLOW_UP_STATUS_LABELS[status])


def age_band_labels(language: str) -> list[tuple[str, str]]:
    """The shared age bands with their labels in ``language``."""
    return [(age_band.band, age_band.label.get(language, "en")) for age_band in age_bands()]


def themes_by_pillar(language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The active themes grouped by the programme pillar they map to, pillars in their own order."""
    themes = db.session.scalars(select(Theme).where(Theme.active).order_by(Theme.pillar)).all()
    groups: dict[int, list[tuple[str, str]]] = {}
    for theme in themes:
        groups.setdefault(theme.pillar, []).append((theme.code, theme.label(language)))
    return [
        (pillar_label(pillar), sorted(items, key=lambda item: item[1].casefold())) for pillar, items in groups.items()
    ]


def form_options() -> dict[str, Any]:
    language = str(get_locale() or "nl")
    return {
        "lines": [(line.value, line.label) for line in ParticipationLine],
        "settings": [(setting.value, str(label)) for setting, label in SETTING_LABELS.items()],
        "moods": [(mood.value, str(label)) for mood, label in MOOD_LABELS.items()],
        "age_bands": age_band_labels(language),
        "spoken_languages": [(code, describe(code).native_name) for code in current_app.config["LANGUAGES"]],
        "themes_by_pillar": themes_by_pillar(language),
        "buurt_groups": buurten_focus_area_first(current_geocoder(), current_app.config["FOCUS_AREA_NAME"]),
        "partners": [(str(organisation.id), organisation.name) for organisation in partner_register(db.session)],
    }
