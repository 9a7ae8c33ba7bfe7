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

  // describe says the runs done and the time left, for the progress text beside the bar: not
  // a live region, which a screen reader would read out at every poll.
  function describe(p) {
    if (!p.running || !p.total) return "starting the runs…";
    let text = count(p.done) + " of " + count(p.total) + " runs done";
    if (p.left >= 0) text += ", about " + Math.max(1, Math.round(p.left)) + " s left";
    return text + ".";
  }

  function bind() {
    const form = $("compare-form");
    if (!form) return;
    const box = $("compare-run"), status = $("compare-status"), bar = $("compare-bar"), go = $("compare-go");
    const cancel = $("compare-cancel"), progress = $("compare-progress-text");
    let controller = null, timer = null, job = "";
    // pressed is Compare when it had the focus as the comparison began: disabled, it would
    // drop the focus to the page, so the focus goes to Cancel and comes back to it.
    let pressed = null;

    // say writes text in the status line, a live region, only when its words change: a
    // screen reader says it again at every rewrite.
    function say(text) {
      if (status.textContent !== text) status.textContent = text;
    }

    async function poll() {
      try {
        const r = await fetch("/api/progress?job=" + encodeURIComponent(job));
        const p = await r.json();
        if (!controller) return;
        if (p.total) bar.value = p.done / p.total;
        progress.textContent = describe(p);
      } catch (e) {
        // The next poll tries again.
      }
      if (controller) timer = setTimeout(poll, 500);
    }

    function done() {
      controller = null;
      clearTimeout(timer);
      const had = document.activeElement;
      go.disabled = false;
      bar.value = 0;
      progress.textContent = "";
      status.classList.remove("updating");
      if (pressed && (had === cancel || had === document.body || !had)) go.focus();
      pressed = null;
    }

    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      job = newJob();
      $("job").value = job;
      const params = new URLSearchParams(new FormData(form));
      controller = new AbortController();
      box.classList.remove("idle");
      pressed = document.activeElement === go ? go : null;
      go.disabled = true;
      if (pressed) cancel.focus();
      status.classList.add("updating");
      say("Comparing…");
      progress.textContent = "starting the runs…";
      timer = setTimeout(poll, 300);
      let text, answer;
      try {
        const r = await fetch("/compare?" + params.toString(), { signal: controller.signal });
        answer = r.status + " " + r.statusText;
        text = await r.text();
      } catch (err) {
        if (err.name !== "AbortError") {
          done();
          say("The workspace could not be reached: " + err.message);
        }
        return;
      }
      done();
      const page = new DOMParser().parseFromString(text, "text/html");
      if (!page.querySelector("main")) {
        // Not a page of the workspace (it has stopped, say): show what the server said.
        say("The comparison failed: " + (text.trim() || answer));
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

    cancel.addEventListener("click", () => {
      if (controller) controller.abort();
      done();
      say("Comparison cancelled: nothing was run to the end. Press Compare to start again.");
      go.focus();
    });
  }

  bind();
  window.addEventListener("popstate", () => window.location.reload());
})();
