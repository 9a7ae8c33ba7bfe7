package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
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

// comparedRegion is one region of a comparison and its results.
type comparedRegion struct {
	reg *model.Region
	rr  *sim.RegionResults
}

// compareRegions is the compare command's action when any of refs is a region: every one must
// be. Councils are paired by name, replication by replication, and
// so is the region as a whole.
func compareRegions(c *cli.Context, refs []string, rs runSetup, formats []string, discount sim.Discount, stdout, stderr io.Writer) error {
	began := time.Now()
	var runs []comparedRegion
	region := refs[slices.IndexFunc(refs, scenarios.IsRegion)]
	seen := map[string]bool{} // a warning of a scenario two regions' councils start from, said once
	for _, ref := range refs {
		reg, warnings, err := scenarios.LoadRegionWarnings(ref, rs.sets)
		err = yearsFlagHint(err, rs)
		printNewWarnings(stderr, warnings, seen)
		if err != nil && !scenarios.IsRegion(ref) {
			// A scenario that reads as one is a scenario; a file that cannot be read, a name of
			// nothing or a file whose extends leads nowhere is a region file gone wrong, and
			// reading it as a region says why.
			if scenarios.IsScenario(ref) {
				return usagef("compare", "%s is a scenario and %s a region: compare regions with regions, scenarios with scenarios", ref, region)
			}
		}
		if err != nil {
			return &inputError{err}
		}
		if _, err := councilDirs(reg); err != nil {
			return &inputError{err}
		}
		runs = append(runs, comparedRegion{reg: reg})
	}
	var named []string
	for _, r := range runs {
		named = append(named, r.reg.Name)
	}
	if err := checkNames(refs, named); err != nil {
		return err
	}
	if err := checkSameYears(refs, runs); err != nil {
		return err
	}
	if err := checkSameCouncils(refs, runs); err != nil {
		return err
	}
	// Refused before anything runs: every region's KPIs, its councils' and its own, are kept
	// until the comparison is written.
	var regs []*model.Region
	var preps []*sim.RegionResults
	for _, r := range runs {
		prep, err := sim.PrepareRegion(r.reg, rs.seed)
		if err != nil {
			return &inputError{err}
		}
		regs, preps = append(regs, r.reg), append(preps, prep)
	}
	if err := checkRegionMemory("compare", fmt.Sprintf("--reps %d", rs.reps), regs, preps, rs.reps, rs.workers, 0); err != nil {
		return err
	}
	for i := range runs {
		bar := progress(stderr, rs.quiet, runs[i].reg.Name, rs.reps)
		rr, err := sim.RunRegion(runs[i].reg, sim.Options{Reps: rs.reps, Seed: rs.seed, Workers: rs.workers, KPIsOnly: true, Progress: track(bar, 0)})
		finishBar(bar, stderr, err == nil && i == len(runs)-1)
		if err != nil {
			return &inputError{err}
		}
		runs[i].rr = rr
	}
	base := runs[0]
	var comparison, cases, parts bytes.Buffer
	cw, bw := csv.NewWriter(&comparison), csv.NewWriter(&cases)
	report := &plots.RegionCompareReport{Baseline: base.reg, Level: rs.interval, Reps: rs.reps, Seed: rs.seed}
	var totalRows []plots.CompareRow
	var totalCases []*sim.NetCase
	var tables []string
	cj := regionCompareJSON{Baseline: base.reg.Name, Reps: rs.reps, jsonSeed: newJSONSeed(rs.seed), Level: rs.interval, MoneyTerms: plots.RegionMoneyTerms(base.reg), Comparisons: []regionComparedJSON{}}
	for a, alt := range runs[1:] {
		rc := &plots.RegionComparison{Scenario: alt.reg.Name, Baseline: base.reg.Name, Years: base.reg.Years}
		type pair struct {
			name      string
			base, alt *sim.Results
		}
		var pairs []pair
		for i, bc := range base.reg.Councils { // checkSameCouncils has seen every one in both
			pairs = append(pairs, pair{bc.Name, base.rr.Councils[i], alt.rr.Councils[councilIndex(alt.reg, bc.Name)]})
		}
		pairs = append(pairs, pair{sim.RegionTotal, base.rr.Total, alt.rr.Total})
		// Each council's business case and the region's, in the order of pairs.
		ncs, err := sim.RegionNetPositions(base.rr, alt.rr, rs.interval, discount)
		if err != nil {
			return &inputError{err}
		}
		// The Home Office's UASC grants, income the spending leaves out, in the order of pairs:
		// each council's at its own rates, the region's its councils' added up pair by pair.
		grants, err := sim.RegionUASCGrants(base.rr, alt.rr, rs.interval)
		if err != nil {
			return &inputError{err}
		}
		// The region's business case split between the councils the strategy changes and
		// the others, whose figures move through the shared market and their share of the
		// region's own changes' costs: nil unless both have a council.
		split, err := plots.NewRegionSplit(base.reg, alt.reg, base.rr, alt.rr, rs.interval, discount)
		if err != nil {
			return &inputError{err}
		}
		rc.Split = split
		for k, p := range pairs {
			diffs, err := sim.Compare(p.base, p.alt, rs.interval)
			if err != nil {
				return &inputError{councilError(p.name, err)}
			}
			nc := ncs[k]
			nc.Scenario, nc.Baseline = alt.reg.Name, base.reg.Name
			rc.Councils, rc.Diffs, rc.Cases = append(rc.Councils, p.name), append(rc.Diffs, diffs), append(rc.Cases, nc)
			rc.Grants = append(rc.Grants, grants[k])
			header := a == 0 && k == 0
			// As a single council's: rows of their own in comparison.csv (after the KPIs) and
			// memo rows of business_case.csv, which the net saving leaves out.
			if err := withCouncil(cw, p.name, header, func(w io.Writer) error {
				return sim.WriteComparison(w, alt.reg.Name, base.reg.Name, append(slices.Clip(diffs), grants[k]...), true)
			}); err != nil {
				return err
			}
			if err := withCouncil(bw, p.name, header, func(w io.Writer) error {
				if err := plots.WriteRegionCase(w, p.name, nc, rc.Split); err != nil {
					return err
				}
				return sim.WriteGrantMemo(w, alt.reg.Name, base.reg.Name, grants[k])
			}); err != nil {
				return err
			}
			if p.name == sim.RegionTotal {
				for _, d := range diffs {
					totalRows = append(totalRows, plots.CompareRow{Scenario: alt.reg.Name, Baseline: base.reg.Name, Period: d.Period, KPI: d.KPI,
						BaseMean: d.BaseMean, AltMean: d.AltMean, DiffMean: d.DiffMean, DiffLo: d.DiffLo, DiffHi: d.DiffHi, N: d.N,
						RunLo: d.RunLo, RunHi: d.RunHi, PLower: d.PLower, PHigher: d.PHigher})
				}
				totalCases = append(totalCases, nc)
			}
		}
		// Where each council's change in spending comes from, period by period.
		rc.SetParts(base.reg, alt.reg)
		if err := rc.WriteSpendingParts(&parts, base.reg, a == 0); err != nil {
			return err
		}
		report.Scenarios = append(report.Scenarios, alt.reg)
		report.Comparisons = append(report.Comparisons, rc)
		// What the strategy changes against the baseline, as the board pack says it.
		changes := plots.RegionStrategyChanges(base.reg, alt.reg)
		tables = append(tables, regionChangesTable(rc, changes, plots.RegionPriceNotes(base.reg, alt.reg), rc.UASCGrantLines(base.reg, alt.reg, rs.interval), plots.RegionMoneyTerms(base.reg), plots.StrategyMarketPricesNote(base.reg, alt.reg), rs))
		cmp := regionComparedOf(rc, changes, rc.UASCGrants(base.reg, alt.reg))
		cmp.PriceNotes = append([]string{}, plots.RegionPriceNotes(base.reg, alt.reg)...)
		cmp.WhoGains = append([]string{}, rc.WhoGainsLines(rs.interval)...)
		cj.Comparisons = append(cj.Comparisons, cmp)
	}
	cw.Flush()
	bw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	if err := bw.Error(); err != nil {
		return err
	}
	addCouncilFiguresJSON(&cj, runs, report.Comparisons)
	out := c.String("out")
	if out == "" {
		var err error
		if out, err = defaultOut("compare", "compare-", base.reg.Name); err != nil {
			return err
		}
	}
	if err := checkOut("compare", out); err != nil {
		return err
	}
	files := []outputFile{
		{"comparison.csv", func(w io.Writer) error { _, err := w.Write(comparison.Bytes()); return err }},
		{"business_case.csv", func(w io.Writer) error { _, err := w.Write(cases.Bytes()); return err }},
		{"spending_parts.csv", func(w io.Writer) error { _, err := w.Write(parts.Bytes()); return err }},
	}
	if c.Bool("charts") {
		var names []string
		for _, r := range runs[1:] {
			names = append(names, r.reg.Name)
		}
		src := fmt.Sprintf("Source: placesim %s, %s against %s, %s on seed %d, every council's paired. %s", placesimVersion(),
			strings.Join(names, ", "), base.reg.Name, plural(rs.reps, "paired replication"), rs.seed, plots.RegionMoneyTerms(base.reg))
		// A part year says where it begins or ends, as a single council's comparison does.
		charts, err := plots.ComparisonChartsFrom(totalRows, base.reg.Start, base.reg.Years, rs.interval, src)
		if err != nil {
			return err
		}
		for _, nc := range totalCases {
			ch, err := plots.CumulativeNetChart(nc, src)
			if err != nil {
				return err
			}
			charts = append(charts, ch)
		}
		report.Source, report.Charts = src, charts
		files = append(files, chartFiles(charts, formats)...)
		files = append(files, outputFile{"report.html", report.WriteHTML}, outputFile{"results.xlsx", func(w io.Writer) error {
			return report.WriteWorkbook(w, comparison.Bytes(), cases.Bytes(), parts.Bytes())
		}})
	}
	m := &manifest{Command: "compare", Placesim: placesimVersion(), Region: base.reg.Name, Seed: rs.seed, Reps: rs.reps, Years: base.reg.Years, Interval: rs.interval,
		DiscountRate: &discount.Rate, DiscountRateFrom31: discountFrom31(discount, len(base.rr.Total.Periods)-1)} // its financial years, then "all"
	for _, r := range runs {
		sum, err := regionSHA(r.reg)
		if err != nil {
			return err
		}
		m.Scenarios = append(m.Scenarios, manifestScenario{Name: r.reg.Name, SHA256: sum})
	}
	if err := writeComparison(c, out, files, m, cj, tables, stdout, stderr); err != nil {
		return err
	}
	if !rs.quiet {
		var names []string
		for _, r := range runs[1:] {
			names = append(names, r.reg.Name)
		}
		wrote := wroteList(out, files)
		fmt.Fprintf(stderr, "placesim: compared %s with %s (%s, each paired), %s each (seed %d) in %.1fs; wrote %s\n",
			strings.Join(names, ", "), base.reg.Name, plural(len(base.reg.Councils), "council"), plural(rs.reps, "replication"), rs.seed,
			time.Since(began).Seconds(), wrote)
	}
	return nil
}

// checkSameYears returns a usage error, before anything runs, unless every region of runs
// (loaded from refs, in order) reports the same financial years as the first, the baseline: the
// check sim.Compare makes of each council, said once of the regions, named with their files.
func checkSameYears(refs []string, runs []comparedRegion) error {
	named := func(i int) string { return regionNamed(refs, runs, i) }
	base := regionPeriods(runs[0].reg)
	for i := 1; i < len(runs); i++ {
		if alt := regionPeriods(runs[i].reg); !slices.Equal(base, alt) {
			return usagef("compare", "%s reports %s to %s and %s reports %s to %s: a comparison needs the same start and years (set them in the region file, or give --years)",
				named(0), base[0], base[len(base)-1], named(i), alt[0], alt[len(alt)-1])
		}
	}
	return nil
}

// regionNamed names the i-th region of a comparison with its file, when the file is not
// called as the region is: "three (wm/three.yaml)".
func regionNamed(refs []string, runs []comparedRegion, i int) string {
	if name := runs[i].reg.Name; refs[i] != name {
		return fmt.Sprintf("%s (%s)", name, refs[i])
	}
	return refs[i]
}

// checkSameCouncils refuses a comparison whose strategies do not have the baseline's councils,
// before any runs: it names each region with its file, the councils one lacks and which.
func checkSameCouncils(refs []string, runs []comparedRegion) error {
	lacking := func(of, from *model.Region) []string {
		var out []string
		for _, c := range from.Councils {
			if councilIndex(of, c.Name) < 0 {
				out = append(out, c.Name)
			}
		}
		return out
	}
	for i := 1; i < len(runs); i++ {
		var why []string
		if m := lacking(runs[i].reg, runs[0].reg); len(m) > 0 {
			why = append(why, fmt.Sprintf("%s lacks %s %s, which %s has", regionNamed(refs, runs, i), pluralWord(len(m), "council"), strings.Join(m, ", "), regionNamed(refs, runs, 0)))
		}
		fewer := len(why) > 0
		if m := lacking(runs[0].reg, runs[i].reg); len(m) > 0 {
			why = append(why, fmt.Sprintf("%s has %s %s, which the baseline %s lacks", regionNamed(refs, runs, i), pluralWord(len(m), "council"), strings.Join(m, ", "), regionNamed(refs, runs, 0)))
		}
		if len(why) > 0 {
			return usagef("compare", "%s: %s (compare a region with its own strategies)", strings.Join(why, "; "), councilsRule(fewer, len(why) > 1 || !fewer))
		}
	}
	return nil
}

// councilsRule says what a strategy's councils must be, for a strategy that lacks some of its
// baseline's councils (fewer), has some its baseline lacks (more), or both.
func councilsRule(fewer, more bool) string {
	switch {
	case fewer && more:
		return "a strategy needs its baseline's councils and no others"
	case more:
		return "a strategy can have only its baseline's councils"
	}
	return "a strategy needs its baseline's councils"
}

// regionPeriods returns the financial years a run of reg reports, as its results label them.
func regionPeriods(reg *model.Region) []string {
	return model.NewCalendar(&model.Scenario{Start: reg.Start, Years: reg.Years, WarmupYears: reg.WarmupYears}).Periods
}

// councilError returns err led by the council it is of, unless it already names the council so.
func councilError(council string, err error) error {
	if strings.HasPrefix(err.Error(), council+": ") {
		return err
	}
	return fmt.Errorf("%s: %w", council, err)
}

// councilIndex returns the position of the council called name in reg, or -1.
func councilIndex(reg *model.Region, name string) int {
	for i, c := range reg.Councils {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// withCouncil writes the CSV text that write makes (a header and rows) to cw with a leading
// council column: the header, led by "council", only when header is set.
func withCouncil(cw *csv.Writer, council string, header bool, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		return err
	}
	for i, rec := range recs {
		lead := council
		if i == 0 {
			if !header {
				continue
			}
			lead = "council"
		}
		if err := cw.Write(append([]string{lead}, rec...)); err != nil {
			return err
		}
	}
	return nil
}

// regionSHA returns the SHA-256 checksum of reg as a region's run records it: its
// region.json with every council's scenario written with every field resolved after it.
func regionSHA(reg *model.Region) (string, error) {
	dirs, err := councilDirs(reg)
	if err != nil {
		return "", err
	}
	b, err := regionRecordOf(reg, dirs)
	if err != nil {
		return "", err
	}
	buf := bytes.NewBuffer(b)
	for _, c := range reg.Councils {
		if err := scenarios.Encode(buf, c.Scenario, scenarios.EncodeOptions{}); err != nil {
			return "", err
		}
	}
	return sha(buf.Bytes()), nil
}

// regionChangesTable is the plain-English table of one regional strategy: what it changes
// against the baseline (inputs, the board pack's list), then for each council and the region,
// the average change in each measure over the whole run with its interval, the councils whose
// prices differ from the baseline's (prices, plots.RegionPriceNotes), and what its spending
// leaves out (uascGrant, plots.RegionComparison.UASCGrantLines); money says how its money
// reads (plots.RegionMoneyTerms), and marketPrices how the strategy's shared markets price a
// place where it differs from the baseline's (plots.StrategyMarketPricesNote). Under the table, the region's net saving,
// payback and net present value, as a single council's business case gives them.
func regionChangesTable(rc *plots.RegionComparison, inputs, prices, uascGrant []string, money, marketPrices string, rs runSetup) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s against %s: %s each on seed %d, every council paired\n", rc.Scenario, rc.Baseline, plural(rs.reps, "paired replication"), rs.seed)
	fmt.Fprintf(&b, "What it changes against %s:\n", rc.Baseline)
	for _, line := range inputs {
		fmt.Fprintf(&b, "- %s\n", line)
	}
	b.WriteString("\n")
	measured := "emergency placements and spending a year"
	if rc.CareLeaversMove() {
		measured = "emergency placements, young people\nleaving care with no accommodation and spending a year"
	}
	fmt.Fprintln(&b, money)
	// One pair claims no interval, here as under the table.
	change := fmt.Sprintf("Average change over the run, with the %s confidence interval of the mean", plots.Percent(rs.interval))
	if rs.reps == 1 {
		change = "Change over the run in the one paired run, with no confidence interval"
	}
	fmt.Fprintf(&b, "%s: children in foster, in residential\n"+
		"care and in an emergency placement (on an average day), the shares placed out of their own area and over\n"+
		"20 miles away, %s.\n\n", change, measured)
	tw := tabwriter.NewWriter(&b, 0, 0, 3, ' ', 0)
	changes := rc.Changes()
	if len(changes) > 0 {
		for _, ch := range changes[0] {
			fmt.Fprintf(tw, "\t%s", ch.Short)
		}
		fmt.Fprintln(tw)
	}
	for i, row := range changes {
		fmt.Fprint(tw, rc.Councils[i])
		for _, ch := range row {
			u := plots.UnitOf(ch.KPI)
			if math.IsNaN(ch.Diff) {
				fmt.Fprint(tw, "\t–")
				continue
			}
			if rs.reps == 1 { // one pair: its difference, with no interval
				fmt.Fprintf(tw, "\t%s", signed(ch.Diff, u))
				continue
			}
			fmt.Fprintf(tw, "\t%s (%s to %s)", signed(ch.Diff, u), signed(ch.DiffLo, u), signed(ch.DiffHi, u))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if rs.reps == 1 {
		b.WriteString("\nOne paired run gives no interval: each figure is that run's.\n")
	}
	// The region's row is its councils' total, which a reader adding up the rows can check.
	if len(changes) > 1 {
		b.WriteString("\n" + plots.RegionChangesTotalKey(rs.reps == 1) + "\n")
	}
	if n := len(rc.Cases); n > 0 && len(rc.Cases[n-1].Years) > 0 {
		nc := rc.Cases[n-1]
		cum := nc.Years[len(nc.Years)-1].Cumulative
		if rs.reps == 1 {
			fmt.Fprintf(&b, "\nThe region's net saving over the run: %s.\n", signed(cum.Mean, plots.Money))
		} else {
			fmt.Fprintf(&b, "\nThe region's net saving over the run: %s (%s to %s).\n", signed(cum.Mean, plots.Money), signed(cum.Lo, plots.Money), signed(cum.Hi, plots.Money))
		}
		// What the councils the strategy changes save of their own, and the others through
		// the shared market.
		if line := rc.SplitLine(); line != "" {
			fmt.Fprintln(&b, line)
		}
		// The region's payback and net present value, in the words of a single council's
		// business case.
		fmt.Fprintf(&b, "The region's payback: %s\n", plots.PaybackText(nc))
		if rs.reps > 1 {
			fmt.Fprintln(&b, plots.PaidBackKey)
		}
		for _, line := range plots.NPVLines(nc, " of the region") {
			fmt.Fprintln(&b, line)
		}
		if marketPrices != "" {
			fmt.Fprintln(&b, marketPrices)
		}
	}
	for _, line := range append(prices, rc.CareLeaverLines()...) {
		fmt.Fprintln(&b, line)
	}
	// Where the change in spending of each council that made no change of its own comes
	// from, as the board pack says it.
	if lines := rc.WhoGainsLines(rs.interval); len(lines) > 0 {
		b.WriteString("\nWho gains, and why (spending_parts.csv splits every council's change):\n")
		for _, line := range lines {
			fmt.Fprintf(&b, "- %s\n", line)
		}
	}
	if len(uascGrant) > 0 {
		b.WriteString("\n")
	}
	for _, line := range uascGrant {
		fmt.Fprintln(&b, line)
	}
	return b.String()
}

// regionCompareJSON is what compare --json prints for regions.
type regionCompareJSON struct {
	Baseline string `json:"baseline"`
	Reps     int    `json:"reps"`
	// jsonSeed is the seed, as compareJSON's.
	jsonSeed
	Level float64 `json:"level"`
	// MoneyTerms says how the money reads, as under the printed tables
	// (plots.RegionMoneyTerms): in cash, and each council whose amounts are another year's
	// prices than the region's start's, with the year.
	MoneyTerms string `json:"money_terms"`
	// Comparisons are the strategies, in the order given.
	Comparisons []regionComparedJSON `json:"comparisons"`
}

// regionComparedJSON is one strategy against the baseline region.
type regionComparedJSON struct {
	Scenario string `json:"scenario"`
	// WhatItChanges says what the strategy changes against the baseline, a line each, as the
	// board pack lists them ("Nothing: the strategy is the baseline as it is." when nothing).
	WhatItChanges []string `json:"what_it_changes"`
	// PriceNotes say, a line each led by the council's name, how a council's prices rise
	// otherwise than in the baseline (plots.RegionPriceNotes); empty when none do.
	PriceNotes []string `json:"price_notes"`
	// Councils are each council's comparison, then the region's ("region").
	Councils []councilComparedJSON `json:"councils"`
	// CareLeavers is what the business cases say of young people leaving care with no
	// accommodation, the region's then each council's, when they move; absent otherwise.
	CareLeavers []string `json:"care_leavers,omitempty"`
	// WhoGains says where the change in spending of each council that made no change of its
	// own comes from, as the board pack says it (plots.RegionComparison.WhoGainsLines); empty
	// when none gains or loses clearly.
	WhoGains []string `json:"who_gains"`
}

// councilChangesJSON is what changes for one council over the whole run: figures in the
// KPI's unit, totals a year; null where the council does not record the KPI.
type councilChangesJSON struct {
	Council string             `json:"council"`
	Changes []regionChangeJSON `json:"changes"`
	// UASCGrant, when the council's (or the region's) UASC in care differ from the baseline's,
	// is the Home Office's grant for them, which the spending leaves out, as a single
	// council's comparison gives it; the region's, when its councils' rates differ, has no
	// per_night_gbp and gbp the sum of theirs.
	UASCGrant *uascGrantJSON `json:"uasc_grant,omitempty"`
}

type regionChangeJSON struct {
	KPI   string `json:"kpi"`
	Label string `json:"label"`
	// Unit is the KPI's unit, as a comparison's rows name it; PerYear says that the figures
	// are a year's worth (the run's total over the years it runs, as for emergency placements
	// and spending), not the whole run's average or ratio.
	Unit    string   `json:"unit"`
	PerYear bool     `json:"per_year"`
	Base    *float64 `json:"base"`
	Alt     *float64 `json:"alt"`
	Diff    *float64 `json:"diff"`
	DiffLo  *float64 `json:"diff_lo"`
	DiffHi  *float64 `json:"diff_hi"`
}

// councilComparedJSON is one council's comparison, or the region's, as --json prints it: the
// whole run's changes of the region's table, then the rows of a single council's comparison
// and its business case.
type councilComparedJSON struct {
	councilChangesJSON
	// Rows are the headline KPIs in every financial year and the whole run ("all"), in the
	// shape of a single council's comparison (compareRowJSON): the whole run's totals are the
	// run's, not a year's.
	Rows []compareRowJSON `json:"rows"`
	// BusinessCase is the council's (or the region's) business case over the run.
	BusinessCase *regionCaseJSON `json:"business_case"`
	// OwnChanges says whether the strategy changes anything of the council's own (for the
	// region, of any council's); SpendingParts split its change in spending over the whole run
	// as spending_parts.csv's rows of period "all" do, the total last.
	OwnChanges    bool               `json:"own_changes"`
	SpendingParts []spendingPartJSON `json:"spending_parts"`
}

// spendingPartJSON is one row of spending_parts.csv (sim.SpendingPart) over the whole run;
// a figure that is not known (a weekly price where no child is placed, the children of a cost
// tied to none) is null.
type spendingPartJSON struct {
	Part         string   `json:"part"`
	CostKPI      string   `json:"cost_kpi"`
	ChildrenKPI  string   `json:"children_kpi,omitempty"`
	Weeks        float64  `json:"weeks"`
	BaseChildren *float64 `json:"base_children"`
	AltChildren  *float64 `json:"alt_children"`
	ChildrenDiff *float64 `json:"children_change"`
	ChildrenLo   *float64 `json:"children_change_lo"`
	ChildrenHi   *float64 `json:"children_change_hi"`
	BaseWeekly   *float64 `json:"base_weekly_gbp"`
	AltWeekly    *float64 `json:"alt_weekly_gbp"`
	BaseCost     *float64 `json:"base_cost"`
	AltCost      *float64 `json:"alt_cost"`
	CostDiff     *float64 `json:"cost_change"`
	CostLo       *float64 `json:"cost_change_lo"`
	CostHi       *float64 `json:"cost_change_hi"`
	PriceEffect  *float64 `json:"price_effect"`
	VolumeEffect *float64 `json:"volume_effect"`
	Other        *float64 `json:"other"`
	Residual     *float64 `json:"residual"`
}

// spendingPartJSONOf is p as --json writes it.
func spendingPartJSONOf(p sim.SpendingPart) spendingPartJSON {
	return spendingPartJSON{Part: p.Part, CostKPI: p.CostKPI, ChildrenKPI: p.ChildrenKPI, Weeks: p.Weeks,
		BaseChildren: finiteJSON(p.BaseChildren), AltChildren: finiteJSON(p.AltChildren), ChildrenDiff: finiteJSON(p.ChildrenChange),
		ChildrenLo: finiteJSON(p.ChildrenLo), ChildrenHi: finiteJSON(p.ChildrenHi), BaseWeekly: finiteJSON(p.BaseWeekly), AltWeekly: finiteJSON(p.AltWeekly),
		BaseCost: finiteJSON(p.BaseCost), AltCost: finiteJSON(p.AltCost), CostDiff: finiteJSON(p.CostChange), CostLo: finiteJSON(p.CostLo), CostHi: finiteJSON(p.CostHi),
		PriceEffect: finiteJSON(p.PriceEffect), VolumeEffect: finiteJSON(p.VolumeEffect), Other: finiteJSON(p.Other), Residual: finiteJSON(p.Residual)}
}

// regionCaseJSON is a business case as the board pack's table of councils gives it, in pounds:
// savings to the council are positive.
type regionCaseJSON struct {
	// NetSaving is the cumulative net saving over the whole run.
	NetSaving caseFigureJSON `json:"net_saving"`
	// NPV is the net present value of the net savings at DiscountRate a year, and from year
	// 31 (the first year being year 0) at DiscountRateFrom31, given only where the run has a
	// year 31 and discounts it at another rate (HM Treasury's Green Book schedule: 3.0%).
	NPV                caseFigureJSON `json:"npv"`
	DiscountRate       float64        `json:"discount_rate"`
	DiscountRateFrom31 *float64       `json:"discount_rate_from_year_31,omitempty"`
	// Payback is the financial year from which the mean cumulative net saving stays above 0,
	// or null when it does not within the run; ChancePaysBack is the share of paired runs
	// whose cumulative net saving is above 0 at the run's end, null from one pair.
	Payback        *string  `json:"payback"`
	ChancePaysBack *float64 `json:"chance_pays_back"`
	// Split, on the region's business case only, and only when the strategy changes some of
	// its councils and not others, splits it between those it changes (Acting, named in
	// ActingCouncils) and the others (Others), each added up pair by pair with its own
	// intervals: the two add up to the region's.
	Split *regionSplitJSON `json:"split,omitempty"`
}

// regionSplitJSON is the region's business case split between the councils a strategy changes
// and the others (plots.RegionSplit).
type regionSplitJSON struct {
	ActingCouncils []string        `json:"acting_councils"`
	Acting         *regionCaseJSON `json:"acting"`
	Others         *regionCaseJSON `json:"others"`
}

// caseFigureJSON is one figure of a business case (sim.CaseFigure): the mean over paired runs,
// the confidence interval of the mean (lo, hi), the middle of single paired runs (run_lo,
// run_hi), the share of pairs above 0 and their number; null where not known, and the range
// and the share from one pair.
type caseFigureJSON struct {
	Mean         *float64 `json:"mean"`
	Lo           *float64 `json:"lo"`
	Hi           *float64 `json:"hi"`
	RunLo        *float64 `json:"run_lo"`
	RunHi        *float64 `json:"run_hi"`
	ChanceAbove0 *float64 `json:"chance_above_0"`
	N            int      `json:"n"`
}

// finiteJSON returns &v, or nil for NaN and infinities (null in JSON).
func finiteJSON(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// caseFigureJSONOf is f as --json writes it. One pair gives no range of single runs and no
// chance: those are null, as the chance better of a comparison's figures is.
func caseFigureJSONOf(f sim.CaseFigure) caseFigureJSON {
	out := caseFigureJSON{Mean: finiteJSON(f.Mean), Lo: finiteJSON(f.Lo), Hi: finiteJSON(f.Hi), N: f.N}
	if f.N >= 2 {
		out.RunLo, out.RunHi, out.ChanceAbove0 = finiteJSON(f.RunLo), finiteJSON(f.RunHi), finiteJSON(f.PPositive)
	}
	return out
}

// regionCaseJSONOf is the business case nc as --json writes it.
func regionCaseJSONOf(nc *sim.NetCase) *regionCaseJSON {
	out := &regionCaseJSON{NPV: caseFigureJSONOf(nc.NPV), DiscountRate: nc.Discount.Rate}
	out.DiscountRateFrom31 = discountFrom31(nc.Discount, len(nc.Years))
	if nc.NPV.N >= 2 { // one pair gives no share of futures
		out.ChancePaysBack = finiteJSON(nc.PPaysBack)
	}
	if n := len(nc.Years); n > 0 {
		out.NetSaving = caseFigureJSONOf(nc.Years[n-1].Cumulative)
	}
	if nc.Payback != "" {
		out.Payback = &nc.Payback
	}
	return out
}

// addCouncilFiguresJSON completes cj, whose comparisons are comps in order, with what a single
// council's comparison gives for each council and the region: the rows of its headline KPIs in
// every period, its business case, and the unit of each change and whether it is a year's
// worth. runs are the regions compared, the baseline first.
func addCouncilFiguresJSON(cj *regionCompareJSON, runs []comparedRegion, comps []*plots.RegionComparison) {
	results := func(r comparedRegion, council string) *sim.Results {
		if council == sim.RegionTotal {
			return r.rr.Total
		}
		return r.rr.Councils[councilIndex(r.reg, council)]
	}
	for a, rc := range comps {
		for k := range cj.Comparisons[a].Councils {
			cc := &cj.Comparisons[a].Councils[k]
			base, alt := results(runs[0], rc.Councils[k]), results(runs[a+1], rc.Councils[k])
			cc.Rows = comparedOf(base.Scenario, alt.Scenario, rc.Diffs[k]).Rows
			cc.BusinessCase = regionCaseJSONOf(rc.Cases[k])
			if sp := rc.Split; sp != nil && rc.Councils[k] == sim.RegionTotal {
				cc.BusinessCase.Split = &regionSplitJSON{ActingCouncils: sp.Acting, Acting: regionCaseJSONOf(sp.Act), Others: regionCaseJSONOf(sp.Rest)}
			}
			cc.OwnChanges, cc.SpendingParts = rc.OwnChangesOf(rc.Councils[k]), []spendingPartJSON{}
			if k < len(rc.Parts) {
				for _, p := range rc.Parts[k] {
					cc.SpendingParts = append(cc.SpendingParts, spendingPartJSONOf(p))
				}
			}
			for j := range cc.Changes {
				ch := &cc.Changes[j]
				info, _ := sim.KPIInfo(ch.KPI)
				ch.Unit, ch.PerYear = info.Unit.String(), info.Aggregate == sim.Total
			}
		}
	}
}

// regionComparedOf is one strategy's comparison as --json prints it, with changes, what the
// strategy changes against the baseline, and grants, what its spending leaves out for each of
// its councils (plots.RegionComparison.UASCGrants).
func regionComparedOf(rc *plots.RegionComparison, changes []string, grants []*plots.UASCGrant) regionComparedJSON {
	num := func(v float64) *float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return &v
	}
	out := regionComparedJSON{Scenario: rc.Scenario, WhatItChanges: changes, PriceNotes: []string{}, CareLeavers: rc.CareLeaverLines()}
	for i, row := range rc.Changes() {
		cc := councilChangesJSON{Council: rc.Councils[i], Changes: []regionChangeJSON{}}
		if i < len(grants) {
			cc.UASCGrant = uascGrantJSONOf(grants[i])
		}
		for _, ch := range row {
			cc.Changes = append(cc.Changes, regionChangeJSON{KPI: ch.KPI, Label: ch.Label, Base: num(ch.Base), Alt: num(ch.Alt), Diff: num(ch.Diff), DiffLo: num(ch.DiffLo), DiffHi: num(ch.DiffHi)})
		}
		out.Councils = append(out.Councils, councilComparedJSON{councilChangesJSON: cc})
	}
	return out
}
