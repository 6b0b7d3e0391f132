"""No hidden figure can be worked out from all the figures of all the map pages together, for one set of filters.

A seeded synthetic town (a grid of 100 m blocks, buurten as irregular rectangles that do not follow the 200 m
squares, wijken of a few buurten, streets along rows and columns, thousands of sources with skew and many small
blocks) is published the way the map pages publish it: the cell map (every level), the buurt and wijk pages with
their total, and the street map. Every published figure becomes a linear equation or bound over the unknown counts
of the finest units (buurt x 100 m block x street): shown figures exactly, "fewer than k" as 1..k-1, "hidden" as at
least k, and what the cell algorithm lets a reader infer (a square left undrawn held fewer than k) wherever that is
true, which gives the reader more than the algorithm's rules alone would. Linear programming then finds, for every
hidden figure, the least and the most it can be.

Streets nest as well: the street map shows the streets of each drawn 100 m cell, suppressed with the cell's count
as their total. A street's count over the whole town cuts across cells and buurten, and a split of a coarser cell
by street cuts across the undrawn squares inside it: this check found both pinning undrawn figures.

With a theme filter the theme-share pages (per buurt and per wijk) join them: their numerators are that filter's
buurt/wijk table, their denominators the coded sources per area (the theme's and others, which no page of the
filter places finer than the buurt), suppressed as a buurt/wijk table of their own. The check covers the hidden
denominators too. The earlier share, one table of the theme per area with the coded sources as column totals
suppressed on its own, let a buurt the hierarchy hid be worked out: that test documents why the share nests.

The same check on the earlier way of publishing (blocks suppressed on their own, the buurt page and the wijk page
each with a total of its own) finds figures it pins: that test documents why the cells nest.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from participation.disclosure import Cell, DisclosedTable, disclose_list, disclose_table
from participation.geo.blocks import parse_block_id
from participation.maps.cells import (
    LEVELS_M,
    DrawnCell,
    area_table,
    nested_cells,
    parent_square,
    shown_buurt_counts,
    street_table,
)

K = 5
X0, Y0 = 104_000, 420_000
COLUMNS, ROWS = 30, 24
COLUMN_CUTS = (0, 5, 9, 14, 19, 25, 30)  # odd widths: buurt edges cut through 200 m and larger squares
ROW_CUTS = (0, 3, 8, 13, 17, 24)

Unit = tuple[str, str, str]  # buurt, block id, street


@dataclass
class Town:
    """Geography (which units exist) and the true count of every unit."""

    wijk_of: dict[str, str] = field(default_factory=dict)
    blocks_of: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    units: list[Unit] = field(default_factory=list)
    truth: dict[Unit, int] = field(default_factory=dict)
    # With a theme filter: per buurt, the coded sources that do not raise the theme (one unknown each, since no
    # page of the theme filter places them finer than the buurt).
    others: list[Unit] = field(default_factory=list)

    @property
    def every_unit(self) -> list[Unit]:
        return self.units + self.others

    def index(self) -> dict[Unit, int]:
        return {unit: i for i, unit in enumerate(self.every_unit)}


def block_name(square: tuple[int, int]) -> str:
    return f"E{square[0]}N{square[1]}"


def build_town(seed: int, sources: int) -> Town:
    rng = np.random.default_rng(seed)
    town = Town()
    streets_of: dict[tuple[int, int], list[str]] = {}
    for bi in range(len(COLUMN_CUTS) - 1):
        for bj in range(len(ROW_CUTS) - 1):
            buurt = f"BU{bi}{bj}"
            town.wijk_of[buurt] = f"WK{bi // 2}{bj // 2}"
            for c in range(COLUMN_CUTS[bi], COLUMN_CUTS[bi + 1]):
                for r in range(ROW_CUTS[bj], ROW_CUTS[bj + 1]):
                    square = (X0 + 100 * c, Y0 + 100 * r)
                    town.blocks_of[buurt].append(square)
                    streets = [f"H{r // 2}-{c // 10}"] + ([f"V{c // 3}-{r // 8}"] if c % 3 == 0 else [])
                    streets_of[square] = streets
                    town.units += [(buurt, block_name(square), street) for street in streets]
    # Skew: most blocks hold a few sources, some many, a third none; some buurten answer twice as often.
    weights = rng.lognormal(0.0, 1.3, len(streets_of)) * (rng.random(len(streets_of)) > 0.33)
    buurt_factor = {buurt: rng.choice([0.5, 1.0, 2.0]) for buurt in town.wijk_of}
    owners = [(buurt, square) for buurt, squares in town.blocks_of.items() for square in squares]
    weights = weights * np.asarray([buurt_factor[buurt] for buurt, _square in owners])
    picks = rng.choice(len(owners), size=sources, p=weights / weights.sum())
    truth: dict[Unit, int] = defaultdict(int)
    for pick in picks:
        buurt, square = owners[pick]
        streets = streets_of[square]
        truth[(buurt, block_name(square), streets[rng.integers(len(streets))])] += 1
    town.truth = dict(truth)
    return town


def add_others(town: Town, seed: int) -> None:
    """The coded sources of each buurt that do not raise the theme: a share's denominator is the theme's sources
    plus these. Some buurten have none or a few, so that denominators are small or hidden as well."""
    rng = np.random.default_rng(seed)
    for buurt in sorted(town.wijk_of):
        unit = (buurt, "", "other")
        town.others.append(unit)
        town.truth[unit] = int(rng.integers(0, 4)) if rng.random() < 0.4 else int(rng.poisson(8))


class Published:
    """What a reader knows: equations and bounds over the units, and the hidden figures to try to work out."""

    def __init__(self, town: Town) -> None:
        self.town = town
        self.index = town.index()
        self.equations: list[tuple[dict[int, float], float]] = []
        self.bounds: list[tuple[dict[int, float], float, float]] = []
        self.hidden: list[tuple[str, dict[int, float], int]] = []

    def vector(self, units: list[Unit]) -> dict[int, float]:
        return {self.index[unit]: 1.0 for unit in units}

    def value(self, vector: dict[int, float]) -> int:
        units = self.town.every_unit
        return int(sum(self.town.truth.get(units[i], 0) for i in vector))

    def figure(self, name: str, units: list[Unit], status: str | None) -> None:
        """A published figure: ``status`` None is shown, else "small" (1..k-1) or "hidden" (at least k)."""
        vector = self.vector(units)
        if status is None:
            self.equations.append((vector, float(self.value(vector))))
            return
        low, high = (1.0, K - 1.0) if status == "small" else (float(K), math.inf)
        self.bounds.append((vector, low, high))
        self.hidden.append((name, vector, self.value(vector)))

    def known_bound(self, units: list[Unit], high: float) -> None:
        self.bounds.append((self.vector(units), 0.0, high))

    def suspect(self, name: str, units: list[Unit]) -> None:
        """A figure that is not published and must not come out of the published ones either."""
        vector = self.vector(units)
        if self.value(vector) > 0:
            self.hidden.append((name, vector, self.value(vector)))

    def ranges(self, *, first_pinned: bool = False) -> list[tuple[str, int, float, float]]:
        """(name, true value, least, most) of every hidden figure; with ``first_pinned``, up to the first small
        figure that is pinned."""
        n = len(self.town.every_unit)

        def matrix(rows: list[dict[int, float]]) -> csr_matrix:
            data, cols, ptr = [], [], [0]
            for row in rows:
                cols += list(row)
                data += list(row.values())
                ptr.append(len(cols))
            return csr_matrix((data, cols, ptr), shape=(len(rows), n))

        a_eq = matrix([vector for vector, _value in self.equations])
        b_eq = np.asarray([value for _vector, value in self.equations])
        upper = [(vector, high) for vector, _low, high in self.bounds if high < math.inf]
        lower = [({i: -1.0 for i in vector}, -low) for vector, low, _high in self.bounds if low > 0]
        a_ub = matrix([vector for vector, _ in upper + lower])
        b_ub = np.asarray([bound for _, bound in upper + lower])
        found = []
        for name, vector, truth in self.hidden:
            c = np.zeros(n)
            for i in vector:
                c[i] = 1.0
            ends = []
            for sign in (1.0, -1.0):
                result = linprog(sign * c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
                assert result.status in (0, 3), result.message  # 3: unbounded above, which is safe
                ends.append(sign * result.fun if result.status == 0 else math.inf)
            found.append((name, truth, ends[0], ends[1]))
            if first_pinned and 1 <= truth < K and pinned(found[-1:]):
                break
        return found


def units_in(town: Town, buurt: str, squares: set[tuple[int, int]]) -> list[Unit]:
    names = {block_name(square) for square in squares}
    return [unit for unit in town.units if unit[0] == buurt and unit[1] in names]


def status(table: DisclosedTable[str, str], row: str, column: str) -> str | None:
    cell = table.cell(row, column)
    return None if not cell.hidden else "small" if cell.small else "hidden"


def publish_streets(published: Published, cell: DrawnCell, units: list[Unit]) -> None:
    """The street map: the streets of a drawn 100 m cell, suppressed with the cell's count as their total."""
    street_units: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        street_units[unit[2]].append(unit)
    counts = {street: published.value(published.vector(members)) for street, members in street_units.items()}
    table = street_table(cell, counts, threshold=K, suppress=True)
    if table is None:
        return
    for street in table.rows:
        shown = table.cell(street, None)
        published.figure(
            f"{cell.key}-{street}",
            street_units[street],
            None if not shown.hidden else "small" if shown.small else "hidden",
        )


def publish_nested(town: Town) -> Published:
    """The map pages as they are now: one area table, cells nested in shown buurten, streets."""
    published = Published(town)
    buurt_units: dict[str, list[Unit]] = defaultdict(list)
    for unit in town.units:
        buurt_units[unit[0]].append(unit)
    buurt_counts = {buurt: sum(town.truth.get(u, 0) for u in units) for buurt, units in buurt_units.items()}
    table = area_table(buurt_counts, town.wijk_of, threshold=K, suppress=True)
    for wijk in table.rows:
        members = [buurt for buurt in table.columns if town.wijk_of[buurt] == wijk]
        for buurt in members:
            published.figure(buurt, buurt_units[buurt], status(table, wijk, buurt))
        total = table.row_totals[wijk]
        wijk_units = [u for buurt in members for u in buurt_units[buurt]]
        published.figure(wijk, wijk_units, None if not total.hidden else "small" if total.small else "hidden")
    assert table.grand_total is not None and not table.grand_total.hidden
    published.figure("total", list(town.units), None)

    shown = shown_buurt_counts(table, town.wijk_of)
    block_counts: dict[tuple[str, str | None], int] = defaultdict(int)
    for buurt, block, street in town.units:
        block_counts[(buurt, block)] += town.truth.get((buurt, block, street), 0)
    cells = nested_cells(block_counts, shown, K)
    for buurt, drawn in cells.items():
        assert drawn.undrawn == 0 or drawn.undrawn >= K, (buurt, drawn.undrawn)
        covered: dict[tuple[int, int], int] = {}  # block -> size of the drawn cell that holds it
        squares = set(town.blocks_of[buurt])
        for cell in sorted(drawn.cells, key=lambda cell: cell.size):
            # A cell holds what its square holds in the buurt, less the finer cells drawn in it.
            inside = {s for s in squares if parent_square(*s, cell.size) == (cell.x, cell.y)} - set(covered)
            covered.update(dict.fromkeys(inside, cell.size))
            units = units_in(town, buurt, inside)
            assert sum(town.truth.get(u, 0) for u in units) == cell.count
            published.figure(cell.key, units, None)
            if cell.size == LEVELS_M[0]:
                publish_streets(published, cell, units)
        # Published by subtraction (the buurt's count less its cells), 0 or at least k: not a hidden figure.
        remainder = {u for u in buurt_units[buurt] if parse_block_id(u[1]) not in covered}
        # What the algorithm lets a reader infer, wherever it is true: an undrawn square held fewer than k.
        for size in LEVELS_M:
            by_square: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
            for square in squares:
                if square not in covered or covered[square] >= size:
                    by_square[parent_square(*square, size)].add(square)
            for corner, members in by_square.items():
                if any(covered.get(square) == size for square in members):
                    continue  # drawn at this level
                units = units_in(town, buurt, members)
                value = sum(town.truth.get(u, 0) for u in units)
                if value < K:
                    published.known_bound(units, K - 1.0)
                if set(units) != remainder:
                    published.suspect(f"{buurt}-{size}-undrawn-E{corner[0]}N{corner[1]}", units)
    for buurt in town.wijk_of:
        if buurt not in shown:
            for square in town.blocks_of[buurt]:
                published.suspect(f"{buurt}-{block_name(square)}", units_in(town, buurt, {square}))

    return published


def publish_separately(town: Town) -> Published:
    """The earlier pages: blocks suppressed on their own, buurt and wijk pages each with a total of its own."""
    published = Published(town)
    groups: dict[str, dict[str, list[Unit]]] = {"block": defaultdict(list), "buurt": defaultdict(list)}
    groups["wijk"] = defaultdict(list)
    for unit in town.units:
        groups["block"][unit[1]].append(unit)
        groups["buurt"][unit[0]].append(unit)
        groups["wijk"][town.wijk_of[unit[0]]].append(unit)
    for level, members in groups.items():
        counts = {key: sum(town.truth.get(u, 0) for u in units) for key, units in members.items()}
        table = disclose_list(counts, sorted(counts), threshold=K, total=level != "block")
        for key in table.rows:
            cell = table.cell(key, None)
            published.figure(key, members[key], None if not cell.hidden else "small" if cell.small else "hidden")
        if level != "block":
            published.figure(f"{level}-total", list(town.units), None)
    return published


def area_units(town: Town) -> tuple[dict[str, list[Unit]], dict[str, list[Unit]]]:
    """The theme's units and the coded units (the theme's and the others) per buurt."""
    theme: dict[str, list[Unit]] = defaultdict(list)
    for unit in town.units:
        theme[unit[0]].append(unit)
    coded = {buurt: theme[buurt] + [unit for unit in town.others if unit[0] == buurt] for buurt in town.wijk_of}
    return theme, coded


def counts_of(town: Town, units: dict[str, list[Unit]]) -> dict[str, int]:
    return {key: sum(town.truth.get(u, 0) for u in members) for key, members in units.items()}


def share_figure(published: Published, name: str, units: list[Unit], raised: Cell, base: Cell) -> None:
    """What a share page tells beyond the theme's count page, which shows ``raised`` as it is: where the numerator
    is shown, the share's status is the denominator's (a count when shown, else "fewer than k" or "hidden");
    where it is hidden, the share is hidden with it and says nothing of the denominator (a numerator of at least k
    has a denominator of at least k)."""
    if raised.hidden:
        return
    published.figure(f"{name}-coded", units, None if not base.hidden else "small" if base.small else "hidden")


def publish_shares(published: Published) -> None:
    """The theme-share pages per buurt and per wijk: numerators from the theme filter's buurt/wijk table (the one
    the count pages show), denominators from a buurt/wijk table of the coded sources."""
    town = published.town
    theme, coded = area_units(town)
    raised = area_table(counts_of(town, theme), town.wijk_of, threshold=K, suppress=True)
    bases = area_table(counts_of(town, coded), town.wijk_of, threshold=K, suppress=True)
    for wijk in raised.rows:
        members = [buurt for buurt in raised.columns if town.wijk_of[buurt] == wijk]
        for buurt in members:
            share_figure(published, buurt, coded[buurt], raised.cell(wijk, buurt), bases.cell(wijk, buurt))
        wijk_units = [u for buurt in members for u in coded[buurt]]
        share_figure(published, wijk, wijk_units, raised.row_totals[wijk], bases.row_totals[wijk])


def publish_shares_separately(published: Published) -> None:
    """The earlier share pages: per level one table of the theme's sources per area (cells) and the coded sources
    per area (column totals), suppressed on its own; numerator and denominator shown where both are."""
    town = published.town
    theme, coded = area_units(town)
    for level in ("buurt", "wijk"):
        key_of = (lambda buurt: buurt) if level == "buurt" else town.wijk_of.__getitem__
        raised_units: dict[str, list[Unit]] = defaultdict(list)
        coded_units: dict[str, list[Unit]] = defaultdict(list)
        for buurt in town.wijk_of:
            raised_units[key_of(buurt)] += theme[buurt]
            coded_units[key_of(buurt)] += coded[buurt]
        raised, bases = counts_of(town, raised_units), counts_of(town, coded_units)
        keys = sorted(coded_units)
        table = disclose_table(
            {("theme", key): n for key, n in raised.items() if n},
            ["theme"],
            keys,
            threshold=K,
            row_totals=True,
            column_totals=bases,
            grand_total=sum(bases.values()),
        )
        for key in keys:
            if not table.cell("theme", key).hidden and not table.column_totals[key].hidden:
                published.figure(f"{level}-share-{key}", raised_units[key], None)
                published.figure(f"{level}-share-{key}-coded", coded_units[key], None)


def pinned(ranges: list[tuple[str, int, float, float]]) -> list[tuple[str, int, float, float]]:
    """Hidden figures whose range holds one whole number only."""
    return [found for found in ranges if math.floor(found[3] + 1e-6) - math.ceil(found[2] - 1e-6) < 1]


def test_no_hidden_figure_of_the_map_pages_can_be_worked_out() -> None:
    town = build_town(13, 4000)
    published = publish_nested(town)
    ranges = published.ranges()
    small = [found for found in ranges if 1 <= found[1] < K]
    assert len(small) > 100  # a realistic town: many small figures to protect, and the check reaches them
    assert pinned(ranges) == []
    assert all(high - low > 0.5 for _name, _truth, low, high in ranges)


def test_the_theme_share_pages_give_away_nothing_the_theme_maps_hide() -> None:
    town = build_town(7, 500)
    add_others(town, 7)
    published = publish_nested(town)
    publish_shares(published)
    ranges = published.ranges()
    assert len([found for found in ranges if found[0].endswith("-coded")]) > 0  # denominators hidden as well
    assert len([found for found in ranges if 1 <= found[1] < K]) > 100
    assert pinned(ranges) == []
    assert all(high - low > 0.5 for _name, _truth, low, high in ranges)


def test_the_earlier_theme_share_suppressed_on_its_own_gave_small_figures_away() -> None:
    town = build_town(7, 500)
    add_others(town, 7)
    published = publish_nested(town)
    publish_shares_separately(published)
    ranges = published.ranges(first_pinned=True)
    assert [found for found in pinned(ranges) if 1 <= found[1] < K] != []


def test_the_earlier_separate_pages_gave_small_figures_away() -> None:
    town = build_town(13, 4000)
    ranges = publish_separately(town).ranges(first_pinned=True)
    assert [found for found in pinned(ranges) if 1 <= found[1] < K] != []
