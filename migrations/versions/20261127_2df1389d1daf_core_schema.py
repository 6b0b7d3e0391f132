"""Core schema: CBS areas per boundary year, the focus area, organisations and staff, the audit log.

Revision ID: 2df1389d1daf
Revises:
Create Date: 2026-11-27 23:25:01

Reviewed by hand: timestamps are plain timezone-aware DateTime columns (the app's UTCDateTime only normalises
values in Python), enums are VARCHAR with a named CHECK constraint so that SQLite and PostgreSQL agree.
"""

import sqlalchemy as sa
from alembic import op

revision = "2df1389d1daf"
down_revision = None
branch_labels = None
depends_on = None

ORGANISATION_KINDS = (
    "municipality",
    "housing_corporation",
    "police",
    "welfare",
    "care",
    "education",
    "programme_bureau",
    "other",
)
ROLES = ("professional", "analyst", "admin")


def upgrade() -> None:
    op.create_table(
        "focus_area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("definition", sa.String(length=2000), nullable=False),
        sa.Column("boundary_year", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_focus_area")),
        sa.UniqueConstraint("name", name=op.f("uq_focus_area_name")),
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                *ORGANISATION_KINDS, name="organisation_kind", native_enum=False, create_constraint=True, length=32
            ),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("name", name=op.f("uq_organisation_name")),
    )
    op.create_table(
        "wijk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("municipality_code", sa.String(length=6), nullable=False),
        sa.Column("boundary_year", sa.Integer(), nullable=False),
        sa.Column("geometry_geojson", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wijk")),
        sa.UniqueConstraint("code", "boundary_year", name="uq_wijk_code_year"),
    )
    op.create_index(op.f("ix_wijk_code"), "wijk", ["code"], unique=False)

    op.create_table(
        "buurt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("wijk_id", sa.Integer(), nullable=False),
        sa.Column("boundary_year", sa.Integer(), nullable=False),
        sa.Column("geometry_geojson", sa.Text(), nullable=False),
        sa.Column("in_focus_area", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["wijk_id"], ["wijk.id"], name=op.f("fk_buurt_wijk_id_wijk"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buurt")),
        sa.UniqueConstraint("code", "boundary_year", name="uq_buurt_code_year"),
    )
    op.create_index(op.f("ix_buurt_code"), "buurt", ["code"], unique=False)
    op.create_index(op.f("ix_buurt_wijk_id"), "buurt", ["wijk_id"], unique=False)

    op.create_table(
        "staff_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column(
            "role", sa.Enum(*ROLES, name="role", native_enum=False, create_constraint=True, length=16), nullable=False
        ),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("session_token", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_staff_user_organisation_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_user")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_user_email")),
    )
    op.create_index(op.f("ix_staff_user_organisation_id"), "staff_user", ["organisation_id"], unique=False)

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject_type", sa.String(length=64), nullable=True),
        sa.Column("subject_id", sa.String(length=64), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["staff_user.id"], name=op.f("fk_audit_event_actor_id_staff_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index(op.f("ix_audit_event_action"), "audit_event", ["action"], unique=False)
    op.create_index(op.f("ix_audit_event_actor_id"), "audit_event", ["actor_id"], unique=False)
    op.create_index(op.f("ix_audit_event_occurred_at"), "audit_event", ["occurred_at"], unique=False)


def downgrade() -> None:
    op.drop_table("audit_event")
    op.drop_table("staff_user")
    op.drop_table("buurt")
    op.drop_table("wijk")
    op.drop_table("organisation")
    op.drop_table("focus_area")
