"""Running sums per buurt, year and age band behind the dashboard (indicator and response tallies).

Revision ID: 9edbe7b06381
Revises: b86ef7be5fcf
Create Date: 2026-11-28

Reviewed by hand: new tables only. They start empty; `flask indicators rebuild-tallies` fills them from the
answers of a database that already has responses (a migration must not import the app to do it).
"""

import sqlalchemy as sa
from alembic import op

revision = "9edbe7b06381"
down_revision = "b86ef7be5fcf"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_version_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=80), nullable=False),
        sa.Column("buurt_code", sa.String(length=10), nullable=False),
        sa.Column("wijk_code", sa.String(length=10), nullable=False),
        sa.Column("in_focus_area", sa.Boolean(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("age_band", sa.String(length=16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("squares", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_tally")),
        sa.UniqueConstraint(
            "survey_version_id", "question_id", "buurt_code", "year", "age_band", name="uq_indicator_tally_cell"
        ),
    )
    op.create_table(
        "response_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buurt_code", sa.String(length=10), nullable=False),
        sa.Column("wijk_code", sa.String(length=10), nullable=False),
        sa.Column("in_focus_area", sa.Boolean(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("age_band", sa.String(length=16), nullable=False),
        sa.Column("responses", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_tally")),
        sa.UniqueConstraint("buurt_code", "year", "age_band", name="uq_response_tally_cell"),
    )


def downgrade() -> None:
    op.drop_table("response_tally")
    op.drop_table("indicator_tally")
