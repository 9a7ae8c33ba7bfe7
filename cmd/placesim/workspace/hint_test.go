package workspace

import (
	"strings"
	"testing"
)

// TestLeverHintEquals checks that the hint above the levers of both pages says that "=" takes
// the value itself, and that the region page reads "=20" so: 20 places, not 20 more.
func TestLeverHintEquals(t *testing.T) {
	base, _, _ := regionServer(t)
	for _, tc := range []struct{ url, want string }{
		{"/", "<kbd>=-5</kbd> for the value itself"},
		{"/region?r=two-counties.yaml", "<kbd>=-5</kbd> for the value itself"},
	} {
		_, page := get(t, base+tc.url)
		if !strings.Contains(page, tc.want) {
			t.Errorf("%s: the hint does not say %q", tc.url, tc.want)
		}
	}
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml", Values: map[string]string{"p.ifa.agencies-north": "=20"}})
	if !a.Changed["p.ifa.agencies-north"] || !strings.Contains(a.Text, `{name: "agencies-north", places: 20}`) {
		t.Errorf("=20 for a provider of 30 places: changed %v, error %q, text:\n%s", a.Changed["p.ifa.agencies-north"], a.Errors["p.ifa.agencies-north"], a.Text)
	}
}
