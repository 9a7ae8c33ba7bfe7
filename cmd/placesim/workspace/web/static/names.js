// placesim workspace: says, as a name to save under is typed, that a built-in scenario or
// region has that name, in the words the server refuses the save in: a file of that name
// would be taken for the built-in. The page lists the built-ins' names in #builtin-names.
// Loaded before the page's own script, which takes it from window.placesimBuiltinName. No
// library.
"use strict";

window.placesimBuiltinName = function (typed, builtins) {
  const name = typed.trim().replace(/\.yaml$/, "").replace(/\.yml$/, "").trim();
  const b = name && Object.prototype.hasOwnProperty.call(builtins, name.toLowerCase()) ? builtins[name.toLowerCase()] : "";
  if (!b) return "";
  return JSON.stringify(name) + " is the name of placesim's built-in " + b +
    ": a file of that name would be taken for it (placesim run would write over its out folder, and placesim compare would set it against itself); save under another name, such as " +
    name + "-plan";
};
