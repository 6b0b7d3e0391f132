// Location questions, made better with JavaScript: a map to tap on, and "use my location".
// Without JavaScript (or without Leaflet) the lists below the map do the same job, so nothing here is needed.
(function () {
  "use strict";
  if (!window.L || !document.querySelectorAll) {
    return;
  }
  var CREDIT = "Kadaster / Centraal Bureau voor de Statistiek, 2024";
  var DORDRECHT = [51.8, 4.66];

  function setUp(box) {
    box.hidden = false;
    var field = function (name) { return box.querySelector("[data-" + name + "]"); };
    var lat = field("lat");
    var lon = field("lon");
    var source = field("source");
    var mode = field("mode");
    var status = field("location-status");
    var question = box.getAttribute("data-question");
    var skip = document.getElementById(question + "__skip");
    var map = L.map(box.querySelector(".location__canvas"), { keyboard: true }).setView(DORDRECHT, 13);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(CREDIT);
    var tiles = box.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, { attribution: box.getAttribute("data-attribution") || "", maxZoom: 19 }).addTo(map);
    }
    var marker = null;

    var placeUrl = box.getAttribute("data-place-url");
    var focus = (box.getAttribute("data-focus") || "").split(" ").filter(Boolean);
    var asked = 0;

    // Name the buurt (and street) of the chosen point, so the resident sees that the right place was taken.
    function name(latlng) {
      var ticket = ++asked;
      if (!placeUrl) {
        return;
      }
      var query = "?lat=" + encodeURIComponent(latlng.lat.toFixed(6)) + "&lon=" + encodeURIComponent(latlng.lng.toFixed(6));
      fetch(placeUrl + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (found) {
          if (ticket === asked && found && found.html) {
            status.innerHTML = found.html; // escaped by the server; names are isolated in <bdi>
          }
        })
        .catch(function () { /* the plain "chosen" text stays */ });
    }

    function choose(latlng, how) {
      // Only now may a point leave the phone: the fields were disabled until the resident chose one.
      [lat, lon, source].forEach(function (input) { input.disabled = false; });
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      source.value = how;
      mode.value = how;
      if (skip) {
        skip.checked = false;
      }
      if (marker) {
        marker.setLatLng(latlng);
      } else {
        marker = L.circleMarker(latlng, { radius: 10, color: "#0d2b4c", weight: 3, fillColor: "#ffbf47", fillOpacity: 1 }).addTo(map);
      }
      status.textContent = box.getAttribute("data-chosen-text") || "";
      name(latlng);
    }

    fetch(box.getAttribute("data-boundaries"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (outlines) {
        var inFocus = function (feature) { return focus.indexOf(feature.properties.buurtcode) !== -1; };
        var layer = L.geoJSON(outlines, { style: { color: "#154273", weight: 1, fillOpacity: 0.04 }, interactive: false });
        layer.addTo(map);
        // The focus area drawn over the rest, and the map opened on it rather than on all of the municipality.
        var focusLayer = L.geoJSON(outlines, {
          filter: inFocus,
          style: { color: "#0d2b4c", weight: 3, fillOpacity: 0 },
          interactive: false
        });
        focusLayer.addTo(map);
        var opening = focusLayer.getLayers().length ? focusLayer : layer;
        if (!lat.value) {
          map.fitBounds(opening.getBounds());
        }
      })
      .catch(function () { /* the map still works without outlines */ });

    map.on("click", function (event) { choose(event.latlng, "map"); });

    var locate = box.querySelector("[data-use-my-location]");
    if (!navigator.geolocation) {
      locate.hidden = true;
    } else {
      locate.addEventListener("click", function () {
        status.textContent = box.getAttribute("data-searching-text") || "";
        navigator.geolocation.getCurrentPosition(
          function (position) {
            var here = L.latLng(position.coords.latitude, position.coords.longitude);
            choose(here, "gps");
            map.setView(here, 17);
          },
          function () { status.textContent = box.getAttribute("data-failed-text") || ""; },
          { enableHighAccuracy: true, timeout: 15000 }
        );
      });
    }
    if (skip) {
      skip.addEventListener("change", function () {
        if (skip.checked) {
          mode.value = "";
          lat.value = "";
          lon.value = "";
          [lat, lon, source].forEach(function (input) { input.disabled = true; });
          if (marker) {
            map.removeLayer(marker);
            marker = null;
          }
          status.textContent = "";
        }
      });
    }
    if (lat.value && lon.value) {
      var saved = L.latLng(parseFloat(lat.value), parseFloat(lon.value));
      choose(saved, source.value || "map");
      map.setView(saved, 16);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-location-map]"), setUp);
  });
})();
