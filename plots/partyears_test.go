package plots

import (
	"strings"
	"testing"
	"time"
)

// readOneYearFrom15April reads testdata/chart-data-one-year-from-15-april.csv: the emergency
// and the sufficiency-gap-by-age chart data of `placesim run --reps 3 --years 1 --set
// start=2026-04-15`, whose two financial years are both part years (2026/27 from 15 April,
// 2027/28 to 14 April: 14 days).
func readOneYearFrom15April(t *testing.T) *Data {
	t.Helper()
	return readDataFile(t, "chart-data-one-year-from-15-april.csv")
}

// TestEmergencySubtitlePartYear checks that the emergency chart of a run that ends in a part
// year does not name that part year bare, as if its 14 days were a year.
func TestEmergencySubtitlePartYear(t *testing.T) {
	c, err := EmergencyResidentialChart(readOneYearFrom15April(t), Source{Scenario: "default", Reps: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	// Its median is 1: one emergency placement, not "1 emergency placements".
	if want := "; 1 emergency placement made (median of runs; 9 in 10 runs: 0 to 2) in 2027/28 (to 14 April)."; !strings.Contains(c.Subtitle, want) {
		t.Errorf("subtitle %q, want it to say %q", c.Subtitle, want)
	}
}

// TestGapByAgeSubtitlePartYear checks that the sufficiency gap by age chart of a run that ends
// in a part year names it as one, in its subtitle and its note.
func TestGapByAgeSubtitlePartYear(t *testing.T) {
	c, err := SufficiencyGapByAgeChart(readOneYearFrom15April(t), Source{Scenario: "default", Reps: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if want := "In 2027/28 (to 14 April), "; !strings.HasPrefix(c.Subtitle, want) {
		t.Errorf("subtitle %q, want it to start %q", c.Subtitle, want)
	}
	if want := "Averages over 2027/28 (to 14 April) and over runs."; !strings.Contains(c.Note, want) {
		t.Errorf("note %q, want it to say %q", c.Note, want)
	}
}

// TestWorkbookPartYears checks that the workbook of a run that does not start on 1 April says
// which of its years are part years, in KPIs by year's headers and Summary's periods, as the
// report's key figures do, and still fills each year's columns.
func TestWorkbookPartYears(t *testing.T) {
	res := tinyResults()
	res.Scenario.Start = time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC)
	summary, series := csvOf(t, res)
	f := openWorkbook(t, res, summary, series, "name: tiny\nyears: 1\nstart: 2026-04-15\n")
	rows, err := f.GetRows("KPIs by year")
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(rows[0], ",")
	if want := "all is,2026/27 (from 15 April),2026/27 (from 15 April) low (90% interval of the mean),"; !strings.Contains(head, want) {
		t.Errorf("KPIs by year's header %q, want it to hold %q", head, want)
	}
	if len(rows) < 2 || len(rows[1]) < 5 || rows[1][4] == "" {
		t.Errorf("KPIs by year's first row %q has no mean for the part year", rows[1])
	}
	if v, _ := f.GetCellValue("Summary", "B2"); v != "2026/27 (from 15 April)" {
		t.Errorf("Summary's first period %q, want %q", v, "2026/27 (from 15 April)")
	}
	// A run from 1 April names its years bare.
	res = tinyResults()
	summary, series = csvOf(t, res)
	f = openWorkbook(t, res, summary, series, "name: tiny\nyears: 1\n")
	if v, _ := f.GetCellValue("Summary", "B2"); v != "2026/27" {
		t.Errorf("Summary's first period %q, want 2026/27", v)
	}
}

// TestGapByAgeSubtitleLastWholeYear checks that the sufficiency gap by age chart of a run of 2
// years from 15 April (testdata/chart-data-two-years-from-15-april.csv: the emergency and the
// sufficiency-gap-by-age chart data of `placesim run --reps 3 --years 2 --set
// start=2026-04-15`) speaks of its last whole year, 2027/28, in its subtitle and its note, not
// of the 14 days of 2028/29 (to 14 April), as the emergency chart does.
func TestGapByAgeSubtitleLastWholeYear(t *testing.T) {
	d := readDataFile(t, "chart-data-two-years-from-15-april.csv")
	src := Source{Scenario: "default", Reps: 3, Seed: 1}
	c, err := SufficiencyGapByAgeChart(d, src)
	if err != nil {
		t.Fatal(err)
	}
	if want := "In 2027/28, "; !strings.HasPrefix(c.Subtitle, want) {
		t.Errorf("subtitle %q, want it to start %q", c.Subtitle, want)
	}
	if want := "Averages over 2027/28 and over runs."; !strings.Contains(c.Note, want) {
		t.Errorf("note %q, want it to say %q", c.Note, want)
	}
	e, err := EmergencyResidentialChart(d, src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.Subtitle, " in 2027/28 (median of runs") {
		t.Errorf("the emergency chart's subtitle %q does not name 2027/28", e.Subtitle)
	}
}
