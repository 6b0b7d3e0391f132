"""Folium maps that a strict Content-Security-Policy allows: the map's script is served as a file of its own.

Folium writes a whole HTML document: CDN links in the head, inline ``<style>`` and ``<script>``. None of that may
run here (script-src and style-src are 'self'). So the folium figure is rendered in parts and only its script part
is kept; the page writes the map's container itself and loads Leaflet from the app. Element ids are set in tree
order before rendering, so the container's id in the page and the id the script looks for are the same on every
render.

The figures are not in the script but in the page, as a JSON data block (``<script type="application/json">``,
which no browser runs and the policy does not concern), and the folium elements read them from ``DATA``. So one
page request computes a map once, and the script, the same for every filter and viewer, is rendered once per
process and cached by browsers. Data never goes through folium's templates either: branca renders a rendered
script once more as a Jinja template, so a street name holding ``{{`` would be evaluated.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import cache
from typing import Any

from participation.maps.filters import MapLevel
from participation.maps.layers import CREDIT, HIDDEN_FILL, MapLayer, Status

MAP_ID = "bureau"
MAP_ELEMENT_ID = f"map_{MAP_ID}"  # the container's id in the page: folium names a map "map_" + its id
SCALE = 100_000  # rows give coordinates in whole 1e-5 degrees from an origin
DATA_ELEMENT_ID = "map-data"  # the page's JSON data block with the figures
SHAPES = ("cells", "areas")
DORDRECHT = (51.8, 4.66)
METRES_PER_DEGREE = 111_320.0
OUTLINE_COLOUR = "#154273"


def _cell_rows(layer: MapLayer) -> tuple[list[float], list[list[int]]]:
    """An origin and rows ``[lat, lon, count]`` with lat and lon as whole 1e-5 degrees (about a metre) from the
    origin: a third of the bytes of full coordinates, on pages that can hold thousands of blocks."""
    codes = {Status.SMALL: -1, Status.HIDDEN: -2}
    placed = [figure for figure in layer.figures if figure.geometry is not None]  # hidden streets have no place
    if not placed:
        return [0.0, 0.0], []
    origin_lon, origin_lat = (round(min(f.geometry["coordinates"][i] for f in placed), 3) for i in (0, 1))  # type: ignore[index]
    rows = []
    for figure in placed:
        lon, lat = figure.geometry["coordinates"]  # type: ignore[index]
        status = figure.status
        count = figure.count.value if status is Status.SHOWN else codes[status]
        rows.append([round((lat - origin_lat) * SCALE), round((lon - origin_lon) * SCALE), count])
    return [origin_lat, origin_lon], rows


def _area_features(layer: MapLayer, tips: Mapping[str, str]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": figure.geometry,
                "properties": {"fill": layer.fill(figure), "tip": tips[figure.key]},
            }
            for figure in layer.figures
            if figure.geometry is not None
        ],
    }


def map_data(
    layer: MapLayer, *, words: Mapping[str, str], tips: Mapping[str, str], outlines_url: str | None
) -> dict[str, Any]:
    """The figures of a layer as the map script reads them (``DATA``): compact rows ``[lat, lon, count]`` for
    blocks and streets, GeoJSON with fills and tooltip texts for areas. The page carries it as a JSON data block.

    ``words`` are the viewer's tooltip words for blocks and streets: ``shown`` with ``{n}`` for the count,
    ``small`` ("fewer than 5") and ``hidden``. ``tips`` are the tooltip texts of areas by code.
    """
    # The buurt outlines frame the cells and streets; an area map draws the areas themselves.
    framed = layer.level in (MapLevel.CELL, MapLevel.BLOCK, MapLevel.STREET)
    data: dict[str, Any] = {"credit": CREDIT, "outline": OUTLINE_COLOUR, "outlines": outlines_url if framed else None}
    if shape_of(layer) == "cells":
        half_lat = 50 / METRES_PER_DEGREE
        data["words"] = dict(words)
        origin, rows = _cell_rows(layer)
        data["cells"] = {
            "origin": origin,
            "scale": SCALE,
            "rows": rows,
            "breaks": list(layer.breaks),
            "palette": list(layer.palette),
            "hidden": HIDDEN_FILL,
            "squares": layer.level is MapLevel.BLOCK,
            "dlat": round(half_lat, 7),
            "dlon": round(half_lat / math.cos(math.radians(DORDRECHT[0])), 7),
        }
    else:
        data["areas"] = _area_features(layer, tips)
    return data


def shape_of(layer: MapLayer) -> str:
    """Which map script draws a layer: ``cells`` (dots of streets, squares of single blocks) or ``areas`` (polygons:
    the clipped squares of the cell map, buurten, wijken)."""
    return "cells" if layer.level in (MapLevel.BLOCK, MapLevel.STREET) else "areas"


@cache
def map_script(shape: str, tile_url: str = "", tile_attribution: str = "") -> str:
    """The folium map for one shape of layer, as a script the app serves; it draws the figures of the page's data
    block. It holds no figures, so one script serves every filter and every viewer (and is rendered once).

    Without a tile URL no tile layer is added; every data layer and the outlines still draw.
    """
    if shape not in SHAPES:
        raise ValueError(f"no map script for {shape!r}")
    # folium (and pandas, which it imports) is loaded by the first map script a process renders, not by every web
    # worker that imports the maps package to register the bureau's routes.
    from participation.maps.script import folium_script

    script = folium_script(shape, MAP_ID, DORDRECHT, tile_url, tile_attribution)
    return "\n".join(
        [
            "(function () {",
            f"var container = document.getElementById({json.dumps(MAP_ELEMENT_ID)});",
            f"var source = document.getElementById({json.dumps(DATA_ELEMENT_ID)});",
            "if (!container || !source || !window.L) { return; }",
            # Sized here rather than in an inline style, which the Content-Security-Policy refuses.
            'container.style.height = "32rem";',
            "var DATA = JSON.parse(source.textContent);",
            script,
            "})();",
        ]
    )
