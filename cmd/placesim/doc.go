// Command placesim simulates the children in an English council's care and the places it can
// put them in, from a scenario file or one of the scenarios built into it, and writes tidy CSV
// results with honest uncertainty.
//
// Usage:
//
//	placesim run [SCENARIO | REGION] [--reps N] [--seed N] [--out DIR] [--set PATH=VALUE]... [--years N] [--workers N] [--budget YEAR=AMOUNT]... [--quiet]
//	placesim compare BASE ALT [ALT...] [--reps N] [--seed N] [--out DIR] [--discount-rate RATE] [--interval LEVEL]
//	placesim sweep SCENARIO --vary PATH=FROM:TO:STEP [--target "KPI OP VALUE in PERIOD"] [--out DIR]
//	placesim plot DIR | placesim merge --out DIR SHARD...
//	placesim calibrate RETURN... | placesim backtest RETURN...
//	placesim sensitivity SCENARIO [--kpi KPI] [--period PERIOD] [--range SHARE] [--vary PATH=LOW:HIGH]... [--reps N] [--out DIR]
//	placesim validate FILE...
//	placesim scenarios | placesim regions
//	placesim serve [--addr HOST:PORT] [--dir DIR] [--open] [--max-runs N] [--max-memory MIB] [--max-run-time DURATION]
//	placesim version
//
// run simulates SCENARIO (a file, or the name of a built-in scenario; "default" when left
// out) and writes summary.csv, kpis.csv, timeseries.csv, periods.csv and scenario.yaml into DIR
// (out/<scenario name> unless given). The files appear only once all of them are written:
// a failed run leaves an existing DIR as it was and creates none.
//
// Given a region (councils sharing one market of places: a region file, or a built-in region
// that regions lists), run writes the region's files with a council column (sim.RegionResults'
// writers), region.json (the region as run), a folder for each council with its own files, and
// the region's report, workbook and charts (plots.RegionReport, plots.WriteRegionWorkbook);
// its kpis.csv holds the headline KPIs (plots.RegionHeadlineKPIs) unless --all-kpis, and the
// councils' charts are drawn up to councilChartsUpTo councils unless --council-charts says;
// compare pairs each council of two regions, and merge makes a region's shards its run.
//
// compare runs BASE and each ALT on the same seed and writes their paired differences with
// two ranges named apart (the confidence interval of the mean and the range of one future),
// the business case of each (saving on places bought, extra spent on the council's own carers
// and homes, programmes' running and one-off costs, net and cumulative saving, payback, net
// present value), a board pack (report.html) and a workbook (results.xlsx).
//
// sensitivity runs SCENARIO as it is and with each input it rests on at a low and a high
// value, on the same seed, and ranks the inputs by how far apart they move a KPI (swing) in
// sensitivity.csv, a printed table and a tornado chart.
//
// validate reports every problem in every file, each as file:line:col: field: message.
//
// scenarios lists the built-in scenarios, regions the built-in regions; version prints
// placesim's version.
//
// serve opens the scenario workspace in the browser. The workspace itself (its handlers,
// levers, runs, limits, charts and embedded pages) is the package
// github.com/placesim/placesim/cmd/placesim/workspace; serve parses its flags into a
// workspace.Config, listens on loopback unless --addr names another address, and stops it
// on Ctrl-C or SIGTERM.
//
// This package only wires the others together: flags, files, progress and signals. It
// imports neither gonum/plot nor the YAML library (.ci/check-imports keeps it so). What the
// commands do lives in the packages that own it:
//
//   - scenarios reads, resolves and writes scenario files; scenarios.Problems splits a
//     scenario's joined errors into the lines validate prints;
//   - sim runs the replications and summarises them; sim.Precision is the rule by which
//     run --precision adds replications until an interval is narrow enough
//     (Runner.AddToPrecision);
//   - sim/shard is the format of a shard directory: which replications shard I/N runs,
//     shard.json, replications.bin, and the rules by which shards make one run for merge;
//   - sim.NetPosition works out compare's business case and Results.ExceedsBudget run's
//     budgets;
//   - plots draws the charts and writes report.html and results.xlsx (plots.WriteWorkbook;
//     for a comparison, plots.CompareReport);
//   - workspace is what serve serves (workspace.IsLoopbackHost decides what is loopback).
//
// Here are the flags and their checks, reading and writing files (a result folder written
// whole or not at all, its manifest.json, shard directories read for merge, monthly records
// kept in a temporary file when they do not fit in memory), the scheduler's variables that
// give a cluster task its shard, progress bars, and Ctrl-C and SIGTERM.
//
// The exit status is 0 on success, 1 when a run fails or validate finds a problem, and 2 on
// bad usage or a scenario that cannot be run.
package main
