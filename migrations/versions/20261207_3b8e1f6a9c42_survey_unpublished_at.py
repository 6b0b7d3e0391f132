"""A survey can be taken off line: survey.unpublished_at.

Revision ID: 3b8e1f6a9c42
Revises: 3f9c1d2e8a71
Create Date: 2026-12-07

Reviewed by hand: one nullable column, no data to move. Every existing survey stays on line (NULL).
"""

import sqlalchemy as sa
from alembic import op

revision = "3b8e1f6a9c42"
down_revision = "3f9c1d2e8a71"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("survey", sa.Column("unpublished_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can): a batch rebuild would drop the survey table, which the versions and
    # responses that refer to it do not allow.
    op.drop_column("survey", "unpublished_at")
