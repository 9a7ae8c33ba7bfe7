package main

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios/ssda903"
)

// TestBacktestFlowsOneRun checks that the printed flows of a backtest of one run head the
// simulated figure as the run's, not as a mean of runs, and a whole count as whole (9, not 9.0);
// of many, as their mean, to a tenth.
func TestBacktestFlowsOneRun(t *testing.T) {
	flows := []ssda903.FlowRow{{Flow: "entries", Horizon: "1-12", Months: 12, Actual: 18, Band: ssda903.Band{Mean: 9, P05: 9, P95: 9}}}
	for _, tt := range []struct {
		reps      int
		want, not string
	}{{1, "simulated (the run)", "simulated mean"}, {20, "simulated mean", "the run"}, {1, "  9  ", "9.0"}, {20, "9.0", "  9  "}} {
		var b strings.Builder
		if err := printFlows(&b, flows, tt.reps); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), tt.want) || strings.Contains(b.String(), tt.not) {
			t.Errorf("%d runs: the flows read\n%s\nwant %q, not %q", tt.reps, b.String(), tt.want, tt.not)
		}
	}
}

// TestBacktestFlowsPartYear checks that the printed flows label a part year by the months it
// covers, as backtest_summary.csv's months column counts them: six months are 1-6, not 1-12.
func TestBacktestFlowsPartYear(t *testing.T) {
	flows := []ssda903.FlowRow{
		{Flow: "entries", Horizon: "1-12", Months: 6, Actual: 5, Band: ssda903.Band{Mean: 5.7, P05: 1, P95: 10}},
		{Flow: "exits", Horizon: "49-60", Months: 6, Actual: 7, Band: ssda903.Band{Mean: 6, P05: 2, P95: 11}},
		{Flow: "exits", Horizon: "13-24", Months: 12, Actual: 7, Band: ssda903.Band{Mean: 6, P05: 2, P95: 11}},
	}
	var b strings.Builder
	if err := printFlows(&b, flows, 20); err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(b.String()), " ")
	for _, want := range []string{"entries 1-6 5", "exits 49-54 7", "exits 13-24 7"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the flows read\n%s\nwant %q", b.String(), want)
		}
	}
	for _, not := range []string{"1-12", "49-60"} {
		if strings.Contains(b.String(), not) {
			t.Errorf("the flows read\n%s\nlabelling a part year %s", b.String(), not)
		}
	}
}
