"""What the bureau's dashboard shows, as suppressed tables: indicators against the Dordrecht average, response
rates, weighted means beside unweighted ones, and reach per participation line."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from participation.disclosure import Cell, DisclosedTable, disclose_table
from participation.indicators.means import (
    FOCUS_AREA,
    MUNICIPALITY,
    AreaLevel,
    IndicatorMean,
    indicator_cube,
    indicator_means,
)
from participation.indicators.reach import reach_per_quarter
from participation.indicators.references import references_for
from participation.indicators.sources import indicator_sources
from participation.indicators.weighting import ADULT_BANDS, Population, WeightedMean, response_rates, weighted_means
from participation.models.base import DbSession


@dataclass(frozen=True)
class MeanCell:
    """A mean as a viewer may see it: hidden with its count when it rests on fewer than k respondents."""

    count: Cell
    mean: IndicatorMean | None
    weighted: WeightedMean | None

    @property
    def hidden(self) -> bool:
        return self.count.hidden or self.mean is None


@dataclass(frozen=True)
class IndicatorView:
    indicator: str
    years: tuple[int, ...]
    areas: tuple[str, ...]  # "focus_area", the wijken, "municipality"
    cells: dict[tuple[str, int], MeanCell]
    reference: dict[int, float]  # the Dordrecht average per year, where entered


@dataclass(frozen=True)
class Dashboard:
    indicators: tuple[IndicatorView, ...]
    reach: DisclosedTable[tuple[str, str], int]  # (wijk, line) by year: each year's figure of ``reach_quarters``
    reach_quarters: dict[int, DisclosedTable[tuple[str, str], int]]  # per year: (wijk, line) by quarter 1-4
    rates: DisclosedTable[str, int]
    residents: dict[tuple[str, int], int]  # residents aged 15 or older per buurt and year, where imported
    group_rates: DisclosedTable[str, str]  # responses per wijk and age band, all years together
    group_residents: dict[tuple[str, str], int]  # residents per wijk and age band (newest figures)
    threshold: int


def _means_by_key(means: list[IndicatorMean]) -> dict[tuple[str, str, int], IndicatorMean]:
    return {(m.indicator, m.area_code, m.year): m for m in means}


def build_dashboard(session: DbSession, *, threshold: int, suppress: bool, municipality_code: str) -> Dashboard:
    # Read once for every level and table of the page.
    sources = indicator_sources(session)
    population = Population.load(session)
    cube = indicator_cube(session, sources)
    means: dict[tuple[str, str, int], IndicatorMean] = {}
    weighted: dict[tuple[str, str, int], WeightedMean] = {}
    for level in (AreaLevel.WIJK, AreaLevel.FOCUS_AREA, AreaLevel.MUNICIPALITY):
        means.update(_means_by_key(indicator_means(session, level, cube)))
        weighted.update(
            {(w.indicator, w.area_code, w.year): w for w in weighted_means(session, level, population, sources)}
        )
    references = references_for(session, municipality_code)
    indicators = sorted({key[0] for key in means})
    views = []
    for indicator in indicators:
        years = tuple(sorted({year for (name, _area, year) in means if name == indicator}))
        wijken = sorted({area for (name, area, _year) in means if name == indicator and area.startswith("WK")})
        areas = (FOCUS_AREA, *wijken, MUNICIPALITY)
        counts = {
            (area, year): means[(indicator, area, year)].n
            for area in wijken
            for year in years
            if (indicator, area, year) in means
        }
        # The wijken's counts with the municipality's as the column total: a hidden wijk cannot be recovered by
        # subtracting the others from the whole.
        totals = {
            year: means[(indicator, MUNICIPALITY, year)].n for year in years if (indicator, MUNICIPALITY, year) in means
        }
        table = disclose_table(counts, wijken, years, threshold=threshold, suppress=suppress, column_totals=totals)
        cells: dict[tuple[str, int], MeanCell] = {}
        for year in years:
            for area in areas:
                mean = means.get((indicator, area, year))
                if area in wijken:
                    count = table.cell(area, year)
                elif area == MUNICIPALITY:
                    count = table.column_totals.get(year, Cell(0))
                else:
                    n = mean.n if mean else 0
                    count = disclose_table({("x", 0): n}, ["x"], [0], threshold=threshold, suppress=suppress).cell(
                        "x", 0
                    )
                cells[(area, year)] = MeanCell(count, mean, weighted.get((indicator, area, year)))
        reference = {year: references[(indicator, year)] for year in years if (indicator, year) in references}
        views.append(IndicatorView(indicator, years, areas, cells, reference))
    rates, residents = _rate_table(session, threshold, suppress, population)
    group_rates, group_residents = _group_rate_table(session, threshold, suppress, population)
    reach, reach_quarters = _reach_tables(session, threshold, suppress)
    return Dashboard(
        tuple(views),
        reach,
        reach_quarters,
        rates,
        residents,
        group_rates,
        group_residents,
        threshold,
    )


def _reach_tables(
    session: DbSession, threshold: int, suppress: bool
) -> tuple[DisclosedTable[tuple[str, str], int], dict[int, DisclosedTable[tuple[str, str], int]]]:
    """Reach per wijk and line: for each year a table by quarter whose row totals are the year's figures, and the
    years side by side, made of those totals.

    The quarters and the year are suppressed as one table: shown quarters beside a shown year figure would
    otherwise give a hidden quarter away. Years are apart (no total over the years is shown), so the year
    tables need nothing of each other.
    """
    counts: dict[int, dict[tuple[tuple[str, str], int], int]] = defaultdict(lambda: defaultdict(int))
    for reach in reach_per_quarter(session):
        counts[reach.year][((reach.wijk_code, reach.line), reach.quarter)] += reach.residents
    quarters = (1, 2, 3, 4)
    per_year = {}
    for year, cells in sorted(counts.items()):
        rows = sorted({row for row, _quarter in cells})
        per_year[year] = disclose_table(
            dict(cells), rows, quarters, threshold=threshold, suppress=suppress, row_totals=True
        )
    rows = sorted({row for table in per_year.values() for row in table.rows})
    years = tuple(per_year)
    yearly = DisclosedTable(
        rows=tuple(rows),
        columns=years,
        cells={(row, year): per_year[year].row_totals.get(row, Cell(0)) for row in rows for year in years},
        row_totals={},
        column_totals={},
        grand_total=None,
        threshold=threshold,
        suppressed=suppress,
    )
    return yearly, per_year


def _rate_table(
    session: DbSession, threshold: int, suppress: bool, population: Population
) -> tuple[DisclosedTable[str, int], dict[tuple[str, int], int]]:
    rates = [rate for rate in response_rates(session, AreaLevel.BUURT, population) if rate.band == "all"]
    responses = {(rate.area_code, rate.year): rate.responses for rate in rates}
    residents = {(rate.area_code, rate.year): rate.residents for rate in rates if rate.residents}
    buurten = sorted({area for area, _year in responses})
    years = sorted({year for _area, year in responses})
    return disclose_table(responses, buurten, years, threshold=threshold, suppress=suppress), residents


def _group_rate_table(
    session: DbSession, threshold: int, suppress: bool, population: Population
) -> tuple[DisclosedTable[str, str], dict[tuple[str, str], int]]:
    responses: dict[tuple[str, str], int] = defaultdict(int)
    residents: dict[tuple[str, str], int] = {}
    for rate in response_rates(session, AreaLevel.WIJK, population):
        if rate.band == "all":
            continue
        responses[(rate.area_code, rate.band)] += rate.responses
        residents[(rate.area_code, rate.band)] = rate.residents
    wijken = sorted({wijk for wijk, _band in responses})
    bands = [band for band in ADULT_BANDS if any(b == band for _w, b in responses)]
    table = disclose_table(dict(responses), wijken, bands, threshold=threshold, suppress=suppress)
    return table, residents
