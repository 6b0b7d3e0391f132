"""Response tallies per survey version and quarter, so the dashboard's reach per line reads them, not the responses.

Revision ID: 8e4b2c7d1a95
Revises: 5d2a8c61f4e3
Create Date: 2026-12-07

Reviewed by hand: response_tally gains survey_version_id and quarter, and its cell key both. Its rows cannot be
split by version and quarter after the fact, so the table is emptied and summed again from the responses here, in
the migration (as `flask indicators rebuild-tallies` would, without importing the app): the dashboard is right the
moment the upgrade ends. The age bands are copied as they are today (survey answer -> CBS band). Downgrading sums
the rows back to the old key.
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "8e4b2c7d1a95"
down_revision = "5d2a8c61f4e3"
branch_labels = None
depends_on = None

# participation.surveys.age_bands.POPULATION_BANDS as answers hold them, on the day of this migration.
POPULATION_BANDS = {"age_18_24": "15_24", "age_25_44": "25_44", "age_45_64": "45_64", "age_65_plus": "65_plus"}

tally = sa.table(
    "response_tally",
    sa.column("survey_version_id", sa.Integer),
    sa.column("buurt_code", sa.String),
    sa.column("wijk_code", sa.String),
    sa.column("in_focus_area", sa.Boolean),
    sa.column("year", sa.Integer),
    sa.column("quarter", sa.Integer),
    sa.column("age_band", sa.String),
    sa.column("responses", sa.Integer),
)
response = sa.table(
    "survey_response",
    sa.column("id", sa.Integer),
    sa.column("survey_version_id", sa.Integer),
    sa.column("location_id", sa.Integer),
    sa.column("submitted_at", sa.DateTime),
)
location = sa.table(
    "stored_location",
    sa.column("id", sa.Integer),
    sa.column("inside", sa.Boolean),
    sa.column("buurt_code", sa.String),
    sa.column("wijk_code", sa.String),
    sa.column("in_focus_area", sa.Boolean),
)
# The table as it was before this migration, for the downgrade.
old_tally = sa.table(
    "response_tally",
    sa.column("buurt_code", sa.String),
    sa.column("wijk_code", sa.String),
    sa.column("in_focus_area", sa.Boolean),
    sa.column("year", sa.Integer),
    sa.column("age_band", sa.String),
    sa.column("responses", sa.Integer),
)
answer = sa.table(
    "answer", sa.column("response_id", sa.Integer), sa.column("question_id", sa.String), sa.column("value", sa.JSON)
)


def _band(value: object) -> str:
    return POPULATION_BANDS.get(value.strip('"'), "") if isinstance(value, str) else ""


def upgrade() -> None:
    op.execute(tally.delete())
    with op.batch_alter_table("response_tally") as batch:
        batch.add_column(sa.Column("survey_version_id", sa.Integer(), nullable=False))
        batch.add_column(sa.Column("quarter", sa.Integer(), nullable=False))
        batch.drop_constraint("uq_response_tally_cell", type_="unique")
        batch.create_unique_constraint(
            "uq_response_tally_cell", ["survey_version_id", "buurt_code", "year", "quarter", "age_band"]
        )
    age = answer.alias("age")
    year = sa.extract("year", response.c.submitted_at)
    month = sa.extract("month", response.c.submitted_at)
    band = sa.cast(age.c.value, sa.String)
    groups = (response.c.survey_version_id, location.c.buurt_code, location.c.wijk_code, location.c.in_focus_area,
              year, month, band)  # fmt: skip
    rows = op.get_bind().execute(
        sa.select(*groups, sa.func.count())
        .select_from(response)
        .join(location, location.c.id == response.c.location_id)
        .outerjoin(age, (age.c.response_id == response.c.id) & (age.c.question_id == "age_group"))
        .where(location.c.inside, location.c.buurt_code.is_not(None), location.c.wijk_code.is_not(None))
        .group_by(*groups)
    )
    cells: dict[tuple[int, str, int, int, str], dict[str, Any]] = {}
    for version_id, buurt, wijk, focus, year_value, month_value, band_value, count in rows:
        key = (int(version_id), str(buurt), int(year_value), (int(month_value) - 1) // 3 + 1, _band(band_value))
        cell = cells.setdefault(key, {
            "survey_version_id": key[0], "buurt_code": key[1], "wijk_code": wijk, "in_focus_area": bool(focus),
            "year": key[2], "quarter": key[3], "age_band": key[4], "responses": 0,
        })  # fmt: skip
        cell["responses"] += int(count)
    if cells:
        op.bulk_insert(tally, list(cells.values()))


def downgrade() -> None:
    rows = op.get_bind().execute(
        sa.select(tally.c.buurt_code, tally.c.wijk_code, tally.c.in_focus_area, tally.c.year, tally.c.age_band,
                  sa.func.sum(tally.c.responses))
        .group_by(tally.c.buurt_code, tally.c.wijk_code, tally.c.in_focus_area, tally.c.year, tally.c.age_band)
    ).all()  # fmt: skip
    op.execute(tally.delete())
    with op.batch_alter_table("response_tally") as batch:
        batch.drop_constraint("uq_response_tally_cell", type_="unique")
        batch.drop_column("quarter")
        batch.drop_column("survey_version_id")
        batch.create_unique_constraint("uq_response_tally_cell", ["buurt_code", "year", "age_band"])
    totals = [
        {"buurt_code": buurt, "wijk_code": wijk, "in_focus_area": bool(focus), "year": int(year_value),
         "age_band": band_value, "responses": int(responses)}
        for buurt, wijk, focus, year_value, band_value, responses in rows
    ]  # fmt: skip
    if totals:
        op.bulk_insert(old_tally, totals)
