package workspace

import (
	"testing"
)

// TestChangeBoxHints checks that a change typed with words or with _ is told what to write, with
// its sign, as a value typed so is ("write 12, the number alone"): "+20 a year" in UASC
// arriving a year was told only "want a change such as +12, -5 or +10%".
func TestChangeBoxHints(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct{ id, raw, want string }{
		{"uasc", "+20 a year", "want a change such as +12, -5 or +10%: write +20, the number alone"},
		{"uasc", "-5 children", "want a change such as +12, -5 or +10%: write -5, the number alone"},
		{"approvals", "+1_0", "want a change such as +12, -5 or +10%: write +10, without _"},
		{"ifa_price", "+£50 a week", "want a change such as +12, -5 or +10% (write +£50, the amount alone)"},
		{"ifa_price", "+£1_000", "want a change such as +12, -5 or +10% (write +£1000, without _)"},
		{"approvals", "+lots", "want a change such as +12, -5 or +10%"},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "c", Check: true, Values: map[string]string{tc.id: tc.raw}}, &a)
		if got := a.Inputs[tc.id].Error; got != tc.want {
			t.Errorf("%s %q: error %q, want %q", tc.id, tc.raw, got, tc.want)
		}
	}
	// The region page's boxes read changes alike.
	rbase, _, _ := regionServer(t)
	a := runRegionState(t, rbase, regionState{Tab: "c", Ref: "two-counties.yaml", Values: map[string]string{"r.southshire": "+5 a year"}})
	if want := "want a change such as +12, -5 or +10%: write +5, the number alone"; a.Errors["r.southshire"] != want {
		t.Errorf("the region's r.southshire +5 a year: error %q, want %q", a.Errors["r.southshire"], want)
	}
}
