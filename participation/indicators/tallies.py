"""Keeping the dashboard's running sums (``IndicatorTally``, ``ResponseTally``) in step with the responses.

A submission adds its scores, an erasure takes them off again, and anything that changes answers in bulk (new
boundaries, new scoring) rebuilds the tables from the answers. Adding is an upsert, so concurrent submissions to
the same buurt never lose a count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, delete, extract, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased

from participation.indicators.sources import indicator_sources
from participation.models import Answer, IndicatorTally, ResponseTally, StoredLocation, SurveyResponse
from participation.models.base import Base, DbSession
from participation.surveys.age_bands import population_band

# The question whose answer places a respondent in a population band: choice "age_18_24" -> band "15_24".
WEIGHTING_QUESTION = "age_group"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def band_of(value: Any) -> str:
    """The population band of an age answer ("age_18_24" -> "15_24"), or "" when there is none (or under 18)."""
    return population_band(value.strip('"')) if isinstance(value, str) else ""


def _add(session: DbSession, model: type[Base], keys: Mapping[str, Any], amounts: Mapping[str, Any]) -> None:
    """Add ``amounts`` to the row with ``keys``, creating it when it is new, in one statement."""
    dialect = session.get_bind().dialect.name
    make = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = make(model).values(**keys, **amounts)
    table = model.__table__
    key_columns = [
        c for c in ("survey_version_id", "question_id", "buurt_code", "year", "quarter", "age_band") if c in keys
    ]
    statement = statement.on_conflict_do_update(
        index_elements=key_columns,
        set_={name: table.c[name] + statement.excluded[name] for name in amounts},
    )
    session.connection().execute(statement)


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
    """Add (sign 1) or take off (sign -1) one response's share of the tallies; flush-free, on the connection."""
    if location is None or not location.inside or not location.buurt_code or not location.wijk_code:
        return
    place = {"buurt_code": location.buurt_code, "year": submitted_at.year, "age_band": band_of(age_answer)}
    labels = {"wijk_code": location.wijk_code, "in_focus_area": location.in_focus_area}
    _add(
        session,
        ResponseTally,
        {"survey_version_id": version_id, "quarter": quarter_of(submitted_at.month), **place, **labels},
        {"responses": sign},
    )
    for question_id, score in scores:
        if score is None or question_id not in indicator_questions:
            continue
        _add(
            session,
            IndicatorTally,
            {"survey_version_id": version_id, "question_id": question_id, **place, **labels},
            {"n": sign, "total": sign * score, "squares": sign * score * score},
        )


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
