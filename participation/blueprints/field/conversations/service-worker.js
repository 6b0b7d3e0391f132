// Service worker of the field pages: keeps the pages that work without a connection (the field home and the
// conversation form) and their assets on the device. Without a connection a page is shown from the device only
// if it is one of those pages; any other field page (the registers, which need the server) gets the honest
// offline page, never another page under its address. Logs are queued by field-app.js, not here.
/* global PRECACHE, CACHE_NAME, OFFLINE_PAGES, OFFLINE_FALLBACK */
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

function worksOffline(url) {
  return OFFLINE_PAGES.indexOf(url.pathname) !== -1;
}

// The kept pages are in the language they were fetched in: when a page comes back in another language (the
// professional switched), fetch the kept ones again.
function keepLanguage(response) {
  var language = response.headers.get("Content-Language");
  if (!language) {
    return;
  }
  caches.open(CACHE_NAME).then(function (cache) {
    return cache.match(OFFLINE_FALLBACK).then(function (kept) {
      if (kept && kept.headers.get("Content-Language") !== language) {
        return cache.addAll(OFFLINE_PAGES.concat([OFFLINE_FALLBACK]));
      }
      return undefined;
    });
  }).catch(function () { /* next time */ });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    // Pages: the network first (fresh lists, fresh form); without a connection the kept copy of this very
    // page if it works offline, else the page that says a connection is needed.
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok && worksOffline(url)) {
          var copy = response.clone();
          caches.open(CACHE_NAME).then(function (cache) { cache.put(url.pathname, copy); });
        }
        if (response.ok) {
          keepLanguage(response);
        }
        return response;
      }).catch(function () {
        var kept = worksOffline(url) ? caches.match(url.pathname) : Promise.resolve(undefined);
        return kept.then(function (page) { return page || caches.match(OFFLINE_FALLBACK); });
      })
    );
    return;
  }
  // Assets: what is kept, else the network.
  event.respondWith(
    caches.match(request).then(function (kept) { return kept || fetch(request); })
  );
});
