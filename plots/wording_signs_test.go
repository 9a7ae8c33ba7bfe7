package plots

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/sim"
)

// TestPaybackIntervalCrossesZero checks that a payback year whose cumulative net saving's
// confidence interval still includes zero is said to be no clear saving, in the words every
// table, pack, chart and workbook gives.
func TestPaybackIntervalCrossesZero(t *testing.T) {
	nc := testCase()
	nc.Years[3].Cumulative.Lo = -16e3 // the mean is £300k: its interval now runs from below zero
	got := PaybackText(nc)
	if want := "on average the strategy pays back in 2029/30 (the mean cumulative net saving turns positive then and stays so, but its 90% confidence interval that year, -£16k to +£340k, includes zero: no clear saving yet)"; !strings.HasPrefix(got, want) {
		t.Errorf("got\n%s\nwant it to begin\n%s", got, want)
	}
	c, err := CumulativeNetChart(nc, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Subtitle, "includes zero: no clear saving yet") {
		t.Errorf("the chart's subtitle lacks the caveat: %s", c.Subtitle)
	}
}

// TestNetCostWithoutMinus checks that a business case that loses money to date says so as a
// net cost, not as a saving with a minus sign.
func TestNetCostWithoutMinus(t *testing.T) {
	nc := testCase()
	last := &nc.Years[len(nc.Years)-1]
	last.Cumulative.Mean = -434e3
	nc.Payback = ""
	c, err := CumulativeNetChart(nc, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "By the end of 2030/31 the strategy has a net cost to date of £434k."; !strings.Contains(c.Subtitle, want) || strings.Contains(c.Subtitle, "-£434k") {
		t.Errorf("subtitle %q\nwants %q", c.Subtitle, want)
	}
}

// TestDifferenceHeadlineWords checks the difference chart's headline: a difference with no
// clear sign or from one pair is "£140k less than", not "-£140k", and a saving carries the
// share of futures in which the strategy spends less, so that a chart lifted alone says how
// often the saving is real.
func TestDifferenceHeadlineWords(t *testing.T) {
	nan := math.NaN()
	row := func(period string, mean, lo, hi, pLower, pHigher float64, n int) CompareRow {
		return CompareRow{Scenario: "alt", Baseline: "default", Period: period, KPI: sim.CostTotal,
			DiffMean: mean, DiffLo: lo, DiffHi: hi, RunLo: nan, RunHi: nan, PLower: pLower, PHigher: pHigher, N: n}
	}
	start := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		rows []CompareRow
		want string
	}{
		{"no clear difference", []CompareRow{row("2026/27", -140e3, -400e3, 120e3, 0.6, 0.4, 30), row("all", -140e3, -400e3, 120e3, 0.6, 0.4, 30)},
			`Over the year, "alt" spends £140k less than "default" on average, with a 90% confidence interval of the mean (the precision of that average) from -£400k to +£120k: no clear difference, spending less in 60% of futures`},
		{"one pair", []CompareRow{row("2026/27", 140e3, nan, nan, nan, nan, 1), row("all", 140e3, nan, nan, nan, nan, 1)},
			`Over the year, "alt" spends £140k more than "default" in one paired run`},
		{"a saving", []CompareRow{row("2026/27", -7e6, -7.5e6, -6.5e6, 0.92, 0.08, 200), row("all", -7e6, -7.5e6, -6.5e6, 0.92, 0.08, 200)},
			`"alt" saves £7.0m over the year against "default" on average (90% confidence interval of the mean, the precision of that average: £6.5m to £7.5m), spending less in 92% of futures`},
		{"a cost", []CompareRow{row("2026/27", 2e6, 1e6, 3e6, 0.3, 0.7, 200), row("all", 2e6, 1e6, 3e6, 0.3, 0.7, 200)},
			`"alt" costs £2.0m more over the year than "default" on average (90% confidence interval of the mean, the precision of that average: £1.0m to £3.0m), spending more in 70% of futures`},
	} {
		charts, err := ComparisonChartsFrom(tt.rows, start, 1, 0.9, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := charts[0].Subtitle; !strings.HasPrefix(got, tt.want) || strings.Contains(got, "-£140k against") {
			t.Errorf("%s: subtitle\n%s\nwant it to begin\n%s", tt.name, got, tt.want)
		}
	}
}
