package plots

import (
	"bytes"
	"strings"
	"testing"

	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// openWorkbook writes the workbook of res from the given summary.csv and timeseries.csv text
// and opens it again.
func openWorkbook(t *testing.T, res *sim.Results, summary, series, scenarioYAML string) *excelize.File {
	t.Helper()
	var book bytes.Buffer
	if err := WriteWorkbook(&book, res, []byte(summary), []byte(series), []byte(scenarioYAML)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// csvOf returns the summary.csv and timeseries.csv of res with the 5th, 50th and 95th
// percentiles.
func csvOf(t *testing.T, res *sim.Results) (summary, series string) {
	t.Helper()
	var s, ts bytes.Buffer
	if err := res.WriteSummary(&s, []float64{5, 50, 95}); err != nil {
		t.Fatal(err)
	}
	if err := res.WriteTimeseries(&ts, []float64{5, 50, 95}); err != nil {
		t.Fatal(err)
	}
	return s.String(), ts.String()
}

// TestWorkbook reads the workbook of a hand-made result back and checks its sheets, their
// headers and the cells a finance colleague reads: money in pounds, a share in per cent,
// counts, the number of replications as a plain number, months as dates and the scenario a
// line a row.
func TestWorkbook(t *testing.T) {
	res := tinyResults()
	summary, series := csvOf(t, res)
	f := openWorkbook(t, res, summary, series, "# tiny, as run\nname: tiny\nyears: 1\n")

	if got := strings.Join(f.GetSheetList(), ","); got != "Summary,KPIs by year,Time series,Scenario" {
		t.Errorf("sheets %s", got)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("the workbook opens on sheet %d, not Summary", f.GetActiveSheetIndex())
	}
	for _, tt := range []struct {
		sheet, header string
		frozen        bool // the header row stays in view (the streamed time series has none)
	}{
		{"Summary", "scenario,period,kpi,mean,sd,p05,p50,p95,n", true},
		{"KPIs by year", "kpi,2026/27,all", true},
		{"Time series", "scenario,date,metric,mean,p05,p50,p95", false},
	} {
		rows, err := f.GetRows(tt.sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 || strings.Join(rows[0], ",") != tt.header {
			t.Errorf("%s: header %q, want %q", tt.sheet, rows[0], tt.header)
			continue
		}
		if panes, err := f.GetPanes(tt.sheet); err != nil || tt.frozen != (panes.Freeze && panes.YSplit == 1) {
			t.Errorf("%s: panes %+v (%v), want the header row frozen: %v", tt.sheet, panes, err, tt.frozen)
		}
	}
	// Rows of summary.csv: cost_total is the first KPI, first_choice_share the ninth, in
	// 2026/27 (rows 2 to 12) and then in all.
	for _, tt := range []struct{ sheet, cell, want string }{
		{"Summary", "C2", "cost_total"},
		{"Summary", "D2", "£110"}, // the mean of 100, 110 and 120
		{"Summary", "E2", "£10"},  // their standard deviation
		{"Summary", "I2", "3"},    // n, the replications, plain
		{"Summary", "C6", "approvals"},
		{"Summary", "D6", "3.0"}, // a count
		{"Summary", "C10", "first_choice_share"},
		{"Summary", "D10", "37.5%"}, // 12 first choices of 32 matches
		{"Summary", "B13", "all"},
		{"KPIs by year", "A2", "cost_total"},
		{"KPIs by year", "B2", "£110"},
		{"KPIs by year", "C10", "37.5%"},
		{"Time series", "B2", "2026-04-01"},
		{"Time series", "D2", "11.0"}, // children_inhouse_foster: 10, 11 and 12
		{"Time series", "B9", "2026-05-01"},
		{"Scenario", "A1", "# tiny, as run"},
		{"Scenario", "A3", "years: 1"},
		{"Scenario", "A4", ""},
	} {
		if got, err := f.GetCellValue(tt.sheet, tt.cell); err != nil || got != tt.want {
			t.Errorf("%s!%s shows %q (%v), want %q", tt.sheet, tt.cell, got, err, tt.want)
		}
	}
	// A month is a date, not text: Excel keeps it as the day's serial number.
	if raw, err := f.GetCellValue("Time series", "B2", excelize.Options{RawCellValue: true}); err != nil || raw != "46113" {
		t.Errorf("Time series!B2 holds %q (%v), want the date 2026-04-01 as 46113", raw, err)
	}
}

// TestWorkbookNA checks that NA, a share of nothing, is an empty cell, not the text NA.
func TestWorkbookNA(t *testing.T) {
	res := &sim.Results{KPIs: []string{"first_choice_share"}, Periods: []string{"all"}}
	summary := "scenario,period,kpi,mean,sd,n\nx,all,first_choice_share,NA,NA,3\n"
	series := "scenario,date,metric,mean\nx,2026-04-01,children_in_care,NA\n"
	f := openWorkbook(t, res, summary, series, "name: x\n")
	for _, tt := range []struct{ sheet, cell string }{{"Summary", "D2"}, {"KPIs by year", "B2"}, {"Time series", "D2"}} {
		if got, err := f.GetCellValue(tt.sheet, tt.cell); err != nil || got != "" {
			t.Errorf("%s!%s shows %q (%v), want it empty", tt.sheet, tt.cell, got, err)
		}
	}
}

// TestWorkbookErrors checks that text that is not a summary.csv or timeseries.csv gives an
// error naming the file, and no panic.
func TestWorkbookErrors(t *testing.T) {
	res := tinyResults()
	summary, series := csvOf(t, res)
	for _, tt := range []struct {
		name, summary, series, want string
	}{
		{"empty summary", "", series, "summary.csv: want a header"},
		{"short summary", "scenario,period\nx,all\n", series, "summary.csv: want a header"},
		{"summary not CSV", "scenario,period,kpi,mean\n\"x,all,cost_total,1\n", series, "summary.csv: "},
		{"ragged summary", "scenario,period,kpi,mean\nx,all\n", series, "summary.csv: "},
		{"series not CSV", summary, "scenario,date\n\"x\n", "timeseries.csv: "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var book bytes.Buffer
			err := WriteWorkbook(&book, res, []byte(tt.summary), []byte(tt.series), nil)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want one starting %q", err, tt.want)
			}
		})
	}
}
