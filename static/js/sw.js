// The portal's service worker, served at /sw.js by bid.pwa.service_worker,
// which puts self.BID_PWA (what to keep, the offline pages, a version) first.
// The shell (styles, scripts, icons, the offline page) comes from the cache;
// pages come from the network and are never kept: they are personal.
"use strict";

const CONFIG = self.BID_PWA;
const PREFIX = "bid-shell-";
const CACHE = PREFIX + CONFIG.version;
const KEPT = new Set(
  CONFIG.precache.map(function (url) {
    return new URL(url, self.location.origin).pathname;
  })
);

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        // Fresh from the server, not from the browser's HTTP cache.
        return cache.addAll(
          CONFIG.precache.map(function (url) {
            return new Request(url, { cache: "reload", credentials: "same-origin" });
          })
        );
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys
            .filter(function (key) {
              return key.indexOf(PREFIX) === 0 && key !== CACHE;
            })
            .map(function (key) {
              return caches.delete(key);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

function offlinePage(path) {
  // CONFIG.offline: [address prefix, offline page], longest prefix first.
  for (const [prefix, page] of CONFIG.offline) {
    if (path.indexOf(prefix) === 0) return page;
  }
  return CONFIG.offline[CONFIG.offline.length - 1][1];
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // Other hosts (map tiles) are the page's business, under the page's policy.
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(function () {
        return caches
          .open(CACHE)
          .then(function (cache) {
            return cache.match(offlinePage(url.pathname), { ignoreVary: true });
          })
          .then(function (page) {
            return page || Response.error();
          });
      })
    );
    return;
  }
  if (KEPT.has(url.pathname)) {
    event.respondWith(
      caches
        .open(CACHE)
        .then(function (cache) {
          return cache.match(request, { ignoreVary: true, ignoreSearch: true });
        })
        .then(function (hit) {
          return hit || fetch(request);
        })
    );
  }
});
