"""CBS areas (wijk, buurt) of one boundary year, and the focus area of the programme."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.models.base import Base


class Wijk(Base):
    """A CBS district (code WK0505ww) as drawn in one boundary year."""

    __tablename__ = "wijk"
    __table_args__ = (UniqueConstraint("code", "boundary_year", name="uq_wijk_code_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), index=True)
    name: Mapped[str] = mapped_column(String(120))
    municipality_code: Mapped[str] = mapped_column(String(6))
    boundary_year: Mapped[int] = mapped_column(Integer)
    geometry_geojson: Mapped[str] = mapped_column(Text)

    buurten: Mapped[list[Buurt]] = relationship(back_populates="wijk", order_by="Buurt.code")


class Buurt(Base):
    """A CBS neighbourhood (code BU0505wwbb) as drawn in one boundary year."""

    __tablename__ = "buurt"
    __table_args__ = (UniqueConstraint("code", "boundary_year", name="uq_buurt_code_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), index=True)
    name: Mapped[str] = mapped_column(String(120))
    wijk_id: Mapped[int] = mapped_column(ForeignKey("wijk.id", ondelete="CASCADE"), index=True)
    boundary_year: Mapped[int] = mapped_column(Integer)
    geometry_geojson: Mapped[str] = mapped_column(Text)
    in_focus_area: Mapped[bool] = mapped_column(Boolean, default=False)

    wijk: Mapped[Wijk] = relationship(back_populates="buurten")


class FocusArea(Base):
    """The NPLV focus area this deployment serves; which buurten belong to it is a setting, kept here as data."""

    __tablename__ = "focus_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    definition: Mapped[str] = mapped_column(String(2000))
    boundary_year: Mapped[int] = mapped_column(Integer)
