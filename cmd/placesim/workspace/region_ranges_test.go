package workspace

import (
	"testing"
)

// TestRegionBoxesAcceptWhatValidateDoes types into a region's boxes values placesim validate
// accepts for the fields they write, beyond the narrower ranges the boxes once had: a new
// provider's places shrinking by 80% a year (growth_per_year above -1), 600 extra approvals
// a year (an extra_approvals' per_year, up to 10,000) at £2m each (its cost's per_unit_gbp,
// up to £10m). Each is taken; a bad date beside them keeps the region from running.
func TestRegionBoxesAcceptWhatValidateDoes(t *testing.T) {
	base, _, _ := regionServer(t)
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml", Values: map[string]string{
		"open.places": "5", "open.growth": "-80", "open.on": "someday",
		"r.southshire": "600", "r.cost": "£2m", "r.on": "31/02/2027"}})
	for _, id := range []string{"open.growth", "r.southshire", "r.cost"} {
		if got := a.Errors[id]; got != "" {
			t.Errorf("%s: %q, want the value taken", id, got)
		}
	}
	if a.Errors["open.on"] == "" || a.Results != "" {
		t.Errorf("the bad date was not refused: %v", a.Errors)
	}
}
