"""What background tasks leave for the pages: the last runs of the emerging-theme clustering and prepared report
PDFs. Both can always be made again; they are kept so that a page answers at once instead of computing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from participation.models.base import Base, UTCDateTime, utcnow


class EmergingThemeRun(Base):
    """One run of the clustering of texts that fit no theme. ``candidates`` holds, per cluster, its top words, its
    size and the texts nearest its centre as (subject type, subject id): the texts themselves stay where they are,
    so a text that is erased disappears from the page too."""

    __tablename__ = "emerging_theme_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    seconds: Mapped[float] = mapped_column(Float)
    unfitting: Mapped[int] = mapped_column(Integer)
    candidates: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class PreparedReport(Base):
    """A yearly report PDF made in the background: one per year, language and suppression, replaced when it is
    prepared again. ``finished_at`` is empty while it is being made."""

    __tablename__ = "prepared_report"
    __table_args__ = (UniqueConstraint("year", "language", "suppressed", name="uq_prepared_report_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8))
    suppressed: Mapped[bool] = mapped_column(Boolean)
    threshold: Mapped[int] = mapped_column(Integer)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failed: Mapped[bool] = mapped_column(Boolean, default=False)
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
