"""Indicator means per area and year with a 95% interval, computed from sums in SQL so that a million answers
stay fast on PostgreSQL."""

from __future__ import annotations

import enum
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select

from participation.indicators.sources import IndicatorSources, indicator_sources
from participation.models import IndicatorTally
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
    margin = t_quantile(0.5 + confidence / 2, moments.n - 1) * math.sqrt(variance / moments.n)
    return mean - margin, mean + margin


@lru_cache(maxsize=4096)
def t_quantile(probability: float, degrees_of_freedom: int) -> float:
    """Student's t quantile; a page asks for the same few hundred of them for every cell, and SciPy's ``ppf`` costs
    a fifth of a millisecond each."""
    # SciPy takes a second and tens of MB to import; only pages and reports that show intervals pay for it.
    from scipy.stats import t as student_t

    return float(student_t.ppf(probability, degrees_of_freedom))


@dataclass(frozen=True)
class CubeCell:
    """The finest grouping the dashboard needs; every area level is a sum of these cells."""

    indicator: str
    buurt_code: str
    wijk_code: str
    in_focus_area: bool
    year: int


def indicator_cube(session: DbSession, sources: IndicatorSources | None = None) -> dict[CubeCell, Moments]:
    """Moments per indicator, buurt and year, read from the running tallies (a few thousand rows, not every
    answer); the tallies only hold answers placed inside the municipality."""
    sources = sources or indicator_sources(session)
    if not sources.by_question:
        return {}
    groups = (
        IndicatorTally.survey_version_id,
        IndicatorTally.question_id,
        IndicatorTally.buurt_code,
        IndicatorTally.wijk_code,
        IndicatorTally.in_focus_area,
        IndicatorTally.year,
    )
    query = (
        select(*groups, func.sum(IndicatorTally.n), func.sum(IndicatorTally.total), func.sum(IndicatorTally.squares))
        .where(IndicatorTally.n > 0)
        .group_by(*groups)
    )
    cube: dict[CubeCell, Moments] = defaultdict(Moments)
    rows: list[tuple[Any, ...]] = [tuple(row) for row in session.execute(query).all()]
    for version_id, question_id, buurt, wijk, focus, year_value, n, total, squares in rows:
        indicator = sources.by_question.get((version_id, question_id))
        if indicator is None or not n:
            continue
        cell = CubeCell(indicator, buurt, wijk, bool(focus), int(year_value))
        cube[cell] += Moments(int(n), float(total or 0), float(squares or 0))
    return dict(cube)


def roll_up(cube: dict[CubeCell, Moments], level: AreaLevel) -> dict[tuple[str, str, int], Moments]:
    """(indicator, area code, year) -> moments at one area level."""
    result: dict[tuple[str, str, int], Moments] = defaultdict(Moments)
    for cell, moments in cube.items():
        area = {
            AreaLevel.BUURT: cell.buurt_code,
            AreaLevel.WIJK: cell.wijk_code,
            AreaLevel.FOCUS_AREA: FOCUS_AREA if cell.in_focus_area else "rest",
            AreaLevel.MUNICIPALITY: MUNICIPALITY,
        }[level]
        result[(cell.indicator, area, cell.year)] += moments
    return dict(result)


def indicator_means(
    session: DbSession, level: AreaLevel, cube: dict[CubeCell, Moments] | None = None
) -> list[IndicatorMean]:
    """Every indicator's mean per area and year, with its 95% interval, sorted by indicator, area and year.

    Pass one ``indicator_cube`` to compute several levels from a single pass over the answers.
    """
    cube = indicator_cube(session) if cube is None else cube
    means = []
    for (indicator, area, year), moments in sorted(roll_up(cube, level).items()):
        low, high = interval(moments)
        means.append(IndicatorMean(indicator, area, year, moments.n, moments.mean or 0.0, low, high))
    return means
