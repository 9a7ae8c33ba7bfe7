package workspace

import (
	"strings"
	"testing"
)

// TestChangeInNewInterventionBox checks that a signed sum or percentage typed into the price
// box of a new home or block booking is a change from the value the box shows (its default),
// as the README says a price box takes, not the value itself.
func TestChangeInNewInterventionBox(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		values map[string]string
		want   string // in the file
	}{
		{map[string]string{"home_beds": "2", "home_cost": "+£100,000"}, "fixed_cost_per_year_gbp: 925000"},
		{map[string]string{"home_beds": "2", "home_cost": "-10%"}, "fixed_cost_per_year_gbp: 742500"},
		{map[string]string{"block_beds": "3", "block_price": "+£10,000"}, "fixed_cost_per_year_gbp: 270000"},
		{map[string]string{"block_beds": "3", "block_price": "+1%"}, "fixed_cost_per_year_gbp: 262600"},
		{map[string]string{"block_beds": "3", "block_price": "250000"}, "fixed_cost_per_year_gbp: 250000"},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "r", Check: true, Values: tc.values}, &a)
		for id, in := range a.Inputs {
			if in.Error != "" {
				t.Errorf("%v: %s says %s", tc.values, id, in.Error)
			}
		}
		if !strings.Contains(a.Text, tc.want) {
			t.Errorf("%v: the file is\n%s\nwant it to hold %s", tc.values, a.Text, tc.want)
		}
	}
}
