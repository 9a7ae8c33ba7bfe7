package plots

import (
	"math"
	"strings"
	"testing"
	"time"
)

// TestBacktestSourceSaysSuppression checks that the backtest chart's footnote says what its
// gaps are: not only counts below 5, but the months of 5-9 hidden beside them (secondary
// suppression), which the note left out.
func TestBacktestSourceSaysSuppression(t *testing.T) {
	months := []time.Time{time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
	v := []float64{100, 101}
	c, err := BacktestChart([]BacktestSeries{{Label: "All children in care", Months: months, Actual: v, P05: v, P25: v, P50: v, P75: v, P95: v}},
		BacktestInfo{At: months[0], Months: 2, Covered90: 2, Reps: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Counts below 5, and others that would give them away, are not shown."; !strings.HasSuffix(c.Source, want) {
		t.Errorf("the source note reads %q, want it to end %q", c.Source, want)
	}
}

// TestBacktestSubtitleFlows checks that the chart's subtitle gives the children entering and
// leaving care by year, the return's against the simulated, a hidden count as not shown.
func TestBacktestSubtitleFlows(t *testing.T) {
	months := []time.Time{time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
	v := []float64{100, 101}
	c, err := BacktestChart([]BacktestSeries{{Label: "All children in care", Months: months, Actual: v, P05: v, P25: v, P50: v, P75: v, P95: v}},
		BacktestInfo{At: months[0], Months: 2, Covered90: 2, Reps: 20, Seed: 1,
			Entries: []BacktestFlow{{Actual: 20, Mean: 17.1, P05: 9, P95: 28}, {Actual: math.NaN(), Mean: 3.2, P05: 1, P95: 6}},
			Exits:   []BacktestFlow{{Actual: 79, Mean: 71.3, P05: 61, P95: 81}, {Actual: math.NaN(), Mean: 4, P05: 1, P95: 8}}})
	if err != nil {
		t.Fatal(err)
	}
	want := "Children entering care by year of the horizon: 20 in the return against 17 simulated (9-28), not shown against 3 (1-6); leaving: 79 in the return against 71 simulated (61-81), not shown against 4 (1-8) (all children, 9-in-10 range)."
	if !strings.HasSuffix(c.Subtitle, want) {
		t.Errorf("subtitle %q, want it to end %q", c.Subtitle, want)
	}
}

// TestBacktestSubtitlePartYear checks that the subtitle names the months of a part year of the
// horizon, as the printed table labels them.
func TestBacktestSubtitlePartYear(t *testing.T) {
	months := []time.Time{time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
	v := []float64{100, 101}
	c, err := BacktestChart([]BacktestSeries{{Label: "All children in care", Months: months, Actual: v, P05: v, P25: v, P50: v, P75: v, P95: v}},
		BacktestInfo{At: months[0], Months: 2, Covered90: 2, Reps: 20, Seed: 1,
			Entries: []BacktestFlow{{Actual: 20, Mean: 17.1, P05: 9, P95: 28, Months: 12}, {Actual: 6, Mean: 3.2, P05: 1, P95: 6, Months: 6}},
			Exits:   []BacktestFlow{{Actual: 79, Mean: 71.3, P05: 61, P95: 81, Months: 12}, {Actual: 5, Mean: 4, P05: 1, P95: 8, Months: 6}}})
	if err != nil {
		t.Fatal(err)
	}
	want := "Children entering care by year of the horizon: 20 in the return against 17 simulated (9-28), 6 against 3 (1-6) in months 13-18; leaving: 79 in the return against 71 simulated (61-81), 5 against 4 (1-8) in months 13-18 (all children, 9-in-10 range)."
	if !strings.HasSuffix(c.Subtitle, want) {
		t.Errorf("subtitle %q, want it to end %q", c.Subtitle, want)
	}
}
