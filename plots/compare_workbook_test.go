package plots

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestCompareWorkbookPartYears opens the workbook of a comparison whose run starts on 1 July:
// its All KPIs sheet names the first and the last, part, years where they begin and end, and
// the whole run by its length, as its Headlines sheet does, and leaves the whole years as they
// are.
func TestCompareWorkbookPartYears(t *testing.T) {
	rows := readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) })
	base := testScenario()
	base.Start, base.Years = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), 4
	alt := testScenario()
	alt.Name, alt.Start, alt.Years = "recruit-12", base.Start, base.Years
	r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Rows: rows, Level: 0.9, Reps: 200, Seed: 1, Source: testSource.String()}
	f := openCompareWorkbook(t, &r)
	years := []string{"2026/27 (from 1 July)", "2027/28", "2028/29", "2029/30", "2030/31 (to 30 June)"}
	for _, tc := range []struct{ sheet, whole string }{{"Headlines", "4 years"}, {"All KPIs", "4 years"}} {
		sheet, want := tc.sheet, append(slices.Clone(years), tc.whole)
		sheetRows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		j := slices.Index(sheetRows[0], "Period")
		if j < 0 {
			t.Fatalf("%s: no Period column in %q", sheet, sheetRows[0])
		}
		var got []string
		for _, row := range sheetRows[1:] {
			if p := row[j]; !slices.Contains(got, p) {
				got = append(got, p)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: periods %q, want %q", sheet, got, want)
		}
	}
}

// TestCompareWorkbookSaysWhatThePackSays checks that the workbook writes what the board pack
// and the printed table write: a change in a share in points ("+5.8 pts", not "5.8%"), the
// whole run by its length in All KPIs as in Headlines, and a headline KPI by its headline
// name ("Total cost") in All KPIs too.
func TestCompareWorkbookSaysWhatThePackSays(t *testing.T) {
	base := testScenario()
	alt := testScenario()
	alt.Name = "recruit-12"
	row := func(period, kpi string, b, a, d, lo, hi float64) CompareRow {
		return CompareRow{Scenario: alt.Name, Baseline: base.Name, Period: period, KPI: kpi, BaseMean: b, AltMean: a, DiffMean: d, DiffLo: lo, DiffHi: hi,
			RunLo: lo - 0.01, RunHi: hi + 0.01, PLower: 0.1, PHigher: 0.9, N: 20}
	}
	r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Level: 0.9, Reps: 20, Seed: 1, Source: testSource.String(),
		Rows: []CompareRow{
			row("2026/27", "cost_total", 62.7e6, 62.8e6, 1e5, -5e5, 7e5),
			row("2026/27", "first_choice_share", 0.40, 0.458, 0.058, 0.05, 0.066),
			row("all", "cost_total", 330e6, 329e6, -1e6, -2e6, 0),
			row("all", "first_choice_share", 0.41, 0.45, 0.04, 0.03, 0.05),
		}}
	f := openCompareWorkbook(t, &r)
	find := func(sheet, label, period string) []string {
		t.Helper()
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range rows[1:] {
			if slices.Contains(rec, label) && slices.Contains(rec, period) {
				return rec
			}
		}
		t.Fatalf("%s has no row of %s in %s: %q", sheet, label, period, rows)
		return nil
	}
	h := find("Headlines", "Share of placements made in the child's first choice", "2026/27")
	if got, want := h[3:10], []string{"40.0%", "45.8%", "+5.8 pts", "+5.0 pts", "+6.6 pts", "+4.0 pts", "+7.6 pts"}; !slices.Equal(got, want) {
		t.Errorf("Headlines, first choices in 2026/27: %q, want %q", got, want)
	}
	a := find("All KPIs", "first_choice_share", "5 years")
	if got, want := a[5:12], []string{"41.0%", "45.0%", "+4.0 pts", "+3.0 pts", "+5.0 pts", "+2.0 pts", "+6.0 pts"}; !slices.Equal(got, want) {
		t.Errorf("All KPIs, first choices over the run: %q, want %q", got, want)
	}
	if got := find("All KPIs", "cost_total", "5 years")[3]; got != "Total cost" {
		t.Errorf("All KPIs names cost_total %q, want the Headlines' \"Total cost\"", got)
	}
}
