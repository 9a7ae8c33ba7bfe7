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
