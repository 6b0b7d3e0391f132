"""The three kinds of map as suppressed layers: the cell heat map, the choropleths per wijk and buurt, and the
theme map per cell and per street.

Views and totals: for one set of filters the cell map, the count choropleths per buurt and per wijk (with their
total) and the street map publish one hierarchy of figures (``participation.maps.cells``): the wijk and buurt
counts come from one suppressed table, cells nest in shown buurten, and streets are shown only within drawn 100 m
cells, with that cell's count as their total. So no figure hidden on one page can be worked out from the others
(tests/maps/test_differencing.py). The choropleths of response rates and of indicator means rest on other counts
(a year's responses, a question's answers); per measure and year their buurt and wijk pages share one suppressed
table in the same way (``nested_area_table``).

The theme share's numerators are the count choropleth's figures with the theme as filter, taken from that filter's
buurt/wijk table, so a figure hidden on the theme's count, cell or street map is hidden on the share page too. Its
denominators (the coded sources per area under the same filters) are a buurt/wijk table of their own; a share is
shown only where both are.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from shapely.geometry import shape
from sqlalchemy import func, select

from participation.disclosure import Cell, DisclosedTable, disclose_table
from participation.indicators.means import AreaLevel, indicator_means
from participation.indicators.weighting import response_rates
from participation.maps.cells import (
    LEVELS_M,
    BuurtCells,
    area_table,
    coverage_of,
    nested_cells,
    shown_buurt_counts,
    street_table,
)
from participation.maps.filters import ChoroplethChoice, MapFilter, MapLevel, Measure
from participation.maps.geometry import cell_outline
from participation.maps.layers import MapFigure, MapLayer, class_breaks, point
from participation.maps.queries import source_groups
from participation.models import Buurt, Wijk
from participation.models.base import DbSession


@dataclass(frozen=True)
class Areas:
    """The newest boundaries: each buurt's wijk, the names, and the buurt outlines as stored GeoJSON text."""

    wijk_of: dict[str, str]
    names: dict[str, str]
    outlines: dict[str, str]


def newest_areas(session: DbSession, buurten: set[str] | None = None) -> Areas:
    """Buurten and wijken of the newest boundaries; outlines only of ``buurten`` (all when None)."""
    year = session.scalar(select(func.max(Buurt.boundary_year)))
    rows = session.execute(
        select(Buurt.code, Buurt.name, Wijk.code, Wijk.name)
        .join(Wijk, Wijk.id == Buurt.wijk_id)
        .where(Buurt.boundary_year == year)
    ).all()
    wijk_of = {buurt: wijk for buurt, _name, wijk, _wijk_name in rows}
    names = {buurt: name for buurt, name, _wijk, _wijk_name in rows}
    names.update({wijk: name for _buurt, _name, wijk, name in rows})
    outline_query = select(Buurt.code, Buurt.geometry_geojson).where(Buurt.boundary_year == year)
    if buurten is not None:
        outline_query = outline_query.where(Buurt.code.in_(sorted(buurten)))
    outlines = {code: geometry for code, geometry in session.execute(outline_query).all()}
    return Areas(wijk_of, names, outlines)


@dataclass(frozen=True)
class Hierarchy:
    """One filter's published figures below the wijk: the suppressed buurt/wijk table, the cells of the shown
    buurten, and how many sources are located at all."""

    table: DisclosedTable[str, str]
    wijk_of: dict[str, str]
    cells: dict[str, BuurtCells]
    located: int
    groups: dict[tuple[str | None, ...], int]

    @property
    def with_point(self) -> int:
        """Sources with a 100 m block: the ones a square can hold."""
        return sum(count for key, count in self.groups.items() if key[1] is not None)


def hierarchy(
    session: DbSession, filters: MapFilter, *, threshold: int, suppress: bool, by_street: bool = False
) -> Hierarchy:
    """Counts per buurt, 100 m block (and street) in one query, suppressed as one hierarchy (module docstring).

    An admin (no suppression) sees every block as a 100 m cell and every buurt as it is."""
    levels = (MapLevel.BUURT, MapLevel.BLOCK, MapLevel.STREET) if by_street else (MapLevel.BUURT, MapLevel.BLOCK)
    groups = source_groups(session, levels, filters)
    areas = newest_areas(session, set())
    table, cells = _suppressed(groups, areas.wijk_of, threshold=threshold, suppress=suppress, with_cells=True)
    return Hierarchy(table, areas.wijk_of, cells, sum(groups.values()), groups)


def _suppressed(
    groups: Mapping[tuple[str | None, ...], int],
    wijk_of: Mapping[str, str],
    *,
    threshold: int,
    suppress: bool,
    with_cells: bool,
) -> tuple[DisclosedTable[str, str], dict[str, BuurtCells]]:
    """The buurt/wijk table of counts keyed by buurt (and block), and with ``with_cells`` the shown buurten's
    cells."""
    buurt_counts: dict[str, int] = defaultdict(int)
    block_counts: dict[tuple[str, str | None], int] = defaultdict(int)
    for key, count in groups.items():
        buurt, block = key[0], key[1] if len(key) > 1 else None
        if buurt is not None:
            buurt_counts[buurt] += count
            block_counts[(buurt, block)] += count
    table = area_table(buurt_counts, wijk_of, threshold=threshold, suppress=suppress)
    if not with_cells:
        return table, {}
    shown = shown_buurt_counts(table, wijk_of)
    return table, nested_cells(block_counts, shown, threshold if suppress else 1)


def area_counts(
    session: DbSession, filters: MapFilter, *, threshold: int, suppress: bool
) -> tuple[DisclosedTable[str, str], dict[str, str]]:
    """Only the buurt/wijk table of ``hierarchy`` (the same figures, hidden alike) and each buurt's wijk, from one
    query grouped by buurt only: for pages that show no cells."""
    groups = source_groups(session, (MapLevel.BUURT,), filters)
    wijk_of = newest_areas(session, set()).wijk_of
    table, _cells = _suppressed(groups, wijk_of, threshold=threshold, suppress=suppress, with_cells=False)
    return table, wijk_of


def area_figure(table: DisclosedTable[str, str], wijk_of: Mapping[str, str], level: MapLevel, code: str) -> Cell:
    """A buurt's cell or a wijk's row total of the buurt/wijk table (0 for an area without sources)."""
    if level is MapLevel.BUURT:
        return table.cell(wijk_of[code], code) if code in wijk_of else Cell(0)
    return table.row_totals.get(code, Cell(0))


def _cell_figures(found: Hierarchy, areas: Areas) -> list[MapFigure]:
    figures = []
    for buurt in found.cells.values():
        outline = areas.outlines.get(buurt.buurt)
        for cell in sorted(buurt.cells, key=lambda cell: (cell.buurt, -cell.size, cell.y, cell.x)):
            geometry = cell_outline(outline, cell.x, cell.y, cell.size) if outline else None
            name = areas.names.get(cell.buurt, cell.buurt)
            figures.append(MapFigure(cell.key, name, Cell(cell.count), float(cell.count), geometry, size=cell.size))
    return figures


def cell_layer(session: DbSession, filters: MapFilter, *, threshold: int, suppress: bool) -> MapLayer:
    """Distinct responses and conversations per cell: squares of 100 m to 1600 m within shown buurten, each source
    at the finest level that is safe (``participation.maps.cells``); undrawn sources are not on the map."""
    found = hierarchy(session, filters, threshold=threshold, suppress=suppress)
    drawn = {buurt for buurt, cells in found.cells.items() if cells.cells}
    figures = _cell_figures(found, newest_areas(session, drawn))
    breaks = class_breaks([figure.count.value for figure in figures], whole=True)
    coverage = coverage_of(found.cells.values(), found.located, found.with_point)
    return MapLayer(MapLevel.CELL, Measure.COUNT, tuple(figures), threshold, suppress, breaks, coverage=coverage)


def street_layer(session: DbSession, filters: MapFilter, *, threshold: int, suppress: bool) -> MapLayer:
    """Distinct sources per street within each drawn 100 m cell, with the cell's count as the streets' total: a
    street is shown only where it nests in the cell map (see ``participation.maps.cells.street_table``)."""
    found = hierarchy(session, filters, threshold=threshold, suppress=suppress, by_street=True)
    per_block: dict[tuple[str | None, str | None], dict[str, int]] = defaultdict(dict)
    for key, total in found.groups.items():
        if key[2]:
            per_block[(key[0], key[1])][key[2]] = total
    streets = []
    for cells in found.cells.values():
        for cell in cells.cells:
            if cell.size != LEVELS_M[0]:
                continue
            counts = per_block.get((cell.buurt, f"E{cell.x}N{cell.y}"), {})
            table = street_table(cell, counts, threshold=threshold, suppress=suppress) if counts else None
            if table is not None:
                streets.append((cell, table))
    areas = newest_areas(session, {cell.buurt for cell, _table in streets})
    figures = []
    for cell, table in streets:
        outline = areas.outlines.get(cell.buurt)
        outline_shape = shape(dict(cell_outline(outline, cell.x, cell.y, cell.size))) if outline else None
        centre = outline_shape.representative_point() if outline_shape is not None else None
        for street in table.rows:
            figure = table.cell(street, None)
            # A hidden street gets no place: its point would point at its few sources.
            geometry = point(centre.y, centre.x) if centre is not None and not figure.hidden else None
            value = None if figure.hidden else float(figure.value)
            figures.append(MapFigure(f"{cell.key}/{street}", street, figure, value, geometry, size=cell.size))
    breaks = class_breaks([f.count.value for f in figures if not f.count.hidden], whole=True)
    coverage = coverage_of(found.cells.values(), found.located, found.with_point)
    return MapLayer(MapLevel.STREET, Measure.COUNT, tuple(figures), threshold, suppress, breaks, coverage=coverage)


def theme_layer(
    session: DbSession, theme_id: int, level: MapLevel, filters: MapFilter, *, threshold: int, suppress: bool
) -> MapLayer:
    """Where one theme is raised: the cell map or the street map of the sources (responses and conversations)
    coded with the theme, so that it nests with the count choropleths of the same theme filter."""
    themed = replace(filters, theme_id=theme_id)
    if level in (MapLevel.CELL, MapLevel.BLOCK):
        return cell_layer(session, themed, threshold=threshold, suppress=suppress)
    if level is MapLevel.STREET:
        return street_layer(session, themed, threshold=threshold, suppress=suppress)
    raise ValueError(f"the theme map is drawn per cell or per street, not per {level}")


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
    if choice.measure is Measure.COUNT:
        return _count_layer(session, choice, names, geometries, threshold, suppress), year
    if choice.measure is Measure.THEME_SHARE:
        return _theme_share_layer(session, choice, codes, names, geometries, threshold, suppress), year
    counts: dict[AreaLevel, dict[str, int]] = {}
    values: dict[str, float | None] = {}
    if choice.measure is Measure.RESPONSE_RATE:
        rates = {
            area: [rate for rate in response_rates(session, area) if rate.band == "all"]
            for area in (AreaLevel.BUURT, AreaLevel.WIJK)
        }
        year = year or _years([rate.year for rate in rates[level]])
        counts = {
            area: {rate.area_code: rate.responses for rate in found if rate.year == year}
            for area, found in rates.items()
        }
        values = {rate.area_code: rate.rate if rate.residents else None for rate in rates[level] if rate.year == year}
    else:
        means = {
            area: [mean for mean in indicator_means(session, area) if mean.indicator == choice.indicator]
            for area in (AreaLevel.BUURT, AreaLevel.WIJK)
        }
        year = year or _years([mean.year for mean in means[level]])
        counts = {
            area: {mean.area_code: mean.n for mean in found if mean.year == year} for area, found in means.items()
        }
        values = {mean.area_code: mean.mean for mean in means[level] if mean.year == year}
    wijk_of = newest_areas(session, set()).wijk_of
    table = nested_area_table(
        counts[AreaLevel.BUURT], counts[AreaLevel.WIJK], wijk_of, threshold=threshold, suppress=suppress
    )
    figures = []
    for code in codes:
        cell = area_figure(table, wijk_of, choice.level, code)
        figures.append(MapFigure(code, names[code], cell, None if cell.hidden else values.get(code), geometries[code]))
    shown = [figure.value for figure in figures if figure.value is not None]
    breaks = class_breaks(shown, whole=False)
    # No total of the answers is shown beside means; the rates show the responses of every wijk together.
    total = table.grand_total if choice.measure is Measure.RESPONSE_RATE else None
    return MapLayer(choice.level, choice.measure, tuple(figures), threshold, suppress, breaks, total), year


def nested_area_table(
    buurt_counts: Mapping[str, int],
    wijk_counts: Mapping[str, int],
    wijk_of: Mapping[str, str],
    *,
    threshold: int,
    suppress: bool,
) -> DisclosedTable[str, str]:
    """One table of a rate's responses or a mean's answers with the buurten as cells and the wijken as row totals:
    the buurt page and the wijk page of the measure show its cells and its row totals, so a wijk's count less its
    shown buurten cannot pin a hidden one (as with the count choropleths). A wijk's own count is its row total:
    it can hold answers placed in the wijk only, which leaves a reader less to subtract, not more."""
    wijken = sorted(set(wijk_of.values()))
    cells = {(wijk_of[buurt], buurt): n for buurt, n in buurt_counts.items() if buurt in wijk_of and n}
    row_totals = {wijk: wijk_counts.get(wijk, 0) for wijk in wijken}
    return disclose_table(
        cells,
        wijken,
        sorted(wijk_of),
        threshold=threshold,
        suppress=suppress,
        row_totals=row_totals,
        grand_total=sum(row_totals.values()),
    )


def _count_layer(
    session: DbSession,
    choice: ChoroplethChoice,
    names: Mapping[str, str],
    geometries: Mapping[str, Mapping[str, Any]],
    threshold: int,
    suppress: bool,
) -> MapLayer:
    """Sources per buurt or per wijk from the one buurt/wijk table that the cell map and the other level's page
    share: the buurt page shows its cells, the wijk page its row totals, both its grand total."""
    found = hierarchy(session, choice.filters, threshold=threshold, suppress=suppress)
    table = found.table
    figures = []
    for code, name in names.items():
        cell = area_figure(table, found.wijk_of, choice.level, code)
        value = None if cell.hidden else float(cell.value)
        figures.append(MapFigure(code, name, cell, value, geometries.get(code)))
    breaks = class_breaks([f.count.value for f in figures if not f.count.hidden], whole=True)
    coverage = coverage_of(found.cells.values(), found.located, found.with_point)
    return MapLayer(
        choice.level, choice.measure, tuple(figures), threshold, suppress, breaks, table.grand_total, coverage
    )


def _theme_share_layer(
    session: DbSession,
    choice: ChoroplethChoice,
    codes: list[str],
    names: Mapping[str, str],
    geometries: Mapping[str, Mapping[str, Any]],
    threshold: int,
    suppress: bool,
) -> MapLayer:
    """Share of an area's coded sources that raise the theme (responses and conversations, as every map counts).

    The numerator is the count choropleth's figure with the theme as filter (the same buurt/wijk table as that
    filter's cell, buurt, wijk and street pages), so it is hidden here wherever it is hidden there. The
    denominator, the sources coded with any theme under the same filters, is a buurt/wijk table of its own. A
    share, and with it the two counts, is shown only where both are shown (``MapFigure.status``)."""
    if choice.theme_id is None:
        raise ValueError("a theme share needs a theme")
    themed, every_theme = replace(choice.filters, theme_id=choice.theme_id), replace(choice.filters, coded=True)
    raised, wijk_of = area_counts(session, themed, threshold=threshold, suppress=suppress)
    coded, _wijk_of = area_counts(session, every_theme, threshold=threshold, suppress=suppress)
    figures = []
    for code in codes:
        cell = area_figure(raised, wijk_of, choice.level, code)
        base = area_figure(coded, wijk_of, choice.level, code)
        share = cell.value / base.value if base.value and not (cell.hidden or base.hidden) else None
        figures.append(MapFigure(code, names[code], cell, share, geometries[code], base=base))
    breaks = class_breaks([figure.value for figure in figures if figure.value is not None], whole=False)
    return MapLayer(choice.level, choice.measure, tuple(figures), threshold, suppress, breaks)
