// placesim workspace, compare page: runs a comparison without leaving the page, so that it can
// show its progress and time left (from /api/progress) and Cancel can stop it (the request is
// aborted, and the server stops its runs); then shows the comparison the server sent. Without
// the script the form works as an ordinary one. No library, no request to anywhere but the
// workspace itself.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const count = window.placesimCount;
  const newJob = () => (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Math.random()).slice(2);

  function describe(p) {
    if (!p.running || !p.total) return "Comparing: starting the runs…";
    let text = "Comparing: " + count(p.done) + " of " + count(p.total) + " runs done";
    if (p.left >= 0) text += ", about " + Math.max(1, Math.round(p.left)) + " s left";
    return text + ".";
  }

  function bind() {
    const form = $("compare-form");
    if (!form) return;
    const box = $("compare-run"), status = $("compare-status"), bar = $("compare-bar"), go = $("compare-go");
    let controller = null, timer = null, job = "";

    async function poll() {
      try {
        const r = await fetch("/api/progress?job=" + encodeURIComponent(job));
        const p = await r.json();
        if (!controller) return;
        if (p.total) bar.value = p.done / p.total;
        status.textContent = describe(p);
      } catch (e) {
        // The next poll tries again.
      }
      if (controller) timer = setTimeout(poll, 500);
    }

    function done() {
      controller = null;
      clearTimeout(timer);
      go.disabled = false;
      bar.value = 0;
      status.classList.remove("updating");
    }

    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      job = newJob();
      $("job").value = job;
      const params = new URLSearchParams(new FormData(form));
      controller = new AbortController();
      box.classList.remove("idle");
      go.disabled = true;
      status.classList.add("updating");
      status.textContent = "Comparing: starting the runs…";
      timer = setTimeout(poll, 300);
      let text, answer;
      try {
        const r = await fetch("/compare?" + params.toString(), { signal: controller.signal });
        answer = r.status + " " + r.statusText;
        text = await r.text();
      } catch (err) {
        if (err.name !== "AbortError") {
          done();
          status.textContent = "The workspace could not be reached: " + err.message;
        }
        return;
      }
      done();
      const page = new DOMParser().parseFromString(text, "text/html");
      if (!page.querySelector("main")) {
        // Not a page of the workspace (it has stopped, say): show what the server said.
        status.textContent = "The comparison failed: " + (text.trim() || answer);
        return;
      }
      params.delete("job");
      history.pushState(null, "", "/compare?" + params.toString());
      document.title = page.title;
      document.querySelector("main").replaceWith(page.querySelector("main"));
      bind();
      const h = $("compare-h") || $("compare-error");
      if (h) {
        h.tabIndex = -1;
        h.focus();
      }
    });

    $("compare-cancel").addEventListener("click", () => {
      if (controller) controller.abort();
      done();
      status.textContent = "Comparison cancelled: nothing was run to the end. Press Compare to start again.";
      go.focus();
    });
  }

  bind();
  window.addEventListener("popstate", () => window.location.reload());
})();
