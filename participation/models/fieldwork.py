"""Field work of professionals: conversations, places where residents gather, activities, and contacts with
their consent. Everything belongs to the organisation of the professional who logged it."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.models.base import Base, UTCDateTime, enum_column, utcnow
from participation.models.lines import ParticipationLine
from participation.models.locations import StoredLocation
from participation.models.staff import Organisation, StaffUser


class ConversationSetting(enum.StrEnum):
    DOORSTEP = "doorstep"
    STREET = "street"
    SQUARE = "square"
    EVENT = "event"
    COMMUNITY_CENTRE = "community_centre"
    SCHOOL = "school"
    ONLINE = "online"
    OTHER = "other"


class Mood(enum.StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class Conversation(Base):
    """A street or neighbourhood conversation, logged afterwards by a professional, often offline."""

    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Made on the device, so a resend of the same log never makes a second one.
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    line: Mapped[ParticipationLine] = mapped_column(enum_column(ParticipationLine, "conversation_line"))
    setting: Mapped[ConversationSetting] = mapped_column(enum_column(ConversationSetting, "conversation_setting"))
    participants: Mapped[int] = mapped_column(Integer, default=1)
    # Coarse groups only, e.g. {"age_bands": ["18_24"], "languages": ["tr"]}: no person can be singled out.
    groups: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    free_tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    quotes: Mapped[list[str]] = mapped_column(JSON, default=list)
    mood: Mapped[Mood | None] = mapped_column(enum_column(Mood, "conversation_mood"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("stored_location.id", ondelete="SET NULL"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[StaffUser | None] = relationship()
    organisation: Mapped[Organisation] = relationship()
    location: Mapped[StoredLocation | None] = relationship()
    contact: Mapped[Contact | None] = relationship()
    signals: Mapped[list[FollowUpSignal]] = relationship(back_populates="conversation", cascade="all, delete-orphan")


class SignalStatus(enum.StrEnum):
    """Where a follow-up stands; the partner it is addressed to sets it."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DECLINED = "declined"

    @property
    def closed(self) -> bool:
        return self in (SignalStatus.DONE, SignalStatus.DECLINED)


class FollowUpSignal(Base):
    """Something a professional passes on to a partner organisation after a conversation (a broken lamp, a family
    in need). The partner's staff see it in their inbox and set its status; the sender sees that status.

    Follow-ups logged before the register of partners have no ``partner_organisation``: the free text that named
    the partner became their ``status_note``, and the sender's own organisation keeps them up to date."""

    __tablename__ = "follow_up_signal"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    partner_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    status: Mapped[SignalStatus] = mapped_column(
        enum_column(SignalStatus, "signal_status", 16), default=SignalStatus.OPEN
    )
    status_note: Mapped[str] = mapped_column(String(500), default="")
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status_changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    conversation: Mapped[Conversation] = relationship(back_populates="signals")
    partner_organisation: Mapped[Organisation | None] = relationship()
    status_changed_by: Mapped[StaffUser | None] = relationship()


class PlaceKind(enum.StrEnum):
    COMMUNITY_CENTRE = "community_centre"
    PLACE_OF_WORSHIP = "place_of_worship"
    SCHOOL = "school"
    MARKET = "market"
    SPORTS_CLUB = "sports_club"
    SHOP = "shop"
    PLAYGROUND = "playground"
    OTHER = "other"


class Place(Base):
    """A place or recurring moment where residents already gather (the connect line)."""

    __tablename__ = "place"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[PlaceKind] = mapped_column(enum_column(PlaceKind, "place_kind", 24))
    moment: Mapped[str] = mapped_column(String(200), default="")  # e.g. "Friday prayers", "Saturday market"
    contact_organisation: Mapped[str] = mapped_column(String(200), default="")
    location_id: Mapped[int | None] = mapped_column(ForeignKey("stored_location.id", ondelete="SET NULL"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    location: Mapped[StoredLocation | None] = relationship()
    organisation: Mapped[Organisation] = relationship()


class ActivityKind(enum.StrEnum):
    MEETING = "meeting"
    SESSION = "session"
    NEIGHBOURHOOD_WALK = "neighbourhood_walk"
    OTHER = "other"


class Activity(Base):
    """A meeting, session or neighbourhood walk, with its attendance."""

    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ActivityKind] = mapped_column(enum_column(ActivityKind, "activity_kind", 24))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    line: Mapped[ParticipationLine] = mapped_column(enum_column(ParticipationLine, "activity_line"))
    attendance: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    place_id: Mapped[int | None] = mapped_column(ForeignKey("place.id", ondelete="SET NULL"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("stored_location.id", ondelete="SET NULL"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    place: Mapped[Place | None] = relationship()
    location: Mapped[StoredLocation | None] = relationship()
    organisation: Mapped[Organisation] = relationship()
    author: Mapped[StaffUser | None] = relationship()


class ContactKind(enum.StrEnum):
    ACTIVE_RESIDENT = "active_resident"
    KEY_ORGANISATION = "key_organisation"


class FollowUpStatus(enum.StrEnum):
    """Where the follow-up of a resident who offered in a survey to take part stands."""

    NEW = "new"  # nobody has been in touch yet
    CONTACTED = "contacted"


class Contact(Base):
    """An active resident or key organisation the programme may contact, only with consent, until a date.

    A professional registers one for their organisation; a resident who says in a survey that they want to take
    part and leaves their details becomes one too, for the programme as a whole (no organisation), with the
    response it came from and a follow-up status.
    """

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ContactKind] = mapped_column(enum_column(ContactKind, "contact_kind", 24))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    buurt_code: Mapped[str | None] = mapped_column(String(10))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    retain_until: Mapped[date] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Erasing the response erases the contact made from it (``responses.erasure``; the cascade is the backstop).
    source_response_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), unique=True
    )
    follow_up: Mapped[FollowUpStatus | None] = mapped_column(enum_column(FollowUpStatus, "contact_follow_up"))

    organisation: Mapped[Organisation | None] = relationship()
    consents: Mapped[list[ConsentRecord]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ConsentRecord.given_at"
    )


class ConsentRecord(Base):
    """What a contact agreed to, when, and who recorded it."""

    __tablename__ = "consent_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(200))  # e.g. "be invited to sessions", "receive the newsletter"
    given_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    contact: Mapped[Contact] = relationship(back_populates="consents")
    recorded_by: Mapped[StaffUser | None] = relationship()
