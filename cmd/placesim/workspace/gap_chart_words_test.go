package workspace

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestGapChartWords checks that the chart of places needed and places available uses the words
// of the page's table and the run's report: children placed elsewhere whose first choice it
// is, who are not waiting for a place (placesim makes no planned moves).
func TestGapChartWords(t *testing.T) {
	run := func(set ...string) *runOut {
		t.Helper()
		s, err := scenarios.Load("default", set)
		if err != nil {
			t.Fatal(err)
		}
		s.Years = 2
		res, err := sim.Run(s, sim.Options{Reps: 2, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		return &runOut{s: s, res: res, reps: 2}
	}
	c, err := compareRuns(run(), run("kinds.inhouse_foster.carers.approvals_per_year=40"), 1, false)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, b := range bandCharts(c) {
		if b.Name != "sufficiency-gap" {
			continue
		}
		found = true
		if want := "Children whose first choice is in-house foster care, and its places"; b.Title != want {
			t.Errorf("chart's title %q, want the report's %q", b.Title, want)
		}
		text := b.Subtitle
		for _, m := range b.Measures {
			text += "\n" + m.Label
		}
		for _, bad := range []string{"wait", "Wait", "need it"} {
			if strings.Contains(text, bad) {
				t.Errorf("chart says %q:\n%s", bad, text)
			}
		}
		for _, want := range []string{"Children placed elsewhere whose first choice it is", "of them placed elsewhere", "places empty"} {
			if !strings.Contains(text, want) {
				t.Errorf("chart does not say %q:\n%s", want, text)
			}
		}
	}
	if !found {
		t.Fatal("no sufficiency-gap chart")
	}
}
