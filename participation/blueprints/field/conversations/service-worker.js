// Service worker of the field pages: keeps the conversation form and its assets on the device, so a
// professional can open and fill it without a connection. Logs are queued by field-app.js, not here.
/* global PRECACHE, CACHE_NAME */
"use strict";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE_NAME).then(function (cache) { return cache.addAll(PRECACHE); }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("field-") === 0 && name !== CACHE_NAME;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    // Pages: the network first (fresh lists, fresh form), the kept copy when there is no connection.
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE_NAME).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      }).catch(function () {
        return caches.match(request, { ignoreSearch: true }).then(function (kept) {
          return kept || caches.match(PRECACHE[1]);
        });
      })
    );
    return;
  }
  // Assets: what is kept, else the network.
  event.respondWith(
    caches.match(request).then(function (kept) { return kept || fetch(request); })
  );
});
