// placesim workspace: writes a count as the pages and placesim's reports write counts, its
// thousands separated by commas (20,000 runs). Loaded before each page's own script, which
// takes it from window.placesimCount. No library.
"use strict";

window.placesimCount = function (n) {
  const s = String(Math.round(Math.abs(Number(n))));
  return (n < 0 ? "-" : "") + s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
};
