package workspace

import (
	"strings"
	"testing"
)

// TestMoneyBoxPeriod checks that an amount typed with a period into a money box is offered
// alone only where the box is of that period: the yearly running cost of a home does not take
// £900 a week as £900 a year, and the weekly IFA price does not take £50,000 a year as £50,000 a
// week. The message names the box by the label the page shows beside it, not "this field".
func TestMoneyBoxPeriod(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct {
		values    map[string]string
		id, want  string
		wantNoOff string
	}{
		{map[string]string{"home_beds": "3", "home_cost": "£900 a week"}, "home_cost",
			`that is a weekly amount and "Running cost" is £ a year: give the yearly amount`, "write £900"},
		{map[string]string{"home_beds": "3", "home_cost": "£1 million a year"}, "home_cost",
			"(write £1m, the amount alone)", ""},
		{map[string]string{"ifa_price": "£50,000 a year"}, "ifa_price",
			`that is a yearly amount and "Agency foster care (IFA) price" is £ a week: give the weekly amount`, "write £50,000"},
		{map[string]string{"ifa_price": "£900 a week"}, "ifa_price", "(write £900, the amount alone)", ""},
		// _ in money, as in a number.
		{map[string]string{"ifa_price": "£1_200"}, "ifa_price", "want a sum of money such as £950 or £1.1m (write £1200, without _)", ""},
		// _ in money past the box's range: told what the _ is and the range, offered nothing.
		{map[string]string{"ifa_price": "£1_000_000"}, "ifa_price",
			`"£1_000_000" is £1000000 written with _ between its digits, which "Agency foster care (IFA) price" does not take: it must be between £0 and £100,000`, "write £1000000"},
		// A change with _: offered without its _, not checked as a value against the range.
		{map[string]string{"ifa_price": "-£5_00"}, "ifa_price", "without _)", "must be between"},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "t", Check: true, Values: tc.values}, &a)
		got := a.Inputs[tc.id].Error
		if !strings.Contains(got, tc.want) || tc.wantNoOff != "" && strings.Contains(got, tc.wantNoOff) {
			t.Errorf("%v: %s's error %q, want %q", tc.values, tc.id, got, tc.want)
		}
	}
}

// TestCountBoxHints checks that a count box says what to write for a number typed with words
// or with _, as the command line does, not only "want a number".
func TestCountBoxHints(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tc := range []struct{ value, want string }{
		{"300 a year", "want a number such as 24: write 300, the number alone"},
		{"1_0", "want a number such as 24: write 10, without _"},
		// _ past the box's range: told what the _ is and the range, as money is.
		{"1_000_000", `"1_000_000" is 1000000 written with _ between its digits, which "Children entering care a year" does not take: it must be between 0 and 100,000`},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "t", Check: true, Values: map[string]string{"entries": tc.value}}, &a)
		if got := a.Inputs["entries"].Error; got != tc.want {
			t.Errorf("entries %q: error %q, want %q", tc.value, got, tc.want)
		}
	}
}
