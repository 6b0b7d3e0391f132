"""Logging street conversations: validate what a professional sent (often from a device that was offline),
store it once per device-made id, and decide who may read or change it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from participation.domain.coded_errors import CodedError
from participation.fieldwork.access import can_edit, visible_to
from participation.fieldwork.contacts import ContactInput, create_contact
from participation.fieldwork.errors import InvalidRecord
from participation.fieldwork.follow_ups import find_partner
from participation.geo import Geocoder
from participation.models import (
    CodingOrigin,
    CodingStatus,
    Conversation,
    ConversationSetting,
    FollowUpSignal,
    Mood,
    Organisation,
    StaffUser,
    StoredLocation,
    SubjectType,
    Theme,
    ThemeCoding,
)
from participation.models.base import DbSession, utcnow
from participation.models.lines import ParticipationLine
from participation.responses.places import resolve_location
from participation.surveys.age_bands import band_codes
from participation.surveys.errors import MESSAGES as ANSWER_MESSAGES
from participation.surveys.errors import AnswerError
from participation.tasks import enqueue_on_commit
from participation.tasks.names import SUGGEST_FOR_SUBJECT

CLIENT_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
MAX_PARTICIPANTS = 500
LIMITS = {"notes": 8000, "quote": 1000, "tag": 60, "signal": 2000}
MAX_ITEMS = 20
# A log may be dated a little in the future (clocks of phones drift), but not days ahead.
CLOCK_SKEW = timedelta(hours=1)

MESSAGES = {
    "client_id": _l("This log has no valid id. Please reload the page and log it again."),
    "occurred_at": _l("Give the date and time of the conversation."),
    "future": _l("The conversation cannot be in the future."),
    "line": _l("Choose a participation line."),
    "setting": _l("Choose where the conversation took place."),
    "participants": _l("Give the number of residents, from 1 to %(maximum)d."),
    "mood": _l("Choose positive, neutral or negative."),
    "too_long": _l("This text is too long. Please use at most %(maximum)d characters."),
    "too_many": _l("Please give at most %(maximum)d items."),
    "theme": _l("One of the chosen themes does not exist (any more)."),
    "group": _l("Choose from the listed groups."),
    "signal": _l("A follow-up needs both what it is about and the partner it goes to."),
    "partner": _l("Choose the partner from the list."),
    "contact": _l(
        "A resident who wants to be involved needs a name, an e-mail address or phone number, and their consent."
    ),
}


class FieldError(CodedError):
    """Why one field of a log was refused: a code of the log's own, or one of an answer (a location, a contact)."""

    MESSAGES = {**ANSWER_MESSAGES, **MESSAGES}

    def __init__(self, field: str, code: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(field, code, **(params or {}))


class ConversationRejected(CodedError):
    """A log was refused; ``errors`` holds a ``FieldError`` per refused field (the first is this error's)."""

    MESSAGES = FieldError.MESSAGES

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__(errors[0].field, errors[0].code, **errors[0].params)
        self.args = (", ".join(f"{error.field}: {error.code}" for error in errors),)
        self.errors = list(errors)

    @property
    def refusals(self) -> list[CodedError]:
        return list(self.errors)

    def by_field(self) -> dict[str, str]:
        return {error.field: error.message for error in self.errors}


class NotAllowed(PermissionError):
    """The staff member may not do this with this conversation."""


@dataclass
class ConversationInput:
    """A log as sent by the form or by the device's outbox (JSON), before validation."""

    client_id: str
    occurred_at: datetime | None
    line: str
    setting: str
    participants: int | str | None
    age_bands: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    theme_codes: list[str] = field(default_factory=list)
    free_tags: list[str] = field(default_factory=list)
    notes: str = ""
    quotes: list[str] = field(default_factory=list)
    mood: str | None = None
    location: Mapping[str, Any] | None = None
    # (what needs to happen, the partner: an organisation's id from the register, or its name)
    signals: list[tuple[str, str]] = field(default_factory=list)
    # A resident who wants to be involved, registered only with their consent.
    contact: ContactInput | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ConversationInput:
        """From the outbox's JSON; wrong types become values that fail validation with a clear message."""

        def strings(key: str) -> list[str]:
            value = data.get(key) or []
            return [str(item) for item in value] if isinstance(value, list) else [str(value)]

        signals = []
        for item in data.get("signals") or []:
            if isinstance(item, Mapping):
                signals.append((str(item.get("description") or ""), str(item.get("partner") or "")))
        location = data.get("location")
        return cls(
            client_id=str(data.get("client_id") or ""),
            occurred_at=parse_time(data.get("occurred_at")),
            line=str(data.get("line") or ""),
            setting=str(data.get("setting") or ""),
            participants=data.get("participants"),
            age_bands=strings("age_bands"),
            languages=strings("languages"),
            theme_codes=strings("themes"),
            free_tags=strings("free_tags"),
            notes=str(data.get("notes") or ""),
            quotes=[quote for quote in strings("quotes") if quote.strip()],
            mood=str(data["mood"]) if data.get("mood") else None,
            location=location if isinstance(location, Mapping) else None,
            signals=signals,
        )


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time; without an offset it is taken as UTC (what the device's outbox sends)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _choice(value: str, allowed: type[Any], name: str, errors: list[FieldError]) -> Any:
    try:
        return allowed(value)
    except ValueError:
        errors.append(FieldError(name, name))
        return None


def _validate(
    session: DbSession, data: ConversationInput, languages: Sequence[str]
) -> tuple[dict[str, Any], list[Theme], list[FieldError]]:
    errors: list[FieldError] = []
    if not CLIENT_ID.match(data.client_id):
        errors.append(FieldError("client_id", "client_id"))
    if data.occurred_at is None:
        errors.append(FieldError("occurred_at", "occurred_at"))
    elif data.occurred_at > utcnow() + CLOCK_SKEW:
        errors.append(FieldError("occurred_at", "future"))
    line = _choice(data.line, ParticipationLine, "line", errors)
    setting = _choice(data.setting, ConversationSetting, "setting", errors)
    mood = _choice(data.mood, Mood, "mood", errors) if data.mood else None
    try:
        participants = int(data.participants) if data.participants not in (None, "") else 1
    except (TypeError, ValueError):
        participants = 0
    if not 1 <= participants <= MAX_PARTICIPANTS:
        errors.append(FieldError("participants", "participants", {"maximum": MAX_PARTICIPANTS}))
    if len(data.notes) > LIMITS["notes"]:
        errors.append(FieldError("notes", "too_long", {"maximum": LIMITS["notes"]}))
    for name, items, limit in (("quotes", data.quotes, LIMITS["quote"]), ("free_tags", data.free_tags, LIMITS["tag"])):
        if len(items) > MAX_ITEMS:
            errors.append(FieldError(name, "too_many", {"maximum": MAX_ITEMS}))
        elif any(len(item) > limit for item in items):
            errors.append(FieldError(name, "too_long", {"maximum": limit}))
    if any(band not in band_codes() for band in data.age_bands):
        errors.append(FieldError("age_bands", "group"))
    if any(code not in languages and code != "other" for code in data.languages):
        errors.append(FieldError("languages", "group"))
    codes = list(dict.fromkeys(data.theme_codes))
    themes = list(session.scalars(select(Theme).where(Theme.code.in_(codes), Theme.active))) if codes else []
    if len(themes) != len(codes):
        errors.append(FieldError("themes", "theme"))
    values = {
        "occurred_at": data.occurred_at,
        "line": line,
        "setting": setting,
        "participants": participants,
        "groups": {"age_bands": sorted(set(data.age_bands)), "languages": sorted(set(data.languages))},
        "free_tags": [tag.strip() for tag in data.free_tags if tag.strip()],
        "notes": data.notes,
        "quotes": list(data.quotes),
        "mood": mood,
    }
    return values, themes, errors


def _location(
    geocoder: Geocoder, data: ConversationInput, unchanged: StoredLocation | None, errors: list[FieldError]
) -> StoredLocation | None:
    """The place the log names, located; ``unchanged`` when it names none; a refusal goes to ``errors``."""
    if not data.location:
        return unchanged
    resolved = resolve_location(geocoder, data.location)
    if isinstance(resolved, AnswerError):
        errors.append(FieldError("location", resolved.code, resolved.params))
        return unchanged
    return resolved


def _follow_ups(
    session: DbSession, signals: Sequence[tuple[str, str]], errors: list[FieldError]
) -> list[tuple[str, Organisation]]:
    """Each follow-up's text with the partner organisation it names; refusals go to ``errors``."""
    resolved = []
    for description, partner_name in signals:
        if not description.strip() or not partner_name.strip():
            errors.append(FieldError("signals", "signal"))
        elif len(description) > LIMITS["signal"]:
            errors.append(FieldError("signals", "too_long", {"maximum": LIMITS["signal"]}))
        elif (partner := find_partner(session, partner_name)) is None:
            errors.append(FieldError("signals", "partner"))
        else:
            resolved.append((description.strip(), partner))
    return resolved


def find_by_client_id(session: DbSession, client_id: str) -> Conversation | None:
    return session.scalar(select(Conversation).where(Conversation.client_id == client_id))


def log_conversation(
    session: DbSession, author: StaffUser, data: ConversationInput, geocoder: Geocoder, languages: Sequence[str]
) -> tuple[Conversation, bool]:
    """Store a log, or return the one already stored under its device-made id (created False); flush only.

    Raises ConversationRejected with an error per field, and nothing is stored then.
    """
    existing = find_by_client_id(session, data.client_id) if data.client_id else None
    if existing is not None:
        if existing.author_id != author.id:
            raise NotAllowed("this id belongs to another professional's log")
        return existing, False
    values, themes, errors = _validate(session, data, languages)
    follow_ups = _follow_ups(session, data.signals, errors)
    location = _location(geocoder, data, None, errors)
    if errors:
        raise ConversationRejected(errors)
    # A device that resends while its first try is still running races past the lookup above; the unique
    # client_id lets only one in, and the other gets the stored log as if it had come second.
    try:
        with session.begin_nested():
            conversation = _store(session, author, data, values, location, follow_ups)
    except IntegrityError:
        winner = find_by_client_id(session, data.client_id)
        if winner is None:
            raise
        if winner.author_id != author.id:
            raise NotAllowed("this id belongs to another professional's log") from None
        return winner, False
    _code_themes(session, conversation, themes, author)
    _suggest_themes_later(session, conversation)
    return conversation, True


def _store(
    session: DbSession,
    author: StaffUser,
    data: ConversationInput,
    values: Mapping[str, Any],
    location: StoredLocation | None,
    follow_ups: Sequence[tuple[str, Organisation]],
) -> Conversation:
    contact = None
    if data.contact is not None:
        try:
            contact = create_contact(session, data.contact, recorded_by=author, today=utcnow().date())
        except InvalidRecord as refused:
            raise ConversationRejected(
                [FieldError("contact", "contact", {"fields": sorted(refused.errors)})]
            ) from refused
    conversation = Conversation(
        client_id=data.client_id,
        author=author,
        organisation_id=author.organisation_id,
        location=location,
        contact=contact,
        signals=[FollowUpSignal(description=text, partner_organisation=partner) for text, partner in follow_ups],
        **values,
    )
    session.add(conversation)
    session.flush()
    return conversation


def _code_themes(session: DbSession, conversation: Conversation, themes: Sequence[Theme], author: StaffUser) -> None:
    for theme in themes:
        session.add(
            ThemeCoding(
                theme=theme,
                subject_type=SubjectType.CONVERSATION,
                subject_id=conversation.id,
                origin=CodingOrigin.PROFESSIONAL,
                status=CodingStatus.ACCEPTED,
                coded_by=author,
            )
        )
    session.flush()


def conversation_themes(session: DbSession, conversation: Conversation) -> list[Theme]:
    return themes_of_conversations(session, [conversation]).get(conversation.id, [])


def themes_of_conversations(session: DbSession, conversations: Sequence[Conversation]) -> dict[int, list[Theme]]:
    """The themes the professionals chose, per conversation id, in one query."""
    rows = session.execute(
        select(ThemeCoding.subject_id, Theme)
        .join(ThemeCoding, ThemeCoding.theme_id == Theme.id)
        .where(
            ThemeCoding.subject_type == SubjectType.CONVERSATION,
            ThemeCoding.subject_id.in_([conversation.id for conversation in conversations]),
            ThemeCoding.origin == CodingOrigin.PROFESSIONAL,
        )
        .order_by(Theme.label_nl)
    ).all()
    themes: dict[int, list[Theme]] = {}
    for conversation_id, theme in rows:
        themes.setdefault(conversation_id, []).append(theme)
    return themes


def update_conversation(
    session: DbSession,
    conversation: Conversation,
    editor: StaffUser,
    data: ConversationInput,
    geocoder: Geocoder,
    languages: Sequence[str],
) -> None:
    if not can_edit(editor, conversation):
        raise NotAllowed("only the author may change a log, and only for seven days")
    data.client_id = conversation.client_id
    values, themes, errors = _validate(session, data, languages)
    follow_ups = _follow_ups(session, data.signals, errors)
    location = _location(geocoder, data, conversation.location, errors)
    if errors:
        raise ConversationRejected(errors)
    for name, value in values.items():
        setattr(conversation, name, value)
    conversation.location = location
    conversation.updated_at = utcnow()
    # A follow-up the partner already has keeps its status; a changed text or partner is a new follow-up.
    existing = {(signal.description, signal.partner_organisation_id): signal for signal in conversation.signals}
    conversation.signals = [
        existing.get((text, partner.id)) or FollowUpSignal(description=text, partner_organisation=partner)
        for text, partner in follow_ups
    ]
    for coding in session.scalars(
        select(ThemeCoding).where(
            ThemeCoding.subject_type == SubjectType.CONVERSATION,
            ThemeCoding.subject_id == conversation.id,
            ThemeCoding.origin == CodingOrigin.PROFESSIONAL,
        )
    ):
        session.delete(coding)
    session.flush()
    _code_themes(session, conversation, themes, editor)
    _suggest_themes_later(session, conversation)


def _suggest_themes_later(session: DbSession, conversation: Conversation) -> None:
    # Theme suggestions for its notes, made in the background once the log is committed (a log the professional
    # gave themes already counts as coded and keeps them, as with ``flask themes suggest``).
    enqueue_on_commit(session, SUGGEST_FOR_SUBJECT, SubjectType.CONVERSATION.value, conversation.id)


def visible_conversations(session: DbSession, user: StaffUser, limit: int = 100) -> list[Conversation]:
    """The newest logs this staff member may read."""
    query = (
        select(Conversation)
        .where(visible_to(user, Conversation.organisation_id))
        .order_by(Conversation.occurred_at.desc())
        .limit(limit)
    )
    return list(session.scalars(query))
