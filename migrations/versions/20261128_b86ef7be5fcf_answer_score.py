"""Answers carry a numeric score where they have one, so indicator means are computed in SQL.

Revision ID: b86ef7be5fcf
Revises: 4c772dae4f72
Create Date: 2026-11-28

Reviewed by hand: one nullable column. Answers stored before this revision get their score from
`flask indicators rescore`, which reads the survey definitions; a migration cannot, as it must not import the app.
"""

import sqlalchemy as sa
from alembic import op

revision = "b86ef7be5fcf"
down_revision = "4c772dae4f72"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("answer") as batch_op:
        batch_op.add_column(sa.Column("score", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("answer") as batch_op:
        batch_op.drop_column("score")
