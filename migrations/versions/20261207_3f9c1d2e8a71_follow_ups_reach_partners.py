"""Follow-ups reach a partner organisation from the register; admins can force a password change.

Revision ID: 3f9c1d2e8a71
Revises: 7c2f9d04e1b8
Create Date: 2026-12-07

Reviewed by hand.
- `organisation.receives_follow_ups`: every organisation that exists is a partner a follow-up can go to (the
  register is seeded with them); admins take one off the list on /admin/organisations.
- `follow_up_signal.partner` (free text) gives way to `partner_organisation_id`. Existing follow-ups keep their
  text as `status_note` and have no partner organisation: nothing guesses which organisation a typed name meant.
  The downgrade writes the note back as the partner's name (or the organisation's name where one was chosen).
- `follow_up_signal.status` gains `in_progress` and `declined` (the CHECK constraint is rebuilt, the column widens
  to 16); the downgrade maps them to `open` and `done`.
- `staff_user.must_change_password`, false for every existing account.
The two flags keep their server defaults (as the models declare them): on SQLite, dropping a default rebuilds the
table, which the foreign keys that point at `organisation` and `staff_user` do not allow.
"""

import sqlalchemy as sa
from alembic import op

revision = "3f9c1d2e8a71"
down_revision = "7c2f9d04e1b8"
branch_labels = None
depends_on = None

OLD_STATUS = sa.Enum("open", "done", name="signal_status", native_enum=False, create_constraint=True, length=8)
NEW_STATUS = sa.Enum(
    *("open", "in_progress", "done", "declined"),
    name="signal_status",
    native_enum=False,
    create_constraint=True,
    length=16,
)


def upgrade() -> None:
    op.add_column(
        "organisation", sa.Column("receives_follow_ups", sa.Boolean(), nullable=False, server_default=sa.true())
    )

    op.add_column(
        "staff_user", sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false())
    )

    with op.batch_alter_table("follow_up_signal") as batch_op:
        batch_op.add_column(sa.Column("partner_organisation_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("status_note", sa.String(length=500), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("status_changed_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_follow_up_signal_partner_organisation_id_organisation",
            "organisation",
            ["partner_organisation_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            "fk_follow_up_signal_status_changed_by_id_staff_user",
            "staff_user",
            ["status_changed_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index("ix_follow_up_signal_partner_organisation_id", ["partner_organisation_id"])
        batch_op.alter_column("status", existing_type=OLD_STATUS, type_=NEW_STATUS, existing_nullable=False)
    op.execute("UPDATE follow_up_signal SET status_note = partner")
    with op.batch_alter_table("follow_up_signal") as batch_op:
        batch_op.alter_column("status_note", existing_type=sa.String(length=500), server_default=None)
        batch_op.drop_column("partner")


def downgrade() -> None:
    with op.batch_alter_table("follow_up_signal") as batch_op:
        batch_op.add_column(sa.Column("partner", sa.String(length=200), nullable=False, server_default=""))
    op.execute(
        "UPDATE follow_up_signal SET partner = COALESCE("
        "(SELECT organisation.name FROM organisation WHERE organisation.id = follow_up_signal.partner_organisation_id),"
        " SUBSTR(status_note, 1, 200))"
    )
    op.execute("UPDATE follow_up_signal SET status = 'open' WHERE status = 'in_progress'")
    op.execute("UPDATE follow_up_signal SET status = 'done' WHERE status = 'declined'")
    with op.batch_alter_table("follow_up_signal") as batch_op:
        batch_op.alter_column("partner", existing_type=sa.String(length=200), server_default=None)
        batch_op.alter_column("status", existing_type=NEW_STATUS, type_=OLD_STATUS, existing_nullable=False)
        batch_op.drop_index("ix_follow_up_signal_partner_organisation_id")
        batch_op.drop_constraint("fk_follow_up_signal_status_changed_by_id_staff_user", type_="foreignkey")
        batch_op.drop_constraint("fk_follow_up_signal_partner_organisation_id_organisation", type_="foreignkey")
        batch_op.drop_column("status_changed_by_id")
        batch_op.drop_column("status_changed_at")
        batch_op.drop_column("status_note")
        batch_op.drop_column("partner_organisation_id")
    # Not in batch mode: SQLite (3.35 and later) drops a column in place, where a rebuilt table would break the
    # foreign keys that point at it.
    op.drop_column("staff_user", "must_change_password")
    op.drop_column("organisation", "receives_follow_ups")
