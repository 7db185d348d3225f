// Updates the invoicing run's progress bar until the run is over.
(function () {
  "use strict";
  const box = document.querySelector("[data-run-progress]");
  if (!box) return;
  const bar = document.getElementById("run-progress");
  const status = document.getElementById("run-status");
  async function poll() {
    const response = await fetch(box.dataset.runProgress, { credentials: "same-origin" });
    if (!response.ok) return;
    const run = await response.json();
    bar.value = run.percent;
    bar.textContent = run.percent + " %";
    if (run.status === "running") {
      setTimeout(poll, 1500);
    } else {
      window.location.reload();
    }
  }
  if (bar && box.dataset.runStatus === "running") setTimeout(poll, 1500);
})();
