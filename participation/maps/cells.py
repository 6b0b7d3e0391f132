"""Multi-level map cells that nest in buurten, and the one suppressed buurt/wijk table every map page shares.

Why cells nest: the map pages publish, for one set of filters, the cells of the heat map, the counts per buurt and
per wijk (with a total) and the counts per street. A figure hidden on one of them must not come out of the others
by subtraction. So the published figures form one hierarchy instead of overlapping views:

- *wijk and buurt*: one table with the wijken as rows and their buurten as cells, the wijk counts as row totals and
  the grand total (``area_table``); complementary suppression then holds for the buurt page and the wijk page
  together, since a wijk page's figure is a row total of the very table the buurt page shows the cells of.
- *cells*: a cell is an RD-aligned square of 100, 200, 400, 800 or 1600 m *intersected with one buurt* (keyed by
  buurt and square). Cells are drawn only inside buurten whose count is shown, so the cells of a buurt are a
  partition of part of a shown figure and never reach into a hidden one.
- *residual aggregation*: a source is drawn at the finest level whose cell, counting only the sources not drawn
  at a finer level, holds at least k; drawn cells are disjoint, so no cell can be subtracted from another.
- *the buurt's undrawn remainder* (its count minus its drawn cells, which anyone can compute) is 0 or at least k.
- *bounds*: a reader who knows this algorithm knows that a square left undrawn inside a drawn parent held fewer
  than k. When every non-empty child of a parent sits at that bound (k-1), the parent's count would pin each of
  them, so such a parent is not drawn at that level ("tight"); its sources go one level up. The same holds for
  the remainder of a buurt: when everything undrawn sits at its bound, the smallest drawn cell is left undrawn.

tests/maps/test_differencing.py checks all of this with linear programming over every published figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from participation.disclosure import DisclosedTable, disclose_list, disclose_table
from participation.geo.blocks import parse_block_id

LEVELS_M = (100, 200, 400, 800, 1600)
Square = tuple[int, int]  # south-west corner in RD New metres


def parent_square(x: int, y: int, size: int) -> Square:
    """The corner of the RD-aligned square of ``size`` metres that holds the point (or block corner) x, y."""
    return (x // size) * size, (y // size) * size


def cell_key(buurt: str, size: int, square: Square) -> str:
    return f"{buurt}-{size}-E{square[0]}N{square[1]}"


@dataclass(frozen=True)
class DrawnCell:
    """A square of ``size`` metres intersected with a buurt, and the sources drawn in it (at least k)."""

    buurt: str
    size: int
    x: int
    y: int
    count: int

    @property
    def key(self) -> str:
        return cell_key(self.buurt, self.size, (self.x, self.y))


@dataclass
class BuurtCells:
    """What one buurt shows on the cell map: its drawn cells and the sources it does not draw."""

    buurt: str
    total: int
    cells: list[DrawnCell] = field(default_factory=list)

    @property
    def undrawn(self) -> int:
        return self.total - sum(cell.count for cell in self.cells)


@dataclass(frozen=True)
class _Residual:
    count: int
    tight: bool  # its count equals the largest a reader who knows the algorithm could infer for it


def _cells_of_buurt(buurt: str, blocks: Mapping[Square, int], total: int, threshold: int) -> BuurtCells:
    """Residual aggregation bottom-up through LEVELS_M, then the remainder rule (see the module's docstring).

    ``blocks`` holds the 100 m blocks' counts; ``total`` the buurt's count, which may exceed their sum by sources
    with a buurt but no block (they are never drawn)."""
    result = BuurtCells(buurt, total)
    k = threshold
    # The squares of the previous level that were not drawn, with what is left in them.
    residual: dict[Square, _Residual] = {}
    for size in LEVELS_M:
        groups: dict[Square, list[_Residual]] = defaultdict(list)
        if size == LEVELS_M[0]:
            for square, count in blocks.items():
                if count > 0:
                    # A block's own count: a reader bounds it by k-1 only once it is seen undrawn.
                    groups[parent_square(*square, size)].append(_Residual(count, False))
        else:
            for square, left in residual.items():
                groups[parent_square(*square, size)].append(left)
        residual = {}
        for square, children in sorted(groups.items()):
            count = sum(child.count for child in children)
            every_child_tight = size != LEVELS_M[0] and all(child.tight for child in children)
            if count >= k and not every_child_tight:
                result.cells.append(DrawnCell(buurt, size, square[0], square[1], count))
            else:
                # Undrawn because small: a reader knows it holds at most k-1, and it sits there when it is k-1.
                # Undrawn because every child is tight: it is as tight as they are.
                residual[square] = _Residual(count, count == k - 1 if count < k else True)
    remainder_tight = bool(residual) and all(left.tight for left in residual.values())
    undrawn = result.undrawn
    if result.cells and (0 < undrawn < k or (remainder_tight and undrawn == sum(r.count for r in residual.values()))):
        # One cell of at least k that is not tight makes the remainder at least k and not pinned. Only a cell
        # that no coarser drawn cell holds: a coarser cell counts what its square holds less the finer cells drawn
        # in it, and a reader must be able to tell which those are.
        outermost = [cell for cell in result.cells if not _held_by_another(cell, result.cells)]
        smallest = min(outermost, key=lambda cell: (cell.count, -cell.size, cell.x, cell.y))
        result.cells.remove(smallest)
    return result


def _held_by_another(cell: DrawnCell, cells: Sequence[DrawnCell]) -> bool:
    return any(
        other.size > cell.size and parent_square(cell.x, cell.y, other.size) == (other.x, other.y) for other in cells
    )


def nested_cells(
    counts: Mapping[tuple[str, str | None], int],
    shown_buurten: Mapping[str, int],
    threshold: int,
) -> dict[str, BuurtCells]:
    """The cells of every shown buurt from counts per (buurt, 100 m block id or None), with ``shown_buurten`` the
    buurt counts the buurt page shows (only buurten whose count is shown draw cells)."""
    per_buurt: dict[str, dict[Square, int]] = defaultdict(dict)
    for (buurt, block), count in counts.items():
        if buurt in shown_buurten and block is not None:
            square = parse_block_id(block)
            per_buurt[buurt][square] = per_buurt[buurt].get(square, 0) + count
    return {
        buurt: _cells_of_buurt(buurt, per_buurt.get(buurt, {}), total, threshold)
        for buurt, total in sorted(shown_buurten.items())
    }


def area_table(
    buurt_counts: Mapping[str, int],
    wijk_of: Mapping[str, str],
    *,
    threshold: int,
    suppress: bool,
) -> DisclosedTable[str, str]:
    """Sources per buurt as one table with a row per wijk (its buurten as cells, the wijk count as row total) and
    the grand total: suppressed once, it gives the buurt page its cells and the wijk page its row totals.

    ``wijk_of`` lists every buurt (with no sources too) and its wijk; a buurt of no known wijk cannot be placed and
    is left out. Columns have no equation: a buurt lies in one wijk, so its column would repeat its one cell.
    """
    wijken = sorted(set(wijk_of.values()))
    buurten = sorted(wijk_of)
    counts = {(wijk_of[buurt], buurt): n for buurt, n in buurt_counts.items() if buurt in wijk_of and n}
    return disclose_table(
        counts, wijken, buurten, threshold=threshold, suppress=suppress, row_totals=True, grand_total=True
    )


def shown_buurt_counts(table: DisclosedTable[str, str], wijk_of: Mapping[str, str]) -> dict[str, int]:
    """The buurten whose count the table shows, with that count."""
    shown = {}
    for buurt, wijk in wijk_of.items():
        cell = table.cell(wijk, buurt)
        if not cell.hidden:
            shown[buurt] = cell.value
    return shown


def street_table(
    cell: DrawnCell, counts: Mapping[str, int], *, threshold: int, suppress: bool
) -> DisclosedTable[str, None] | None:
    """The streets of one drawn 100 m cell, suppressed with the cell's count as their total; None when the cell
    shows no streets.

    Only 100 m cells are split by street: a coarser cell holds undrawn squares that a reader knows to be small, and
    a split by street cuts across them (one street's count can then pin them). The sources of a 100 m cell take
    part in no hidden figure, so its streets can only give away each other: when protecting them would hide the
    cell's count itself, which the map shows, no street of it is shown at all."""
    if cell.size != LEVELS_M[0]:
        return None
    table = disclose_list(counts, sorted(counts), threshold=threshold, suppress=suppress, total=cell.count)
    total = table.column_totals.get(None)
    return None if total is not None and total.hidden else table


@dataclass(frozen=True)
class Coverage:
    """How much of what is located the cell map draws: in total and per level (cell size in metres)."""

    located: int
    per_level: Mapping[int, int]
    # Sources with a map point (a 100 m block): only these can be drawn in a square; the rest are known by buurt.
    with_point: int = 0

    @property
    def drawn(self) -> int:
        return sum(self.per_level.values())

    @property
    def share_drawn(self) -> float:
        return self.drawn / self.located if self.located else 0.0

    @property
    def share_finest(self) -> float:
        return self.per_level.get(LEVELS_M[0], 0) / self.located if self.located else 0.0

    @property
    def share_of_points_drawn(self) -> float:
        return self.drawn / self.with_point if self.with_point else 0.0

    @property
    def share_of_points_finest(self) -> float:
        return self.per_level.get(LEVELS_M[0], 0) / self.with_point if self.with_point else 0.0


def coverage_of(buurten: Iterable[BuurtCells], located: int, with_point: int = 0) -> Coverage:
    per_level = dict.fromkeys(LEVELS_M, 0)
    for buurt in buurten:
        for cell in buurt.cells:
            per_level[cell.size] += cell.count
    return Coverage(located, per_level, with_point)


def drawn_cells(buurten: Iterable[BuurtCells]) -> Sequence[DrawnCell]:
    return [cell for buurt in buurten for cell in buurt.cells]
