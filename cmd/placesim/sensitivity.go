package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/urfave/cli/v2"
)

// sensitivityColumns are the columns of sensitivity.csv.
var sensitivityColumns = []string{"scenario", "input", "path", "value_low", "value_high", "kpi", "period",
	"base_mean", "low_mean", "high_mean", "low_diff", "low_diff_lo", "low_diff_hi", "high_diff", "high_diff_lo", "high_diff_hi",
	"swing", "rank", "n", "value", "range_source"}

// variedSource is the Source of an input given with --vary.
const variedSource = "given with --vary"

// inputName names the input in a message: "--vary PATH" for one given with --vary, as sweep
// names its lever, and its path for one of the scenario's usual inputs.
func inputName(in scenarios.Input) string {
	if in.Source == variedSource {
		return "--vary " + in.Path
	}
	return in.Path
}

// sensitivityCommand returns the sensitivity command: which inputs move a KPI most.
func sensitivityCommand(stdout, stderr io.Writer, onUsage cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:      "sensitivity",
		Usage:     "show which inputs move a KPI most: a tornado chart",
		ArgsUsage: "SCENARIO",
		Description: "sensitivity runs SCENARIO as it is and with each of its inputs at a low and at a high value,\n" +
			"one input at a time, every run on the same seed: the difference from the scenario's own\n" +
			"figure is the input's, not chance's. The inputs are those a council's answer usually rests\n" +
			"on, where the scenario has them: the entry rates of children and of UASC, time in care (every\n" +
			"stay scaled), the weekly price of each market kind by need and of emergency placements, the\n" +
			"places of each capped market, each carer pool's approvals and deregistration rate, the\n" +
			"step-down ready share by need, the escalation share and inflation, each ±--range of the\n" +
			"scenario's value or a published range that holds it. --vary PATH=LOW:HIGH (repeatable;\n" +
			"PATH any field --set takes) replaces an input's range or adds one; --defaults=false keeps\n" +
			"only the --vary inputs. A --set of an input varied is the scenario as it is, the centre of\n" +
			"its range, and a line under the table says so; a --set of a path --vary gives, or of a field\n" +
			"within one (kinds.ifa.weekly_gbp.standard when --vary gives kinds.ifa.weekly_gbp), is\n" +
			"refused. A usual input that holds a --vary path or lies within one gives way to it.\n" +
			"\n" +
			"It prints the inputs ranked by swing (|KPI at high - KPI at low|) for --kpi in --period (a\n" +
			"financial year such as 2030/31, or all), draws a tornado chart of them in --out/charts, and\n" +
			"writes sensitivity.csv, a row for each input in each period of --kpi, ranked by swing within\n" +
			"the period: scenario, input (in plain English), path, value_low, value_high, kpi, period,\n" +
			"base_mean (the scenario as it is), low_mean and high_mean (with the input at its low and high\n" +
			"value), low_diff = low_mean - base_mean with the bounds of its paired --interval low_diff_lo\n" +
			"and low_diff_hi, high_diff, high_diff_lo, high_diff_hi likewise, swing, rank (1 for the\n" +
			"largest swing), n (pairs), value (the scenario's own, NA where the input is named only by\n" +
			"--vary) and range_source (where the range comes from: A: assumed, D: published figures, or\n" +
			"given with --vary). A share's means are ratios of totals.",
		OnUsageError: onUsage,
		Flags: slices.Concat([]cli.Flag{
			&cli.StringSliceFlag{Name: "vary", Usage: "vary the field PATH from LOW to HIGH, as `PATH=LOW:HIGH` (of a field in pounds, money such as £9,000 or 9k); replaces the range of an input of that path or adds one; repeatable"},
			&cli.BoolFlag{Name: "defaults", Value: true, Usage: "vary the scenario's usual inputs as well as --vary (--defaults=false for --vary alone)"},
			&cli.Float64Flag{Name: "range", Value: 0.2, Usage: "vary each usual input by `SHARE` of its value either way, such as 0.2 for ±20%, unless a published range holds it"},
			&cli.StringFlag{Name: "kpi", Value: sim.CostTotal, Usage: "rank the inputs by their effect on `KPI`"},
			&cli.StringFlag{Name: "period", Value: sim.WholeRun, Usage: "rank them in `PERIOD`, a financial year such as 2030/31 or all"},
			&cli.StringFlag{Name: "out", Usage: "write sensitivity.csv, the chart into charts/ and manifest.json into `DIR`", DefaultText: "out/sensitivity-<scenario name>"},
		}, simFlags(200, " of the scenario and of each value", "the confidence `LEVEL` of the paired differences' intervals, such as 0.9", "print nothing on stderr on success, but for a note or warning that needs reading (such as an output folder written in place, or a scenario that says what it may not mean)"), oneChartFlags("the tornado chart")),
		Action: func(c *cli.Context) error { return sensitivity(c, stdout, stderr) },
	}
}

// parseRange reads a --vary of sensitivity, PATH=LOW:HIGH; LOW and HIGH of a field in pounds
// may be written as money (£9,000, 9k; see parseMoney).
func parseRange(s string) (path string, low, high float64, err error) {
	path, rng, ok := strings.Cut(s, "=")
	path = strings.TrimSpace(path)
	parts := strings.Split(rng, ":")
	if !ok || path == "" || len(parts) != 2 {
		return "", 0, 0, fmt.Errorf("%q: want PATH=LOW:HIGH, such as kinds.ifa.weekly_gbp.standard=800:1100", s)
	}
	var nums [2]float64
	for i, p := range parts {
		v, err := readLeverValue(path, p)
		if err != nil {
			return "", 0, 0, fmt.Errorf("%q: %w", s, err)
		}
		// Beyond 1.7e302, --set would be given +Inf or -Inf.
		if w, _ := strconv.ParseFloat(scenarios.FormatValue(v), 64); math.IsInf(w, 0) {
			return "", 0, 0, fmt.Errorf("%q: %q is too large a value to write", s, strings.TrimSpace(p))
		}
		nums[i] = v
	}
	if !(nums[0] < nums[1]) {
		return "", 0, 0, fmt.Errorf("%q: want LOW < HIGH", s)
	}
	// As written (to 6 decimal places), LOW must still be below HIGH: -0 and 1e-10 are both 0.
	lo, _ := strconv.ParseFloat(scenarios.FormatValue(nums[0]), 64)
	hi, _ := strconv.ParseFloat(scenarios.FormatValue(nums[1]), 64)
	if !(lo < hi) {
		return "", 0, 0, fmt.Errorf("%q: LOW and HIGH are both written %s (to 6 decimal places): want them further apart", s, scenarios.FormatValue(hi))
	}
	return path, nums[0], nums[1], nil
}

// sensitivityRun is one input's paired differences at its low and high values.
type sensitivityRun struct {
	in        scenarios.Input
	low, high []sim.Difference // of the KPI, by period
}

func sensitivity(c *cli.Context, stdout, stderr io.Writer) error {
	args, helped, err := arguments(c)
	if err != nil || helped {
		return err
	}
	if len(args) != 1 {
		return usagef("sensitivity", "give one scenario to analyse")
	}
	rs, err := readRunSetup(c, "sensitivity")
	if err != nil {
		return err
	}
	rel := c.Float64("range")
	if !(rel > 0 && rel < 1) {
		return usagef("sensitivity", "--range must be a share between 0 and 1 (0.2 for ±20%%), not \"%v\"", rel)
	}
	type vary struct {
		path      string
		low, high float64
	}
	var varies []vary
	for _, v := range c.StringSlice("vary") {
		path, low, high, err := parseRange(v)
		if err != nil {
			return usagef("sensitivity", "--vary %v", err)
		}
		if slices.ContainsFunc(varies, func(o vary) bool { return o.path == path }) {
			return usagef("sensitivity", "--vary %s is given twice", path)
		}
		varies = append(varies, vary{path, low, high})
	}
	if !c.Bool("defaults") && len(varies) == 0 {
		return usagef("sensitivity", "nothing to vary: --defaults=false needs at least one --vary PATH=LOW:HIGH")
	}
	formats, err := chartFormats(c, "sensitivity")
	if err != nil {
		return err
	}
	ref := args[0]
	resolved, err := scenarios.Resolve(ref, rs.sets)
	if err != nil {
		if err := regionGiven("sensitivity", "", err); err != nil {
			return err
		}
		printWarnings(stderr, scenarios.ErrorWarnings(err)) // what the file dropped is often why it fails
		return &inputError{err}
	}
	printWarnings(stderr, resolved.Warnings) // even with -q: the file most likely says what it did not mean
	s := resolved.Scenario
	// The KPI and period are checked before anything runs.
	kpi, period := c.String("kpi"), c.String("period")
	shape, err := sim.Prepare(s, rs.seed)
	if err != nil {
		return &inputError{err}
	}
	if !slices.Contains(shape.KPIs, kpi) {
		if near := scenarios.Nearest(kpi, shape.KPIs); near != "" {
			return usagef("sensitivity", "--kpi %q: no such KPI (did you mean %s?)", kpi, near)
		}
		return usagef("sensitivity", "--kpi %q: no such KPI (see summary.csv for the names)", kpi)
	}
	if !slices.Contains(shape.Periods, period) {
		return usagef("sensitivity", "--period %q: want one of %s", period, strings.Join(shape.Periods, ", "))
	}

	// A --vary of a usual input keeps its label and unit; any other is named by its path. A kind
	// named by its place in the list (kinds[3].weekly_gbp.standard, as messages name it) is the
	// kind of that name.
	for i := range varies {
		varies[i].path = scenarios.NormalizePath(s, varies[i].path)
		if slices.ContainsFunc(varies[:i], func(o vary) bool { return o.path == varies[i].path }) {
			return usagef("sensitivity", "--vary %s is given twice", varies[i].path)
		}
	}
	// A --set of a path --vary gives would be replaced at the low and the high value, as a
	// sweep's is by each value swept: refused, as sweep refuses it. So is a --set of a field
	// within the one varied (kinds.ifa.weekly_gbp.standard, kinds.ifa.weekly_gbp varied), which
	// each value replaces unused. A --set of a field that holds the one varied (a flat
	// kinds.ifa.weekly_gbp, kinds.ifa.weekly_gbp.standard varied) is used for the rest of it.
	for _, set := range rs.sets {
		p, _, _ := strings.Cut(set, "=")
		p = scenarios.NormalizePath(s, p)
		if i := slices.IndexFunc(varies, func(v vary) bool { return v.path == p }); i >= 0 {
			return usagef("sensitivity", "--set %q and --vary %q both give %s: sensitivity runs it at %s and at %s in turn; leave out the --set, or leave out the --vary to vary it around the --set value",
				set, c.StringSlice("vary")[i], p, scenarios.FormatValue(varies[i].low), scenarios.FormatValue(varies[i].high))
		}
		if i := slices.IndexFunc(varies, func(v vary) bool { return within(p, v.path) }); i >= 0 {
			return usagef("sensitivity", "--set %q is a part of %s, which --vary %q replaces at %s and at %s in turn: the --set would not be used; leave out the --set, or vary %s",
				set, varies[i].path, c.StringSlice("vary")[i], scenarios.FormatValue(varies[i].low), scenarios.FormatValue(varies[i].high), p)
		}
	}
	usual := scenarios.SensitivityInputs(s, rel)
	var inputs []scenarios.Input
	if c.Bool("defaults") {
		// A usual input that holds a --vary path or lies within one is that input again, or a
		// part of it: the --vary takes its place, and the tornado shows the price once.
		inputs = slices.DeleteFunc(slices.Clone(usual), func(in scenarios.Input) bool {
			return slices.ContainsFunc(varies, func(v vary) bool { return within(in.Path, v.path) || within(v.path, in.Path) })
		})
	}
	for _, v := range varies {
		i := slices.IndexFunc(inputs, func(in scenarios.Input) bool { return in.Path == v.path })
		if i < 0 {
			in := scenarios.Input{Path: v.path, Label: v.path, Unit: scenarios.Number, Value: math.NaN()}
			if j := slices.IndexFunc(usual, func(in scenarios.Input) bool { return in.Path == v.path }); j >= 0 {
				in = usual[j]
			}
			inputs = append(inputs, in)
			i = len(inputs) - 1
		}
		inputs[i].Low, inputs[i].High, inputs[i].Source = v.low, v.high, variedSource
	}
	if len(inputs) == 0 {
		return usagef("sensitivity", "%s has none of the usual inputs: name some with --vary PATH=LOW:HIGH", s.Name)
	}
	// Every value must load before any runs.
	variants := make([][2]*model.Scenario, len(inputs))
	for i, in := range inputs {
		for j, v := range []float64{in.Low, in.High} {
			sets := in.Sets(v)
			vs, err := scenarios.Load(ref, append(replacedLeftOut(s, rs.sets, sets), sets...))
			if err != nil {
				return variedError(inputName(in)+" at "+scenarios.FormatValue(v), sets, err)
			}
			// Prices are carried from prices_at to the start at the baseline's inflation,
			// whatever the variant's: inflation varied counts from the first April.
			rate := s.BaseInflation()
			vs.InflationToStart = &rate
			variants[i][j] = vs
		}
	}

	if err := checkGivenOut("sensitivity", c); err != nil {
		return err
	}
	// Refused before anything runs: the baseline's KPIs and a variant's are kept at once.
	shapes := []*model.Scenario{s}
	for _, v := range variants {
		shapes = append(shapes, v[:]...)
	}
	for _, sc := range shapes {
		prep, err := sim.Prepare(sc, rs.seed)
		if err != nil {
			return &inputError{err}
		}
		if err := checkBatchMemory("sensitivity", fmt.Sprintf("--reps %d", rs.reps), sc, prep, rs.reps, rs.workers, 0, 2, 0); err != nil {
			return err
		}
	}
	began := time.Now()
	total, done := 1+2*len(inputs), 0
	runOne := func(sc *model.Scenario) (*sim.Results, error) {
		res, err := sim.Run(sc, sim.Options{Reps: rs.reps, Seed: rs.seed, Workers: rs.workers, KPIsOnly: true})
		if err != nil {
			return nil, &inputError{err}
		}
		done++
		if !rs.quiet && isTerminal(stderr) {
			fmt.Fprintf(stderr, "\rplacesim: sensitivity of %s: %d/%d runs", s.Name, done, total)
		}
		return res, nil
	}
	base, err := runOne(s)
	if err != nil {
		return err
	}
	pick := func(diffs []sim.Difference) []sim.Difference {
		var out []sim.Difference
		for _, d := range diffs {
			if d.KPI == kpi {
				out = append(out, d)
			}
		}
		return out
	}
	runs := make([]sensitivityRun, len(inputs))
	for i, in := range inputs {
		runs[i].in = in
		for j, vs := range variants[i] {
			// Each variant's results are dropped once compared, so memory holds two runs at most.
			res, err := runOne(vs)
			if err != nil {
				return fmt.Errorf("%s at %s: %w", inputName(in), scenarios.FormatValue([]float64{in.Low, in.High}[j]), err)
			}
			diffs, err := sim.Compare(base, res, rs.interval)
			if err != nil {
				return &inputError{err}
			}
			if j == 0 {
				runs[i].low = pick(diffs)
			} else {
				runs[i].high = pick(diffs)
			}
		}
	}
	if !rs.quiet && isTerminal(stderr) {
		fmt.Fprint(stderr, "\r\033[K")
	}

	// Rows by period in the results' order, each period's inputs ranked by swing.
	pi := slices.Index(base.Periods, period)
	var csvBuf bytes.Buffer
	cw := csv.NewWriter(&csvBuf)
	cw.Write(sensitivityColumns)
	var ranked []sensitivityRun
	for p, per := range base.Periods {
		order := rankBySwing(runs, p)
		if p == pi {
			for _, i := range order {
				ranked = append(ranked, runs[i])
			}
		}
		for rank, i := range order {
			r := runs[i]
			lo, hi := r.low[p], r.high[p]
			cw.Write([]string{s.Name, r.in.Label, r.in.Path, scenarios.FormatValue(r.in.Low), scenarios.FormatValue(r.in.High), kpi, per,
				sim.FormatNum(lo.BaseMean), sim.FormatNum(lo.AltMean), sim.FormatNum(hi.AltMean),
				sim.FormatNum(lo.DiffMean), sim.FormatNum(lo.DiffLo), sim.FormatNum(lo.DiffHi),
				sim.FormatNum(hi.DiffMean), sim.FormatNum(hi.DiffLo), sim.FormatNum(hi.DiffHi),
				sim.FormatNum(swing(lo, hi)), strconv.Itoa(rank + 1), strconv.Itoa(min(lo.N, hi.N)), sim.FormatNum(r.in.Value), r.in.Source})
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	// A part year says where it begins or ends ("2026/27 (from 1 October)") in the table and the
	// chart, as a run's report does: six months are not a year's spending.
	periodLabel := plots.YearLabel(s.Start, s.Years, period)
	sets := setsOnly(rs.sets)
	fmt.Fprint(stdout, sensitivityTable(s.Name+plots.ChangedBy(sets), kpi, kpiLabelOf(s, kpi), periodLabel, ranked, pi, rs))
	// Money in the table, the KPI's or a weekly price's range, says how it reads, as sweep's
	// table does: in cash, and which year's prices the file's amounts are.
	if plots.UnitOf(kpi) == plots.Money || slices.ContainsFunc(ranked, func(r sensitivityRun) bool { return r.in.Unit == scenarios.WeeklyGBP }) {
		fmt.Fprintf(stdout, "\n%s\n", plots.MoneyTerms(s))
	}
	fmt.Fprint(stdout, setCentreText(s, inputs, rs.sets))
	if c.Bool("defaults") {
		if left := leftOutText(s, inputs); left != "" {
			fmt.Fprint(stdout, left)
		}
	}

	out := c.String("out")
	if out == "" {
		if out, err = defaultOut("sensitivity", "sensitivity-", s.Name); err != nil {
			return err
		}
	}
	if err := checkOut("sensitivity", out); err != nil {
		return err
	}
	files := []outputFile{{"sensitivity.csv", func(w io.Writer) error { _, err := w.Write(csvBuf.Bytes()); return err }}}
	if c.Bool("charts") {
		var rows []plots.TornadoRow
		for _, r := range ranked {
			lo, hi := r.low[pi], r.high[pi]
			rows = append(rows, plots.TornadoRow{Input: r.in.Label, Range: r.in.Range(), BaseMean: lo.BaseMean,
				LowMean: lo.AltMean, HighMean: hi.AltMean, LowDiffLo: lo.DiffLo, LowDiffHi: lo.DiffHi, HighDiffLo: hi.DiffLo, HighDiffHi: hi.DiffHi})
		}
		if slices.ContainsFunc(rows, func(r plots.TornadoRow) bool { return !math.IsNaN(r.Swing()) && !math.IsNaN(r.BaseMean) }) {
			ch, err := plots.TornadoChartLabelled(rows, kpi, kpiLabelOf(s, kpi), periodLabel, rs.interval, plots.Source{Version: placesimVersion(), Scenario: s.Name, Reps: rs.reps, Seed: rs.seed, Prices: plots.PricesNote(s), Sets: sets})
			if err != nil {
				return err
			}
			files = append(files, chartFiles([]*plots.Chart{ch}, formats)...)
		} else {
			fmt.Fprintf(stderr, "placesim: no chart: %s in %s has no value with any input at both its values\n", kpi, period)
		}
	}
	// The scenario as it is, then each input at its low and its high value.
	m := &manifest{Command: "sensitivity", Placesim: placesimVersion(), Sets: rs.sets, Seed: rs.seed, Reps: rs.reps, Years: s.Years, Interval: rs.interval,
		Sensitivity: &manifestSensitivity{KPI: kpi, Period: period, Defaults: c.Bool("defaults"), Range: rel}}
	for _, v := range varies {
		m.Sensitivity.Vary = append(m.Sensitivity.Vary, v.path+"="+scenarios.FormatValue(v.low)+":"+scenarios.FormatValue(v.high))
	}
	all := []*model.Scenario{s}
	for _, v := range variants {
		all = append(all, v[0], v[1])
	}
	for _, sc := range all {
		sum, err := scenarioSHA(sc)
		if err != nil {
			return err
		}
		m.Scenarios = append(m.Scenarios, manifestScenario{Name: sc.Name, SHA256: sum})
	}
	if err := writeResults(out, files, m, stderr); err != nil {
		return fmt.Errorf("writing the sensitivity analysis into %s: %w", out, err)
	}
	if !rs.quiet {
		fmt.Fprintf(stderr, "placesim: varied %s of %s, %s each (seed %d) in %.1fs; wrote %s\n", plural(len(inputs), "input"), s.Name+plots.ChangedBy(sets),
			plural(rs.reps, "replication"), rs.seed, time.Since(began).Seconds(), wroteList(out, files))
	}
	return nil
}

// swing is how far apart the KPI's means at an input's low and high values are; NaN when
// either is missing.
func swing(lo, hi sim.Difference) float64 { return math.Abs(hi.AltMean - lo.AltMean) }

// rankBySwing returns the indexes of runs in order of their swing in period p, largest first,
// those without one (NaN) last; ties keep the inputs' order.
func rankBySwing(runs []sensitivityRun, p int) []int {
	order := make([]int, len(runs))
	for i := range order {
		order[i] = i
	}
	key := func(i int) float64 {
		if v := swing(runs[i].low[p], runs[i].high[p]); !math.IsNaN(v) {
			return v
		}
		return -1
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch ka, kb := key(a), key(b); {
		case ka > kb:
			return -1
		case ka < kb:
			return 1
		}
		return 0
	})
	return order
}

// kpiLabelOf returns kpi's label in the catalogue of scenario s, each kind by its label, or
// the KPI's name with spaces for underscores where the catalogue does not know it.
func kpiLabelOf(s *model.Scenario, kpi string) string {
	if info, ok := sim.CatalogueOf(s).KPIInfo(kpi); ok {
		return info.Label
	}
	return strings.ReplaceAll(kpi, "_", " ")
}

// setCentreText says which of the inputs varied a --set gives: the scenario as it is has the
// --set value, and the input is varied around it (its low and high values replace the --set's
// in their runs), or "" when --set gives none of them.
func setCentreText(s *model.Scenario, inputs []scenarios.Input, sets []string) string {
	var b strings.Builder
	for _, set := range sets {
		p, _, _ := strings.Cut(set, "=")
		p = scenarios.NormalizePath(s, p)
		for _, in := range inputs {
			if !slices.ContainsFunc(in.Sets(in.Low), func(x string) bool { q, _, _ := strings.Cut(x, "="); return q == p }) {
				continue
			}
			if b.Len() == 0 {
				b.WriteString("\nVaried around the --set values, which the scenario as it is has:\n")
			}
			fmt.Fprintf(&b, "  --set %s: %s, %s\n", strings.TrimSpace(set), in.Label, in.Range())
		}
	}
	return b.String()
}

// replacedLeftOut returns the --set overrides of s less those that the sets of an input's
// value replace: a usual input the --set gives (its centre, as the scenario as it is has it),
// or a part of one. An override of a field that holds the input is kept, for the rest of it.
func replacedLeftOut(s *model.Scenario, user, sets []string) []string {
	var out []string
	for _, u := range user {
		p, _, _ := strings.Cut(u, "=")
		p = scenarios.NormalizePath(s, p)
		if !slices.ContainsFunc(sets, func(set string) bool {
			q, _, _ := strings.Cut(set, "=")
			q = scenarios.NormalizePath(s, q)
			return p == q || within(p, q)
		}) {
			out = append(out, u)
		}
	}
	return out
}

// within reports whether field path p lies within field path q, q's own or deeper
// (kinds.ifa.weekly_gbp.standard within kinds.ifa.weekly_gbp), and is not q itself.
func within(p, q string) bool {
	return strings.HasPrefix(p, q+".") || strings.HasPrefix(p, q+"[")
}

// leftOutText says which of the usual inputs the scenario sets and never uses, and so are
// not varied (unless named with --vary, and so among inputs), or "" when there are none.
func leftOutText(s *model.Scenario, inputs []scenarios.Input) string {
	var b strings.Builder
	for _, line := range scenarios.SensitivityLeftOut(s) {
		path, _, _ := strings.Cut(line, ":")
		if slices.ContainsFunc(inputs, func(in scenarios.Input) bool { return strings.HasPrefix(in.Path, path) }) {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("\nNot varied, as the scenario sets them but never uses them:\n")
		}
		b.WriteString("  " + line + "\n")
	}
	return b.String()
}

// sensitivityTable is the printed table: the inputs ranked by swing in period p, each with its
// range, the paired difference from the scenario as it is at its low and high value with its
// interval, and the swing. period names p as YearLabel does ("2026/27 (from 1 October)").
func sensitivityTable(name, kpi, label, period string, ranked []sensitivityRun, p int, rs runSetup) string {
	u := plots.UnitOf(kpi)
	var b strings.Builder
	in := "over the whole run"
	if period != sim.WholeRun {
		in = "in " + period
	}
	fmt.Fprintf(&b, "%s: what %s (%s) %s rests on: each input at its low and its high value, %s on seed %d, %.0f%% intervals\n",
		name, sim.LowerFirst(label), kpi, in, plural(rs.reps, "paired replication"), rs.seed, 100*rs.interval)
	if len(ranked) > 0 {
		fmt.Fprintf(&b, "As it is: %s. Difference from it with the input at its low and at its high value:\n", level(ranked[0].low[p].BaseMean, u))
	}
	b.WriteString("\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 3, ' ', 0)
	fmt.Fprintln(tw, "rank\tinput\tlow to high\tat low\tat high\tswing")
	for i, r := range ranked {
		lo, hi := r.low[p], r.high[p]
		at := func(d sim.Difference) string {
			if d.N == 1 { // one pair gives no interval
				return signed(d.DiffMean, u)
			}
			return fmt.Sprintf("%s (%s to %s)", signed(d.DiffMean, u), signed(d.DiffLo, u), signed(d.DiffHi, u))
		}
		sw := level(swing(lo, hi), u)
		if u == plots.Share && !math.IsNaN(swing(lo, hi)) {
			sw = fmt.Sprintf("%.1f pts", 100*swing(lo, hi))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", i+1, r.in.Label, r.in.Range(), at(lo), at(hi), sw)
	}
	tw.Flush()
	if rs.reps == 1 {
		b.WriteString("\nOne paired run gives no interval: each difference is that run's; run at least 2 (--reps 2) for intervals.\n")
	}
	return b.String()
}
