// Package scenarios reads and writes placesim's scenario files and ships the built-in
// scenarios.
//
// A scenario file is YAML in the vocabulary of model.Scenario: every field name carries its
// unit (_days, _gbp, _per_year, _share), durations may also be written "8 months" and sums of
// money "£1.1m". README.md beside this file is the reference: every field, its unit, default
// and meaning.
//
// Reading a scenario goes through these steps, so that every problem is reported at once and
// placed in the file it came from:
//
//  1. load: the file is parsed into a YAML node tree, and the files it extends (a built-in
//     name or a path relative to it) are loaded and merged under it, mappings key by key,
//     kinds and homes by name, interventions appended, other lists replaced;
//  2. override: each --set PATH=VALUE replaces one node of the merged tree;
//  3. check: the tree is walked against unexported file structs; unknown keys (with a
//     did-you-mean), keys given twice and values of the wrong shape are errors. This is the
//     strict decoding that yaml.v3's KnownFields(true) gives a single document, done on the
//     merged tree so that each error names the file, line and column of its own node (a
//     test keeps the walk as strict as a KnownFields(true) decode of the same tree);
//  4. decode: yaml.v3 fills the file structs, whose scalar fields are wrappers that keep
//     their YAML node (only scalars are wrapped: an UnmarshalYAML method on a mapping type
//     would hide its keys from the check);
//  5. convert: the wrappers are parsed (numbers, dates, units, names of needs, kinds, exit
//     routes, distributions and actions) into a model.Scenario, with defaults for what was
//     left out;
//  6. validate: (*model.Scenario).Validate does the semantic checks, and each model.Problem's
//     field path is mapped back to the node it names, or its nearest ancestor present in the
//     tree. model keeps the one copy of those rules.
//
// Errors read "default.yaml:12:5: entries.per_year: must be > 0", or "--set
// entries.per_year=abc: entries.per_year: must be a number" for a value given by an override;
// each is an *Error, joined with errors.Join.
//
// Encode writes a scenario back in the same format with everything resolved, so that a run's
// outputs can carry the exact scenario that produced them; Parse of its output gives back a
// deep-equal scenario. Given a base (EncodeOptions.Base), it writes a file that extends the
// base instead, holding only what differs from it and the fields that carry comments, as
// placesim calibrate writes a council's scenario. Every file Encode writes begins with
// SchemaComment, the yaml-language-server line that names the file format's JSON Schema.
//
// WriteSchema writes that JSON Schema (draft-07), generated from the file structs, the field
// tables of README.md (each key's unit, default and meaning) and model.Limits (its range), so
// that editors complete and check scenario files as they are typed; scenario.schema.json in
// this folder is a copy a test keeps up to date, published at SchemaURL.
//
// --set overrides and Document, the editing of a file that the browser workspace does, find
// a field by its path with one walk (path.go): keys, [N], and names of list items.
//
// A region file (README.md, "Regions") is councils sharing one market of places: its zones,
// its councils (each a scenario, a built-in or a file, with set overrides, its own
// interventions and a size it is scaled to by model.Scale), the shared markets' providers and
// pricing, and dated changes to them. LoadRegion and ParseRegion read it through the same
// steps into a model.Region, each council's scenario read as a scenario file of its own, and
// validate it with model.Region's Validate; IsRegion tells a region file from a scenario
// file. ParseRegionFS and IsRegionFS do the same for a file inside a folder, never reading
// outside it, as ParseFS does for a scenario; MergeRegionText applies one region file's text
// to another's as extends would. The built-in regions are embedded from regions/: the South East, the regional
// strategies that extend it, and the England preset made from regions/england-councils.csv.
// WriteRegionSchema writes the JSON Schema of region files, region.schema.json.
package scenarios
