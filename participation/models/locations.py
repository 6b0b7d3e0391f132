"""Where a response, conversation or activity took place, as geocoded: the codes are kept with the point."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, Enum, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from participation.models.base import Base, UTCDateTime, enum_values, utcnow


class LocationPrecision(enum.StrEnum):
    """How exact the stored point is. Only a person's consent allows ``exact``."""

    EXACT = "exact"
    BLOCK = "block"  # the centre of the CBS 100 m block that holds the point
    STREET = "street"  # a street chosen from a list: codes only, no point of the person's own
    BUURT = "buurt"  # a buurt chosen from a list: codes only


class StoredLocation(Base):
    """A point and the areas it was geocoded to, on the boundaries of ``boundary_year``.

    The codes are stored rather than derived on the fly so that figures keep meaning what they meant when the
    boundaries change; ``flask geo regeocode`` moves them to newer boundaries in one batch.
    """

    __tablename__ = "stored_location"

    id: Mapped[int] = mapped_column(primary_key=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[LocationPrecision] = mapped_column(
        Enum(
            LocationPrecision,
            native_enum=False,
            create_constraint=True,
            name="location_precision",
            values_callable=enum_values,
            length=8,
        )
    )
    inside: Mapped[bool] = mapped_column(Boolean)
    boundary_year: Mapped[int] = mapped_column(Integer, index=True)
    wijk_code: Mapped[str | None] = mapped_column(String(10), index=True)
    buurt_code: Mapped[str | None] = mapped_column(String(10), index=True)
    block_id: Mapped[str | None] = mapped_column(String(16), index=True)
    street_name: Mapped[str | None] = mapped_column(String(200))
    in_focus_area: Mapped[bool] = mapped_column(Boolean)
    geocoded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
