package sim

import (
	"slices"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestRegionSharesTables checks that a region's councils made of one scenario hold one copy
// of what their runs only read, that a council whose tables differ keeps its own, and that
// the region's own scenarios are left as they were.
func TestRegionSharesTables(t *testing.T) {
	reg, err := scenarios.LoadRegion("south-east", nil)
	if err != nil {
		t.Fatal(err)
	}
	// Council 2 tries its first ladder's first kind twice: its ladders differ from the others'.
	s2 := *reg.Councils[2].Scenario
	s2.Ladders = slices.Clone(s2.Ladders)
	try := s2.Ladders[0].Try
	s2.Ladders[0].Try = append(slices.Clone(try), try[0])
	reg.Councils[2].Scenario = &s2
	p, err := planRegion(reg, 1)
	if err != nil {
		t.Fatal(err)
	}
	same := func(a, b []model.Ladder) bool { return &a[0] == &b[0] }
	c0, c1, c2 := p.cs[0], p.cs[1], p.cs[2]
	if !same(c0.s.Ladders, c1.s.Ladders) || &c0.stays[0] != &c1.stays[0] || &c0.lay.mKind[0] != &c1.lay.mKind[0] || &c0.monthFactor[0] != &c1.monthFactor[0] || &c0.cal.MonthStarts[0] != &c1.cal.MonthStarts[0] {
		t.Error("councils 0 and 1, one scenario scaled, hold their tables twice")
	}
	if same(c0.s.Ladders, c2.s.Ladders) || !slices.Equal(c2.s.Ladders[0].Try, s2.Ladders[0].Try) {
		t.Error("council 2's own ladders were replaced by council 0's")
	}
	if &c2.stays[0] != &c0.stays[0] {
		t.Error("council 2 holds its stays twice although only its ladders differ")
	}
	if same(reg.Councils[0].Scenario.Ladders, reg.Councils[1].Scenario.Ladders) {
		t.Error("the region's own scenarios were changed")
	}
	if &c0.entryRate[0] == &c1.entryRate[0] {
		t.Error("councils of different sizes share their entry rates")
	}
}
