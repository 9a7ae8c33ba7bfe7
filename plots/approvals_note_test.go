package plots

import (
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestApprovalsNote checks that a board pack says, under a strategy's changes, when its extra
// approvals' first households arrive (after the pool's assessment) and the households it has
// gained on the run's last day, read from the comparison's rows, not written in a file; and
// says nothing for a strategy that approves no extra carers.
func TestApprovalsNote(t *testing.T) {
	rows := []CompareRow{
		{Scenario: "recruit-12-net-carers", Baseline: "default", Period: "2035/36", KPI: sim.CarerHouseholdsEnd, DiffMean: 111.84},
		{Scenario: "recruit-12-net-carers", Baseline: "default", Period: sim.WholeRun, KPI: sim.CarerHouseholdsEnd, DiffMean: 111.84},
	}
	for name, want := range map[string]string{
		"recruit-12-net-carers": "Approvals follow the 273-day assessment: the first extra households of in-house foster care arrive from 30 December 2026, " +
			"and on the run's last day the strategy has 111.8 more of the council's own foster carer households than default (the mean of the paired runs).",
		"early-help": "",
	} {
		s, err := scenarios.Load(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := ApprovalsNote(s, "default", rows); got != want {
			t.Errorf("%s:\n got %q\nwant %q", name, got, want)
		}
	}
}
