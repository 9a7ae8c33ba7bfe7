package workspace

import (
	"strings"
	"testing"
)

// TestPercentBoxSignIsAChange checks the one rule of every percentage box of the scenario
// page: a value typed with a sign is a change from the baseline's, in points ("+5", 100 to
// 105) or in proportion ("+10%", 3% to 3.3%), never the value itself, which a plain "10" or
// "10%" is, and "=-10" below 0. "+10%" in a factor box once wrote factor: 0.1, a 90% cut.
func TestPercentBoxSignIsAChange(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		id, typed string
		want      string // in the file
	}{
		{"breakdown_factor", "+10%", "factor: 1.1"},
		{"breakdown_factor", "+10", "factor: 1.1"},
		{"breakdown_factor", "-10%", "factor: 0.9"},
		{"breakdown_factor", "10", "factor: 0.1"},
		{"breakdown_factor", "10%", "factor: 0.1"},
		{"entry_who_factor", "-15", "factor: 0.85"},
		{"escalation_factor", "+5", "factor: 1.05"},
		{"inflation", "+10%", "inflation_per_year: 0.033"}, // the baseline's 3%
		{"inflation", "-10%", "inflation_per_year: 0.027"},
		{"inflation", "-1", "inflation_per_year: 0.02"},
		{"inflation", "2", "inflation_per_year: 0.02"},
		{"leaving", "-10%", "factor: 0.9"},  // a retention programme, 10% below the baseline's 11%
		{"leaver_places", "+5", "count: 5"}, // the baseline's 0, no limit
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "p", Check: true, Values: map[string]string{tc.id: tc.typed}}, &a)
		if e := a.Inputs[tc.id].Error; e != "" {
			t.Errorf("%s %q: refused: %s", tc.id, tc.typed, e)
		}
		if !strings.Contains(a.Text, tc.want) {
			t.Errorf("%s %q: the file is\n%s\nwant it to hold %s", tc.id, tc.typed, a.Text, tc.want)
		}
	}
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "p", Check: true, Values: map[string]string{"breakdown_factor": "=-10"}}, &a)
	if got, want := a.Inputs["breakdown_factor"].Error, "must be between 0% and 10000%"; got != want {
		t.Errorf("breakdown_factor =-10: error %q, want %q", got, want)
	}
	for _, tc := range []struct{ id, lever, typed, want string }{
		{"inflation", "inflation", "+10%", "scenario: 3.3% a year, +0.3 percentage points on the baseline; " + asItIsWords},
		// A change that changes nothing says what it gave, not nothing.
		{"entries_trend", "entries_trend", "+10%", "+10% of 0% gives 0%"},
		{"breakdown_factor", "breakdown", "+0", "+0 on 100% gives 100%"},
	} {
		post(t, base, "/api/run", wsState{Tab: "p", Check: true, Values: map[string]string{tc.id: tc.typed}}, &a)
		if got := a.Effects[tc.lever]; got != tc.want {
			t.Errorf("%s %s: effect %q, want %q", tc.id, tc.typed, got, tc.want)
		}
	}
}

// TestRegionPercentBoxSignIsAChange checks the same rule in the region page's new provider:
// its price "+10%" is 110% of the councils' own, not 10% of it, and its growth "-5" is 5% fewer
// places a year; and that the box says what a change made of the value it is from.
func TestRegionPercentBoxSignIsAChange(t *testing.T) {
	base, _, _ := regionServer(t)
	for _, tc := range []struct {
		values map[string]string
		want   string // in the strategy's file
		echo   [2]string
	}{
		{map[string]string{"open.places": "10", "open.price": "+10%"}, "price_factor: 1.1", [2]string{"open.price", "+10% of 100% gives 110%"}},
		{map[string]string{"open.places": "10", "open.price": "+10"}, "price_factor: 1.1", [2]string{"open.price", "+10 on 100% gives 110%"}},
		{map[string]string{"open.places": "10", "open.price": "-15"}, "price_factor: 0.85", [2]string{"open.price", "-15 on 100% gives 85%"}},
		{map[string]string{"open.places": "10", "open.price": "85%"}, "price_factor: 0.85", [2]string{"open.price", ""}},
		{map[string]string{"open.places": "10", "open.growth": "-5"}, "growth_per_year: -0.05", [2]string{"open.growth", "-5 on 0% gives -5%"}},
		{map[string]string{"open.places": "+10"}, "places: 10", [2]string{"open.places", "+10 on 0 gives 10"}},
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
		if got := a.Echoes[tc.echo[0]]; got != tc.echo[1] {
			t.Errorf("%v: %s says %q beside it, want %q", tc.values, tc.echo[0], got, tc.echo[1])
		}
	}
}
