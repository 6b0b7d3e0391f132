"""Post-stratified indicator means: each age band counts as much as its share of the area's residents, so a
survey answered mostly by older residents does not speak for everybody. Response rates come from the same data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import String, cast, extract, func, select
from sqlalchemy.orm import aliased

from participation.indicators.means import AreaLevel, Moments, area_code_of, area_column
from participation.indicators.sources import indicator_sources
from participation.models import Answer, Buurt, PopulationCount, StoredLocation, SurveyResponse, Wijk
from participation.models.base import DbSession

# The question whose answer places a respondent in a population band: choice "age_25_44" -> band "25_44".
WEIGHTING_QUESTION = "age_group"
BAND_PREFIX = "age_"
ADULT_BANDS = ("15_24", "25_44", "45_64", "65_plus")


def band_of(stored_value: str | None) -> str | None:
    text = (stored_value or "").strip('"')
    return text.removeprefix(BAND_PREFIX) if text.startswith(BAND_PREFIX) else None


def population_by_area(session: DbSession, level: AreaLevel, year: int) -> dict[str, dict[str, int]]:
    """Area code -> band -> residents, from the newest figures not after ``year`` (or the oldest there are)."""
    years = sorted(session.scalars(select(PopulationCount.year).distinct()))
    if not years:
        return {}
    chosen = max((known for known in years if known <= year), default=years[0])
    rows = session.execute(
        select(PopulationCount.buurt_code, PopulationCount.age_band, PopulationCount.count).where(
            PopulationCount.year == chosen, PopulationCount.sex == "all", PopulationCount.age_band.in_(ADULT_BANDS)
        )
    ).all()
    buurten = {code: (wijk, focus) for code, wijk, focus in _buurt_areas(session)}
    result: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for buurt_code, band, count in rows:
        wijk, focus = buurten.get(buurt_code, (None, False))
        area = {
            AreaLevel.BUURT: buurt_code,
            AreaLevel.WIJK: wijk,
            AreaLevel.FOCUS_AREA: "focus_area" if focus else "rest",
            AreaLevel.MUNICIPALITY: "municipality",
        }[level]
        if area is not None:
            result[area][band] += count
    return {area: dict(bands) for area, bands in result.items()}


def _buurt_areas(session: DbSession) -> list[tuple[str, str, bool]]:
    year = session.scalar(select(func.max(Buurt.boundary_year)))
    rows = session.execute(
        select(Buurt.code, Wijk.code, Buurt.in_focus_area).join(Wijk).where(Buurt.boundary_year == year)
    ).all()
    return [(buurt, wijk, bool(focus)) for buurt, wijk, focus in rows]


@dataclass(frozen=True)
class WeightedMean:
    indicator: str
    area_code: str
    year: int
    n: int
    mean: float
    bands_used: tuple[str, ...]


def weighted_means(session: DbSession, level: AreaLevel) -> list[WeightedMean]:
    """Means weighted to the population by age band; bands without respondents are left out (and said so)."""
    sources = indicator_sources(session)
    if not sources.by_question:
        return []
    age = aliased(Answer)
    area = area_column(level).label("area")
    year = extract("year", SurveyResponse.submitted_at).label("year")
    band = cast(age.value, String).label("band")
    query = (
        select(
            SurveyResponse.survey_version_id, Answer.question_id, area, year, band,
            func.count(Answer.score), func.sum(Answer.score), func.sum(Answer.score * Answer.score),
        )
        .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .join(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .join(age, (age.response_id == Answer.response_id) & (age.question_id == WEIGHTING_QUESTION))
        .where(Answer.score.is_not(None), StoredLocation.inside, Answer.question_id.in_(sources.question_ids))
        .group_by(SurveyResponse.survey_version_id, Answer.question_id, area, year, band)
    )  # fmt: skip
    cells: dict[tuple[str, str, int], dict[str, Moments]] = defaultdict(lambda: defaultdict(Moments))
    for row in session.execute(query).all():
        version_id, question_id, area_value, year_value, band_value, n, total, squares = tuple(row)
        indicator = sources.by_question.get((version_id, question_id))
        respondent_band = band_of(band_value)
        if indicator is None or area_value is None or respondent_band is None:
            continue
        key = (indicator, area_code_of(level, area_value), int(year_value))
        cells[key][respondent_band] += Moments(int(n), float(total or 0), float(squares or 0))
    results = []
    populations: dict[int, dict[str, dict[str, int]]] = {}
    for (indicator, area_code, year_value), bands in sorted(cells.items()):
        population = populations.setdefault(year_value, population_by_area(session, level, year_value))
        residents = population.get(area_code, {})
        used = [b for b in bands if bands[b].n and residents.get(b)]
        weight = sum(residents[b] for b in used)
        if not weight:
            continue
        mean = sum(residents[b] * (bands[b].mean or 0.0) for b in used) / weight
        n = sum(bands[b].n for b in used)
        results.append(WeightedMean(indicator, area_code, year_value, n, mean, tuple(sorted(used))))
    return results


@dataclass(frozen=True)
class ResponseRate:
    area_code: str
    band: str  # an age band, or "all"
    year: int
    responses: int
    residents: int

    @property
    def rate(self) -> float:
        return self.responses / self.residents if self.residents else 0.0


def response_rates(session: DbSession, level: AreaLevel) -> list[ResponseRate]:
    """Responses per area (and per age band) and year against the residents aged 15 or older."""
    age = aliased(Answer)
    area = area_column(level).label("area")
    year = extract("year", SurveyResponse.submitted_at).label("year")
    band = cast(age.value, String).label("band")
    query = (
        select(area, year, band, func.count(func.distinct(SurveyResponse.id)))
        .select_from(SurveyResponse)
        .join(StoredLocation, StoredLocation.id == SurveyResponse.location_id)
        .outerjoin(age, (age.response_id == SurveyResponse.id) & (age.question_id == WEIGHTING_QUESTION))
        .where(StoredLocation.inside)
        .group_by(area, year, band)
    )
    counts: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for area_value, year_value, band_value, count in session.execute(query).all():
        if area_value is None:
            continue
        key = (area_code_of(level, area_value), int(year_value))
        counts[key]["all"] += int(count)
        respondent_band = band_of(band_value)
        if respondent_band:
            counts[key][respondent_band] += int(count)
    rates = []
    populations: dict[int, dict[str, dict[str, int]]] = {}
    for (area_code, year_value), by_band in sorted(counts.items()):
        population = populations.setdefault(year_value, population_by_area(session, level, year_value))
        residents = population.get(area_code, {})
        total = sum(residents.get(b, 0) for b in ADULT_BANDS)
        rates.append(ResponseRate(area_code, "all", year_value, by_band["all"], total))
        for b in ADULT_BANDS:
            if residents.get(b):
                rates.append(ResponseRate(area_code, b, year_value, by_band.get(b, 0), residents[b]))
    return rates
