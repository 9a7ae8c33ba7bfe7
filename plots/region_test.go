package plots_test

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// testRegion returns a region of two small councils built by hand: tiny with 40 children a
// year and with 70, each run alone for 6 replications, and a total that adds up their KPIs
// and monthly records replication by replication (shares too: the writers and the report take
// the total as it comes).
func testRegion(t *testing.T) *sim.RegionResults {
	t.Helper()
	return testRegionSet(t)
}

// testRegionSet is testRegion with sets applied to both councils' scenarios ("start=2026-07-01").
func testRegionSet(t *testing.T, sets ...string) *sim.RegionResults {
	t.Helper()
	reg := &model.Region{Name: "two-counties", Description: "Two small counties.", Years: 3, Zones: []model.Zone{{Name: "north"}, {Name: "south"}}}
	rr := &sim.RegionResults{Region: reg, Seed: 1}
	for i, c := range []struct{ name, set string }{{"north-shire", "entries.per_year=40"}, {"south, shire", "entries.per_year=70"}} {
		own := []string{c.set}
		if slices.ContainsFunc(sets, func(s string) bool { return strings.HasPrefix(s, "entries.per_year=") }) {
			own = nil // sets gives it, once
		}
		s, err := scenarios.Parse(strings.NewReader(tinyYAML), "tiny.yaml", append(own, sets...))
		if err != nil {
			t.Fatal(err)
		}
		reg.Start = s.Start
		reg.Councils = append(reg.Councils, model.Council{Name: c.name, Zone: i, Scenario: s})
		res, err := sim.Run(s, sim.Options{Reps: 6, Seed: sim.CouncilSeed(1, c.name)})
		if err != nil {
			t.Fatal(err)
		}
		rr.Councils = append(rr.Councils, res)
	}
	total := *rr.Councils[0]
	ts := *total.Scenario
	ts.Name = reg.Name
	total.Scenario = &ts
	total.Reps = nil
	for r := range rr.Councils[0].Reps {
		rep := sim.Replication{Index: r}
		for _, res := range rr.Councils {
			rep.KPIs = add(rep.KPIs, res.Reps[r].KPIs)
			rec, err := res.MonthlyRecord(r)
			if err != nil {
				t.Fatal(err)
			}
			rep.Monthly = add(rep.Monthly, rec)
		}
		total.Reps = append(total.Reps, rep)
	}
	rr.Total = &total
	return rr
}

// TestRegionChartTable checks the table under the chart of the councils side by side: a row a
// council, not the region, each cell the median and range of the councils' own figures; and
// that a chart the region does not draw has none.
func TestRegionChartTable(t *testing.T) {
	rr := testRegion(t)
	f, err := plots.NewRegionChartFigures(rr, plots.Source{Scenario: "two-counties"})
	if err != nil {
		t.Fatal(err)
	}
	head, rows, err := f.Table(plots.RegionCouncils)
	if err != nil {
		t.Fatal(err)
	}
	figs := plots.NewRegionFigures(rr)
	j := slices.Index(figs.KPIs, sim.ChildrenInCare)
	if len(rows) != 2 || head[0] != "council" || head[1] != figs.Labels[j] {
		t.Fatalf("the councils' table: head %q, %d rows", head, len(rows))
	}
	for i, row := range rows {
		st := figs.Stats[i][j]
		want := fmt.Sprintf("%s (%s to %s)", plots.Level(st.Percentiles[1], plots.Count), plots.Level(st.Percentiles[0], plots.Count), plots.Level(st.Percentiles[2], plots.Count))
		if row[0] != figs.Councils[i] || row[1] != want || len(row) != len(head) {
			t.Errorf("row %d: %q, want %s's children in care %q", i, row, figs.Councils[i], want)
		}
	}
	if _, _, err := f.Table("market-occupancy-nowhere"); err == nil {
		t.Error("a chart the region does not draw has a table")
	}
}

func add(sum, xs []float64) []float64 {
	if sum == nil {
		return slices.Clone(xs)
	}
	for i, x := range xs {
		sum[i] += x
	}
	return sum
}

// TestRegionFigures checks the table of councils: a row for each council and the region, the
// region's children in care the sum of the councils' replication by replication (so its
// median lies between the sum of their 5th and of their 95th percentiles), and spending a
// year's worth.
func TestRegionFigures(t *testing.T) {
	rr := testRegion(t)
	f := plots.NewRegionFigures(rr)
	if want := []string{"north-shire", "south, shire", sim.RegionTotal}; !slices.Equal(f.Councils, want) {
		t.Fatalf("rows %v, want %v", f.Councils, want)
	}
	j := slices.Index(f.KPIs, sim.ChildrenInCare)
	c := slices.Index(f.KPIs, sim.CostTotal)
	if j < 0 || c < 0 {
		t.Fatalf("measures %v lack children in care or spending", f.KPIs)
	}
	// The children in an emergency placement on an average day, beside the emergency
	// placements a year, labelled as a comparison's headlines label them.
	if e := slices.Index(f.KPIs, sim.EmergencyPlacements); e < 0 || e+1 >= len(f.KPIs) || f.KPIs[e+1] != sim.OccupiedKPI(sim.EmergencyKind) || f.Labels[e+1] != plots.EmergencyDayLabel {
		t.Errorf("measures %q: want %s after %s", f.Labels, plots.EmergencyDayLabel, sim.EmergencyPlacements)
	}
	lo := f.Stats[0][j].Percentiles[0] + f.Stats[1][j].Percentiles[0]
	hi := f.Stats[0][j].Percentiles[2] + f.Stats[1][j].Percentiles[2]
	if m := f.Stats[2][j].Percentiles[1]; m < lo || m > hi {
		t.Errorf("region's children in care %v, not within the councils' %v to %v", m, lo, hi)
	}
	res := rr.Councils[0]
	k := slices.Index(res.KPIs, sim.CostTotal)
	all := sim.Summarise(res.KPI(len(res.Periods)-1, k), []float64{50}).Percentiles[0]
	if got, want := f.Stats[0][c].Percentiles[1], all/float64(len(res.Periods)-1); got != want {
		t.Errorf("spending a year %v, want the run's %v over %d years", got, all, len(res.Periods)-1)
	}
}

// TestRegionReport writes a region's report: the councils' table with the region's row, the
// councils' chart, and a section for each council linking to its own report.
func TestRegionReport(t *testing.T) {
	rr := testRegion(t)
	src := plots.Source{Version: "test", Scenario: rr.Region.Name, Reps: 6, Seed: 1}
	chart, err := plots.RegionCouncilsChart(rr, src)
	if err != nil {
		t.Fatal(err)
	}
	r := &plots.RegionReport{Results: rr, Source: src, Charts: []*plots.Chart{chart}, Links: []string{"north-shire/report.html", "south, shire/report.html"},
		Market: &plots.MarketFigures{Rows: []plots.MarketRow{{Market: "ifa", Zone: "north", Places: sim.Summarise([]float64{10, 12}, []float64{5, 50, 95}),
			Occupied: sim.Summarise([]float64{9, 11}, []float64{5, 50, 95}), Occupancy: sim.Summarise([]float64{0.9, 0.92}, []float64{5, 50, 95})}}}}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	plots.CheckTablesRead(t, "region report", page)
	plots.CheckNumCellsWrap(t, "region report", page)
	for _, want := range []string{
		"<h1>Placement sufficiency: two-counties</h1>",
		"<th class=\"num wrap\">Children in care</th>",
		"<th class=\"num wrap\">Spending a year</th>",
		`<th scope="row" class="row">north-shire</th>`, `<th scope="row" class="row">south, shire</th>`, `<tr class="total"><th scope="row" class="row">Region: two-counties</th>`,
		`<figure id="councils">`,
		`<a href="north-shire/report.html">north-shire's own report</a>`, `<a href="south,%20shire/report.html">south, shire's own report</a>`,
		`<th scope="row" class="row">ifa</th><td>north</td>`,
		// The chart is named by its title and the subtitle that states its finding.
		`aria-label="` + html.EscapeString(chart.Title+": "+chart.Subtitle) + `"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
	if msg := plots.LandmarkProblem(page); msg != "" {
		t.Errorf("the report's landmarks: %s", msg)
	}
	if strings.Index(page, `id="councils"`) > strings.Index(page, `class="council"`) {
		t.Error("the region's table does not come before the councils' sections")
	}
}

// TestRegionWorkbook opens a region's workbook: each sheet's first column names each council
// and the region, and Summary holds summary.csv's rows.
func TestRegionWorkbook(t *testing.T) {
	rr := testRegion(t)
	f := openRegionWorkbook(t, rr)
	// summary.csv as the workbook's Summary is made from it.
	var sum bytes.Buffer
	if err := rr.WriteSummary(&sum, []float64{5, 50, 95}); err != nil {
		t.Fatal(err)
	}
	if got, want := f.GetSheetList(), []string{"Councils", "Summary", "Replications", "Time series", "Region", "How to read"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	for _, sheet := range []string{"Councils", "Summary", "Replications", "Time series"} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != "council" {
			t.Errorf("%s: first column %q, want council", sheet, rows[0][0])
		}
		seen := map[string]bool{}
		for _, r := range rows[1:] {
			seen[r[0]] = true
		}
		if len(seen) != 3 || !seen["north-shire"] || !seen["south, shire"] || !seen[sim.RegionTotal] {
			t.Errorf("%s: councils %v", sheet, seen)
		}
		if sheet == "Summary" && len(rows) != strings.Count(sum.String(), "\n") {
			t.Errorf("Summary has %d rows, summary.csv %d lines", len(rows), strings.Count(sum.String(), "\n"))
		}
		tables, err := f.GetTables(sheet)
		if err != nil || len(tables) != 1 {
			t.Errorf("%s: tables %v (%v), want one", sheet, tables, err)
		}
	}
}

// TestRegionChanges builds a comparison by hand: totals (spending) are a year's worth, means
// (children in foster care) as they are, and a measure no council records is left out.
func TestRegionChanges(t *testing.T) {
	d := func(kpi string, base, alt float64) sim.Difference {
		return sim.Difference{Period: sim.WholeRun, KPI: kpi, BaseMean: base, AltMean: alt, DiffMean: alt - base, DiffLo: alt - base - 1, DiffHi: alt - base + 1, N: 10}
	}
	foster := sim.OccupiedCategoryKPI(model.Foster)
	rc := &plots.RegionComparison{Scenario: "alt", Baseline: "base", Years: 4, Councils: []string{"a", sim.RegionTotal},
		Diffs: [][]sim.Difference{
			{d(foster, 10, 12), d(sim.CostTotal, 4e6, 2e6)},
			{d(foster, 30, 33), d(sim.CostTotal, 8e6, 6e6), {Period: "2026/27", KPI: sim.CostTotal}},
		}}
	got := rc.Changes()
	if len(got) != 2 || len(got[0]) != 2 {
		t.Fatalf("changes %+v, want 2 rows of 2 measures", got)
	}
	if c := got[0][0]; c.KPI != foster || c.Base != 10 || c.Alt != 12 || c.Diff != 2 {
		t.Errorf("foster care: %+v", c)
	}
	if c := got[1][1]; c.KPI != sim.CostTotal || c.Base != 2e6 || c.Alt != 1.5e6 || c.Diff != -0.5e6 || c.DiffLo != (-2e6-1)/4 || c.DiffHi != (-2e6+1)/4 {
		t.Errorf("spending a year: %+v, want the run's over 4 years", c)
	}
}

// TestRegionFiguresPartYears checks that a region whose run does not start on 1 April gives a
// year's worth of spending and emergencies over the years it runs, not over the financial years
// it touches (a part year at each end), in its figures and its workbook's Councils.
func TestRegionFiguresPartYears(t *testing.T) {
	for _, tc := range []struct {
		start   string
		periods int // financial years touched
	}{{"2026-04-01", 3}, {"2026-07-01", 4}} {
		t.Run(tc.start, func(t *testing.T) {
			rr := testRegionSet(t, "start="+tc.start)
			res := rr.Councils[0]
			if n := len(res.Periods) - 1; n != tc.periods {
				t.Fatalf("%d financial years, want %d", n, tc.periods)
			}
			f := plots.NewRegionFigures(rr)
			for _, kpi := range []string{sim.CostTotal, sim.EmergencyPlacements} {
				c, k := slices.Index(f.KPIs, kpi), slices.Index(res.KPIs, kpi)
				whole := sim.Summarise(res.KPI(len(res.Periods)-1, k), []float64{50}).Percentiles[0]
				if got, want := f.Stats[0][c].Percentiles[1], whole/3; got != want {
					t.Errorf("%s a year %v, want the run's %v over its 3 years, %v", kpi, got, whole, want)
				}
			}
			x := openRegionWorkbook(t, rr)
			councils, err := x.GetRows("Councils", excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			// Summary's periods say which are part years, as the report's tables do.
			want := map[string]string{"2026-04-01": "2026/27", "2026-07-01": "2026/27 (from 1 July)"}[tc.start]
			if v, _ := x.GetCellValue("Summary", "C2"); v != want {
				t.Errorf("Summary's first period %q, want %q", v, want)
			}
			k := slices.Index(res.KPIs, sim.CostTotal)
			whole := sim.Summarise(res.KPI(len(res.Periods)-1, k), nil).Mean
			for _, r := range councils {
				if r[0] == "north-shire" && r[1] == sim.CostTotal {
					if got, err := strconv.ParseFloat(r[4], 64); err != nil || math.Abs(got-whole/3) > 1e-6*whole {
						t.Errorf("Councils: north-shire's spending a year %s, want %v", r[4], whole/3)
					}
				}
			}
		})
	}
}

// openRegionWorkbook writes the results.xlsx of the region run rr, with its summary and
// time series at the 5th, 50th and 95th percentiles, and opens it.
func openRegionWorkbook(t *testing.T, rr *sim.RegionResults) *excelize.File {
	t.Helper()
	var sum, ts, book bytes.Buffer
	if err := rr.WriteSummary(&sum, []float64{5, 50, 95}); err != nil {
		t.Fatal(err)
	}
	if err := rr.WriteTimeseries(&ts, []float64{5, 50, 95}); err != nil {
		t.Fatal(err)
	}
	if err := plots.WriteRegionWorkbook(&book, rr, sum.Bytes(), ts.Bytes()); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func TestYearLabel(t *testing.T) {
	july := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	april := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		start        time.Time
		years        int
		period, want string
	}{
		{july, 3, "2026/27", "2026/27 (from 1 July)"},
		{july, 3, "2027/28", "2027/28"},
		{july, 3, "2029/30", "2029/30 (to 30 June)"},
		{april, 3, "2026/27", "2026/27"},
		{april, 3, "2028/29", "2028/29"},
	} {
		if got := plots.YearLabel(tc.start, tc.years, tc.period); got != tc.want {
			t.Errorf("%s over %d years from %s: %q, want %q", tc.period, tc.years, tc.start.Format(time.DateOnly), got, tc.want)
		}
	}
}

// TestRegionWorkbookReplications checks that a region's workbook's Replications hold each
// replication's figures over the whole run as kpis.csv and a scenario's workbook hold them:
// spending over the whole run, under the KPI's own name, not a year's worth.
func TestRegionWorkbookReplications(t *testing.T) {
	for _, start := range []string{"2026-04-01", "2026-07-01"} {
		t.Run(start, func(t *testing.T) {
			rr := testRegionSet(t, "start="+start)
			res := rr.Councils[0]
			k := slices.Index(res.KPIs, sim.CostTotal)
			x := openRegionWorkbook(t, rr)
			reps, err := x.GetRows("Replications", excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			col, found := slices.Index(reps[0], sim.CostTotal), false
			for _, r := range reps[1:] {
				if r[0] != "north-shire" || r[1] != "0" {
					continue
				}
				found = true
				// As kpis.csv holds it: replication 0's spending over the whole run.
				want := res.KPI(len(res.Periods)-1, k)[0]
				if got, err := strconv.ParseFloat(r[col], 64); err != nil || math.Abs(got-want) > 1e-6*want {
					t.Errorf("Replications: north-shire's replication 0 spent %s, want the whole run's %v", r[col], want)
				}
			}
			if col < 0 || !found {
				t.Errorf("Replications: no column %s or no row of north-shire's replication 0 in %v", sim.CostTotal, reps[0])
			}
		})
	}
}

// TestRegionRunSaysCouncilsPrices checks that a region run's report and workbook say, for a
// council whose amounts are written at another year's prices (prices_at) than the region's
// start's, whose prices they are, as each council's own report does.
func TestRegionRunSaysCouncilsPrices(t *testing.T) {
	rr := testRegion(t)
	s := *rr.Region.Councils[1].Scenario
	s.PricesAt = rr.Region.Start.AddDate(-2, 0, 0)
	rr.Region.Councils[1].Scenario = &s
	want := "south, shire: " + plots.PricesNote(&s)
	if plots.PricesNote(&s) == "" {
		t.Fatal("no prices note for a scenario whose prices are two years before its start")
	}
	r := &plots.RegionReport{Results: rr, Source: plots.Source{Scenario: rr.Region.Name, Region: true, Reps: 6, Seed: 1}}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	if page := html.UnescapeString(buf.String()); !strings.Contains(page, plots.CashTerms+" "+want) {
		t.Errorf("the report does not say %q", want)
	}
	f := openRegionWorkbook(t, rr)
	rows, err := f.GetRows("How to read")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || len(rows[1]) != 2 || rows[1][0] != "Money" || rows[1][1] != plots.CashTerms+" "+want {
		t.Errorf("How to read: %q, want Money: %s %s", rows, plots.CashTerms, want)
	}
}

// TestRegionReportGivesMeans checks that a region's table gives each council's figures over
// the whole run as the means of the runs, summary.csv's mean column (a share's the ratio of
// totals), as a council's own report does, and says so: not the medians.
func TestRegionReportGivesMeans(t *testing.T) {
	rr := testRegion(t)
	var buf bytes.Buffer
	if err := (&plots.RegionReport{Results: rr, Source: plots.Source{Version: "test", Scenario: rr.Region.Name, Reps: 6, Seed: 1}}).WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{"The figures below are the means of those runs", "Each cell: the mean of the runs over the whole run"} {
		if !strings.Contains(page, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
	differ := 0
	for i, res := range rr.Councils {
		row := page[strings.Index(page, `<th scope="row" class="row">`+html.EscapeString(rr.Region.Councils[i].Name)+"</th>"):]
		row = row[:strings.Index(row, "</tr>")]
		// Children in care, and the table's share (a ratio of totals).
		share := slices.IndexFunc(plots.NewRegionFigures(rr).KPIs, func(kpi string) bool { return plots.UnitOf(kpi) == plots.Share })
		if share < 0 {
			t.Fatal("the test region's table has no share")
		}
		for _, kpi := range []string{sim.ChildrenInCare, plots.NewRegionFigures(rr).KPIs[share]} {
			k := slices.Index(res.KPIs, kpi)
			if k < 0 {
				t.Fatalf("no %s in the test region", kpi)
			}
			st := res.Summary(len(res.Periods)-1, k, []float64{50})
			mean, median := plots.Level(st.Mean, plots.UnitOf(kpi)), plots.Level(st.Percentiles[0], plots.UnitOf(kpi))
			if mean != median {
				differ++
			}
			if want := `<td class="num">` + mean + "<span>"; !strings.Contains(row, want) {
				t.Errorf("%s: %s: the row %q lacks the mean %s (median %s)", rr.Region.Councils[i].Name, kpi, row, mean, median)
			}
		}
	}
	if differ == 0 {
		t.Error("no figure's mean reads differently from its median: the test shows nothing")
	}
}

// TestRegionWorkbookGivesMeans checks that a region's workbook gives each council's figures
// over the whole run as the region's report does, the means of the runs (summary.csv's mean
// column, a share's the ratio of totals) in a column headed mean, not the medians.
func TestRegionWorkbookGivesMeans(t *testing.T) {
	rr := testRegion(t)
	x := openRegionWorkbook(t, rr)
	rows, err := x.GetRows("Councils", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0][4]; got != "mean" {
		t.Errorf("Councils' fifth column is headed %q, want mean", got)
	}
	share := slices.IndexFunc(plots.NewRegionFigures(rr).KPIs, func(kpi string) bool { return plots.UnitOf(kpi) == plots.Share })
	if share < 0 {
		t.Fatal("the test region's table has no share")
	}
	differ, seen := 0, 0
	for i, res := range rr.Councils {
		name := rr.Region.Councils[i].Name
		for _, kpi := range []string{sim.ChildrenInCare, plots.NewRegionFigures(rr).KPIs[share]} {
			k := slices.Index(res.KPIs, kpi)
			st := res.Summary(len(res.Periods)-1, k, []float64{50})
			if math.Abs(st.Mean-st.Percentiles[0]) > 1e-9*math.Abs(st.Mean) {
				differ++
			}
			for _, r := range rows[1:] {
				if r[0] != name || r[1] != kpi {
					continue
				}
				seen++
				if got, err := strconv.ParseFloat(r[4], 64); err != nil || math.Abs(got-st.Mean) > 1e-9*math.Abs(st.Mean) {
					t.Errorf("Councils: %s's %s is %s, want summary.csv's mean %v (median %v)", name, kpi, r[4], st.Mean, st.Percentiles[0])
				}
			}
		}
	}
	if seen != 4 {
		t.Errorf("Councils has %d of the 4 figures looked for", seen)
	}
	if differ == 0 {
		t.Error("no figure's mean differs from its median: the test shows nothing")
	}
}

// TestRegionReportPlacesFilled checks that each council's Assumptions on a region's page give
// the share of its own in-house foster places filled on an average day of the run, worked out
// from its own results (occupied_inhouse_foster over places_inhouse_foster, the ratio of their
// totals over the runs).
func TestRegionReportPlacesFilled(t *testing.T) {
	rr := testRegionSet(t, "kinds.inhouse_foster.carers.sibling_only_share=0.5", "kinds.inhouse_foster.carers.places_mix={2: 1}")
	src := plots.Source{Version: "test", Scenario: rr.Region.Name, Reps: 6, Seed: 1}
	var buf bytes.Buffer
	if err := (&plots.RegionReport{Results: rr, Source: src}).WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(buf.String())
	for i, c := range rr.Region.Councils {
		res := rr.Councils[i]
		all := len(res.Periods) - 1
		sum := func(kpi string) float64 {
			var v float64
			for _, x := range res.KPI(all, slices.Index(res.KPIs, kpi)) {
				v += x
			}
			return v
		}
		share := sum(sim.OccupiedKPI("inhouse_foster")) / sum(sim.PlacesOf("inhouse_foster"))
		want := fmt.Sprintf("in this run, %q has %.0f%% of its places in in-house foster care filled on an average day", c.Name, 100*share)
		if !strings.Contains(page, want) {
			t.Errorf("the region's page does not say %q", want)
		}
	}
	if strings.Contains(page, "the default scenario has about 63%") {
		t.Error("the region's page gives the built-in county's figure")
	}
}
