"""The folium map script and the page data: no CDN, no inline style, the tile server only when set, and texts
from registers passed as data, never as template or markup."""

from __future__ import annotations

import json
import re

from participation.disclosure import Cell, Reason
from participation.maps import CREDIT, MAP_ELEMENT_ID, MapFigure, MapLayer, MapLevel, Measure, map_data, map_script
from participation.maps.layers import point

WORDS = {"shown": "{n} sources", "small": "fewer than 5", "hidden": "hidden"}


def test_the_script_loads_nothing_from_outside_without_tiles() -> None:
    for shape in ("cells", "areas"):
        script = map_script(shape)
        assert re.findall(r"https?://", script) == []
        assert "L.tileLayer" not in script
        assert f'L.map(\n                "{MAP_ELEMENT_ID}"' in script
        assert "attributionControl.setPrefix(false).addAttribution(DATA.credit)" in script
        assert "<style" not in script and "<script" not in script


def test_the_script_is_the_same_on_every_render() -> None:
    map_script.cache_clear()
    first = map_script("cells", "https://tiles.example.org/{z}/{x}/{y}.png", "Kaart")
    map_script.cache_clear()
    assert map_script("cells", "https://tiles.example.org/{z}/{x}/{y}.png", "Kaart") == first
    assert "https://tiles.example.org/{z}/{x}/{y}.png" in first


def test_names_from_registers_stay_text() -> None:
    name = "{{ 7 * 7 }} <img src=x onerror=alert(1)>"
    square = {"type": "Polygon", "coordinates": [[[4.66, 51.8], [4.67, 51.8], [4.67, 51.81], [4.66, 51.8]]]}
    layer = MapLayer(MapLevel.BUURT, Measure.COUNT, (MapFigure("BU1", name, Cell(7), 7.0, square),), 5, True)
    data = map_data(layer, words=WORDS, tips={"BU1": f"{name} (BU1): 7"}, outlines_url=None)
    assert data["credit"] == CREDIT
    assert data["areas"]["features"][0]["properties"]["tip"] == f"{name} (BU1): 7"
    assert "49" not in json.dumps(data)


def test_hidden_blocks_travel_as_codes_not_counts() -> None:
    figures = (
        MapFigure("E104900N423300", "", Cell(4, Reason.SMALL), None, point(51.7965, 4.6617)),
        MapFigure("E105000N423300", "", Cell(9, Reason.COMPLEMENT), None, point(51.7966, 4.6631)),
        MapFigure("E105100N423300", "", Cell(12), 12.0, point(51.7967, 4.6646)),
    )
    layer = MapLayer(MapLevel.BLOCK, Measure.COUNT, figures, 5, True)
    cells = map_data(layer, words=WORDS, tips={}, outlines_url="/geo/buurten.geojson")["cells"]
    assert [row[2] for row in cells["rows"]] == [-1, -2, 12]
    lat = cells["origin"][0] + cells["rows"][2][0] / cells["scale"]
    assert abs(lat - 51.7967) < 1e-5
