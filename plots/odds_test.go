package plots

import (
	"math"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// TestOddsSaysTies checks that a comparison's share of futures better says the futures that tie
// and those worse beside it: emergency placements lower in 31.5% of pairs, higher in 26.5%, the
// same in 42% read as one in three better only if the ties are left out.
func TestOddsSaysTies(t *testing.T) {
	for _, c := range []struct {
		name            string
		better          int
		pLower, pHigher float64
		want            string
	}{
		{"less is better", -1, 0.315, 0.265, "better in 32%, the same in 42%, worse in 27%"},
		{"more is better", 1, 0.315, 0.265, "better in 27%, the same in 42%, worse in 32%"},
		{"neither way", 0, 0.94, 0.06, "higher in 6%, the same in 0%, lower in 94%"},
		{"every pair ties", -1, 0, 0, "–"},
		{"one pair", -1, math.NaN(), math.NaN(), "–"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := (Headline{Better: c.better}).Odds(c.pLower, c.pHigher); got != c.want {
				t.Errorf("Odds(%v, %v) = %q, want %q", c.pLower, c.pHigher, got, c.want)
			}
		})
	}
}

// TestResidentialNeitherWay checks that more children in residential care is not scored worse:
// opening a home moves children from emergency placements into it, so its headline reads
// higher or lower, while the emergency placements made and the children in one on a day,
// named apart, stay less-is-better.
func TestResidentialNeitherWay(t *testing.T) {
	s := testScenario()
	byKPI := map[string]Headline{}
	for _, h := range HeadlinesOf(s, false) {
		byKPI[h.KPI] = h
	}
	if h := byKPI[sim.OccupiedCategoryKPI(model.Residential)]; h.Better != 0 {
		t.Errorf("residential care's Better = %d, want 0 (neither way is plainly better)", h.Better)
	}
	made, day := byKPI[sim.EmergencyPlacements], byKPI[sim.OccupiedKPI(sim.EmergencyKind)]
	if made.Label != "Emergency placements made" || day.Label != "Children in an emergency placement (average day)" {
		t.Errorf("emergency labels %q and %q, want the placements made and the children on an average day named apart", made.Label, day.Label)
	}
	if made.Better != -1 || day.Better != -1 {
		t.Errorf("emergency Better %d and %d, want -1 (fewer is better)", made.Better, day.Better)
	}
}
