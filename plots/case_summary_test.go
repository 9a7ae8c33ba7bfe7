package plots

import (
	"bytes"
	"html"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// summaryCase is testCase with the whole run's totals of a strategy that spends £2.5m on
// recruitment and £22.3m more on its own carers to spend £30.9m less on places bought: a net
// saving of £6.1m on average, from a saving of £13.1m to a loss of £328k in one future.
func summaryCase() *sim.NetCase {
	nc := testCase()
	fig := func(m, lo, hi, runLo, runHi float64) sim.CaseFigure {
		return sim.CaseFigure{Mean: m, Lo: lo, Hi: hi, RunLo: runLo, RunHi: runHi, N: 200}
	}
	nc.Total = sim.NetYear{Period: sim.WholeRun,
		Placements:   fig(30.9e6, 30.2e6, 31.7e6, 25e6, 37e6),
		OwnProvision: fig(22.3e6, 22.0e6, 22.7e6, 20e6, 24e6),
		Running:      fig(2.5e6, 2.5e6, 2.5e6, 2.5e6, 2.5e6),
		OneOff:       fig(0, 0, 0, 0, 0),
		Net:          fig(6.1e6, 5.6e6, 6.6e6, -328e3, 13.1e6),
	}
	nc.Total.Cumulative = nc.Total.Net
	nc.PPaysBack = 0.94
	return nc
}

// summaryPack writes the board pack of the fixed comparison with summaryCase's business case.
func summaryPack(t *testing.T, alt *model.Scenario) string {
	t.Helper()
	base := testScenario()
	base.Interventions = nil
	r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Cases: []*sim.NetCase{summaryCase()},
		Level: 0.9, Reps: 200, Seed: 1, Source: "test"}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	return html.UnescapeString(buf.String())
}

// TestComparePackOpensWithTheAnswer checks that the board pack's first section, before the
// method, says what the strategy does in its own words, what it costs and what it saves to pay
// for it, the net over the run with the share of futures paid back, and the range of the one
// future that happens, with the interval of the mean only as the average's precision.
func TestComparePackOpensWithTheAnswer(t *testing.T) {
	alt := testScenario()
	alt.Name, alt.Description = "recruit-12", "What if we recruit 12 more in-house foster carers a year, net?"
	page := summaryPack(t, alt)
	short, method := strings.Index(page, "<h2>In short</h2>"), strings.Index(page, "<h2>What was compared</h2>")
	if short < 0 || method < 0 || short > method {
		t.Fatalf("the pack does not open with its answer (In short at %d, What was compared at %d)", short, method)
	}
	top := page[short:method]
	for _, want := range []string{
		"The strategy: What if we recruit 12 more in-house foster carers a year, net?",
		"What it costs: over the 5 years it spends £2.5m on its programmes and £22.3m more on own carers and homes, to spend £30.9m less on places bought from the market",
		"Net over the 5 years: it saves £6.1m on average; it has paid back by the end of the run in 94% of futures.",
		"The range to quote: the net in 90% of futures between a saving of £13.1m and a loss of £328k over the 5 years",
		"Precision of the average: its 90% confidence interval of the mean is +£5.6m to +£6.6m",
	} {
		if !strings.Contains(top, want) {
			t.Errorf("the pack's first section does not say %q:\n%s", want, top)
		}
	}
	if strings.Contains(top, "-£") {
		t.Errorf("the first section writes a saving or a cost as a signed figure:\n%s", top)
	}
}

// TestFuturesWords checks the range of one future in words: the larger saving first, a loss
// named as a loss, and nothing from one pair.
func TestFuturesWords(t *testing.T) {
	nan := math.NaN()
	for _, tt := range []struct {
		lo, hi float64
		want   string
	}{
		{-328e3, 13.1e6, "in 90% of futures between a saving of £13.1m and a loss of £328k"},
		{13.1e6, -328e3, "in 90% of futures between a saving of £13.1m and a loss of £328k"},
		{-2e6, -1e6, "in 90% of futures between a loss of £1.0m and a loss of £2.0m"},
		{0, 1e6, "in 90% of futures between a saving of £1.0m and no change"},
		{nan, nan, ""},
	} {
		if got := FuturesWords(tt.lo, tt.hi, 0.9); got != tt.want {
			t.Errorf("FuturesWords(%v, %v) = %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
}

// TestHeadlineSavingGivesTheRangeOfFutures checks that where the pack states a headline saving
// in words, it gives the range of futures: the business case's total net saving and the
// difference chart's subtitle, which keeps the interval of the mean only as the average's
// precision.
func TestHeadlineSavingGivesTheRangeOfFutures(t *testing.T) {
	alt := testScenario()
	alt.Name = "recruit-12"
	page := summaryPack(t, alt)
	if want := "+£6.1m<span><span class=\"vh\">, 90% confidence interval of the mean </span>+£5.6m to +£6.6m</span><span>In 90% of futures between a saving of £13.1m and a loss of £328k</span>"; !strings.Contains(page, want) {
		t.Errorf("the business case's total net saving does not give the range of futures %q", want)
	}
	row := func(period string) CompareRow {
		return CompareRow{Scenario: "alt", Baseline: "default", Period: period, KPI: sim.CostTotal,
			DiffMean: -6.1e6, DiffLo: -6.6e6, DiffHi: -5.6e6, RunLo: -13.1e6, RunHi: 328e3, PLower: 0.94, PHigher: 0.06, N: 200}
	}
	charts, err := ComparisonChartsFrom([]CompareRow{row("2026/27"), row(sim.WholeRun)}, time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), 1, 0.9, "")
	if err != nil {
		t.Fatal(err)
	}
	want := `"alt" saves £6.1m over the year against "default" on average, in 90% of futures between a saving of £13.1m and a loss of £328k ` +
		`(90% confidence interval of the mean, the precision of that average: £5.6m to £6.6m), spending less in 94% of futures`
	if got := charts[0].Subtitle; !strings.HasPrefix(got, want) {
		t.Errorf("subtitle\n%s\nwant it to begin\n%s", got, want)
	}
}

// TestComparePackSignsSayWhichWay checks that the pack's words and signs agree: the results
// table calls the measure spending, as the run's report does, and says which way its change
// goes; the business case says which columns count a saving and which a cost above zero.
func TestComparePackSignsSayWhichWay(t *testing.T) {
	base, alt := testScenario(), testScenario()
	base.Interventions, alt.Name = nil, "recruit-12"
	var rows []CompareRow
	for _, p := range []string{"2030/31", sim.WholeRun} {
		rows = append(rows, CompareRow{Scenario: alt.Name, Baseline: base.Name, Period: p, KPI: sim.CostTotal, BaseMean: 760e6, AltMean: 754e6, DiffMean: -6e6, DiffLo: -7e6, DiffHi: -5e6, N: 20})
	}
	r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Rows: rows, Cases: []*sim.NetCase{summaryCase()}, Level: 0.9, Reps: 20, Seed: 1, Source: "test"}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(buf.String())
	for _, want := range []string{
		"Spending over the 5 years (change below zero: the strategy spends less)",
		"Spending in 2030/31 (change below zero: the strategy spends less)",
		`Above zero is a saving to the council in "Spends less on places bought", "Net saving" and "Cumulative net saving"; above zero is a cost in "Spends more on own carers and homes", "Programmes: running cost" and "Programmes: one-off cost".`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the pack does not say %q", want)
		}
	}
	for _, not := range []string{"Total cost", "Savings to the council are positive"} {
		if strings.Contains(page, not) {
			t.Errorf("the pack still says %q", not)
		}
	}
}

// TestComparePackSaysWhereAHomesRunningCostIs checks that a strategy that opens a home is told
// where the home's running cost is, not left to read "Programmes: running cost" £0 as its cost.
func TestComparePackSaysWhereAHomesRunningCostIs(t *testing.T) {
	alt := testScenario()
	alt.Name = "open-home"
	alt.Interventions = []model.Intervention{{Action: model.OpenHome, Kind: 0, Count: 3, Name: "birch", Label: "Open Birch House (3 beds)", FixedCostPerYearGBP: 901500}}
	page := summaryPack(t, alt)
	want := `Running a home it opens: the running cost of Open Birch House (3 beds), £901,500 a year to run at the start's prices, is in the column "Spends more on own carers and homes"`
	if !strings.Contains(page, want) {
		t.Errorf("the pack does not say %q", want)
	}
	alt.Interventions = nil
	if got := summaryPack(t, alt); strings.Contains(got, "Running a home it opens") {
		t.Error("a strategy that opens no home is told where a home's running cost is")
	}
}

// TestComparePackHowToRead checks that the pack defines its words as a run's report does
// (HowToRead, one source) and its own (first choice, ladder, futures, pts, cash terms), and
// that the assumptions keep the scenario file's fields out of the reader's text, in a
// technical note apart.
func TestComparePackHowToRead(t *testing.T) {
	alt := testScenario()
	alt.Name = "recruit-12"
	page := summaryPack(t, alt)
	at := strings.Index(page, "<h2>How to read</h2>")
	if at < 0 {
		t.Fatal("the pack has no How to read")
	}
	for _, want := range []string{"<th scope=\"row\">First choice</th>", "not the child's wish", "<th scope=\"row\">Ladder</th>",
		"<th scope=\"row\">pts</th>", "<th scope=\"row\">Cash terms</th>", "random draws start from seed 1", "<th scope=\"row\">The council's own foster carer households</th>"} {
		if !strings.Contains(page[at:], want) {
			t.Errorf("the How to read has no %q", want)
		}
	}
	rows, note := WithoutFieldPaths([][2]string{
		{"Home Office grant", "no rate given (uasc.grant_per_night_gbp): the grant is income"},
		{"Step-down to", "the first of In-house foster care, then Independent fostering agency with a place for the child (step_down.try)"},
		{"Warm-up", "2 years left out (timeseries.csv)"},
	})
	if rows[0][1] != "no rate given: the grant is income" || strings.Contains(rows[1][1], "step_down") || rows[2][1] != "2 years left out (timeseries.csv)" {
		t.Errorf("the assumptions keep a field: %q", rows)
	}
	if want := "Home Office grant: uasc.grant_per_night_gbp; Step-down to: step_down.try."; !strings.HasSuffix(note, want) {
		t.Errorf("technical note %q, want it to end %q", note, want)
	}
}

// TestRegionPackOpensWithTheAnswer checks that a region's board pack opens with the same
// summary of the whole region's business case.
func TestRegionPackOpensWithTheAnswer(t *testing.T) {
	r := &RegionCompareReport{Baseline: &model.Region{Name: "south-east"}, Scenarios: []*model.Region{{Name: "kent-pool", Description: "What if Kent pools its homes?"}}, Level: 0.9, Reps: 10, Seed: 7,
		Comparisons: []*RegionComparison{{Scenario: "kent-pool", Baseline: "south-east", Councils: []string{"kent", "region"}, Cases: []*sim.NetCase{testCase(), summaryCase()}, Diffs: make([][]sim.Difference, 2)}}}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(buf.String())
	short, first := strings.Index(page, "<h2>In short</h2>"), strings.Index(page, "<h2>kent-pool</h2>")
	if short < 0 || first < 0 || short > first {
		t.Fatalf("the region's pack does not open with its answer (%d, %d)", short, first)
	}
	for _, want := range []string{"The strategy: What if Kent pools its homes?", "it saves £6.1m on average",
		"in 90% of futures between a saving of £13.1m and a loss of £328k"} {
		if !strings.Contains(page[short:first], want) {
			t.Errorf("the region's first section does not say %q", want)
		}
	}
}

// TestBusinessCaseChartDrawsTheYearsNet checks that the business case chart draws each year's
// net saving beside its parts and labels the axis below zero, and that its subtitle gives the
// last year's net alone, so that a year's saving on places bought is not quoted as the
// strategy's saving that year.
func TestBusinessCaseChartDrawsTheYearsNet(t *testing.T) {
	c, err := CumulativeNetChart(testCase(), "test")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range c.Legend {
		found = found || strings.HasPrefix(l.Label, "that year's net saving")
	}
	if !found {
		t.Error("the chart's key has no year's net saving")
	}
	if want := "In 2030/31 alone the net saving is +£700k (the white bar outlined in black)"; !strings.Contains(c.Subtitle, want) {
		t.Errorf("subtitle %q does not say %q", c.Subtitle, want)
	}
	if svg := string(svgOf(t, c)); !strings.Contains(svg, ">-£1m<") {
		t.Error("the axis has no label below zero, where the costs' bars are")
	}
}

// TestDifferenceChartSaysWhichWayIsASaving checks that the difference chart's panel of spending
// says that below zero is a saving there, as the business case's chart draws one above zero.
func TestDifferenceChartSaysWhichWayIsASaving(t *testing.T) {
	row := CompareRow{Scenario: "alt", Baseline: "default", Period: "2026/27", KPI: sim.CostTotal, DiffMean: -1e6, DiffLo: -2e6, DiffHi: 0, RunLo: -3e6, RunHi: 1e6, N: 20}
	all := row
	all.Period = sim.WholeRun
	charts, err := ComparisonChartsFrom([]CompareRow{row, all}, time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), 1, 0.9, "")
	if err != nil {
		t.Fatal(err)
	}
	if svg := html.UnescapeString(string(svgOf(t, charts[0]))); !strings.Contains(svg, "(below zero: the strategy spends less)") {
		t.Error("the difference chart's spending panel does not say which way is a saving")
	}
}

// TestCaseSummaryOfPlacesAlone checks the summary's line of what a strategy costs when it
// spends nothing more on programmes or its own provision and changes only what it spends on
// places bought (a change of prices): it says which way that goes, in a sentence that reads.
func TestCaseSummaryOfPlacesAlone(t *testing.T) {
	nc := summaryCase()
	nc.Total.OwnProvision = sim.CaseFigure{N: 200}
	nc.Total.Running = sim.CaseFigure{N: 200}
	for _, c := range []struct {
		placements float64
		want       string
	}{
		{30.9e6, "it spends nothing more on programmes or on its own carers and homes, and spends £30.9m less on places bought from the market"},
		{-30.9e6, "it spends nothing more on programmes or on its own carers and homes, and spends £30.9m more on places bought from the market"},
	} {
		nc.Total.Placements = sim.CaseFigure{Mean: c.placements, N: 200}
		got := strings.Join(CaseSummary("", nc), "\n")
		if !strings.Contains(got, c.want) {
			t.Errorf("placements %v: the summary says\n%s\nwant it to say %q", c.placements, got, c.want)
		}
	}
}
