// placesim workspace, compare page: while a comparison runs, shows its progress and time left
// from /api/progress, and Cancel stops it (the page stops loading, and the server stops its
// runs). No library, no request to anywhere but the workspace itself.
"use strict";

(function () {
  const form = document.getElementById("compare-form");
  const job = document.getElementById("job");
  const box = document.getElementById("compare-run");
  const status = document.getElementById("compare-status");
  const bar = document.getElementById("compare-bar");
  const go = document.getElementById("compare-go");
  let timer = null;

  function describe(p) {
    if (!p.running || !p.total) return "Comparing: starting the runs…";
    let text = "Comparing: " + p.done + " of " + p.total + " runs done";
    if (p.left >= 0) text += ", about " + Math.max(1, Math.round(p.left)) + " s left";
    return text + ".";
  }

  async function poll() {
    try {
      const r = await fetch("/api/progress?job=" + encodeURIComponent(job.value));
      const p = await r.json();
      if (p.total) bar.value = p.done / p.total;
      status.textContent = describe(p);
    } catch (e) {
      // The page is leaving: the results have come.
    }
    timer = setTimeout(poll, 500);
  }

  form.addEventListener("submit", () => {
    job.value = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Math.random()).slice(2);
    box.hidden = false;
    go.disabled = true;
    status.textContent = "Comparing: starting the runs…";
    timer = setTimeout(poll, 300);
  });

  document.getElementById("compare-cancel").addEventListener("click", () => {
    window.stop();
    clearTimeout(timer);
    go.disabled = false;
    bar.value = 0;
    status.textContent = "Comparison cancelled: nothing was run to the end. Press Compare to start again.";
    status.classList.remove("updating");
    go.focus();
  });
  window.addEventListener("pageshow", () => { go.disabled = false; });
})();
