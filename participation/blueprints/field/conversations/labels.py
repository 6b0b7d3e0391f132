"""The choices the conversation form offers, with labels in the staff member's language."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from participation.extensions import db
from participation.fieldwork.conversations import AGE_BANDS
from participation.fieldwork.follow_ups import partner_register
from participation.geo.app_geocoder import current_geocoder, location_choices
from participation.i18n import describe
from participation.models import ConversationSetting, Mood, SignalStatus, Theme
from participation.models.lines import ParticipationLine
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
AGE_BAND_LABELS = {
    "0_17": _l("Under 18"),
    "18_29": _l("18 to 29"),
    "30_44": _l("30 to 44"),
    "45_64": _l("45 to 64"),
    "65_plus": _l("65 or older"),
}

# i18n: the state of a follow-up a partner organisation received
FOLLOW_UP_STATUS_LABELS = {
    SignalStatus.OPEN: _l("Open"),
    SignalStatus.IN_PROGRESS: _l("In progress"),
    SignalStatus.DONE: _l("Done"),
    SignalStatus.DECLINED: _l("Declined"),
}


def follow_up_status_label(status: SignalStatus) -> str:
    return str(FOLLOW_UP_STATUS_LABELS[status])


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
        "age_bands": [(band, str(AGE_BAND_LABELS[band])) for band in AGE_BANDS],
        "spoken_languages": [(code, describe(code).native_name) for code in current_app.config["LANGUAGES"]],
        "themes": [(theme.code, theme.label(language)) for theme in themes],
        "partners": [(str(organisation.id), organisation.name) for organisation in partner_register(db.session)],
        "location_question": location_question(language),
        **location_choices(current_geocoder()),
    }
