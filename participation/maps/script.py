"""The folium part of a map script (see ``participation.maps.render``): Leaflet code for one shape of layer that
reads its figures from ``DATA``. Its own module so that folium is imported only when a map script is rendered."""

from __future__ import annotations

from typing import Any, cast

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template


class _Script(MacroElement):
    """A folium element whose script reads its data from ``DATA``; typed, unlike branca's constructors."""

    def __init__(self, name: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = name


class Credit(_Script):
    """The CBS/Kadaster credit in the map's attribution control, on every map, with or without tiles."""

    _template = Template(
        """{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.attributionControl.setPrefix(false).addAttribution(DATA.credit);
{% endmacro %}"""
    )


class Outlines(_Script):
    """The buurt outlines the app serves itself, so the map has a reference without tiles too."""

    _template = Template(
        """{% macro script(this, kwargs) %}
if (DATA.outlines) {
  fetch(DATA.outlines, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (outlines) {
      L.geoJSON(outlines, {
        interactive: false,
        style: { color: DATA.outline, weight: 1, fill: false }
      }).addTo({{ this._parent.get_name() }});
    })
    .catch(function () { /* the data layers do not need the outlines */ });
}
{% endmacro %}"""
    )


class Cells(_Script):
    """Blocks as 100 m squares (or streets as dots) from compact rows ``[lat, lon, count]``: a count of -1 is
    "fewer than k" and -2 is hidden. Tooltips are written from the viewer's words when first shown."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (map) {
  var cells = DATA.cells, words = DATA.words;
  function grade(n) {
    var g = 0;
    for (var i = 0; i < cells.breaks.length; i++) { if (n >= cells.breaks[i]) { g++; } }
    return g;
  }
  function text(n) {
    if (n === -1) { return words.small; }
    if (n === -2) { return words.hidden; }
    return words.shown.replace("{n}", String(n));
  }
  var group = L.featureGroup();
  cells.rows.forEach(function (packed) {
    var row = [cells.origin[0] + packed[0] / cells.scale, cells.origin[1] + packed[1] / cells.scale, packed[2]];
    var style = {
      color: row[2] < 0 ? "#4d4d4d" : "#7a0019", weight: 0.5,
      fillColor: row[2] < 0 ? cells.hidden : cells.palette[grade(row[2])], fillOpacity: 0.8
    };
    var shape = cells.squares
      ? L.rectangle([[row[0] - cells.dlat, row[1] - cells.dlon], [row[0] + cells.dlat, row[1] + cells.dlon]], style)
      : L.circleMarker([row[0], row[1]], Object.assign({ radius: 7 }, style));
    shape.bindTooltip(function () { return text(row[2]); });
    group.addLayer(shape);
  });
  group.addTo(map);
  if (cells.rows.length) { map.fitBounds(group.getBounds(), { maxZoom: 16 }); }
})({{ this._parent.get_name() }});
{% endmacro %}"""
    )


class Areas(_Script):
    """A choropleth of wijken or buurten: GeoJSON with each area's fill and tooltip text in its properties."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (map) {
  var layer = L.geoJSON(DATA.areas, {
    style: function (feature) {
      var fill = feature.properties.fill;
      return { color: DATA.outline, weight: 1, fillColor: fill || "#ffffff", fillOpacity: fill ? 0.75 : 0.1 };
    },
    onEachFeature: function (feature, shape) {
      // Text content, never HTML: names come from registers and must not become markup.
      shape.bindTooltip(function () {
        var span = document.createElement("span");
        span.textContent = feature.properties.tip;
        return span;
      });
    }
  }).addTo(map);
  if (DATA.areas.features.length) { map.fitBounds(layer.getBounds()); }
})({{ this._parent.get_name() }});
{% endmacro %}"""
    )


def _deterministic_ids(element: Element, counter: list[int]) -> None:
    for child in element._children.values():
        child._id = str(counter[0])
        counter[0] += 1
        _deterministic_ids(child, counter)


def folium_script(
    shape: str, map_id: str, location: tuple[float, float], tile_url: str = "", tile_attribution: str = ""
) -> str:
    """The script part of a folium map with the layer elements of ``shape`` (``cells`` or ``areas``)."""
    fmap = folium.Map(location=location, zoom_start=13, tiles=None, prefer_canvas=True, control_scale=True)
    fmap._id = map_id
    if tile_url:
        folium.TileLayer(tiles=tile_url, attr=tile_attribution, name="tiles", max_zoom=19, control=False).add_to(fmap)
    Credit("credit").add_to(fmap)
    Outlines("outlines").add_to(fmap)
    (Cells("cells") if shape == "cells" else Areas("areas")).add_to(fmap)
    _deterministic_ids(fmap, [0])
    cast(Any, fmap).render()
    figure = cast(Figure, fmap.get_root())
    return str(figure.script.render())
