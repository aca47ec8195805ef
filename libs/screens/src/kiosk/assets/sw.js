// The kiosk's service worker: the page and its script and style come from the network when it answers and from this
// cache when it does not, so a display that restarts during an outage still opens its page. The notices themselves
// are kept by the page (localStorage); API calls are never cached here.
'use strict';
const CACHE = 'gkd-kiosk-v1';
const SHELL = ['/screens/assets/kiosk.js', '/screens/assets/kiosk.css'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('gkd-kiosk-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/screens/')) return;
  // keyed by path: the token in the query string is neither needed to serve the shell nor worth storing twice
  const key = url.origin + url.pathname;
  event.respondWith(
    fetch(event.request)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          event.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)));
        }
        return res;
      })
      .catch(() => caches.match(key).then((hit) => hit || Response.error())),
  );
});
