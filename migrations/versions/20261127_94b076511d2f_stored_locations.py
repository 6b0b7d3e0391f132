"""Stored locations: a point (exact only with consent, else its block's centre) and the codes it was geocoded to.

Revision ID: 94b076511d2f
Revises: 2df1389d1daf
Create Date: 2026-11-27 23:32:48

Reviewed by hand: a new table only, so upgrading a database of the previous revision needs no data step.
"""

import sqlalchemy as sa
from alembic import op

revision = "94b076511d2f"
down_revision = "2df1389d1daf"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stored_location",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column(
            "precision",
            sa.Enum(
                "exact",
                "block",
                "street",
                "buurt",
                name="location_precision",
                native_enum=False,
                create_constraint=True,
                length=8,
            ),
            nullable=False,
        ),
        sa.Column("inside", sa.Boolean(), nullable=False),
        sa.Column("boundary_year", sa.Integer(), nullable=False),
        sa.Column("wijk_code", sa.String(length=10), nullable=True),
        sa.Column("buurt_code", sa.String(length=10), nullable=True),
        sa.Column("block_id", sa.String(length=16), nullable=True),
        sa.Column("street_name", sa.String(length=200), nullable=True),
        sa.Column("in_focus_area", sa.Boolean(), nullable=False),
        sa.Column("geocoded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_location")),
    )
    op.create_index(op.f("ix_stored_location_block_id"), "stored_location", ["block_id"], unique=False)
    op.create_index(op.f("ix_stored_location_boundary_year"), "stored_location", ["boundary_year"], unique=False)
    op.create_index(op.f("ix_stored_location_buurt_code"), "stored_location", ["buurt_code"], unique=False)
    op.create_index(op.f("ix_stored_location_wijk_code"), "stored_location", ["wijk_code"], unique=False)


def downgrade() -> None:
    op.drop_table("stored_location")
