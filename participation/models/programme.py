"""Input for the implementation programme: efforts per area and theme with the evidence behind them."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.models.base import Base, UTCDateTime, enum_column, utcnow
from participation.models.staff import StaffUser
from participation.models.themes import SubjectType, Theme


class Priority(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class InputStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ADOPTED = "adopted"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class ProgrammeInput(Base):
    """One proposed effort (inzet) for the implementation programme, in one area, on one theme."""

    __tablename__ = "programme_input"

    id: Mapped[int] = mapped_column(primary_key=True)
    wijk_code: Mapped[str] = mapped_column(String(10), index=True)
    buurt_code: Mapped[str | None] = mapped_column(String(10), index=True)
    street_name: Mapped[str | None] = mapped_column(String(200))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    residents_said: Mapped[str] = mapped_column(Text, default="")  # the analyst's summary of what residents said
    proposed_effort: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[Priority] = mapped_column(enum_column(Priority, "input_priority", 8), default=Priority.MEDIUM)
    status: Mapped[InputStatus] = mapped_column(enum_column(InputStatus, "input_status"), default=InputStatus.PROPOSED)
    # What residents read on the public "you said, we did" page, per language (language code -> text).
    public_texts: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    theme: Mapped[Theme] = relationship()
    created_by: Mapped[StaffUser | None] = relationship()
    evidence: Mapped[list[InputEvidence]] = relationship(
        back_populates="programme_input", cascade="all, delete-orphan", order_by="InputEvidence.id"
    )


class InputEvidence(Base):
    """A response, conversation or activity that supports a programme input, optionally with a quote from it."""

    __tablename__ = "input_evidence"
    __table_args__ = (
        UniqueConstraint("programme_input_id", "subject_type", "subject_id", name="uq_input_evidence_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_input_id: Mapped[int] = mapped_column(ForeignKey("programme_input.id", ondelete="CASCADE"), index=True)
    subject_type: Mapped[SubjectType] = mapped_column(enum_column(SubjectType, "evidence_subject_type"))
    # None once the source was erased at the resident's request (see ``erased_at``).
    subject_id: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")
    # Quotes reach the public page only when the person agreed to being quoted (survey consent or recorded).
    quote_consent: Mapped[bool] = mapped_column(default=False)
    # When the resident erased the source: the quote is blanked and the link dropped, and documents say that a
    # source was removed at the resident's request rather than silently showing fewer.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    programme_input: Mapped[ProgrammeInput] = relationship(back_populates="evidence")


class IndicatorReference(Base):
    """A reference value of an indicator for an area and year, e.g. the Dordrecht average (Dordts gemiddelde)."""

    __tablename__ = "indicator_reference"
    __table_args__ = (UniqueConstraint("indicator", "area_code", "year", name="uq_indicator_reference_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str] = mapped_column(String(64))
    area_code: Mapped[str] = mapped_column(String(10))  # GM0505 for the municipality as a whole
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float]
    source: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class PopulationCount(Base):
    """Residents of a buurt in one year by age band and sex (CBS key figures), for response rates and weights."""

    __tablename__ = "population_count"
    __table_args__ = (UniqueConstraint("buurt_code", "year", "age_band", "sex", name="uq_population_count_cell"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    buurt_code: Mapped[str] = mapped_column(String(10), index=True)
    year: Mapped[int] = mapped_column(Integer)
    age_band: Mapped[str] = mapped_column(String(16))  # e.g. "0_14", "15_24", "25_44", "45_64", "65_plus"
    sex: Mapped[str] = mapped_column(String(8))  # "f", "m" or "all"
    count: Mapped[int] = mapped_column(Integer)


class IndicatorTarget(Base):
    """A target value of the programme's operational goals: what an indicator should reach in an area by a year.

    ``area_code`` is ``focus_area`` for the focus area as a whole (as the indicator means name it) or a wijk code;
    ``pillar`` and ``goal`` say which pillar and strategic goal the target serves, where the bureau says so."""

    __tablename__ = "indicator_target"
    __table_args__ = (UniqueConstraint("indicator", "area_code", "year", name="uq_indicator_target_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str] = mapped_column(String(64))
    area_code: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float]
    pillar: Mapped[int | None] = mapped_column(Integer)
    goal: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(500), default="")
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    set_by: Mapped[StaffUser | None] = relationship()
