"""Programme input (efforts per area and theme, with evidence), indicator reference values, population counts.

Revision ID: 4c772dae4f72
Revises: d2b7a0cca12a
Create Date: 2026-11-28

Reviewed by hand: new tables only; timestamps are timezone-aware; enums are VARCHAR with named CHECK constraints.
"""

import sqlalchemy as sa
from alembic import op

revision = "4c772dae4f72"
down_revision = "d2b7a0cca12a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_reference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("area_code", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Double(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_reference")),
        sa.UniqueConstraint("indicator", "area_code", "year", name="uq_indicator_reference_key"),
    )
    op.create_table(
        "population_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buurt_code", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("age_band", sa.String(length=16), nullable=False),
        sa.Column("sex", sa.String(length=8), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_population_count")),
        sa.UniqueConstraint("buurt_code", "year", "age_band", "sex", name="uq_population_count_cell"),
    )
    with op.batch_alter_table("population_count", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_population_count_buurt_code"), ["buurt_code"], unique=False)

    op.create_table(
        "programme_input",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wijk_code", sa.String(length=10), nullable=False),
        sa.Column("buurt_code", sa.String(length=10), nullable=True),
        sa.Column("street_name", sa.String(length=200), nullable=True),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("residents_said", sa.Text(), nullable=False),
        sa.Column("proposed_effort", sa.Text(), nullable=False),
        sa.Column(
            "priority",
            sa.Enum(
                "high", "medium", "low", name="input_priority", native_enum=False, create_constraint=True, length=8
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "adopted",
                "in_progress",
                "done",
                name="input_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("public_texts", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_user.id"],
            name=op.f("fk_programme_input_created_by_id_staff_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["theme_id"], ["theme.id"], name=op.f("fk_programme_input_theme_id_theme")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_input")),
    )
    with op.batch_alter_table("programme_input", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programme_input_buurt_code"), ["buurt_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_programme_input_theme_id"), ["theme_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_programme_input_wijk_code"), ["wijk_code"], unique=False)

    op.create_table(
        "input_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_input_id", sa.Integer(), nullable=False),
        sa.Column(
            "subject_type",
            sa.Enum(
                "answer",
                "conversation",
                "activity",
                name="evidence_subject_type",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("quote_consent", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_input_id"],
            ["programme_input.id"],
            name=op.f("fk_input_evidence_programme_input_id_programme_input"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_input_evidence")),
        sa.UniqueConstraint("programme_input_id", "subject_type", "subject_id", name="uq_input_evidence_subject"),
    )
    with op.batch_alter_table("input_evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_input_evidence_programme_input_id"), ["programme_input_id"], unique=False)


def downgrade() -> None:
    for table in ("input_evidence", "programme_input", "indicator_reference", "population_count"):
        op.drop_table(table)
