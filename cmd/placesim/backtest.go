package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios/ssda903"
	"github.com/placesim/placesim/sim"
	"github.com/urfave/cli/v2"
)

// defaultBacktestReps is the number of replications of a backtest that does not say: enough
// for steady 5th and 95th percentiles of a council's counts.
const defaultBacktestReps = 500

// defaultResamples is the number of bootstrap resamples of a backtest that does not say: the
// replications are shared among them (five each by default), enough for the spread of the
// calibrated rates to show in the 5th and 95th percentiles.
const defaultResamples = 100

// backtestCommand returns the backtest command, which reports on stdout and stderr.
func backtestCommand(stdout, stderr io.Writer, onUsage cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:      "backtest",
		Usage:     "calibrate on a return up to a date, simulate on, and compare with what happened",
		ArgsUsage: " ",
		Description: "backtest reads a council's SSDA903 return as calibrate does, calibrates a scenario on the\n" +
			"data before --at, simulates it from --at to the end of the data, and compares month by\n" +
			"month the simulated children in care by placement with the return's own counts: the mean\n" +
			"absolute percentage error of the simulated median by kind and year of horizon, and how\n" +
			"often the actual count falls within the 50% and 90% bands. The bands hold the uncertainty\n" +
			"of the calibrated rates: the scenario is calibrated again on --resamples bootstrap\n" +
			"resamples of the return (each period of care taken a Poisson number of times, of mean 1),\n" +
			"each starting from the return's own children in care on --at, and the replications are\n" +
			"shared among them and pooled (--resamples 0 simulates the one calibrated scenario, whose\n" +
			"bands hold only the simulation's chance). It writes into --out:\n" +
			"\n" +
			"  backtest.csv          each kind and month (dated by its first day, counted at its end):\n" +
			"                        actual, simulated mean and percentiles, error in percent\n" +
			"  backtest_summary.csv  each kind and year of horizon: MAPE in percent (NA where the\n" +
			"                        return's count was 0 in every month: a percentage error of 0\n" +
			"                        is undefined; n/a in the printed table), and the shares\n" +
			"                        (0 to 1) of months within the 50% and 90% bands; then the\n" +
			"                        children entering and leaving care in each year, the return's\n" +
			"                        count against the simulated mean and 90% range (printed too)\n" +
			"  backtest.png ...      the chart, in --formats\n" +
			"  scenario.yaml         the scenario calibrated on the data before --at\n" +
			"  quality.md            the data-quality report\n" +
			"  manifest.json         what was run, and every file written with its size and SHA-256\n" +
			"\n" +
			"Counts of 1 to 4 children are written NA, and so is what would give them away: that\n" +
			"month's error and whether it was within each band; the summary counts only the months\n" +
			"shown. The kinds add up to all children in care, so in a month with one kind hidden, or\n" +
			"several adding up to fewer than 5, the next smallest kinds are hidden too, until at least\n" +
			"two are and they add up to 5 or more; a kind that a scenario calibrated to the month's\n" +
			"end counts a hidden kind with in its stock is hidden too. A year's entries or exits of 1\n" +
			"to 4 are NA, and so are the other flow's that year. The README's Output files section\n" +
			"describes every column.",
		OnUsageError:    onUsage,
		SkipFlagParsing: true,
		Flags: append(append(returnFlags(),
			&cli.StringFlag{Name: "at", Usage: "calibrate on the data before `DATE` (YYYY-MM-DD) and simulate from it"},
			&cli.StringFlag{Name: "out", Value: filepath.Join("out", "backtest"), Usage: "write the files into `DIR`"},
			&cli.IntFlag{Name: "reps", Value: defaultBacktestReps, Usage: "run `N` replications"},
			&cli.IntFlag{Name: "resamples", Value: defaultResamples, Usage: "share the replications among `N` scenarios calibrated on bootstrap resamples of the return (0: the calibrated scenario alone; at most --reps, a note says when lowered)"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "seed every random stream from `N`"},
			&cli.IntFlag{Name: "workers", Usage: "run `N` replications side by side", DefaultText: "one per CPU"},
			populationFlag(),
		), formatsFlag("the chart")),
		Action: func(c *cli.Context) error { return backtestAction(c, stdout, stderr) },
	}
}

func backtestAction(c *cli.Context, stdout, stderr io.Writer) error {
	if helped, err := returnArguments(c); err != nil || helped {
		return err
	}
	at, err := parseDate(c, "at")
	if err != nil {
		return err
	}
	if at.IsZero() {
		return usagef("backtest", "say where the calibration ends and the simulation starts with --at, such as --at 2020-04-01")
	}
	from, err := parseDate(c, "from")
	if err != nil {
		return err
	}
	if !from.IsZero() && !from.Before(at) {
		return usagef("backtest", "--from %s is not before --at %s: the calibration window, from --from to the day before --at, is empty; give a --from before --at",
			flagText(c, "from"), flagText(c, "at"))
	}
	reps, workers, seed, quiet := c.Int("reps"), c.Int("workers"), c.Uint64("seed"), c.Bool("quiet")
	if reps < 1 {
		return usagef("backtest", "--reps must be at least 1, not \"%d\"", reps)
	}
	if seed == 0 {
		return usagef("backtest", "%s", seedZero)
	}
	if workers < 0 {
		return usagef("backtest", "--workers must be 0 (one per CPU) or more, not \"%d\"", workers)
	}
	resamples := c.Int("resamples")
	if resamples < 0 {
		return usagef("backtest", "--resamples must be 0 (the calibrated scenario alone) or more, not \"%d\"", resamples)
	}
	if resamples > reps {
		// Each resample runs at least one replication. Lowered from what --resamples asked,
		// the note shows even with -q, as the manifest's resamples records it; lowered from
		// the default, -q hides it.
		if c.IsSet("resamples") || !quiet {
			fmt.Fprintln(stderr, resamplesNote(resamples, reps, c.IsSet("resamples")))
		}
		resamples = reps
	}
	if err := checkPopulationRange(c); err != nil {
		return err
	}
	formats, err := parseFormats("backtest", c.String("formats"))
	if err != nil {
		return err
	}
	out := c.String("out")
	if err := checkOut("backtest", out); err != nil {
		return err
	}
	// What backtest writes into --out must not replace the return's files.
	var targets [][2]string
	names := []string{"backtest.csv", "backtest_summary.csv", "scenario.yaml", "quality.md", manifestName}
	for _, format := range formats {
		names = append(names, plots.Backtest+"."+format)
	}
	for _, name := range names {
		p := filepath.Join(out, name)
		targets = append(targets, [2]string{p, "the backtest's file " + p})
	}
	if err := checkTargets(c, targets); err != nil {
		return err
	}
	began := time.Now()
	// The children in care dropped are counted on the calibration window's last day, the day
	// before --at, as calibrate counts them on --to.
	ret, sources, err := readReturn(c, filepath.Join(out, "quality.md"), at.AddDate(0, 0, -1))
	if err != nil {
		return err
	}
	if !at.After(ret.DataStart()) || !at.Before(ret.DataEnd()) {
		return usagef("backtest", "--at %s: must fall within the data, after %s and before %s",
			at.Format(time.DateOnly), ret.DataStart().Format(time.DateOnly), ret.DataEnd().Format(time.DateOnly))
	}
	// A --from outside the data is refused as calibrate refuses it, naming the flag.
	if err := checkWindow(c, "backtest", ret.DataStart(), ret.DataEnd(), from, time.Time{}); err != nil {
		return err
	}
	actual, err := ret.Actual(at)
	if err != nil {
		return &inputError{err}
	}
	name := "backtest"
	if la := ret.Quality.LA; la != "" {
		name = "backtest-" + strings.ToLower(strings.Join(strings.Fields(la), "-"))
	}
	cal, err := calibrateReturn(c, ret, sources, filepath.Join(out, "scenario.yaml"), name, from, at.AddDate(0, 0, -1))
	if err != nil {
		return err
	}
	s := cal.scenario
	ssda903.SetYears(s, (len(actual.Months)+11)/12)

	runs := []*model.Scenario{s}
	if resamples > 0 {
		side := workers
		if side == 0 {
			side = runtime.NumCPU()
		}
		runs, err = cal.cal.Resamples(resamples, seed, side, ssda903.ScenarioOptions{Name: s.Name, ChildPopulation: c.Int("population")})
		if err != nil {
			return &inputError{err}
		}
		for _, r := range runs {
			ssda903.SetYears(r, s.Years)
		}
	}
	bar := progress(stderr, quiet, "backtest", reps)
	var results []*sim.Results
	done := 0
	for i, r := range runs {
		// Replication done+j of the whole run is replication j of scenario i, so that every
		// replication has a stream of its own.
		n := reps / len(runs)
		if i < reps%len(runs) {
			n++
		}
		res, err := sim.Run(r, sim.Options{Reps: n, FirstRep: done, Seed: seed, Workers: workers, Progress: track(bar, done)})
		if err != nil {
			if bar != nil {
				bar.Finish()
			}
			return &inputError{err}
		}
		results = append(results, res)
		done += n
	}
	if bar != nil {
		bar.Finish()
	}
	bands, err := simulatedBands(results, len(actual.Months))
	if err != nil {
		return err
	}
	cmp := ssda903.Compare(actual, bands)
	flows, err := simulatedFlows(results, len(actual.Months))
	if err != nil {
		return err
	}
	cmp.CompareFlows(actual, flows)
	chart, err := backtestChart(cmp, councilName(ret), at, reps, seed)
	if err != nil {
		return err
	}
	files := []outputFile{
		{"backtest.csv", cmp.WriteCSV},
		{"backtest_summary.csv", cmp.WriteSummaryCSV},
		{"scenario.yaml", writeBytes(cal.yaml)},
		{"quality.md", writeBytes(cal.report)},
	}
	for _, format := range formats {
		files = append(files, outputFile{plots.Backtest + "." + format, func(w io.Writer) error {
			wt, err := chart.WriterTo(format)
			if err != nil {
				return err
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			if _, err := wt.WriteTo(bw); err != nil {
				return err
			}
			return bw.Flush()
		}})
	}
	m := &manifest{Command: "backtest", Placesim: placesimVersion(), Scenarios: []manifestScenario{{Name: s.Name, SHA256: sha(cal.yaml)}},
		Seed: seed, Reps: reps, Years: s.Years, Backtest: &manifestBacktest{At: at.Format(time.DateOnly), Months: len(actual.Months), Resamples: resamples,
			From: cal.cal.Estimates.From.Format(time.DateOnly), Base: c.String("base"), LA: c.String("la"), Population: c.Int("population"),
			NoTrend: c.Bool("no-trend"), HomesFilledFirst: c.Bool("homes-filled-first")}}
	for _, f := range ret.Quality.Files {
		m.Backtest.Inputs = append(m.Backtest.Inputs, manifestInput{Name: ssda903.BaseName(f.Name), SHA256: f.SHA256})
	}
	if err := writeResults(out, files, m, stderr); err != nil {
		return fmt.Errorf("writing the backtest into %s: %w", out, err)
	}
	if quiet {
		return nil
	}
	if err := printBacktest(stdout, cmp, reps); err != nil {
		return err
	}
	over := "of the calibrated scenario"
	if resamples > 0 {
		over = fmt.Sprintf("over %s of the return", plural(resamples, "resample"))
	}
	fmt.Fprintf(stderr, "placesim: backtest of %s from %s over %s, %s %s (seed %d) in %.1fs; wrote %s\n",
		councilName(ret), at.Format(time.DateOnly), plural(len(actual.Months), "month"), plural(reps, "replication"), over, seed, time.Since(began).Seconds(), wroteList(out, files))
	return nil
}

// resamplesNote is the note that the backtest shares its reps replications among reps
// resamples, not the resamples asked (given with --resamples when set, else its default):
// each resample runs at least one replication.
func resamplesNote(resamples, reps int, set bool) string {
	asked := fmt.Sprintf("the %d of --resamples", resamples)
	if !set {
		asked = fmt.Sprintf("--resamples's default %d", resamples)
	}
	return fmt.Sprintf("placesim: note: the return is resampled %s, not %s: each resample runs at least one replication, and --reps is %d (--reps %d or more gives %d resamples)",
		plural(reps, "time"), asked, reps, resamples, resamples)
}

// simulatedBands returns, for each group of ssda903.ComparedKinds and each of the first
// months months, the mean and percentiles over the replications of every run, pooled, of the
// group's children: the sum of its metrics in each replication, then summarised. The runs
// are of the same span and record the same metrics.
func simulatedBands(runs []*sim.Results, months int) ([][]ssda903.Band, error) {
	reps, index, months, err := monthlyRecords(runs, months)
	if err != nil {
		return nil, err
	}
	nm := len(index)
	out := make([][]ssda903.Band, len(ssda903.ComparedKinds))
	vals := make([]float64, len(reps))
	for g, ck := range ssda903.ComparedKinds {
		var cols []int
		for _, m := range ck.Metrics {
			if i, ok := index[m]; ok {
				cols = append(cols, i)
			}
		}
		if len(cols) == 0 {
			return nil, fmt.Errorf("the simulation records none of %s", strings.Join(ck.Metrics, ", "))
		}
		out[g] = make([]ssda903.Band, months)
		for m := range months {
			for r := range reps {
				row := reps[r][m*nm : (m+1)*nm]
				var v float64
				for _, i := range cols {
					v += row[i]
				}
				vals[r] = v
			}
			st := sim.Summarise(vals, plots.Percentiles)
			p := st.Percentiles
			out[g][m] = ssda903.Band{Mean: st.Mean, P05: p[0], P25: p[1], P50: p[2], P75: p[3], P95: p[4]}
		}
	}
	return out, nil
}

// monthlyRecords returns the monthly record of each replication of every run, pooled, over the
// first months months (fewer when the runs are shorter), with the index of each metric in a
// month's row. The runs are of the same span and record the same metrics.
func monthlyRecords(runs []*sim.Results, months int) (reps [][]float64, index map[string]int, n int, err error) {
	res := runs[0]
	months = min(months, len(res.Months))
	index = map[string]int{}
	for i, m := range res.Metrics {
		index[m] = i
	}
	for _, r := range runs {
		if !slices.Equal(r.Metrics, res.Metrics) || len(r.Months) < months {
			return nil, nil, 0, errors.New("the backtest's runs record different metrics or months (a fault of placesim; please report it)")
		}
		for pos := range r.Reps {
			rec, err := r.MonthlyRecord(pos)
			if err != nil {
				return nil, nil, 0, err
			}
			reps = append(reps, rec)
		}
	}
	return reps, index, months, nil
}

// simulatedFlows returns, for each of ssda903.Flows and each span of 12 months of the first
// months months (the last may be shorter), the mean and percentiles over the replications of
// every run, pooled, of the flow's total over the span.
func simulatedFlows(runs []*sim.Results, months int) ([][]ssda903.Band, error) {
	reps, index, months, err := monthlyRecords(runs, months)
	if err != nil {
		return nil, err
	}
	nm := len(index)
	out := make([][]ssda903.Band, len(ssda903.Flows))
	vals := make([]float64, len(reps))
	for f, name := range ssda903.Flows {
		i, ok := index[name]
		if !ok {
			return nil, fmt.Errorf("the simulation does not record %s", name)
		}
		for lo := 0; lo < months; lo += 12 {
			for r := range reps {
				var v float64
				for m := lo; m < min(lo+12, months); m++ {
					v += reps[r][m*nm+i]
				}
				vals[r] = v
			}
			st := sim.Summarise(vals, plots.Percentiles)
			p := st.Percentiles
			out[f] = append(out[f], ssda903.Band{Mean: st.Mean, P05: p[0], P25: p[1], P50: p[2], P75: p[3], P95: p[4]})
		}
	}
	return out, nil
}

// groupLabels names the compared groups on the chart.
var groupLabels = map[string]string{
	"kinship":                 "Kinship foster care",
	"inhouse_foster":          "In-house foster care",
	"ifa":                     "Independent fostering agencies",
	"inhouse_home":            "In-house children's homes",
	"external_residential":    "External residential care",
	"supported_accommodation": "Supported accommodation",
	"other_settings":          "With parents, for adoption, other",
	"children_in_care":        "All children in care",
}

// backtestChart draws the comparison.
func backtestChart(cmp *ssda903.Comparison, council string, at time.Time, reps int, seed uint64) (*plots.Chart, error) {
	var series []plots.BacktestSeries
	for _, ck := range ssda903.ComparedKinds {
		var s plots.BacktestSeries
		s.Label = groupLabels[ck.Name]
		for _, r := range cmp.Rows {
			if r.Group != ck.Name {
				continue
			}
			a := float64(r.Actual)
			if r.Hidden() {
				a = math.NaN()
			}
			s.Months = append(s.Months, r.Month)
			s.Actual = append(s.Actual, a)
			s.P05 = append(s.P05, r.Band.P05)
			s.P25 = append(s.P25, r.Band.P25)
			s.P50 = append(s.P50, r.Band.P50)
			s.P75 = append(s.P75, r.Band.P75)
			s.P95 = append(s.P95, r.Band.P95)
		}
		if len(s.Months) > 0 {
			series = append(series, s)
		}
	}
	info := plots.BacktestInfo{Council: council, At: at, Version: placesimVersion(), Reps: reps, Seed: seed}
	for _, f := range cmp.Flows {
		bf := plots.BacktestFlow{Actual: float64(f.Actual), Mean: f.Band.Mean, P05: f.Band.P05, P95: f.Band.P95, Months: f.Months}
		if f.Hidden {
			bf.Actual = math.NaN()
		}
		if f.Flow == "entries" {
			info.Entries = append(info.Entries, bf)
		} else {
			info.Exits = append(info.Exits, bf)
		}
	}
	for _, sr := range cmp.Summary {
		if sr.Group == "children_in_care" && sr.Horizon == "all" && sr.Months > 0 {
			info.Months, info.MAPE = sr.Months, sr.MAPE
			info.Covered90 = int(math.Round(sr.Coverage90 * float64(sr.Months)))
		}
	}
	if council == "the council" {
		info.Council = ""
	}
	return plots.BacktestChart(series, info)
}

// printFlows prints the children entering and leaving care by year of horizon, the return's
// count against the simulated mean and 90% range of reps replications, or against the one
// run's figure when reps is 1: a good score of the children in care can hide wrong flows. A
// count of 1 to 4, or hidden beside one, is "fewer than 5" or hidden.
func printFlows(w io.Writer, flows []ssda903.FlowRow, reps int) error {
	if len(flows) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	simulated := "simulated mean"
	if reps == 1 { // one run's figure, not a mean of runs
		simulated = "simulated (the run)"
	}
	fmt.Fprintf(tw, "flow\tmonths\treturn\t%s\t90%% range\tin 90%% range\t\n", simulated)
	for _, f := range flows {
		actual, in90 := strconv.Itoa(f.Actual), "no"
		if f.In90() {
			in90 = "yes"
		}
		switch {
		case f.Hidden && f.Actual > 0 && f.Actual < ssda903.MinChildren:
			actual, in90 = "fewer than 5", "n/a"
		case f.Hidden:
			actual, in90 = "hidden", "n/a"
		}
		lo, hi := f.Range90()
		span := fmt.Sprintf("%.0f-%.0f", lo, hi)
		mean := fmt.Sprintf("%.1f", f.Band.Mean)
		if reps == 1 {
			span, in90 = "–", "–"
			if f.Band.Mean == math.Trunc(f.Band.Mean) { // one run's count of children is whole
				mean = fmt.Sprintf("%.0f", f.Band.Mean)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", f.Flow, f.Covered(), actual, mean, span, in90)
	}
	return tw.Flush()
}

// printBacktest prints the summary of a backtest of reps replications as a table, with a
// caution when they are too few for its bands (plots.FewRunsNote): one run gives none.
func printBacktest(w io.Writer, cmp *ssda903.Comparison, reps int) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "group\tmonths\tMAPE\tin 50% band\tin 90% band\t")
	var noChildren, noMonths bool // the reasons for an n/a MAPE the table shows
	for _, s := range cmp.Summary {
		if s.Horizon != "all" {
			continue
		}
		mape, in50, in90 := "n/a", "n/a", "n/a"
		switch {
		case !math.IsNaN(s.MAPE):
			mape = fmt.Sprintf("%.1f%%", s.MAPE)
		case s.Months > 0:
			noChildren = true
		default:
			noMonths = true
		}
		if s.Months > 0 {
			in50, in90 = fmt.Sprintf("%.0f%%", 100*s.Coverage50), fmt.Sprintf("%.0f%%", 100*s.Coverage90)
		}
		if reps == 1 {
			in50, in90 = "–", "–"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t\n", s.Group, s.Months, mape, in50, in90)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if noChildren {
		fmt.Fprintln(w, "MAPE n/a: the return's count of the group was 0 in every month shown, and a percentage error of 0 is undefined.")
	}
	if noMonths {
		fmt.Fprintln(w, "0 months, n/a: no month's count of the group is shown (fewer than 5, or hidden beside one).")
	}
	if err := printFlows(w, cmp.Flows, reps); err != nil {
		return err
	}
	if note := plots.FewRunsNote(reps, 0.9, "--reps"); note != "" {
		_, err := fmt.Fprintf(w, "\n%s\n", note)
		return err
	}
	return nil
}
