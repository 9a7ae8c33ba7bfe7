// placesim workspace: sends the levers to the server shortly after the user stops typing,
// shows the results it sends back, and keeps the levers in the page's URL. No library, no
// request to anywhere but the workspace itself.
"use strict";

(function () {
  const $ = (sel) => document.querySelector(sel);
  const $$ = (sel) => Array.from(document.querySelectorAll(sel));
  const count = window.placesimCount;
  const initial = JSON.parse($("#initial").textContent);
  const tab = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Math.random()).slice(2);
  const quietMillis = 350; // how long after the last keystroke a run starts

  let file = initial.file || "";
  // opened is the SHA-256 of the file's text when opened (or last saved here): a save over
  // the file is refused if it has changed since, and the page asks whether to overwrite it.
  let opened = initial.opened || "";
  let timer = null;
  let controller = null;
  let seq = 0;        // number of the latest request
  let inputsSeq = 0;  // bumped on every change of an input: results match when equal to a run's
  let textEdited = false;

  function state(extra) {
    const values = {}, notes = {};
    $$("[data-input]").forEach((el) => { values[el.dataset.input] = el.value; });
    $$("[data-note]").forEach((el) => { notes[el.dataset.note] = el.value; });
    // The seed goes as typed, as a string: a number above 2^53 would not survive JSON's
    // numbers, and the server says beside the box what it cannot take.
    return Object.assign({
      tab: tab, base: $("#base").value, file: file, name: $("#name").value.trim(),
      description: $("#description").value, seed: $("#seed").value.trim(),
      text: $("#text").value, values: values, notes: notes,
      useText: false, full: false, check: false,
    }, extra || {});
  }

  const { setStatus, refused } = window.placesimStatus;

  // markStale says, in words beside the results and not by their outline alone, that they are
  // from before the last change, and holds back their board pack until they are brought up to
  // date: a pack printed then would not be the scenario shown.
  function markStale(on) {
    const res = $("#results");
    res.classList.toggle("stale", on);
    $("#stale-note").hidden = !on || !res.firstElementChild;
    $$("#board-pack, #board-pack-download").forEach((a) => {
      if (on) {
        if (a.hasAttribute("href")) a.dataset.href = a.getAttribute("href");
        a.removeAttribute("href");
        a.setAttribute("aria-disabled", "true");
        a.title = "These results are from before your last change: the board pack is ready when the run ends";
      } else {
        if (a.dataset.href) a.setAttribute("href", a.dataset.href);
        a.removeAttribute("aria-disabled");
        a.removeAttribute("title");
      }
    });
  }

  function changed() {
    inputsSeq++;
    setStatus("Updating… (the figures below are from before your last change)", "updating");
    markStale(true);
    clearTimeout(timer);
    timer = setTimeout(() => run({}), quietMillis);
  }

  function showProblems(list) {
    const ul = $("#problems");
    ul.replaceChildren();
    (list || []).forEach((p) => {
      const li = document.createElement("li");
      li.textContent = p;
      ul.appendChild(li);
    });
  }

  // showWarnings lists the scenario's warnings: it runs, but most likely not as meant.
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

  function applyAnswer(a, fromText) {
    Object.entries(a.inputs || {}).forEach(([id, st]) => {
      const el = document.querySelector('[data-input="' + id + '"]') || (id === "seed" ? $("#seed") : null);
      if (!el) return;
      if (id === "seed" && st.error) $("#advanced").open = true;
      // A box folded away under More levers is unfolded when it is refused.
      const more = el.closest("details.more-levers");
      if (more && st.error) more.open = true;
      if (fromText || document.activeElement !== el) {
        if (fromText) el.value = st.value;
      }
      el.setAttribute("aria-invalid", st.error ? "true" : "false");
      const err = document.querySelector('[data-error="' + id + '"]');
      if (err) err.textContent = st.error || "";
    });
    if (fromText) {
      Object.entries(a.notes || {}).forEach(([id, note]) => {
        const el = document.querySelector('[data-note="' + id + '"]');
        if (el) el.value = note;
      });
    }
    Object.entries(a.changed || {}).forEach(([id, ch]) => {
      const el = document.querySelector('[data-lever="' + id + '"]');
      if (el) el.classList.toggle("changed", ch);
    });
    Object.entries(a.effects || {}).forEach(([id, text]) => {
      const el = document.querySelector('[data-effect="' + id + '"]');
      if (el) el.textContent = text;
    });
    showProblems(a.problems);
    showWarnings(a.warnings);
    if (a.text && (!textEdited || fromText)) {
      $("#text").value = a.text;
      textEdited = false;
    }
    if (a.fullText) $("#fulltext").textContent = a.fullText;
    if (typeof a.query === "string") {
      history.replaceState(null, "", a.query ? "/?" + a.query : "/");
    }
  }

  let progressTimer = null;

  // showProgress reads how far a full run has got, until it ends.
  async function showProgress(mine) {
    if (mine !== seq) return;
    try {
      const r = await fetch("/api/progress?job=" + encodeURIComponent(tab));
      const p = await r.json();
      if (mine !== seq) return;
      if (p.total) {
        $("#progress-bar").value = p.done / p.total;
        // The button counts paired runs; the meter, the baseline's and the scenario's.
        let text = count(p.done) + " of " + count(p.total) + " runs";
        if (p.runs === 2) text += " (" + count(p.total / 2) + " paired: the baseline's and the scenario's)";
        if (p.left >= 0) text += ", about " + Math.max(1, Math.round(p.left)) + " s left";
        $("#progress-text").textContent = text;
      }
    } catch (e) {
      // The next poll tries again.
    }
    progressTimer = setTimeout(() => showProgress(mine), 500);
  }

  function longRun(on) {
    const hadFocus = document.activeElement === $("#cancel");
    $("#progress").hidden = !on;
    $("#cancel").hidden = !on;
    $("#fullrun").disabled = on;
    if (!on) {
      clearTimeout(progressTimer);
      $("#progress-bar").value = 0;
      $("#progress-text").textContent = "";
      if (hadFocus) $("#fullrun").focus();
    }
  }

  async function run(extra) {
    clearTimeout(timer);
    if (controller) controller.abort();
    controller = new AbortController();
    const mine = ++seq;
    const forInputs = inputsSeq;
    const full = !!extra.full;
    longRun(full);
    if (full) {
      progressTimer = setTimeout(() => showProgress(mine), 300);
      // Full run is disabled while it runs: Cancel takes the focus.
      $("#cancel").focus();
    }
    setStatus(full ? "Full run: simulating…" : "Updating…", "updating");
    try {
      await runOnce(extra, mine, forInputs, full);
    } finally {
      if (mine === seq) longRun(false);
    }
  }

  async function runOnce(extra, mine, forInputs, full) {
    let a, r;
    try {
      r = await fetch("/api/run", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(state(extra)), signal: controller.signal,
      });
    } catch (e) {
      if (e.name === "AbortError") return;
      if (mine === seq) setStatus("The workspace could not be reached: " + e.message, "stale");
      return;
    }
    let body = "";
    try {
      body = await r.text();
      a = JSON.parse(body);
    } catch (e) {
      // An answer that is not the workspace's JSON: say what the server said.
      if (mine === seq) setStatus("The run failed: " + (body.trim() || r.status + " " + r.statusText), "stale");
      return;
    }
    if (!r.ok) {
      // The server answered: it is busy (503) or the run stopped on a bug (500).
      if (mine === seq) setStatus("The run failed: " + (a.error || (a.problems || []).join("; ") || r.statusText), "stale");
      return;
    }
    if (extra.useText) message(a.notice || "", false);
    if (mine !== seq) return;
    if (a.cancelled) {
      // Stopped on the server without this page asking: say so, not "simulating…" for ever.
      setStatus("The run was stopped before it finished: the results below are still the last run's.", "stale");
      return;
    }
    applyAnswer(a, !!extra.useText);
    if (a.results) {
      $("#results").innerHTML = a.results;
      // Results of inputs changed since the run began stay marked until the next run ends.
      markStale(forInputs !== inputsSeq);
      keyFigures();
    }
    if (a.problems && a.problems.length || Object.values(a.inputs || {}).some((s) => s.error)) {
      const box = refused("Not updated", a.problems);
      markStale(true);
      // Apply moves the focus to the first box refused, as a form sent with problems does.
      if (extra.useText && box) box.focus();
    } else if (forInputs === inputsSeq && a.stamp) {
      setStatus(a.stamp + " (" + (a.millis / 1000).toFixed(1) + " s)" + unusual(), "fresh");
    }
  }

  // unusual says, for the status line, which levers have a value beyond what a council
  // usually has, as their lines under the boxes say: a screen reader hears it with the run.
  function unusual() {
    const levers = $$("[data-effect]").filter((p) => p.textContent.includes("beyond the usual"))
      .map((p) => ($("#lbl-" + p.dataset.effect) || p).textContent.trim());
    if (!levers.length) return "";
    return ". Check " + (levers.length === 1 ? "a value" : "values") + " beyond the usual for a council, said under " +
      levers.join(", ") + ": is " + (levers.length === 1 ? "it" : "each") + " meant?";
  }

  // keyFigures copies the first headline figures at the horizon into the summary that stays
  // in view while the levers are edited.
  function keyFigures() {
    const dl = $("#keyfigs");
    dl.replaceChildren();
    $$("#results tr[data-figure]").slice(0, 3).forEach((tr) => {
      const th = tr.querySelector("th");
      const levels = tr.querySelectorAll("td.level strong");
      const changes = tr.querySelectorAll("td.change");
      if (!th || !levels.length || !changes.length) return;
      const dt = document.createElement("dt");
      // The label before its colon, and the year the figures are of, as the server writes
      // them: "Total cost in 2035/36", the horizon's column the summary is taken from.
      dt.textContent = tr.dataset.summary || th.firstChild.textContent.split(":")[0].trim();
      const dd = document.createElement("dd");
      const change = changes[changes.length - 1];
      const word = change.querySelector(".word");
      // Which statistic the figure is, as the table's heading says (the mean of runs), and
      // that the figure in brackets is the change from the baseline.
      const level = levels[levels.length - 1].textContent;
      dd.textContent = level + " mean (change " + (change.querySelector("strong") || change).textContent +
        (word ? ", " + word.textContent : "") + ")";
      const pair = document.createElement("div");
      pair.append(dt, dd);
      dl.append(pair);
    });
  }

  // cancel stops a full run: the request is aborted and the server stops its runs.
  function cancel() {
    seq++;
    if (controller) controller.abort();
    longRun(false);
    setStatus("Full run cancelled: the results below are still the quick run's.", "stale");
    $("#fullrun").focus();
  }

  // refresh asks the server to check the inputs without running, to bring the file and the
  // URL up to date after a save; it leaves any run in progress alone.
  async function refresh() {
    try {
      const a = await post("/api/run", state({ check: true }));
      applyAnswer(a, false);
    } catch (e) {
      message(e.message, true);
    }
  }

  function message(text, isError) {
    const el = $("#file-msg");
    el.textContent = text;
    el.classList.toggle("error", !!isError);
  }

  async function post(url, body) {
    const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const text = await r.text();
    let a;
    try {
      a = JSON.parse(text);
    } catch (e) {
      throw new Error(text.trim() || r.status + " " + r.statusText);
    }
    if (!r.ok) throw new Error(a.error || r.statusText);
    return a;
  }

  // refuseName says why a name cannot be saved under beside its box (the Scenario name box, or
  // Save as's), marks the box invalid and takes the focus to it; the status line says it
  // too, with a link to the box.
  function refuseName(boxSel, outSel, text) {
    const box = $(boxSel), out = $(outSel);
    out.textContent = text;
    box.setAttribute("aria-invalid", "true");
    const link = document.createElement("a");
    link.href = boxSel;
    link.textContent = boxSel === "#name" ? "Scenario name" : "Save as";
    const el = $("#status");
    el.className = "status stale";
    el.replaceChildren("Not saved: the name in ", link, " cannot be used: " + text);
    box.focus();
  }

  async function save(name, open, then, boxSel, outSel) {
    boxSel = boxSel || "#name";
    outSel = outSel || "#name-error";
    try {
      let a = await post("/api/save", { name: name, state: state(), overwrite: false, open: open, opened: opened });
      if (a.changed) {
        // Said by Save first, where it stays if the user keeps the other version.
        message(a.error, true);
        if (window.confirm(a.error + ".\n\nOverwrite it with this version anyway?")) {
          a = await post("/api/save", { name: name, state: state(), overwrite: true, open: open, opened: opened });
        }
      } else if (a.exists && window.confirm(a.error + ". Replace it?")) {
        a = await post("/api/save", { name: name, state: state(), overwrite: true, open: open, opened: opened });
      }
      if (a.error && a.nameError) { refuseName(boxSel, outSel, a.error); return; }
      if (a.error) { message(a.error, true); return; }
      $(outSel).textContent = "";
      $(boxSel).setAttribute("aria-invalid", "false");
      message(a.message, false);
      if (then) then(a);
    } catch (e) {
      message("Not saved: " + e.message, true);
    }
  }

  function adopt(a) {
    // The page now edits the file just saved.
    file = a.saved.replace(/\.yaml$/, "");
    opened = a.opened || "";
    $("#name").value = file;
    nameChecks.forEach(([box, out]) => checkBuiltin($(box), $(out)));
    named(file);
    refresh();
    const opt = Array.from($("#saved").options).find((o) => o.value === file);
    if (!opt) {
      const o = document.createElement("option");
      o.value = file; o.textContent = a.saved;
      $("#saved").appendChild(o);
      $("#saved").querySelectorAll('option[value=""]').forEach((e) => e.remove());
      $("#open").disabled = false;
    }
    $("#saved").value = file;
  }

  // named brings every label that shows the scenario's name up to date.
  function named(name) {
    const base = $("#base").value;
    $("#file-name").textContent = name + ".yaml";
    $("#download-name").textContent = name + ".yaml";
    $("#title").firstChild.textContent = name + " ";
    document.title = name + " · placesim workspace";
    const h = $("#results-title");
    if (h && !h.textContent.startsWith("The baseline")) h.textContent = name + " against " + base.replace(/\.yaml$/, "");
  }

  let noteTimer = null;
  $("#levers").addEventListener("input", (e) => {
    if (e.target.id === "text") { textEdited = true; return; }
    if (e.target.id === "seed") return;
    if (e.target.dataset.note !== undefined || e.target.id === "description") {
      // A note or the question changes the file, not the results.
      clearTimeout(noteTimer);
      noteTimer = setTimeout(refresh, quietMillis);
      return;
    }
    followCount(e.target);
    changed();
  });

  // followCount keeps a box whose value follows a count box (a new home's running cost, its
  // beds at the library home's cost a bed: data-per-count) in step as the count is typed,
  // until a value of the box's own is typed: the box follows while it holds the value it
  // proposed for the count before, or, with no count before, the value it came with.
  function followCount(box) {
    const boxes = $$('[data-count-box="' + box.dataset.input + '"]');
    if (!boxes.length) return;
    const was = Number(box.dataset.was !== undefined ? box.dataset.was : box.defaultValue.replace(/,/g, "")) || 0;
    const now = Number(box.value.trim().replace(/,/g, ""));
    if (!Number.isInteger(now) || now < 0) return;
    if (now === 0) return; // no home: the box keeps what it proposed, to follow again
    box.dataset.was = String(now);
    boxes.forEach((b) => {
      const per = Number(b.dataset.perCount);
      const v = Number(b.value.trim().replace(/[£,\s]/g, ""));
      if (v !== Math.round(per * was) && !(was === 0 && b.value === b.defaultValue)) return;
      b.value = "£" + Math.round(per * now).toLocaleString("en-GB");
    });
  }
  $("#seed").addEventListener("change", changed);
  $("#name").addEventListener("change", () => { named($("#name").value.trim() || "untitled"); changed(); });
  // A built-in's name, or a Windows device's, is refused as it is typed, beside its box, as
  // the server refuses it.
  const builtins = JSON.parse($("#builtin-names").textContent);
  function checkBuiltin(box, out) {
    const says = window.placesimBuiltinName(box.value, builtins) || window.placesimReservedName(box.value);
    if (out.textContent !== says) out.textContent = says;
    box.setAttribute("aria-invalid", says ? "true" : "false");
  }
  const nameChecks = [["#name", "#name-error"], ["#saveas-name", "#saveas-error"]];
  nameChecks.forEach(([box, out]) => $(box).addEventListener("input", () => checkBuiltin($(box), $(out))));
  $("#apply").addEventListener("click", () => { inputsSeq++; run({ useText: true }); });
  $("#fullrun").addEventListener("click", () => run({ full: true }));
  $("#cancel").addEventListener("click", cancel);
  $("#base").addEventListener("change", () => {
    // The same levers on another baseline: a new scenario, not the file opened.
    const q = new URLSearchParams(window.location.search);
    q.set("base", $("#base").value);
    q.delete("file");
    window.location.assign("/?" + q.toString());
  });
  $("#save").addEventListener("click", () => save($("#name").value.trim(), file, adopt));
  $("#saveas").addEventListener("click", () => {
    const name = $("#saveas-name").value.trim();
    if (!name) { refuseName("#saveas-name", "#saveas-error", "type the new name beside Save as"); return; }
    save(name, "", (a) => { $("#saveas-name").value = ""; adopt(a); }, "#saveas-name", "#saveas-error");
  });
  $("#duplicate").addEventListener("click", async () => {
    const stem = ($("#name").value.trim() || "untitled") + "-copy";
    const taken = new Set(Array.from($("#saved").options).map((o) => o.value));
    let name = stem;
    for (let i = 2; taken.has(name); i++) name = stem + "-" + i;
    save(name, "", (a) => {
      sessionStorage.setItem("placesim-message", "Duplicated as " + a.saved + ": you are now editing the copy.");
      window.location.assign(a.url);
    });
  });
  $("#download").addEventListener("click", () => {
    $("#download-state").value = JSON.stringify(state());
    $("#download-form").submit();
  });
  $("#open").addEventListener("click", () => {
    const name = $("#saved").value;
    if (name) window.location.assign("/?file=" + encodeURIComponent(name));
  });
  $("#upload").addEventListener("change", () => {
    const f = $("#upload").files[0];
    if (!f) return;
    const reader = new FileReader();
    reader.onload = async () => {
      try {
        let a = await post("/api/upload", { name: f.name, text: String(reader.result), overwrite: false });
        if (a.exists && window.confirm(a.error + ". Replace it?")) {
          a = await post("/api/upload", { name: f.name, text: String(reader.result), overwrite: true });
        }
        if (a.error) { message("Not uploaded: " + f.name + "\n" + a.error, true); return; }
        window.location.assign(a.url);
      } catch (e) {
        message("Not uploaded: " + e.message, true);
      } finally {
        $("#upload").value = "";
      }
    };
    reader.readAsText(f);
  });

  const carried = sessionStorage.getItem("placesim-message");
  if (carried) {
    sessionStorage.removeItem("placesim-message");
    message(carried, false);
  }
  run({});
})();
