package workspace

import (
	"testing"

	"github.com/placesim/placesim/model"
)

// TestCompareRegionRunsOfDifferentCouncils checks that a strategy that lacks a council of its
// baseline is refused as placesim compare refuses it: naming which region lacks which council.
func TestCompareRegionRunsOfDifferentCouncils(t *testing.T) {
	base := &regionOut{reg: &model.Region{Name: "west-midlands", Councils: []model.Council{{Name: "dudley"}, {Name: "walsall"}}}}
	alt := &regionOut{reg: &model.Region{Name: "three", Councils: []model.Council{{Name: "dudley"}}}}
	_, err := compareRegionRuns(base, alt)
	want := "three lacks council walsall, which west-midlands has: a strategy needs its baseline's councils (compare a region with its own strategies)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestCompareRegionRunsOfMoreCouncils checks the other direction: a strategy with a council its
// baseline lacks is said to have it, not its baseline to lack it.
func TestCompareRegionRunsOfMoreCouncils(t *testing.T) {
	base := &regionOut{reg: &model.Region{Name: "se13", Councils: []model.Council{{Name: "medway"}}}}
	alt := &regionOut{reg: &model.Region{Name: "south-east", Councils: []model.Council{{Name: "medway"}, {Name: "milton-keynes"}}}}
	_, err := compareRegionRuns(base, alt)
	want := "south-east has council milton-keynes, which the baseline se13 lacks: a strategy can have only its baseline's councils (compare a region with its own strategies)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	alt.reg.Councils = []model.Council{{Name: "milton-keynes"}}
	_, err = compareRegionRuns(base, alt)
	want = "south-east lacks council medway, which se13 has; south-east has council milton-keynes, which the baseline se13 lacks: a strategy needs its baseline's councils and no others (compare a region with its own strategies)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
