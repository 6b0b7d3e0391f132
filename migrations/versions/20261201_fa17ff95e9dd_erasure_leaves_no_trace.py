"""Erasure leaves no trace: drafts no longer point at their response, and evidence can be marked as erased.

Revision ID: fa17ff95e9dd
Revises: 5e1a7c3b9d20
Create Date: 2026-12-01

Reviewed by hand.
- A draft is now deleted when it is submitted. Drafts submitted before this revision still hold every answer,
  contact details and the exact point: they are deleted here, and `response_draft.response_id` goes with them.
- Evidence whose source a resident erased keeps its row with the quote blanked, no source id, and `erased_at`,
  so `input_evidence.subject_id` becomes nullable. The downgrade deletes such rows, which the old schema cannot
  hold, and cannot bring the deleted drafts back.
"""

import sqlalchemy as sa
from alembic import op

revision = "fa17ff95e9dd"
down_revision = "5e1a7c3b9d20"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM response_draft WHERE response_id IS NOT NULL")
    with op.batch_alter_table("response_draft") as batch_op:
        batch_op.drop_constraint("fk_response_draft_response_id_survey_response", type_="foreignkey")
        batch_op.drop_column("response_id")
    with op.batch_alter_table("input_evidence") as batch_op:
        batch_op.alter_column("subject_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.execute("DELETE FROM input_evidence WHERE subject_id IS NULL")
    with op.batch_alter_table("input_evidence") as batch_op:
        batch_op.drop_column("erased_at")
        batch_op.alter_column("subject_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("response_draft") as batch_op:
        batch_op.add_column(sa.Column("response_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_response_draft_response_id_survey_response",
            "survey_response",
            ["response_id"],
            ["id"],
            ondelete="SET NULL",
        )
