"""Maps for the programme bureau, built with folium from aggregated and suppressed figures only; no flask.request.

- ``builders``: the block heat map, the choropleths per wijk and buurt, the theme map per block and street.
- ``layers``: the suppressed figures every view of a map shares (map, table, GeoJSON export).
- ``render``: the folium map as a script served by the app, for a Content-Security-Policy without inline script.
"""

from participation.maps.builders import choropleth_layer, heat_layer, theme_layer
from participation.maps.filters import ChoroplethChoice, MapFilter, MapLevel, Measure, Source
from participation.maps.layers import CREDIT, MapFigure, MapLayer, Status, geojson_export
from participation.maps.render import MAP_ELEMENT_ID, MapScript, render_map

__all__ = [
    "CREDIT",
    "MAP_ELEMENT_ID",
    "ChoroplethChoice",
    "MapFigure",
    "MapFilter",
    "MapLayer",
    "MapLevel",
    "MapScript",
    "Measure",
    "Source",
    "Status",
    "choropleth_layer",
    "geojson_export",
    "heat_layer",
    "render_map",
    "theme_layer",
]
