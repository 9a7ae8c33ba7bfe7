package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/placesim/placesim/cmd/placesim/workspace"
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
			"alternative, their paired difference with two intervals named apart: the confidence\n" +
			"interval of the mean difference (how sure we are of the average effect) and the spread\n" +
			"of the difference over single paired runs (what could happen in one future), with the\n" +
			"shares of paired runs in which the alternative is better, the same and worse (higher,\n" +
			"the same and lower where neither way is plainly better, as for children in residential\n" +
			"care). It writes a short table on stdout (with\n" +
			"--json, the headline KPIs of every period as JSON: see README.md),\n" +
			"every figure in comparison.csv in --out, the business case of each alternative\n" +
			"(by financial year the saving on places bought, the extra spent on the council's own\n" +
			"carers and homes, the programmes' running and one-off costs, the net and cumulative net\n" +
			"saving and the chance of having paid back, their totals over the whole run in cash\n" +
			"(period all), and the net present value, in the prices the run paid, at HM Treasury's\n" +
			"Green Book rates (3.5% a year for years 0 to 30, 3% from year 31) or at --discount-rate\n" +
			"for every year) in\n" +
			"business_case.csv (with a UASC grant rate, uasc.grant_per_night_gbp or\n" +
			"uasc.leaving_care_grant_per_week_gbp, the Home Office's UASC grants by financial year:\n" +
			"rows of comparison.csv and memo rows of business_case.csv, never in the net saving),\n" +
			"and charts of each scenario's difference from the baseline in\n" +
			"--out/charts. The scenarios must cover the same years. An alternative whose stock,\n" +
			"entries.per_year, uasc.per_year or child_population differ from the baseline's is a\n" +
			"different council, not a strategy for it (a library what-if on the default county\n" +
			"against a council's own file), and is warned of: write a file that extends the\n" +
			"baseline and gives the strategy's interventions. A share's means are ratios of\n" +
			"totals over the replications, and the interval of their difference comes from the\n" +
			"delta method. Given regions, it pairs each council with the same council of each\n" +
			"alternative, and the region as a whole, and the files lead with a council column: each\n" +
			"council's rows, then the region's (its councils' figures added up pair by pair, and the\n" +
			"shared markets' own). A council that gives a UASC grant rate has its grant rows in\n" +
			"comparison.csv (uasc_grant_not_counted, uasc_leaving_care_grant_not_counted) and memo\n" +
			"rows in business_case.csv (memo_uasc_grant_not_counted,\n" +
			"memo_uasc_leaving_care_grant_not_counted) at its own rates, and the region has them too,\n" +
			"those councils' grants added up pair by pair; the table, the board pack and --json say\n" +
			"both grants for the region and each council whose UASC or rates differ. A council with\n" +
			"no rate has no grant rows. When the strategy changes some councils and not others, the\n" +
			"region's rows go on to split its business case between them, each group's councils\n" +
			"added up pair by pair (net_saving_acting_councils, net_saving_other_councils, their\n" +
			"cumulative_net_saving_ rows, npv_acting_councils, npv_other_councils), and the table,\n" +
			"the board pack and --json say it. spending_parts.csv then splits each council's change in\n" +
			"spending by kind into the children placed otherwise (volume) and what each place cost\n" +
			"(price), and the table and board pack say who gains, and why, where a council that\n" +
			"changed nothing gains.",
		OnUsageError: onUsage,
		Flags: slices.Concat(simFlags(defaultReps, " of each scenario", "the confidence `LEVEL` of the intervals, such as 0.9 for 90%", "print nothing on stderr on success, but for a note or warning that needs reading (such as an output folder written in place, or a scenario that says what it may not mean)"), []cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "write comparison.csv, business_case.csv, report.html, results.xlsx, charts/ and manifest.json into `DIR` (--charts=false: the CSVs and manifest.json)", DefaultText: "out/compare-<BASE>"},
			jsonFlag("the table of headline KPIs (every financial year and the whole run)"),
			&cli.Float64Flag{Name: "discount-rate", Value: sim.GreenBookDiscountRate, DefaultText: "HM Treasury's Green Book schedule, 0.035 for years 0 to 30 and 0.03 from year 31", Usage: "the real discount `RATE` a year of the net present value; a rate given is used for every year"},
		}, chartFlags(true)),
		Action: func(c *cli.Context) error { return compare(c, stdout, stderr) },
	}
}

// eachChanged names the changes --set made to every scenario of a comparison, after their
// names (", each changed by --set a=1", plots.ChangedBy), or "" for none: the years set by
// --years change no assumption, and the table's columns give them.
func eachChanged(all []string) string {
	sets := setsOnly(all)
	if len(sets) == 0 {
		return ""
	}
	return ", each" + plots.ChangedBy(sets)
}

// comparedRun is one scenario of a comparison and its results.
type comparedRun struct {
	ref  string
	s    *model.Scenario
	res  *sim.Results
	idle model.Problems // what in s acts on nothing it has (scenarios.Resolved.Idle)
}

// fromSet reports whether err, or one of the errors it joins, is a problem of a --set.
func fromSet(err error) bool {
	if e, ok := err.(*scenarios.Error); ok {
		return strings.HasPrefix(e.File, "--set ")
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return slices.ContainsFunc(j.Unwrap(), fromSet)
	}
	if u := errors.Unwrap(err); u != nil {
		return fromSet(u)
	}
	return false
}

// joinAnd writes "a, b and c".
func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// setsFitAnother reports whether sets, which do not fit ref, fit another scenario of refs (it
// resolves with them, not failing for any other reason either): the problem is then one of
// ref, not of the --sets themselves (a field given twice).
func setsFitAnother(refs []string, ref string, sets []string) bool {
	for _, other := range refs {
		if other == ref {
			continue
		}
		if _, err := scenarios.Resolve(other, sets); err == nil {
			return true
		}
	}
	return false
}

// runScenarios resolves and runs each scenario of refs with the same seed and replications,
// keeping KPIs only.
func runScenarios(refs []string, sets []string, rs runSetup, stderr io.Writer) ([]comparedRun, error) {
	var runs []comparedRun
	seen := map[string]bool{} // a warning of a file two of refs extend, said once
	for _, ref := range refs {
		r, err := scenarios.Resolve(ref, sets)
		if err != nil {
			printNewWarnings(stderr, scenarios.ErrorWarnings(err), seen) // what the file dropped is often why it fails
			if len(refs) > 1 && fromSet(err) && setsFitAnother(refs, ref, sets) {
				// A --set reaches every scenario compared: say which one it does not fit.
				err = fmt.Errorf("%w\n(in %s: each --set applies to every scenario compared, %s; to change a field of one alone "+
					"that is not in a list, write a file that extends it with the change, and compare that; to change one of its "+
					"interventions (or another list's item), copy its file, change it there, and compare that: a file that "+
					"extends another adds its interventions to the other's rather than replacing one)", err, ref, joinAnd(refs))
			}
			return nil, &inputError{err}
		}
		if !rs.warned {
			printNewWarnings(stderr, r.Warnings, seen) // even with -q: the file most likely says what it did not mean
		}
		runs = append(runs, comparedRun{ref: ref, s: r.Scenario, idle: r.Idle})
	}
	var named []string
	for _, r := range runs {
		named = append(named, r.s.Name)
	}
	if err := checkNames(refs, named); err != nil {
		return nil, err
	}
	if !rs.warned {
		for _, alt := range runs[1:] {
			if w := differentCouncil(runs[0], alt); w != "" {
				fmt.Fprintf(stderr, "placesim: warning: %s\n", w) // even with -q: the comparison is not what it seems
			}
		}
	}
	// Every run's prices are carried from its prices_at to the start at the baseline's
	// inflation_per_year, not its own: the runs pay the same prices at the start, and a
	// strategy's other inflation counts from its first April.
	toStart := rs.baseInflation
	if toStart == nil && len(runs) > 1 {
		r := runs[0].s.BaseInflation()
		toStart = &r
	}
	for _, r := range runs {
		if toStart != nil {
			r.s.InflationToStart = toStart
		}
	}
	// Refused before anything runs: every run's KPIs are kept until the comparison is written.
	held := cmp.Or(rs.held, len(runs))
	for _, r := range runs {
		prep, err := sim.Prepare(r.s, rs.seed)
		if err != nil {
			return nil, &inputError{err}
		}
		if err := checkBatchMemory(rs.cmd, fmt.Sprintf("--reps %d", rs.reps), r.s, prep, rs.reps, rs.workers, 0, held, 0); err != nil {
			return nil, err
		}
	}
	for i := range runs {
		bar := progress(stderr, rs.quiet, runs[i].s.Name, rs.reps)
		res, err := sim.Run(runs[i].s, sim.Options{Reps: rs.reps, Seed: rs.seed, Workers: rs.workers, KPIsOnly: true, Progress: track(bar, 0)})
		finishBar(bar, stderr, err == nil && i == len(runs)-1)
		if err != nil {
			return nil, &inputError{err}
		}
		runs[i].res = res
	}
	return runs, nil
}

// checkNames refuses, before anything runs, alternatives (scenarios or regions, refs named
// names) that share a name, or whose names make the same file names (Plan A and Plan-A;
// plan-a too, for a disk that does not tell case apart): their rows, tables and charts are
// told apart by name. A copy of a library file not yet given a name of its own is the usual
// cause, so the message names the files and what to write in the copy. refs[0] is the
// baseline: an alternative that shares its name is refused too (the pack would read "default
// against default"), unless it is the baseline given again (compare default default shows that
// a run differs from itself in nothing).
func checkNames(refs, names []string) error {
	for j := 1; j < len(names); j++ {
		for i := range j {
			if !strings.EqualFold(safeName(names[i]), safeName(names[j])) {
				continue
			}
			if i == 0 && refs[i] == refs[j] {
				continue
			}
			if refs[i] == refs[j] {
				return usagef("compare", "%s is given twice: give each scenario once", refs[j])
			}
			what := fmt.Sprintf("are both named %q", names[j])
			if names[i] != names[j] {
				what = fmt.Sprintf("are named %q and %q, which make the same file names (charts/difference-%s)", names[i], names[j], safeName(names[j]))
			}
			copied := refs[j]
			if st, err := os.Stat(refs[i]); err == nil && st.Mode().IsRegular() {
				if st, err := os.Stat(refs[j]); err != nil || !st.Mode().IsRegular() {
					copied = refs[i] // the file, not the library's scenario
				}
			}
			own := safeName(strings.TrimSuffix(filepath.Base(copied), filepath.Ext(copied)))
			if own == "" || strings.EqualFold(own, safeName(names[j])) {
				own = "my-" + safeName(names[j])
			}
			return usagef("compare", "%s and %s %s: a comparison tells its scenarios apart by name; give %s a name of its own (name: %s)",
				refs[i], refs[j], what, copied, own)
		}
	}
	return nil
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
	formats, err := chartFormats(c, "compare")
	if err != nil {
		return err
	}
	discount := c.Float64("discount-rate")
	if !(discount > -1 && discount < 1) {
		return usagef("compare", "--discount-rate %v: want a rate a year between -1 and 1, such as 0.035 for 3.5%%", discount)
	}
	if err := checkGivenOut("compare", c); err != nil {
		return err
	}
	disc := compareDiscount(c, discount)
	if slices.ContainsFunc(args, scenarios.IsRegion) {
		return compareRegions(c, args, rs, formats, disc, stdout, stderr)
	}
	began := time.Now()
	runs, err := runScenarios(args, sets, rs, stderr)
	if err != nil {
		return err
	}
	base := runs[0]
	var csv, cases bytes.Buffer
	var tables []string
	var rows []plots.CompareRow
	var ncs []*sim.NetCase
	var changes [][]string // what each alternative changes, its fields and then its dated changes
	cj := compareJSON{Baseline: base.s.Name, Reps: rs.reps, jsonSeed: newJSONSeed(rs.seed), Level: rs.interval, MoneyTerms: plots.MoneyTerms(base.s), Comparisons: []comparedJSON{}}
	for i, alt := range runs[1:] {
		diffs, err := sim.Compare(base.res, alt.res, rs.interval)
		if err != nil {
			return &inputError{err}
		}
		nc, err := sim.NetPosition(base.res, alt.res, rs.interval, disc)
		if err != nil {
			return &inputError{err}
		}
		if err := sim.WriteNetCase(&cases, nc, i == 0); err != nil {
			return err
		}
		// The Home Office's UASC grants, income the spending leaves out: rows of their own in
		// comparison.csv (after the KPIs) and memo rows of business_case.csv.
		grants, err := sim.UASCGrants(base.res, alt.res, rs.interval)
		if err != nil {
			return &inputError{err}
		}
		if err := sim.WriteGrantMemo(&cases, alt.s.Name, base.s.Name, grants); err != nil {
			return err
		}
		diffs = append(diffs, grants...)
		ncs = append(ncs, nc)
		for _, d := range diffs {
			rows = append(rows, plots.CompareRow{Scenario: alt.s.Name, Baseline: base.s.Name, Period: d.Period, KPI: d.KPI,
				BaseMean: d.BaseMean, AltMean: d.AltMean, DiffMean: d.DiffMean, DiffLo: d.DiffLo, DiffHi: d.DiffHi, N: d.N,
				RunLo: d.RunLo, RunHi: d.RunHi, PLower: d.PLower, PHigher: d.PHigher})
		}
		if err := sim.WriteComparison(&csv, alt.s.Name, base.s.Name, diffs, i == 0); err != nil {
			return err
		}
		var caseText strings.Builder
		if err := plots.WriteNetCaseText(&caseText, nc); err != nil {
			return err
		}
		for _, line := range append(plots.PriceNotes(base.s, alt.s), plots.UnitCostNotes(base.s, alt.s)...) {
			caseText.WriteString(line + "\n")
		}
		if note := plots.StepDownCostNote(base.s, alt.s, rows); note != "" {
			caseText.WriteString(note + "\n")
		}
		tables = append(tables, comparisonTable(base.s, alt.s, diffs, rs)+"\n"+caseText.String()+uascGrantText(base.s, alt.s, diffs, rs.interval))
		fields, err := workspace.FieldChanges(base.s, alt.s)
		if err != nil {
			return err
		}
		changes = append(changes, append(fields, plots.StrategyChanges(base.s, alt.s)...))
		cmp := comparedOf(base.s, alt.s, diffs)
		cmp.WhatItChanges = changes[i]
		cmp.BusinessCase = regionCaseJSONOf(nc)
		cj.Comparisons = append(cj.Comparisons, cmp)
	}
	out := c.String("out")
	if out == "" {
		if out, err = defaultOut("compare", "compare-", base.s.Name); err != nil {
			return err
		}
	}
	if err := checkOut("compare", out); err != nil {
		return err
	}
	files := []outputFile{
		{"comparison.csv", func(w io.Writer) error { _, err := w.Write(csv.Bytes()); return err }},
		{"business_case.csv", func(w io.Writer) error { _, err := w.Write(cases.Bytes()); return err }},
	}
	if c.Bool("charts") {
		src := fmt.Sprintf("Source: placesim %s, %s against %s%s, %s on seed %d. %s", placesimVersion(),
			strings.Join(names(runs[1:]), ", "), base.s.Name, eachChanged(rs.sets), plural(rs.reps, "paired replication"), rs.seed, plots.MoneyTerms(base.s))
		charts, err := plots.ComparisonChartsFrom(rows, base.s.Start, base.s.Years, rs.interval, src)
		if err != nil {
			return err
		}
		for _, nc := range ncs {
			ch, err := plots.CumulativeNetChart(nc, src)
			if err != nil {
				return err
			}
			charts = append(charts, ch)
		}
		files = append(files, chartFiles(charts, formats)...)
		report := &plots.CompareReport{Baseline: base.s, Rows: rows, Cases: ncs, Level: rs.interval,
			Reps: rs.reps, Seed: rs.seed, Source: src, Charts: charts, Changes: changes, Sets: setsOnly(rs.sets)}
		for _, r := range runs[1:] {
			report.Scenarios = append(report.Scenarios, r.s)
			report.Idle = append(report.Idle, r.idle)
		}
		files = append(files, outputFile{"report.html", report.WriteHTML}, outputFile{"results.xlsx", report.WriteCompareWorkbook})
	}
	m := &manifest{Command: "compare", Placesim: placesimVersion(), Sets: rs.sets, Seed: rs.seed, Reps: rs.reps, Years: base.s.Years, Interval: rs.interval,
		DiscountRate: &discount, DiscountRateFrom31: discountFrom31(disc, len(base.res.Periods)-1)} // its financial years, then "all"
	for _, r := range runs {
		sum, err := scenarioSHA(r.s)
		if err != nil {
			return err
		}
		m.Scenarios = append(m.Scenarios, manifestScenario{Name: r.s.Name, SHA256: sum})
	}
	if err := writeComparison(c, out, files, m, cj, tables, stdout, stderr); err != nil {
		return err
	}
	if !rs.quiet {
		wrote := wroteList(out, files)
		fmt.Fprintf(stderr, "placesim: compared %s with %s%s, %s each (seed %d) in %.1fs; wrote %s\n",
			strings.Join(names(runs[1:]), ", "), base.s.Name, eachChanged(rs.sets), plural(rs.reps, "replication"), rs.seed,
			time.Since(began).Seconds(), wrote)
	}
	return nil
}

// writeComparison writes a comparison's files into out with its manifest, then its tables to
// stdout, or its figures as JSON with --json.
func writeComparison(c *cli.Context, out string, files []outputFile, m *manifest, cj any, tables []string, stdout, stderr io.Writer) error {
	if err := writeResults(out, files, m, stderr); err != nil {
		return fmt.Errorf("writing the comparison into %s: %w", out, err)
	}
	if c.Bool("json") {
		return writeJSON(stdout, cj)
	}
	_, err := fmt.Fprint(stdout, strings.Join(tables, "\n"))
	return err
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

// level and signed are plots' formats of a figure, so that the table reads as the charts and
// the workspace do.
var (
	level  = plots.Level
	signed = plots.Signed
)

// partYearsLeftOut says which part years of scenario s's run (periods, as the comparison
// names them) the yearly columns show leaves out, as the run report's key figures say it:
// "2026/27 (from 15 April) and 2036/37 (to 14 April) are part years, left out of the yearly
// columns, ...". A run with no whole year, whose columns are its part years, says so. It is ""
// when the run starts on 1 April.
func partYearsLeftOut(s *model.Scenario, periods, show []string) string {
	var parts []string
	whole := 0
	for _, p := range periods {
		switch label := plots.YearLabel(s.Start, s.Years, p); {
		case p == sim.WholeRun:
		case label == p:
			whole++
		case !slices.Contains(show, p):
			parts = append(parts, label)
		}
	}
	switch {
	case whole == 0 && len(periods) > 1:
		return fmt.Sprintf("No financial year of this run is whole: it starts on %s and ends on %s, so its years are part years, shown as such.",
			s.Start.Format("2 January 2006"), s.Start.AddDate(s.Years, 0, -1).Format("2 January 2006"))
	case len(parts) == 0:
		return ""
	}
	are := " are part years"
	if len(parts) == 1 {
		are = " is a part year"
	}
	return fmt.Sprintf("%s%s, left out of the yearly columns, which show whole financial years; the %q column counts them.",
		strings.Join(parts, " and "), are, plural(s.Years, "year"))
}

// comparisonTable is the plain-English table of one alternative against the baseline: for each
// headline KPI, the difference in the first and last whole financial years and over the whole
// run, with its interval, and the levels in the last year.
func comparisonTable(base, alt *model.Scenario, diffs []sim.Difference, rs runSetup) string {
	byKey := map[[2]string]sim.Difference{}
	var periods []string
	for _, d := range diffs {
		byKey[[2]string{d.Period, d.KPI}] = d
		if len(periods) == 0 || periods[len(periods)-1] != d.Period {
			periods = append(periods, d.Period)
		}
	}
	// The first and last years are the first and last whole ones, as the run report's key
	// figures and the board pack show: a run from 15 April begins with a part year of 351
	// days and ends with one of 14. The note under the table names the part years left out.
	first, last := plots.FirstWholeYear(alt.Start, alt.Years, periods), plots.LastWholeYear(alt.Start, alt.Years, periods)
	show := []string{first, last, sim.WholeRun}
	if first == last {
		show = []string{first, sim.WholeRun}
	}
	partNote := partYearsLeftOut(alt, periods, show)
	var b strings.Builder
	pct := plots.Percent(rs.interval)
	heads, laddersNote := plots.ComparedHeadlines(plots.HeadlinesOf(base, plots.CareLeaversMove(diffs)), base, alt, noneInDiffs(diffs))
	fmt.Fprintf(&b, "%s against %s%s: %s each on seed %d\n", alt.Name, base.Name, eachChanged(rs.sets), plural(rs.reps, "paired replication"), rs.seed)
	fmt.Fprintln(&b, plots.MoneyTerms(base))
	if rs.reps == 1 { // one pair claims no interval, here as under the table
		fmt.Fprintf(&b, "Effect (%s minus %s): the difference in the one paired run; the last column gives each scenario's figure in it:\n\n", alt.Name, base.Name)
	} else {
		fmt.Fprintf(&b, "Average effect (%s minus %s): the mean of the paired differences, with the %s confidence interval of the mean difference; the last column gives each scenario's mean:\n\n", alt.Name, base.Name, pct)
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 3, ' ', 0)
	fmt.Fprint(tw, "")
	// A part year says where it begins or ends, as the run's report does.
	label := func(p string) string {
		if p == sim.WholeRun {
			return plural(alt.Years, "year")
		}
		return plots.YearLabel(alt.Start, alt.Years, p)
	}
	for _, p := range show {
		fmt.Fprintf(tw, "\t%s", label(p))
	}
	figures := "means"
	if rs.reps == 1 {
		figures = "the run's"
	}
	fmt.Fprintf(tw, "\t%s, %s: %s → %s\n", label(last), figures, base.Name, alt.Name)
	for _, h := range heads {
		fmt.Fprint(tw, h.Label)
		for _, p := range show {
			d, ok := byKey[[2]string{p, h.KPI}]
			if !ok || d.N < 1 {
				fmt.Fprint(tw, "\t–")
				continue
			}
			if d.N == 1 { // one pair: its difference, with no interval
				fmt.Fprintf(tw, "\t%s", signed(d.DiffMean, h.Unit))
				continue
			}
			fmt.Fprintf(tw, "\t%s (%s to %s)", signed(d.DiffMean, h.Unit), signed(d.DiffLo, h.Unit), signed(d.DiffHi, h.Unit))
		}
		if d, ok := byKey[[2]string{last, h.KPI}]; ok {
			b, a := plots.Levels(d.BaseMean, d.AltMean, h.Unit)
			fmt.Fprintf(tw, "\t%s → %s", b, a)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if partNote != "" {
		fmt.Fprintf(&b, "\n%s\n", partNote)
	}
	// One pair gives no range of what could happen in one future: the caution below says so
	// in place of a table of dashes.
	if rs.reps > 1 {
		fmt.Fprintf(&b, "\nIn one future (the middle %s of paired runs' differences), and in how many futures %s does better, the same and worse (higher and lower where neither way is better):\n\n", pct, alt.Name)
		tw = tabwriter.NewWriter(&b, 0, 0, 3, ' ', 0)
		for _, p := range show[1:] {
			fmt.Fprintf(tw, "\t%s\tin how many futures", label(p))
		}
		fmt.Fprintln(tw)
		for _, h := range heads {
			fmt.Fprint(tw, h.Label)
			for _, p := range show[1:] {
				d, ok := byKey[[2]string{p, h.KPI}]
				if !ok || d.N < 2 {
					fmt.Fprint(tw, "\t–\t–")
					continue
				}
				fmt.Fprintf(tw, "\t%s to %s\t%s", signed(d.RunLo, h.Unit), signed(d.RunHi, h.Unit), h.Odds(d.PLower, d.PHigher))
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	if note := plots.FewRunsNote(rs.reps, rs.interval, "--reps"); note != "" {
		fmt.Fprintf(&b, "\n%s\n", note)
	}
	if d, ok := byKey[[2]string{sim.WholeRun, sim.CostTotal}]; ok {
		switch {
		case d.DiffMean != 0 && d.SameInEveryPair():
			b.WriteString(samePairSentence)
		case d.DiffHi > d.DiffLo:
			b.WriteString(pairingSentence(d.PairingGain()))
		}
	}
	if laddersNote != "" {
		fmt.Fprintf(&b, "\n%s\n", laddersNote)
	}
	return b.String()
}

// samePairSentence says, after a comparison's tables, that the total cost differs by the
// same amount in every pair of replications (sim.Difference.SameInEveryPair), where the
// interval has no width but rounding's and a gain would be a meaningless huge number.
const samePairSentence = "\nPairing the replications: the difference in total cost is the same in every pair, so its interval has no width (independent runs would give it one).\n"

// pairingSentence says, after a comparison's tables, how much pairing the replications narrows
// the interval of the total cost difference: gain times (sim.Difference.PairingGain) when it
// rounds above 1.0, and otherwise that it does not narrow it, rather than "1.0 times narrower"
// or "0.8 times narrower". It is "" for a gain that is not a number.
func pairingSentence(gain float64) string {
	switch {
	case math.IsNaN(gain):
		return ""
	case math.Round(gain*10) > 10:
		return fmt.Sprintf("\nPairing the replications makes the interval of the total cost difference %.1f times narrower than independent runs would.\n", gain)
	}
	return "\nPairing the replications does not narrow the interval of the total cost difference here: it is no narrower than independent runs would give.\n"
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

// noneInDiffs reports of a KPI whether no run of either scenario of the comparison diffs has
// any (plots.NoneInEither): the printed table, the JSON and the pack leave out its row.
func noneInDiffs(diffs []sim.Difference) func(kpi string) bool {
	return plots.NoneInEither(func(kpi string) (float64, float64, bool) {
		for _, d := range diffs {
			if d.Period == sim.WholeRun && d.KPI == kpi {
				return d.BaseMean, d.AltMean, true
			}
		}
		return 0, 0, false
	})
}

// compareDiscount returns how compare discounts its net present values: HM Treasury's Green
// Book schedule (3.5% a year to year 30, 3.0% from year 31) unless --discount-rate is given,
// and then rate for every year.
func compareDiscount(c *cli.Context, rate float64) sim.Discount {
	if c.IsSet("discount-rate") {
		return sim.FlatDiscount(rate)
	}
	return sim.GreenBookDiscount
}

// discountFrom31 returns the rate from year 31 at which d discounts a run of years financial
// years, for manifest.json and --json: nil unless the run has a year 31 (the first financial
// year being year 0) and d a second rate for it.
func discountFrom31(d sim.Discount, years int) *float64 {
	if d.Flat() || years <= sim.GreenBookYears+1 {
		return nil
	}
	r := d.From31
	return &r
}

// differentCouncil warns, or returns "", when alternative alt is a different council from the
// baseline base (model.CouncilDifferences: its stock, entries, UASC or child population differ)
// rather than a strategy for it, as a what-if on the default county compared with a council's
// own file is: the comparison then measures the councils' difference, not the strategy's.
func differentCouncil(base, alt comparedRun) string {
	return model.DifferentCouncilWarning(base.s, alt.s, base.ref)
}
