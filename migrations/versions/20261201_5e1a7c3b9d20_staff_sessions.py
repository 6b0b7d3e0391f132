"""Server-side staff sessions replace the per-account session token.

Revision ID: 5e1a7c3b9d20
Revises: 9edbe7b06381
Create Date: 2026-12-01

Reviewed by hand: a new table, and staff_user.session_token goes. Every browser signed in before this revision is
signed out by it (its cookie names no server-side session), which is what a security release should do anyway.
The downgrade gives each account a fresh token, which also signs everyone out.
"""

import sqlalchemy as sa
from alembic import op

revision = "5e1a7c3b9d20"
down_revision = "9edbe7b06381"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_user_id"], ["staff_user.id"], name=op.f("fk_staff_session_staff_user_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_session")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_staff_session_token_digest")),
    )
    op.create_index(op.f("ix_staff_session_staff_user_id"), "staff_session", ["staff_user_id"], unique=False)
    with op.batch_alter_table("staff_user") as batch_op:
        batch_op.drop_column("session_token")


def downgrade() -> None:
    with op.batch_alter_table("staff_user") as batch_op:
        batch_op.add_column(sa.Column("session_token", sa.String(length=64), nullable=True))
    # Any value the old code never handed out will do: it signs every browser out.
    op.execute("UPDATE staff_user SET session_token = 'downgraded-' || CAST(id AS VARCHAR(20))")
    with op.batch_alter_table("staff_user") as batch_op:
        batch_op.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)
    op.drop_index(op.f("ix_staff_session_staff_user_id"), table_name="staff_session")
    op.drop_table("staff_session")
