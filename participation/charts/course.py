"""Line chart: the course of an indicator over the years, one line per series (the area, the Dordrecht average).

Series differ in colour, dash and marker, and the legend names them beside a sample of each; a missing or hidden
year breaks the line instead of bridging it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from participation.charts.palette import AXIS, GRID, MUTED, SERIES
from participation.charts.scale import LinearScale
from participation.charts.svg import Align, Chart, fit

WIDTH = 360.0
LEFT = 44.0
RIGHT = 16.0
TOP = 18.0
PLOT = 140.0
LEGEND_ROW = 18.0
DASHES = ("", "6 4", "2 3", "8 3 2 3")


@dataclass(frozen=True)
class Series:
    """One line: a value per x position, None where there is none to show; ``texts`` write the values."""

    label: str
    values: Sequence[float | None]
    texts: Sequence[str]


def _marker(chart: Chart, kind: int, x: float, y: float, colour: str, tooltip: str = "") -> None:
    if kind % 3 == 0:
        chart.add("circle", {"cx": x, "cy": y, "r": 4.5, "fill": colour}, tooltip)
    elif kind % 3 == 1:
        chart.add("rect", {"x": x - 4, "y": y - 4, "width": 8.0, "height": 8.0, "fill": colour}, tooltip)
    else:
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
        chart.add("polygon", {"points": points, "fill": colour}, tooltip)


def course_chart(
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    tick_text: Callable[[float], str],
) -> Chart:
    plot_bottom = TOP + PLOT
    height = plot_bottom + 30 + LEGEND_ROW * len(series)
    chart = Chart(chart_id, WIDTH, height, title, description)
    plot_start, plot_end = LEFT, WIDTH - RIGHT
    scale = LinearScale.covering(
        [v for line in series for v in line.values if v is not None], plot_bottom, TOP, ticks=4
    )
    for tick in scale.ticks():
        y = scale(tick)
        chart.line(plot_start, y, plot_end, y, GRID)
        chart.text(plot_start - 6, y + 4, tick_text(tick), Align.RIGHT, size=11.5, colour=MUTED)
    chart.line(plot_start, plot_bottom, plot_end, plot_bottom, AXIS)
    # Years stand evenly apart, with half a step of room at either end.
    step = (plot_end - plot_start) / max(len(x_labels), 1)
    xs = [plot_start + step * (i + 0.5) for i in range(len(x_labels))]
    for x, label in zip(xs, x_labels, strict=True):
        chart.text(x, plot_bottom + 16, label, Align.CENTRE, size=11.5, colour=MUTED)
    for index, line in enumerate(series):
        colour, dash = SERIES[index % len(SERIES)], DASHES[index % len(DASHES)]
        run: list[tuple[float, float]] = []
        for position, value in zip([*xs, None], [*line.values, None], strict=True):
            if position is not None and value is not None:
                run.append((position, scale(value)))
                continue
            if len(run) > 1:
                chart.polyline(run, colour, 2.5, dash)
            run = []
        for x, value, text in zip(xs, line.values, line.texts, strict=True):
            if value is not None:
                y = scale(value)
                _marker(chart, index, x, y, colour, f"{line.label}: {text}")
                # The first series writes its values above the points, the others below, so they rarely meet.
                chart.text(x, y - 9 if index == 0 else y + 17, text, Align.CENTRE, size=11.5, colour=colour)
        legend_y = plot_bottom + 30 + LEGEND_ROW * index
        chart.polyline([(plot_start, legend_y - 4), (plot_start + 28, legend_y - 4)], colour, 2.5, dash)
        _marker(chart, index, plot_start + 14, legend_y - 4, colour)
        chart.text(plot_start + 36, legend_y, fit(line.label, 40), size=12)
    return chart
