package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
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

// sweepCommand returns the sweep command: one lever over a range of values.
func sweepCommand(stdout, stderr io.Writer, onUsage cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:      "sweep",
		Usage:     "run a scenario over a range of one lever's values",
		ArgsUsage: "SCENARIO",
		Description: "sweep runs SCENARIO once for each value of a lever, given as a field path and a range:\n" +
			"--vary kinds.inhouse_foster.carers.approvals_per_year=19:43:4 runs 19, 23, ... 43. Every\n" +
			"value runs on the same seed, so the differences between them are the lever's. It writes\n" +
			"sweep.csv (scenario,lever,value,period,kpi,mean,lo,hi,n; lo and hi bound the central\n" +
			"--interval of the replications; a share's mean is the ratio of totals over them) and\n" +
			"prints a table of one KPI against the lever.\n" +
			"\n" +
			"--target \"KPI OP VALUE in PERIOD\" (OP one of <, <=, >, >=; PERIOD a financial year such\n" +
			"as 2030/31, or all, the default) reports the smallest lever value whose replications\n" +
			"meet the target with at least --probability: \"ifa_share<=0.35 in 2030/31\". --find largest\n" +
			"reports the largest instead: the most a bed may cost and keep cost_total<=745m. When the\n" +
			"value found is the range's edge, or every value meets the target, it says so: the smallest\n" +
			"(or largest) may lie beyond the range, so extend --vary.\n" +
			"\n" +
			"It warns, as run --set does, of what a value makes of the scenario that it most likely\n" +
			"does not mean (a threshold no UASC reach, a chance lifted above 1), once, naming the value.",
		OnUsageError: onUsage,
		Flags: slices.Concat([]cli.Flag{
			&cli.GenericFlag{Name: "vary", Value: &everyValue{}, Usage: "the lever and its range, as `PATH=FROM:TO:STEP` (of a field in pounds, money such as £9,000 or 9k)"},
			&cli.StringFlag{Name: "target", Usage: "a target such as `\"ifa_share<=0.35 in 2030/31\"` (a KPI in pounds takes 63m, £900k or £1,200, as --budget does)"},
			&cli.StringFlag{Name: "find", Value: "smallest", Usage: "which lever value meeting --target to report, `smallest or largest`"},
			&cli.Float64Flag{Name: "probability", Value: 0.9, Usage: "the share of replications that must meet --target, as a `SHARE`"},
			&cli.StringFlag{Name: "kpi", Value: sim.CostTotal, Usage: "the `KPI` the table shows when there is no --target (with one, only --target's KPI)"},
			&cli.StringFlag{Name: "out", Usage: "write sweep.csv, the chart into charts/ and manifest.json into `DIR`", DefaultText: "out/sweep-<scenario name>"},
		}, simFlags(200, " of each value", "the share `LEVEL` of replications between lo and hi, such as 0.9", "print nothing on stderr on success, but for a note or warning that needs reading (such as an output folder written in place, or a scenario that says what it may not mean)"), oneChartFlags("the chart of the KPI against the lever")),
		Action: func(c *cli.Context) error { return sweep(c, stdout, stderr) },
	}
}

// sweepLever is a field path and the values to give it.
type sweepLever struct {
	path   string
	values []float64
}

// parseVary reads PATH=FROM:TO:STEP: at most 200 values, each written for --set as a number
// of its own (formatValue). FROM, TO and STEP of a field in pounds may be written as money
// (£9,000, 9k; see parseMoney).
func parseVary(s string) (sweepLever, error) {
	path, rng, ok := strings.Cut(s, "=")
	parts := strings.Split(rng, ":")
	if !ok || strings.TrimSpace(path) == "" || len(parts) != 3 {
		return sweepLever{}, fmt.Errorf("%q: want PATH=FROM:TO:STEP, such as kinds.inhouse_foster.carers.approvals_per_year=19:43:4", s)
	}
	var nums [3]float64
	for i, p := range parts {
		t := strings.TrimSpace(p)
		if i == 2 && (strings.HasPrefix(t, "-") || strings.HasPrefix(t, "£-")) {
			// Nor a minus sign: the values run from FROM up to TO.
			return sweepLever{}, fmt.Errorf("%q: STEP %q needs no sign: it is how far apart the values are, such as %s", s, t,
				strings.Replace(t, "-", "", 1))
		}
		if i == 2 && scenarios.PlusSign(p) != nil {
			// A step is a size, never a change of the baseline's value: it takes no sign.
			return sweepLever{}, fmt.Errorf("%q: STEP %q needs no sign: it is how far apart the values are, such as %s", s, strings.TrimSpace(p),
				strings.TrimLeft(strings.TrimSpace(plusRE.ReplaceAllString(p, "")), "-"))
		}
		v, err := readLeverValue(path, p)
		if err != nil {
			return sweepLever{}, fmt.Errorf("%q: %w", s, err)
		}
		// The values are written to 9 decimal places (formatValue): a FROM of 1e-10 would be
		// swept as 0, outside the range asked for.
		if w, _ := strconv.ParseFloat(formatValue(v), 64); w != v && !math.IsInf(w, 0) {
			return sweepLever{}, fmt.Errorf("%q: %q would be written %s, to 9 decimal places: give FROM, TO and STEP as a sweep writes them", s, strings.TrimSpace(p), formatValue(v))
		}
		nums[i] = v
	}
	from, to, step := nums[0], nums[1], nums[2]
	if !(step > 0) || to < from {
		return sweepLever{}, fmt.Errorf("%q: want FROM <= TO and STEP > 0", s)
	}
	// Counted as a float: a range of 1e300 steps, or wider than the largest float, is too many.
	n := math.Floor((to-from)/step+1e-9) + 1
	if !(n <= 200) {
		count := "more than a million"
		if n < 1e6 {
			count = strconv.Itoa(int(n))
		}
		return sweepLever{}, fmt.Errorf("%q: %s values; a sweep runs at most 200", s, count)
	}
	l := sweepLever{path: strings.TrimSpace(path)}
	for i := range int(n) {
		v := from + float64(i)*step
		// The value as --set is given it (0.8, not 0.7999999999999999), which the manifest,
		// sweep.csv and the chart all show.
		w, _ := strconv.ParseFloat(formatValue(v), 64)
		if math.IsInf(w, 0) {
			return sweepLever{}, fmt.Errorf("%q: %s is too large a value to write", s, strconv.FormatFloat(v, 'g', -1, 64))
		}
		if i > 0 && formatValue(v) == formatValue(l.values[i-1]) {
			return sweepLever{}, fmt.Errorf("%q: STEP is too small for values of this size: two of them would both be written %s (to 9 decimal places)",
				s, formatValue(v))
		}
		l.values = append(l.values, w)
	}
	return l, nil
}

// readLeverValue reads p, a FROM, TO, STEP, LOW or HIGH of a --vary of the scenario field
// path: money (£9,000, 9k, .5m; see parseMoney) where the field is in pounds, as --set reads
// it, and a number in decimal digits otherwise.
// leverLabelOf names the field path of scenario s in words, as the sensitivity analysis names
// its inputs ("In-house foster care: carer households approved a year"), or "" for a field it
// does not name: a chart then gives the path.
func leverLabelOf(s *model.Scenario, path string) string {
	for _, in := range scenarios.SensitivityInputs(s, 0.2) {
		if in.Path == path {
			return in.Label
		}
	}
	return ""
}

func readLeverValue(path, p string) (float64, error) {
	p = strings.TrimSpace(p)
	if scenarios.IsMoneyPath(path) {
		v, err := parseMoney(p)
		if err != nil {
			return 0, fmt.Errorf("%q is not an amount of pounds, such as 9000, £9,000 or 9k%s", p, scenarios.MoneyHintForPath(err, path))
		}
		return v, nil
	}
	if err := scenarios.PlusSign(p); err != nil {
		bare := strings.TrimSpace(strings.TrimPrefix(p, "+"))
		if !strings.Contains(bare, ",") || strings.ContainsAny(bare, "+-") || scenarios.NumberHintFor(path, bare) == "" {
			return 0, err // read as --set reads the value: the value itself, no + sign
		}
		// "+1,5": 1,5 is no number, so the + sign is not what is wrong: say what is.
		return 0, fmt.Errorf("%q is not a number%s", p, scenarios.NumberHintFor(path, bare))
	}
	v, err := parseDecimal(p)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		if isMoneyForm(p) && strings.TrimSpace(path) != "" {
			return 0, fmt.Errorf("%q is not a number (%s is not in pounds, so takes no £, k, m or bn)", p, strings.TrimSpace(path))
		}
		// As --set is told: 1,000 is 1000, 5% of a fraction 0.05.
		return 0, fmt.Errorf("%q is not a number%s", p, scenarios.NumberHintFor(path, p))
	}
	return v, nil
}

// target is a condition on a KPI in a period.
type target struct {
	kpi, op, period string
	value           float64
}

// plusRE is a + sign and the spaces after it, which a target's value is told to leave out.
var plusRE = regexp.MustCompile(`\+\s*`)

// parseTarget reads "KPI OP VALUE [in PERIOD]", PERIOD a financial year or all. Whether the
// results have the KPI and the period is checked against each value's scenario (checkSweepKPI).
func parseTarget(s string) (target, error) {
	cond, period, hasPeriod := strings.Cut(s, " in ")
	t := target{period: sim.WholeRun}
	if hasPeriod {
		t.period = strings.TrimSpace(period)
		if t.period != sim.WholeRun && !isFinancialYear(t.period) {
			return t, fmt.Errorf("%q: %q is not a period: want a financial year such as 2030/31, or all", s, t.period)
		}
	}
	for _, op := range []string{"<=", ">=", "<", ">"} {
		if k, v, ok := strings.Cut(cond, op); ok {
			v, kpi := strings.TrimSpace(v), strings.TrimSpace(k)
			// A KPI in pounds takes an amount as --budget does: 63m, £900k.
			money := plots.UnitOf(kpi) == plots.Money
			read := parseDecimal
			if money {
				read = parseMoney
			}
			share := plots.UnitOf(kpi) == plots.Share
			if scenarios.PlusSign(v) != nil {
				// A target has no baseline for a + sign to be a change from: it is a value.
				bare := strings.TrimSpace(plusRE.ReplaceAllString(v, ""))
				if f, ok := shareOfPercent(bare); share && ok {
					bare = f // 35% of a share is 0.35
				}
				if val, err := read(bare); err == nil && !math.IsNaN(val) && !math.IsInf(val, 0) && (!share || val >= 0 && val <= 1) {
					return t, fmt.Errorf("%q: %q: a target is a value, not a change: write %s", s, v, bare)
				}
				if share && kpi != "" {
					// Without its sign the value is no share either: say what one is, once.
					return t, fmt.Errorf("%q: %q: a target is a value, not a change, and %s is a share, between 0 and 1 (0.35 is 35%%): write one such as 0.35, without the + sign", s, v, kpi)
				}
				return t, fmt.Errorf("%q: %q: a target is a value, not a change: write it without the + sign", s, v)
			}
			val, err := read(v)
			if err != nil || math.IsNaN(val) || math.IsInf(val, 0) {
				if money {
					// Money in a financial year is that year's; over all, the whole run's total.
					period, name := "year", kpi+" in "+t.period
					if t.period == sim.WholeRun {
						period = "run"
					}
					return t, fmt.Errorf("%q: %q is not an amount of pounds, such as 63m, £900k, £1,200 or 63000000%s", s, v, scenarios.MoneyHintNamed(err, period, name, nil))
				}
				if f, ok := shareOfPercent(v); share && ok {
					return t, fmt.Errorf("%q: %q is not a number: %s is a share, a fraction between 0 and 1: write %s", s, v, kpi, f)
				}
				if _, isPercent := strings.CutSuffix(v, "%"); share && isPercent {
					// 150%: no share is more than 100%.
					return t, fmt.Errorf("%q: %q is not a number: %s is a share, between 0 and 1 (0.35 is 35%%)", s, v, kpi)
				}
				if isMoneyForm(v) && kpi != "" {
					return t, fmt.Errorf("%q: %q is not a number (%s is not in pounds, so takes no £, k, m or bn)", s, v, kpi)
				}
				// 1,000 is 1000, as --set is told; a percentage only of a share.
				return t, fmt.Errorf("%q: %q is not a number%s", s, v, scenarios.NumberHint(v, !share))
			}
			t.kpi, t.op, t.value = kpi, op, val
			if t.kpi == "" {
				return t, fmt.Errorf("%q: name a KPI before %s, such as \"ifa_share<=0.35 in 2030/31\"", s, op)
			}
			if share && (val < 0 || val > 1) {
				// No run's share is outside 0 to 1: such a target is met by every value or none.
				return t, fmt.Errorf("%q: %s is a share, between 0 and 1 (0.35 is 35%%), and %s is not", s, kpi, v)
			}
			return t, nil
		}
	}
	return t, fmt.Errorf("%q: want KPI OP VALUE in PERIOD, such as \"ifa_share<=0.35 in 2030/31\"", s)
}

// shareOfPercent returns a percentage typed for a share ("35%") as the share it means
// ("0.35"), and whether v is one.
func shareOfPercent(v string) (string, bool) {
	num, ok := strings.CutSuffix(strings.TrimSpace(v), "%")
	if !ok {
		return "", false
	}
	f, err := parseDecimal(strings.TrimSpace(num))
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > 100 {
		return "", false
	}
	return strconv.FormatFloat(f/100, 'f', -1, 64), true
}

// parseFind reads --find: which value meeting the target a sweep reports, "smallest" or
// "largest" (any case, spaces around it ignored).
func parseFind(s string) (string, error) {
	switch f := strings.ToLower(strings.TrimSpace(s)); f {
	case "smallest", "largest":
		return f, nil
	}
	return "", fmt.Errorf("%q: want smallest or largest, the lever value meeting --target to report", s)
}

// valueText writes the target's value as it is read: an amount of pounds as money (£64.6k,
// £63.0m) where the KPI is in pounds, any other number in its shortest decimal form.
func (t target) valueText() string {
	if plots.UnitOf(t.kpi) == plots.Money {
		return moneyText(t.value)
	}
	return strconv.FormatFloat(t.value, 'f', -1, 64)
}

// met reports whether v meets the target.
func (t target) met(v float64) bool {
	switch t.op {
	case "<=":
		return v <= t.value
	case "<":
		return v < t.value
	case ">=":
		return v >= t.value
	}
	return v > t.value
}

// formatValue writes a lever value as --set reads it, to 9 decimal places: whole numbers
// without a decimal point. A value beyond 1.7e299 is written +Inf or -Inf (parseVary refuses
// one).
func formatValue(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e9)/1e9, 'f', -1, 64)
}

func sweep(c *cli.Context, stdout, stderr io.Writer) error {
	args, helped, err := arguments(c)
	if err != nil || helped {
		return err
	}
	if len(args) != 1 {
		return usagef("sweep", "give one scenario to sweep")
	}
	rs, err := readRunSetup(c, "sweep")
	if err != nil {
		return err
	}
	if !c.IsSet("vary") {
		return usagef("sweep", "say which lever to vary with --vary PATH=FROM:TO:STEP")
	}
	// A sweep varies one lever: a second --vary is refused rather than silently replacing the first.
	varies := c.Generic("vary").(*everyValue).values
	lv, err := parseVary(varies[0])
	if err != nil {
		return usagef("sweep", "--vary %v", err)
	}
	if len(varies) > 1 {
		path, _, _ := strings.Cut(varies[1], "=")
		if path = strings.TrimSpace(path); path == lv.path {
			return usagef("sweep", "--vary %s is given twice", path)
		}
		return usagef("sweep", "--vary is given twice (%s and %s): a sweep varies one lever; see several inputs' effects with placesim sensitivity", lv.path, path)
	}
	// A --set or --years of the lever would be replaced by each value swept, without a word.
	for _, set := range c.StringSlice("set") {
		if p, _, _ := strings.Cut(set, "="); strings.TrimSpace(p) == lv.path {
			return usagef("sweep", "--set %q and --vary %q both give %s: the sweep sets it to each value in turn; leave out the --set", set, varies[0], lv.path)
		}
	}
	if lv.path == "years" && c.IsSet("years") {
		return usagef("sweep", "--years %q and --vary %q both give years: the sweep sets it to each value in turn; leave out --years", flagText(c, "years"), varies[0])
	}
	var tg *target
	if c.IsSet("target") {
		t, err := parseTarget(c.String("target"))
		if err != nil {
			return usagef("sweep", "--target %v", err)
		}
		tg = &t
	}
	find, err := parseFind(c.String("find"))
	if err != nil {
		return usagef("sweep", "--find %v", err)
	}
	if c.IsSet("find") && tg == nil {
		return usagef("sweep", "--find %s needs a --target to meet, such as --target \"cost_total<=745m in all\"", find)
	}
	// The table shows --target's KPI: another --kpi would be left unread.
	if c.IsSet("kpi") && tg != nil && c.String("kpi") != tg.kpi {
		return usagef("sweep", "--kpi %s and --target %q name different KPIs, and the table shows --target's (%s): give one of them", c.String("kpi"), c.String("target"), tg.kpi)
	}
	formats, err := chartFormats(c, "sweep")
	if err != nil {
		return err
	}
	prob := c.Float64("probability")
	if !(prob > 0 && prob <= 1) {
		return usagef("sweep", "--probability must be a share between 0 and 1, not \"%v\"", prob)
	}
	sets := rs.sets
	began := time.Now()
	var refs []string
	var allSets [][]string
	for _, v := range lv.values {
		refs = append(refs, args[0])
		allSets = append(allSets, append(slices.Clone(sets), lv.path+"="+formatValue(v)))
	}
	// Every value's prices are carried from prices_at to the start at the file's own
	// inflation_per_year, so that a sweep of it, or of its start, pays the same prices at the
	// start at every value.
	var toStart *float64
	// seen are the warnings printed: each value's own are printed once, after the file's.
	seen := map[string]bool{}
	var baseWarnings []error
	if r, err := scenarios.Resolve(args[0], sets); err == nil {
		// A --set of the lever spelt otherwise (kinds[3].weekly_gbp for kinds.ifa.weekly_gbp),
		// or of a field within it (kinds.ifa.weekly_gbp.standard), is replaced by each value
		// swept as well. A --set of a field that holds the lever is used for the rest of it.
		lever := scenarios.NormalizePath(r.Scenario, lv.path)
		for _, set := range c.StringSlice("set") {
			p, _, _ := strings.Cut(set, "=")
			p = scenarios.NormalizePath(r.Scenario, p)
			if p == lever {
				return usagef("sweep", "--set %q and --vary %q both give %s: the sweep sets it to each value in turn; leave out the --set", set, varies[0], lever)
			}
			if within(p, lever) {
				return usagef("sweep", "--set %q is a part of %s, which --vary %q replaces with each value in turn: the --set would not be used; leave out the --set", set, lever, varies[0])
			}
		}
		// The file's own warnings, once for all the values rather than once for each, as
		// validate, run and compare print them (even with -q: the file most likely says what
		// it did not mean); a file that cannot be loaded has them too. They are printed once
		// the values are loaded, and only those every value run gives: one that comes of the
		// field swept holds for a setup never run, and each value's own are said at it.
		baseWarnings = r.Warnings
		rate := r.Scenario.BaseInflation()
		toStart = &rate
	} else {
		printNewWarnings(stderr, scenarios.ErrorWarnings(err), seen)
	}
	// Check every value loads before running any: a value beyond the field's range is refused
	// before the values below it have run. The KPI and the period are checked against the
	// results each value will have (their shape, known before any runs) so that a misspelt
	// name is not refused only after every value has run.
	var shapes []*sim.Results
	// valueWarnings are what each value makes of the scenario that it most likely does not
	// mean (a threshold never reached, a chance lifted above 1) or that acts on nothing, as run
	// --set warns of them, each said once, at the first value that gives it.
	var valueWarnings []error
	valueGave := make([]map[string]bool, len(refs))
	resolved := make([]*scenarios.Resolved, len(refs))
	for i := range refs {
		r, err := scenarios.Resolve(refs[i], allSets[i])
		if err == nil {
			resolved[i] = r
			valueGave[i] = map[string]bool{}
			for _, w := range r.Warnings {
				valueGave[i][w.Error()] = true
			}
			var shape *sim.Results
			if shape, err = sim.Prepare(r.Scenario, rs.seed); err == nil {
				shapes = append(shapes, shape)
				continue
			}
		}
		printNewWarnings(stderr, baseWarnings, seen)
		if err := regionGiven("sweep", "", err); err != nil {
			return err
		}
		if _, berr := scenarios.Load(refs[i], sets); berr != nil && berr.Error() == err.Error() {
			// The same problems without the lever: a --set or the file's own, named alone
			// rather than blamed on the lever's first value.
			return &inputError{berr}
		}
		return leverError(lv.path, formatValue(lv.values[i]), err)
	}
	var held []error
	for _, w := range baseWarnings {
		every := true
		for _, gave := range valueGave {
			every = every && gave[w.Error()]
		}
		if every {
			held = append(held, w)
		}
	}
	printNewWarnings(stderr, held, seen)
	baseGave := func(w error) bool {
		return slices.ContainsFunc(baseWarnings, func(b error) bool { return b.Error() == w.Error() })
	}
	for i, r := range resolved {
		set := "--set " + allSets[i][len(allSets[i])-1] + ": "
		for _, w := range r.Warnings {
			if seen[w.Error()] || scenarios.IsStockWarning(w) && !baseGave(w) {
				// A stock far from the entries a value gives is the sweep's doing.
				continue
			}
			seen[w.Error()] = true
			valueWarnings = append(valueWarnings, fmt.Errorf("--vary %s at %s: %s", lv.path, formatValue(lv.values[i]), strings.TrimPrefix(w.Error(), set)))
		}
	}
	printWarnings(stderr, valueWarnings) // even with -q, as run's
	kpi, period := c.String("kpi"), sim.WholeRun
	if tg != nil {
		kpi, period = tg.kpi, tg.period
	}
	if err := checkSweepKPI(shapes, kpi, period); err != nil {
		return err
	}
	if err := checkGivenOut("sweep", c); err != nil {
		return err
	}
	var runs []comparedRun
	for i := range refs {
		r, err := runScenarios(refs[i:i+1], allSets[i], runSetup{reps: rs.reps, seed: rs.seed, workers: rs.workers, quiet: true, cmd: "sweep", held: len(refs), warned: true, baseInflation: toStart}, stderr)
		if err != nil {
			return fmt.Errorf("--vary %s at %s: %w", lv.path, formatValue(lv.values[i]), err)
		}
		runs = append(runs, r[0])
		if !rs.quiet && isTerminal(stderr) {
			fmt.Fprintf(stderr, "\rplacesim: sweep of %s: %d/%d values", lv.path, i+1, len(lv.values))
		}
	}
	if !rs.quiet && isTerminal(stderr) {
		fmt.Fprint(stderr, "\r\033[K")
	}
	res0 := runs[0].res
	// The period is looked up at each value: a sweep of years or start moves the years reported.
	k := slices.Index(res0.KPIs, kpi)
	if tg != nil && plots.UnitOf(tg.kpi) == plots.Money {
		// A target in pounds under a thousandth of what its KPI comes to is an amount without
		// its unit (66 for £66m): compared with the largest mean of the values' runs.
		mean := math.NaN()
		for _, r := range runs {
			p, tk := slices.Index(r.res.Periods, tg.period), slices.Index(r.res.KPIs, tg.kpi)
			if p < 0 || tk < 0 {
				continue
			}
			if st := r.res.Summary(p, tk, nil); math.IsNaN(mean) || math.Abs(st.Mean) > math.Abs(mean) {
				mean = st.Mean
			}
		}
		if tiny := tinyAmount(tg.valueText(), "mean "+tg.kpi+" in "+tg.period, tg.value, mean); tiny != "" {
			return usagef("sweep", "--target %q: %s", c.String("target"), tiny)
		}
	}

	var csvBuf bytes.Buffer
	cw := csv.NewWriter(&csvBuf)
	cw.Write([]string{"scenario", "lever", "value", "period", "kpi", "mean", "lo", "hi", "n"})
	lo, hi := 50*(1-rs.interval), 50*(1+rs.interval)
	var sweepRows []plots.SweepRow
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 3, ' ', tabwriter.AlignRight)
	// A part year says where it begins or ends ("2026/27 (from 1 October)"), in the table and
	// the chart, as a run's report does.
	periodLabel := sweepPeriod(runs, period)
	header := fmt.Sprintf("%s\t%s in %s: mean\t%.0f%% of runs between\t", lv.path, kpi, periodLabel, 100*rs.interval)
	oneRun := rs.reps == 1 // one run at each value: its figure, with no mean or range of runs
	if oneRun {
		header = fmt.Sprintf("%s\t%s in %s: the run\t", lv.path, kpi, periodLabel)
	}
	if tg != nil {
		header += fmt.Sprintf("runs meeting %s %s %s\t", tg.kpi, tg.op, tg.valueText())
	}
	fmt.Fprintln(tw, header)
	best, meeting := -1, 0 // meeting counts the values that meet the target
	for i, r := range runs {
		value := formatValue(lv.values[i])
		for pi, per := range r.res.Periods {
			for ki, name := range r.res.KPIs {
				st := r.res.Summary(pi, ki, []float64{lo, hi})
				if ki == k && per == period {
					sweepRows = append(sweepRows, plots.SweepRow{Scenario: r.s.Name, Lever: lv.path, Value: lv.values[i],
						Period: per, KPI: name, Mean: st.Mean, Lo: st.Percentiles[0], Hi: st.Percentiles[1], N: st.N})
				}
				cw.Write([]string{r.s.Name, lv.path, value, per, name,
					sim.FormatNum(st.Mean), sim.FormatNum(st.Percentiles[0]), sim.FormatNum(st.Percentiles[1]), strconv.Itoa(st.N)})
			}
		}
		p := slices.Index(r.res.Periods, period)
		if p < 0 {
			// This value's run does not reach the period: no value here, said in words.
			sweepRows = append(sweepRows, plots.SweepRow{Scenario: r.s.Name, Lever: lv.path, Value: lv.values[i],
				Period: period, KPI: kpi, Mean: math.NaN(), Lo: math.NaN(), Hi: math.NaN()})
			row := fmt.Sprintf("%s\tnone: %s is not simulated\t–\t", value, period)
			if oneRun {
				row = fmt.Sprintf("%s\tnone: %s is not simulated\t", value, period)
			}
			if tg != nil {
				row += "–\t"
			}
			fmt.Fprintln(tw, row)
			continue
		}
		xs := r.res.KPI(p, k)
		st := r.res.Summary(p, k, []float64{lo, hi})
		u := plots.UnitOf(kpi)
		row := fmt.Sprintf("%s\t%s\t%s to %s\t", value, level(st.Mean, u), level(st.Percentiles[0], u), level(st.Percentiles[1], u))
		if st.N == 1 { // one run gives no range
			row = fmt.Sprintf("%s\t%s\t–\t", value, level(st.Mean, u))
		}
		if oneRun {
			row = fmt.Sprintf("%s\t%s\t", value, level(st.Mean, u))
		}
		if tg != nil {
			var meet int
			for _, x := range xs {
				if !math.IsNaN(x) && tg.met(x) {
					meet++
				}
			}
			share := float64(meet) / float64(len(xs))
			row += meetingShare(share, prob) + "\t"
			// The values rise: the smallest meeting the target is the first, the largest the last.
			if share >= prob && (best < 0 || find == "largest") {
				best = i
			}
			if share >= prob {
				meeting++
			}
		}
		fmt.Fprintln(tw, row)
	}
	tw.Flush()
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	named := setsOnly(rs.sets)
	fmt.Fprintf(stdout, "%s: %s over %s, %s each on seed %d\n%s\n\n%s", runs[0].s.Name+plots.ChangedBy(named), lv.path, rangeText(lv.values), plural(rs.reps, "replication"), rs.seed,
		sweepSpan(runs, plots.UnitOf(kpi) == plots.Money), b.String())
	caution := plots.FewRunsNote(rs.reps, rs.interval, "--reps")
	if caution != "" {
		fmt.Fprintf(stdout, "\n%s\n", caution)
	}
	if tg != nil {
		target := fmt.Sprintf("%s in %s in at least %.0f%% of runs", tg.kpi+tg.op+tg.valueText(), periodLabel, 100*prob)
		// A value at the edge of the range that meets the target says nothing of the values
		// beyond it: the largest (or smallest) may lie outside the range tried.
		beyond, edge := "above", lv.values[len(lv.values)-1]
		if find == "smallest" {
			beyond, edge = "below", lv.values[0]
		}
		switch {
		case best >= 0 && meeting == len(lv.values):
			fmt.Fprintf(stdout, "\nEvery value of %s tried (%s) meets %s, so the %s that meets it may lie %s %s: extend --vary to find it.\n",
				lv.path, rangeText(lv.values), target, find, beyond, formatValue(edge))
		case best >= 0:
			fmt.Fprintf(stdout, "\nThe %s %s that meets %s is %s.\n", find, lv.path, target, formatValue(lv.values[best]))
			if lv.values[best] == edge {
				fmt.Fprintf(stdout, "It is the %s value tried: a value %s %s may meet it too; extend --vary to find out.\n", find, beyond, formatValue(edge))
			}
		default:
			fmt.Fprintf(stdout, "\nNo value of %s from %s meets %s in %s in %.0f%% of runs.\n", lv.path, rangeText(lv.values), tg.kpi+tg.op+tg.valueText(), periodLabel, 100*prob)
		}
		// A share of runs stands for the chance of meeting the target in one future only
		// from as many runs as a range at that level takes.
		if need := sim.RangeRuns(prob); rs.reps < need && prob < 1 {
			fmt.Fprintf(stdout, "Caution: with %s at each value, the runs cannot say that a value meets it in %.0f%% of futures: that takes at least %d (--reps %d).\n",
				plural(rs.reps, "run"), 100*prob, need, need)
		}
	}
	out := c.String("out")
	if out == "" {
		if out, err = defaultOut("sweep", "sweep-", runs[0].s.Name); err != nil {
			return err
		}
	}
	if err := checkOut("sweep", out); err != nil {
		return err
	}
	files := []outputFile{{"sweep.csv", func(w io.Writer) error { _, err := w.Write(csvBuf.Bytes()); return err }}}
	drawable := slices.ContainsFunc(sweepRows, func(r plots.SweepRow) bool { return !math.IsNaN(r.Mean) })
	if c.Bool("charts") && !drawable {
		fmt.Fprintf(stderr, "placesim: no chart: %s in %s has no value at any value of %s\n", kpi, period, lv.path)
	}
	if c.Bool("charts") && drawable {
		src := fmt.Sprintf("Source: placesim %s, %s with %s from %s, %s each on seed %d. %s", placesimVersion(),
			runs[0].s.Name+plots.ChangedComma(named), lv.path, rangeText(lv.values), plural(rs.reps, "replication"), rs.seed, plots.MoneyTerms(runs[0].s))
		ch, err := plots.SweepChartLabelled(sweepRows, kpi, kpiLabelOf(runs[0].s, kpi), leverLabelOf(runs[0].s, lv.path), periodLabel, rs.interval, src)
		if err != nil {
			return err
		}
		if caution != "" { // the chart's band is the runs' range, as the printed table's
			ch.Note = strings.TrimPrefix(plots.FewRunsNote(rs.reps, rs.interval, ""), "Caution: ")
		}
		files = append(files, chartFiles([]*plots.Chart{ch}, formats)...)
	}
	// One scenario for each value of the lever, in the order of the values.
	// Years is the longest of the runs: a sweep of years runs each value for its own.
	years := 0
	for _, r := range runs {
		years = max(years, r.s.Years)
	}
	m := &manifest{Command: "sweep", Placesim: placesimVersion(), Sets: rs.sets, Seed: rs.seed, Reps: rs.reps, Years: years,
		Interval: rs.interval, Sweep: &manifestSweep{Lever: lv.path, Values: lv.values, KPI: kpi, Period: period}}
	for _, r := range runs {
		sum, err := scenarioSHA(r.s)
		if err != nil {
			return err
		}
		m.Scenarios = append(m.Scenarios, manifestScenario{Name: r.s.Name, SHA256: sum})
	}
	if err := writeResults(out, files, m, stderr); err != nil {
		return fmt.Errorf("writing the sweep into %s: %w", out, err)
	}
	if !rs.quiet {
		of := ""
		if len(named) > 0 {
			of = " of " + runs[0].s.Name + plots.ChangedBy(named)
		}
		fmt.Fprintf(stderr, "placesim: swept %s over %s%s in %.1fs; wrote %s\n", lv.path, plural(len(lv.values), "value"), of, time.Since(began).Seconds(), wroteList(out, files))
	}
	return nil
}

// rangeText is "19 to 43 in steps of 4".
func rangeText(vs []float64) string {
	if len(vs) == 1 {
		return formatValue(vs[0])
	}
	return fmt.Sprintf("%s to %s in steps of %s", formatValue(vs[0]), formatValue(vs[len(vs)-1]), formatValue(vs[1]-vs[0]))
}

// regionGiven returns the usage error of cmd when err, the problem with the one scenario it
// takes, is that a region was given (what is how it was given: "--base " or ""), and nil
// otherwise. sweep and sensitivity say how to see a lever's effect on a region instead, and
// calibrate and backtest what the scenario is for.
func regionGiven(cmd, what string, err error) error {
	var re *scenarios.RegionError
	if !errors.As(err, &re) {
		return nil
	}
	switch cmd {
	case "calibrate", "backtest":
		return usagef(cmd, "%s%s", what, re.Say(" for the council's scenario to extend"))
	case "sweep", "sensitivity":
		return usagef(cmd, "%s%v; to see a lever's effect on the region, compare it with a region file that extends it and changes the lever (placesim compare %s my-region.yaml)", what, re, re.Ref)
	}
	return usagef(cmd, "%s%v", what, re)
}

// everyValue is a flag's value that keeps every value given, in order, where a string flag
// keeps only the last: so that a flag given twice can be refused.
type everyValue struct{ values []string }

func (v *everyValue) Set(s string) error { v.values = append(v.values, s); return nil }

func (v *everyValue) String() string {
	if v == nil || len(v.values) == 0 {
		return ""
	}
	return v.values[len(v.values)-1]
}

// sweepPeriod names period as the sweep's table and chart head it: a part year says where it
// begins or ends, as YearLabel writes it ("2026/27 (from 1 October)"); a year that is a part
// year at some values of the lever and not at others (a sweep of start or years) says so.
func sweepPeriod(runs []comparedRun, period string) string {
	var labels []string
	for _, r := range runs {
		if l := plots.YearLabel(r.s.Start, r.s.Years, period); slices.Contains(r.res.Periods, period) && !slices.Contains(labels, l) {
			labels = append(labels, l)
		}
	}
	switch {
	case len(labels) == 1:
		return labels[0]
	case len(labels) > 1:
		return period + " (a part year at some values)"
	}
	return period
}

// sweepSpan is the line under the sweep's title that says which dates its runs cover ("Each
// run covers 1 October 2026 to 30 September 2028 (2 years)."), and, for a KPI in money, the
// price base.
func sweepSpan(runs []comparedRun, money bool) string {
	first, last := runs[0].s.Start, runs[0].s.Start.AddDate(runs[0].s.Years, 0, -1)
	same := true
	for _, r := range runs {
		end := r.s.Start.AddDate(r.s.Years, 0, -1)
		same = same && r.s.Start.Equal(runs[0].s.Start) && r.s.Years == runs[0].s.Years
		if r.s.Start.Before(first) {
			first = r.s.Start
		}
		if end.After(last) {
			last = end
		}
	}
	line := fmt.Sprintf("Each run covers %s to %s (%s).", first.Format("2 January 2006"), last.Format("2 January 2006"), plural(runs[0].s.Years, "year"))
	if !same {
		line = fmt.Sprintf("Each value's run covers its own span, from %s at the earliest to %s at the latest.", first.Format("2 January 2006"), last.Format("2 January 2006"))
	}
	if money {
		line += " " + plots.MoneyTerms(runs[0].s)
	}
	return line
}

// checkSweepKPI returns the usage error of a KPI that shapes[0], the shape of the first
// value's results, does not have, or of a period that none of the values' results has.
func checkSweepKPI(shapes []*sim.Results, kpi, period string) error {
	kpis := shapes[0].KPIs
	if !slices.Contains(kpis, kpi) {
		if near := scenarios.Nearest(kpi, kpis); near != "" {
			return usagef("sweep", "KPI %q: no such KPI (did you mean %s?)", kpi, near)
		}
		return usagef("sweep", "KPI %q: no such KPI (see summary.csv for the names)", kpi)
	}
	var periods []string
	for _, sh := range shapes {
		if slices.Contains(sh.Periods, period) {
			return nil
		}
		for _, per := range sh.Periods {
			if per != sim.WholeRun && !slices.Contains(periods, per) {
				periods = append(periods, per)
			}
		}
	}
	return usagef("sweep", "period %q: want one of %s", period, strings.Join(append(periods, sim.WholeRun), ", "))
}

// leverError is the input error of the scenario with the lever path at value: each problem
// on a line of its own, after "--vary PATH at VALUE: ". A problem of the lever's own value is
// named by its field alone, not by the --set that sweep gave it, which the user never typed.
func leverError(path, value string, err error) error {
	return variedError("--vary "+path+" at "+value, []string{path + "=" + value}, err)
}

// variedError is the input error of a scenario loaded with the --set values sets that a sweep
// or sensitivity gave it: each problem on a line of its own after "PREFIX: ", and a problem of
// one of those values named by its field alone, without the "--set PATH=VALUE" the user never
// typed.
func variedError(prefix string, sets []string, err error) error {
	var lines []string
	for _, p := range scenarios.Problems(err) {
		line := p.Error()
		var se *scenarios.Error
		if errors.As(p, &se) && strings.HasPrefix(se.File, "--set ") && slices.Contains(sets, strings.TrimPrefix(se.File, "--set ")) {
			line = strings.TrimPrefix(line, se.File+": ")
		}
		lines = append(lines, prefix+": "+line)
	}
	return &inputError{errors.New(strings.Join(lines, "\n"))}
}

// meetingShare writes the share of runs meeting a sweep's target as compare prints a chance
// (a half rounds up), but to a tenth of a point, rounded down, where that would show a share
// below prob (the --probability asked) as reaching it: 179 of 200 runs is 89.5%, not 90%,
// beside a probability of 0.9 that it does not meet.
func meetingShare(share, prob float64) string {
	s := plots.Chance(share)
	if share < prob && math.Round(100*share) >= math.Round(100*prob) {
		s = strconv.FormatFloat(math.Floor(1000*share)/10, 'f', 1, 64) + "%"
	}
	return s
}
