"""Small-count suppression for every table, map and export the bureau and residents see.

A figure that rests on fewer than k people can point at a person, so it is hidden (for whom and at which k is
``DisclosurePolicy``'s to say: this module knows no roles). Hiding it is not enough when totals are shown beside
it: a row with one hidden cell and a shown total gives the hidden value away by subtraction. So other cells are
hidden as well (complementary suppression) until no hidden value can be worked out from what is shown in the same
view.

How a table is protected, in three rules applied again and again until none of them hides anything more:

1. *Line rule*: a row or column (with its total) never has exactly one hidden cell; its smallest other is hidden.
2. *Cycle rule*: every row, column and total is a linear equation; a hidden cell can be worked out exactly if and
   only if it is a *bridge* in the graph whose nodes are the lines and whose edges are the hidden cells. A bridge
   is closed into a cycle by hiding the cheapest chain of shown cells between its two ends.
3. *Bounds rule*: readers know a cell marked "fewer than k" holds 1 to k-1 and another hidden cell at least k.
   When such bounds pin a value within one line (two hidden 4s beside a total that leaves 8), one more is hidden.

Decisions: a 0 is shown (it rests on nobody) and never hidden to protect another cell, since a hidden 0 would
turn "the hidden cells of this row hold n people" into "this cell holds n". Totals count distinct respondents and
need not be the sums of their cells; they are treated as if they were, which can only hide more. Cells hidden
because they are small carry ``Reason.SMALL`` ("fewer than k"); cells hidden to protect them carry
``Reason.COMPLEMENT`` ("hidden"): they are not small, so "fewer than k" would be false. Inference that combines
bounds across several lines at once (linear programming) is not ruled out.
"""

from __future__ import annotations

import enum
import heapq
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)

INFINITY = float("inf")

Position = tuple[int, int]  # (row index, column index); the index one past the last row or column is the total
Node = tuple[str, int]
GROUND: Node = ("ground", 0)  # stands for every line whose total is not part of the view (no equation)


class Reason(enum.StrEnum):
    """Why a cell is hidden."""

    SMALL = "small"  # 0 < n < k: the cell itself rests on too few people
    COMPLEMENT = "complement"  # hidden so that a small cell cannot be worked out from shown figures


@dataclass(frozen=True)
class Cell:
    """One figure of a table as a viewer may see it: ``value`` is the true count, use ``shown`` to display it."""

    value: int
    reason: Reason | None = None

    @property
    def hidden(self) -> bool:
        return self.reason is not None

    @property
    def small(self) -> bool:
        """Hidden because it is fewer than k: templates show "fewer than k"."""
        return self.reason is Reason.SMALL

    @property
    def shown(self) -> int | None:
        """The figure to display, or None when it is hidden."""
        return None if self.hidden else self.value


@dataclass(frozen=True)
class DisclosedTable(Generic[R, C]):
    """A table of counts after suppression. Totals that are not part of the view are empty or None."""

    rows: tuple[R, ...]
    columns: tuple[C, ...]
    cells: Mapping[tuple[R, C], Cell]
    row_totals: Mapping[R, Cell]
    column_totals: Mapping[C, Cell]
    grand_total: Cell | None
    threshold: int
    suppressed: bool

    def cell(self, row: R, column: C) -> Cell:
        return self.cells[(row, column)]

    def every_cell(self) -> Iterator[Cell]:
        """Every figure of the view, totals included: for exports and for checks that nothing small is shown."""
        yield from self.cells.values()
        yield from self.row_totals.values()
        yield from self.column_totals.values()
        if self.grand_total is not None:
            yield self.grand_total

    @property
    def hidden_count(self) -> int:
        return sum(1 for cell in self.every_cell() if cell.hidden)


def disclose_table(
    counts: Mapping[tuple[R, C], int],
    rows: Sequence[R],
    columns: Sequence[C],
    *,
    threshold: int,
    suppress: bool = True,
    row_totals: Mapping[R, int] | bool = False,
    column_totals: Mapping[C, int] | bool = False,
    grand_total: int | bool = False,
    hide_column_totals: Collection[C] = (),
    hide_grand_total: bool = False,
) -> DisclosedTable[R, C]:
    """Suppress a table of distinct-respondent counts for one view.

    ``counts`` misses cells that are 0. A total is part of the view when given: as a mapping of counts of distinct
    respondents, or ``True`` for the sum of the cells. Without ``suppress`` every value is returned as it is.
    ``hide_column_totals`` and ``hide_grand_total`` hide totals from the start, because another table of the same
    page shows the same totals and hides them (see ``participation.indicators.reach``).
    """
    grid = _Grid(len(rows), len(columns), threshold)
    row_index = {row: i for i, row in enumerate(rows)}
    column_index = {column: j for j, column in enumerate(columns)}
    for (row, column), value in counts.items():
        grid.put((row_index[row], column_index[column]), value)
    for i in range(grid.rows):
        for j in range(grid.columns):
            grid.values.setdefault((i, j), 0)
    if row_totals is not False:
        grid.row_equations = True
        for row, i in row_index.items():
            total = grid.row_sum(i) if row_totals is True else row_totals.get(row, 0)
            grid.put((i, grid.columns), total)
    if column_totals is not False:
        grid.column_equations = True
        for column, j in column_index.items():
            total = grid.column_sum(j) if column_totals is True else column_totals.get(column, 0)
            grid.put((grid.rows, j), total)
    if grand_total is not False:
        grid.grand = True
        grid.put((grid.rows, grid.columns), grid.cell_sum() if grand_total is True else int(grand_total))
    if suppress:
        for column in hide_column_totals:
            if column_totals is not False and column in column_index:
                grid.preset.add((grid.rows, column_index[column]))
        if hide_grand_total and grand_total is not False:
            grid.preset.add((grid.rows, grid.columns))
        grid.suppress()

    def cell(position: Position) -> Cell:
        return Cell(grid.values[position], grid.hidden.get(position))

    return DisclosedTable(
        rows=tuple(rows),
        columns=tuple(columns),
        cells={(row, column): cell((i, j)) for row, i in row_index.items() for column, j in column_index.items()},
        row_totals={row: cell((i, grid.columns)) for row, i in row_index.items()} if grid.row_equations else {},
        column_totals=(
            {column: cell((grid.rows, j)) for column, j in column_index.items()} if grid.column_equations else {}
        ),
        grand_total=cell((grid.rows, grid.columns)) if grid.grand else None,
        threshold=threshold,
        suppressed=suppress,
    )


def disclose_list(
    counts: Mapping[R, int],
    keys: Sequence[R],
    *,
    threshold: int,
    suppress: bool = True,
    total: int | bool = False,
) -> DisclosedTable[R, None]:
    """Suppress a one-column list (e.g. respondents per theme, with the total of distinct respondents): a table
    with a single column whose total is ``total``. Read it back with ``table.cell(key, None)``."""
    return disclose_table(
        {(key, None): value for key, value in counts.items()},
        keys,
        [None],
        threshold=threshold,
        suppress=suppress,
        column_totals={None: total} if not isinstance(total, bool) else total,
    )


class _Grid:
    """The table with its totals as one grid of positions, and the suppression rules that work on it."""

    def __init__(self, rows: int, columns: int, threshold: int) -> None:
        self.rows, self.columns, self.threshold = rows, columns, threshold
        self.values: dict[Position, int] = {}
        self.hidden: dict[Position, Reason] = {}
        self.preset: set[Position] = set()  # positions hidden from the start, to agree with another view
        self.row_equations = self.column_equations = self.grand = False

    def put(self, position: Position, value: int) -> None:
        if value < 0:
            raise ValueError(f"a count cannot be negative: {value}")
        self.values[position] = int(value)

    def row_sum(self, i: int) -> int:
        return sum(self.values[(i, j)] for j in range(self.columns))

    def column_sum(self, j: int) -> int:
        return sum(self.values[(i, j)] for i in range(self.rows))

    def cell_sum(self) -> int:
        return sum(self.values[(i, j)] for i in range(self.rows) for j in range(self.columns))

    # The lines: each is an equation "cells minus total = 0" over positions (the total is the last position).

    def lines(self) -> list[list[Position]]:
        lines: list[list[Position]] = []
        if self.row_equations:
            lines += [[(i, j) for j in range(self.columns + 1)] for i in range(self.rows)]
        if self.column_equations:
            lines += [[(i, j) for i in range(self.rows + 1)] for j in range(self.columns)]
        if self.grand and self.row_equations:
            lines.append([(i, self.columns) for i in range(self.rows + 1)])
        if self.grand and self.column_equations:
            lines.append([(self.rows, j) for j in range(self.columns + 1)])
        return lines

    def _has_row_equation(self, i: int) -> bool:
        return self.row_equations if i < self.rows else self.column_equations and self.grand

    def _has_column_equation(self, j: int) -> bool:
        return self.column_equations if j < self.columns else self.row_equations and self.grand

    def ends(self, position: Position) -> tuple[Node, Node]:
        """The two equations a position takes part in, as graph nodes (GROUND for an equation not in view)."""
        i, j = position
        return (
            ("row", i) if self._has_row_equation(i) else GROUND,
            ("column", j) if self._has_column_equation(j) else GROUND,
        )

    def cost(self, position: Position) -> float:
        """What hiding a shown position costs: its count, so small cells go first; never a 0 (see above)."""
        value = self.values[position]
        return INFINITY if value == 0 else float(value)

    def suppress(self) -> None:
        """Hide small cells, then apply the three rules until nothing changes."""
        for position, value in self.values.items():
            if 0 < value < self.threshold:
                self.hidden[position] = Reason.SMALL
        for position in self.preset:
            self.hidden.setdefault(position, Reason.COMPLEMENT)
        if not self.hidden:
            return
        lines = self.lines()
        while self._line_rule(lines) or self._bounds_rule(lines) or self._cycle_rule():
            continue

    def _hide_cheapest(self, candidates: Sequence[Position]) -> bool:
        shown = [p for p in candidates if p not in self.hidden and self.cost(p) < INFINITY]
        if not shown:
            return False
        self.hidden[min(shown, key=lambda p: (self.cost(p), p))] = Reason.COMPLEMENT
        return True

    def _line_rule(self, lines: list[list[Position]]) -> bool:
        changed = False
        for line in lines:
            if sum(1 for p in line if p in self.hidden) == 1:
                changed = self._hide_cheapest(line) or changed
        return changed

    def _bounds(self, position: Position) -> tuple[float, float]:
        # What a reader knows of a hidden figure from its marker.
        if self.hidden[position] is Reason.SMALL:
            return 1.0, float(self.threshold - 1)
        return float(self.threshold), INFINITY

    def _bounds_rule(self, lines: list[list[Position]]) -> bool:
        changed = False
        for line in lines:
            total = line[-1]
            hidden = [p for p in line if p in self.hidden]
            if len(hidden) < 2:
                continue
            # Signed sum of the hidden positions, as a reader computes it from the shown ones.
            known = sum(self._sign(p, total) * self.values[p] for p in hidden)
            for position in hidden:
                low, high = self._range_of_others(hidden, position, total)
                sign = self._sign(position, total)
                implied = sorted((sign * (known - high), sign * (known - low)))
                own_low, own_high = self._bounds(position)
                if max(own_low, implied[0]) >= min(own_high, implied[1]):
                    changed = self._hide_cheapest(line) or changed
                    break
        return changed

    @staticmethod
    def _sign(position: Position, total: Position) -> int:
        return -1 if position == total else 1

    def _range_of_others(self, hidden: list[Position], position: Position, total: Position) -> tuple[float, float]:
        low = high = 0.0
        for other in hidden:
            if other == position:
                continue
            own_low, own_high = self._bounds(other)
            if self._sign(other, total) > 0:
                low, high = low + own_low, high + own_high
            else:
                low, high = low - own_high, high - own_low
        return low, high

    def _cycle_rule(self) -> bool:
        bridge = _first_bridge([(p, *self.ends(p)) for p in sorted(self.hidden)])
        if bridge is None:
            return False
        path = self._cheapest_path(bridge)
        if path is None:
            # No chain of non-zero shown cells closes the cycle: hide all that is left, which always protects.
            rest = [p for p in self.values if p not in self.hidden]
            for position in rest:
                self.hidden[position] = Reason.COMPLEMENT
            return bool(rest)
        for position in path:
            self.hidden[position] = Reason.COMPLEMENT
        return True

    def _cheapest_path(self, bridge: Position) -> list[Position] | None:
        """The shown positions of the cheapest chain that joins the bridge's two ends without the bridge."""
        start, goal = self.ends(bridge)
        adjacent: dict[Node, list[tuple[Node, Position]]] = defaultdict(list)
        for position in self.values:
            if position == bridge or (position not in self.hidden and self.cost(position) == INFINITY):
                continue
            one, other = self.ends(position)
            adjacent[one].append((other, position))
            adjacent[other].append((one, position))
        best: dict[Node, float] = {start: 0.0}
        came_by: dict[Node, tuple[Node, Position]] = {}
        queue: list[tuple[float, Node]] = [(0.0, start)]
        while queue:
            distance, node = heapq.heappop(queue)
            if node == goal:
                break
            if distance > best.get(node, INFINITY):
                continue
            for neighbour, position in adjacent[node]:
                step = 0.0 if position in self.hidden else self.cost(position)
                if distance + step < best.get(neighbour, INFINITY):
                    best[neighbour] = distance + step
                    came_by[neighbour] = (node, position)
                    heapq.heappush(queue, (distance + step, neighbour))
        if goal not in best:
            return None
        path: list[Position] = []
        node = goal
        while node != start:
            node, position = came_by[node]
            if position not in self.hidden:
                path.append(position)
        return path


def _first_bridge(edges: list[tuple[Position, Node, Node]]) -> Position | None:
    """The first edge (in the given order) that lies on no cycle, by Tarjan's low-link numbers (iterative, so that
    large tables of blocks do not hit the recursion limit). Parallel edges and self-loops are cycles."""
    adjacent: dict[Node, list[tuple[Node, int]]] = defaultdict(list)
    for index, (_position, one, other) in enumerate(edges):
        adjacent[one].append((other, index))
        if one != other:
            adjacent[other].append((one, index))
    order: dict[Node, int] = {}
    low: dict[Node, int] = {}
    bridges: set[int] = set()
    for root in adjacent:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[Node, int, Iterator[tuple[Node, int]]]] = [(root, -1, iter(adjacent[root]))]
        while stack:
            node, via, neighbours = stack[-1]
            advanced = False
            for neighbour, index in neighbours:
                if index == via:
                    continue
                if neighbour in order:
                    low[node] = min(low[node], order[neighbour])
                    continue
                order[neighbour] = low[neighbour] = len(order)
                stack.append((neighbour, index, iter(adjacent[neighbour])))
                advanced = True
                break
            if advanced:
                continue
            stack.pop()
            if stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent]:
                    bridges.add(via)
    for index, (position, _one, _other) in enumerate(edges):
        if index in bridges:
            return position
    return None
