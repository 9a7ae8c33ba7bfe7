package workspace

import (
	"strings"
	"testing"
)

// TestRegionKeyFiguresNamed checks that the region page's status bar names the period and the
// statistic of its figures, as the councils' table under it does: "Region: spending a year"
// alone read as a year's spending, when it is the mean over the run's years of cash spending
// (a region's runs from £979m in its first year to £1,515m in its last), and the change in it
// against a baseline is a change in that mean.
func TestRegionKeyFiguresNamed(t *testing.T) {
	base, _, _ := regionServer(t)
	a := runRegionState(t, base, regionState{Tab: "k", Ref: "two-counties.yaml"})
	var got []string
	for _, f := range a.KeyFigs {
		got = append(got, f.Label)
	}
	want := []string{"Region: emergency placements a year, mean of the 2 years", "Region: spending a year, mean of the 2 years (cash)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the status bar's figures of the region as it is are named %q, want %q", got, want)
	}
	a = runRegionState(t, base, regionState{Tab: "k", Ref: "two-counties.yaml", Values: map[string]string{"r.southshire": "5"}})
	got = nil
	for _, f := range a.KeyFigs {
		got = append(got, f.Label)
	}
	want = []string{"Region: change in emergency placements a year, mean of the 2 years", "Region: change in spending a year, mean of the 2 years (cash)", "Region: net saving over the run"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the status bar's figures of a strategy are named %q, want %q (problems %q)", got, want, a.Problems)
	}
}
