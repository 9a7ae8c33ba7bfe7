package workspace

import (
	"math"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestRecruitmentLeverIsAProgrammeFromADate checks that "Carers recruited a year" at 10 more
// than the baseline's recruits them from the run's first day, as the scenario file's own
// extra_approvals from that day does: its first year's in-house households are those of the
// dated programme, not those of the pool's own rate raised, which the simulator applies through
// the warm-up years too (two years of uncosted carers already in place on the first day, some
// 25 households more at the first year's end against the programme's 2 or 3). Both runs see the
// same children and carers (common random numbers), so they differ by nothing but the lever.
func TestRecruitmentLeverIsAProgrammeFromADate(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	own := 0.0
	for _, k := range base.Kinds {
		if k.Name == "inhouse_foster" {
			own = k.Carers.ApprovalsPerYear
		}
	}
	f, err := scenarios.ParseDocument("name: lever\nextends: default\n")
	if err != nil {
		t.Fatal(err)
	}
	if bad := applyLevers(f, leversFor(base), base, leverState{Values: map[string]string{"approvals": "+10"}}); len(bad) > 0 {
		t.Fatalf("+10 refused: %v", bad)
	}
	if strings.Contains(f.Text(), "approvals_per_year") {
		t.Errorf("the lever changed the pool's own rate:\n%s", f.Text())
	}
	dated := "name: dated\nextends: default\ninterventions:\n  - action: extra_approvals\n    kind: inhouse_foster\n    from: " +
		base.Start.Format("2006-01-02") + "\n    per_year: 10\n"
	field := "name: field\nextends: default\nkinds:\n  - name: inhouse_foster\n    carers:\n      approvals_per_year: " + formatNumber(own+10) + "\n"
	households := func(text string) float64 { return firstYearMean(t, text, sim.CarerHouseholdsEnd) }
	lever, programme, raised := households(f.Text()), households(dated), households(field)
	// With the same seed the lever's scenario is the programme's to the last child: the
	// tolerance is a rounding's, not the noise's. The raised rate is some 20 households
	// above: 10 apart is far beyond any rounding.
	if math.Abs(lever-programme) > 1e-9 {
		t.Errorf("first-year households: the lever's %.1f, the dated programme's %.1f", lever, programme)
	}
	if raised-lever < 10 {
		t.Errorf("first-year households: the lever's %.1f, the raised rate's %.1f: want the raised rate's well above", lever, raised)
	}
}

// firstYearMean returns the mean over 4 replications (seed 1) of kpi in the first year of the
// scenario text, for the levers' tests that set a lever's file beside the file it should equal.
func firstYearMean(t *testing.T, text, kpi string) float64 {
	t.Helper()
	s, err := scenarios.Parse(strings.NewReader(text), "lever.yaml", nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	res, err := sim.Run(s, sim.Options{Reps: 4, Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	xs := res.KPIValues(res.Years()[0], kpi)
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}
