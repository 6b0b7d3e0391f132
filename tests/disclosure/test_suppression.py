"""Small-count suppression: small cells are hidden, and no hidden value can be worked out from what is shown."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest

from participation.disclosure.suppression import Cell, DisclosedTable, Reason, disclose_list, disclose_table

K = 5


def table(
    grid: list[list[int]], *, rows: bool = True, columns: bool = True, grand: bool = True, k: int = K
) -> DisclosedTable[int, int]:
    counts = {(i, j): value for i, line in enumerate(grid) for j, value in enumerate(line) if value}
    return disclose_table(
        counts,
        range(len(grid)),
        range(len(grid[0])),
        threshold=k,
        row_totals=rows,
        column_totals=columns,
        grand_total=grand,
    )


def equations(disclosed: DisclosedTable[int, int]) -> list[list[tuple[Cell, int]]]:
    """Each row, column and total line of the view as (cell, sign) terms that sum to zero."""
    lines: list[list[tuple[Cell, int]]] = []
    rows, columns = disclosed.rows, disclosed.columns
    if disclosed.row_totals:
        lines += [[(disclosed.cell(i, j), 1) for j in columns] + [(disclosed.row_totals[i], -1)] for i in rows]
    if disclosed.column_totals:
        lines += [[(disclosed.cell(i, j), 1) for i in rows] + [(disclosed.column_totals[j], -1)] for j in columns]
    if disclosed.grand_total is not None and disclosed.row_totals:
        lines.append([(disclosed.row_totals[i], 1) for i in rows] + [(disclosed.grand_total, -1)])
    if disclosed.grand_total is not None and disclosed.column_totals:
        lines.append([(disclosed.column_totals[j], 1) for j in columns] + [(disclosed.grand_total, -1)])
    return lines


def derivable_hidden_cells(disclosed: DisclosedTable[int, int]) -> list[Cell]:
    """The hidden cells whose value linear algebra on the shown figures pins down: a cell is determined exactly
    when its unit vector lies in the row space of the equations over the hidden cells (checked by rank)."""
    hidden = [cell for cell in disclosed.every_cell() if cell.hidden]
    index = {id(cell): n for n, cell in enumerate(hidden)}
    matrix = []
    for line in equations(disclosed):
        row = [0.0] * len(hidden)
        for cell, sign in line:
            if cell.hidden:
                row[index[id(cell)]] += sign
        if any(row):
            matrix.append(row)
    if not matrix:
        return []
    a = np.array(matrix)
    rank = np.linalg.matrix_rank(a)
    derivable = []
    for n, cell in enumerate(hidden):
        unit = np.zeros(len(hidden))
        unit[n] = 1.0
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            derivable.append(cell)
    return derivable


def shown_values(disclosed: DisclosedTable[Any, Any]) -> list[int]:
    return [cell.value for cell in disclosed.every_cell() if not cell.hidden]


def test_cells_below_k_are_hidden_and_zero_is_shown() -> None:
    disclosed = table([[0, 4, 9], [12, 7, 6]], rows=False, columns=False, grand=False)
    assert disclosed.cell(0, 1).small and disclosed.cell(0, 1).shown is None
    assert disclosed.cell(0, 0).shown == 0
    assert disclosed.cell(1, 0).shown == 12
    assert disclosed.hidden_count == 1


def test_a_row_with_one_hidden_cell_hides_the_next_smallest_cell_of_that_row() -> None:
    disclosed = table([[3, 8, 20]], rows=True, columns=False, grand=False)
    assert disclosed.cell(0, 0).reason is Reason.SMALL
    assert disclosed.cell(0, 1).reason is Reason.COMPLEMENT
    assert disclosed.cell(0, 2).shown == 20
    assert disclosed.row_totals[0].shown == 31


def test_complements_are_never_zero_cells() -> None:
    disclosed = table([[3, 0, 0, 9]], rows=True, columns=False, grand=False)
    assert disclosed.cell(0, 1).shown == 0 and disclosed.cell(0, 2).shown == 0
    assert disclosed.cell(0, 3).reason is Reason.COMPLEMENT


def test_a_single_hidden_cell_in_a_row_and_a_column_is_protected_both_ways() -> None:
    disclosed = table([[2, 10, 11], [9, 12, 30], [15, 16, 40]])
    assert disclosed.cell(0, 0).small
    assert derivable_hidden_cells(disclosed) == []
    assert sum(1 for j in range(3) if disclosed.cell(0, j).hidden) >= 2
    assert sum(1 for i in range(3) if disclosed.cell(i, 0).hidden) >= 2


def test_two_hidden_cells_that_bounds_would_pin_get_a_third() -> None:
    # 4 + 4 beside a total of 18 and a shown 10: the two hidden cells hold 8, and each holds at most 4.
    disclosed = table([[4, 4, 10]], rows=True, columns=False, grand=False)
    assert disclosed.cell(0, 2).reason is Reason.COMPLEMENT


def test_small_totals_are_hidden_too() -> None:
    disclosed = table([[1, 2], [0, 1]])
    assert all(cell.hidden or cell.value == 0 for cell in disclosed.every_cell())
    assert derivable_hidden_cells(disclosed) == []


def test_admins_see_every_value() -> None:
    disclosed = disclose_table({(0, 0): 3, (0, 1): 8}, [0], [0, 1], threshold=K, suppress=False, row_totals=True)
    assert disclosed.cell(0, 0).shown == 3 and disclosed.row_totals[0].shown == 11
    assert disclosed.hidden_count == 0 and not disclosed.suppressed


def test_given_totals_of_distinct_respondents_are_used_as_they_are() -> None:
    # Eight respondents raised litter, five raised noise: eleven people in all (two raised both).
    disclosed = disclose_table(
        {("BU1", "litter"): 8, ("BU1", "noise"): 5, ("BU2", "litter"): 3},
        ["BU1", "BU2"],
        ["litter", "noise"],
        threshold=K,
        row_totals={"BU1": 11, "BU2": 3},
    )
    assert disclosed.row_totals["BU1"].shown == 11
    assert disclosed.cell("BU2", "litter").small and disclosed.row_totals["BU2"].small


def test_lists_hide_a_second_entry_when_the_total_is_shown() -> None:
    disclosed = disclose_list(
        {"litter": 3, "noise": 7, "youth": 20}, ["litter", "noise", "youth"], threshold=K, total=30
    )
    assert disclosed.cell("litter", None).small
    assert disclosed.cell("noise", None).reason is Reason.COMPLEMENT
    assert disclosed.cell("youth", None).shown == 20
    assert disclosed.column_totals[None].shown == 30


def test_lists_without_a_total_hide_only_small_entries() -> None:
    disclosed = disclose_list({"litter": 3, "noise": 7}, ["litter", "noise"], threshold=K)
    assert disclosed.cell("litter", None).small and disclosed.cell("noise", None).shown == 7


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        disclose_table({(0, 0): -1}, [0], [0], threshold=K)


@pytest.mark.parametrize("seed", range(150))
def test_no_hidden_value_can_be_derived_from_shown_figures(seed: int) -> None:
    """Property: for random tables and every combination of shown totals, nothing below k is shown and no
    hidden figure is determined by the equations of the shown rows, columns and totals."""
    generator = random.Random(seed)  # noqa: S311 - reproducible test tables, not secrets
    height, width = generator.randint(1, 7), generator.randint(1, 7)
    weights = [0, 1, 2, 3, 4, 5, 6, 8, 12, 30]
    grid = [[generator.choice(weights) for _ in range(width)] for _ in range(height)]
    rows, columns = generator.random() < 0.8, generator.random() < 0.8
    grand = generator.random() < 0.7
    disclosed = table(grid, rows=rows, columns=columns, grand=grand, k=generator.choice([3, 5, 10]))
    assert all(value == 0 or value >= disclosed.threshold for value in shown_values(disclosed))
    assert derivable_hidden_cells(disclosed) == []
    for line in equations(disclosed):
        assert sum(1 for cell, _sign in line if cell.hidden) != 1


def test_the_check_finds_a_cell_left_unprotected() -> None:
    """The property test's own check: with only the small cell hidden, subtraction gives it away."""
    exposed = DisclosedTable(
        rows=(0,),
        columns=(0, 1),
        cells={(0, 0): Cell(3, Reason.SMALL), (0, 1): Cell(8)},
        row_totals={0: Cell(11)},
        column_totals={},
        grand_total=None,
        threshold=K,
        suppressed=True,
    )
    assert derivable_hidden_cells(exposed) == [exposed.cell(0, 0)]


def test_a_cell_with_four_respondents_never_appears() -> None:
    for seed in range(50):
        generator = random.Random(seed)  # noqa: S311 - reproducible test tables, not secrets
        grid = [[generator.choice([4, 4, 9, 15, 0]) for _ in range(5)] for _ in range(5)]
        disclosed = table(grid)
        assert 4 not in shown_values(disclosed)
