"""Target values of the programme's operational goals: indicator_target.

Revision ID: c4d2a7e91f03
Revises: d3e70a5c2b19
Create Date: 2026-12-07

Reviewed by hand: one new table, no data to move. One target per indicator, area and year; the staff member who
set it is kept (SET NULL when the account goes); pillar and goal are the programme's numbers (1-5, 1-10).
"""

import sqlalchemy as sa
from alembic import op

revision = "c4d2a7e91f03"
down_revision = "d3e70a5c2b19"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("area_code", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Double(), nullable=False),
        sa.Column("pillar", sa.Integer(), nullable=True),
        sa.Column("goal", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("set_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_by_id"],
            ["staff_user.id"],
            name=op.f("fk_indicator_target_set_by_id_staff_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_target")),
        sa.UniqueConstraint("indicator", "area_code", "year", name="uq_indicator_target_key"),
    )


def downgrade() -> None:
    op.drop_table("indicator_target")
