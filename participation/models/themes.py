"""The codebook: themes mapped to the programme's pillars and strategic goals, and the codings that link texts
(survey answers, conversation notes, activities) to themes."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Enum, Float, ForeignKey, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.models.base import Base, UTCDateTime, enum_values, utcnow
from participation.models.staff import StaffUser


class Pillar(enum.IntEnum):
    """The five programme pillars (programmapijlers), numbered as in the council letter."""

    HOUSING_AND_ENVIRONMENT = 1
    HEALTH_AND_LIVING_TOGETHER = 2
    LEARNING_AND_DEVELOPMENT = 3
    WORK_AND_INCOME = 4
    LIVEABLE_AND_SAFE = 5


STRATEGIC_GOALS = range(1, 11)  # the ten strategic goals, numbered as in the council letter


class Theme(Base):
    """A theme residents raise, e.g. litter or loneliness; merged themes point to the theme that absorbed them."""

    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    label_nl: Mapped[str] = mapped_column(String(120))
    label_en: Mapped[str] = mapped_column(String(120))
    # The label in every further language (tr, ar, pl, bg, ...) by language code; Dutch and English are the columns
    # above, which the staff pages sort by.
    labels: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # What the theme covers, one sentence per language code.
    descriptions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    pillar: Mapped[int] = mapped_column(Integer)
    goals: Mapped[list[int]] = mapped_column(JSON, default=list)
    # Words per language that point at this theme, used by the suggestions (language code -> words).
    keywords: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Goes up by one with every UPDATE of the row, by any path (ORM or Core), so that a task consumer can tell
    # whether its suggestion model is stale from one aggregate instead of reading every theme's keywords.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0", onupdate=text("revision + 1"))

    merged_into: Mapped[Theme | None] = relationship(remote_side="Theme.id")

    def label(self, language: str) -> str:
        """The label in ``language``; in Dutch, then English, only when that one is missing."""
        own = {"nl": self.label_nl, "en": self.label_en}.get(language) or (self.labels or {}).get(language)
        return own or self.label_nl or self.label_en

    def description(self, language: str) -> str:
        """What the theme covers in ``language``; in Dutch, then English, when that one is missing; else ""."""
        descriptions = self.descriptions or {}
        return descriptions.get(language) or descriptions.get("nl") or descriptions.get("en") or ""


class CodingOrigin(enum.StrEnum):
    PROFESSIONAL = "professional"  # chosen by the professional who logged the conversation or activity
    SUGGESTION = "suggestion"  # proposed by the suggestion engine, waiting for an analyst
    ANALYST = "analyst"  # added or confirmed by an analyst


class CodingStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class SubjectType(enum.StrEnum):
    """What kind of text a coding is about."""

    ANSWER = "answer"
    CONVERSATION = "conversation"
    ACTIVITY = "activity"


class ThemeCoding(Base):
    """One theme on one text. A second analyst's independent coding of a sample has ``double_code`` set."""

    __tablename__ = "theme_coding"
    __table_args__ = (
        UniqueConstraint(
            "subject_type", "subject_id", "theme_id", "coded_by_id", "double_code", name="uq_theme_coding_unique"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    subject_type: Mapped[SubjectType] = mapped_column(
        Enum(
            SubjectType,
            native_enum=False,
            create_constraint=True,
            name="subject_type",
            values_callable=enum_values,
            length=16,
        )
    )
    subject_id: Mapped[int] = mapped_column(Integer, index=True)
    origin: Mapped[CodingOrigin] = mapped_column(
        Enum(
            CodingOrigin,
            native_enum=False,
            create_constraint=True,
            name="coding_origin",
            values_callable=enum_values,
            length=16,
        )
    )
    status: Mapped[CodingStatus] = mapped_column(
        Enum(
            CodingStatus,
            native_enum=False,
            create_constraint=True,
            name="coding_status",
            values_callable=enum_values,
            length=16,
        )
    )
    confidence: Mapped[float | None] = mapped_column(Float)
    double_code: Mapped[bool] = mapped_column(Boolean, default=False)
    coded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    theme: Mapped[Theme] = relationship()
    coded_by: Mapped[StaffUser | None] = relationship()
