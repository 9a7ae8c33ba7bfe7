package workspace

import (
	"math"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestStrategyLeversAreDatedProgrammes checks that each lever the page offers as a strategy
// acts from its From date, as the scenario file's own dated intervention of the same size
// does: its first year is that of the dated file at the same seed (common random numbers),
// not that of the pool's or the county's own rate changed, which the simulator applies
// through the warm-up years too, so that the first year already has the change in place,
// uncosted.
func TestStrategyLeversAreDatedProgrammes(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	start := base.Start.Format("2006-01-02")
	for _, tc := range []struct {
		name   string
		values map[string]string
		dated  string // the interventions of the dated file
		kpi    string
	}{
		{"specialist carers recruited", map[string]string{"specialist_approvals": "+3"},
			"  - action: extra_approvals\n    kind: specialist_foster\n    from: " + start + "\n    per_year: 3\n", sim.CarerHouseholdsEnd},
		{"specialist carers recruited, cost", map[string]string{"specialist_approvals": "+3"},
			"  - action: extra_approvals\n    kind: specialist_foster\n    from: " + start + "\n    per_year: 3\n", sim.CostTotal},
		{"carers leaving", map[string]string{"leaving": "-5", "leaving_cost": "0"},
			"  - action: retention\n    kind: inhouse_foster\n    from: " + start + "\n    factor: 0.5454545455\n", sim.CarerHouseholdsEnd},
		{"carers leaving, cost", map[string]string{"leaving": "-5"},
			"  - action: retention\n    kind: inhouse_foster\n    from: " + start + "\n    factor: 0.5454545455\n    cost: {per_year_gbp: 170000}\n", sim.CostTotal},
		{"step-down, breakdowns", map[string]string{"stepdown": "16", "stepdown_cost": "56166"},
			"  - action: stepdown_rate\n    from: " + start + "\n    factor: 2\n    first_year_breakdown_per_year: 0.57\n    cost: {per_unit_gbp: 56166}\n", sim.CostTotal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := scenarios.ParseDocument("name: lever\nextends: default\n")
			if err != nil {
				t.Fatal(err)
			}
			if bad := applyLevers(f, leversFor(base), base, leverState{Values: tc.values}); len(bad) > 0 {
				t.Fatalf("%v refused: %v", tc.values, bad)
			}
			dated := "name: dated\nextends: default\ninterventions:\n" + tc.dated
			lever, programme := firstYearMean(t, f.Text(), tc.kpi), firstYearMean(t, dated, tc.kpi)
			// With the same seed the lever's scenario is the dated file's to the last
			// child: the tolerance is a rounding's, not the noise's.
			if math.Abs(lever-programme) > 1e-6*math.Max(1, math.Abs(programme)) {
				t.Errorf("first-year %s: the lever's %.4f, the dated file's %.4f\nthe lever's file:\n%s", tc.kpi, lever, programme, f.Text())
			}
			if strings.Contains(f.Text(), "approvals_per_year") || strings.Contains(f.Text(), "deregistration_per_year") {
				t.Errorf("the lever changed a rate of the council as it is:\n%s", f.Text())
			}
		})
	}
}
