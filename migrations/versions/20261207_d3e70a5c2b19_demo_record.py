"""The register of demo rows: demo_record(table_name, row_id).

Revision ID: d3e70a5c2b19
Revises: 3b8e1f6a9c42
Create Date: 2026-12-07

Reviewed by hand: a new table with no foreign keys (it names rows of many tables by table and id), so dropping it
leaves everything else as it was.
"""

import sqlalchemy as sa
from alembic import op

revision = "d3e70a5c2b19"
down_revision = "3b8e1f6a9c42"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "demo_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demo_record")),
        sa.UniqueConstraint("table_name", "row_id", name="uq_demo_record_table_row"),
    )


def downgrade() -> None:
    op.drop_table("demo_record")
