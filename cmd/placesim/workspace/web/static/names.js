// placesim workspace: says, as a name to save under is typed, that a built-in scenario or
// region has that name, in the words the server refuses the save in: a file of that name
// would be taken for the built-in; and that it is a name Windows keeps for a device. The page
// lists the built-ins' names in #builtin-names. Loaded before the page's own script, which
// takes them from window.placesimBuiltinName and window.placesimReservedName. No library.
"use strict";

window.placesimBuiltinName = function (typed, builtins) {
  // A space before the extension ("default .yaml") is refused for the space, not as a built-in's.
  // The name is quoted as typed, with its extension ("default.yaml"), as the server quotes it.
  const name = typed.trim().replace(/\.(yaml|yml)$/i, "");
  const b = name && Object.prototype.hasOwnProperty.call(builtins, name.toLowerCase()) ? builtins[name.toLowerCase()] : "";
  if (!b) return "";
  return JSON.stringify(typed.trim()) + " is the name of placesim's built-in " + b +
    ": a file of that name would be taken for it (placesim run would write over its out folder, and placesim compare would set it against itself); save under another name, such as " +
    name + "-plan";
};

// placesimReservedName says, as the server's reservedName does, that the name typed is one
// Windows keeps for its devices (con, prn, aux, nul, com1 to com9, lpt1 to lpt9, in any
// capitals) before its first dot, or "". The name is quoted as typed, with its extension; a
// space before the extension ("nul .yaml") is refused for the space, not as a device's.
window.placesimReservedName = function (typed) {
  const name = typed.trim();
  const dev = name.replace(/\.(yaml|yml)$/i, "").split(".")[0];
  const d = dev.toLowerCase();
  if (!["con", "prn", "aux", "nul"].includes(d) && !/^(com|lpt)[1-9]$/.test(d)) return "";
  return JSON.stringify(name) + ": " + dev + " is the name of a device on Windows, which cannot hold a file of that name (with any extension); save under another name, such as " +
    dev + "-plan";
};
