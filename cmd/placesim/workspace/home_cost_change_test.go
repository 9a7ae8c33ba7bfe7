package workspace

import (
	"math"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestHomeCostChangeFromShown checks that a change typed into the new home's one-off cost or
// running cost box ("+100000", "-5") is from the amount the box shows for the beds typed (its
// amount a bed times the beds), not from the amount it shows for the library home's 3 beds.
func TestHomeCostChangeFromShown(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	var oneOff, running leverInput
	var home *lever
	for _, l := range leversFor(base) {
		if l.ID == "home" {
			home = l
		}
		for _, in := range l.Inputs {
			switch in.ID {
			case "home_one_off":
				oneOff = in
			case "home_cost":
				running = in
			}
		}
	}
	if home == nil || oneOff.PerCount == 0 || running.PerCount == 0 {
		t.Fatalf("the home's cost boxes do not follow the beds: %+v %+v", oneOff, running)
	}
	shown := func(in leverInput, beds float64) float64 { return math.Round(in.PerCount * beds) }
	for _, tc := range []struct {
		box, typed, key string
		want            float64
	}{
		{"home_one_off", "+100000", oneOffGBPKey, shown(oneOff, 2) + 100_000},
		{"home_one_off", "-5", oneOffGBPKey, shown(oneOff, 2) - 5},
		{"home_cost", "+100000", "fixed_cost_per_year_gbp", shown(running, 2) + 100_000},
	} {
		t.Run(tc.box+tc.typed, func(t *testing.T) {
			f, err := scenarios.ParseDocument("name: lever\nextends: default\n")
			if err != nil {
				t.Fatal(err)
			}
			st := leverState{Values: map[string]string{"home_beds": "2", tc.box: tc.typed}}
			if bad := applyLevers(f, leversFor(base), base, st); len(bad) > 0 {
				t.Fatal(bad)
			}
			got, _, ok := f.InterventionField(f.Intervention(home.Action, home.Kind), tc.key)
			if want := formatNumber(tc.want); !ok || got != want {
				t.Errorf("%s typed into %s with 2 beds gives %s %q, want %s", tc.typed, tc.box, tc.key, got, want)
			}
		})
	}
}
