package workspace

import (
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestVerdictOnPrintedFigures checks that a change is judged better or worse on the figures
// the page prints: a change whose interval prints as "0.0 (0.0 to 0.0)" once read "worse".
func TestVerdictOnPrintedFigures(t *testing.T) {
	for _, tt := range []struct {
		name string
		f    figure
		want string
	}{
		{"prints 0.0 (0.0 to 0.0)", figure{Valid: true, Diff: 0.02, DiffLo: 0.01, DiffHi: 0.04, Unit: count}, ""},
		{"low end prints 0.0", figure{Valid: true, Diff: 0.3, DiffLo: 0.01, DiffHi: 0.6, Unit: count}, ""},
		{"money prints £0", figure{Valid: true, Diff: 0.3, DiffLo: 0.1, DiffHi: 0.4, Unit: plots.Money}, ""},
		{"clear rise", figure{Valid: true, Diff: 1.2, DiffLo: 0.5, DiffHi: 2, Unit: count}, "bad"},
		{"clear fall", figure{Valid: true, Diff: -1.2, DiffLo: -2, DiffHi: -0.5, Unit: count}, "good"},
		{"spans zero", figure{Valid: true, Diff: 1.2, DiffLo: -0.5, DiffHi: 2, Unit: count}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := verdict(tt.f, -1); got != tt.want {
				t.Errorf("verdict of %s (%s to %s): %q, want %q", signed(tt.f.Diff, tt.f.Unit), signed(tt.f.DiffLo, tt.f.Unit), signed(tt.f.DiffHi, tt.f.Unit), got, tt.want)
			}
		})
	}
}

// TestHeadlineDirectionsAsThePack checks that the page judges each headline figure the way
// the board pack and the command line do (plots.HeadlinesOf): fewer children in agency foster
// care or in residential care is better, where the page once gave them no word.
func TestHeadlineDirectionsAsThePack(t *testing.T) {
	run := func(set ...string) *runOut {
		t.Helper()
		s, err := scenarios.Load("default", set)
		if err != nil {
			t.Fatal(err)
		}
		s.Years = 1
		res, err := sim.Run(s, sim.Options{Reps: 2, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		return &runOut{s: s, res: res, reps: 2}
	}
	c, err := compareRuns(run(), run("kinds.inhouse_foster.carers.approvals_per_year=30"), 1, false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, h := range plots.HeadlinesOf(c.Alt.s, true) {
		want[h.KPI] = h.Better
	}
	got := map[string]int{}
	for _, r := range headlineFigures(c).Rows {
		got[r.Key] = r.Better
		if r.Better != want[r.Key] {
			t.Errorf("%s: better %d, want the pack's %d", r.Label, r.Better, want[r.Key])
		}
	}
	if d, ok := got[sim.OccupiedKPI("ifa")]; !ok || d != -1 {
		t.Errorf("ifa: better %d (shown %t), want -1: fewer is better", d, ok)
	}
	// Opening a home or block-booking beds moves children out of emergency placements into
	// residential care: more of them is not marked worse in red.
	if d, ok := got[sim.OccupiedCategoryKPI(model.Residential)]; !ok || d != 0 {
		t.Errorf("residential care: better %d (shown %t), want 0: neither way is plainly better", d, ok)
	}
}
