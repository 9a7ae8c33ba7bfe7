package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/placesim/placesim/sim/shard"
	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
)

// defaultReps is the number of replications of a run that does not say: enough for stable
// 5th and 95th percentiles, and a few seconds for the default scenario.
const defaultReps = 1000

// runCommand returns the run command, which reports on stderr.
func runCommand(stderr io.Writer, onUsage cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "simulate a scenario and write its results",
		ArgsUsage: "[SCENARIO | REGION]",
		Description: "run simulates SCENARIO, a scenario file or the name of a built-in scenario ('default'\n" +
			"when left out; see 'placesim scenarios'), --reps times, and writes into --out:\n" +
			"\n" +
			"  summary.csv     each KPI by financial year and overall: mean, sd, percentiles, n\n" +
			"  kpis.csv        each KPI of each replication, numbered from 0 (messages count from 1:\n" +
			"                  replication 0 is run 1)\n" +
			"  timeseries.csv  each monthly metric: mean and percentiles\n" +
			"  periods.csv     each period's first day, last day and days (a part year: fewer)\n" +
			"  scenario.yaml   the scenario as run, every field resolved, with version and seed\n" +
			"  report.html     the board pack: headline figures, charts and assumptions on one page\n" +
			"  results.xlsx    the report's tables as a workbook, for finance colleagues\n" +
			"  charts/         each chart in --formats, and chart-data.csv, the figures drawn\n" +
			"  manifest.json   what was run, and every file written with its size and SHA-256\n" +
			"\n" +
			"--charts=false leaves out report.html, results.xlsx and charts/.\n" +
			"The files appear together once all are written; a failed run leaves --out as it was.\n" +
			"Files the last run's manifest.json lists that this run does not write are removed;\n" +
			"every other file in --out (your own) is kept.\n" +
			"The same seed gives the same files, whatever --workers is.\n" +
			"\n" +
			"With --budget 2027/28=64m it also writes budget.csv (period,budget,mean_spend,p_exceed,\n" +
			"p_exceed_lo,p_exceed_hi,n): the share of replications whose spending (cost_total) in\n" +
			"that financial year passes the budget, with its --interval confidence interval\n" +
			"(Wilson's), and prints it; a part year's (a run that does not start on 1 April)\n" +
			"is named \"2028/29 (to 14 April)\" and printed with its days.\n" +
			"\n" +
			"With --precision, replications are added until the confidence interval of --kpi's\n" +
			"mean is that close to it (or --max-reps is reached, or the next batch would not\n" +
			"fit in the machine's memory, or --kpi has no value in any replication of the\n" +
			"first batch: a warning says so, even with -q, and manifest.json\n" +
			"records the target and whether it was met). With --shard I/N it runs the I-th\n" +
			"of N shares of the replications and writes a shard directory; 'placesim merge'\n" +
			"combines the shards, and takes the flags of the whole run's charts and report\n" +
			"(--formats, --charts, --all-kpis, --council-charts), which a shard refuses.\n" +
			"With --shard-from-env (or " + shardEnvVar + "=1), a task of a Slurm job array or a\n" +
			"Kubernetes Indexed Job runs the shard its scheduler gives it; without, it runs every\n" +
			"replication, as one scenario per array task wants.\n" +
			"\n" +
			"Given a region (a region file or a built-in region; see 'placesim regions'), it runs\n" +
			"the region's councils together on their shared market and writes the region's\n" +
			"summary.csv, kpis.csv and timeseries.csv with a council column (each council, then\n" +
			"\"region\"), region.json, report.html, results.xlsx and charts, and a folder for each\n" +
			"council with its own files (see README.md, \"Regions\"). So that a region's output stays\n" +
			"a few hundred MB however many replications it runs, its kpis.csv holds the headline KPIs\n" +
			"(costs, children in care, the settings councils watch, out of area, over 20 miles, spot\n" +
			"prices, the markets' occupancy) and the councils' folders no kpis.csv: --all-kpis writes\n" +
			"every KPI of every replication. The councils' own charts, report.html and results.xlsx\n" +
			fmt.Sprintf("are drawn for a region of up to %d councils: --council-charts asks for them in\n", councilChartsUpTo) +
			"a larger one (England), --council-charts=false leaves them out.",
		OnUsageError: onUsage,
		Flags: slices.Concat(simFlags(defaultReps, "", "the confidence `LEVEL` of --precision's and --budget's intervals, such as 0.9 for 90%, and refused without one of them (the report, charts and workbook keep 90%)",
			"print nothing on stderr on success, but for a note or warning that needs reading (such as an output folder written in place, or a --precision not reached)"), []cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "write the files into `DIR`", DefaultText: "out/<scenario name>"},
			&cli.StringFlag{Name: "percentiles", Value: defaultPercentiles, Usage: "the percentiles summaries show, as a `LIST` such as 5,25,50,75,95"},
			&cli.Float64Flag{Name: "precision", Usage: "add replications until the confidence interval of --kpi's mean is within `SHARE` of it (0.05 for 5%), from a first batch of --reps (100 unless given; at least 2, at most --max-reps); a share's interval is the delta method's about its ratio of totals, as compare's", DefaultText: noDefault},
			&cli.StringFlag{Name: "kpi", Value: sim.CostTotal, Usage: "the `KPI` --precision is about, over the whole run or --period"},
			&cli.StringFlag{Name: "period", Value: sim.WholeRun, Usage: "the `PERIOD` --precision is about: a financial year such as 2027/28, or all"},
			&cli.IntFlag{Name: "max-reps", Value: 100000, Usage: "with --precision, stop at `N` replications"},
			&cli.StringFlag{Name: "shard", Usage: "run shard `I/N` (0 <= I < N) of the replications and write a shard directory"},
			&cli.BoolFlag{Name: "shard-from-env", Usage: "run the shard a Slurm job array (SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX of --shards) gives this task; " + shardEnvVar + "=1 asks the same"},
			&cli.IntFlag{Name: "shards", Usage: "with --shard-from-env, the number of shards `N` of a Kubernetes Indexed Job (its completions)", DefaultText: noDefault},
			&cli.StringSliceFlag{Name: "budget", Usage: "a financial year's budget, as `YEAR=AMOUNT` such as 2027/28=64m (money as in a scenario file: £1,200, 900k, .5m, 0.07bn; repeat it, or separate with commas): run reports the chance that spending passes it, in budget.csv and (but for -q) on stderr"},
		}, chartFlags(true), regionOutputFlags()),
		Action: func(c *cli.Context) error { return run(c, stderr, os.Getenv) },
	}
}

// simFlags are the flags of every command that simulates: replications (reps by default, of
// what: "" for a scenario, " of each scenario"...), seed, overrides, years, workers, the
// interval (what it means, in intervalUsage) and quiet (what it leaves printed, in quietUsage:
// each command's own notes).
func simFlags(reps int, of, intervalUsage, quietUsage string) []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "reps", Value: reps, Usage: "run `N` replications" + of},
		&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "seed every random stream from `N`: the same seed gives the same results"},
		&cli.StringSliceFlag{Name: "set", Usage: "override a field of the scenario, as `PATH=VALUE` (entries.per_year=360); repeatable, each field once (a part of one after it: kinds.ifa.weekly_gbp=900 then kinds.ifa.weekly_gbp.standard=800)"},
		&cli.IntFlag{Name: "years", Usage: "simulate and report `N` years (short for --set years=N)", DefaultText: "the scenario's"},
		&cli.IntFlag{Name: "workers", Usage: "run `N` replications side by side", DefaultText: "one per CPU"},
		&cli.Float64Flag{Name: "interval", Value: 0.9, Usage: intervalUsage},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: quietUsage},
	}
}

// runSetup is what every command that simulates reads from its flags.
type runSetup struct {
	reps, workers int
	seed          uint64
	quiet         bool
	percentiles   []float64
	interval      float64
	sets          []string // --set, then --years as years=N
	// years is whether --years was given.
	years bool
	// held is how many scenarios' results the command keeps at once, for runScenarios'
	// check of its memory: 0 for as many as it is given.
	held int
	// warned says the command has printed the scenarios' warnings itself (sweep, once for
	// all its values), so that runScenarios does not print them again.
	warned bool
	// cmd is the command, for its messages.
	cmd string
	// baseInflation, when not nil, is the rate that carries every run's prices from its
	// prices_at to its start (model.Scenario.InflationToStart): sweep's, the file's own at
	// every value. nil takes the first scenario's when there are two or more.
	baseInflation *float64
}

// seedZero refuses a --seed of 0: every command takes seeds from 1, as the workspace does,
// whose record of saved runs keeps 0 for a file saved with no seed.
const seedZero = "--seed must be a whole number from 1 to 18446744073709551615, not \"0\" (0 stands for no seed in the workspace's record of saved runs, so no command takes it)"

// readRunSetup reads and checks the flags shared by run, compare and sweep.
func readRunSetup(c *cli.Context, cmd string) (runSetup, error) {
	rs := runSetup{reps: c.Int("reps"), workers: c.Int("workers"), seed: c.Uint64("seed"), quiet: c.Bool("quiet"), interval: c.Float64("interval"), cmd: cmd}
	rs.sets = c.StringSlice("set")
	// A path given twice would keep its last value without a word, as a one-value flag would.
	given := map[string]string{}
	for _, set := range rs.sets {
		p, _, _ := strings.Cut(set, "=")
		p = strings.TrimSpace(p)
		if first, ok := given[p]; ok {
			return rs, usagef(cmd, "--set of %s is given twice (%q, then %q): give it once", p, first, set)
		}
		given[p] = set
	}
	if c.IsSet("years") {
		// --years is short for --set years=N: given with a --set of years, one of the two
		// would be dropped without a word, a value that cannot be read (years=0x2) among them.
		for _, set := range rs.sets {
			if p, _, _ := strings.Cut(set, "="); strings.TrimSpace(p) == "years" {
				return rs, usagef(cmd, "--years %q and --set %q both give the years to simulate: give one of them", flagText(c, "years"), set)
			}
		}
		rs.sets = append(rs.sets, fmt.Sprintf("years=%d", c.Int("years")))
		rs.years = true
	}
	if rs.reps < 1 {
		return rs, usagef(cmd, "--reps must be at least 1, not \"%d\"", rs.reps)
	}
	if rs.seed == 0 {
		return rs, usagef(cmd, "%s", seedZero)
	}
	if rs.workers < 0 {
		return rs, usagef(cmd, "--workers must be 0 (one per CPU) or more, not \"%d\"", rs.workers)
	}
	if !(rs.interval > 0 && rs.interval < 1) {
		return rs, usagef(cmd, "--interval must be between 0 and 1 (0.9 for 90%%), not \"%v\"", rs.interval)
	}
	if c.Command.HasName("run") || lookupFlag(c.Command.Flags, "percentiles") != nil {
		ps, err := parsePercentiles(c.String("percentiles"))
		if err != nil {
			return rs, usagef(cmd, "--percentiles %v", err)
		}
		rs.percentiles = ps
	}
	return rs, nil
}

// percentilesFlag is the --percentiles flag, with a space before it, that gives the
// percentiles ps a run's summaries show, or "" for the default ones: the flag a "Run it
// again with:" line needs to write the same summary.csv and timeseries.csv.
func percentilesFlag(ps []float64) string {
	if def, _ := parsePercentiles(defaultPercentiles); slices.Equal(ps, def) {
		return ""
	}
	return " --percentiles " + percentilesText(ps)
}

// setFlags is the --set flags, each with a space before it, that make the changes sets to a
// scenario: given again to the scenario.yaml they made, they change nothing in it (each is
// written beside its field), and the manifest.json of the run again records them as the run's
// did. With budgetFlags and chartsAgainFlags after them, the run again writes every file the
// run did (a --precision run's manifest.json aside).
func setFlags(sets []string) string {
	var b strings.Builder
	for _, set := range sets {
		b.WriteString(" --set " + shellWord(set))
	}
	return b.String()
}

// chartsAgainFlags is the flags, each with a space before it, that draw the charts again as a
// run drew them: --charts=false when it drew none, and otherwise --formats when it drew them
// in other formats than every one (the default), in plots.Formats' order. After budgetFlags,
// they end a run's "Run it again with:" line; a shard's line leaves them out (it draws none,
// and refuses the flags), and merge adds its own, as it adds budgetFlags.
func chartsAgainFlags(charts bool, formats []string) string {
	switch {
	case !charts:
		return " --charts=false"
	case len(formats) == len(plots.Formats) && !slices.ContainsFunc(formats, func(f string) bool { return !slices.Contains(plots.Formats, f) }):
		return ""
	}
	// In the order of plots.Formats, whatever the order given: it changes no file.
	var in []string
	for _, f := range plots.Formats {
		if slices.Contains(formats, f) {
			in = append(in, f)
		}
	}
	return " --formats " + strings.Join(in, ",")
}

// budgetFlags is the --budget flags, each with a space before it, that check budgets again,
// and --interval when its level is not the default 0.9: given again, they write the same
// budget.csv, and the manifest.json of the run again records the level as the run's did.
func budgetFlags(budgets []budget, interval float64) string {
	if len(budgets) == 0 {
		return ""
	}
	var b strings.Builder
	for _, bg := range budgets {
		b.WriteString(" --budget " + shellWord(strings.TrimSpace(bg.text)))
	}
	if interval != 0.9 {
		b.WriteString(" --interval " + strconv.FormatFloat(interval, 'f', -1, 64))
	}
	return b.String()
}

// percentilesText writes percentiles as --percentiles reads them: 10,50,90.
func percentilesText(ps []float64) string {
	texts := make([]string, len(ps))
	for i, p := range ps {
		texts[i] = strconv.FormatFloat(p, 'f', -1, 64)
	}
	return strings.Join(texts, ",")
}

// parsePercentiles reads a comma-separated list of percentiles between 0 and 100, written
// without spaces or + signs, as every number placesim reads from a flag.
func parsePercentiles(s string) ([]float64, error) {
	var ps []float64
	for _, f := range strings.Split(s, ",") {
		if err := scenarios.PlusSign(f); err != nil {
			// As --set refuses "+3": a + sign reads as a change in the workspace. The list is
			// named as typed when the item refused is not the whole of it.
			if f != s || f != strings.TrimSpace(f) {
				err = fmt.Errorf("%q: %w", s, err)
			}
			return nil, err
		}
		p, err := parseDecimal(f)
		if err != nil || !(p >= 0 && p <= 100) {
			why := ""
			if strings.ContainsFunc(s, unicode.IsSpace) {
				why = ", without spaces"
			}
			return nil, fmt.Errorf("%q: want numbers between 0 and 100 separated by commas, such as 5,50,95%s", s, why)
		}
		if slices.Contains(ps, p) {
			return nil, fmt.Errorf("%q: %v is given twice", s, p)
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// shardPlusSign refuses a + sign in either number of a shard's I/N, as --set refuses "+3".
func shardPlusSign(s string) error {
	i, n, _ := strings.Cut(s, "/")
	if err := scenarios.PlusSign(i); err != nil {
		return err
	}
	return scenarios.PlusSign(n)
}

// progress returns a progress bar on stderr for n replications of name, or nil when stderr is
// not a terminal or quiet is set.
func progress(stderr io.Writer, quiet bool, name string, n int) *progressbar.ProgressBar {
	if quiet || !isTerminal(stderr) {
		return nil
	}
	return newBar(stderr, name, n)
}

// newBar returns the progress line of a run of n replications of name, written to w, shown
// at 0% at once: its clock starts with the run, so that its elapsed time, time left and rate
// count from the start, not from the first replication to finish.
func newBar(w io.Writer, name string, n int) *progressbar.ProgressBar {
	bar := progressbar.NewOptions(n,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("placesim: "+name),
		progressbar.OptionSetItsString("replications"),
		progressbar.OptionShowIts(),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
	)
	bar.StartWithoutRender()
	bar.RenderBlank()
	return bar
}

// finishBar ends the progress line bar (nil for none) and, when files follow (files), says
// they are being written, as a run's charts and workbooks take a while after the last
// replication: on a terminal only, where the bar was.
func finishBar(bar *progressbar.ProgressBar, w io.Writer, files bool) {
	if bar == nil {
		return
	}
	bar.Finish()
	if files {
		fmt.Fprintln(w, "placesim: writing files…")
	}
}

// track returns a sim.Options.Progress that moves bar on from done (nil for no bar).
func track(bar *progressbar.ProgressBar, done int) func(int) {
	if bar == nil {
		return nil
	}
	return func(n int) { bar.Set(done + n) }
}

// run is the run command's action.
func run(c *cli.Context, stderr io.Writer, getenv func(string) string) error {
	args, helped, err := arguments(c)
	if err != nil || helped {
		return err
	}
	if len(args) > 1 {
		return usagef("run", "runs one scenario at a time, got %d: %s", len(args), strings.Join(args, " "))
	}
	ref := "default"
	if len(args) == 1 {
		ref = args[0]
	}
	rs, err := readRunSetup(c, "run")
	if err != nil {
		return err
	}
	sets := rs.sets
	var sp shard.Spec
	sharded, source := false, "--shard"
	fromEnv, err := shardFromEnvAsked(c.Bool("shard-from-env"), getenv)
	if err != nil {
		return usagef("run", "%v", err)
	}
	switch {
	case c.IsSet("shard") && fromEnv:
		return usagef("run", "--shard and --shard-from-env (or %s) do not go together: say which shard once", shardEnvVar)
	case c.IsSet("shard"):
		if err := shardPlusSign(c.String("shard")); err != nil {
			return usagef("run", "--shard %v", err)
		}
		if sp, err = shard.ParseSpec(c.String("shard")); err != nil {
			return usagef("run", "--shard %v", err)
		}
		sharded = true
	case fromEnv:
		if sp, source, err = shardFromEnv(getenv, c.Int("shards")); err != nil {
			return usagef("run", "%v", err)
		}
		sharded = true
	case c.IsSet("shards"):
		return usagef("run", "--shards goes with --shard-from-env, for a Kubernetes Indexed Job's JOB_COMPLETION_INDEX")
	default:
		reps := rs.reps
		if c.IsSet("precision") {
			reps = 0 // as many as it takes
		}
		if note := schedulerNote(getenv, reps); note != "" {
			fmt.Fprintln(stderr, note)
		}
	}
	if err := refuseRegionRecord(ref); err != nil {
		return err
	}
	region := scenarios.IsRegion(ref)
	if sharded {
		// The flags that shape only the files of the whole run: a shard writes none of them,
		// and would take them without a word. A scenario's run refuses the region's flags
		// below, shard or not.
		shaping := []string{"formats", "charts"}
		if region {
			shaping = append(shaping, "all-kpis", "council-charts")
		}
		for _, f := range shaping {
			if c.IsSet(f) {
				return usagef("run", "--%s shapes the charts, report and files of the whole run, which a shard does not write: give it to placesim merge, which writes them", f)
			}
		}
		if c.IsSet("interval") && !c.IsSet("precision") && len(c.StringSlice("budget")) == 0 {
			return usagef("run", "--interval is the level of --budget's and --precision's intervals, which shards do not take: leave it out")
		}
	}
	if !sharded && c.IsSet("interval") && !c.IsSet("precision") && len(c.StringSlice("budget")) == 0 {
		// The report, charts and workbook keep 90%: alone, it would do nothing, and the user
		// would not know.
		return usagef("run", "--interval is the level of --budget's and --precision's intervals: give one of them too, or leave --interval out (the report, charts and workbook keep 90%%)")
	}
	if region {
		return runRegion(c, ref, rs, sp, sharded, source, stderr)
	}
	for _, f := range []string{"all-kpis", "council-charts"} {
		if c.IsSet(f) {
			return usagef("run", "--%s is for a region: a scenario's run writes every KPI, and its own charts", f)
		}
	}
	precision := c.Float64("precision")
	if c.IsSet("precision") {
		if !(precision > 0) || math.IsInf(precision, 1) {
			// +Inf would be met by any interval: the run would stop at its first batch,
			// which --reps asks for plainly.
			return usagef("run", "--precision must be a share greater than 0 (0.05 for 5%%), not \"%v\"", precision)
		}
		if sharded {
			return usagef("run", "--precision and shards do not go together: the shards cannot know when the whole run is precise enough")
		}
		if c.Int("max-reps") < 2 {
			return usagef("run", "--max-reps must be at least 2, not \"%d\"", c.Int("max-reps"))
		}
	} else {
		for _, f := range []string{"kpi", "period", "max-reps"} {
			if c.IsSet(f) {
				// Without --precision they would do nothing, and the user would not know.
				return usagef("run", "--%s goes with --precision, which it is about: give --precision SHARE too, or leave --%s out", f, f)
			}
		}
	}

	budgets, err := parseBudgets(c.StringSlice("budget"))
	if err != nil {
		return usagef("run", "--budget %v", err)
	}
	if len(budgets) > 0 && sharded {
		return usagef("run", "--budget and shards do not go together: a shard holds only some of the replications; give --budget (and --interval) to placesim merge, which writes budget.csv for the whole run")
	}

	charts := c.Bool("charts")
	formats, err := chartFormats(c, "run")
	if err != nil {
		return err
	}

	began := time.Now()
	resolved, err := scenarios.Resolve(ref, sets)
	if err != nil {
		printWarnings(stderr, scenarios.ErrorWarnings(err)) // what the file dropped is often why it fails
		return &inputError{err}
	}
	printWarnings(stderr, resolved.Warnings) // even with -q: the file most likely says what it did not mean
	s := resolved.Scenario
	out := c.String("out")
	if out == "" {
		name := s.Name
		if sharded {
			name = fmt.Sprintf("%s-shard-%d-of-%d", s.Name, sp.I, sp.N)
		}
		if out, err = defaultOut("run", "", name); err != nil {
			return err
		}
	}
	if err := checkOut("run", out); err != nil {
		return err
	}
	prep, err := sim.Prepare(s, rs.seed)
	if err != nil {
		return &inputError{err}
	}
	for _, b := range budgets {
		if !slices.Contains(prep.Periods[:len(prep.Periods)-1], b.period) {
			return usagef("run", "--budget %s: %s runs the financial years %s to %s", b.text, s.Name, prep.Periods[0], prep.Periods[len(prep.Periods)-2])
		}
	}

	reps, first := rs.reps, 0
	if sharded {
		first, reps = sp.Span(rs.reps)
	}
	maxReps := reps
	asked := fmt.Sprintf("--reps %d", rs.reps)
	shards := 0
	if sharded {
		shards = sp.N
		asked = fmt.Sprintf("--reps %d (%s in shard %d of %d)", rs.reps, thousands(reps), sp.I, sp.N)
	}
	// Refused before anything is written: a run that cannot hold its replications would
	// otherwise end, out of memory, part way. A shard holds its own replications; a run to a
	// precision is checked for what is asked of it explicitly, its first batch and a given
	// --max-reps, and stops before a later batch that would not fit (runToPrecision).
	if precision > 0 {
		maxReps = c.Int("max-reps")
		if c.IsSet("max-reps") {
			if err := checkBatchMemory("run", fmt.Sprintf("--max-reps %d", maxReps), s, prep, maxReps, rs.workers, 0, 1, memoryBudget); err != nil {
				return err
			}
		}
		first := precisionFirstReps(c, rs.reps, maxReps)
		asked = fmt.Sprintf("--precision's first batch of %d", first)
		if c.IsSet("reps") {
			asked = fmt.Sprintf("--reps %d", first)
		}
		if err := checkBatchMemory("run", asked, s, prep, first, rs.workers, 0, 1, memoryBudget); err != nil {
			return err
		}
	} else if err := checkBatchMemory("run", asked, s, prep, reps, rs.workers, shards, 1, memoryBudget); err != nil {
		return err
	}
	store, cleanup, err := tempStore(maxReps, len(prep.Months), len(prep.Metrics))
	if err != nil {
		return err
	}
	defer cleanup()
	// The months are counted once the replications are done (Results.CountMonths), a tile of
	// months at a time, which costs less than counting each replication as it finishes.
	opt := sim.Options{Seed: rs.seed, Workers: rs.workers, FirstRep: first}
	if store != nil {
		opt.Store, opt.MemoryBytes = store, memoryBudget
	}
	// A run of a number of replications known from the start writes kpis.csv into its output
	// folder's temporary folder as they finish, beside the simulation.
	var fw *folderWrite
	var ahead *kpisAhead
	if !sharded && precision == 0 {
		if fw, err = beginFolder(out, stderr); err != nil {
			return fmt.Errorf("writing the results into %s: %w", out, err)
		}
		defer fw.abort()
		opt.Kept = func(pos int) { ahead.kept(pos) }
	}
	rn, err := sim.NewRunner(s, opt)
	if err != nil {
		return &inputError{err}
	}
	if fw != nil {
		if ahead, err = writeKPIsAhead(filepath.Join(fw.tmp, "kpis.csv"), rn.Results(), reps); err != nil {
			return fmt.Errorf("writing the results into %s: %w", out, err)
		}
		defer func() { ahead.wait() }() // the file is closed before its folder goes
		fw.writeAhead("kpis.csv", ahead.wait)
	}
	var pr precisionRun
	if precision > 0 {
		fits := func(n int) bool {
			return batchMemory(s, prep, n, rs.workers, 1, memoryBudget) <= float64(machineMemoryBytes())
		}
		if pr, err = runToPrecision(rn, c, stderr, rs, precision, fits); err != nil {
			return err
		}
		reps = len(rn.Results().Reps)
	} else {
		bar := progress(stderr, rs.quiet, s.Name, reps)
		rn.SetProgress(track(bar, 0))
		err := rn.Add(reps)
		finishBar(bar, stderr, err == nil)
		if err != nil {
			return err
		}
	}
	res := rn.Results()

	// The whole run's replications: a shard's header names the run it is part of, so that
	// its scenario.yaml is the same bytes as the merged run's, but for the --budget and
	// --interval flags merge adds to its "Run it again with:" line.
	total := rs.reps
	if precision > 0 {
		total = reps
	}
	againCharts := "" // a shard's line leaves them out: merge adds its own
	if !sharded {
		againCharts = chartsAgainFlags(charts, formats)
	}
	header := fmt.Sprintf("Scenario %q as run by placesim %s with seed %d and %s.\n"+
		"Run it again with: placesim run scenario.yaml --seed %d --reps %d%s%s%s",
		s.Name, placesimVersion(), rs.seed, plural(total, "replication"), rs.seed, total, percentilesFlag(rs.percentiles), setFlags(rs.sets),
		budgetFlags(budgets, rs.interval)+againCharts)
	var yamlBuf bytes.Buffer
	if err := scenarios.Encode(&yamlBuf, s, scenarios.EncodeOptions{Header: header, Comments: resolved.Comments}); err != nil {
		return err
	}
	if sharded {
		info := shard.Info{
			Format: shard.Format, Placesim: placesimVersion(), Scenario: s.Name, ScenarioSHA: sha(yamlBuf.Bytes()),
			Seed: rs.seed, Reps: rs.reps, Shard: sp.I, Shards: sp.N, First: first, Count: reps,
			Percentiles: rs.percentiles, Months: len(res.Months), Metrics: len(res.Metrics),
			Periods: len(res.Periods), KPIs: len(res.KPIs),
		}
		files, err := shardFiles(info, yamlBuf.Bytes(), res)
		if err != nil {
			return err
		}
		m := runManifest(s, placesimVersion(), yamlBuf.Bytes(), rs.seed, rs.reps, rs.percentiles)
		m.Sets = rs.sets
		m.Shard = &manifestShard{Shard: sp.I, Shards: sp.N, First: first, Count: reps}
		if err := writeResults(out, files, m, stderr); err != nil {
			return fmt.Errorf("writing the shard into %s: %w", out, err)
		}
		if !rs.quiet {
			fmt.Fprintf(stderr, "placesim: %s, shard %s (from %s): %s (seed %d) in %.1fs; wrote %s\n",
				setsName(s.Name, rs.sets, s.Years), sp, source, shard.Replications(first, reps, rs.reps), rs.seed, time.Since(began).Seconds(), wroteList(out, files))
		}
		return nil
	}
	// summary.csv needs only the KPIs: its text is worked out on another CPU while the months
	// are counted, and the sums the charts draw (the time series and the chart data then read
	// back only what is not whole numbers: costs).
	summary := summaryText(res, rs.percentiles)
	var sums []sim.MonthlySum
	if charts {
		sums = plots.MonthlySums(res)
	}
	if err := res.CountMonths(sums); err != nil {
		return err
	}
	files := runFiles(res, yamlBuf.Bytes(), rs.percentiles, summary)
	var checks []sim.BudgetCheck
	var partDays []int // of each check: the days of its part year, or 0 for a whole year
	for _, b := range budgets {
		bc, err := res.ExceedsBudget(b.period, b.amount, rs.interval)
		if err != nil {
			return &inputError{err}
		}
		if tiny := tinyAmount(poundsText(b.amount), "mean spending", b.amount, bc.Mean); tiny != "" {
			return usagef("run", "--budget %s: %s", b.text, tiny)
		}
		// A part year's spending is of its days alone (14 days of 2028/29 in a run of 2
		// years from 15 April): budget.csv names it as the report does, "2028/29 (to 14
		// April)", and the printed line says how many days it holds.
		bc.Period = plots.YearLabel(s.Start, s.Years, b.period)
		checks = append(checks, bc)
		partDays = append(partDays, partYearDays(s.Start, s.Years, b.period))
	}
	if len(checks) > 0 {
		files = append(files, outputFile{"budget.csv", func(w io.Writer) error { return sim.WriteBudgets(w, checks) }})
	}
	if charts {
		src := plots.Source{Version: placesimVersion(), Scenario: s.Name, Reps: reps, Seed: rs.seed, Prices: plots.PricesNote(s), Sets: setsOnly(rs.sets)}
		if files, err = withReports(files, res, yamlBuf.Bytes(), src, formats, rs.percentiles, summary); err != nil {
			return err
		}
	}
	m := runManifest(s, placesimVersion(), yamlBuf.Bytes(), rs.seed, reps, rs.percentiles)
	m.Sets = rs.sets
	m.Precision = pr.manifest
	if len(checks) > 0 {
		m.Interval = rs.interval // the level of budget.csv's p_exceed_lo and p_exceed_hi
	}
	if fw != nil {
		err = fw.finish(files, m, stderr)
	} else {
		err = writeResults(out, files, m, stderr)
	}
	if err != nil {
		return fmt.Errorf("writing the results into %s: %w", out, err)
	}
	// A precision not reached is a warning, printed even with -q: the user asked for it.
	if pr.warning != "" {
		fmt.Fprintf(stderr, "placesim: warning: %s: %s\n", s.Name, pr.warning)
	}
	if !rs.quiet {
		printBudgets(stderr, checks, rs.interval, partDays)
		printPartYearNote(stderr, s, res.Periods)
		// The line of what was written stays the last.
		if caution := rangesCaution(reps, rs.percentiles, charts); caution != "" {
			fmt.Fprintln(stderr, caution)
		}
		name := setsName(s.Name, rs.sets, s.Years)
		fmt.Fprintf(stderr, "placesim: %s, %s (seed %d) in %.1fs%s; wrote %s\n",
			name, plural(reps, "replication"), rs.seed, time.Since(began).Seconds(), pr.note,
			wroteList(out, files))
	}
	return nil
}

// printBudgets prints a line for each budget checked at level: for the eye, as budget.csv
// holds them. partDays gives each check's days when its year is a part year (0 for a whole
// year): the line says so, as the spending is of those days alone.
func printBudgets(stderr io.Writer, checks []sim.BudgetCheck, level float64, partDays []int) {
	for i, bc := range checks {
		period, mean := bc.Period, "mean spending"
		if d := partDays[i]; d > 0 {
			period += ", a part year of " + plural(d, "day")
			mean = "mean spending over those " + plural(d, "day")
		}
		fmt.Fprintf(stderr, "placesim: %s: spending passes the budget of %s in %s of replications (%s confidence interval %s to %s); %s %s\n",
			period, moneyText(bc.Budget), plots.Chance(bc.PExceed), plots.Percent(level), plots.Chance(bc.Lo), plots.Chance(bc.Hi), mean, plots.GBP(bc.Mean))
	}
}

// rangesCaution returns the printed caution, "placesim: caution: ...", owed to the ranges and
// percentiles a run of reps runs writes when they are too few for one of them
// (plots.FewRunsNote, plots.FewRunsPercentileNote), or "": the files' widest central range from
// percentiles (p5 to p95 of 5,50,95; none from 50 alone), their percentile farthest from the
// median with none across it (p10 of 10,50; none from 50 alone) and, with charts, the report's
// and charts' range of 9 runs in 10. It speaks of the one that takes the most runs, a range
// before a percentile that takes as many, and names where that one is, unless the files and
// the charts give the same range.
func rangesCaution(reps int, percentiles []float64, charts bool) string {
	const files = "in summary.csv and timeseries.csv"
	type written struct {
		level float64 // of a central range, or 0 for a percentile alone
		p     float64 // the percentile alone
		where string
	}
	need := func(w written) int {
		if w.level == 0 {
			return sim.PercentileRuns(w.p)
		}
		return sim.RangeRuns(w.level)
	}
	var ranges []written
	for _, p := range slices.Sorted(slices.Values(percentiles)) {
		if i := slices.IndexFunc(percentiles, func(q float64) bool { return centralPair(p, q) }); i >= 0 {
			hi := percentiles[i]
			ranges = append(ranges, written{level: asWritten((hi - p) / 100), where: fmt.Sprintf("%s to %s %s", sim.PercentileColumn(p), sim.PercentileColumn(hi), files)})
			break
		}
	}
	if charts {
		ranges = append(ranges, written{level: 0.9, where: "in the report and charts"})
	}
	var alone []written
	for _, p := range percentiles {
		if !slices.ContainsFunc(percentiles, func(q float64) bool { return centralPair(p, q) }) {
			alone = append(alone, written{p: p, where: files})
		}
	}
	if len(ranges) == 0 && len(alone) == 0 {
		return ""
	}
	// The ranges first: MaxFunc keeps the first of those that take as many runs.
	all := append(slices.Clone(ranges), alone...)
	r := slices.MaxFunc(all, func(a, b written) int { return need(a) - need(b) })
	if r.level == 0 {
		caution := plots.FewRunsPercentileNote(reps, r.p, "--reps")
		if caution == "" {
			return ""
		}
		// "too few for p10 in summary.csv and timeseries.csv (the value below which"
		what := plots.PercentileText(r.p)
		caution = strings.Replace(caution, " "+what+" (", " "+what+" "+r.where+" (", 1)
		return "placesim: c" + strings.TrimPrefix(caution, "C")
	}
	caution := plots.FewRunsNote(reps, r.level, "--reps")
	if caution == "" {
		return ""
	}
	// One range in every output needs no place named: the report, the charts and the files.
	if len(ranges) == 1 || ranges[0].level != ranges[1].level {
		what := plots.RangeText(r.level)
		if reps == 1 { // "no range of what could happen (9 in 10 runs: in the report and charts)"
			caution = strings.Replace(caution, "("+what+")", "("+what+": "+r.where+")", 1)
		} else { // "the range of 9 in 10 runs (in the report and charts), which takes"
			caution = strings.Replace(caution, "range of "+what+",", "range of "+what+" ("+r.where+"),", 1)
		}
	}
	return "placesim: c" + strings.TrimPrefix(caution, "C")
}

// centralPair reports whether the percentiles lo and hi (0 to 100) bound a central range: lo
// is below 50 and hi is 100 - lo, as written in decimal to 9 places. 8.04 and 91.96 do, though
// 100 - 8.04 is 91.96000000000001 in floating point.
func centralPair(lo, hi float64) bool {
	return lo < 50 && asWritten(100-lo) == asWritten(hi)
}

// asWritten returns v rounded to 9 decimal places, as a number typed in decimal means it.
func asWritten(v float64) float64 { return math.Round(v*1e9) / 1e9 }

// runFiles returns the files a run writes: summary.csv (from summary, the text of
// res.WriteSummary with percentiles), kpis.csv, timeseries.csv and scenario.yaml. A merge of
// shards writes the same.
func runFiles(res *sim.Results, scenarioYAML []byte, percentiles []float64, summary textSource) []outputFile {
	return []outputFile{
		{"summary.csv", summary.writeTo},
		{"kpis.csv", res.WriteKPIs},
		{"timeseries.csv", func(w io.Writer) error { return res.WriteTimeseries(w, percentiles) }},
		{periodsName, func(w io.Writer) error {
			return writePeriods(w, res.Scenario.Start, res.Scenario.Years, res.Periods)
		}},
		{"scenario.yaml", func(w io.Writer) error { _, err := w.Write(scenarioYAML); return err }},
	}
}

// runManifest returns the manifest of a run of s (whose scenario.yaml is scenarioYAML) by
// placesim version, with seed, reps replications and the summaries' percentiles. A merge of
// shards gives the same as the run the shards are shares of.
func runManifest(s *model.Scenario, version string, scenarioYAML []byte, seed uint64, reps int, percentiles []float64) *manifest {
	return &manifest{
		Command: "run", Placesim: version, Scenarios: []manifestScenario{{Name: s.Name, SHA256: sha(scenarioYAML)}},
		Seed: seed, Reps: reps, Years: s.Years, Percentiles: percentiles,
	}
}

// precisionRun is how a run to a precision went: a note for the last line when the precision
// was reached, a warning when it was not, and the manifest's record of both.
type precisionRun struct {
	note, warning string
	manifest      *manifestPrecision
}

// runToPrecision adds replications to rn until the confidence interval (at the --interval
// level) of the mean of --kpi in --period is within precision of the mean, or --max-reps is
// reached, or the KPI has no value after the first batch, as sim.Precision says, with a
// progress bar. It returns how it went.
func runToPrecision(rn *sim.Runner, c *cli.Context, stderr io.Writer, rs runSetup, precision float64, fits func(reps int) bool) (precisionRun, error) {
	res := rn.Results()
	kpi, period, maxReps := c.String("kpi"), c.String("period"), c.Int("max-reps")
	k, p := slices.Index(res.KPIs, kpi), slices.Index(res.Periods, period)
	if k < 0 {
		if near := scenarios.Nearest(kpi, res.KPIs); near != "" {
			return precisionRun{}, usagef("run", "--kpi %q: no such KPI (did you mean %s?)", kpi, near)
		}
		return precisionRun{}, usagef("run", "--kpi %q: no such KPI (see summary.csv for the names)", kpi)
	}
	if p < 0 {
		return precisionRun{}, usagef("run", "--period %q: want one of %s", period, strings.Join(res.Periods, ", "))
	}
	rule := sim.Precision{KPI: k, Period: p, Level: rs.interval, Share: precision, FirstReps: precisionFirstReps(c, rs.reps, maxReps), MaxReps: maxReps, Fits: fits}
	if c.IsSet("reps") && rule.FirstReps != rs.reps {
		// The first batch is not what --reps asked for: say so, even with -q, as the
		// manifest's first_replications records it.
		why := "an interval takes at least 2"
		if rs.reps > maxReps {
			why = fmt.Sprintf("--max-reps %d is the most the run may make", maxReps)
		}
		fmt.Fprintf(stderr, "placesim: note: --precision's first batch is %s, not the %d of --reps: %s\n", plural(rule.FirstReps, "replication"), rs.reps, why)
	}
	bar := progress(stderr, rs.quiet, res.Scenario.Name, maxReps)
	got, err := rn.AddToPrecision(rule, track(bar, 0))
	finishBar(bar, stderr, err == nil)
	if err != nil {
		return precisionRun{}, err
	}
	pr := precisionRun{manifest: &manifestPrecision{
		KPI: kpi, Period: period, Interval: rs.interval, Share: precision,
		FirstReps: rule.FirstReps, MaxReps: maxReps, Met: got.Met,
	}}
	if !math.IsNaN(got.Rel) && !math.IsInf(got.Rel, 0) {
		pr.manifest.Reached = &got.Rel
	}
	level, reps := 100*rs.interval, plural(got.Reps, "replication")
	switch {
	case got.NoRoom > 0:
		reached := "has no value yet"
		if !math.IsNaN(got.Rel) && !math.IsInf(got.Rel, 0) {
			reached = fmt.Sprintf("is within %.3g%% of its mean", 100*got.Rel)
		} else if math.IsInf(got.Rel, 1) {
			reached = "is about a mean of 0"
		}
		pr.warning = fmt.Sprintf("stopped at %s, short of --precision: the next batch, to %s, would hold more memory than the %s of this machine (every replication's KPIs are kept until the files are written); the %.0f%% interval of %s in %s %s, not %.3g%% (ask for less, or run on a machine with more memory)",
			reps, thousands(got.NoRoom), memoryText(float64(machineMemoryBytes())), level, kpi, period, reached, 100*precision)
	case got.Met && got.Rel == 0:
		mean, _, _ := res.MeanInterval(p, k, rs.interval)
		pr.note = fmt.Sprintf(" (%s in %s was %.6g in every replication, so its %.0f%% interval has no width, after %s)", kpi, period, mean, level, reps)
	case got.Met:
		pr.note = fmt.Sprintf(" (the %.0f%% interval of %s in %s is within %.3g%% of its mean after %s)", level, kpi, period, 100*got.Rel, reps)
	case math.IsNaN(got.Rel):
		why := ""
		if r, ok := res.RatioOf(k); ok {
			why = fmt.Sprintf(", as it is a share of %s and there were none", res.KPIs[r.Den])
		}
		pr.warning = fmt.Sprintf("--precision cannot be met: %s in %s has no value in any of the first %s%s; stopped there (choose another --kpi or --period)",
			kpi, period, reps, why)
	case math.IsInf(got.Rel, 1):
		pr.warning = fmt.Sprintf("stopped at --max-reps, %s, short of --precision: the mean of %s in %s is 0, so no interval about it is within a share of it (choose a KPI whose mean is not 0)",
			reps, kpi, period)
	default:
		pr.warning = fmt.Sprintf("stopped at --max-reps, %s, short of --precision: the %.0f%% interval of %s in %s is within %.3g%% of its mean, not %.3g%% (raise --max-reps, or ask for less)",
			reps, level, kpi, period, 100*got.Rel, 100*precision)
	}
	return pr, nil
}

// precisionFirstReps is the first batch of a run to a precision: --reps, at least 2 and at
// most maxReps, or 100 (at most maxReps) when --reps is not given.
func precisionFirstReps(c *cli.Context, reps, maxReps int) int {
	if !c.IsSet("reps") {
		return min(100, maxReps)
	}
	return min(max(reps, 2), maxReps)
}

// budget is a financial year's budget given with --budget.
// partYearDays returns the days financial year period ("2028/29") of a run of years from start
// holds when it is a part year (14 for 2028/29 of a run of 2 years from 15 April 2026), or 0 when
// it is a whole year.
func partYearDays(start time.Time, years int, period string) int {
	if plots.YearLabel(start, years, period) == period {
		return 0
	}
	// The financial year that holds day t begins on the 1 April on or before it.
	fyStart := func(t time.Time) time.Time {
		y := t.Year()
		if t.Month() < time.April {
			y--
		}
		return time.Date(y, time.April, 1, 0, 0, 0, 0, t.Location())
	}
	from, to := start, start.AddDate(years, 0, -1)
	if model.FinancialYear(from) == period {
		to = fyStart(from).AddDate(1, 0, -1)
		if end := start.AddDate(years, 0, -1); end.Before(to) {
			to = end
		}
	} else {
		from = fyStart(to)
	}
	return int(math.Round(to.Sub(from).Hours()/24)) + 1
}

// parseMoney reads an amount of pounds as --budget, sweep's --target and the --vary of a
// field in pounds take it: as scenario files and --set do (scenarios.ParseGBP), with an
// optional £, commas between groups of three digits and a k, m or bn scale in either case:
// 64m, £900k, .5m, £12,000, 64000000. The scale moves the decimal point of the digits as typed,
// so that 64.6k is 64600 exactly. An exponent (1e6) is refused, and so is an amount too large
// to hold.
func parseMoney(s string) (float64, error) {
	return scenarios.ParseGBP(s)
}

// moneyText writes an amount of pounds as parseMoney reads it back to the same amount: in
// millions from £1m where it is whole thousands (with a decimal place at least: £63.0m,
// £4.35m, £1.234m), thousands from £1k where it is whole hundreds (£64k, £64.5k), and
// otherwise in pounds with commas between thousands, and pence where there are any, to as
// many places as it takes (£500, £5,000.50, £1,234,567, £0.01, £0.001), where plots.GBP
// rounds to its 3 or so. A negative amount has its sign before the £: -£5.0m, -£5.
func moneyText(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return plots.GBP(v)
	}
	text := func(q float64, unit string, point bool) string {
		t := strconv.FormatFloat(q, 'f', -1, 64)
		if point && !strings.Contains(t, ".") {
			t += ".0"
		}
		return "£" + t + unit
	}
	// The sign stands before the £ (-£5.0m), as poundsText writes it.
	sign, a := "", v
	if v < 0 {
		sign, a = "-", -v
	}
	var t string
	switch {
	case a >= 1e6 && math.Mod(a, 1e3) == 0:
		t = text(a/1e6, "m", true)
	case a >= 1e3 && a < 1e6 && math.Mod(a, 100) == 0:
		t = text(a/1e3, "k", false)
	default:
		return poundsText(v)
	}
	if back, err := parseMoney(t); err != nil || back != a {
		return poundsText(v)
	}
	return sign + t
}

// poundsText writes an amount of pounds in full, with commas between thousands and, where
// it is not whole, two places of pence or as many more as it takes to read back the same
// amount: £5,000.50, £1,234,567, £0.001.
func poundsText(v float64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	t := strconv.FormatFloat(v, 'f', -1, 64)
	if whole, frac, ok := strings.Cut(t, "."); ok && len(frac) == 1 {
		t = whole + "." + frac + "0"
	}
	return sign + "£" + plots.Thousands(t)
}

// isMoneyForm reports whether s is written as an amount of pounds (see parseMoney) rather
// than a plain number: with £, k, m or bn.
func isMoneyForm(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(s, "£") || strings.HasSuffix(l, "k") || strings.HasSuffix(l, "m") || strings.HasSuffix(l, "bn")
}

// tinyAmount says, of an amount of pounds compared with the mean spending mean, that it is under a
// thousandth of it, and so can never be meant: most likely written without its unit (66 for
// £66m), "£66 is under a thousandth of the mean spending it is compared with, £66.3m: did you
// mean £66m? write 66m or £66,000,000"; "" for an amount that could be meant, or none (0).
func tinyAmount(amount, mean string, v, m float64) string {
	if v == 0 || math.IsNaN(m) || !(math.Abs(v) < math.Abs(m)/1000) {
		return ""
	}
	// The thousands, millions or billions that bring the amount nearest the mean.
	meant := v * 1e3
	for _, f := range []float64{1e6, 1e9} {
		if math.Abs(math.Log(math.Abs(v*f/m))) < math.Abs(math.Log(math.Abs(meant/m))) {
			meant = v * f
		}
	}
	short, a := "", math.Abs(meant)
	switch {
	case a >= 1e9:
		short = strconv.FormatFloat(a/1e9, 'f', -1, 64) + "bn"
	case a >= 1e6:
		short = strconv.FormatFloat(a/1e6, 'f', -1, 64) + "m"
	default:
		short = strconv.FormatFloat(a/1e3, 'f', -1, 64) + "k"
	}
	pounds := "£" + short
	if v < 0 {
		short, pounds = "-"+short, "-"+pounds
	}
	return fmt.Sprintf("%s is under a thousandth of the %s it is compared with, %s: did you mean %s? write %s or %s",
		amount, mean, plots.GBP(m), pounds, short, poundsText(meant))
}

type budget struct {
	text, period string
	amount       float64
}

// parseBudgets reads --budget values: YEAR=AMOUNT, several to a value when separated by commas,
// where YEAR is a financial year (2027/28) and AMOUNT is pounds above nothing, as parseMoney
// reads them (64m, £64.5m, 900k, £1,200, 64000000; a comma between three digits is a thousands
// comma, see splitBudgets). A year given twice is refused.
func parseBudgets(values []string) ([]budget, error) {
	var out []budget
	seen := map[string]bool{}
	var items []string
	for _, v := range values {
		items = append(items, splitBudgets(v)...)
	}
	for _, v := range items {
		period, amount, ok := strings.Cut(v, "=")
		period, amount = strings.TrimSpace(period), strings.TrimSpace(amount)
		if !ok || period == "" || amount == "" {
			if strings.TrimSpace(v) != "" && strings.Trim(v, "0123456789 ") == "" && len(items) > 1 {
				// 2027/28=64,0000 split at a comma that is not a thousands comma.
				return nil, fmt.Errorf("%q: want YEAR=AMOUNT, such as 2027/28=64m (commas separate budgets; one within an amount stands before exactly three digits, as in £1,200: or write 1200 or £1.2k)", v)
			}
			return nil, fmt.Errorf("%q: want YEAR=AMOUNT, such as 2027/28=64m", v)
		}
		if !isFinancialYear(period) {
			return nil, fmt.Errorf("%q: %q is not a financial year such as 2027/28", v, period)
		}
		if seen[period] {
			return nil, fmt.Errorf("%q: %s has two budgets", v, period)
		}
		seen[period] = true
		x, err := parseMoney(amount)
		if err != nil || !(x > 0) {
			return nil, fmt.Errorf("%q: %q is not an amount of pounds above nothing, such as 64m, £900k or £1,200%s", v, amount, scenarios.MoneyHintNamed(err, "year", "a budget", func(x float64) bool { return x > 0 }))
		}
		out = append(out, budget{text: v, period: period, amount: x})
	}
	return out, nil
}

// splitBudgets splits a --budget value at the commas between its entries: 2027/28=1m,2028/29=2m.
// A comma followed by exactly three digits up to the end, the next comma or a part without an
// = is a thousands comma within an entry's amount, as in 2027/28=£1,200 or
// 2027/28=£64,000,000,2028/29=£66m.
func splitBudgets(v string) []string {
	var out []string
	for i, part := range strings.Split(v, ",") {
		if i > 0 && len(out) > 0 && strings.Contains(out[len(out)-1], "=") && thousandsRE.MatchString(part) {
			out[len(out)-1] += "," + part
			continue
		}
		out = append(out, part)
	}
	return out
}

// thousandsRE is what follows a thousands comma in a --budget value up to the next comma:
// three digits, and the rest of the amount without an =.
var thousandsRE = regexp.MustCompile(`^[0-9]{3}([^0-9=][^=]*)?$`)

// isFinancialYear reports whether s labels a financial year as the results do, such as
// 2027/28, from 1900/01 to 2200/01.
func isFinancialYear(s string) bool {
	first, _, ok := strings.Cut(s, "/")
	y, err := strconv.Atoi(first)
	return ok && err == nil && y >= 1900 && y <= 2200 && model.FinancialYearFrom(y) == s
}

// checkGivenOut refuses a --out given to command cmd that cannot become the folder of the
// results before anything is simulated, so that a mistyped path costs no run; without --out
// the folder's name comes from the scenario's, and checkOut looks at it once it is known.
func checkGivenOut(cmd string, c *cli.Context) error {
	if out := c.String("out"); out != "" {
		return checkOut(cmd, out)
	}
	return nil
}

// checkOut refuses the --out of command cmd before anything runs when out cannot become the
// folder of the results: it is a file, a folder it would be in is one, or placesim may not
// write where it would be (checkWritable).
func checkOut(cmd, out string) error {
	st, err := os.Stat(out)
	switch {
	case err == nil && !st.IsDir():
		return usagef(cmd, "--out %s: exists and is not a directory", out)
	case err == nil:
		return checkWritable(cmd, out, true)
	case errors.Is(err, fs.ErrNotExist):
		// A link to nowhere would fail only once the results are written, after the whole run.
		if to, lerr := os.Readlink(out); lerr == nil {
			return usagef(cmd, "--out %s: is a link to %s, which does not exist: make that folder, or give another --out", out, to)
		}
		return checkWritable(cmd, out, false)
	}
	for dir := filepath.Dir(out); ; dir = filepath.Dir(dir) {
		if st, err := os.Stat(dir); err == nil {
			if !st.IsDir() {
				return usagef(cmd, "--out %s: %s is a file, not a folder: give --out a path inside a folder", out, dir)
			}
			break
		}
		if dir == filepath.Dir(dir) {
			break
		}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return usagef(cmd, "--out %s: cannot be looked at: %v", out, err)
}

// checkWritable refuses the --out of command cmd before anything runs when placesim may not
// make a folder where the write of out would make its temporary folder (see beginFolder):
// beside out, or inside it when out exists and its parent is not writable; when out does not
// exist, in the nearest folder on its path that does. It makes and removes an empty hidden
// folder to find out, as nothing else says so on every file system (a root user is refused
// in /sys too). The write names the folder and the cause in the same words when it fails
// for another (a full file system) or for one that came meanwhile.
func checkWritable(cmd, out string, exists bool) error {
	var dirs []string
	if exists {
		dirs = []string{filepath.Dir(filepath.Clean(out)), out}
	} else {
		dir := filepath.Dir(filepath.Clean(out))
		for {
			if _, err := os.Stat(dir); err == nil || dir == filepath.Dir(dir) {
				break
			}
			dir = filepath.Dir(dir)
		}
		dirs = []string{dir}
	}
	var first error
	for _, dir := range dirs {
		tmp, err := os.MkdirTemp(dir, ".placesim-check-")
		if err == nil {
			os.Remove(tmp)
			return nil
		}
		if first == nil {
			first = err
		}
	}
	for _, errno := range []syscall.Errno{syscall.EACCES, syscall.EPERM, syscall.EROFS} {
		if errors.Is(first, errno) {
			return usagef(cmd, "--out %s: %v", out, plainWriteError(errno))
		}
	}
	return nil // the write says what else is wrong, in its own words
}

// setsName names a scenario or a region in its printed line as its report does: "default",
// or "default changed by --set entries.per_year=300" when the --set values all, as the
// command applied them (with --years as years=N), changed its assumptions; and, when --years
// or --set years=N set the years simulated, which change no assumption (plots.SetsAndYears),
// with them: "default, 3 years".
func setsName(name string, all []string, years int) string {
	sets, set := plots.SetsAndYears(all)
	return changedName(name, sets, set, years)
}

// changedName is name, then the changes sets made to its assumptions (plots.ChangedBy),
// then, when yearsSet, the years simulated: "default changed by --set entries.per_year=300,
// 3 years".
func changedName(name string, sets []string, yearsSet bool, years int) string {
	name += plots.ChangedBy(sets)
	if yearsSet {
		name += ", " + plural(years, "year")
	}
	return name
}
