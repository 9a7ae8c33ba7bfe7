package workspace

import (
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestHomeOneOffBox checks that the "Open a children's home" lever has a box for the home's
// one-off cost (capital and set-up), labelled and bounded as the other money boxes, that starts
// at the library home's £1,213,000 for 3 beds and follows the beds on the page; and that the
// business case of the run is placesim compare default open-childrens-home's at the box's
// default, and that of the library file with the one-off cost typed (or none, for £0)
// otherwise, on the same seed and replications.
func TestHomeOneOffBox(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, srv, _ := testServer(t)
	_, page := get(t, base+"/")
	mustContain(t, "scenario page", page, `<span class="sub" id="sub-home_one_off">One-off cost</span>`,
		`data-input="home_one_off" data-per-count="404333.3333333333" data-count-box="home_beds" value="£1,213,000"`,
		`<span class="unit" id="unit-home_one_off">paid once</span>`, "one-off cost £0 to £1,000,000,000")

	// The page sends every box as it shows it.
	boxes := func(oneOff string) map[string]string {
		return map[string]string{"home_beds": "3", "home_opens": "01/04/2028", "home_cost": "£901,500", "home_one_off": oneOff}
	}
	for _, tc := range []struct {
		typed, file string
		oneOff      float64 // the library file's one-off cost changed to it
	}{
		{"£1,213,000", "    cost:\n      one_off_gbp: 1213000\n      one_off_on: 2027-04-01\n", 1_213_000},
		{"£500,000", "    cost:\n      one_off_gbp: 500000\n      one_off_on: 2027-04-01\n", 500_000},
		{"£0", "", 0},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "b" + tc.typed, Values: boxes(tc.typed)}, &a)
		if a.Results == "" {
			t.Fatalf("%s: no results: %v %v", tc.typed, a.Problems, a.Error)
		}
		if tc.file != "" && !strings.Contains(a.Text, tc.file) {
			t.Errorf("%s: the file lacks %q:\n%s", tc.typed, tc.file, a.Text)
		}
		if tc.file == "" && strings.Contains(a.Text, "one_off") {
			t.Errorf("%s: the file pays a one-off cost:\n%s", tc.typed, a.Text)
		}
		srv.mu.Lock()
		c, _ := srv.comps.newest()
		srv.mu.Unlock()
		got, err := sim.NetPosition(c.Base.res, c.Alt.res, interval, sim.GreenBookDiscount)
		if err != nil {
			t.Fatal(err)
		}
		alt, err := scenarios.LoadBuiltin("open-childrens-home")
		if err != nil {
			t.Fatal(err)
		}
		for i := range alt.Interventions {
			if iv := &alt.Interventions[i]; iv.Action == model.OpenHome {
				iv.Cost.OneOffGBP = tc.oneOff
				if tc.oneOff == 0 {
					iv.Cost.OneOffOn = time.Time{}
				}
			}
		}
		res, err := sim.Run(alt, sim.Options{Reps: c.Reps, Seed: c.Seed})
		if err != nil {
			t.Fatal(err)
		}
		want, err := sim.NetPosition(c.Base.res, res, interval, sim.GreenBookDiscount)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Years) != len(want.Years) {
			t.Fatalf("%s: %d financial years, want %d", tc.typed, len(got.Years), len(want.Years))
		}
		oneOff := 0.0
		for i, w := range want.Years {
			g := got.Years[i]
			oneOff += g.OneOff.Mean
			// The same scenario on the same draws: the same pence.
			if g.OneOff.Mean != w.OneOff.Mean || g.Net.Mean != w.Net.Mean || g.Cumulative.Mean != w.Cumulative.Mean {
				t.Errorf("%s, %s: one-off %.0f, net saving %.0f, cumulative %.0f; placesim compare gives %.0f, %.0f, %.0f",
					tc.typed, w.Period, g.OneOff.Mean, g.Net.Mean, g.Cumulative.Mean, w.OneOff.Mean, w.Net.Mean, w.Cumulative.Mean)
			}
		}
		if (oneOff == 0) != (tc.oneOff == 0) {
			t.Errorf("%s: the business case's one-off costs come to %.0f", tc.typed, oneOff)
		}
		if got.NPV.Mean != want.NPV.Mean {
			t.Errorf("%s: net present value %.0f, placesim compare gives %.0f", tc.typed, got.NPV.Mean, want.NPV.Mean)
		}
	}
}

// TestHomeOneOffBoxChecked checks that the one-off cost box is read and refused as the other
// money boxes are, beside the box, and that a home of a file's own that pays nothing once shows
// £0 and keeps paying nothing.
func TestHomeOneOffBoxChecked(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, _ := testServer(t)
	for _, tc := range []struct{ typed, want string }{
		{"£2bn", "must be between £0 and £1,000,000,000"},
		{"lots", "want a sum of money such as £950 or £1.1m"},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "c", Check: true, Values: map[string]string{"home_beds": "3", "home_one_off": tc.typed}}, &a)
		if got := a.Inputs["home_one_off"].Error; !strings.Contains(got, tc.want) {
			t.Errorf("%s: beside the box %q, want %q", tc.typed, got, tc.want)
		}
	}
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "c", Check: true, Values: map[string]string{"home_beds": "3"}}, &a)
	own := strings.Replace(a.Text, "    cost:\n      one_off_gbp: 1213000\n      one_off_on: 2027-04-01\n", "", 1)
	if own == a.Text {
		t.Fatalf("the new home pays no one-off cost:\n%s", a.Text)
	}
	post(t, base, "/api/run", wsState{Tab: "c", Check: true, Text: own, Values: map[string]string{"home_beds": "4"}}, &a)
	if strings.Contains(a.Text, "one_off") {
		t.Errorf("a home that paid nothing once pays a one-off cost:\n%s", a.Text)
	}
	if got := a.Inputs["home_one_off"].Value; got != "£0" {
		t.Errorf("the box shows %q for a home that pays nothing once, want £0", got)
	}
}
