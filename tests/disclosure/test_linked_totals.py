"""Totals hidden from the start, because another table of the same page hides the same totals."""

from __future__ import annotations

from participation.disclosure import Reason, disclose_table


def test_a_total_hidden_from_the_start_takes_a_figure_of_its_column_with_it() -> None:
    counts = {("web", "A"): 10, ("paper", "A"): 12, ("web", "B"): 9, ("paper", "B"): 8}
    plain = disclose_table(counts, ["web", "paper"], ["A", "B"], threshold=5, row_totals=True, column_totals=True,
                           grand_total=True)  # fmt: skip
    assert plain.hidden_count == 0
    linked = disclose_table(counts, ["web", "paper"], ["A", "B"], threshold=5, row_totals=True, column_totals=True,
                            grand_total=True, hide_column_totals={"A"})  # fmt: skip
    assert linked.column_totals["A"].reason is Reason.COMPLEMENT
    # Alone in its column, the hidden 22 would be the sum of the shown 10 and 12: one of them goes too, and so on
    # until no hidden figure is the only one of a row or column.
    assert linked.cell("web", "A").hidden or linked.cell("paper", "A").hidden
    assert linked.grand_total is not None and linked.grand_total.shown == 39
    unsuppressed = disclose_table(counts, ["web", "paper"], ["A", "B"], threshold=5, suppress=False,
                                  column_totals=True, hide_column_totals={"A"})  # fmt: skip
    assert unsuppressed.hidden_count == 0  # an admin's view hides nothing
