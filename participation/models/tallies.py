"""Running sums behind the dashboard, kept up to date as responses arrive or are erased.

Recomputing means over a million answers on every page view costs most of a second; these tables hold the same
sums per buurt, year and age band (a few thousand rows), so the dashboard reads them instead. They can always be
rebuilt from the answers themselves (``participation.indicators.tallies.rebuild_tallies``).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Float, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from participation.models.base import Base


class IndicatorTally(Base):
    __tablename__ = "indicator_tally"
    __table_args__ = (
        UniqueConstraint(
            "survey_version_id", "question_id", "buurt_code", "year", "age_band", name="uq_indicator_tally_cell"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_version_id: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(String(80))
    buurt_code: Mapped[str] = mapped_column(String(10))
    wijk_code: Mapped[str] = mapped_column(String(10))
    in_focus_area: Mapped[bool] = mapped_column(Boolean)
    year: Mapped[int] = mapped_column(Integer)
    age_band: Mapped[str] = mapped_column(String(16))  # "" when the respondent gave no age
    n: Mapped[int] = mapped_column(Integer)
    total: Mapped[float] = mapped_column(Float)
    squares: Mapped[float] = mapped_column(Float)


class ResponseTally(Base):
    """Responses per survey version, buurt, year, quarter and age band: the response rates sum it over versions and
    quarters, the reach per participation line over buurten and age bands (a version's survey names its line)."""

    __tablename__ = "response_tally"
    __table_args__ = (
        UniqueConstraint(
            "survey_version_id", "buurt_code", "year", "quarter", "age_band", name="uq_response_tally_cell"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_version_id: Mapped[int] = mapped_column(Integer)
    buurt_code: Mapped[str] = mapped_column(String(10))
    wijk_code: Mapped[str] = mapped_column(String(10))
    in_focus_area: Mapped[bool] = mapped_column(Boolean)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)  # 1 to 4
    age_band: Mapped[str] = mapped_column(String(16))
    responses: Mapped[int] = mapped_column(Integer)
