package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// testRegionYAML is the region the tests run: three small councils of the erlang scenario,
// in two zones, sharing a market of agency foster places.
const testRegionYAML = `name: test-region
description: Three small councils.
start: 2026-04-01
years: 2
warmup_years: 0
zones:
  - {name: north, miles: {north: 5, south: 30}}
  - {name: south, miles: {south: 5}}
councils:
  - {name: north-shire, zone: north, scenario: erlang, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=6]}
  - {name: south-shire, zone: south, scenario: erlang, set: [entries.per_year=45, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=6]}
  - {name: east-shire, zone: north, scenario: erlang, set: [entries.per_year=20, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=6]}
markets:
  - kind: ifa
    pricing: {threshold: 0.8, premium_at_full: 0.3}
    providers:
      - {name: north-agencies, zone: north, places: 10}
      - {name: south-agencies, zone: south, places: 10}
`

// testRegionFile writes the test region into a folder of its own and returns its path.
func testRegionFile(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML})
	return filepath.Join(dir, "test-region.yaml")
}

// testCouncils are its councils, in order.
var testCouncils = []string{"north-shire", "south-shire", "east-shire"}

// sheetRows returns the rows of the sheet of the workbook at path.
func sheetRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	book, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// readRows reads the CSV file name of dir.
func readRows(t *testing.T, dir, name string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(readFile(t, dir, name))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

// TestRunRegion runs a region and reads what a user gets: the region's CSV files, whose
// council column holds each council and then "region"; a folder for each council with the
// files of a council's own run; the region's report, workbook, charts and manifest.
func TestRunRegion(t *testing.T) {
	out := filepath.Join(t.TempDir(), "region")
	o := mustRun(t, "run", testRegionFile(t), "--reps", "3", "--seed", "4", "--formats", "svg", "--out", out)
	if !strings.Contains(o.stderr, "region test-region (3 councils), 3 replications (seed 4)") {
		t.Errorf("run said %q", o.stderr)
	}
	for _, f := range []string{"summary.csv", "kpis.csv", "timeseries.csv"} {
		rows := readRows(t, out, f)
		if rows[0][0] != "council" || rows[0][1] != "scenario" {
			t.Errorf("%s: header %v, want council, scenario first", f, rows[0])
		}
		var order []string
		for _, r := range rows[1:] {
			if len(order) == 0 || order[len(order)-1] != r[0] {
				order = append(order, r[0])
			}
		}
		if want := append(slices.Clone(testCouncils), sim.RegionTotal); !slices.Equal(order, want) {
			t.Errorf("%s: council column runs %v, want %v", f, order, want)
		}
	}
	for _, f := range []string{"region.json", "report.html", "results.xlsx", "manifest.json", "charts/councils.svg", "charts/cost-by-year.svg", "charts/chart-data.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	for _, c := range testCouncils {
		for _, f := range []string{"summary.csv", "timeseries.csv", "scenario.yaml", "report.html", "results.xlsx", "charts/cost-by-year.svg"} {
			if _, err := os.Stat(filepath.Join(out, c, f)); err != nil {
				t.Error(err)
			}
		}
		if _, err := os.Stat(filepath.Join(out, c, "kpis.csv")); err == nil {
			t.Errorf("%s/kpis.csv written without --all-kpis", c)
		}
	}
	report := readFile(t, out, "report.html")
	for _, c := range testCouncils {
		if !strings.Contains(report, `<th scope="row" class="row">`+c+"</th>") || !strings.Contains(report, `href="`+c+`/report.html"`) {
			t.Errorf("the report lacks %s's row or its link", c)
		}
	}
	// The council's scenario.yaml says which scenario it runs.
	if want := `# Council "south-shire" of region "test-region", scenario "erlang" as run`; !strings.Contains(readFile(t, filepath.Join(out, "south-shire"), "scenario.yaml"), want) {
		t.Errorf("south-shire's scenario.yaml does not say %s", want)
	}
	// A council's scenario.yaml says that its shared kind was the region's market, which a run
	// of the file alone treats as unlimited, at the top and beside the kind; its report's row of
	// the kind says its places are the market's and its price the list price before premiums.
	yml := readFile(t, filepath.Join(out, "south-shire"), "scenario.yaml")
	for _, want := range []string{
		"# In the region, the places of ifa came from the region's shared market of each: its\n# providers' places, at its prices and premiums. This file alone has no such market: a run\n# of this file treats ifa as unlimited (capacity_places: unlimited) at list prices, and\n# gives other results: run the region to reproduce these.\n",
		"    capacity_places: unlimited # in the region, the shared market's 20 places at the start; run alone, unlimited\n",
	} {
		if !strings.Contains(yml, want) {
			t.Errorf("south-shire's scenario.yaml does not say\n%s", want)
		}
	}
	page := readFile(t, filepath.Join(out, "south-shire"), "report.html")
	if want := html.EscapeString("the list price, before the market's premiums") + "</td><td>" + html.EscapeString("the region's shared market: 20 places at the start, from 2 providers, shared with the other councils. The independent fostering agency (the overflow) market: each council pays its own weekly price for the kind, up to 30% more as the market fills from 80% of its places to full; a placement keeps the premium it began with."); !strings.Contains(page, want) {
		t.Errorf("south-shire's report does not say %s", want)
	}
	if strings.Contains(page, "Independent fostering agency</td><td class=\"num\">£900</td><td>unlimited") {
		t.Errorf("south-shire's report says its shared ifa places are unlimited")
	}
	// A council's folder holds no kpis.csv without --all-kpis, and its report and workbook name
	// only the files it holds.
	if want := "every figure is in summary.csv and timeseries.csv, and in results.xlsx."; !strings.Contains(page, want) {
		t.Errorf("south-shire's report does not say %s", want)
	}
	if strings.Contains(page, "kpis.csv") {
		t.Errorf("south-shire's report names kpis.csv, which its folder does not hold")
	}
	for _, r := range sheetRows(t, filepath.Join(out, "south-shire", "results.xlsx"), "How to read") {
		if strings.Contains(strings.Join(r, " "), "kpis.csv") {
			t.Errorf("south-shire's workbook names kpis.csv, which its folder does not hold: %q", r)
		}
	}
	// The workbook's Region sheet says which scenario each council runs.
	for _, r := range sheetRows(t, filepath.Join(out, "results.xlsx"), "Region")[1:] {
		if slices.Contains(testCouncils, r[0]) && r[2] != "erlang" {
			t.Errorf("the Region sheet's row %v: want scenario erlang", r)
		}
	}
	// The charts' source line names the region as a region, a council's report its scenario.
	if want := html.EscapeString(`simulation, region "test-region", 3 runs`); !strings.Contains(report, want) {
		t.Errorf("the report's source line does not hold %s", want)
	}
	if want := html.EscapeString(`simulation, scenario "south-shire", 3 runs`); !strings.Contains(readFile(t, filepath.Join(out, "south-shire"), "report.html"), want) {
		t.Errorf("south-shire's report's source line does not hold %s", want)
	}
	// The report's source line and the workbook's How to read say what a place in the shared
	// market costs: the councils' own price, and more as the market fills.
	market := "The independent fostering agency (the overflow) market: each council pays its own weekly price for the kind, up to 30% more as the market fills from 80% of its places to full; a placement keeps the premium it began with."
	if want := html.EscapeString(plots.CashTerms + " " + market); !strings.Contains(report, want) {
		t.Errorf("the report's source line does not hold %s", want)
	}
	if rows := sheetRows(t, filepath.Join(out, "results.xlsx"), "How to read"); len(rows) < 2 || rows[1][1] != plots.CashTerms+" "+market {
		t.Errorf("the workbook's How to read: %q, want its Money %q", rows, plots.CashTerms+" "+market)
	}
	// A council's summary.csv is the region's rows of that council, without the column, its
	// scenario column naming the council where the region's names the scenario it runs.
	region := readFile(t, out, "summary.csv")
	own := strings.SplitAfter(readFile(t, filepath.Join(out, "south-shire"), "summary.csv"), "\n")
	for _, l := range own[1:] {
		if l != "" && !strings.Contains(region, "\nsouth-shire,erlang,"+strings.TrimPrefix(l, "south-shire,")) {
			t.Fatalf("the region's summary.csv lacks south-shire's row %q", l)
		}
	}
}

// TestRegionKPIs checks what a region's kpis.csv holds: by default the headline KPIs, the same
// rows as with --all-kpis for those, and no council folder's kpis.csv; with --all-kpis every KPI
// of summary.csv, and each council's kpis.csv its rows of the region's.
func TestRegionKPIs(t *testing.T) {
	file := testRegionFile(t)
	dir := t.TempDir()
	some, all := filepath.Join(dir, "headline"), filepath.Join(dir, "all")
	mustRun(t, "run", file, "--reps", "2", "--charts=false", "--out", some, "-q")
	mustRun(t, "run", file, "--reps", "2", "--charts=false", "--all-kpis", "--out", all, "-q")
	// The manifest says which kpis.csv the folder holds.
	if !loadManifest(t, all).AllKPIs || loadManifest(t, some).AllKPIs {
		t.Error("the manifests do not say which run had --all-kpis")
	}
	kpisOf := func(rows [][]string, col int) []string {
		var ks []string
		for _, r := range rows[1:] {
			if !slices.Contains(ks, r[col]) {
				ks = append(ks, r[col])
			}
		}
		return ks
	}
	every := kpisOf(readRows(t, all, "summary.csv"), 3)
	if got := kpisOf(readRows(t, all, "kpis.csv"), 4); !slices.Equal(got, every) {
		t.Errorf("--all-kpis: kpis.csv holds %d KPIs, want summary.csv's %d", len(got), len(every))
	}
	headline := kpisOf(readRows(t, some, "kpis.csv"), 4)
	for _, want := range []string{sim.CostTotal, sim.ChildrenInCare, sim.OutOfAreaShare, sim.Over20MilesShare, sim.SpotPriceMultiplier, sim.MarketOccupancy("ifa")} {
		if !slices.Contains(headline, want) {
			t.Errorf("kpis.csv lacks the headline KPI %s; holds %v", want, headline)
		}
	}
	// A ratio's mean in summary.csv can be worked out again from kpis.csv's ingredients:
	// spot_price_multiplier is Σspot_price_multiplier_sum / Σspot_placements, which the
	// headline kpis.csv had lacked the numerator of.
	sums := map[string]*[2]float64{}
	for _, r := range readRows(t, some, "kpis.csv")[1:] {
		key := r[0] + " " + r[3]
		if sums[key] == nil {
			sums[key] = new([2]float64)
		}
		switch r[4] {
		case sim.SpotPriceMultiplierSum:
			sums[key][0] += parseF(t, r[5])
		case sim.SpotPlacements:
			sums[key][1] += parseF(t, r[5])
		}
	}
	checked := 0
	for _, r := range readRows(t, some, "summary.csv")[1:] {
		if r[3] != sim.SpotPriceMultiplier || r[4] == "NA" {
			continue
		}
		tot := sums[r[0]+" "+r[2]]
		if tot == nil || tot[1] == 0 || math.Abs(tot[0]/tot[1]-parseF(t, r[4])) > 1e-9 {
			t.Errorf("%s %s: summary.csv's spot_price_multiplier %s, not Σspot_price_multiplier_sum / Σspot_placements of kpis.csv (%v)", r[0], r[2], r[4], tot)
		}
		checked++
	}
	if checked == 0 {
		t.Error("no spot_price_multiplier in summary.csv to check")
	}
	// So can every other share's, its numerator and denominator among the headline KPIs: the
	// README says a share's mean is worked out from them.
	parts := map[string][2]string{
		sim.FirstChoiceShare:       {sim.FirstChoiceMatches, sim.Matches},
		sim.OutOfAreaShare:         {sim.ChildrenOutOfArea, sim.ChildrenInCare},
		sim.Over20MilesShare:       {sim.ChildrenOver20Miles, sim.ChildrenInCare},
		sim.PlacedDistantShare:     {sim.ChildrenPlacedDistant, sim.ChildrenInCare},
		sim.SpotPriceMultiplier:    {sim.SpotPriceMultiplierSum, sim.SpotPlacements},
		sim.MarketOccupancy("ifa"): {sim.MarketOccupied("ifa"), sim.MarketPlaces("ifa")},
	}
	for _, k := range headline {
		if info, ok := sim.KPIInfo(k); ok && info.Aggregate == sim.RatioOfTotals {
			p, ok := parts[k]
			if !ok {
				t.Errorf("the headline share %s: the test does not know its numerator and denominator", k)
				continue
			}
			if !slices.Contains(headline, p[0]) || !slices.Contains(headline, p[1]) {
				t.Errorf("kpis.csv holds the share %s but not both of %s and %s, whose ratio of totals is summary.csv's mean", k, p[0], p[1])
			}
		}
	}
	totals := map[string]float64{}
	for _, r := range readRows(t, some, "kpis.csv")[1:] {
		totals[r[0]+" "+r[3]+" "+r[4]] += parseF(t, r[5])
	}
	for _, r := range readRows(t, some, "summary.csv")[1:] {
		p, ok := parts[r[3]]
		if !ok || r[4] == "NA" || !slices.Contains(headline, r[3]) {
			continue
		}
		num, den := totals[r[0]+" "+r[2]+" "+p[0]], totals[r[0]+" "+r[2]+" "+p[1]]
		// kpis.csv writes each value to 17 significant digits (exactly); the sums differ from
		// summary.csv's only by the order of adding.
		if den == 0 || math.Abs(num/den-parseF(t, r[4])) > 1e-9*math.Abs(parseF(t, r[4])) {
			t.Errorf("%s %s: summary.csv's %s %s, not Σ%s / Σ%s of kpis.csv (%v / %v)", r[0], r[2], r[3], r[4], p[0], p[1], num, den)
		}
	}
	if len(headline) >= len(every)/2 {
		t.Errorf("kpis.csv holds %d KPIs of %d by default, want the headline ones", len(headline), len(every))
	}
	// The headline rows are --all-kpis's rows of those KPIs.
	allText := strings.SplitAfter(readFile(t, all, "kpis.csv"), "\n")
	var want strings.Builder
	for i, r := range readRows(t, all, "kpis.csv") {
		if i == 0 || slices.Contains(headline, r[4]) {
			want.WriteString(allText[i])
		}
	}
	if got := readFile(t, some, "kpis.csv"); got != want.String() {
		t.Errorf("the headline kpis.csv is not --all-kpis's rows of its KPIs")
	}
	region := readFile(t, all, "kpis.csv")
	for _, c := range testCouncils {
		if _, err := os.Stat(filepath.Join(some, c, "kpis.csv")); err == nil {
			t.Errorf("%s/kpis.csv written without --all-kpis", c)
		}
		own := strings.SplitAfter(readFile(t, filepath.Join(all, c), "kpis.csv"), "\n")
		for _, l := range own[1:] {
			if l != "" && !strings.Contains(region, "\n"+c+",erlang,"+strings.TrimPrefix(l, c+",")) {
				t.Fatalf("--all-kpis: the region's kpis.csv lacks %s's row %q", c, l)
			}
		}
	}
}

// TestRegionCouncilCharts checks that a large region's run leaves the councils' own charts,
// report and workbook out, saying how to get them, and that --council-charts draws them; and
// that --council-charts=false leaves them out of a small region's.
func TestRegionCouncilCharts(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: many\nstart: 2026-04-01\nyears: 1\nwarmup_years: 0\nzones: [{name: all, miles: {all: 5}}]\ncouncils:\n")
	for i := range councilChartsUpTo + 1 {
		fmt.Fprintf(&b, "  - {name: c%d, zone: all, scenario: erlang}\n", i)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"many.yaml": b.String()})
	out := filepath.Join(dir, "out")
	o := mustRun(t, "run", filepath.Join(dir, "many.yaml"), "--reps", "1", "--formats", "svg", "--out", out)
	if !strings.Contains(o.stderr, "--council-charts draws them") {
		t.Errorf("run of %d councils said %q, want how to draw the councils' charts", councilChartsUpTo+1, o.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "c0", "report.html")); err == nil {
		t.Errorf("c0/report.html written for a region of %d councils", councilChartsUpTo+1)
	}
	if _, err := os.Stat(filepath.Join(out, "report.html")); err != nil {
		t.Error(err)
	}
	o = mustRun(t, "run", filepath.Join(dir, "many.yaml"), "--reps", "1", "--formats", "svg", "--council-charts", "--out", out)
	if strings.Contains(o.stderr, "--council-charts draws them") {
		t.Errorf("run with --council-charts said %q", o.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "c0", "report.html")); err != nil {
		t.Error(err)
	}
	small := filepath.Join(dir, "small")
	mustRun(t, "run", testRegionFile(t), "--reps", "1", "--formats", "svg", "--council-charts=false", "--out", small, "-q")
	if _, err := os.Stat(filepath.Join(small, testCouncils[0], "report.html")); err == nil {
		t.Errorf("--council-charts=false: %s/report.html written", testCouncils[0])
	}
	// One run gives no range: the region's report says "–", as each council's does, not
	// "1,921 to 1,921" beside its own caution.
	if page, err := os.ReadFile(filepath.Join(small, "report.html")); err != nil {
		t.Error(err)
	} else if m := regexp.MustCompile(`([^<>]+) to ([^<]+)</span>`).FindAllStringSubmatch(string(page), -1); len(m) > 0 {
		t.Errorf("one run: the region's report gives ranges, such as %q", m[0][0])
	} else if !strings.Contains(string(page), `<span class="vh">, no range </span>–</span>`) {
		t.Errorf("one run: the region's report gives no \"–\" for the range")
	}
	if o := placesim(t, "run", "erlang", "--reps", "1", "--all-kpis", "--out", filepath.Join(dir, "s")); o.code != exitUsage || !strings.Contains(o.stderr, "is for a region") {
		t.Errorf("run of a scenario with --all-kpis: exit %d, said %q", o.code, o.stderr)
	}
}

// TestRegionMarketChartZones runs a region of six zones, each with agency places: the chart of
// the shared market draws the market in all zones and its four fullest zones, a line each named
// in the legend, and says which it drew and where every zone's is (over the run: its one run's).
func TestRegionMarketChartZones(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: six-zones\nstart: 2026-04-01\nyears: 1\nwarmup_years: 0\nzones:\n")
	for i := range 6 {
		fmt.Fprintf(&b, "  - {name: z%d, miles: {z%d: 5", i, i)
		for j := i + 1; j < 6; j++ {
			fmt.Fprintf(&b, ", z%d: 20", j)
		}
		b.WriteString("}}\n")
	}
	b.WriteString("councils:\n")
	for i := range 3 {
		fmt.Fprintf(&b, "  - {name: c%d, zone: z%d, scenario: erlang, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900]}\n", i, i)
	}
	b.WriteString("markets:\n  - kind: ifa\n    providers:\n")
	for i := range 6 {
		fmt.Fprintf(&b, "      - {name: p%d, zone: z%d, places: %d}\n", i, i, 4+i)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"six.yaml": b.String()})
	out := filepath.Join(dir, "out")
	mustRun(t, "run", filepath.Join(dir, "six.yaml"), "--reps", "1", "--formats", "svg", "--council-charts=false", "-q", "--out", out)
	svg := html.UnescapeString(readFile(t, out, "charts/market-occupancy-ifa.svg"))
	if want := "The zones drawn are the 4 fullest of its 6 with places (over the run); timeseries.csv holds every zone's."; !strings.Contains(strings.Join(strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(svg, " ")), " "), want) {
		t.Errorf("the chart does not say %q", want)
	}
	var named int
	for i := range 6 {
		if strings.Contains(svg, fmt.Sprintf(">z%d<", i)) {
			named++
		}
	}
	if named != 4 || !strings.Contains(svg, ">All zones<") {
		t.Errorf("the legend names %d zones and All zones %v, want 4 and All zones", named, strings.Contains(svg, ">All zones<"))
	}
}

// TestRegionTotalIsTheSum checks kpis.csv: for every replication, period and count, the region's
// value is the sum of the councils'.
func TestRegionTotalIsTheSum(t *testing.T) {
	out := filepath.Join(t.TempDir(), "region")
	mustRun(t, "run", testRegionFile(t), "--reps", "3", "--charts=false", "--all-kpis", "--out", out, "-q")
	rows := readRows(t, out, "kpis.csv")
	sums, totals := map[string]float64{}, map[string]float64{}
	councils := map[string]bool{} // the KPIs the councils have: the markets' own are the region's alone
	for _, r := range rows[1:] {
		if r[0] != sim.RegionTotal {
			councils[r[4]] = true
		}
	}
	for _, r := range rows[1:] {
		kpi := r[4]
		if !councils[kpi] || !isCount(kpi) {
			continue
		}
		v, err := strconv.ParseFloat(r[5], 64)
		if err != nil {
			continue // NA
		}
		key := r[2] + "," + r[3] + "," + kpi
		if r[0] == sim.RegionTotal {
			totals[key] = v
		} else {
			sums[key] += v
		}
	}
	if len(totals) == 0 {
		t.Fatal("no region rows")
	}
	for key, total := range totals {
		if s := sums[key]; math.Abs(s-total) > 1e-9*math.Max(1, math.Abs(total)) {
			t.Errorf("%s: region %v, councils' sum %v", key, total, s)
		}
	}
}

// isCount reports whether kpi is a count or money that adds up over councils.
func isCount(kpi string) bool {
	info, ok := sim.KPIInfo(kpi)
	return ok && info.Aggregate != sim.RatioOfTotals
}

// TestRegionBadFile runs and validates a region file with a mistake in a council: run exits
// with status 2 and validate with 1, each naming the file, line and field, and no folder is
// written.
func TestRegionBadFile(t *testing.T) {
	dir := t.TempDir()
	bad := strings.Replace(testRegionYAML, "zone: south, scenario: erlang", "zone: south, scenario: erlang, size: {children_in_care: -3}", 1)
	writeFiles(t, dir, map[string]string{"bad.yaml": bad})
	file := filepath.Join(dir, "bad.yaml")
	out := filepath.Join(dir, "out")
	o := placesim(t, "run", file, "--reps", "2", "--out", out)
	if o.code != exitUsage || !regexp.MustCompile(`bad\.yaml:11:\d+: councils\.south-shire\.size\.children_in_care`).MatchString(o.stderr) {
		t.Errorf("run: exit %d, said %q; want 2 and bad.yaml:11:COL: councils.south-shire.size.children_in_care", o.code, o.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("run wrote a folder for a bad region file")
	}
	o = placesim(t, "validate", file)
	if o.code != exitFailure || !regexp.MustCompile(`bad\.yaml:11:\d+: councils\.south-shire\.size\.children_in_care`).MatchString(o.stderr) {
		t.Errorf("validate: exit %d, said %q", o.code, o.stderr)
	}
	if o := mustRun(t, "validate", testRegionFile(t)); !strings.HasPrefix(o.stdout, "ok ") {
		t.Errorf("validate said %q of a good region file", o.stdout)
	}
}

// TestRegionShardsMerge runs a region in three uneven shards, merges them given in any order,
// and requires every file byte for byte the same as one process running it all.
func TestRegionShardsMerge(t *testing.T) {
	dir := t.TempDir()
	file := testRegionFile(t)
	one := filepath.Join(dir, "one")
	mustRun(t, "run", file, "--reps", "5", "--seed", "3", "--formats", "svg", "--out", one, "-q")
	var shards []string
	for i := range 3 {
		sd := filepath.Join(dir, "shard"+strconv.Itoa(i))
		mustRun(t, "run", file, "--reps", "5", "--seed", "3", "--shard", strconv.Itoa(i)+"/3", "--out", sd, "--workers", strconv.Itoa(i+1), "-q")
		shards = append(shards, sd)
	}
	merged := filepath.Join(dir, "merged")
	o := mustRun(t, "merge", shards[2], shards[0], shards[1], "--formats", "svg", "--out", merged)
	if !strings.Contains(o.stderr, "merged 3 shards of region test-region (3 councils), 5 replications (seed 3)") {
		t.Errorf("merge said %q", o.stderr)
	}
	if !strings.Contains(o.stderr, "placesim: caution: 5 runs are too few for the range of 9 in 10 runs") {
		t.Errorf("merge of 5 runs gave no caution: %q", o.stderr)
	}
	want, got := readTree(t, one), readTree(t, merged)
	if len(want) < 40 || len(got) != len(want) {
		t.Errorf("one process wrote %d files and the merge %d", len(want), len(got))
	}
	for name, content := range want {
		if got[name] != content {
			t.Errorf("%s differs between one process and the merged shards", name)
		}
	}
	// A shard that kept its records and KPIs in temporary files, and a merge that reads the
	// KPIs where they lie in the shards' files, write the same files too.
	func() {
		defer func(b int64) { memoryBudget = b }(memoryBudget)
		memoryBudget = 1
		disk := filepath.Join(dir, "shard1-disk")
		mustRun(t, "run", file, "--reps", "5", "--seed", "3", "--shard", "1/3", "--out", disk, "-q")
		merged := filepath.Join(dir, "merged-disk")
		mustRun(t, "merge", shards[0], disk, shards[2], "--formats", "svg", "--out", merged, "-q")
		got := readTree(t, merged)
		if len(got) != len(want) {
			t.Errorf("one process wrote %d files and the merge reading KPIs from the shards %d", len(want), len(got))
		}
		for name, content := range want {
			if got[name] != content {
				t.Errorf("%s differs between one process and the merge reading KPIs from the shards", name)
			}
		}
	}()
	// A shard missing, and a council's replications damaged, are refused.
	if o := placesim(t, "merge", shards[0], shards[2], "--out", filepath.Join(dir, "m2")); o.code != exitUsage || !strings.Contains(o.stderr, "placesim merge: missing replications 2-3 of 5: merge every shard of the run (2 shards were given, of 3)\n") {
		t.Errorf("merge of two shards of three: exit %d, said %q", o.code, o.stderr)
	}
	// A scenario's shard among a region's is refused.
	other := filepath.Join(dir, "scenario-shard")
	mustRun(t, "run", "erlang", "--reps", "5", "--years", "2", "--shard", "1/3", "--out", other, "-q")
	if o := placesim(t, "merge", shards[0], other, shards[2], "--out", filepath.Join(dir, "m4")); o.code != exitUsage || !strings.Contains(o.stderr, "a scenario's shard, not a region's") {
		t.Errorf("merge of a scenario's shard with a region's: exit %d, said %q", o.code, o.stderr)
	}
	bin := filepath.Join(shards[1], "south-shire", "replications.bin")
	b, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 1
	if err := os.WriteFile(bin, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if o := placesim(t, "merge", shards[0], shards[1], shards[2], "--out", filepath.Join(dir, "m3")); o.code != exitUsage || !strings.Contains(o.stderr, "south-shire") {
		t.Errorf("merge with a damaged council shard: exit %d, said %q", o.code, o.stderr)
	}
}

// TestRegionsList lists the built-in regions.
func TestRegionsList(t *testing.T) {
	o := mustRun(t, "regions")
	for _, b := range scenarios.BuiltinRegions() {
		if !strings.Contains(o.stdout, b.Name) {
			t.Errorf("regions does not list %s:\n%s", b.Name, o.stdout)
		}
	}
}

// TestRegionCSVGolden keeps the layout of a region's CSV files in testdata/region-csv.golden:
// each file's header, its first rows (the first council's) and the first rows of the region as
// a whole, from a run of the test region with seed 1 and 2 replications.
func TestRegionCSVGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "region")
	mustRun(t, "run", testRegionFile(t), "--reps", "2", "--charts=false", "--out", out, "-q")
	var b strings.Builder
	for _, f := range []string{"summary.csv", "kpis.csv", "timeseries.csv"} {
		lines := strings.Split(readFile(t, out, f), "\n")
		b.WriteString("== " + f + "\n" + strings.Join(lines[:4], "\n") + "\n...\n")
		for i, l := range lines {
			if strings.HasPrefix(l, sim.RegionTotal+",") {
				b.WriteString(strings.Join(lines[i:i+3], "\n") + "\n")
				break
			}
		}
	}
	golden(t, "region-csv.golden", b.String())
}

// testStrategyYAML is a strategy for the test region: a provider opens ten places in the
// north.
const testStrategyYAML = `name: test-new-provider
extends: test-region.yaml
description: A provider opens ten places in the north.
interventions:
  - {action: provider_open, name: new homes, on: 2026-10-01, market: ifa, provider: new-agency, zone: north, places: 10}
`

// TestCompareRegions compares the test region with a strategy: comparison.csv and
// business_case.csv lead with a council column holding each council and the region; the
// table on stdout and the board pack have a row for each, and the workbook and charts are
// written.
func TestCompareRegions(t *testing.T) {
	dir := filepath.Dir(testRegionFile(t))
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML, "strategy.yaml": testStrategyYAML})
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml"), "--reps", "6", "--formats", "svg", "--out", out)
	for _, f := range []string{"comparison.csv", "business_case.csv"} {
		rows := readRows(t, out, f)
		if rows[0][0] != "council" || rows[0][1] != "scenario" || rows[0][2] != "baseline" {
			t.Errorf("%s: header %v", f, rows[0])
		}
		var order []string
		for _, r := range rows[1:] {
			if r[1] != "test-new-provider" || r[2] != "test-region" {
				t.Fatalf("%s: row %v does not name the strategy and the baseline", f, r)
			}
			if len(order) == 0 || order[len(order)-1] != r[0] {
				order = append(order, r[0])
			}
		}
		if want := append(slices.Clone(testCouncils), sim.RegionTotal); !slices.Equal(order, want) {
			t.Errorf("%s: council column runs %v, want %v", f, order, want)
		}
	}
	for _, c := range append(slices.Clone(testCouncils), sim.RegionTotal) {
		if !regexp.MustCompile(`(?m)^` + c + `\s+[+-]`).MatchString(o.stdout) {
			t.Errorf("the table on stdout has no row for %s:\n%s", c, o.stdout)
		}
	}
	report := readFile(t, out, "report.html")
	for _, want := range []string{"<h2>test-new-provider</h2>", "new homes: new-agency opens 10 places in the independent fostering agency (the overflow) market", "<td>north-shire</td>", `<tr class="total"><td>Region</td>`, "Placed out of their own area"} {
		if !strings.Contains(report, want) {
			t.Errorf("the board pack lacks %q", want)
		}
	}
	for _, f := range []string{"results.xlsx", "charts/difference-test-new-provider.svg", "charts/business-case-test-new-provider.svg", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	// --json: each council's changes, then the region's.
	o = mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml"), "--reps", "6", "--charts=false", "--json", "-q", "--out", filepath.Join(dir, "cmp-json"))
	var cj regionCompareJSON
	if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil {
		t.Fatalf("--json: %v\n%s", err, o.stdout)
	}
	if len(cj.Comparisons) != 1 || len(cj.Comparisons[0].Councils) != 4 || cj.Comparisons[0].Councils[3].Council != sim.RegionTotal || len(cj.Comparisons[0].Councils[3].Changes) == 0 {
		t.Errorf("--json printed %s", o.stdout)
	}
	// The region's net saving over the run is the sum of its councils', and ten more places
	// cut its emergency placements.
	var sum, region float64
	for _, r := range readRows(t, out, "business_case.csv")[1:] {
		if r[3] != "2027/28" || r[4] != "cumulative_net_saving" {
			continue
		}
		v, err := strconv.ParseFloat(r[5], 64)
		if err != nil {
			t.Fatal(err)
		}
		if r[0] == sim.RegionTotal {
			region = v
		} else {
			sum += v
		}
	}
	if region == 0 || math.Abs(region-sum) > 1e-9*math.Abs(region) {
		t.Errorf("the region's cumulative net saving %v, its councils' sum %v", region, sum)
	}
	for _, r := range readRows(t, out, "comparison.csv")[1:] {
		if r[0] == sim.RegionTotal && r[3] == sim.WholeRun && r[4] == sim.EmergencyPlacements {
			if hi, err := strconv.ParseFloat(r[9], 64); err != nil || hi >= 0 {
				t.Errorf("the region's emergency placements: the interval of the change reaches %s, not below 0", r[9])
			}
		}
	}
}

// TestCompareRegionsOfDifferentYears compares regions whose runs report different financial
// years: compare says so once, of the regions, each named with its file, before it runs either.
func TestCompareRegionsOfDifferentYears(t *testing.T) {
	dir := filepath.Dir(testRegionFile(t))
	writeFiles(t, dir, map[string]string{"short.yaml": "extends: test-region.yaml\nyears: 1\n"})
	short := filepath.Join(dir, "short.yaml")
	o := placesim(t, "compare", filepath.Join(dir, "test-region.yaml"), short, "--reps", "2", "-q", "--out", filepath.Join(dir, "cmp"))
	want := "placesim compare: test-region (" + filepath.Join(dir, "test-region.yaml") + ") reports 2026/27 to 2027/28 and short (" + short +
		") reports 2026/27 to 2026/27: a comparison needs the same start and years (set them in the region file, or give --years)\n" +
		"Run 'placesim compare --help' for usage.\n"
	if o.code != exitUsage || o.stderr != want {
		t.Errorf("exit %d, stderr\n%s\nwant\n%s", o.code, o.stderr, want)
	}
}

// writeRegionWithoutEastShire writes two.yaml, the test region named two without its council
// east-shire, beside test-region.yaml, and returns their folder.
func writeRegionWithoutEastShire(t *testing.T) string {
	dir := filepath.Dir(testRegionFile(t))
	two := strings.Replace(strings.Replace(testRegionYAML, "name: test-region", "name: two", 1),
		"  - {name: east-shire, zone: north, scenario: erlang, set: [entries.per_year=20, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=6]}\n", "", 1)
	writeFiles(t, dir, map[string]string{"two.yaml": two})
	return dir
}

// TestCompareRegionsOfDifferentCouncils compares a region with one that lacks a council: compare
// says so before it runs either, naming both regions with their files, the council and which
// region lacks it.
func TestCompareRegionsOfDifferentCouncils(t *testing.T) {
	dir := writeRegionWithoutEastShire(t)
	base, alt := filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "two.yaml")
	o := placesim(t, "compare", base, alt, "--reps", "2", "-q", "--out", filepath.Join(dir, "cmp"))
	want := "placesim compare: two (" + alt + ") lacks council east-shire, which test-region (" + base +
		") has: a strategy needs its baseline's councils (compare a region with its own strategies)\n" +
		"Run 'placesim compare --help' for usage.\n"
	if o.code != exitUsage || o.stderr != want {
		t.Errorf("exit %d, stderr\n%s\nwant\n%s", o.code, o.stderr, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "cmp")); err == nil {
		t.Error("compare wrote its folder")
	}
}

// TestCompareRegionsOfMoreCouncils compares a baseline with a strategy that has a council the
// baseline lacks: compare says the strategy has it, not that the baseline lacks it.
func TestCompareRegionsOfMoreCouncils(t *testing.T) {
	dir := writeRegionWithoutEastShire(t)
	base, alt := filepath.Join(dir, "two.yaml"), filepath.Join(dir, "test-region.yaml")
	o := placesim(t, "compare", base, alt, "--reps", "2", "-q", "--out", filepath.Join(dir, "cmp"))
	want := "placesim compare: test-region (" + alt + ") has council east-shire, which the baseline two (" + base +
		") lacks: a strategy can have only its baseline's councils (compare a region with its own strategies)\n" +
		"Run 'placesim compare --help' for usage.\n"
	if o.code != exitUsage || o.stderr != want {
		t.Errorf("exit %d, stderr\n%s\nwant\n%s", o.code, o.stderr, want)
	}
}

// TestCompareRegionsJSON reads compare --json of regions as a script would: each council and
// the region have the rows of a single council's comparison (every financial year and the whole
// run, with both ranges, the chance better, the pairs and the unit), whose figures are
// comparison.csv's; a business case whose net saving and net present value are
// business_case.csv's; and changes that say which are a year's worth (the whole run's total
// over its years).
func TestCompareRegionsJSON(t *testing.T) {
	dir := filepath.Dir(testRegionFile(t))
	writeFiles(t, dir, map[string]string{"strategy.yaml": testStrategyYAML})
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml"), "--reps", "3", "--charts=false", "--json", "-q", "--out", out)
	var cj struct {
		Comparisons []struct {
			Councils []struct {
				Council string `json:"council"`
				Changes []struct {
					KPI     string   `json:"kpi"`
					Unit    string   `json:"unit"`
					PerYear *bool    `json:"per_year"`
					Diff    *float64 `json:"diff"`
				} `json:"changes"`
				Rows []struct {
					KPI, Unit, All, Period string
					DiffMean               float64  `json:"diff_mean"`
					RunLo                  *float64 `json:"run_lo"`
					RunHi                  *float64 `json:"run_hi"`
					ChanceBetter           *float64 `json:"chance_better"`
					N                      int      `json:"n"`
				} `json:"rows"`
				BusinessCase *struct {
					NetSaving struct {
						Mean *float64 `json:"mean"`
					} `json:"net_saving"`
					NPV struct {
						Mean *float64 `json:"mean"`
					} `json:"npv"`
					Payback        *string  `json:"payback"`
					ChancePaysBack *float64 `json:"chance_pays_back"`
				} `json:"business_case"`
			} `json:"councils"`
		} `json:"comparisons"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil {
		t.Fatalf("--json: %v\n%s", err, o.stdout)
	}
	if len(cj.Comparisons) != 1 || len(cj.Comparisons[0].Councils) != 4 {
		t.Fatalf("--json printed %s", o.stdout)
	}
	// comparison.csv's diff_mean and business_case.csv's mean, by council, period and KPI or figure.
	csvFigures := func(name string, key, value int) map[[3]string]float64 {
		m := map[[3]string]float64{}
		for _, r := range readRows(t, out, name)[1:] {
			if r[value] == "NA" {
				continue // a share with no children to count (long_term_stable_share in a short run)
			}
			m[[3]string{r[0], r[3], r[key]}] = parseF(t, r[value])
		}
		return m
	}
	diffs, cases := csvFigures("comparison.csv", 4, 7), csvFigures("business_case.csv", 4, 5)
	for _, c := range cj.Comparisons[0].Councils {
		periods := map[string]bool{}
		for _, r := range c.Rows {
			periods[r.Period] = true
			if r.Unit == "" || r.All == "" || r.N != 3 || r.RunLo == nil || r.RunHi == nil {
				t.Errorf("%s: row %s %s lacks its unit, all, ranges or pairs: %+v", c.Council, r.KPI, r.Period, r)
			}
			if want, ok := diffs[[3]string{c.Council, r.Period, r.KPI}]; !ok || r.DiffMean != want {
				t.Errorf("%s: %s in %s: diff_mean %v, comparison.csv %v", c.Council, r.KPI, r.Period, r.DiffMean, want)
			}
			if r.KPI == sim.CostTotal && r.ChanceBetter == nil {
				t.Errorf("%s: spending has no chance_better", c.Council)
			}
		}
		for _, p := range []string{"2026/27", "2027/28", sim.WholeRun} {
			if !periods[p] {
				t.Errorf("%s: no rows of %s", c.Council, p)
			}
		}
		for _, ch := range c.Changes {
			if ch.Unit == "" || ch.PerYear == nil {
				t.Errorf("%s: change of %s without unit or per_year", c.Council, ch.KPI)
				continue
			}
			if total := ch.KPI == sim.EmergencyPlacements || ch.KPI == sim.CostTotal; *ch.PerYear != total {
				t.Errorf("%s: %s per_year %v", c.Council, ch.KPI, *ch.PerYear)
			}
			if ch.KPI == sim.CostTotal && ch.Diff != nil {
				if all := diffs[[3]string{c.Council, sim.WholeRun, sim.CostTotal}]; math.Abs(*ch.Diff*2-all) > 1e-6*math.Abs(all) {
					t.Errorf("%s: spending's change %v a year, comparison.csv's whole run %v over 2 years", c.Council, *ch.Diff, all)
				}
			}
		}
		bc := c.BusinessCase
		if bc == nil || bc.NetSaving.Mean == nil || bc.NPV.Mean == nil || bc.ChancePaysBack == nil {
			t.Errorf("%s: business case %+v", c.Council, bc)
			continue
		}
		if want := cases[[3]string{c.Council, "2027/28", "cumulative_net_saving"}]; *bc.NetSaving.Mean != want {
			t.Errorf("%s: net saving %v, business_case.csv %v", c.Council, *bc.NetSaving.Mean, want)
		}
		if want := cases[[3]string{c.Council, sim.WholeRun, "npv"}]; *bc.NPV.Mean != want {
			t.Errorf("%s: npv %v, business_case.csv %v", c.Council, *bc.NPV.Mean, want)
		}
	}
}

// TestCompareRegionsSaysWhatChanges checks that compare of two regions says what the strategy
// changes against its baseline on stdout, above its table, and in --json (what_it_changes), in
// the words and figures of the board pack's list: West Sussex's scenario and its five approval
// programmes for the built-in one-council-recruits, and that nothing changes for a strategy
// that only renames the region.
func TestCompareRegionsSaysWhatChanges(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML, "renamed.yaml": "name: renamed\nextends: test-region.yaml\n"})
	programme := func(years string, approvals float64, from, to string) string {
		s := fmt.Sprintf("west-sussex: Extra approvals for 12 net households a year (%s) (%.1f more approvals a year for in-house foster care), from April %s", years, approvals, from)
		if to != "" {
			s += " to April " + to
		}
		return s + "; costs: £12,000 for each household it approves, in place of the usual recruitment cost"
	}
	for _, tt := range []struct {
		base, alt string
		want      []string
	}{
		{"south-east", "one-council-recruits", []string{
			"west-sussex: its scenario: recruit-12-net-carers (baseline default)",
			programme("2026-28", 13.5, "2026", "2028"),
			programme("2028-30", 16.5, "2028", "2030"),
			programme("2030-32", 19.5, "2030", "2032"),
			programme("2032-34", 22.5, "2032", "2034"),
			programme("from 2034", 25.5, "2034", ""),
		}},
		{filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "renamed.yaml"), []string{"Nothing: the strategy is the baseline as it is."}},
	} {
		t.Run(filepath.Base(tt.alt), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "cmp")
			o := mustRun(t, "compare", tt.base, tt.alt, "--reps", "2", "--formats", "svg", "-q", "--out", out)
			// The board pack's list, as its page shows it.
			report := readFile(t, out, "report.html")
			var pack []string
			if _, list, ok := strings.Cut(report, "<p>What it changes against "); ok {
				list, _, _ = strings.Cut(list, "</ul>")
				for _, m := range regexp.MustCompile(`<li>(.*)</li>`).FindAllStringSubmatch(list, -1) {
					pack = append(pack, html.UnescapeString(m[1]))
				}
			}
			if !slices.Equal(pack, tt.want) {
				t.Errorf("the board pack lists\n%s\nwant\n%s", strings.Join(pack, "\n"), strings.Join(tt.want, "\n"))
			}
			lines := strings.Split(o.stdout, "\n")
			var printed []string
			if len(lines) > 1 && strings.HasPrefix(lines[1], "What it changes against ") {
				for _, l := range lines[2:] {
					if l == "" {
						break
					}
					printed = append(printed, strings.TrimPrefix(l, "- "))
				}
			}
			if !slices.Equal(printed, tt.want) {
				t.Errorf("stdout says\n%s\nwant, under its first line, what it changes:\n%s", o.stdout, strings.Join(tt.want, "\n"))
			}
			o = mustRun(t, "compare", tt.base, tt.alt, "--reps", "2", "--charts=false", "--json", "-q", "--out", filepath.Join(t.TempDir(), "json"))
			var cj struct {
				Comparisons []struct {
					WhatItChanges []string `json:"what_it_changes"`
				} `json:"comparisons"`
			}
			if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil {
				t.Fatalf("--json: %v\n%s", err, o.stdout)
			}
			if len(cj.Comparisons) != 1 || !slices.Equal(cj.Comparisons[0].WhatItChanges, tt.want) {
				t.Errorf("--json: %+v, want what_it_changes %q", cj.Comparisons, tt.want)
			}
		})
	}
}

// TestLargeRegionRunKeepsRecordsOnDisk runs the test region with a memory budget smaller than
// one replication's records: the records and the KPIs go to temporary files, the KPIs read
// back a period at a time, and every file is the same as a run that kept them in memory, with
// the headline KPIs and with every council's (--all-kpis).
func TestLargeRegionRunKeepsRecordsOnDisk(t *testing.T) {
	file := testRegionFile(t)
	for _, flags := range [][]string{nil, {"--all-kpis"}} {
		t.Run(strings.Join(append([]string{"run"}, flags...), " "), func(t *testing.T) {
			dir := t.TempDir()
			mem, disk := filepath.Join(dir, "mem"), filepath.Join(dir, "disk")
			args := append([]string{"run", file, "--reps", "7", "--formats", "svg", "-q"}, flags...)
			mustRun(t, append(args, "--out", mem)...)
			defer func(b int64) { memoryBudget = b }(memoryBudget)
			memoryBudget = 1
			mustRun(t, append(args, "--out", disk)...)
			want, got := readTree(t, mem), readTree(t, disk)
			if len(got) != len(want) {
				t.Errorf("%d files in memory and %d on disk", len(want), len(got))
			}
			for name, content := range want {
				if got[name] != content {
					t.Errorf("%s differs between records kept in memory and on disk", name)
				}
			}
		})
	}
}

// TestPlotRefusesRegion asks plot to draw a region's folder: it says that the folder is a
// region's run.
func TestPlotRefusesRegion(t *testing.T) {
	out := filepath.Join(t.TempDir(), "region")
	mustRun(t, "run", testRegionFile(t), "--reps", "2", "--formats", "svg", "--out", out, "-q")
	if o := placesim(t, "plot", out); o.code != exitUsage || !strings.Contains(o.stderr, `is the run of region "test-region"`) {
		t.Errorf("plot of a region's folder: exit %d, said %q", o.code, o.stderr)
	}
}

// TestCompareRegionsCareLeavers checks that a regional strategy that caps a council's care
// leavers' accommodation, and so saves money by leaving young people with no place, says so as
// a comparison of one council does: a column of the young people leaving care with no
// accommodation in the table on stdout and in the board pack, the business case's line of them
// for the region and the council, and the warning that the saving is not a saving of the duty.
func TestCompareRegionsCareLeavers(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"cap.yaml": `name: se-cap
extends: south-east
councils:
  - name: kent
    interventions:
      - {action: care_leaver_places, from: 2026-04-01, count: 100}
`})
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", "south-east", filepath.Join(dir, "cap.yaml"), "--reps", "2", "--years", "3", "--formats", "svg", "-q", "--out", out)
	line := regexp.MustCompile(`(?m)^Young people leaving care with no accommodation over the 3 years: \+\d+ \(90% confidence interval of the mean \+\d+ to \+\d+\): 0 in south-east, \d+ in se-cap\.$`)
	warning := "Warning: this saving comes with more young people leaving care with no accommodation; placesim prices no accommodation for them: the saving is not a saving of the duty."
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`emergencies\s+in emergency\s+no accommodation\s+spending`),
		regexp.MustCompile(`(?m)^kent\s.*\+\d+ \(\+\d+ to \+\d+\)\s+-£`),
		regexp.MustCompile(`The region's net saving over the run: \+£`),
		line,
		regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(warning) + `$`),
		regexp.MustCompile(`(?m)^kent: Young people leaving care with no accommodation over the 3 years: \+\d+`),
		regexp.MustCompile(`(?m)^kent: ` + regexp.QuoteMeta(warning) + `$`),
	} {
		if !want.MatchString(o.stdout) {
			t.Errorf("stdout does not match %s:\n%s", want, o.stdout)
		}
	}
	report := html.UnescapeString(readFile(t, out, "report.html"))
	for _, want := range []string{"Young people leaving care with no accommodation a year", "<p>" + warning + "</p>",
		"emergency placements, young people leaving care with no accommodation and spending a year"} {
		if !strings.Contains(report, want) {
			t.Errorf("the board pack lacks %q", want)
		}
	}
	if !line.MatchString(strings.NewReplacer("<p>", "\n", "</p>", "\n").Replace(report)) {
		t.Errorf("the board pack lacks the business case's line of the young people leaving care with no accommodation")
	}
	o = mustRun(t, "compare", "south-east", filepath.Join(dir, "cap.yaml"), "--reps", "2", "--years", "3", "--charts=false", "--json", "-q", "--out", filepath.Join(dir, "json"))
	var cj regionCompareJSON
	if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil {
		t.Fatalf("--json: %v\n%s", err, o.stdout)
	}
	if len(cj.Comparisons) != 1 || len(cj.Comparisons[0].CareLeavers) != 4 || cj.Comparisons[0].CareLeavers[1] != warning {
		t.Errorf("--json care_leavers: %q", cj.Comparisons[0].CareLeavers)
	}
}

// TestCompareRegionsPartYearAndCashTerms compares regions whose run starts on 1 July, as a single
// council's comparison would be labelled: the table on stdout says its money is in cash terms and
// names its interval the confidence interval of the mean; the difference chart's subtitle speaks of
// the last whole year, 2027/28, not of the part year "2028/29 (to 30 June)", which it names only as
// a part year, as the pack's business case does; and the board pack's source line says money is in
// cash terms and its cells name the interval as the table does. Both then say what a place in the
// shared market costs, its premium of a full market beyond the councils' own price.
func TestCompareRegionsPartYearAndCashTerms(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": strings.Replace(testRegionYAML, "start: 2026-04-01", "start: 2026-07-01", 1), "strategy.yaml": testStrategyYAML})
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml"), "--reps", "3", "--formats", "svg", "-q", "--out", out)
	// The shared market's prices follow, as they are not plainly the councils' own.
	market := " The independent fostering agency (the overflow) market: each council pays its own weekly price for the kind, up to 30% more as the market fills from 80% of its places to full; a placement keeps the premium it began with."
	for _, want := range []string{"\n" + plots.CashTerms + market + "\n", "Average change over the run, with the 90% confidence interval of the mean: children"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, o.stdout)
		}
	}
	report := html.UnescapeString(readFile(t, out, "report.html"))
	for _, want := range []string{"every council's paired. " + plots.CashTerms + market, "by the end of 2028/29 (to 30 June)", "below it its 90% confidence interval of the mean, and",
		"Below each, its 90% confidence interval of the mean."} {
		if !strings.Contains(report, want) {
			t.Errorf("the board pack lacks %q", want)
		}
	}
	if svg := html.UnescapeString(readFile(t, out, "charts/difference-test-new-provider.svg")); !strings.Contains(strings.ToLower(svg), "in 2027/28") || strings.Contains(svg, "in 2028/29 (to 30 June)") ||
		!strings.Contains(svg, "2028/29 (to 30 June) are part years") {
		t.Errorf("the difference chart's subtitle does not speak of the last whole year 2027/28, naming the part years as such")
	}
}

// TestCompareRegionsUASCGrant compares the test region with a strategy in which one council
// takes UASC and gives the Home Office's grant rate: the table on stdout and the board pack say,
// in the words of a single council's comparison, what grant the spending leaves out, for the
// region and for that council (of the council in each region, at its rate); the councils whose UASC do not move say nothing of it.
func TestCompareRegionsUASCGrant(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML, "strategy.yaml": `name: test-uasc
extends: test-region.yaml
councils:
  - {name: north-shire, set: [entries.per_year=30, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=6, uasc.per_year=10, "uasc.ages=[{ages: 16-17, share: 1, needs: {standard: 1}, male_share: 0.9}]", uasc.grant_per_night_gbp=143]}
`})
	out := filepath.Join(dir, "cmp")
	o := mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml"), "--reps", "3", "--formats", "svg", "-q", "--out", out)
	grant := regexp.MustCompile(`Not counted: the Home Office's grant for unaccompanied asylum-seeking children \(UASC\), income for each one the council looks after\. ` +
		`test-uasc has [0-9.]+ more UASC child-years in care than test-region over the 2 years \(the 90% confidence interval of the mean: \+[0-9.]+ to \+[0-9.]+\); ` +
		`at north-shire's £143 a night \(its uasc.grant_per_night_gbp, not uprated for inflation\) that would bring about £\d+k of grant \(\+£\d+k to \+£\d+k\), which the spending figures leave out\.`)
	// The council's line speaks of the council, in each region, at its own rate.
	councilGrant := regexp.MustCompile(`north-shire: Not counted: the Home Office's grant for unaccompanied asylum-seeking children \(UASC\), income for each one the council looks after\. ` +
		`north-shire in test-uasc has [0-9.]+ more UASC child-years in care than in test-region over the 2 years \(the 90% confidence interval of the mean: \+[0-9.]+ to \+[0-9.]+\); ` +
		`at north-shire's £143 a night \(its uasc.grant_per_night_gbp, not uprated for inflation\) that would bring about £\d+k of grant \(\+£\d+k to \+£\d+k\), which the spending figures leave out\.`)
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^` + grant.String() + `$`),
		regexp.MustCompile(`(?m)^` + councilGrant.String() + `$`),
	} {
		if !want.MatchString(o.stdout) {
			t.Errorf("stdout does not match %s:\n%s", want, o.stdout)
		}
	}
	if strings.Contains(o.stdout, "south-shire: Not counted") || strings.Contains(o.stdout, "east-shire: Not counted") {
		t.Errorf("a council whose UASC do not move speaks of the grant:\n%s", o.stdout)
	}
	report := html.UnescapeString(readFile(t, out, "report.html"))
	if n := len(regexp.MustCompile(`<p>(`+grant.String()+`|`+councilGrant.String()+`)</p>`).FindAllString(report, -1)); n != 2 {
		t.Errorf("the board pack says the grant %d times, want 2 (the region's and north-shire's)", n)
	}

	// --json gives it as a single council's comparison does (uasc_grant), for the region and
	// for north-shire, and not for the councils whose UASC do not move.
	o = mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml"), "--reps", "3", "--json", "--charts=false", "-q", "--out", filepath.Join(dir, "cmp-json"))
	var cj struct {
		Comparisons []struct {
			Councils []struct {
				Council   string         `json:"council"`
				UASCGrant map[string]any `json:"uasc_grant"`
			} `json:"councils"`
		} `json:"comparisons"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil || len(cj.Comparisons) != 1 {
		t.Fatalf("--json: %v\n%s", err, o.stdout)
	}
	var with []string
	for _, c := range cj.Comparisons[0].Councils {
		g := c.UASCGrant
		if g == nil {
			continue
		}
		with = append(with, c.Council)
		years, _ := g["child_years"].(float64)
		gbp, _ := g["gbp"].(float64)
		// 2 years from 1 April 2026 are 731 nights (29 February 2028 among them), at £143 a night.
		if g["counted"] != false || years <= 0 || g["per_night_gbp"] != 143.0 || math.Abs(gbp-years/2*731*143) > 1e-6*gbp ||
			g["child_years_lo"] == nil || g["gbp_lo"] == nil || g["gbp_hi"] == nil {
			t.Errorf("--json: %s's uasc_grant %v, want the child-years it adds at north-shire's £143 a night, not counted", c.Council, g)
		}
	}
	if !slices.Equal(with, []string{"north-shire", sim.RegionTotal}) {
		t.Errorf("--json: uasc_grant for %v, want north-shire's and the region's", with)
	}
}

// TestRegionYearsFlagHint runs a region whose council's built-in scenario runs past the years
// --years gave it: the problem names the flag to give (--years 10), not the region file's
// field; given by --set years=3, it still names the region's years.
func TestRegionYearsFlagHint(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"r.yaml": "name: r\nextends: south-east\ncouncils:\n  - name: west-sussex\n    scenario: recruit-12-net-carers\n"})
	ref := filepath.Join(dir, "r.yaml")
	o := placesim(t, "run", ref, "--reps", "2", "--years", "3", "-q", "--out", filepath.Join(dir, "out"))
	if o.code == 0 || !strings.Contains(o.stderr, "the built-in recruit-12-net-carers runs to 2036: give --years 10\n") || strings.Contains(o.stderr, "give the region years") {
		t.Errorf("--years 3: exit %d, stderr\n%s\nwant it to say give --years 10", o.code, o.stderr)
	}
	o = placesim(t, "run", ref, "--reps", "2", "--set", "years=3", "-q", "--out", filepath.Join(dir, "out"))
	if o.code == 0 || !strings.Contains(o.stderr, "runs to 2036: give the region years: 10\n") {
		t.Errorf("--set years=3: exit %d, stderr\n%s\nwant it to say give the region years: 10", o.code, o.stderr)
	}
}

// TestRegionReportSaysClosedPlacesStay checks that the region's report, under its market table,
// says that places a provider_exit or a cut closes stay among the places until their children
// leave, so that the market reads as full, for a region with such a change only.
func TestRegionReportSaysClosedPlacesStay(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML,
		"exit.yaml": "name: exit\nextends: test-region.yaml\ninterventions:\n  - {action: provider_exit, on: 2027-04-01, market: ifa, provider: north-agencies}\n",
		"cut.yaml":  "name: cut\nextends: test-region.yaml\ninterventions:\n  - {action: provider_resize, on: 2027-04-01, market: ifa, provider: north-agencies, places: -5}\n",
		"grow.yaml": "name: grow\nextends: test-region.yaml\ninterventions:\n  - {action: provider_resize, on: 2027-04-01, market: ifa, provider: north-agencies, places: 5}\n"})
	const say = "A place a provider_exit or a cut closes stays open, and among the places, until the child in it leaves: a market closing places reads as full."
	for _, tc := range []struct {
		file string
		says bool
	}{{"exit.yaml", true}, {"cut.yaml", true}, {"grow.yaml", false}, {"test-region.yaml", false}} {
		out := filepath.Join(dir, "out-"+tc.file)
		mustRun(t, "run", filepath.Join(dir, tc.file), "--reps", "1", "--formats", "svg", "--council-charts=false", "-q", "--out", out)
		if got := strings.Contains(readFile(t, out, "report.html"), say); got != tc.says {
			t.Errorf("%s: the report says %q: %v, want %v", tc.file, say, got, tc.says)
		}
	}
}
