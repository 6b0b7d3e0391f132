"""Every indicator of the focus area beside the Dordrecht average, year by year, with the gap between them.

Survey indicators come from the bureau dashboard (``build_dashboard``), so a mean hidden there for resting on too
few respondents is hidden here in the same way. Reference indicators (CBS key figures and the like, imported with
``flask indicators import-reference``) are read from ``IndicatorReference``: the focus area's value is the one
stored under ``focus_area`` (the key the means use for the focus area), or else the mean of the values stored for
its wijken, weighted by their residents aged 15 or older where population figures are imported. The Dordrecht
average is the value stored under the municipality's code.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from participation.disclosure import Cell
from participation.indicators.dashboard import Dashboard
from participation.indicators.definitions import definition_of, indicator_names
from participation.indicators.means import FOCUS_AREA, AreaLevel
from participation.indicators.weighting import population_by_area
from participation.models import Buurt, IndicatorReference, Wijk
from participation.models.base import DbSession


@dataclass(frozen=True)
class AreaValue:
    """An indicator's value in one area and year, as a viewer may see it.

    ``value`` is None when there is none or when it is hidden; ``count`` is the number of respondents behind a
    survey mean (hidden when too small), None for a reference value; ``from_wijken`` marks a focus-area value
    worked out from the values of its wijken."""

    value: float | None
    count: Cell | None = None
    from_wijken: bool = False

    @property
    def hidden(self) -> bool:
        return self.count is not None and self.count.hidden


@dataclass(frozen=True)
class YearGap:
    year: int
    focus: AreaValue
    average: float | None
    higher_is_better: bool

    @property
    def gap(self) -> float | None:
        """Focus area minus the Dordrecht average."""
        if self.focus.value is None or self.average is None:
            return None
        return self.focus.value - self.average

    @property
    def better(self) -> bool | None:
        """Whether the focus area does better than the average (None: no gap, or none to tell)."""
        gap = self.gap
        if gap is None or gap == 0:
            return None
        return gap > 0 if self.higher_is_better else gap < 0


@dataclass(frozen=True)
class IndicatorSeries:
    """One indicator over the years: the focus area and its wijken, and the Dordrecht average."""

    key: str
    name: str
    from_survey: bool
    higher_is_better: bool
    percentage: bool
    years: tuple[YearGap, ...]
    wijken: dict[tuple[str, int], AreaValue]  # (wijk code, year) -> value

    def value(self, area_code: str, year: int) -> AreaValue | None:
        """The value of ``focus_area`` or a wijk in one year, where there is one."""
        if area_code == FOCUS_AREA:
            return next((gap.focus for gap in self.years if gap.year == year), None)
        return self.wijken.get((area_code, year))

    def shown_values(self, area_code: str) -> dict[int, float]:
        """Year -> the value a viewer may see, for the progress to a target."""
        years = {gap.year for gap in self.years} | {year for (_wijk, year) in self.wijken}
        values = {}
        for year in years:
            found = self.value(area_code, year)
            if found is not None and found.value is not None and not found.hidden:
                values[year] = found.value
        return values


def focus_wijken(session: DbSession) -> list[str]:
    """The wijken with at least one buurt in the focus area (newest boundaries)."""
    year = session.scalar(select(func.max(Buurt.boundary_year)))
    rows = session.scalars(
        select(Wijk.code).join(Buurt, Buurt.wijk_id == Wijk.id).where(Buurt.boundary_year == year, Buurt.in_focus_area)
    )
    return sorted(set(rows))


def _survey_series(dashboard: Dashboard, names: dict[str, str]) -> list[IndicatorSeries]:
    series = []
    for view in dashboard.indicators:
        definition = definition_of(view.indicator)
        gaps = []
        for year in view.years:
            cell = view.cells.get((FOCUS_AREA, year))
            focus = AreaValue(None)
            if cell is not None and cell.mean is not None:
                focus = AreaValue(None if cell.hidden else cell.mean.mean, cell.count)
            gaps.append(YearGap(year, focus, view.reference.get(year), definition.higher_is_better))
        wijken = {}
        for (area, year), cell in view.cells.items():
            if area.startswith("WK") and cell.mean is not None:
                wijken[(area, year)] = AreaValue(None if cell.hidden else cell.mean.mean, cell.count)
        series.append(
            IndicatorSeries(
                view.indicator,
                names.get(view.indicator, view.indicator),
                True,
                definition.higher_is_better,
                definition.percentage,
                tuple(gaps),
                wijken,
            )
        )
    return series


def _wijk_weights(session: DbSession, year: int) -> dict[str, int]:
    population = population_by_area(session, AreaLevel.WIJK, year)
    return {wijk: sum(bands.values()) for wijk, bands in population.items()}


def _focus_from_wijken(values: dict[str, float], weights: dict[str, int]) -> float:
    """The focus area's value from its wijken: weighted by residents where every wijk has them, else a plain mean."""
    if all(weights.get(wijk) for wijk in values):
        total = sum(weights[wijk] for wijk in values)
        return sum(value * weights[wijk] for wijk, value in values.items()) / total
    return sum(values.values()) / len(values)


def _reference_series(
    session: DbSession, names: dict[str, str], municipality_code: str, skip: set[str]
) -> list[IndicatorSeries]:
    wijken = set(focus_wijken(session))
    rows = session.execute(
        select(IndicatorReference.indicator, IndicatorReference.area_code, IndicatorReference.year,
               IndicatorReference.value)
    ).all()  # fmt: skip
    by_indicator: dict[str, dict[tuple[str, int], float]] = defaultdict(dict)
    for indicator, area, year, value in rows:
        if indicator not in skip:
            by_indicator[indicator][(area, int(year))] = float(value)
    series = []
    weights: dict[int, dict[str, int]] = {}
    for indicator, values in by_indicator.items():
        definition = definition_of(indicator)
        years = sorted({year for (area, year) in values if area in {FOCUS_AREA, municipality_code} | wijken})
        gaps = []
        for year in years:
            focus = AreaValue(values.get((FOCUS_AREA, year)))
            of_wijken = {wijk: values[(wijk, year)] for wijk in wijken if (wijk, year) in values}
            if focus.value is None and of_wijken:
                year_weights = weights.setdefault(year, _wijk_weights(session, year))
                focus = AreaValue(_focus_from_wijken(of_wijken, year_weights), from_wijken=True)
            gaps.append(YearGap(year, focus, values.get((municipality_code, year)), definition.higher_is_better))
        series.append(
            IndicatorSeries(
                indicator,
                names.get(indicator, indicator),
                False,
                definition.higher_is_better,
                definition.percentage,
                tuple(gaps),
                {(area, year): AreaValue(value) for (area, year), value in values.items() if area in wijken},
            )
        )
    return series


def indicator_series(
    session: DbSession, dashboard: Dashboard, *, municipality_code: str, language: str
) -> tuple[IndicatorSeries, ...]:
    """Survey indicators first, then reference indicators, each group by name; names in ``language`` (call inside
    the request or ``force_locale``)."""
    keys = set(session.scalars(select(IndicatorReference.indicator).distinct()))
    keys |= {view.indicator for view in dashboard.indicators}
    names = indicator_names(session, language, keys)
    survey = _survey_series(dashboard, names)
    reference = _reference_series(session, names, municipality_code, {s.key for s in survey})
    return (
        *sorted(survey, key=lambda s: s.name.casefold()),
        *sorted(reference, key=lambda s: s.name.casefold()),
    )
