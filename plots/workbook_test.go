package plots

import (
	"bytes"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
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
	if err := WriteWorkbook(&book, res, []byte(summary), []byte(series), []byte(scenarioYAML), nil); err != nil {
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

	if got := strings.Join(f.GetSheetList(), ","); got != "Summary,KPIs by year,Replications,Time series,Scenario,How to read" {
		t.Errorf("sheets %s", got)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("the workbook opens on sheet %d, not Summary", f.GetActiveSheetIndex())
	}
	// The interval beside each year's mean is said to be the mean's, not the range of outcomes.
	if v, _ := f.GetCellValue("How to read", "B6"); !strings.Contains(v, "90% confidence interval of the mean") || !strings.Contains(v, "not the range of outcomes") {
		t.Errorf("How to read says of KPIs by year's low and high %q", v)
	}
	// It says which interval: Student's t on n - 1 degrees of freedom, the delta method for a
	// share; that a share's mean is the ratio of totals, not a mean over the runs; and that
	// the Replications sheet numbers the runs from 0, where the messages count from 1.
	for cell, want := range map[string][]string{
		"B6": {"Student's t with n - 1 degrees of freedom", "delta method"},
		"B3": {"ratio of the totals over every run", "not the mean of the runs' own shares"},
		"B2": {"numbers them from 0; placesim", "count them from 1"},
	} {
		v, _ := f.GetCellValue("How to read", cell)
		for _, w := range want {
			if !strings.Contains(v, w) {
				t.Errorf("How to read %s says %q, want it to say %q", cell, v, w)
			}
		}
	}
	for _, tt := range []struct {
		sheet, header string
		frozen        bool // the header row stays in view (the streamed time series has none)
	}{
		{"Summary", "scenario,period,kpi,label,unit,mean,sd,p05,p50,p95,n", true},
		{"KPIs by year", "kpi,label,unit,all is,2026/27,2026/27 low (90% interval of the mean),2026/27 high (90% interval of the mean)," +
			"all,all low (90% interval of the mean),all high (90% interval of the mean)", true},
		{"How to read", "What,How to read it", true},
		{"Replications", "replication (from 0),period,cost_total,cost_inhouse_foster,cost_external_residential,cost_emergency,approvals," +
			"deregistrations,emergency_placements,children_in_care,first_choice_share,first_choice_matches,matches", true},
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
		{"Summary", "D2", "Spending"}, // the label and unit from sim's catalogue
		{"Summary", "E2", "£"},
		{"Summary", "F2", "£110"}, // the mean of 100, 110 and 120
		{"Summary", "G2", "£10"},  // their standard deviation
		{"Summary", "K2", "3"},    // n, the replications, plain
		{"Summary", "C6", "approvals"},
		{"Summary", "E6", "households"},
		{"Summary", "F6", "3.0"}, // a count
		{"Summary", "C10", "first_choice_share"},
		{"Summary", "F10", "37.5%"}, // 12 first choices of 32 matches
		{"Summary", "B13", "all"},
		{"KPIs by year", "A2", "cost_total"},
		{"KPIs by year", "B2", "Spending"},
		{"KPIs by year", "D2", "total over the run"},
		{"KPIs by year", "D9", "average over the run"}, // children_in_care, a stock
		{"KPIs by year", "D10", "ratio of the run's totals"},
		{"KPIs by year", "E2", "£110"},
		// The 90% interval of the mean: 110 ± t(0.95; 2 df) 10/√3 = 110 ± 2.92 × 5.77.
		{"KPIs by year", "F2", "£93"},
		{"KPIs by year", "G2", "£127"},
		{"KPIs by year", "E10", "37.5%"},
		{"Replications", "A2", "0"},
		{"Replications", "B2", "all"},
		{"Replications", "C2", "£100"},
		{"Replications", "C4", "£120"},  // replication 2 over the whole run
		{"Replications", "K3", "50.0%"}, // replication 1's first choices: 5 of 10
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
	for _, tt := range []struct{ sheet, cell string }{{"Summary", "F2"}, {"KPIs by year", "E2"}, {"KPIs by year", "F2"}, {"Time series", "D2"}} {
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
			err := WriteWorkbook(&book, res, []byte(tt.summary), []byte(tt.series), nil, nil)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want one starting %q", err, tt.want)
			}
		})
	}
}

// TestWorkbookTables checks that every sheet of figures is an Excel table with filters on its
// header, in the style of a comparison's workbook, and that each KPI of KPIs by year has a note
// saying what its value over the whole run is.
func TestWorkbookTables(t *testing.T) {
	res := tinyResults()
	summary, series := csvOf(t, res)
	f := openWorkbook(t, res, summary, series, "name: tiny\n")
	for sheet, want := range map[string]string{"Summary": "A1:K23", "KPIs by year": "A1:J12", "Replications": "A1:M4", "Time series": "A1:G15"} {
		tables, err := f.GetTables(sheet)
		if err != nil || len(tables) != 1 {
			t.Errorf("%s: tables %+v (%v), want one", sheet, tables, err)
			continue
		}
		if tb := tables[0]; tb.Range != want || tb.StyleName != tableStyle {
			t.Errorf("%s: table %+v, want range %s in %s", sheet, tb, want, tableStyle)
		}
	}
	comments, err := f.GetComments("KPIs by year")
	if err != nil || len(comments) != len(res.KPIs) {
		t.Fatalf("%d notes (%v), want one a KPI, %d", len(comments), err, len(res.KPIs))
	}
	notes := map[string]string{}
	for _, c := range comments {
		notes[c.Cell] = c.Text
		for _, p := range c.Paragraph {
			notes[c.Cell] += p.Text
		}
	}
	if n := notes["A2"]; !strings.Contains(n, "Spending (£)") || !strings.Contains(n, "total over the run") {
		t.Errorf("the note on cost_total says %q", n)
	}
}

// TestWorkbookSplitsReplications checks that replications that would pass a sheet's row limit
// go on several sheets, each an Excel table, none lost.
func TestWorkbookSplitsReplications(t *testing.T) {
	res := tinyResults() // 3 replications: 3 rows
	summary, series := csvOf(t, res)
	var book bytes.Buffer
	// 3 rows a sheet: the header and two replications.
	if err := writeWorkbook(&book, res, []byte(summary), []byte(series), nil, nil, 3, false); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Summary,KPIs by year,Replications 1,Replications 2,Time series,Scenario,How to read" {
		t.Fatalf("sheets %s", got)
	}
	var reps []string
	for _, sheet := range []string{"Replications 1", "Replications 2"} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) > 3 || rows[0][0] != "replication (from 0)" {
			t.Errorf("%s: %d rows, header %q", sheet, len(rows), rows[0])
		}
		for _, r := range rows[1:] {
			reps = append(reps, r[0]+" "+r[1])
		}
		if tables, err := f.GetTables(sheet); err != nil || len(tables) != 1 {
			t.Errorf("%s: tables %+v (%v)", sheet, tables, err)
		}
	}
	if got := strings.Join(reps, ","); got != "0 all,1 all,2 all" {
		t.Errorf("rows %s", got)
	}
	if err := writeWorkbook(&book, res, []byte(summary), []byte(series), nil, nil, 1, false); err == nil || !strings.Contains(err.Error(), "cannot hold a replication") {
		t.Errorf("a sheet too small for a replication: %v", err)
	}
}

// TestWorkbookSameBytes writes the workbook of the same results again and again: the same
// bytes each time, though excelize keeps its streamed sheets (Replications, Time series) in a
// map. Go visits a small map's two entries in the other order about once in 8 times, so 60
// writes all come out alike by chance less than once in 2,000 times.
func TestWorkbookSameBytes(t *testing.T) {
	res := tinyResults()
	summary, series := csvOf(t, res)
	var first []byte
	for i := range 60 {
		var book bytes.Buffer
		if err := WriteWorkbook(&book, res, []byte(summary), []byte(series), []byte("name: tiny\n"), nil); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = book.Bytes()
		} else if !bytes.Equal(book.Bytes(), first) {
			t.Fatalf("write %d differs from the first", i+1)
		}
	}
}

// TestWorkbookIntervalsFromSummary requires the interval of a mean that the KPIs by year sheet
// takes from summary.csv's mean, sd and n to be the one sim.Results.MeanInterval works out
// from the replications, to the last bit: for KPIs of fractions, large and small, whole
// numbers, values all the same or all zero, and some NaN (a share with no denominator), over
// few and many replications.
func TestWorkbookIntervalsFromSummary(t *testing.T) {
	for _, reps := range []int{2, 3, 17, 1000} {
		res := tinyResults()
		rng := rand.New(rand.NewPCG(uint64(reps), 7))
		res.Reps = res.Reps[:0]
		for r := range reps {
			kpi := []float64{
				1e6 * rng.ExpFloat64(), rng.Float64() / 3, float64(rng.IntN(40)), 0, 5, 1e-9 * rng.NormFloat64(),
				math.NaN(), 7.25, 0.1 + 0.2, 3e15 * rng.Float64(), float64(r),
			}
			if r%3 == 0 {
				kpi[6] = rng.Float64()
			}
			res.Reps = append(res.Reps, sim.Replication{Index: r, KPIs: append(kpi, slices.Clone(kpi)...)})
		}
		var summary bytes.Buffer
		if err := res.WriteSummary(&summary, []float64{5, 50, 95}); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&summary).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, row := range rows[1:] {
			p, k := slices.Index(res.Periods, row[1]), slices.Index(res.KPIs, row[2])
			if _, share := res.RatioOf(k); share {
				continue
			}
			wantMean, wantHalf, _ := res.MeanInterval(p, k, WorkbookLevel)
			mean, half, ok := summaryInterval(row)
			if !ok {
				if !math.IsNaN(wantMean) && !math.IsInf(wantHalf, 0) {
					t.Errorf("%d replications, %s %s: the summary gives no interval, MeanInterval %v ± %v", reps, row[1], row[2], wantMean, wantHalf)
				}
				continue
			}
			checked++
			if math.Float64bits(mean) != math.Float64bits(wantMean) || math.Float64bits(half) != math.Float64bits(wantHalf) {
				t.Errorf("%d replications, %s %s: %v ± %v from the summary, MeanInterval %v ± %v", reps, row[1], row[2], mean, half, wantMean, wantHalf)
			}
		}
		if checked < 15 {
			t.Errorf("%d replications: only %d intervals taken from the summary", reps, checked)
		}
	}
}

// TestMayBeNumber requires mayBeNumber to pass every text strconv.ParseFloat takes, so that
// the workbook's cells are numbers where they were.
func TestMayBeNumber(t *testing.T) {
	for _, v := range []string{"0", "12", "-3.5", "+7", ".5", "1e9", "0x1p-2", "1_000", "0b101", "inf", "+Inf", "-infinity",
		"Infinity", "nan", "NaN", "NAN", "", "Spending", "£", "average over the run", "e5", "E5", "_1", " 1", "x1", "2026/27",
		"2026-04-01", "children_in_care", "Infinite", "nano", "0.30000000000000004", "-0"} {
		_, err := strconv.ParseFloat(v, 64)
		if err == nil && !mayBeNumber(v) {
			t.Errorf("mayBeNumber(%q) is false, but ParseFloat takes it", v)
		}
	}
}

// TestWorkbookKindLabels checks that the workbook labels each KPI as the scenario's catalogue
// does, a kind by its label as the charts and report name it ("Spending on agency homes
// (North)", not "Spending on external residential"), every label and unit of the Summary and
// KPIs by year sheets being the catalogue's; and that the report's key figures carry the same
// labels, with "(average)" after a time-average.
func TestWorkbookKindLabels(t *testing.T) {
	res := tinyResults()
	res.Scenario.Kinds[1].Label = "Agency homes (North)"
	summary, series := csvOf(t, res)
	f := openWorkbook(t, res, summary, series, "name: tiny\n")
	cat := sim.CatalogueOf(res.Scenario)
	seen := false
	for _, sheet := range []struct {
		name     string
		kpi, lab int
	}{{"Summary", 2, 3}, {"KPIs by year", 0, 1}} {
		rows, err := f.GetRows(sheet.name)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[1:] {
			info, _ := cat.KPIInfo(r[sheet.kpi])
			if r[sheet.lab] != info.Label || r[sheet.lab+1] != info.Unit.String() {
				t.Errorf("%s: %s is %q (%s), the catalogue's %q (%s)", sheet.name, r[sheet.kpi], r[sheet.lab], r[sheet.lab+1], info.Label, info.Unit)
			}
			if r[sheet.kpi] == "cost_external_residential" {
				seen = true
				if r[sheet.lab] != "Spending on agency homes (North)" {
					t.Errorf("%s: cost_external_residential is %q", sheet.name, r[sheet.lab])
				}
			}
		}
	}
	if !seen {
		t.Error("no row of cost_external_residential")
	}
	d, err := FromResults(res)
	if err != nil {
		t.Fatal(err)
	}
	names := d.SeriesNames(KeyFigures)
	if len(names) < 3 {
		t.Fatalf("key figures %q", names)
	}
	for _, name := range names {
		info, ok := cat.KPIInfo(name)
		if !ok {
			continue
		}
		want := info.Label
		if info.Aggregate == sim.Average {
			want += " (average)"
		}
		if got := d.Series(KeyFigures, name)[0].Label; got != want {
			t.Errorf("key figure %s is %q, want %q", name, got, want)
		}
	}
}
