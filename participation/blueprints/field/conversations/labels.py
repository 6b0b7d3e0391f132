"""The choices the conversation form offers, with labels in the staff member's language."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from participation.extensions import db
from participation.geo.app_geocoder import current_geocoder, location_choices
from participation.i18n import describe
from participation.models import ConversationSetting, Mood, Theme
from participation.models.lines import ParticipationLine
from participation.surveys.age_bands import age_bands
from participation.surveys.model import Question, QuestionType, Texts

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


def location_question(language: str) -> Question:
    """The conversation's place, asked like a survey's location question so the same widget serves both."""
    return Question(
        id="location",
        type=QuestionType.LOCATION,
        text=Texts.of({language: str(_l("Where was the conversation?"))}, language),
    )


def form_options() -> dict[str, Any]:
    language = str(get_locale() or "nl")
    themes = db.session.scalars(select(Theme).where(Theme.active).order_by(Theme.pillar, Theme.label_nl)).all()
    return {
        "lines": [(line.value, line.label) for line in ParticipationLine],
        "settings": [(setting.value, str(label)) for setting, label in SETTING_LABELS.items()],
        "moods": [(mood.value, str(label)) for mood, label in MOOD_LABELS.items()],
        "age_bands": [(age_band.band, age_band.label.get(language, "en")) for age_band in age_bands()],
        "spoken_languages": [(code, describe(code).native_name) for code in current_app.config["LANGUAGES"]],
        "themes": [(theme.code, theme.label(language)) for theme in themes],
        "location_question": location_question(language),
        **location_choices(current_geocoder()),
    }
