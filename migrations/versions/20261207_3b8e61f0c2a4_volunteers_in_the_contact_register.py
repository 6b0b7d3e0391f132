"""Volunteers in the contact register: residents who offer in a survey to take part become contacts.

Revision ID: 3b8e61f0c2a4
Revises: a9e3c5d17b42
Create Date: 2026-12-07

Reviewed by hand.
- `contact.organisation_id` becomes nullable: a contact made from a survey response belongs to the programme,
  not to one organisation.
- `contact.source_response_id` names the response a contact was made from (one contact per response); erasing
  the response erases the contact, and the foreign key cascades as a backstop.
- `contact.follow_up` (`new`, `contacted`) is where the follow-up of such a volunteer stands; NULL for contacts
  a professional registered.
The downgrade deletes the contacts made from responses (with their consents; conversations linked to them lose the
link), which the old schema cannot hold without an organisation.
"""

import sqlalchemy as sa
from alembic import op

revision = "3b8e61f0c2a4"
down_revision = "a9e3c5d17b42"
branch_labels = None
depends_on = None

FOLLOW_UP = ("new", "contacted")


def upgrade() -> None:
    with op.batch_alter_table("contact") as batch_op:
        batch_op.alter_column("organisation_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("source_response_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "follow_up",
                sa.Enum(*FOLLOW_UP, name="contact_follow_up", native_enum=False, create_constraint=True, length=16),
                nullable=True,
            )
        )
        batch_op.create_foreign_key(
            "fk_contact_source_response_id_survey_response",
            "survey_response",
            ["source_response_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_unique_constraint("uq_contact_source_response_id", ["source_response_id"])


def downgrade() -> None:
    # Every contact made from a response, and only those, has no organisation.
    op.execute(
        "UPDATE conversation SET contact_id = NULL"
        " WHERE contact_id IN (SELECT id FROM contact WHERE organisation_id IS NULL)"
    )
    op.execute("DELETE FROM consent_record WHERE contact_id IN (SELECT id FROM contact WHERE organisation_id IS NULL)")
    op.execute("DELETE FROM contact WHERE organisation_id IS NULL")
    with op.batch_alter_table("contact") as batch_op:
        batch_op.drop_constraint("uq_contact_source_response_id", type_="unique")
        batch_op.drop_constraint("fk_contact_source_response_id_survey_response", type_="foreignkey")
        batch_op.drop_constraint("contact_follow_up", type_="check")
        batch_op.drop_column("follow_up")
        batch_op.drop_column("source_response_id")
        batch_op.alter_column("organisation_id", existing_type=sa.Integer(), nullable=False)
