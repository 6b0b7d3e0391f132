"""What background tasks leave for the pages: emerging_theme_run and prepared_report.

Revision ID: 5d2a8c61f4e3
Revises: c4d2a7e91f03
Create Date: 2026-12-07

Reviewed by hand: two new tables, nothing referring to them, no data to move.
"""

import sqlalchemy as sa
from alembic import op

revision = "5d2a8c61f4e3"
down_revision = "c4d2a7e91f03"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "emerging_theme_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("unfitting", sa.Integer(), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emerging_theme_run")),
    )
    op.create_index(op.f("ix_emerging_theme_run_finished_at"), "emerging_theme_run", ["finished_at"])
    op.create_table(
        "prepared_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("suppressed", sa.Boolean(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed", sa.Boolean(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["staff_user.id"],
            name=op.f("fk_prepared_report_requested_by_id_staff_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prepared_report")),
        sa.UniqueConstraint("year", "language", "suppressed", name="uq_prepared_report_kind"),
    )


def downgrade() -> None:
    op.drop_table("prepared_report")
    op.drop_index(op.f("ix_emerging_theme_run_finished_at"), table_name="emerging_theme_run")
    op.drop_table("emerging_theme_run")
