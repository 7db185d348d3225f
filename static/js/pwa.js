// Registers the portal's service worker (served at the site's root, /sw.js),
// which keeps the shell and an offline page on the phone.
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  const worker = script.dataset.worker;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(worker, { scope: "/" }).catch(function () {
      // Without a worker the site works as before, only not offline.
    });
  });
})();
