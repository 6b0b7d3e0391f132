"""Horizontal bar chart, with bars in named groups: the response per buurt (one group), or the reach per
participation line per quarter (a group per quarter, a bar per line). Every bar is named at its start and has its
figure at its end, so colour only repeats what the labels say; a hidden figure is a gap with the reason written
in it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from participation.charts.palette import AXIS, GRID, MUTED, SERIES
from participation.charts.scale import LinearScale
from participation.charts.svg import Align, Chart, fit

WIDTH = 360.0
LABELS = 118.0
FIGURES = 52.0
ROW = 22.0
HEADING = 22.0
TOP = 8.0
BOTTOM = 38.0


@dataclass(frozen=True)
class Bar:
    """One bar: ``value`` None draws a gap; ``text`` is its figure as the table writes it, or why it is missing."""

    label: str
    value: float | None
    text: str
    series: int = 0


@dataclass(frozen=True)
class BarGroup:
    heading: str  # "" for a chart without groups
    bars: Sequence[Bar]


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    groups: Sequence[BarGroup],
    *,
    axis_label: str,
    tick_text: Callable[[float], str],
    whole: bool = False,
) -> Chart:
    """``whole``: the figures are counts, so the axis has whole-number ticks."""
    rows = sum(len(group.bars) for group in groups)
    headings = sum(1 for group in groups if group.heading)
    plot_bottom = TOP + ROW * rows + HEADING * headings
    chart = Chart(chart_id, WIDTH, plot_bottom + BOTTOM, title, description)
    plot_start, plot_end = LABELS + 8, WIDTH - FIGURES
    values = [bar.value for group in groups for bar in group.bars if bar.value is not None]
    scale = LinearScale.covering(values, plot_start, plot_end, from_zero=True, whole=whole)
    for tick in scale.ticks():
        x = scale(tick)
        chart.line(x, TOP, x, plot_bottom, GRID)
        chart.text(x, plot_bottom + 15, tick_text(tick), Align.CENTRE, size=11.5, colour=MUTED)
    chart.text((plot_start + plot_end) / 2, plot_bottom + 32, axis_label, Align.CENTRE, size=12, colour=MUTED)
    y = TOP
    for group in groups:
        if group.heading:
            chart.text(4, y + 16, fit(group.heading, 44), bold=True)
            y += HEADING
        for bar in group.bars:
            middle = y + ROW / 2
            chart.text(LABELS, middle + 4, fit(bar.label, 17), Align.RIGHT, size=12)
            if bar.value is None:
                chart.text(plot_start + 4, middle + 4, bar.text, size=11.5, colour=MUTED)
            else:
                end = scale(bar.value)
                colour = SERIES[bar.series % len(SERIES)]
                chart.rect(plot_start, middle - 6, end - plot_start, 12, colour, tooltip=f"{bar.label}: {bar.text}")
                chart.text(end + 4, middle + 4, bar.text, size=12)
            y += ROW
    chart.line(plot_start, TOP, plot_start, plot_bottom, AXIS)
    return chart
