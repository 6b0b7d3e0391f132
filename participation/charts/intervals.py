"""Dot and interval chart: a mean per area with its confidence interval, against a reference line (the Dordrecht
average)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from participation.charts.palette import AXIS, GRID, INTERVAL, MUTED, REFERENCE, SERIES
from participation.charts.scale import LinearScale
from participation.charts.svg import Align, Chart, fit

WIDTH = 360.0
LABELS = 124.0  # the area names, right-aligned against the plot
FIGURES = 40.0  # the mean as text, at the end of each row
ROW = 26.0
TOP = 24.0
BOTTOM = 24.0


@dataclass(frozen=True)
class IntervalRow:
    """One area: its mean and interval, or a gap (``mean`` None) where the figure is hidden or missing; ``text``
    is the figure as the table writes it, or why it is missing ("fewer than 5")."""

    label: str
    mean: float | None
    low: float | None
    high: float | None
    text: str


def interval_chart(
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[IntervalRow],
    *,
    reference: float | None,
    reference_label: str,
    tick_text: Callable[[float], str],
) -> Chart:
    height = TOP + ROW * len(rows) + BOTTOM
    chart = Chart(chart_id, WIDTH, height, title, description)
    plot_start, plot_end = LABELS + 8, WIDTH - FIGURES - 6
    figures = [v for row in rows for v in (row.mean, row.low, row.high) if v is not None]
    if reference is not None:
        figures.append(reference)
    scale = LinearScale.covering(figures, plot_start, plot_end)
    plot_bottom = TOP + ROW * len(rows)
    for tick in scale.ticks():
        x = scale(tick)
        chart.line(x, TOP, x, plot_bottom, GRID)
        chart.text(x, plot_bottom + 15, tick_text(tick), Align.CENTRE, size=11.5, colour=MUTED)
    chart.line(plot_start, plot_bottom, plot_end, plot_bottom, AXIS)
    for index, row in enumerate(rows):
        middle = TOP + ROW * index + ROW / 2
        chart.text(LABELS, middle + 4, fit(row.label, 18), Align.RIGHT)
        if row.mean is None:
            chart.text(plot_start + 4, middle + 4, row.text, size=11.5, colour=MUTED)
            continue
        if row.low is not None and row.high is not None:
            low, high = scale(row.low), scale(row.high)
            chart.line(low, middle, high, middle, INTERVAL, width=2.5)
            for end in (low, high):
                chart.line(end, middle - 5, end, middle + 5, INTERVAL, width=1.5)
        x = scale(row.mean)
        chart.add("circle", {"cx": x, "cy": middle, "r": 5.0, "fill": SERIES[0]}, tooltip=f"{row.label}: {row.text}")
        chart.text(WIDTH - 4, middle + 4, row.text, Align.RIGHT, size=12)
    if reference is not None:
        x = scale(reference)
        chart.line(x, TOP - 6, x, plot_bottom, REFERENCE, width=1.5, dash="5 3")
        # The label sits above the plot on the side with more room, so it never runs off the drawing.
        side = Align.RIGHT if x > (plot_start + plot_end) / 2 else Align.LEFT
        chart.text(x + (-4 if side is Align.RIGHT else 4), TOP - 10, reference_label, side, size=11.5)
    return chart
