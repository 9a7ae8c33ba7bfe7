package workspace

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestHomeLeverPaysLibraryOneOff checks that the "Open a children's home" lever at the library
// home's beds gives the business case of placesim compare default open-childrens-home on the
// same seed and replications: its one-off cost (£1,213,000 in April 2027, capital and set-up)
// and its net saving, year by year, not the running cost alone.
func TestHomeLeverPaysLibraryOneOff(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, srv, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "h", Values: map[string]string{"home_beds": "3"}}, &a)
	if a.Results == "" {
		t.Fatalf("no results: %v %v", a.Problems, a.Error)
	}
	for _, want := range []string{"    cost:\n      one_off_gbp: 1213000\n      one_off_on: 2027-04-01\n"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("the file lacks %q:\n%s", want, a.Text)
		}
	}
	srv.mu.Lock()
	c, _ := srv.comps.newest()
	srv.mu.Unlock()
	got, err := sim.NetPosition(c.Base.res, c.Alt.res, interval, sim.GreenBookDiscount)
	if err != nil {
		t.Fatal(err)
	}
	lib, err := scenarios.LoadBuiltin("open-childrens-home")
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(lib, sim.Options{Reps: c.Reps, Seed: c.Seed})
	if err != nil {
		t.Fatal(err)
	}
	want, err := sim.NetPosition(c.Base.res, res, interval, sim.GreenBookDiscount)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Years) != len(want.Years) {
		t.Fatalf("%d financial years, want %d", len(got.Years), len(want.Years))
	}
	oneOff := 0.0
	for i, w := range want.Years {
		g := got.Years[i]
		oneOff += g.OneOff.Mean
		// The same scenario on the same draws: the same pence.
		if g.OneOff.Mean != w.OneOff.Mean || g.Net.Mean != w.Net.Mean || g.Cumulative.Mean != w.Cumulative.Mean {
			t.Errorf("%s: one-off %.0f, net saving %.0f, cumulative %.0f; placesim compare gives %.0f, %.0f, %.0f",
				w.Period, g.OneOff.Mean, g.Net.Mean, g.Cumulative.Mean, w.OneOff.Mean, w.Net.Mean, w.Cumulative.Mean)
		}
	}
	if oneOff == 0 {
		t.Errorf("the lever's home pays no one-off cost")
	}
	if got.NPV.Mean != want.NPV.Mean {
		t.Errorf("net present value %.0f, placesim compare gives %.0f", got.NPV.Mean, want.NPV.Mean)
	}
}

// TestHomeLeverOneOffFollows checks that the lever's one-off cost follows the home's beds and
// the day it opens (a year before, not before the run's first day); that an amount changed in
// the file is kept, its day still following the day the home opens while it is the lever's;
// and that a day changed in the file is kept too.
func TestHomeLeverOneOffFollows(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "f", Check: true, Values: map[string]string{"home_beds": "3"}}, &a)
	for _, tc := range []struct {
		beds, opens, want string
	}{
		{"6", "01/04/2029", "one_off_gbp: 2426000\n      one_off_on: 2028-04-01\n"},
		{"2", "01/10/2026", "one_off_gbp: 808667\n      one_off_on: 2026-04-01\n"},
	} {
		post(t, base, "/api/run", wsState{Tab: "f", Check: true, Text: a.Text, Values: map[string]string{"home_beds": tc.beds, "home_opens": tc.opens}}, &a)
		if !strings.Contains(a.Text, tc.want) {
			t.Errorf("%s beds from %s: the file lacks %q:\n%s", tc.beds, tc.opens, tc.want, a.Text)
		}
	}
	for _, tc := range []struct{ what, from, to, want string }{
		{"an amount changed in the file", "one_off_gbp: 808667", "one_off_gbp: 500000", "one_off_gbp: 500000\n      one_off_on: 2027-04-01\n"},
		{"an amount and a day changed in the file", "one_off_gbp: 808667\n      one_off_on: 2026-04-01", "one_off_gbp: 500000\n      one_off_on: 2026-06-01",
			"one_off_gbp: 500000\n      one_off_on: 2026-06-01\n"},
	} {
		var b runResponse
		own := strings.Replace(a.Text, tc.from, tc.to, 1)
		post(t, base, "/api/run", wsState{Tab: "f", Check: true, Text: own, Values: map[string]string{"home_beds": "4", "home_opens": "01/04/2028"}}, &b)
		if !strings.Contains(b.Text, tc.want) {
			t.Errorf("%s is not kept (%q):\n%s", tc.what, tc.want, b.Text)
		}
	}
}
