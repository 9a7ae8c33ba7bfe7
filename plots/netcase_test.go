package plots

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// testCase is a fixed business case of recruit-12 against default over five years: a programme
// running at £300k a year, savings on places bought growing by £350k a year and spending on
// the council's own carers by £100k, paying back on average in 2029/30.
func testCase() *sim.NetCase {
	nc := &sim.NetCase{Scenario: "recruit-12", Baseline: "default", Level: 0.9, Discount: sim.GreenBookDiscount, Inflation: 0.03,
		Payback: "2029/30", PPayback: 0.62, PPaysBack: 0.81}
	years := []string{"2026/27", "2027/28", "2028/29", "2029/30", "2030/31"}
	cum := 0.0
	for i, y := range years {
		gross := 250e3 * float64(i)
		net := gross - 300e3
		cum += net
		p := func(m float64) sim.CaseFigure {
			return sim.CaseFigure{Mean: m, Lo: m - 40e3, Hi: m + 40e3, RunLo: m - 400e3*float64(i+1)/2, RunHi: m + 400e3*float64(i+1)/2, PPositive: 0.5, N: 200}
		}
		own := 100e3 * float64(i)
		fixed := func(m float64) sim.CaseFigure {
			return sim.CaseFigure{Mean: m, Lo: m, Hi: m, RunLo: m, RunHi: m, N: 200}
		}
		nc.Years = append(nc.Years, sim.NetYear{Period: y, Placements: p(gross + own), OwnProvision: p(own),
			Running: fixed(300e3), OneOff: fixed(0),
			Net: p(net), Cumulative: p(cum), PPaidBack: []float64{0, 0, 0.2, 0.62, 0.81}[i]})
	}
	nc.NPV = sim.CaseFigure{Mean: 312e3, Lo: 250e3, Hi: 374e3, RunLo: -900e3, RunHi: 1.4e6, PPositive: 0.66, N: 200}
	return nc
}

// TestGoldenBusinessCaseChart draws the cumulative net saving of the fixed business case and
// compares the SVG byte for byte.
func TestGoldenBusinessCaseChart(t *testing.T) {
	c, err := CumulativeNetChart(testCase(), testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "business-case-recruit-12" {
		t.Errorf("named %s", c.Name)
	}
	want := "On average the strategy pays back in 2029/30 (the mean cumulative net saving turns positive then and stays so); in 62% of futures it has paid back by the end of that year, and in 81% by the end of 2030/31. The saving to date by the end of 2030/31 is +£1.0m. In 2030/31 alone the net saving is +£700k (the white bar outlined in black): the saving to date is the years' added up. A future has paid back by a year's end when its saving to date is above zero then."
	if c.Subtitle != want {
		t.Errorf("subtitle %q, want %q", c.Subtitle, want)
	}
	golden(t, c.Name+"_golden.svg", svgOf(t, c))
	if _, err := CumulativeNetChart(&sim.NetCase{}, ""); err == nil {
		t.Error("a business case with no years was drawn")
	}
}

// TestNetCaseText checks the printed business case: a row a year with the confidence interval
// of the mean, the payback year with its chance, and the NPV with both kinds of range.
func TestNetCaseText(t *testing.T) {
	var b strings.Builder
	if err := WriteNetCaseText(&b, testCase()); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{
		"Business case of recruit-12 against default (savings to the council are positive; means with the 90% confidence interval of the mean)",
		"spends less on places bought   spends more on own carers and homes   programmes: running cost   programmes: one-off cost   net saving",
		"+£350k (+£310k to +£390k)      +£100k (+£60k to +£140k)              +£300k                     £0                         -£50k (-£90k to -£10k)",
		// Both ends of +£1.4m's interval read +£1.4m: the mean alone is shown.
		"+£1.4m                         +£400k (+£360k to +£440k)",
		"Places bought are every kind the council buys from a market (agency foster care, kinship care, supported accommodation, other settings and external residential homes, as the default county has them), emergency placements",
		"Payback: on average the strategy pays back in 2029/30 (the mean cumulative net saving turns positive then and stays so); in 62% of futures it has paid back by the end of that year, and in 81% by the end of 2030/31.",
		"in 2026/27 prices discounted at 3.5% a year",
		"+£312k (90% confidence interval of the mean +£250k to +£374k)",
		"anything from -£900k to +£1.4m (the middle 90% of paired runs); it is positive in 66% of them",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the business case does not say %q:\n%s", want, s)
		}
	}
	if want := "discounted at 3.5% a year (HM Treasury Green Book rate 3.5%)"; !strings.Contains(s, want) {
		t.Errorf("at the Green Book rate, the text does not say %q:\n%s", want, s)
	}
	// At another rate, the Green Book's is not read as the rate used.
	for _, r := range []float64{0, 0.1} {
		nc := testCase()
		nc.Discount = sim.FlatDiscount(r)
		b.Reset()
		if err := WriteNetCaseText(&b, nc); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("discounted at %s a year (the HM Treasury Green Book rate is 3.5%%)", rate(r)); !strings.Contains(b.String(), want) {
			t.Errorf("at %v, the text does not say %q:\n%s", r, want, b.String())
		}
	}
	// A run from 1 October 2026 for 4 years reports five financial years, the first and last
	// part years: the NPV is over the 4 years simulated, and the part years are said.
	nc := testCase()
	nc.Start, nc.RunYears = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), 4
	b.Reset()
	if err := WriteNetCaseText(&b, nc); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2026/27 and 2030/31 are part years: the run starts on 1 October 2026 and ends on 30 September 2030.",
		"Net present value over 4 years"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("a run from 1 October: the text does not say %q:\n%s", want, b.String())
		}
	}
	var sec strategySection
	(&CompareReport{}).fillCase(&sec, nc)
	if !strings.HasPrefix(sec.Payback, "2026/27 and 2030/31 are part years") || !strings.HasPrefix(sec.NPV, "Net present value over 4 years") {
		t.Errorf("a run from 1 October: the report says %q and %q", sec.Payback, sec.NPV)
	}
	nc = testCase()
	nc.Payback, nc.PPaysBack = "", 0.004
	b.Reset()
	if err := WriteNetCaseText(&b, nc); err != nil {
		t.Fatal(err)
	}
	if want := "is not positive by the end of 2030/31); 0.4% of futures have paid back by then"; !strings.Contains(b.String(), want) {
		t.Errorf("without payback, the text does not say %q:\n%s", want, b.String())
	}
	// A mean payback year by whose end fewer than half the futures have paid back says so, and
	// names the year by whose end most have.
	nc = testCase()
	nc.Payback, nc.PPayback = "2028/29", 0.2
	want := "Payback: on average the strategy pays back in 2028/29 (the mean cumulative net saving turns positive then and stays so), but in only 20% of futures has it paid back by the end of that year; most futures (62%) have by the end of 2029/30, and 81% by the end of 2030/31."
	b.Reset()
	if err := WriteNetCaseText(&b, nc); err != nil {
		t.Fatal(err)
	}
	sec = strategySection{}
	(&CompareReport{}).fillCase(&sec, nc)
	c, err := CumulativeNetChart(nc, "")
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]string{"text": b.String(), "pack": "Payback: " + sec.Payback, "chart": "Payback: " + c.Subtitle} {
		if !strings.Contains(strings.Replace(got, "Payback: On", "Payback: on", 1), want) {
			t.Errorf("the %s does not say %q:\n%s", name, want, got)
		}
	}
}

// writeTestCompareReport writes the board pack of the fixed comparison into dir.
func writeTestCompareReport(t *testing.T, dir string) (string, []byte) {
	t.Helper()
	rows := readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) })
	charts, err := ComparisonCharts(rows, 0.9, testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	bc, err := CumulativeNetChart(testCase(), testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	alt := testScenario()
	alt.Name, alt.Description = "recruit-12", "What if we recruit 12 more in-house foster carers a year, net?"
	base := testScenario()
	base.Interventions = nil
	r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Rows: rows, Cases: []*sim.NetCase{testCase()},
		Level: 0.9, Reps: 200, Seed: 1, Source: testSource.String(), Charts: append(charts, bc)}
	return writePage(t, dir, r.WriteHTML)
}

// TestCompareReport checks the board pack of a comparison: the question, what the strategy
// changes, both kinds of range named apart, the business case, its charts, the assumptions,
// and nothing fetched from outside.
func TestCompareReport(t *testing.T) {
	_, html := writeTestCompareReport(t, t.TempDir())
	s := string(html)
	for _, want := range []string{
		"<title>Business case: recruit-12 against default</title>",
		"What if we recruit 12 more in-house foster carers a year, net?",
		"Recruit 12 more in-house foster carers a year (12 more approvals a year for in-house foster care), from April 2027",
		`<th class="num wrap">default (mean)</th><th class="num wrap">recruit-12 (mean)</th>`,
		"Change: mean, and the 90% confidence interval of the mean", "One future: the middle 90% of paired runs", "In how many futures: better, the same, worse",
		"The confidence interval of the mean (90%) says how sure we are of the average effect",
		"it does not narrow with more runs. Money in cash terms: prices rise with inflation each April.</p>",
		"Spends less on places bought", "Spends more on own carers and homes", "Programmes: running cost", "Programmes: one-off cost",
		"Cumulative net saving", "Futures paid back", "Places bought are every kind the council buys from a market (agency foster care, kinship care, supported accommodation",
		"On average the strategy pays back in 2029/30",
		"Net present value over 5 years",
		"Assumptions of the baseline, default",
		"@page { size: A4",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the board pack has no %q", want)
		}
	}
	if n := strings.Count(s, "<svg "); n != 2 {
		t.Errorf("%d inline charts, want 2 (the difference and the business case)", n)
	}
	url := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^"'\s)<]*`)
	for _, m := range url.FindAllString(s, -1) {
		if m != "http://www.w3.org/2000/svg" && m != "http://www.w3.org/1999/xlink" {
			t.Errorf("the board pack refers to %s", m)
		}
	}
	for _, tag := range []string{"<script", "<link", "<img", "<iframe", "@import", "url("} {
		if strings.Contains(s, tag) {
			t.Errorf("the board pack has %s", tag)
		}
	}
}

// TestCompareReportInChromium loads the board pack in Chromium: it shows both charts, asks
// for nothing over the network and logs no error.
func TestCompareReportInChromium(t *testing.T) {
	exe := chromiumPath(t)
	t.Parallel() // mostly waiting on Chromium: beside TestReportInChromium
	dir := t.TempDir()
	path, _ := writeTestCompareReport(t, dir)
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	shot, err := filepath.Abs(filepath.Join(artifactDir(t), "compare-report.png"))
	if err != nil {
		t.Fatal(err)
	}
	// The page loaded and its screenshot, two browsers side by side.
	netlog := filepath.Join(dir, "netlog.json")
	runs := runChromiums(t, exe,
		append(chromiumFlags(filepath.Join(dir, "profile-dom")), "--log-net-log="+netlog, "--dump-dom", "file://"+filepath.ToSlash(abs)),
		append(chromiumFlags(filepath.Join(dir, "profile-shot")), "--window-size=900,3000", "--screenshot="+shot, "file://"+filepath.ToSlash(abs)))
	dom, logs := runs[0][0], runs[0][1]
	for _, u := range pageRequests(t, netlog) {
		t.Errorf("the page requested %s", u)
	}
	if n := strings.Count(dom, `class="chart"`); n != 2 {
		t.Errorf("the loaded page shows %d charts, want 2", n)
	}
	if !strings.Contains(dom, "</footer>") {
		t.Error("the page did not load to its end")
	}
	for _, line := range strings.Split(logs, "\n") {
		if consoleLine.MatchString(line) {
			t.Errorf("chromium: %s", line)
		}
	}
	if st, err := os.Stat(shot); err != nil || st.Size() < 10000 {
		t.Errorf("%s: %v", shot, err)
	}
}

// TestCompareWorkbook reads the comparison's workbook back: its sheets, each an Excel table
// with filters, the headline and business-case figures as numbers in pounds and per cent, and
// empty cells where a figure is missing.
func TestCompareWorkbook(t *testing.T) {
	rows := readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) })
	alt := testScenario()
	alt.Name = "recruit-12"
	r := CompareReport{Baseline: testScenario(), Scenarios: []*model.Scenario{alt}, Rows: rows, Cases: []*sim.NetCase{testCase()},
		Level: 0.9, Reps: 200, Seed: 1, Source: testSource.String()}
	f := openCompareWorkbook(t, &r)
	if got, want := f.GetSheetList(), []string{"Headlines", "Business case", "All KPIs", "How to read"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	for _, sheet := range f.GetSheetList() {
		tables, err := f.GetTables(sheet)
		if err != nil || len(tables) != 1 {
			t.Errorf("%s: tables %v (%v), want one with filters", sheet, tables, err)
		}
	}
	cell := func(sheet, ref string) string {
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	raw := func(sheet, ref string) string {
		v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Headlines, first row: total cost in 2026/27, from testdata/comparison.csv (62.7m, 62.8m,
	// +0.1m, -0.5m to +0.7m), with no spread of single runs in that old file.
	if got := []string{cell("Headlines", "A2"), cell("Headlines", "B2"), cell("Headlines", "C2"), raw("Headlines", "D2"), raw("Headlines", "F2"), raw("Headlines", "G2")}; !slices.Equal(got, []string{"recruit-12", "Total cost", "2026/27", "62700000", "100000", "-500000"}) {
		t.Errorf("first headline row %v", got)
	}
	if got := cell("Headlines", "D2"); got != "£62,700,000" {
		t.Errorf("baseline spending shows as %q, want pounds", got)
	}
	if cell("Headlines", "I2") != "" || cell("Headlines", "K2") != "" {
		t.Errorf("a missing spread shows as %q, %q; want empty cells", cell("Headlines", "I2"), cell("Headlines", "K2"))
	}
	// Business case: six rows a year, the whole run's total of five of them and the NPV, then a
	// blank row, the payback and what the figures hold.
	rowsBC, err := f.GetRows("Business case")
	if err != nil {
		t.Fatal(err)
	}
	table := 1 + 6*5 + 5 + 1
	if len(rowsBC) != table+3 {
		t.Fatalf("%d business case rows, want %d", len(rowsBC), table+3)
	}
	if got := rowsBC[12]; got[1] != "2027/28" || got[2] != "Cumulative net saving" || raw("Business case", "D13") != "-350000" || got[9] != "0%" {
		t.Errorf("2027/28 cumulative row %v (mean %s)", got, raw("Business case", "D13"))
	}
	if last := rowsBC[table-1]; last[2] != "Net present value at 3.5% a year" || raw("Business case", fmt.Sprintf("D%d", table)) != "312000" {
		t.Errorf("NPV row %v", last)
	}
	if got := rowsBC[table+1][0]; got != "Payback of recruit-12: "+PaybackText(testCase()) {
		t.Errorf("payback under the table %q", got)
	}
	if got := rowsBC[table+2][0]; got != CaseKey {
		t.Errorf("last line under the table %q, want what the figures hold", got)
	}
}

// TestCompareWorkbookCareLeavers gives the business case a strategy that saves money while
// leaving 23 more young people leaving care with no accommodation: the Business case sheet
// has their change as a row of the table, and under it the lines and the warning the board
// pack and the command print, word for word.
func TestCompareWorkbookCareLeavers(t *testing.T) {
	rows := readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) })
	alt := testScenario()
	alt.Name = "recruit-12"
	nc := testCase()
	nc.CareLeaversUnmet = sim.CaseFigure{Mean: 23, Lo: 20, Hi: 26, RunLo: 11, RunHi: 35, N: 200}
	nc.BaseCareLeaversUnmet, nc.AltCareLeaversUnmet = 0, 23
	r := CompareReport{Baseline: testScenario(), Scenarios: []*model.Scenario{alt}, Rows: rows, Cases: []*sim.NetCase{nc},
		Level: 0.9, Reps: 200, Seed: 1, Source: testSource.String()}
	f := openCompareWorkbook(t, &r)
	got, err := f.GetRows("Business case")
	if err != nil {
		t.Fatal(err)
	}
	lines := CareLeaverLines(nc)
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "Warning: ") {
		t.Fatalf("care leaver lines %q, want a line and a warning", lines)
	}
	table := 1 + 6*5 + 5 + 1 + 1
	// Under the table: the payback, the care leavers' lines and what the figures hold.
	lines = append(append([]string{"Payback of recruit-12: " + PaybackText(nc)}, lines...), CaseKey)
	if len(got) != table+1+len(lines) {
		t.Fatalf("%d business case rows, want %d (the table, a blank row, %d lines)", len(got), table+1+len(lines), len(lines))
	}
	if row := got[table-1]; row[1] != "5 years" || row[2] != "Young people leaving care with no accommodation" || row[3] != "23.0" || row[6] != "11.0" {
		t.Errorf("care leavers row %q", row)
	}
	for i, line := range lines {
		if row := got[table+1+i]; len(row) != 1 || row[0] != line {
			t.Errorf("row %d under the table %q, want %q", table+2+i, row, line)
		}
	}
	tables, err := f.GetTables("Business case")
	if err != nil || len(tables) != 1 || tables[0].Range != fmt.Sprintf("A1:J%d", table) {
		t.Errorf("business case tables %+v (%v), want one over A1:J%d", tables, err, table)
	}
}

// TestChartsDrawnAtOnce draws every chart in several formats at the same time, as a command
// writes a chart's files and its report side by side: each drawing must give the bytes it gives
// alone. Under -race, a drawing that writes what another reads (as fitting a flat axis once did)
// may also be reported, though the detector sees it only when the drawings overlap.
func TestChartsDrawnAtOnce(t *testing.T) {
	charts, err := Charts(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	bc, err := CumulativeNetChart(testCase(), testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	// A strategy that changes nothing draws flat lines, whose axes the first drawing widens.
	flat := testCase()
	for i := range flat.Years {
		y := &flat.Years[i]
		y.Placements, y.OwnProvision, y.Running, y.OneOff, y.Net, y.Cumulative = sim.CaseFigure{}, sim.CaseFigure{}, sim.CaseFigure{}, sim.CaseFigure{}, sim.CaseFigure{}, sim.CaseFigure{}
	}
	flat.Scenario = "nothing"
	fc, err := CumulativeNetChart(flat, testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	charts = append(charts, bc, fc)
	// The first drawing of each chart fixes its axes; draw a fresh copy of the charts so that
	// the drawings at once are the first ones.
	want := map[string][]byte{}
	for _, c := range charts {
		want[c.Name] = svgOf(t, c)
	}
	fresh, err := Charts(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	bc2, err := CumulativeNetChart(testCase(), testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	fc2, err := CumulativeNetChart(flat, testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	fresh = append(fresh, bc2, fc2)
	var wg sync.WaitGroup
	got := make([][]byte, len(fresh)*3)
	for i, c := range fresh {
		for j, format := range []string{"svg", "png", "svg"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				wt, err := c.WriterTo(format)
				if err != nil {
					t.Error(err)
					return
				}
				var buf bytes.Buffer
				if _, err := wt.WriteTo(&buf); err != nil {
					t.Error(err)
				}
				if format == "svg" {
					got[3*i+j] = buf.Bytes()
				}
			}()
		}
	}
	wg.Wait()
	for i, c := range fresh {
		for _, j := range []int{0, 2} {
			if !bytes.Equal(got[3*i+j], want[c.Name]) {
				t.Errorf("%s drawn beside other drawings differs from %s drawn alone", c.Name, c.Name)
			}
		}
	}
}

// TestComparePartYears compares runs from 1 October 2026 for 4 years: wherever the comparison
// names its first or last financial year (the pack's table and business case, the printed business case and the workbook's Headlines and Business case), it
// says where that part year begins or ends, as the run's report does; the difference chart's
// subtitle and the pack's table of the last year speak of the last whole year, as the printed
// table does, not of the last part year's 6 months.
func TestComparePartYears(t *testing.T) {
	rows := readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) })
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	base, alt := testScenario(), testScenario()
	base.Interventions = nil
	alt.Name = "recruit-12"
	for _, s := range []*model.Scenario{base, alt} {
		s.Start, s.Years = start, 4
	}
	nc := testCase()
	nc.Start, nc.RunYears = start, 4
	const first, last = "2026/27 (from 1 October)", "2030/31 (to 30 September)"

	charts, err := ComparisonChartsFrom(rows, start, 4, 0.9, testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	// The subtitle speaks of the last whole year, not of the 6 months of the last part year.
	if !strings.Contains(charts[0].Subtitle, " in 2029/30 ") {
		t.Errorf("the difference chart's subtitle %q does not name the last whole year 2029/30", charts[0].Subtitle)
	}
	// The part years are marked, as the run's spending chart marks them, and the axis does
	// not call a part year's difference a year's.
	const parts = " " + first + " and " + last + " are part years."
	if !strings.HasSuffix(charts[0].Subtitle, parts) {
		t.Errorf("the difference chart's subtitle %q does not end %q", charts[0].Subtitle, parts)
	}
	if got := charts[0].panels[0].p.Y.Label.Text; got != "Difference" {
		t.Errorf("the difference chart's spending axis %q, want %q", got, "Difference")
	}
	// On the chart, too: each panel's axis marks the part years under their years.
	wantTicks := []string{"2026/27\n(from 1 October)", "2027/28", "2028/29", "2029/30", "2030/31\n(to 30 September)"}
	for i, pn := range charts[0].panels {
		var got []string
		for _, tk := range pn.p.X.Tick.Marker.Ticks(pn.p.X.Min, pn.p.X.Max) {
			got = append(got, tk.Label)
		}
		if !slices.Equal(got, wantTicks) {
			t.Errorf("the difference chart's panel %d labels its years %q, want %q", i, got, wantTicks)
		}
	}
	// Without a start, the chart names the years as the rows do.
	if april, err := ComparisonCharts(rows, 0.9, testSource.String()); err != nil || strings.Contains(april[0].Subtitle, "(to ") {
		t.Errorf("without a start, the subtitle is %q (%v)", april[0].Subtitle, err)
	}
	bc, err := CumulativeNetChart(nc, testSource.String())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(bc.Subtitle, " by the end of "+last+" is") {
		t.Errorf("the business case chart's subtitle %q does not name %q", bc.Subtitle, last)
	}
	if !strings.Contains(bc.Subtitle, parts) {
		t.Errorf("the business case chart's subtitle %q does not say %q", bc.Subtitle, parts)
	}
	var bcTicks []string
	for _, tk := range bc.panels[0].p.X.Tick.Marker.Ticks(bc.panels[0].p.X.Min, bc.panels[0].p.X.Max) {
		bcTicks = append(bcTicks, tk.Label)
	}
	if len(bcTicks) == 0 || bcTicks[0] != "2026/27\n(from 1 October)" || bcTicks[len(bcTicks)-1] != "2030/31\n(to 30 September)" {
		t.Errorf("the business case chart labels its years %q, want its part years marked", bcTicks)
	}

	r := &CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Rows: rows, Cases: []*sim.NetCase{nc},
		Level: 0.9, Reps: 200, Seed: 1, Source: testSource.String()}
	tables := r.headlineTables(alt)
	if len(tables) != 2 || tables[0].Caption != "Over the 4 years" || tables[1].Caption != "In 2029/30" {
		t.Errorf("the pack's tables %+v, want the whole run's first, then one captioned %q", tables, "In 2029/30")
	}
	var sec strategySection
	r.fillCase(&sec, nc)
	if got := []string{sec.Case[0].Period, sec.Case[1].Period, sec.Case[4].Period}; !slices.Equal(got, []string{first, "2027/28", last}) {
		t.Errorf("the pack's business case years %q", got)
	}
	if want := "and in 81% by the end of " + last + "."; !strings.Contains(sec.Payback, want) {
		t.Errorf("the pack's payback %q does not say %q", sec.Payback, want)
	}

	var b strings.Builder
	if err := WriteNetCaseText(&b, nc); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n" + first + "   ", "\n2027/28 ", "\n" + last + "   ", "and in 81% by the end of " + last + "."} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the printed business case lacks %q:\n%s", want, b.String())
		}
	}

	f := openCompareWorkbook(t, r)
	periods := func(sheet, col string) []string {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		// The business case's lines under its table hold no period.
		for i := range rows[1:] {
			if len(rows[i+1]) <= 1 {
				continue
			}
			v, _ := f.GetCellValue(sheet, fmt.Sprintf("%s%d", col, i+2))
			if !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
		return out
	}
	want := []string{first, "2027/28", "2028/29", "2029/30", last, "4 years"}
	if got := periods("Headlines", "C"); !slices.Equal(got, want) {
		t.Errorf("the workbook's Headlines periods %q, want %q", got, want)
	}
	if got, want := periods("Business case", "B"), append(slices.Clone(want[:5]), TotalLabel, want[5]); !slices.Equal(got, want) {
		t.Errorf("the workbook's Business case years %q, want %q", got, want)
	}
}

// TestDifferenceChartInterval checks that the difference chart names its range the
// confidence interval of the mean, apart from the wider range of one future, in its legend and
// its subtitle.
func TestDifferenceChartInterval(t *testing.T) {
	rows := readRows(t, "comparison.csv", func(f *os.File) ([]CompareRow, error) { return ReadCompareRows(f) })
	for _, tt := range []struct {
		level              float64
		legend, inSubtitle string
	}{
		{0.9, "Difference (mean of paired runs) and its 90% confidence interval of the mean", "90% confidence interval of the mean"},
		{0, "Difference (mean of paired runs) and its confidence interval of the mean", "confidence interval of the mean"},
	} {
		charts, err := ComparisonCharts(rows, tt.level, testSource.String())
		if err != nil {
			t.Fatal(err)
		}
		c := charts[0]
		if c.Legend[0].Label != tt.legend {
			t.Errorf("level %v: legend %q, want %q", tt.level, c.Legend[0].Label, tt.legend)
		}
		if !strings.Contains(c.Subtitle, tt.inSubtitle) || strings.Contains(c.Subtitle, "% interval") {
			t.Errorf("level %v: subtitle %q does not name the %s", tt.level, c.Subtitle, tt.inSubtitle)
		}
	}
}

// TestCompareReportWholeRunRows checks that the pack's table over the whole run says what each
// row is: money and emergency placements are totals over the run, carer households the count
// at its end, children averages; the last year's table keeps the labels as they are.
func TestCompareReportWholeRunRows(t *testing.T) {
	base, alt := testScenario(), testScenario()
	alt.Name = "recruit-12"
	var rows []CompareRow
	for _, p := range []string{"2030/31", sim.WholeRun} {
		for _, k := range []string{sim.CostTotal, sim.ChildrenInCare, sim.EmergencyPlacements, sim.CarerHouseholdsEnd, sim.FirstChoiceShare} {
			rows = append(rows, CompareRow{Scenario: alt.Name, Baseline: base.Name, Period: p, KPI: k, BaseMean: 1, AltMean: 2, DiffMean: 1, DiffLo: 0.5, DiffHi: 1.5, N: 20})
		}
	}
	r := &CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Rows: rows, Level: 0.9}
	tables := r.headlineTables(alt)
	if len(tables) != 2 {
		t.Fatalf("%d tables, want 2", len(tables))
	}
	labels := func(t headlineTable) []string {
		var out []string
		for _, r := range t.Rows {
			out = append(out, r.Label)
		}
		return out
	}
	if got, want := labels(tables[1]), []string{"Spending in 2030/31 (change below zero: the strategy spends less)", "Children in care (average)", "Emergency placements made", "The council's own foster carer households (in-house foster care) at the year's end", "Share of placements made in the child's first choice"}; !slices.Equal(got, want) {
		t.Errorf("the last year's rows %q, want %q", got, want)
	}
	// The whole run leads.
	if tables[0].Caption != "Over the 5 years" {
		t.Errorf("the whole run's caption %q", tables[0].Caption)
	}
	if got, want := labels(tables[0]), []string{"Spending over the 5 years (change below zero: the strategy spends less)", "Children in care (average)", "Emergency placements made (5-year total)", "The council's own foster carer households (in-house foster care) at the run's end", "Share of placements made in the child's first choice"}; !slices.Equal(got, want) {
		t.Errorf("the whole run's rows %q, want %q", got, want)
	}
}

// TestChanceRoundsHalfUp checks that a chance of k runs in n rounds a half up, as a
// workbook's per cent format does, even where k/n as a float sits just below the half.
func TestChanceRoundsHalfUp(t *testing.T) {
	for _, tt := range []struct {
		k, n int
		want string
	}{
		{37, 40, "93%"},   // 0.925: printed "92%" when a half rounded to even
		{57, 200, "29%"},  // 0.285: 28.499999999999996 per cent as a float
		{1, 8, "13%"},     // 12.5 exactly
		{3, 8, "38%"},     // 37.5 exactly
		{229, 400, "57%"}, // 57.25
		{1, 400, "0.3%"},  // 0.25 per cent
		{3, 400, "0.8%"},  // 0.75 per cent
		{1, 1000, "0.1%"},
		{0, 40, "0%"},
		{40, 40, "100%"},
		{399, 400, "100%"}, // 99.75
		{1, 3, "33%"},
		{2, 3, "67%"},
	} {
		if got := Chance(float64(tt.k) / float64(tt.n)); got != tt.want {
			t.Errorf("Chance(%d/%d) = %q, want %q", tt.k, tt.n, got, tt.want)
		}
	}
	// Every k in n up to 1,000 runs rounds as whole numbers do: (200k + n) / 2n per cent.
	for n := 1; n <= 1000; n++ {
		for k := 0; k <= n; k++ {
			if 100*k < n {
				continue // below 1%, in tenths of one
			}
			if got, want := Chance(float64(k)/float64(n)), strconv.Itoa((200*k+n)/(2*n))+"%"; got != want {
				t.Fatalf("Chance(%d/%d) = %q, want %q", k, n, got, want)
			}
		}
	}
}

// openCompareWorkbook writes r's comparison workbook and opens it, to be closed when the test
// ends.
func openCompareWorkbook(t *testing.T, r *CompareReport) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := r.WriteCompareWorkbook(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestFiguresNeverInfinite checks that every way of writing a figure writes an infinity or NaN
// (the bound of an interval that one run cannot give) as "n/a" or a dash, never "+Inf" or
// "NaN", and that a business case of one pair, whatever bounds it is given, says it has no
// interval and no range.
func TestFiguresNeverInfinite(t *testing.T) {
	for _, v := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
		for _, s := range []string{formatMoney(v), formatPounds(v), formatCount(v), formatShare(v), formatSigned(v, true),
			formatSigned(v, false), formatPercent(v), Level(v, Money), Level(v, Count), Signed(v, Money), Signed(v, Share), GBP(v), Chance(v)} {
			if s != "n/a" && s != "–" {
				t.Errorf("%v is written %q", v, s)
			}
		}
	}
	nc := testCase()
	one := func(p *sim.CaseFigure) {
		p.Lo, p.Hi, p.RunLo, p.RunHi, p.N = math.Inf(-1), math.Inf(1), p.Mean, p.Mean, 1
	}
	for i := range nc.Years {
		y := &nc.Years[i]
		one(&y.Placements)
		one(&y.OwnProvision)
		one(&y.Running)
		one(&y.OneOff)
		one(&y.Net)
		one(&y.Cumulative)
	}
	one(&nc.NPV)
	var b strings.Builder
	if err := WriteNetCaseText(&b, nc); err != nil {
		t.Fatal(err)
	}
	var sec strategySection
	(&CompareReport{}).fillCase(&sec, nc)
	for name, s := range map[string]string{"the text": b.String(), "the pack": sec.NPV + " " + sec.NPVRange} {
		if strings.Contains(s, "Inf") || strings.Contains(s, "n/a") {
			t.Errorf("%s of one pair writes an infinite interval:\n%s", name, s)
		}
		if !strings.Contains(s, "one paired run gives no interval") || !strings.Contains(s, "One paired run gives no range") {
			t.Errorf("%s of one pair does not say it has no interval and no range:\n%s", name, s)
		}
	}
	c, err := CumulativeNetChart(nc, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Subtitle, "One paired run gives no interval and no range of futures") {
		t.Errorf("the chart of one pair says %q", c.Subtitle)
	}
	if svg := string(svgOf(t, c)); !strings.Contains(svg, ">£0<") || !strings.Contains(svg, ">£1m<") {
		t.Errorf("the chart of one pair has no money on its axis")
	}
}

// TestChanceBetterTies checks that a KPI on which every pair ties has no chance better, as one
// where neither more nor less is better has none: the table and the pack write "–", the
// workbook a blank cell, the JSON null. A tie in some pairs only counts in neither share.
func TestChanceBetterTies(t *testing.T) {
	lower, higher, neither := Headline{Better: -1}, Headline{Better: 1}, Headline{}
	for _, tt := range []struct {
		h               Headline
		pLower, pHigher float64
		want            string
	}{
		{lower, 0, 0, "–"},
		{higher, 0, 0, "–"},
		{neither, 0, 0, "–"},
		{neither, 0.5, 0.25, "–"},
		{lower, 0.25, 0, "25%"},
		{higher, 0.25, 0, "0%"},
		{higher, 0.25, 0.5, "50%"},
		{lower, 0, 0.05, "0%"},
		{lower, math.NaN(), math.NaN(), "–"},
	} {
		if got := Chance(tt.h.ChanceBetter(tt.pLower, tt.pHigher)); got != tt.want {
			t.Errorf("better %d, lower in %v, higher in %v of pairs: chance better %s, want %s", tt.h.Better, tt.pLower, tt.pHigher, got, tt.want)
		}
	}
}

// TestZeroWidthIntervals checks the one rule for an interval whose ends read as its mean: it is
// not shown, in the printed table, the pack and the NPV's lines alike, whether its ends equal
// the mean exactly or differ from it by float noise (-1524400.0000000002).
func TestZeroWidthIntervals(t *testing.T) {
	nc := testCase()
	exact := sim.CaseFigure{Mean: 1_524_400, Lo: 1_524_400, Hi: 1_524_400, RunLo: 1_524_400, RunHi: 1_524_400, PPositive: 1, N: 200}
	noisy := sim.CaseFigure{Mean: -1_524_400, Lo: -1524400.0000000002, Hi: -1524399.9999999998, RunLo: -1524400.0000000002, RunHi: -1524399.9999999998, N: 200}
	nc.Years[1].OneOff, nc.Years[1].Net = exact, noisy
	nc.NPV = noisy
	var b strings.Builder
	if err := WriteNetCaseText(&b, nc); err != nil {
		t.Fatal(err)
	}
	var sec strategySection
	(&CompareReport{}).fillCase(&sec, nc)
	pack := sec.NPV + " " + sec.NPVRange
	for _, c := range sec.Case[1].Cells {
		pack += " [" + c.Mean + "|" + c.CI + "]"
	}
	for name, got := range map[string]string{"text": b.String(), "pack": pack} {
		if strings.Contains(got, "-£1.5m to -£1.5m") || strings.Contains(got, "+£1.5m to +£1.5m") {
			t.Errorf("the %s shows an interval whose ends read as its mean:\n%s", name, got)
		}
	}
	for _, want := range []string{"+£1.5m                     -£1.5m ", "(HM Treasury Green Book rate 3.5%): -£1.5m.\n",
		"In one future the net present value could be no other than -£1.5m (the middle 90% of paired runs)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the text does not say %q:\n%s", want, b.String())
		}
	}
	for _, want := range []string{"[+£1.5m|]", "[-£1.5m|]", "is 3.5%): -£1.5m. In one future it could be no other than -£1.5m"} {
		if !strings.Contains(pack, want) {
			t.Errorf("the pack does not say %q:\n%s", want, pack)
		}
	}
}

// TestDifferenceSubtitleLeadsWithTheRun checks that the difference chart's subtitle leads with
// the whole run's net position, then the last year: a strategy that saves £155k in its last year
// but costs £651k more over the run is not headlined by the saving.
func TestDifferenceSubtitleLeadsWithTheRun(t *testing.T) {
	row := func(period string, mean, lo, hi float64) CompareRow {
		return CompareRow{Scenario: "open-4-bed-home", Baseline: "default", Period: period, KPI: sim.CostTotal,
			DiffMean: mean, DiffLo: lo, DiffHi: hi, RunLo: math.NaN(), RunHi: math.NaN(), PLower: math.NaN(), PHigher: math.NaN(), N: 200}
	}
	rows := []CompareRow{row("2034/35", -75e3, -149e3, -2e3), row("2035/36", -155e3, -240e3, -71e3), row("all", 651e3, 386e3, 916e3)}
	charts, err := ComparisonChartsFrom(rows, time.Date(2034, 4, 1, 0, 0, 0, 0, time.UTC), 2, 0.9, "")
	if err != nil {
		t.Fatal(err)
	}
	want := `"open-4-bed-home" costs £651k more over the 2 years than "default" on average (90% confidence interval of the mean, the precision of that average: £386k to £916k); ` +
		`"open-4-bed-home" saves £155k in 2035/36 against "default" on average (90% confidence interval of the mean, the precision of that average: £71k to £240k).`
	if got := charts[0].Subtitle; got != want {
		t.Errorf("subtitle\n%s\nwant\n%s", got, want)
	}
}

// TestCaseInterval checks the rule every business case table (a comparison's, a region's, the
// workspace's) shows an interval by: not from one pair, nor when both ends read as the mean.
func TestCaseInterval(t *testing.T) {
	for _, tt := range []struct {
		p    sim.CaseFigure
		want string
	}{
		{sim.CaseFigure{Mean: -19e3, Lo: -46e3, Hi: 8e3, N: 200}, "-£46k to +£8k"},
		{sim.CaseFigure{Mean: 1_524_400, Lo: 1_524_400, Hi: 1_524_400, N: 200}, ""},
		{sim.CaseFigure{Mean: -1_524_400, Lo: -1524400.0000000002, Hi: -1524399.9999999998, N: 200}, ""},
		{sim.CaseFigure{Mean: -1_400_000, Lo: -1_440_000, Hi: -1_360_000, N: 200}, ""}, // -£1.4m to -£1.4m
		{sim.CaseFigure{Mean: -1_400_000, Lo: -1_460_000, Hi: -1_360_000, N: 200}, "-£1.5m to -£1.4m"},
		{sim.CaseFigure{Mean: 5, Lo: math.NaN(), Hi: math.NaN(), N: 1}, ""},
		{sim.CaseFigure{Mean: 5, Lo: math.Inf(-1), Hi: math.Inf(1), N: 2}, ""},
	} {
		if got := CaseInterval(tt.p); got != tt.want {
			t.Errorf("CaseInterval(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// TestPercent checks a level's words: to a tenth of a per cent, and more finely where a level
// short of 1 (or above 0) would read 100% (or 0%).
func TestPercent(t *testing.T) {
	for level, want := range map[float64]string{0.9: "90%", 0.95: "95%", 0.975: "97.5%", 0.999999: "99.9999%", 0.9999: "99.99%",
		0.0001: "0.01%", 0.5: "50%", 1: "100%"} {
		if got := Percent(level); got != want {
			t.Errorf("Percent(%v) = %q, want %q", level, got, want)
		}
	}
}

// TestCompareReportCaseHeadingSaysWhyNoInterval checks that the business case's heading, which
// says each cell has its confidence interval below it, says why some have none: an interval
// that reads as the mean does (a one-off cost the same in every run) is not printed.
func TestCompareReportCaseHeadingSaysWhyNoInterval(t *testing.T) {
	_, html := writeTestCompareReport(t, t.TempDir())
	if !strings.Contains(string(html), "confidence interval of the mean, left out where it reads as the mean does (a cost the same in every run).</caption>") {
		t.Error("the business case's heading does not say why a cell has no interval")
	}
}

// TestPaybackTextLastYearOnce checks that the payback sentence says the chance by the end of
// the run once when the year it names is the run's last: it said "most futures (81%) have by
// the end of 2030/31, and 81% by the end of 2030/31.".
func TestPaybackTextLastYearOnce(t *testing.T) {
	for _, tc := range []struct {
		name    string
		payback string
		p       float64
		want    string
	}{
		{"most futures pay back in the last year", "2029/30", 0.2,
			"on average the strategy pays back in 2029/30 (the mean cumulative net saving turns positive then and stays so), but in only 20% of futures has it paid back by the end of that year; most futures (81%) have by the end of 2030/31, the last year of the run."},
		{"the mean pays back in the last year", "2030/31", 0.81,
			"on average the strategy pays back in 2030/31 (the mean cumulative net saving turns positive then and stays so); in 81% of futures it has paid back by the end of that year, the last of the run."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nc := testCase()
			nc.Payback, nc.PPayback = tc.payback, tc.p
			nc.Years[3].PPaidBack = 0.4
			if got := PaybackText(nc); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestHowToReadCarerHouseholds checks that the "How to read" of a run's report and workbook
// names the kinds the council's own foster carer households count, as the scenario has them:
// one kind alone, two together, none.
func TestHowToReadCarerHouseholds(t *testing.T) {
	one := testScenario()
	two := testScenario()
	two.Kinds = append(two.Kinds, model.Kind{Name: "kinship", Label: "Kinship carers", Supply: model.Carers, Carers: &model.CarerPool{Households: 20}})
	none := testScenario()
	none.Kinds = slices.DeleteFunc(slices.Clone(none.Kinds), func(k model.Kind) bool { return k.Supply == model.Carers })
	for _, tc := range []struct {
		name string
		s    *model.Scenario
		want string
	}{
		{"one kind", one, "Every household of the council's own foster carers (in-house foster care) on the year's last day; each kind's at the start is in the report's Assumptions, and its carers.households in scenario.yaml (the workbook's Scenario sheet)."},
		{"two kinds", two, "Every household of the council's own foster carers (in-house foster care and kinship carers together) on the year's last day; each kind's at the start is in the report's Assumptions, and its carers.households in scenario.yaml (the workbook's Scenario sheet)."},
		{"none", none, "None: the scenario has no kind of foster care supplied by the council's own carers."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := HowToRead(tc.s)
			last := rows[len(rows)-1]
			if last[0] != "The council's own foster carer households" || last[1] != tc.want {
				t.Errorf("got %q, want %q", last, tc.want)
			}
		})
	}
}

// TestNPVPastYear30 checks that a business case of more than 31 financial years says both of
// the Green Book's rates under its schedule, that at one rate given it says that rate is used
// for every year, and that a shorter one gives the Green Book's rate alone.
func TestNPVPastYear30(t *testing.T) {
	nc := testCase()
	if got := NPVLines(nc, "")[0]; !strings.Contains(got, "discounted at 3.5% a year (HM Treasury Green Book rate 3.5%)") {
		t.Errorf("%d years: %q, want the Green Book's rate alone", len(nc.Years), got)
	}
	for len(nc.Years) < 35 {
		nc.Years = append(nc.Years, nc.Years[len(nc.Years)-1])
	}
	nc.RunYears = 35
	for _, tc := range []struct {
		name  string
		d     sim.Discount
		want  string
		label string
		basis string
	}{
		{"Green Book", sim.GreenBookDiscount,
			"discounted at 3.5% a year for years 0 to 30 and 3% a year from year 31, the first year being year 0 (HM Treasury's Green Book rates)",
			"Net present value at 3.5% a year to year 30, 3% from year 31",
			"Net present value over 35 years, in 2026/27 prices, discounted at 3.5% a year for years 0 to 30 and 3% a year from year 31, the first year being year 0 (HM Treasury's Green Book rates)"},
		{"flat 3.5%", sim.FlatDiscount(0.035),
			"discounted at 3.5% a year, the one rate given, for every year (HM Treasury's Green Book rates are 3.5% for years 0 to 30 and 3% from year 31)",
			"Net present value at 3.5% a year", ""},
		{"flat 5%", sim.FlatDiscount(0.05),
			"discounted at 5% a year, the one rate given, for every year (HM Treasury's Green Book rates are 3.5% for years 0 to 30 and 3% from year 31)",
			"Net present value at 5% a year", ""},
	} {
		nc.Discount = tc.d
		if got := NPVLines(nc, "")[0]; !strings.Contains(got, tc.want) {
			t.Errorf("35 years, %s: %q, want it to hold %q", tc.name, got, tc.want)
		}
		if got := NPVLabel(nc); got != tc.label {
			t.Errorf("35 years, %s: the workbook's row is %q, want %q", tc.name, got, tc.label)
		}
		if got := NPVBasis(nc); tc.basis != "" && got != tc.basis {
			t.Errorf("35 years, %s: the pack's terms are %q, want %q", tc.name, got, tc.basis)
		}
	}
}
