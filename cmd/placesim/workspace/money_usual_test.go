package workspace

import (
	"html"
	"strings"
	"testing"
)

// TestHomeAndBlockUnusualValues checks that the boxes of a new home and of block-booked beds
// say, beside their lever, that a value beyond what councils pay or have is unusual (a weekly
// price typed into the yearly box, £1, £100,000,000 a bed), with where the usual range comes
// from; that a value within it says nothing of the kind; and that the home's line says what it
// costs to run; and so for the recruitment cost of a household, and for a National Transfer
// Scheme threshold of 7% (the box takes a percentage: 0.07 is the scheme's old 0.07%).
func TestHomeAndBlockUnusualValues(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tt := range []struct {
		lever  string
		values map[string]string
		want   []string // in the lever's line; none means no "beyond the usual"
	}{
		{"block", map[string]string{"block_beds": "2", "block_price": "5000"}, []string{"price beyond the usual £100,000 to £600,000 a bed a year (the NAO's £318,400 a place a year"}},
		{"block", map[string]string{"block_beds": "2", "block_price": "£100,000,000"}, []string{"price beyond the usual"}},
		{"block", map[string]string{"block_beds": "40", "block_price": "260000"}, []string{"beds beyond the usual 0 to 12 beds"}},
		{"block", map[string]string{"block_beds": "2", "block_price": "260000"}, nil},
		{"home", map[string]string{"home_beds": "2", "home_cost": "1"}, []string{"running at £1 a year", "running cost beyond the usual £200,000 to £3,000,000 a year"}},
		{"home", map[string]string{"home_beds": "20"}, []string{"beds beyond the usual 0 to 8 beds (homes in England average 3.9 places"}},
		{"home", map[string]string{"home_beds": "3"}, []string{"running at £901,500 a year"}},
		{"approvals", map[string]string{"approvals": "30", "approvals_cost": "£1"}, []string{"cost beyond the usual £1,000 to £62,500 a household (no cost per approved household is published; the DfE's £25m for a further 400 fostering households"}},
		{"approvals", map[string]string{"approvals": "30", "approvals_cost": "£900,000"}, []string{"at £900,000 a household", "beyond the usual £1,000 to £62,500 a household"}},
		{"approvals", map[string]string{"approvals": "30", "approvals_cost": "£64,000"}, []string{"beyond the usual £1,000 to £62,500 a household"}},
		{"approvals", map[string]string{"approvals": "30", "approvals_cost": "£12,000"}, []string{"at £12,000 a household"}},
		{"nts", map[string]string{"nts": "7"}, []string{"beyond the usual 0% to 1% of children (the National Transfer Scheme's threshold is 0.1% of the child population, 0.07% before August 2022)"}},
		{"nts", map[string]string{"nts": "0.07"}, nil},
		// A slip of a digit in a weekly price: the usual ranges were £0 to £20,000 and £0 to
		// £50,000 a week, which £9,790 for £979 and £66,730 for £6,673 passed silently.
		{"ifa_price", map[string]string{"ifa_price": "9790"}, []string{"beyond the usual £500 to £2,000 a week (~£820 a week for the largest agencies, 2016-2020, CMA 2021"}},
		{"ifa_price", map[string]string{"ifa_price": "97.90"}, []string{"beyond the usual £500 to £2,000 a week"}},
		{"ifa_price", map[string]string{"ifa_price": "1450"}, nil},
		{"home_price", map[string]string{"home_price": "16000"}, []string{"beyond the usual £3,000 to £15,000 a week (a private children's home place £3,830 a week, CMA 2016-2020"}},
		{"home_price", map[string]string{"home_price": "12000"}, nil},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "u", Base: "default", Name: "u", Check: true, Values: tt.values}, &a)
		got := a.Effects[tt.lever]
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%v: %s says %q, want %q in it", tt.values, tt.lever, got, w)
			}
		}
		if unusual := strings.Contains(got, "beyond the usual"); unusual != anyHolds(tt.want, "beyond the usual") {
			t.Errorf("%v: %s says %q: unusual %t", tt.values, tt.lever, got, unusual)
		}
	}
}

// anyHolds reports whether some of ws holds s.
func anyHolds(ws []string, s string) bool {
	for _, w := range ws {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}

// TestRegionApprovalCostUsual checks that the region page's Cost of an extra approval says the
// same usual range, and where it comes from, as the scenario page's Recruitment cost box, and
// that a cost beyond it is run but said under the box, as the scenario page says it.
func TestRegionApprovalCostUsual(t *testing.T) {
	base, _, _ := regionServer(t)
	usual := "£1,000 to £62,500 a household (no cost per approved household is published; the DfE's £25m for a further 400 fostering households, " +
		"about £62,500 each and an upper bound, Spring Statement 2025; the default's £12,000 for a ~9-month assessment)"
	_, page := get(t, base+"/region?r=two-counties.yaml")
	if page = html.UnescapeString(page); !strings.Contains(page, "Usually "+usual+".") || strings.Contains(page, "no published cost per approved household was found") {
		t.Errorf("the region page's Cost of an extra approval does not say it is usually %s", usual)
	}
	for cost, want := range map[string]string{
		"£70,000": "£70,000 is beyond the usual " + usual + " for a council: check it is meant",
		"£12,000": "",
	} {
		a := runRegionState(t, base, regionState{Tab: "c", Ref: "two-counties.yaml", Values: map[string]string{"r.northshire": "5", "r.cost": cost}})
		if a.Errors["r.cost"] != "" {
			t.Errorf("r.cost %s: refused: %q, want it run", cost, a.Errors["r.cost"])
		}
		if got := a.Echoes["r.cost"]; got != want {
			t.Errorf("r.cost %s: the box says %q, want %q", cost, got, want)
		}
	}
}
