package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/urfave/cli/v2"
)

// compareCommand returns the compare command: scenarios against a baseline, paired by seed.
func compareCommand(stdout, stderr io.Writer, onUsage cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:      "compare",
		Usage:     "compare scenarios with a baseline, replication by replication",
		ArgsUsage: "BASE ALT [ALT...]",
		Description: "compare runs BASE and each ALT on the same seed, so that replication i of each sees the\n" +
			"same children arrive, and reports for each KPI and financial year the baseline, the\n" +
			"alternative, their paired difference and its confidence interval: a short table on\n" +
			"stdout, and every figure in comparison.csv in --out, with charts of each scenario's\n" +
			"difference from the baseline in --out/charts. The scenarios must cover the same years.\n" +
			"A share's means are ratios of totals over the replications, and the interval of their\n" +
			"difference comes from the delta method.",
		OnUsageError: onUsage,
		Flags: slices.Concat(simFlags(defaultReps, " of each scenario", "the confidence `LEVEL` of the intervals, such as 0.9 for 90%"), []cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "write comparison.csv into `DIR`", DefaultText: "out/compare-<BASE>"},
		}, chartFlags(true)),
		Action: func(c *cli.Context) error { return compare(c, stdout, stderr) },
	}
}

// comparedRun is one scenario of a comparison and its results.
type comparedRun struct {
	ref string
	s   *model.Scenario
	res *sim.Results
}

// runScenarios resolves and runs each scenario of refs with the same seed and replications,
// keeping KPIs only.
func runScenarios(refs []string, sets []string, rs runSetup, stderr io.Writer) ([]comparedRun, error) {
	var runs []comparedRun
	for _, ref := range refs {
		s, err := scenarios.Load(ref, sets)
		if err != nil {
			return nil, &inputError{err}
		}
		runs = append(runs, comparedRun{ref: ref, s: s})
	}
	for i := range runs {
		bar := progress(stderr, rs.quiet, runs[i].s.Name, rs.reps)
		res, err := sim.Run(runs[i].s, sim.Options{Reps: rs.reps, Seed: rs.seed, Workers: rs.workers, KPIsOnly: true, Progress: track(bar, 0)})
		if bar != nil {
			bar.Finish()
		}
		if err != nil {
			return nil, &inputError{err}
		}
		runs[i].res = res
	}
	return runs, nil
}

func compare(c *cli.Context, stdout, stderr io.Writer) error {
	args, helped, err := arguments(c)
	if err != nil || helped {
		return err
	}
	if len(args) < 2 {
		return usagef("compare", "give a baseline and at least one scenario to compare with it")
	}
	rs, err := readRunSetup(c, "compare")
	if err != nil {
		return err
	}
	sets := rs.sets
	formats, err := parseFormats("compare", c.String("formats"))
	if err != nil {
		return err
	}
	began := time.Now()
	runs, err := runScenarios(args, sets, rs, stderr)
	if err != nil {
		return err
	}
	base := runs[0]
	var csv bytes.Buffer
	var tables []string
	var rows []plots.CompareRow
	for i, alt := range runs[1:] {
		diffs, err := sim.Compare(base.res, alt.res, rs.interval)
		if err != nil {
			return &inputError{err}
		}
		for _, d := range diffs {
			rows = append(rows, plots.CompareRow{Scenario: alt.s.Name, Baseline: base.s.Name, Period: d.Period, KPI: d.KPI,
				BaseMean: d.BaseMean, AltMean: d.AltMean, DiffMean: d.DiffMean, DiffLo: d.DiffLo, DiffHi: d.DiffHi, N: d.N})
		}
		if err := sim.WriteComparison(&csv, alt.s.Name, base.s.Name, diffs, i == 0); err != nil {
			return err
		}
		tables = append(tables, comparisonTable(base.s, alt.s, diffs, rs))
	}
	out := c.String("out")
	if out == "" {
		if out, err = defaultOut("compare", "compare-", base.s.Name); err != nil {
			return err
		}
	}
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		return usagef("compare", "--out %s: exists and is not a directory", out)
	}
	files := []outputFile{{"comparison.csv", func(w io.Writer) error { _, err := w.Write(csv.Bytes()); return err }}}
	if c.Bool("charts") {
		src := fmt.Sprintf("Source: placesim %s, %s against %s, %s on seed %d.", placesimVersion(),
			strings.Join(names(runs[1:]), ", "), base.s.Name, plural(rs.reps, "paired replication"), rs.seed)
		charts, err := plots.ComparisonCharts(rows, rs.interval, src)
		if err != nil {
			return err
		}
		files = append(files, chartFiles(charts, formats)...)
	}
	m := &manifest{Command: "compare", Placesim: placesimVersion(), Seed: rs.seed, Reps: rs.reps, Years: base.s.Years, Interval: rs.interval}
	for _, r := range runs {
		sum, err := scenarioSHA(r.s)
		if err != nil {
			return err
		}
		m.Scenarios = append(m.Scenarios, manifestScenario{Name: r.s.Name, SHA256: sum})
	}
	if err := writeResults(out, files, m, stderr); err != nil {
		return fmt.Errorf("writing the comparison into %s: %w", out, err)
	}
	fmt.Fprint(stdout, strings.Join(tables, "\n"))
	if !rs.quiet {
		fmt.Fprintf(stderr, "placesim: compared %s with %s, %s each (seed %d) in %.1fs; wrote %s\n",
			strings.Join(names(runs[1:]), ", "), base.s.Name, plural(rs.reps, "replication"), rs.seed,
			time.Since(began).Seconds(), filepath.Join(filepath.Clean(out), "comparison.csv"))
	}
	return nil
}

// scenarioSHA returns the SHA-256 checksum of s written with every field resolved, as 'placesim
// run' writes it into scenario.yaml but without the header comment.
func scenarioSHA(s *model.Scenario) (string, error) {
	var buf bytes.Buffer
	if err := scenarios.Encode(&buf, s, scenarios.EncodeOptions{}); err != nil {
		return "", err
	}
	return sha(buf.Bytes()), nil
}

func names(runs []comparedRun) []string {
	var out []string
	for _, r := range runs {
		out = append(out, r.s.Name)
	}
	return out
}

// headline is a KPI the comparison table shows, with how to say it; its unit is the
// catalogue's (plots.UnitOf).
type headline struct{ label, kpi string }

// level and signed are plots' formats of a figure, so that the table reads as the charts and
// the workspace do.
var (
	level  = plots.Level
	signed = plots.Signed
)

// headlines returns the KPIs the table shows for scenario s: money, children by the settings
// councils watch, carers and first choices.
func headlines(s *model.Scenario) []headline {
	hs := []headline{
		{"Total cost", sim.CostTotal},
		{"Children in care (average)", sim.ChildrenInCare},
	}
	gap, hasGap := sim.HeadlineGapKind(s)
	for i, k := range s.Kinds {
		if k.Name == "ifa" || k.Name == "inhouse_foster" {
			hs = append(hs, headline{k.Label + " (children, average)", sim.OccupiedKPI(k.Name)})
		}
		if hasGap && i == gap {
			// The sufficiency gap of the council's mainstream foster care: children whose
			// first choice it is, placed elsewhere.
			hs = append(hs, headline{"Waiting for " + strings.ToLower(k.Label) + " (children, average)", sim.GapWaiting(k.Name)})
		}
	}
	hs = append(hs,
		headline{"Residential care (children, average)", sim.OccupiedCategoryKPI(model.Residential)},
		headline{"Emergency placements", sim.EmergencyPlacements},
		headline{"Carer households at the year's end", sim.CarerHouseholdsEnd},
		headline{"Children placed in their first choice", sim.FirstChoiceShare},
	)
	return hs
}

// comparisonTable is the plain-English table of one alternative against the baseline: for each
// headline KPI, the difference in the first and last financial years and over the whole run,
// with its interval, and the levels in the last year.
func comparisonTable(base, alt *model.Scenario, diffs []sim.Difference, rs runSetup) string {
	byKey := map[[2]string]sim.Difference{}
	var periods []string
	for _, d := range diffs {
		byKey[[2]string{d.Period, d.KPI}] = d
		if len(periods) == 0 || periods[len(periods)-1] != d.Period {
			periods = append(periods, d.Period)
		}
	}
	first, last := periods[0], periods[len(periods)-2]
	show := []string{first, last, sim.WholeRun}
	if first == last {
		show = []string{first, sim.WholeRun}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s against %s: %s each on seed %d, %.0f%% intervals\n", alt.Name, base.Name, plural(rs.reps, "paired replication"), rs.seed, 100*rs.interval)
	fmt.Fprintf(&b, "Difference (%s minus %s):\n\n", alt.Name, base.Name)
	tw := tabwriter.NewWriter(&b, 0, 0, 3, ' ', 0)
	fmt.Fprint(tw, "")
	for _, p := range show {
		label := p
		if p == sim.WholeRun {
			label = fmt.Sprintf("%d years", alt.Years)
		}
		fmt.Fprintf(tw, "\t%s", label)
	}
	fmt.Fprintf(tw, "\t%s: %s → %s\n", last, base.Name, alt.Name)
	for _, h := range headlines(base) {
		u := plots.UnitOf(h.kpi)
		fmt.Fprint(tw, h.label)
		for _, p := range show {
			d, ok := byKey[[2]string{p, h.kpi}]
			if !ok || d.N < 2 {
				fmt.Fprint(tw, "\t–")
				continue
			}
			fmt.Fprintf(tw, "\t%s (%s to %s)", signed(d.DiffMean, u), signed(d.DiffLo, u), signed(d.DiffHi, u))
		}
		if d, ok := byKey[[2]string{last, h.kpi}]; ok {
			fmt.Fprintf(tw, "\t%s → %s", level(d.BaseMean, u), level(d.AltMean, u))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if d, ok := byKey[[2]string{sim.WholeRun, sim.CostTotal}]; ok && d.DiffHi > d.DiffLo {
		fmt.Fprintf(&b, "\nPairing the replications makes the interval of the total cost difference %.1f times narrower than independent runs would.\n",
			d.PairingGain())
	}
	return b.String()
}

// chartFiles returns the files of charts drawn in each of formats, under charts/.
func chartFiles(charts []*plots.Chart, formats []string) []outputFile {
	var files []outputFile
	for _, ch := range charts {
		for _, format := range formats {
			// A chart's name can hold a scenario's name, which is free text.
			files = append(files, outputFile{"charts/" + safeName(ch.Name) + "." + format, func(w io.Writer) error {
				wt, err := ch.WriterTo(format)
				if err != nil {
					return err
				}
				_, err = wt.WriteTo(w)
				return err
			}})
		}
	}
	return files
}
