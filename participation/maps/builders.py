"""The three kinds of map as suppressed layers: the block heat map, the choropleths per wijk and buurt, and the
theme map per block and per street.

Views and totals: the block and street layers show no total, so no hidden block can be worked out by subtracting
shown blocks from a total (and suppression stays linear in the number of blocks). The choropleths of counts and
response rates show the total of their areas, protected by complementary suppression.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from participation.disclosure import disclose_list
from participation.geo.blocks import block_centre, block_id
from participation.indicators.means import AreaLevel, indicator_means
from participation.indicators.weighting import response_rates
from participation.maps.filters import ChoroplethChoice, MapFilter, MapLevel, Measure, Source
from participation.maps.layers import (
    MapFigure,
    MapLayer,
    block_centres,
    class_breaks,
    figures_from_list,
    point,
)
from participation.maps.queries import source_counts, street_places
from participation.models import Buurt, Wijk
from participation.models.base import DbSession
from participation.models.themes import SubjectType
from participation.themes.aggregation import Dimension, ThemeFilter, theme_counts, theme_table

SUBJECTS = {Source.SURVEY: SubjectType.ANSWER, Source.CONVERSATION: SubjectType.CONVERSATION}


def _points_of_blocks(keys: list[str]) -> dict[str, Mapping[str, Any] | None]:
    return {key: point(*centre) for key, centre in block_centres(keys).items()}


def heat_layer(session: DbSession, filters: MapFilter, *, threshold: int, suppress: bool) -> MapLayer:
    """Distinct responses and conversations per 100 m block, suppressed, with each block at its centre."""
    counts = source_counts(session, MapLevel.BLOCK, filters)
    keys = sorted(counts)
    table = disclose_list(counts, keys, threshold=threshold, suppress=suppress)
    figures = figures_from_list(table, {}, _points_of_blocks(keys))
    breaks = class_breaks([figure.count.value for figure in figures if not figure.count.hidden], whole=True)
    return MapLayer(MapLevel.BLOCK, Measure.COUNT, figures, threshold, suppress, breaks)


def theme_filter(theme_id: int, filters: MapFilter) -> ThemeFilter:
    """The theme aggregation's filter for one theme under the map's line, source and period filters."""
    return ThemeFilter(
        sources=[SUBJECTS[source] for source in filters.sources],
        lines=filters.lines,
        since=filters.since,
        until=filters.until,
        theme_ids=[theme_id],
    )


def theme_layer(
    session: DbSession, theme_id: int, level: MapLevel, filters: MapFilter, *, threshold: int, suppress: bool
) -> MapLayer:
    """Where one theme is raised: distinct sources (responses, conversations, activities) per block or street."""
    if level not in (MapLevel.BLOCK, MapLevel.STREET):
        raise ValueError(f"the theme map is drawn per block or per street, not per {level}")
    dimension = Dimension.BLOCK if level is MapLevel.BLOCK else Dimension.STREET
    counts = {
        count.key: count.sources
        for count in theme_counts(session, dimension, theme_filter(theme_id, filters))
        if count.key  # sources without a place cannot be drawn
    }
    keys = sorted(counts)
    table = disclose_list(counts, keys, threshold=threshold, suppress=suppress)
    if level is MapLevel.BLOCK:
        geometries = _points_of_blocks(keys)
    else:
        shown = [key for key in keys if not table.cell(key, None).hidden]
        # A street is drawn at the centre of the block that holds its mean point: no finer than a block.
        geometries = {
            street: point(*block_centre(block))
            for street, (lat, lon) in street_places(session, shown).items()
            if (block := block_id(lat, lon)) is not None
        }
    figures = figures_from_list(table, {}, geometries)
    breaks = class_breaks([figure.count.value for figure in figures if not figure.count.hidden], whole=True)
    return MapLayer(level, Measure.COUNT, figures, threshold, suppress, breaks)


def areas(session: DbSession, level: MapLevel) -> dict[str, tuple[str, Mapping[str, Any]]]:
    """Code -> (name, GeoJSON geometry) of every wijk or buurt on the newest boundaries, ordered by code."""
    model: type[Wijk] | type[Buurt] = Wijk if level is MapLevel.WIJK else Buurt
    year = session.scalar(select(func.max(model.boundary_year)))
    rows = session.execute(
        select(model.code, model.name, model.geometry_geojson).where(model.boundary_year == year).order_by(model.code)
    ).all()
    return {code: (name, json.loads(geometry)) for code, name, geometry in rows}


def _years(values: list[int]) -> int | None:
    return max(values) if values else None


def choropleth_layer(
    session: DbSession, choice: ChoroplethChoice, *, threshold: int, suppress: bool
) -> tuple[MapLayer, int | None]:
    """The choropleth of one measure per wijk or buurt, and the year it shows (rates and means are per year)."""
    if choice.level not in (MapLevel.WIJK, MapLevel.BUURT):
        raise ValueError(f"a choropleth is drawn per wijk or per buurt, not per {choice.level}")
    shapes = areas(session, choice.level)
    codes = list(shapes)
    names = {code: name for code, (name, _geometry) in shapes.items()}
    geometries = {code: geometry for code, (_name, geometry) in shapes.items()}
    level = AreaLevel.WIJK if choice.level is MapLevel.WIJK else AreaLevel.BUURT
    year = choice.year
    values: dict[str, float | None] | None = None
    if choice.measure is Measure.COUNT:
        found = source_counts(session, choice.level, choice.filters)
        counts = {code: found[code] for code in codes if code in found}
        table = disclose_list(counts, codes, threshold=threshold, suppress=suppress, total=True)
    elif choice.measure is Measure.RESPONSE_RATE:
        rates = [rate for rate in response_rates(session, level) if rate.band == "all"]
        year = year or _years([rate.year for rate in rates])
        chosen = {rate.area_code: rate for rate in rates if rate.year == year and rate.area_code in names}
        counts = {code: rate.responses for code, rate in chosen.items()}
        values = {code: rate.rate if rate.residents else None for code, rate in chosen.items()}
        table = disclose_list(counts, codes, threshold=threshold, suppress=suppress, total=True)
    elif choice.measure is Measure.INDICATOR_MEAN:
        means = [mean for mean in indicator_means(session, level) if mean.indicator == choice.indicator]
        year = year or _years([mean.year for mean in means])
        picked = {mean.area_code: mean for mean in means if mean.year == year and mean.area_code in names}
        counts = {code: mean.n for code, mean in picked.items()}
        values = {code: mean.mean for code, mean in picked.items()}
        # No total of the answers is shown beside the means, so only the small means themselves are hidden.
        table = disclose_list(counts, codes, threshold=threshold, suppress=suppress)
    else:
        return _theme_share_layer(session, choice, codes, names, geometries, threshold, suppress), year
    figures = figures_from_list(table, names, geometries, values)
    shown = [figure.value for figure in figures if figure.value is not None and not figure.count.hidden]
    breaks = class_breaks(shown, whole=choice.measure is Measure.COUNT)
    total = table.column_totals.get(None)
    return MapLayer(choice.level, choice.measure, figures, threshold, suppress, breaks, total), year


def _theme_share_layer(
    session: DbSession,
    choice: ChoroplethChoice,
    codes: list[str],
    names: Mapping[str, str],
    geometries: Mapping[str, Mapping[str, Any]],
    threshold: int,
    suppress: bool,
) -> MapLayer:
    """Share of an area's coded sources that raise the theme: the theme aggregation's suppressed table with the
    theme's sources per area as cells and the coded sources per area as column totals."""
    if choice.theme_id is None:
        raise ValueError("a theme share needs a theme")
    dimension = Dimension.WIJK if choice.level is MapLevel.WIJK else Dimension.BUURT
    filters = theme_filter(choice.theme_id, choice.filters)
    every_theme = ThemeFilter(sources=filters.sources, lines=filters.lines, since=filters.since, until=filters.until)
    table = theme_table(
        session,
        dimension,
        every_theme,
        threshold=threshold,
        suppress=suppress,
        theme_order=[choice.theme_id],
        columns=codes,
    )
    figures = []
    for code in codes:
        cell, base = table.cell(choice.theme_id, code), table.column_totals[code]
        share = cell.value / base.value if base.value and not (cell.hidden or base.hidden) else None
        figures.append(MapFigure(code, names[code], cell, share, geometries[code], base=base))
    breaks = class_breaks([figure.value for figure in figures if figure.value is not None], whole=False)
    return MapLayer(choice.level, choice.measure, tuple(figures), threshold, suppress, breaks)
