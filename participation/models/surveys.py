"""Surveys, their immutable published versions, campaigns, drafts in progress and submitted responses."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.models.base import Base, UTCDateTime, enum_column, utcnow
from participation.models.lines import ParticipationLine
from participation.models.locations import StoredLocation
from participation.models.staff import StaffUser


class Survey(Base):
    """A survey by its stable address (slug); what it asks lives in its versions."""

    __tablename__ = "survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    line: Mapped[ParticipationLine] = mapped_column(enum_column(ParticipationLine, "participation_line", 16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set when the survey is taken off line: it leaves the home page and takes no new residents.
    unpublished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    versions: Mapped[list[SurveyVersion]] = relationship(
        back_populates="survey", order_by="SurveyVersion.number", cascade="all, delete-orphan"
    )
    campaigns: Mapped[list[Campaign]] = relationship(back_populates="survey", order_by="Campaign.name")


class SurveyVersion(Base):
    """A published definition. It never changes: an edit publishes a new version, and responses keep theirs."""

    __tablename__ = "survey_version"
    __table_args__ = (UniqueConstraint("survey_id", "number", name="uq_survey_version_survey_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    # Deferred: most reads only need the fingerprint to find the parsed definition in the process cache.
    definition: Mapped[dict[str, Any]] = mapped_column(JSON, deferred=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    survey: Mapped[Survey] = relationship(back_populates="versions")


class CampaignKind(enum.StrEnum):
    FLYER = "flyer"
    QR_AT_PLACE = "qr"
    NEWSLETTER = "newsletter"
    DOOR_TO_DOOR = "door_to_door"
    OTHER = "other"


class Campaign(Base):
    """How residents reached a survey (a flyer, a QR code at a place, ...): recorded with each response."""

    __tablename__ = "campaign"
    __table_args__ = (UniqueConstraint("survey_id", "name", name="uq_campaign_survey_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[CampaignKind] = mapped_column(
        enum_column(CampaignKind, "campaign_kind", 16), default=CampaignKind.OTHER
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    survey: Mapped[Survey] = relationship(back_populates="campaigns")


class ResponseChannel(enum.StrEnum):
    WEB = "web"
    API = "api"
    PAPER = "paper"


class ResponseDraft(Base):
    """Answers saved page by page before submitting; found again by a resume code for a limited time.

    Deleted when submitted: the response keeps what may be kept, and an erased response leaves no draft behind.
    """

    __tablename__ = "response_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id", ondelete="CASCADE"), index=True)
    # Only a hash of the resume code is kept, so the database alone cannot open anyone's draft.
    resume_code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[str] = mapped_column(String(12))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id", ondelete="SET NULL"))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)

    survey_version: Mapped[SurveyVersion] = relationship()
    campaign: Mapped[Campaign | None] = relationship()


class SurveyResponse(Base):
    """One submitted response to one survey version."""

    __tablename__ = "survey_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id"), index=True)
    language: Mapped[str] = mapped_column(String(12))
    channel: Mapped[ResponseChannel] = mapped_column(enum_column(ResponseChannel, "response_channel", 8))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id", ondelete="SET NULL"), index=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("stored_location.id", ondelete="SET NULL"))
    # A client-chosen key (draft or Idempotency-Key) makes a resubmission find the first response, not a second.
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    receipt_code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    survey_version: Mapped[SurveyVersion] = relationship()
    campaign: Mapped[Campaign | None] = relationship()
    location: Mapped[StoredLocation | None] = relationship()
    entered_by: Mapped[StaffUser | None] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="Answer.position"
    )


class Answer(Base):
    """One question's answer, as typed: texts are kept exactly and only ever shown escaped."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("response_id", "question_id", name="uq_answer_response_question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("survey_response.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(80), index=True)
    position: Mapped[int] = mapped_column(Integer)
    value: Mapped[Any] = mapped_column(JSON)
    # The answer as a number where it has one (ratings, scales, yes/no, ordered choices), so that indicator
    # means are sums in SQL rather than JSON parsed row by row.
    score: Mapped[float | None] = mapped_column(Float)

    response: Mapped[SurveyResponse] = relationship(back_populates="answers")
