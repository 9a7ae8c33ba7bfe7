package plots_test

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// TestRegionPagesInChromium prints a region's report and the board pack of a regional strategy
// on A4 in Chromium: every table, the councils' with a column for each measure among them, fits
// between the page's margins (178 mm), with no column cut off at the edge. It runs with
// -print-widths (make test-browser).
func TestRegionPagesInChromium(t *testing.T) {
	if !plots.PrintWidths() {
		t.Skip("the printed width of the region's pages is checked with -print-widths (make test-browser)")
	}
	exe := plots.ChromiumPath(t)
	base := testRegion(t)
	src := plots.Source{Version: "test", Scenario: base.Region.Name, Reps: 6, Seed: 1}
	report := &plots.RegionReport{Results: base, Source: src, Links: []string{"north-shire/report.html", "south, shire/report.html"}}
	pack := testRegionPack(t, base, src)
	for _, p := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"region report", func(b *bytes.Buffer) error { return report.WriteHTML(b) }},
		{"region board pack", func(b *bytes.Buffer) error { return pack.WriteHTML(b) }},
	} {
		var buf bytes.Buffer
		if err := p.write(&buf); err != nil {
			t.Fatal(err)
		}
		for _, w := range plots.PrintedTablesTooWide(t, exe, buf.Bytes()) {
			t.Errorf("%s on A4: %s", p.name, w)
		}
	}
}

// testRegionPack returns the board pack of a regional strategy against base: both councils
// with 36 children entering care a year (base's have 40 and 70).
func testRegionPack(t *testing.T, base *sim.RegionResults, src plots.Source) *plots.RegionCompareReport {
	t.Helper()
	alt := testRegionSet(t, "entries.per_year=36")
	alt.Region.Name = "two-counties-strategy"
	rc := &plots.RegionComparison{Scenario: alt.Region.Name, Baseline: base.Region.Name, Years: base.Region.Years}
	for i := range base.Councils {
		rc.Councils = append(rc.Councils, base.Region.Councils[i].Name)
	}
	rc.Councils = append(rc.Councils, sim.RegionTotal)
	pairs := append(append([]*sim.Results(nil), base.Councils...), base.Total)
	alts := append(append([]*sim.Results(nil), alt.Councils...), alt.Total)
	for i := range pairs {
		d, err := sim.Compare(pairs[i], alts[i], 0.9)
		if err != nil {
			t.Fatal(err)
		}
		nc, err := sim.NetPosition(pairs[i], alts[i], 0.9, sim.GreenBookDiscount)
		if err != nil {
			t.Fatal(err)
		}
		rc.Diffs, rc.Cases = append(rc.Diffs, d), append(rc.Cases, nc)
	}
	pack := &plots.RegionCompareReport{Baseline: base.Region, Scenarios: []*model.Region{alt.Region}, Comparisons: []*plots.RegionComparison{rc},
		Level: 0.9, Reps: 6, Seed: 1, Source: src.String()}
	return pack
}

// TestRegionCompareWorkbook opens a regional strategy's workbook: every sheet's headers are
// plain words, not the CSV files' codes, and a How to read sheet says what they mean, as a
// single council's comparison workbook does.
func TestRegionCompareWorkbook(t *testing.T) {
	base := testRegion(t)
	src := plots.Source{Version: "test", Scenario: base.Region.Name, Reps: 6, Seed: 1}
	pack := testRegionPack(t, base, src)
	comparison := "council,scenario,baseline,period,kpi,base_mean,alt_mean,diff_mean,diff_mean_lo,diff_mean_hi,diff_run_lo,diff_run_hi,p_lower,p_higher,n\n" +
		"north-shire,two-counties-strategy,two-counties,2026/27,cost_total,100,90,-10,-12,-8,-20,0,0.9,0.1,6\n"
	cases := "council,scenario,baseline,period,figure,mean,mean_lo,mean_hi,run_lo,run_hi,p_positive,p_paid_back,n\n" +
		"north-shire,two-counties-strategy,two-counties,2026/27,placements_saving,10,8,12,0,20,0.9,,6\n"
	var buf bytes.Buffer
	if err := pack.WriteWorkbook(&buf, []byte(comparison), []byte(cases), nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := strings.Join(f.GetSheetList(), ","), "Changes,Comparison,Business case,How to read"; got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
	code := regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %d rows, %v", sheet, len(rows), err)
		}
		for _, h := range rows[0] {
			if code.MatchString(h) {
				t.Errorf("%s: header %q is a code, not plain words", sheet, h)
			}
		}
	}
	// A chance is a share of the pairs and the pairs a count, whatever the row's KPI: a
	// spending row's chances are not pounds.
	for _, c := range []struct{ sheet, column, want string }{
		{"Comparison", "Change", "-£10"},
		{"Comparison", "Chance lower", "90.0%"},
		{"Comparison", "Pairs", "6"},
		{"Business case", "Mean", "£10"},
		{"Business case", "One future, high", "£20"},
		{"Business case", "Chance above 0", "90.0%"},
		{"Business case", "Pairs", "6"},
	} {
		rows, err := f.GetRows(c.sheet)
		if err != nil {
			t.Fatal(err)
		}
		j := slices.Index(rows[0], c.column)
		if j < 0 || len(rows[1]) <= j {
			t.Fatalf("%s: no column %q in %q", c.sheet, c.column, rows[0])
		}
		if got := rows[1][j]; got != c.want {
			t.Errorf("%s: %s shows %q, want %q", c.sheet, c.column, got, c.want)
		}
	}
	rows, err := f.GetRows("How to read")
	if err != nil || len(rows) < 2 {
		t.Fatalf("no How to read sheet: %v", err)
	}
	var what []string
	for _, r := range rows[1:] {
		what = append(what, r[0])
	}
	for _, want := range []string{"Comparison", "Change, confidence interval", "One future", "Council", "Source"} {
		if !slices.Contains(what, want) {
			t.Errorf("How to read says nothing of %q (it has %q)", want, what)
		}
	}
	// No sheet of the region's workbook has a column of the chance that the strategy does
	// better (its chances are lower and higher), so How to read does not explain one.
	if slices.Contains(what, "Chance better") {
		t.Errorf("How to read explains a Chance better column that no sheet has: %q", what)
	}
}

// TestRegionCompareWorkbookPartYears opens the workbook of regions whose run starts on 1 July:
// its Comparison and Business case sheets name the first and the last, part, years where they
// begin and end, as a single council's comparison workbook does, and leave the whole run and
// the whole years as they are.
func TestRegionCompareWorkbookPartYears(t *testing.T) {
	pack := &plots.RegionCompareReport{Baseline: &model.Region{Name: "jul", Start: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), Years: 3},
		Level: 0.9, Reps: 2, Seed: 1, Source: "Source: test"}
	var comparison, cases strings.Builder
	comparison.WriteString("council,scenario,baseline,period,kpi,base_mean,alt_mean,diff_mean,diff_mean_lo,diff_mean_hi,diff_run_lo,diff_run_hi,p_lower,p_higher,n\n")
	cases.WriteString("council,scenario,baseline,period,figure,mean,mean_lo,mean_hi,run_lo,run_hi,p_positive,p_paid_back,n\n")
	periods := []string{"2026/27", "2027/28", "2028/29", "2029/30", "all"}
	for _, p := range periods {
		fmt.Fprintf(&comparison, "region,jul-block,jul,%s,cost_total,100,90,-10,-12,-8,-20,0,0.9,0.1,2\n", p)
		fmt.Fprintf(&cases, "region,jul-block,jul,%s,net_saving,10,8,12,0,20,0.9,,2\n", p)
	}
	var buf bytes.Buffer
	if err := pack.WriteWorkbook(&buf, []byte(comparison.String()), []byte(cases.String()), nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"2026/27 (from 1 July)", "2027/28", "2028/29", "2029/30 (to 30 June)", "all"}
	for _, sheet := range []string{"Comparison", "Business case"} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		j := slices.Index(rows[0], "Period")
		if j < 0 {
			t.Fatalf("%s: no Period column in %q", sheet, rows[0])
		}
		var got []string
		for _, r := range rows[1:] {
			got = append(got, r[j])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: periods %q, want %q", sheet, got, want)
		}
	}
}
