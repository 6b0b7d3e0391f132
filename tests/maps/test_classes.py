"""Legend classes follow the data: natural breaks of the shown values, 5 to 7 classes as the values allow, each
class its ColorBrewer YlOrRd colour for that number of classes."""

from __future__ import annotations

import itertools

from participation.disclosure import Cell, Reason
from participation.maps import MapFigure, MapLayer, MapLevel, Measure
from participation.maps.layers import PALETTES, class_breaks, class_count, jenks_breaks


def test_natural_breaks_find_the_gaps_between_clusters() -> None:
    values = [1, 2, 2, 3, 10, 11, 12, 12, 30, 31, 33, 50, 52]
    assert jenks_breaks(values, 4) == [10.0, 30.0, 50.0]
    assert jenks_breaks(values, 2) == [30.0]


def test_five_to_seven_classes_as_the_distinct_values_allow() -> None:
    assert [class_count(n) for n in (1, 3, 5, 6, 11, 12, 23, 24, 400)] == [1, 3, 5, 5, 5, 6, 6, 7, 7]
    assert len(class_breaks(list(range(5, 400)), whole=True)) == 6
    assert class_breaks([7, 7, 7], whole=True) == ()
    assert class_breaks([5, 9, 12], whole=True) == (9.0, 12.0)  # a class each


def test_each_class_has_its_colour_and_its_bounds_from_shown_figures_only() -> None:
    counts = (5, 6, 7, 20, 22, 40, 41, 45, 80, 90, 95, 150)
    shown = [MapFigure(f"c{n}", "", Cell(n), float(n), None) for n in counts]
    figures = (*shown, MapFigure("hidden", "", Cell(3, Reason.SMALL), None, None))
    values = [figure.value for figure in figures if figure.value is not None]
    layer = MapLayer(MapLevel.CELL, Measure.COUNT, figures, 5, True, class_breaks(values, whole=True))
    classes = layer.classes()
    assert len(classes) == len(layer.breaks) + 1 == 6
    assert [entry.colour for entry in classes] == list(PALETTES[6])
    assert classes[0].low == 5 and classes[-1].high == 150
    assert all(earlier.high < later.low for earlier, later in itertools.pairwise(classes))
    assert layer.fill(figures[-1]) == "#8c8c8c"
