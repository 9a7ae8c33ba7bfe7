// Package workspace is placesim's scenario workspace in the browser, which `placesim serve`
// serves: a strategy lead moves levers in plain words (carers recruited a year, a new
// children's home, block-booked beds, prices) and sees within a second or two what they do to
// places, the sufficiency gap and cost, against a baseline and with their uncertainty.
//
// New returns a Server, an http.Handler, from a Config: the folder of scenario files, the
// replications of the live comparison and of a full run, the seed, and the Limits that bound
// the simulations it runs. HTTPServer gives an http.Server with the workspace's limits on
// requests; Close stops the runs in progress. The command line only parses flags, listens and
// handles signals.
//
// Its rules, as a workspace may serve a council's shared server:
//
//   - scenario files are read and written only in Config.Dir, opened as an os.Root: a name can
//     never reach outside it, through "..", an absolute path or a symbolic link; a file is
//     saved whole or not at all (a temporary file, synced, then renamed); the seed,
//     replications and placesim version each was saved with are kept, with its SHA-256, in
//     .placesim-workspace.json in the same folder (saved the same way), never read from a
//     file's comments;
//   - a request whose Host header does not name Config.Addr (or, on loopback, localhost and
//     the loopback addresses with its port) or one of Config.PublicURLs is refused, so that a
//     page of another site whose name resolves to this machine cannot use it; a request that
//     changes anything must come from the workspace's own pages (its Host over http or https,
//     or a public address); every answer carries a Content-Security-Policy that
//     allows the page its own origin only, and the pages make no request to anywhere else;
//   - every simulation passes through one gate that bounds how many run at once, how much
//     memory they hold between them, how big one replication may be and how long a run may
//     take; a run stops when the request that wanted it goes away.
//
// A lever's box takes a value, or, typed with a leading sign, a change from the baseline
// ("+12", "-10%"; in a percentage box "+5" is 5 points, "+10%" a tenth more); its range is
// model.Limits' for its field, and dates are day first. A long
// run (a full run, a comparison of saved scenarios) counts its replications under the job key
// its page gives, which GET /api/progress reads with the time left; the page cancels a run by
// closing its request. The board pack is plots.CompareReport, as placesim compare writes it,
// with the levers changed said against the baseline's values. The pages keep to WCAG 2.2 AA;
// the end-to-end test checks each state it visits with axe-core, vendored in testdata.
//
// A region's pages (/regions, /region?r=REF) open a built-in region or a region file of the
// folder: its councils side by side, its shared market and the spot price premium, levers
// for a provider's places, a pooled block, councils' recruitment, providers leaving (as many as
// wanted) and a new provider opening at a price of its own (the region file's provider_exit,
// and provider_open with price_factor), a quick or full run
// (Config.RegionQuickReps, RegionFullReps) paired with the region's baseline council by
// council, as placesim compare pairs regions, with the region's business case and its board
// pack (plots.RegionCompareReport), and the run's own report.html and results.xlsx as placesim
// run writes them (Config.RegionFiles, the command's writer, called within the run's turn of
// the memory limit, the run's monthly records kept in temporary files and the file sent from
// one); save as writes a region file that extends the region
// opened, read back through scenarios.ParseRegionFS before it is kept. A region file is
// read through the folder as a scenario file is: its extends and its councils' scenarios
// never reach outside it. The scenario pages list the folder's scenario files only.
//
// Scenario files are edited through scenarios.Document, so that a saved file is the YAML the
// rest of placesim reads, with the user's notes kept as comments. The pages, script and style
// sheet are embedded from web/.
package workspace
