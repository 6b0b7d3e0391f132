"""Theme texts in every language: labels beyond Dutch and English, and a description per language.

Revision ID: 7c2f9d04e1b8
Revises: 3b8e61f0c2a4
Create Date: 2026-12-07

Reviewed by hand.
- `theme.labels` (JSON, language code -> label) holds the labels in the languages beyond Dutch and English, which
  keep their columns.
- `theme.descriptions` (JSON, language code -> text) replaces `theme.description`. The shipped descriptions were
  English, so each one becomes the English description; `flask content load` then brings in the other languages
  for themes an analyst did not change.
The downgrade keeps one description (English, else Dutch) and loses the others and the further labels.
"""

import sqlalchemy as sa
from alembic import op

revision = "7c2f9d04e1b8"
down_revision = "3b8e61f0c2a4"
branch_labels = None
depends_on = None


def _themes(*columns: sa.ColumnClause[object]) -> sa.TableClause:
    return sa.table("theme", sa.column("id", sa.Integer()), *columns)


def upgrade() -> None:
    with op.batch_alter_table("theme") as batch_op:
        batch_op.add_column(sa.Column("labels", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("descriptions", sa.JSON(), nullable=True))
    connection = op.get_bind()
    theme = _themes(
        sa.column("description", sa.Text()), sa.column("labels", sa.JSON()), sa.column("descriptions", sa.JSON())
    )
    for theme_id, description in connection.execute(sa.select(theme.c.id, theme.c.description)).all():
        connection.execute(
            theme.update()
            .where(theme.c.id == theme_id)
            .values(labels={}, descriptions={"en": description} if description else {})
        )
    with op.batch_alter_table("theme") as batch_op:
        batch_op.alter_column("labels", existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column("descriptions", existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column("description")


def downgrade() -> None:
    with op.batch_alter_table("theme") as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))
    connection = op.get_bind()
    theme = _themes(sa.column("description", sa.Text()), sa.column("descriptions", sa.JSON()))
    for theme_id, descriptions in connection.execute(sa.select(theme.c.id, theme.c.descriptions)).all():
        kept = (descriptions or {}).get("en") or (descriptions or {}).get("nl") or ""
        connection.execute(theme.update().where(theme.c.id == theme_id).values(description=kept))
    with op.batch_alter_table("theme") as batch_op:
        batch_op.alter_column("description", existing_type=sa.Text(), server_default=None)
        batch_op.drop_column("descriptions")
        batch_op.drop_column("labels")
