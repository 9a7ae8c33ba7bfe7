package workspace

import (
	"strings"
	"testing"
)

// TestRegionChangeFromShownValue checks that a change typed into a region box for something
// new (an approval's cost, a pooled block's price or costs) is from the value the box shows,
// not from £0.
func TestRegionChangeFromShownValue(t *testing.T) {
	base, _, _ := regionServer(t)
	for _, tc := range []struct {
		values map[string]string
		want   string // in the strategy's file
	}{
		{map[string]string{"r.northshire": "5", "r.cost": "+10%"}, "cost: {per_unit_gbp: 13200}"},
		{map[string]string{"r.northshire": "5", "r.cost": "-£2,000"}, "cost: {per_unit_gbp: 10000}"},
		{map[string]string{"pool.places": "3", "pool.price": "+10%", "pool.on": "1/10/2026"}, "cost_per_place_per_year_gbp: 348700"},
	} {
		a := runRegionState(t, base, regionState{Tab: "c", Ref: "two-counties.yaml", Values: tc.values})
		for id, e := range a.Errors {
			if e != "" {
				t.Errorf("%v: %s says %s", tc.values, id, e)
			}
		}
		if !strings.Contains(a.Text, tc.want) {
			t.Errorf("%v: the strategy is\n%s\nwant it to hold %s", tc.values, a.Text, tc.want)
		}
	}
}
