"""A revision number on every theme, raised by each update of the row.

Revision ID: 5b1e9c3a7d20
Revises: 8e4b2c7d1a95
Create Date: 2026-12-08

Reviewed by hand: one NOT NULL column with a server default of 0 that stays (rows made by other paths than the
ORM start at 0 too). The app raises it in the UPDATE statement itself (``revision + 1``); a task consumer compares
one sum of the revisions to tell whether its suggestion model is stale.
"""

import sqlalchemy as sa
from alembic import op

revision = "5b1e9c3a7d20"
down_revision = "8e4b2c7d1a95"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("theme") as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("theme") as batch_op:
        batch_op.drop_column("revision")
