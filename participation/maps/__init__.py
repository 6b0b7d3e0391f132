"""Maps for the programme bureau, built with folium from aggregated and suppressed figures only; no flask.request.

- ``cells``: map cells of 100 m to 1600 m that nest in buurten, and the one buurt/wijk table of every page.
- ``builders``: the cell heat map, the choropleths per wijk and buurt, the theme map per cell and street.
- ``layers``: the suppressed figures every view of a map shares (map, table, GeoJSON export).
- ``render``: the folium map as a script served by the app and its figures as the page's data, for a
  Content-Security-Policy without inline script.
"""

from participation.maps.builders import cell_layer, choropleth_layer, street_layer, theme_layer
from participation.maps.filters import ChoroplethChoice, MapFilter, MapLevel, Measure, Source
from participation.maps.layers import CREDIT, MapFigure, MapLayer, Status, geojson_export
from participation.maps.render import DATA_ELEMENT_ID, MAP_ELEMENT_ID, map_data, map_script, shape_of

__all__ = [
    "CREDIT",
    "DATA_ELEMENT_ID",
    "MAP_ELEMENT_ID",
    "ChoroplethChoice",
    "MapFigure",
    "MapFilter",
    "MapLayer",
    "MapLevel",
    "Measure",
    "Source",
    "Status",
    "cell_layer",
    "choropleth_layer",
    "geojson_export",
    "map_data",
    "map_script",
    "shape_of",
    "street_layer",
    "theme_layer",
]
