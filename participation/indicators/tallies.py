"""Keeping the dashboard's running sums (``IndicatorTally``, ``ResponseTally``) in step with the responses.

A submission adds its scores, an erasure takes them off again, and anything that changes answers in bulk (new
boundaries, new scoring) rebuilds the tables from the answers. Adding is an upsert, so concurrent submissions to
the same buurt never lose a count; a submission's upserts are two statements, prepared once per process.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import String, Table, cast, delete, extract, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased
from sqlalchemy.sql.dml import Insert

from participation.indicators.sources import indicator_sources
from participation.models import Answer, IndicatorTally, ResponseTally, StoredLocation, SurveyResponse
from participation.models.base import DbSession
from participation.surveys.age_bands import population_band

# The question whose answer places a respondent in a population band: choice "age_18_24" -> band "15_24".
WEIGHTING_QUESTION = "age_group"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def band_of(value: Any) -> str:
    """The population band of an age answer ("age_18_24" -> "15_24"), or "" when there is none (or under 18)."""
    return population_band(value.strip('"')) if isinstance(value, str) else ""


# The columns that name a cell of each tally: the conflict target of its upsert.
_CELL_KEYS: dict[str, tuple[str, ...]] = {
    ResponseTally.__tablename__: ("survey_version_id", "buurt_code", "year", "quarter", "age_band"),
    IndicatorTally.__tablename__: ("survey_version_id", "question_id", "buurt_code", "year", "age_band"),
}
_AMOUNTS: dict[str, tuple[str, ...]] = {
    ResponseTally.__tablename__: ("responses",),
    IndicatorTally.__tablename__: ("n", "total", "squares"),
}


@cache
def _upsert(dialect: str, table: Table) -> Insert:
    """The statement that adds its parameters' amounts to a cell, creating the cell when it is new.

    Built once per process: every submission runs it, and building it (columns, ``excluded``, conflict target)
    cost more than running it. Its values come as parameters, so one execution takes any number of cells.
    """
    make = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = make(table)
    return statement.on_conflict_do_update(
        index_elements=list(_CELL_KEYS[table.name]),
        set_={name: table.c[name] + statement.excluded[name] for name in _AMOUNTS[table.name]},
    )


def count_response(
    session: DbSession,
    *,
    version_id: int,
    location: StoredLocation | None,
    submitted_at: datetime,
    scores: Iterable[tuple[str, float | None]],
    indicator_questions: frozenset[str],
    age_answer: Any,
    sign: int = 1,
) -> None:
    """Add (sign 1) or take off (sign -1) one response's share of the tallies; flush-free, on the connection.

    Two statements whatever the number of questions: the response's cell, then all its indicator cells at once.
    Cells are taken in the order of their keys, so that two transactions counting into the same cells lock them in
    the same order and wait for each other instead of deadlocking.
    """
    if location is None or not location.inside or not location.buurt_code or not location.wijk_code:
        return
    place = {
        "buurt_code": location.buurt_code,
        "year": submitted_at.year,
        "age_band": band_of(age_answer),
        "wijk_code": location.wijk_code,
        "in_focus_area": location.in_focus_area,
    }
    connection = session.connection()
    dialect = connection.dialect.name
    connection.execute(
        _upsert(dialect, ResponseTally.__table__),
        {**place, "survey_version_id": version_id, "quarter": quarter_of(submitted_at.month), "responses": sign},
    )
    cells = [
        {**place, "survey_version_id": version_id, "question_id": question_id,
         "n": sign, "total": sign * score, "squares": sign * score * score}
        for question_id, score in sorted(scores, key=lambda item: item[0])
        if score is not None and question_id in indicator_questions
    ]  # fmt: skip
    if cells:
        connection.execute(_upsert(dialect, IndicatorTally.__table__), cells)


def rebuild_tallies(session: DbSession) -> None:
    """Throw the tallies away and sum them again from the answers (after regeocoding or rescoring)."""
    session.execute(delete(IndicatorTally))
    session.execute(delete(ResponseTally))
    age = aliased(Answer)
    band = cast(age.value, String)
    year = extract("year", SurveyResponse.submitted_at)
    month = extract("month", SurveyResponse.submitted_at)
    located = (StoredLocation.inside, StoredLocation.buurt_code.is_not(None), StoredLocation.wijk_code.is_not(None))
    place = (SurveyResponse.survey_version_id, StoredLocation.buurt_code, StoredLocation.wijk_code,
             StoredLocation.in_focus_area, year, month, band)  # fmt: skip
    responses = session.execute(
        select(*place, func.count())
        .select_from(SurveyResponse)
        .join(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .outerjoin(age, (age.response_id == SurveyResponse.id) & (age.question_id == WEIGHTING_QUESTION))
        .where(*located)
        .group_by(*place)
    ).all()
    rows: dict[tuple[int, str, int, int, str], dict[str, Any]] = {}
    for version_id, buurt, wijk, focus, year_value, month_value, band_value, count in responses:
        key = (int(version_id), str(buurt), int(year_value), quarter_of(int(month_value)), band_of(band_value))
        row = rows.setdefault(key, {"survey_version_id": key[0], "buurt_code": buurt, "wijk_code": wijk,
                                    "in_focus_area": bool(focus), "year": key[2], "quarter": key[3],
                                    "age_band": key[4], "responses": 0})  # fmt: skip
        row["responses"] += int(count)
    if rows:
        session.execute(insert(ResponseTally), list(rows.values()))
    sources = indicator_sources(session)
    if not sources.by_question:
        return
    groups = (SurveyResponse.survey_version_id, Answer.question_id, StoredLocation.buurt_code,
              StoredLocation.wijk_code, StoredLocation.in_focus_area, year, band)  # fmt: skip
    scored = session.execute(
        select(*groups, func.count(Answer.score), func.sum(Answer.score), func.sum(Answer.score * Answer.score))
        .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .join(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .outerjoin(age, (age.response_id == Answer.response_id) & (age.question_id == WEIGHTING_QUESTION))
        .where(Answer.score.is_not(None), Answer.question_id.in_(sources.question_ids), *located)
        .group_by(*groups)
    ).all()
    cells: dict[tuple[int, str, str, int, str], dict[str, Any]] = {}
    for version_id, question_id, buurt, wijk, focus, year_value, band_value, n, total, squares in scored:
        if (version_id, question_id) not in sources.by_question:
            continue
        cell_key = (int(version_id), str(question_id), str(buurt), int(year_value), band_of(band_value))
        cell = cells.setdefault(cell_key, {
            "survey_version_id": version_id, "question_id": question_id, "buurt_code": buurt, "wijk_code": wijk,
            "in_focus_area": bool(focus), "year": cell_key[3], "age_band": cell_key[4], "n": 0, "total": 0.0,
            "squares": 0.0,
        })  # fmt: skip
        cell["n"] += int(n)
        cell["total"] += float(total or 0)
        cell["squares"] += float(squares or 0)
    if cells:
        session.execute(insert(IndicatorTally), list(cells.values()))
    session.flush()
