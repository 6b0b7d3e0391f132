"""Indicator means per area and year with a 95% interval, computed from sums in SQL so that a million answers
stay fast on PostgreSQL."""

from __future__ import annotations

import enum
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from scipy.stats import t as student_t
from sqlalchemy import extract, func, literal, select

from participation.indicators.sources import IndicatorSources, indicator_sources
from participation.models import Answer, StoredLocation, SurveyResponse
from participation.models.base import DbSession

MUNICIPALITY = "municipality"
FOCUS_AREA = "focus_area"


class AreaLevel(enum.StrEnum):
    WIJK = "wijk"
    BUURT = "buurt"
    FOCUS_AREA = "focus_area"  # the focus area (e.g. Dordt West) against the rest of the municipality
    MUNICIPALITY = "municipality"


@dataclass(frozen=True)
class Moments:
    """Count, sum and sum of squares: enough to combine groups and compute a mean and its interval."""

    n: int = 0
    total: float = 0.0
    squares: float = 0.0

    def __add__(self, other: Moments) -> Moments:
        return Moments(self.n + other.n, self.total + other.total, self.squares + other.squares)

    @property
    def mean(self) -> float | None:
        return self.total / self.n if self.n else None

    @property
    def variance(self) -> float | None:
        if self.n < 2:
            return None
        # Rounding can make the difference a hair below zero when all values are equal.
        return max(0.0, (self.squares - self.total * self.total / self.n) / (self.n - 1))


@dataclass(frozen=True)
class IndicatorMean:
    indicator: str
    area_code: str
    year: int
    n: int
    mean: float
    low: float | None
    high: float | None


def interval(moments: Moments, confidence: float = 0.95) -> tuple[float | None, float | None]:
    """Student's t interval of the mean; none for fewer than two answers."""
    mean, variance = moments.mean, moments.variance
    if mean is None or variance is None:
        return None, None
    margin = float(student_t.ppf(0.5 + confidence / 2, moments.n - 1)) * math.sqrt(variance / moments.n)
    return mean - margin, mean + margin


def area_column(level: AreaLevel) -> Any:
    if level is AreaLevel.WIJK:
        return StoredLocation.wijk_code
    if level is AreaLevel.BUURT:
        return StoredLocation.buurt_code
    if level is AreaLevel.FOCUS_AREA:
        return StoredLocation.in_focus_area
    return literal(MUNICIPALITY)


def indicator_moments(
    session: DbSession, level: AreaLevel, sources: IndicatorSources | None = None, *, extra_group: Any = None
) -> dict[tuple[str, str, int], Moments]:
    """(indicator, area code, year) -> moments, for answers placed inside the municipality."""
    sources = sources or indicator_sources(session)
    if not sources.by_question:
        return {}
    area = area_column(level).label("area")
    year = extract("year", SurveyResponse.submitted_at).label("year")
    columns = [SurveyResponse.survey_version_id, Answer.question_id, area, year]
    query = (
        select(*columns, func.count(Answer.score), func.sum(Answer.score), func.sum(Answer.score * Answer.score))
        .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .join(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .where(Answer.score.is_not(None), StoredLocation.inside, Answer.question_id.in_(sources.question_ids))
        .group_by(SurveyResponse.survey_version_id, Answer.question_id, area, year)
    )
    result: dict[tuple[str, str, int], Moments] = defaultdict(Moments)
    for row in session.execute(query).all():
        version_id, question_id, area_value, year_value, n, total, squares = tuple(row)
        indicator = sources.by_question.get((version_id, question_id))
        if indicator is None or area_value is None:
            continue
        result[(indicator, area_code_of(level, area_value), int(year_value))] += Moments(
            int(n), float(total or 0), float(squares or 0)
        )
    return dict(result)


def area_code_of(level: AreaLevel, value: Any) -> str:
    if level is AreaLevel.FOCUS_AREA:
        return FOCUS_AREA if value else "rest"
    return str(value)


def indicator_means(session: DbSession, level: AreaLevel) -> list[IndicatorMean]:
    """Every indicator's mean per area and year, with its 95% interval, sorted by indicator, area and year."""
    means = []
    for (indicator, area, year), moments in sorted(indicator_moments(session, level).items()):
        low, high = interval(moments)
        means.append(IndicatorMean(indicator, area, year, moments.n, moments.mean or 0.0, low, high))
    return means
