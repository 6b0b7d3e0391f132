"""The register of rows the demo year made, so that ``flask demo clear`` deletes exactly those and nothing else."""

from __future__ import annotations

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from participation.models.base import Base


class DemoRecord(Base):
    """One row of one table that belongs to the demo year (``flask demo load``)."""

    __tablename__ = "demo_record"
    __table_args__ = (UniqueConstraint("table_name", "row_id", name="uq_demo_record_table_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[int] = mapped_column(Integer)
