// A stand-in for the browser, enough for compare.js: the Compare form's elements, focus,
// timers the test runs by hand, and fetch answering /api/progress with the counts given and
// /compare never (until aborted). It prints what a user would meet, as JSON, for
// compare_js_test.go to check.
"use strict";
const fs = require("fs");

function element(id) {
  const listeners = {};
  const el = {
    id, disabled: false, value: 0, writes: 0, _text: "",
    classList: { set: new Set(), add(c) { this.set.add(c); }, remove(c) { this.set.delete(c); } },
    addEventListener(type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
    fire(type, e) { for (const fn of listeners[type] || []) fn(e || { preventDefault() {} }); },
    focus() { if (!this.disabled) doc.activeElement = this; },
  };
  Object.defineProperty(el, "textContent", {
    get() { return this._text; },
    set(v) { this._text = String(v); this.writes++; },
  });
  return el;
}

const ids = ["compare-form", "compare-run", "compare-status", "compare-bar", "compare-go", "compare-cancel", "compare-progress-text", "job"];
const els = Object.fromEntries(ids.map((id) => [id, element(id)]));
const doc = {
  activeElement: null,
  body: element("body"),
  getElementById: (id) => els[id] || null,
  querySelector: () => null,
};
doc.activeElement = doc.body;
// Disabling the focused button drops the focus to the page, as a browser does.
const go = els["compare-go"];
let disabled = false;
Object.defineProperty(go, "disabled", {
  get() { return disabled; },
  set(v) { disabled = v; if (v && doc.activeElement === go) doc.activeElement = doc.body; },
});

let timers = [];
let progress = { running: true, total: 8, done: 0, left: 20 };
global.document = doc;
global.window = { addEventListener() {}, location: { reload() {} } };
global.history = { pushState() {} };
global.FormData = function () { return []; };
global.setTimeout = (fn) => { timers.push(fn); return timers.length; };
global.clearTimeout = () => { timers = []; };
global.fetch = (url, opts) => {
  if (url.startsWith("/api/progress")) return Promise.resolve({ json: () => Promise.resolve(Object.assign({}, progress)) });
  return new Promise((resolve, reject) => {
    if (opts && opts.signal) opts.signal.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" })));
  });
};

// The page loads count.js (window.placesimCount) before compare.js.
eval(fs.readFileSync(require("path").join(require("path").dirname(process.argv[2]), "count.js"), "utf8"));
eval(fs.readFileSync(process.argv[2], "utf8"));

const tick = () => new Promise((r) => setImmediate(r));
(async () => {
  const out = {};
  const status = els["compare-status"];
  go.focus();
  els["compare-form"].fire("submit");
  await tick();
  out.focusWhileRunning = doc.activeElement.id;
  out.goDisabled = go.disabled;
  const writesBefore = status.writes;
  for (let i = 1; i <= 4; i++) {
    progress.done = 2 * i; progress.left = 20 - 4 * i;
    const due = timers; timers = [];
    for (const fn of due) fn();
    for (let j = 0; j < 5; j++) await tick();
  }
  out.statusWritesWhilePolling = status.writes - writesBefore;
  out.status = status.textContent;
  out.progressText = els["compare-progress-text"].textContent;
  els["compare-cancel"].fire("click");
  for (let j = 0; j < 5; j++) await tick();
  out.focusAfterCancel = doc.activeElement.id;
  out.goDisabledAfterCancel = go.disabled;
  out.statusAfterCancel = status.textContent;
  console.log(JSON.stringify(out));
})();
