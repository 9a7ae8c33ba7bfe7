package sim_test

import (
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// TestGapKindNamesEndingInNeeds checks that a kind whose name ends as a need does ("home_solo",
// "foster_complex") is labelled as the kind, not as the needs of a shorter kind.
func TestGapKindNamesEndingInNeeds(t *testing.T) {
	s := &model.Scenario{Kinds: []model.Kind{{Name: "home", Label: "Homes"}, {Name: "home_solo", Label: "Solo homes"}}}
	cat := sim.CatalogueOf(s)
	for _, tc := range []struct{ name, want string }{
		{sim.GapWaiting("home_solo"), "Children placed elsewhere whose first choice is solo homes"},
	} {
		if info, ok := cat.KPIInfo(tc.name); !ok || info.Label != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.name, info.Label, ok, tc.want)
		}
	}
}
