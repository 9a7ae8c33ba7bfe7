package workspace

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestHomeCostFollowsBeds checks that a new home's running cost, when no cost is typed,
// follows its beds at the library home's cost a bed (5 beds at £300,500, not the library's 3
// beds' £901,500), that a cost typed is kept, and that the page's cost box carries the cost a
// bed for the page to follow the beds as they are typed.
func TestHomeCostFollowsBeds(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct{ values, want string }{
		{`{"home_beds":"5"}`, "fixed_cost_per_year_gbp: 1502500"},
		{`{"home_beds":"3"}`, "fixed_cost_per_year_gbp: 901500"},
		{`{"home_beds":"5","home_cost":"£1,200,000"}`, "fixed_cost_per_year_gbp: 1200000"},
	} {
		var a runResponse
		post(t, base, "/api/run", json.RawMessage(`{"tab":"t","base":"default","check":true,"values":`+tc.values+`}`), &a)
		if !strings.Contains(a.Text, tc.want) {
			t.Errorf("%s: the file does not say %q:\n%s", tc.values, tc.want, a.Text)
		}
	}
	_, page := get(t, base+"/")
	mustContain(t, "scenario page", page, `data-input="home_cost" data-per-count="300500" data-count-box="home_beds"`,
		"the cost proposed follows the beds until a cost of your own is typed")
}
