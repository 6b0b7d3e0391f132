"""Post-stratified indicator means: each age band counts as much as its share of the area's residents, so a
survey answered mostly by older residents does not speak for everybody. Response rates come from the same data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from participation.indicators.means import AreaLevel, Moments
from participation.indicators.sources import IndicatorSources, indicator_sources
from participation.models import Buurt, IndicatorTally, PopulationCount, ResponseTally, Wijk
from participation.models.base import DbSession

# The population bands of residents aged 15 or older; respondents aged 18 or older are placed in them by their
# age answer (see participation.surveys.age_bands.population_band).
ADULT_BANDS = ("15_24", "25_44", "45_64", "65_plus")


@dataclass(frozen=True)
class Population:
    """Residents aged 15 or older per year, buurt and band, with each buurt's wijk and focus area: the whole table
    in one read (a few thousand rows), so a page that needs several levels and years asks the database once."""

    counts: Mapping[int, Sequence[tuple[str, str, int]]]  # year -> (buurt, band, residents)
    areas: Mapping[str, tuple[str, bool]]  # buurt -> (wijk, in the focus area)

    @classmethod
    def load(cls, session: DbSession) -> Population:
        counts: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
        for year, buurt_code, band, count in session.execute(
            select(PopulationCount.year, PopulationCount.buurt_code, PopulationCount.age_band, PopulationCount.count)
            .where(PopulationCount.sex == "all", PopulationCount.age_band.in_(ADULT_BANDS))
        ).all():  # fmt: skip
            counts[int(year)].append((str(buurt_code), str(band), int(count)))
        return cls(dict(counts), {code: (wijk, focus) for code, wijk, focus in _buurt_areas(session)})

    def by_area(self, level: AreaLevel, year: int) -> dict[str, dict[str, int]]:
        """Area code -> band -> residents, from the newest figures not after ``year`` (or the oldest there are)."""
        if not self.counts:
            return {}
        years = sorted(self.counts)
        chosen = max((known for known in years if known <= year), default=years[0])
        result: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for buurt_code, band, count in self.counts[chosen]:
            wijk, focus = self.areas.get(buurt_code, (None, False))
            area = {
                AreaLevel.BUURT: buurt_code,
                AreaLevel.WIJK: wijk,
                AreaLevel.FOCUS_AREA: "focus_area" if focus else "rest",
                AreaLevel.MUNICIPALITY: "municipality",
            }[level]
            if area is not None:
                result[area][band] += count
        return {area: dict(bands) for area, bands in result.items()}


def population_by_area(session: DbSession, level: AreaLevel, year: int) -> dict[str, dict[str, int]]:
    """Area code -> band -> residents, from the newest figures not after ``year`` (or the oldest there are)."""
    return Population.load(session).by_area(level, year)


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


def _area_of(level: AreaLevel, buurt: str, wijk: str, focus: bool) -> str:
    return {
        AreaLevel.BUURT: buurt,
        AreaLevel.WIJK: wijk,
        AreaLevel.FOCUS_AREA: "focus_area" if focus else "rest",
        AreaLevel.MUNICIPALITY: "municipality",
    }[level]


def weighted_means(
    session: DbSession,
    level: AreaLevel,
    population: Population | None = None,
    sources: IndicatorSources | None = None,
) -> list[WeightedMean]:
    """Means weighted to the population by age band; bands without respondents are left out (and said so).
    ``population`` and ``sources`` are read here unless the caller, drawing several levels, read them once."""
    sources = sources or indicator_sources(session)
    population = population or Population.load(session)
    if not sources.by_question:
        return []
    rows = session.execute(
        select(
            IndicatorTally.survey_version_id, IndicatorTally.question_id, IndicatorTally.buurt_code,
            IndicatorTally.wijk_code, IndicatorTally.in_focus_area, IndicatorTally.year, IndicatorTally.age_band,
            IndicatorTally.n, IndicatorTally.total, IndicatorTally.squares,
        ).where(IndicatorTally.n > 0, IndicatorTally.age_band != "")
    ).all()  # fmt: skip
    cells: dict[tuple[str, str, int], dict[str, Moments]] = defaultdict(lambda: defaultdict(Moments))
    for version_id, question_id, buurt, wijk, focus, year_value, band, n, total, squares in rows:
        indicator = sources.by_question.get((version_id, question_id))
        if indicator is None:
            continue
        key = (indicator, _area_of(level, buurt, wijk, bool(focus)), int(year_value))
        cells[key][band] += Moments(int(n), float(total), float(squares))
    results = []
    populations: dict[int, dict[str, dict[str, int]]] = {}
    for (indicator, area_code, year_value), bands in sorted(cells.items()):
        if year_value not in populations:  # not setdefault: that would query for every cell
            populations[year_value] = population.by_area(level, year_value)
        residents = populations[year_value].get(area_code, {})
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


def response_rates(session: DbSession, level: AreaLevel, population: Population | None = None) -> list[ResponseRate]:
    """Responses per area (and per age band) and year against the residents aged 15 or older."""
    population = population or Population.load(session)
    # The tallies are kept per survey version and quarter too; the rates need neither.
    place = (ResponseTally.buurt_code, ResponseTally.wijk_code, ResponseTally.in_focus_area, ResponseTally.year,
             ResponseTally.age_band)  # fmt: skip
    rows = session.execute(
        select(*place, func.sum(ResponseTally.responses)).group_by(*place).having(func.sum(ResponseTally.responses) > 0)
    ).all()
    counts: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for buurt, wijk, focus, year_value, band, responses in rows:
        key = (_area_of(level, buurt, wijk, bool(focus)), int(year_value))
        counts[key]["all"] += int(responses)
        if band:
            counts[key][band] += int(responses)
    rates = []
    populations: dict[int, dict[str, dict[str, int]]] = {}
    for (area_code, year_value), by_band in sorted(counts.items()):
        if year_value not in populations:  # not setdefault: that would query for every cell
            populations[year_value] = population.by_area(level, year_value)
        residents = populations[year_value].get(area_code, {})
        total = sum(residents.get(b, 0) for b in ADULT_BANDS)
        rates.append(ResponseRate(area_code, "all", year_value, by_band["all"], total))
        for b in ADULT_BANDS:
            if residents.get(b):
                rates.append(ResponseRate(area_code, b, year_value, by_band.get(b, 0), residents[b]))
    return rates
