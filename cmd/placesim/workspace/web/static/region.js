// placesim workspace, a region's page: runs the region the levers make when asked (Quick run,
// Full run), shows its progress with a Cancel, shows the results the server sends back, keeps
// the levers in the page's URL and saves them as a region file. No library, no request to
// anywhere but the workspace itself.
"use strict";

(function () {
  const $ = (sel) => document.querySelector(sel);
  const $$ = (sel) => Array.from(document.querySelectorAll(sel));
  const count = window.placesimCount;
  const initial = JSON.parse($("#initial").textContent);
  const ref = $("#levers").dataset.ref;
  const tab = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Math.random()).slice(2);
  let controller = null;
  let poller = null;
  let seq = 0;

  function state(extra) {
    const values = {};
    $$("[data-input]").forEach((el) => { values[el.dataset.input] = el.value; });
    return Object.assign({
      tab: tab, ref: ref, name: $("#saveas-name").value.trim(),
      description: $("#description").value, values: values, full: false,
    }, extra || {});
  }

  const { setStatus, refused } = window.placesimStatus;

  function showProblems(list) {
    const ul = $("#problems");
    ul.replaceChildren();
    (list || []).forEach((p) => {
      const li = document.createElement("li");
      li.textContent = p;
      ul.appendChild(li);
    });
  }

  // showWarnings lists the region's warnings: it runs, but most likely not as meant.
  function showWarnings(list) {
    const ul = $("#warnings");
    if (!ul) return;
    ul.replaceChildren();
    (list || []).forEach((w) => {
      const li = document.createElement("li");
      li.textContent = "Warning: " + w;
      ul.appendChild(li);
    });
  }

  function applyAnswer(a) {
    Object.entries(a.errors || {}).forEach(([id, msg]) => {
      const el = document.querySelector('[data-input="' + id + '"]');
      if (el && el.tagName === "INPUT") el.setAttribute("aria-invalid", msg ? "true" : "false");
      const err = document.querySelector('[data-error="' + id + '"]');
      if (err) err.textContent = msg || "";
    });
    Object.entries(a.echoes || {}).forEach(([id, text]) => {
      const el = document.querySelector('[data-echo="' + id + '"]');
      if (el) el.textContent = text || "";
    });
    Object.entries(a.changed || {}).forEach(([id, ch]) => {
      const el = document.querySelector('[data-lever="' + id + '"]');
      if (el) el.classList.toggle("changed", ch);
    });
    showProblems(a.problems);
    showWarnings(a.warnings);
    // A strategy's runs are paired with its baseline's: the buttons say so, as the progress does.
    if (a.paired !== undefined) {
      [["#quickrun", "Quick run"], ["#fullrun", "Full run"]].forEach(([id, word]) => {
        $(id).textContent = word + " (" + count($(id).dataset.reps) + (a.paired ? " paired" : "") + " runs)";
      });
    }
    $("#text").textContent = a.text || "No lever changes the region opened.";
    if (a.query !== undefined) history.replaceState(null, "", "/region?" + a.query);
  }

  // pressed is the run button that had the focus when the run began, if one had.
  let pressed = null;

  // busy disables the run buttons while a run goes on and shows Cancel. The focus follows, as
  // on the scenario page: from the run button pressed (disabled, it would drop the focus to
  // the page) to Cancel, and back to that button when the run ends or is cancelled.
  function busy(on) {
    const had = document.activeElement;
    if (on) pressed = had === $("#quickrun") || had === $("#fullrun") ? had : null;
    $("#quickrun").disabled = on;
    $("#fullrun").disabled = on;
    $("#cancel").hidden = !on;
    $("#progress").hidden = !on;
    if (on) {
      $("#progress-bar").value = 0;
      $("#progress-text").textContent = "starting…";
      if (pressed) $("#cancel").focus();
    } else {
      if (pressed && (had === $("#cancel") || had === document.body || !had)) pressed.focus();
      pressed = null;
    }
  }

  function poll() {
    fetch("/api/progress?job=" + encodeURIComponent(tab)).then((r) => r.json()).then((p) => {
      if (!p.running || !p.total) return;
      $("#progress-bar").max = p.total;
      $("#progress-bar").value = p.done;
      let text = count(p.done) + " of " + count(p.total) + " runs";
      // A strategy runs with its baseline, as the scenario page's Full run does: say so.
      if (p.runs === 2) text += " (" + count(p.total / 2) + " paired: the baseline's and the strategy's)";
      if (p.left >= 0) text += ", about " + Math.max(1, Math.round(p.left)) + " s left";
      $("#progress-text").textContent = text;
    }).catch(() => {});
  }

  function run(full) {
    if (controller) controller.abort();
    const my = ++seq;
    controller = new AbortController();
    busy(true);
    setStatus(full ? "Full run in progress…" : "Quick run in progress…", "updating");
    $("#results").classList.add("stale");
    clearInterval(poller);
    poller = setInterval(poll, 400);
    fetch("/api/region/run", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify(state({full: full})), signal: controller.signal,
    }).then(async (r) => {
      // An answer that is not the workspace's JSON still says why: show what the server said.
      const text = await r.text();
      try {
        return JSON.parse(text);
      } catch (e) {
        return {error: text.trim() || r.status + " " + r.statusText};
      }
    }).then((a) => {
      if (my !== seq) return;
      if (a.error) {
        // The server is busy or has stopped (503), or the run stopped on a bug (500).
        setStatus("The run failed: " + a.error, "stale");
        return;
      }
      applyAnswer(a);
      if (a.cancelled) {
        setStatus("Cancelled: the figures below are from the last run", "stale");
      } else if (a.results) {
        $("#results").innerHTML = a.results;
        const dl = $("#keyfigs");
        dl.replaceChildren();
        (a.keyfigs || []).forEach((f) => {
          const dt = document.createElement("dt"), dd = document.createElement("dd");
          dt.textContent = f.label;
          dd.textContent = f.value;
          dl.append(dt, dd);
        });
        $("#results").classList.remove("stale");
        setStatus(a.stamp, "fresh");
      } else {
        const box = refused("Not run", a.problems);
        // A run asked for by a button moves the focus to the first box refused, as a form
        // sent with problems does; a run as the page opens leaves it where it is.
        const asked = [$("#cancel"), $("#quickrun"), $("#fullrun"), $("#levers-run")].includes(document.activeElement);
        if (box && asked) box.focus();
      }
    }).catch((e) => {
      if (my !== seq) return;
      if (e.name === "AbortError") {
        setStatus("Cancelled: the figures below are from the last run", "stale");
      } else {
        setStatus("The workspace did not answer: " + e.message, "stale");
      }
    }).finally(() => {
      if (my !== seq) return;
      clearInterval(poller);
      busy(false);
      controller = null;
    });
  }

  function saveAs(overwrite) {
    const name = $("#saveas-name").value.trim();
    const msg = $("#file-msg");
    fetch("/api/region/save", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({name: name, state: state(), overwrite: overwrite}),
    }).then((r) => r.json()).then((a) => {
      if (a.exists && confirm(a.error + ". Replace it?")) return saveAs(true);
      msg.textContent = a.error || a.message;
      msg.className = "msg" + (a.error ? " error" : "");
    }).catch((e) => { msg.textContent = "Not saved: " + e.message; msg.className = "msg error"; });
  }

  // A group's Add button adds its template's boxes, numbered after the last, before the button,
  // and moves the focus to the first of them.
  function addMore(button) {
    const group = button.dataset.group;
    const tpl = document.getElementById(group + "-more");
    const per = tpl.content.querySelectorAll("[data-lever]").length;
    const next = $$('#' + group + ' [data-lever]').length / per + 1;
    button.insertAdjacentHTML("beforebegin", tpl.innerHTML.replaceAll("__N__", String(next)));
    button.hidden = next >= Number(button.dataset.max);
    const first = document.querySelector('[data-input^="' + group + next + '."]');
    if (first) first.focus();
    setStatus("Changed: press Quick run to see what the levers do", "stale");
  }
  $$(".add-more").forEach((b) => b.addEventListener("click", () => addMore(b)));

  $("#quickrun").addEventListener("click", () => run(false));
  $("#fullrun").addEventListener("click", () => run(true));
  $("#cancel").addEventListener("click", () => { if (controller) controller.abort(); });
  $("#saveas").addEventListener("click", () => saveAs(false));
  // A built-in's name, or a Windows device's, is refused as it is typed, beside its box, as
  // the server refuses it.
  const builtins = JSON.parse($("#builtin-names").textContent);
  $("#saveas-name").addEventListener("input", () => {
    const box = $("#saveas-name"), out = $("#saveas-error");
    const says = window.placesimBuiltinName(box.value, builtins) || window.placesimReservedName(box.value);
    if (out.textContent !== says) out.textContent = says;
    box.setAttribute("aria-invalid", says ? "true" : "false");
  });
  $("#levers").addEventListener("submit", (e) => { e.preventDefault(); run(false); });
  $("#levers").addEventListener("input", () => {
    setStatus("Changed: press Quick run to see what the levers do", "stale");
    $("#results").classList.add("stale");
  });
  $("#results").addEventListener("change", (e) => {
    if (e.target.id !== "council-pick") return;
    $$(".council-detail").forEach((el) => { el.hidden = el.id !== e.target.value; });
  });

  if (initial.query) history.replaceState(null, "", "/region?" + initial.query);
  run(false);
})();
