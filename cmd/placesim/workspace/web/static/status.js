// placesim workspace: the status line that the scenario page and a region's page both speak in
// (a live region), what it says of a run refused, and the room kept for its bar. Loaded before
// each page's own script, which takes setStatus and refused from window.placesimStatus. No
// library.
"use strict";

window.placesimStatus = (function () {
  const $ = (sel) => document.querySelector(sel);
  const $$ = (sel) => Array.from(document.querySelectorAll(sel));

  // setStatus says text in the status line, a live region: only when the words change, for a
  // screen reader says them again at every rewrite, keystroke by keystroke.
  function setStatus(text, cls) {
    const el = $("#status");
    if (el.textContent !== text) el.textContent = text;
    el.className = "status " + (cls || "");
  }

  // boxName is what the page shows as a box's name: its lever's and its own label (for the
  // region page, its group's heading and its label), without the unit.
  function boxName(box) {
    const words = (box.getAttribute("aria-labelledby") || "").split(/\s+/)
      .filter((id) => id && !id.startsWith("unit-"))
      .map((id) => (document.getElementById(id) || {}).textContent || "")
      .map((s) => s.trim()).filter(Boolean);
    if (words.length) return words.join(": ");
    return box.labels && box.labels.length ? box.labels[0].textContent.trim() : box.id;
  }

  // refused says in the status line, after LEAD, that the inputs are refused: how many problems
  // there are and the first, the box's name and what is wrong with it (or the first of the
  // problems above the levers), with a link to it. It returns the first box refused, if any.
  function refused(lead, problems) {
    const boxes = [];
    $$("[data-error]").forEach((err) => {
      if (!err.textContent.trim()) return;
      const id = err.dataset.error;
      const box = document.querySelector('[data-input="' + id + '"]') || (id === "seed" ? $("#seed") : null);
      if (box) boxes.push([box, err.textContent.trim()]);
    });
    const n = boxes.length + (problems || []).length;
    if (n === 0) {
      setStatus(lead + ": put right the problems shown beside the levers", "stale");
      return null;
    }
    const link = document.createElement("a");
    let where, what;
    if (boxes.length) {
      link.href = "#" + boxes[0][0].id;
      link.textContent = boxName(boxes[0][0]);
      where = n > 1 ? "The first is in " : "It is in ";
      what = ": " + boxes[0][1];
    } else {
      link.href = "#problems";
      link.textContent = "above the levers";
      where = n > 1 ? "The first is " : "It is ";
      what = ": " + ((problems || [])[0] || "");
    }
    const head = lead + ": " + n + (n === 1 ? " problem" : " problems") + " to put right. ";
    const el = $("#status");
    el.className = "status stale";
    if (el.textContent !== head + where + link.textContent + what) {
      el.replaceChildren(head + where, link, what);
    }
    return boxes.length ? boxes[0][0] : null;
  }

  // A link in the status line takes the focus to the box or list it names, unfolding what
  // holds it.
  $("#status").addEventListener("click", (e) => {
    const a = e.target.closest('a[href^="#"]');
    const to = a && document.getElementById(a.getAttribute("href").slice(1));
    if (!to) return;
    e.preventDefault();
    const folded = to.closest("details");
    if (folded) folded.open = true;
    to.focus();
  });

  // clearOfBar keeps a box reached by Tab clear of the status bar stuck at the top of the window
  // (WCAG 2.4.11): the page scrolls a focused box to below the bar's height; in a short window
  // the bar scrolls with the page (style.css) and needs no room.
  function clearOfBar() {
    const bar = $("#summary");
    const stuck = getComputedStyle(bar).position === "sticky";
    document.documentElement.style.scrollPaddingTop = stuck ? Math.ceil(bar.getBoundingClientRect().height) + 8 + "px" : "";
  }
  if (window.ResizeObserver) new ResizeObserver(clearOfBar).observe($("#summary"));
  window.addEventListener("resize", clearOfBar);
  clearOfBar();

  return { setStatus: setStatus, refused: refused };
})();
