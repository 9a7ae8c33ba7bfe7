package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
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
		ArgsUsage: "[SCENARIO]",
		Description: "run simulates SCENARIO, a scenario file or the name of a built-in scenario ('default'\n" +
			"when left out; see 'placesim scenarios'), --reps times, and writes into --out:\n" +
			"\n" +
			"  summary.csv     each KPI by financial year and overall: mean, sd, p05, p50, p95, n\n" +
			"  kpis.csv        each KPI of each replication\n" +
			"  timeseries.csv  each monthly metric: mean, p05, p50, p95\n" +
			"  scenario.yaml   the scenario as run, every field resolved, with version and seed\n" +
			"\n" +
			"The files appear together once all are written; a failed run leaves --out as it was.\n" +
			"The same seed gives the same files, whatever --workers is.",
		OnUsageError: onUsage,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "reps", Value: defaultReps, Usage: "run `N` replications"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "seed every random stream from `N`: the same seed gives the same results"},
			&cli.StringFlag{Name: "out", Usage: "write the files into `DIR`", DefaultText: "out/<scenario name>"},
			&cli.StringSliceFlag{Name: "set", Usage: "override a field of the scenario, as `PATH=VALUE` (entries.per_year=360); repeatable"},
			&cli.IntFlag{Name: "years", Usage: "simulate and report `N` years (short for --set years=N)", DefaultText: "the scenario's"},
			&cli.IntFlag{Name: "workers", Usage: "run `N` replications side by side", DefaultText: "one per CPU"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing on success"},
		},
		Action: func(c *cli.Context) error { return run(c, stderr) },
	}
}

// run is the run command's action.
func run(c *cli.Context, stderr io.Writer) error {
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
	reps, workers, seed, quiet := c.Int("reps"), c.Int("workers"), c.Uint64("seed"), c.Bool("quiet")
	if reps < 1 {
		return usagef("run", "--reps must be at least 1, not %d", reps)
	}
	if workers < 0 {
		return usagef("run", "--workers must be 0 (one per CPU) or more, not %d", workers)
	}
	sets := c.StringSlice("set")
	if c.IsSet("years") {
		sets = append(sets, fmt.Sprintf("years=%d", c.Int("years")))
	}

	began := time.Now()
	resolved, err := scenarios.Resolve(ref, sets)
	if err != nil {
		return &inputError{err}
	}
	s := resolved.Scenario
	out := c.String("out")
	if out == "" {
		if !filepath.IsLocal(s.Name) || strings.ContainsAny(s.Name, `/\`) {
			return usagef("run", "scenario name %q cannot name an output directory: give --out", s.Name)
		}
		out = filepath.Join("out", s.Name)
	}
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		return usagef("run", "--out %s: exists and is not a directory", out)
	}

	opt := sim.Options{Reps: reps, Seed: seed, Workers: workers}
	var bar *progressBar
	if !quiet && isTerminal(stderr) {
		bar = &progressBar{w: stderr, name: s.Name, reps: reps}
		opt.Progress = bar.update
	}
	res, err := sim.Run(s, opt)
	bar.clear()
	if err != nil {
		return &inputError{err}
	}

	header := fmt.Sprintf("Scenario %q as run by placesim %s with seed %d and %s.\n"+
		"Run it again with: placesim run scenario.yaml --seed %d --reps %d",
		s.Name, placesimVersion(), seed, plural(reps, "replication"), seed, reps)
	files := []outputFile{
		{"summary.csv", func(w io.Writer) error { return res.WriteSummary(w, sim.DefaultPercentiles) }},
		{"kpis.csv", res.WriteKPIs},
		{"timeseries.csv", func(w io.Writer) error { return res.WriteTimeseries(w, sim.DefaultPercentiles) }},
		{"scenario.yaml", func(w io.Writer) error {
			return scenarios.Encode(w, s, scenarios.EncodeOptions{Header: header, Comments: resolved.Comments})
		}},
	}
	if err := writeDir(out, files); err != nil {
		return fmt.Errorf("writing the results into %s: %w", out, err)
	}
	if !quiet {
		fmt.Fprintf(stderr, "placesim: %s, %s (seed %d) in %.1fs; wrote %s{summary,kpis,timeseries}.csv and scenario.yaml\n",
			s.Name, plural(reps, "replication"), seed, time.Since(began).Seconds(),
			filepath.Clean(out)+string(filepath.Separator))
	}
	return nil
}

// progressBar redraws a line on a terminal saying how many replications are done.
type progressBar struct {
	w     io.Writer
	name  string
	reps  int
	last  time.Time
	shown bool
}

// update is sim.Options.Progress: it redraws the line at most five times a second.
func (p *progressBar) update(done int) {
	if now := time.Now(); now.Sub(p.last) >= 200*time.Millisecond {
		p.last = now
		p.shown = true
		fmt.Fprintf(p.w, "\rplacesim: %s: %d/%d replications", p.name, done, p.reps)
	}
}

// clear erases the line, if it was drawn; it does nothing on a nil bar.
func (p *progressBar) clear() {
	if p != nil && p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
