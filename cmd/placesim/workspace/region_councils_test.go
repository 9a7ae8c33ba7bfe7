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
