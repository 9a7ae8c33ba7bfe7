package workspace

import (
	"strings"
	"testing"
)

// TestEffectWording checks that what a box's effect says reads as English and as a number is
// written elsewhere: one household, one place, one percentage point in the singular (was "1
// households", "1 places", "+1 percentage points"); a count with separators, as its change is
// (was "1500 a year, +1,240"); a change of less than 1% not called +0% (+0.5 on 260); and money
// to the penny, written and shown (950.555 wrote £950.555 and said +£0.55).
func TestEffectWording(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		id, typed string
		effect    string // within the lever's effect
		file      string // within the file, or ""
	}{
		{"inflation", "+1", "scenario: 4% a year, +1 percentage point on the baseline", ""},
		{"inflation", "+2", "+2 percentage points", ""},
		{"specialist", "1", "scenario: 1 household, -5 (-83%) on the baseline", ""},
		{"specialist", "2", "scenario: 2 households,", ""},
		{"entries", "1,500", "scenario: 1,500 a year, +1,240 (+477%) on the baseline", ""},
		{"entries", "+0.5", "scenario: 260.5 a year, +0.5 (+0.2%) on the baseline", ""},
		{"ifa_price", "979.555", "scenario: £979.56 a week, +£0.56", "979.56"},
		{"ifa_price", "+33.3333%", "scenario: £1,305.33 a week", "1305.33"},
		{"ifa_price", "+£0.5", "scenario: £979.50 a week, +£0.50 (+0.05%)", ""},
		{"ifa_price", "950.5", "scenario: £950.50 a week", ""},
		{"home_price", "6100.5", "£6,100.50", ""},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "w", Check: true, Values: map[string]string{tc.id: tc.typed}}, &a)
		if e := a.Inputs[tc.id].Error; e != "" {
			t.Errorf("%s %q: refused: %s", tc.id, tc.typed, e)
		}
		if !strings.Contains(a.Effects[tc.id], tc.effect) {
			t.Errorf("%s %q: effect %q, want it to say %q", tc.id, tc.typed, a.Effects[tc.id], tc.effect)
		}
		if tc.file != "" && !strings.Contains(a.Text, tc.file) {
			t.Errorf("%s %q: the file is\n%s\nwant it to hold %s", tc.id, tc.typed, a.Text, tc.file)
		}
	}
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "w", Check: true, Values: map[string]string{"leaver_places": "1"}}, &a)
	if got, want := a.Effects["leavers"], "scenario: at most 1 place for care leavers"; !strings.HasPrefix(got, want) {
		t.Errorf("leaver_places 1: effect %q, want %q", got, want)
	}
	post(t, base, "/api/run", wsState{Tab: "w", Check: true, Values: map[string]string{"ifa_price": "+0.001"}}, &a)
	if a.Changed["ifa_price"] || strings.Contains(a.Effects["ifa_price"], "+£0 ") {
		t.Errorf("ifa_price +0.001: effect %q (changed %v), want no change, money being to the penny", a.Effects["ifa_price"], a.Changed["ifa_price"])
	}
}

// TestRegionEchoSeparators checks that a region box's echo of a change writes its numbers with
// separators, as its errors do: "+99999999 on 100% gives 100000099%" read as one long number.
func TestRegionEchoSeparators(t *testing.T) {
	base, _, _ := regionServer(t)
	a := runRegionState(t, base, regionState{Tab: "e", Ref: "two-counties.yaml", Values: map[string]string{"open.places": "5", "open.price": "+99999999"}})
	if got, want := a.Echoes["open.price"], "+99999999 on 100% gives 100,000,099%"; got != want {
		t.Errorf("open.price +99999999: echo %q, want %q", got, want)
	}
}

// TestMoneyPence checks that the sums a home's or a block's money box shows keep two digits of
// pence (a running cost of +£0.5 on the £601,000 the box shows for 2 beds read "£601,000.5"),
// and that whole pounds stay whole.
func TestMoneyPence(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		values map[string]string
		lever  string
		want   string
	}{
		{map[string]string{"home_beds": "2", "home_cost": "+£0.5"}, "home_cost", "£601,000.50"},
		{map[string]string{"block_beds": "3", "block_price": "260000.5"}, "block_price", "£260,000.50"},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "w", Check: true, Values: tc.values}, &a)
		if got := a.Inputs[tc.lever].Value; got != tc.want {
			t.Errorf("%v: box shows %q, want %s", tc.values, got, tc.want)
		}
	}
	for v, want := range map[float64]string{950: "£950", 950.5: "£950.50", 1266.666: "£1,266.67", 0.5: "£0.50", 1e6: "£1,000,000"} {
		if got := pounds(v); got != want {
			t.Errorf("pounds(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestBlockEffect checks that block-booked beds typed as a value say what they book, as a
// home's beds say what opens (the effect was empty).
func TestBlockEffect(t *testing.T) {
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "w", Check: true, Values: map[string]string{"block_beds": "3"}}, &a)
	if got := a.Effects["block"]; !strings.HasPrefix(got, "scenario: 3 beds booked from ") || !strings.HasSuffix(got, " at £260,000 a bed a year") {
		t.Errorf("block_beds 3: effect %q, want it to say the beds booked, from when and at what price", got)
	}
}

// TestMoneyBelowHalfAPenny checks that a money box refuses an amount that is not nothing but
// less than half a penny, beside the box, where £0.001 had become £0 and been saved as
// recruitment_cost_gbp: 0 without a word; and that 0 and a penny are taken.
func TestMoneyBelowHalfAPenny(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct{ id, typed, err, file string }{
		{"approvals_cost", "£0.001", "£0.001 is less than half a penny, and a box keeps money to the penny: type £0.01 or more, or 0", ""},
		{"ifa_price", "0.004", "0.004 is less than half a penny", ""},
		// A change of less than half a penny is refused likewise, not taken as no change.
		{"approvals_cost", "+£0.001", "+£0.001 is a change of less than half a penny, and a box keeps money to the penny: type a change of £0.01 or more, or +0 for none", ""},
		{"ifa_price", "-0.004", "-0.004 is a change of less than half a penny", ""},
		{"approvals_cost", "+£0.01", "", "recruitment_cost_gbp: 12000.01"},
		{"approvals_cost", "£0.01", "", "recruitment_cost_gbp: 0.01"},
		{"approvals_cost", "0", "", "recruitment_cost_gbp: 0"},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "w", Check: true, Values: map[string]string{"approvals": "+12", tc.id: tc.typed}}, &a)
		if got := a.Inputs[tc.id].Error; (tc.err == "") != (got == "") || !strings.Contains(got, tc.err) {
			t.Errorf("%s %q: error %q, want %q", tc.id, tc.typed, got, tc.err)
		}
		if tc.file != "" && !strings.Contains(a.Text, tc.file) {
			t.Errorf("%s %q: the file is\n%s\nwant it to hold %s", tc.id, tc.typed, a.Text, tc.file)
		}
		if tc.err != "" && strings.Contains(a.Text, "recruitment_cost_gbp: 0\n") {
			t.Errorf("%s %q: the file holds recruitment_cost_gbp: 0:\n%s", tc.id, tc.typed, a.Text)
		}
	}
}
