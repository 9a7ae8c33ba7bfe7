package plots

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

// legendLabels returns the labels of chart c's legend.
func legendLabels(c *Chart) []string {
	var out []string
	for _, it := range c.Legend {
		out = append(out, it.Label)
	}
	return out
}

// TestOneRunLegendsKeyNoRange draws the sweep, backtest, tornado and carer households charts
// from one run and from many: from one run no legend keys a band, a range or an interval the
// chart does not draw, nor a mean or median of runs (the line is the run's), and from many the
// keys stay as they were.
func TestOneRunLegendsKeyNoRange(t *testing.T) {
	sweep := func(n int) *Chart {
		t.Helper()
		var rows []SweepRow
		for _, v := range []float64{200, 300} {
			rows = append(rows, SweepRow{Scenario: "s", Lever: "entries.per_year", Value: v, Period: "all", KPI: "children_in_care", Mean: v, Lo: v - 10, Hi: v + 10, N: n})
		}
		c, err := SweepChart(rows, "children_in_care", "all", 0.9, "Source: test.")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	backtest := func(n int) *Chart {
		t.Helper()
		months := []time.Time{time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
		v := []float64{100, 101}
		c, err := BacktestChart([]BacktestSeries{{Label: "All children in care", Months: months, Actual: v, P05: v, P25: v, P50: v, P75: v, P95: v}},
			BacktestInfo{At: months[0], Months: 2, Covered90: 2, Reps: n, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tornado := func(n int) *Chart {
		t.Helper()
		rows := tornadoRows()
		src := testSource
		src.Reps = n
		if n == 1 { // one paired run gives no interval
			for i := range rows {
				rows[i].LowDiffLo, rows[i].LowDiffHi, rows[i].HighDiffLo, rows[i].HighDiffHi = math.NaN(), math.NaN(), math.NaN(), math.NaN()
			}
		}
		c, err := TornadoChart(rows, "children_in_care", "all", 0.9, src)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	d := readTestData(t)
	carers := func(n int) *Chart {
		t.Helper()
		src := testSource
		src.Reps = n
		c, err := ChartNamed(d, src, CarerHouseholds)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, tt := range []struct {
		name      string
		chart     func(int) *Chart
		one, many []string
	}{
		{"sweep", sweep, []string{"The run at each value"}, []string{"Mean of runs", "9 in 10 runs"}},
		{"backtest", backtest, []string{"The run (simulated)", "Actual (SSDA903)"}, []string{"Median", "Half of runs", "9 in 10 runs", "Actual (SSDA903)"}},
		{"tornado", tornado, []string{"Input at its low value", "Input at its high value", "The scenario as it is"},
			[]string{"Input at its low value", "Input at its high value", "The scenario as it is", "Paired difference's 90% interval"}},
		{"carer households", carers, []string{"The run", "Net change (the run's)"}, []string{"Median", "Half of runs", "9 in 10 runs", "Net change (mean, 9 in 10 runs)"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				n    int
				want []string
			}{{1, tt.one}, {40, tt.many}} {
				got := legendLabels(tt.chart(c.n))
				// Keep the keys the test names: the others (a scenario's figure, a
				// carer kind's label) do not depend on the runs.
				got = slices.DeleteFunc(got, func(l string) bool {
					return !slices.ContainsFunc(append(tt.one, tt.many...), func(w string) bool { return strings.HasPrefix(l, w) })
				})
				for i, l := range got {
					if j := slices.IndexFunc(c.want, func(w string) bool { return strings.HasPrefix(l, w) }); j >= 0 {
						got[i] = c.want[j]
					}
				}
				if !slices.Equal(got, c.want) {
					t.Errorf("%d runs: legend %q, want %q", c.n, got, c.want)
				}
			}
		})
	}
}
