package sim_test

import (
	"math"
	"testing"

	"github.com/placesim/placesim/model"
	. "github.com/placesim/placesim/sim"
)

// TestRegionNetPositionsOneOff checks a region's business case where the strategy's only
// change is a one-off cost of the region's own intervention, shared among councils of
// different inflation: every council's and the region's programme running cost is nothing in
// every year and pair, the one-off costs are the councils' shares of it, added up in the
// region's row, and the region's net present value is its councils' added up, each deflated by
// its own prices (the first council's prices had deflated the region's).
func TestRegionNetPositionsOneOff(t *testing.T) {
	base := testRegion(t, 3, 2, 1)
	for i := range base.Councils {
		s := *base.Councils[i].Scenario
		s.InflationPerYear = []float64{0, 0.1, 0.3}[i]
		base.Councils[i].Scenario = &s
	}
	pool := len(base.Interventions) - 1
	base.Interventions[pool].Cost = model.ProgrammeCost{}
	alt := *base
	alt.Name = "one-off"
	alt.Interventions = append([]model.RegionIntervention(nil), base.Interventions...)
	alt.Interventions[pool].Cost = model.ProgrammeCost{OneOffGBP: 5_000_000, OneOffOn: base.Start.AddDate(1, 1, 0)}
	opt := Options{Reps: 4, Seed: 3, KPIsOnly: true}
	br, err := RunRegion(base, opt)
	if err != nil {
		t.Fatal(err)
	}
	ar, err := RunRegion(&alt, opt)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := RegionNetPositions(br, ar, 0.9, GreenBookDiscountRate)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != len(base.Councils)+1 {
		t.Fatalf("%d cases, want %d", len(cases), len(base.Councils)+1)
	}
	var oneOff, npv float64
	for c, nc := range cases {
		var sum float64
		for _, y := range nc.Years {
			if y.Running.Mean != 0 || y.Running.RunLo != 0 || y.Running.RunHi != 0 {
				t.Errorf("case %d, %s: programme running cost %v (%v to %v), want nothing", c, y.Period, y.Running.Mean, y.Running.RunLo, y.Running.RunHi)
			}
			sum += y.OneOff.Mean
		}
		if c < len(base.Councils) {
			oneOff += sum
			npv += nc.NPV.Mean
			continue
		}
		if math.Abs(sum-oneOff) > 0.01*float64(len(nc.Years)) {
			t.Errorf("the region's one-off costs %.2f, its councils' %.2f", sum, oneOff)
		}
		// £5m in the second year, at the first council's prices and at 10% and 30% more at
		// the others, whose shares are between a sixth and a half.
		if sum < 5_000_000*1.01 || sum > 5_000_000*1.3 {
			t.Errorf("the region's one-off costs %.2f, want £5m at the councils' prices", sum)
		}
		if math.Abs(nc.NPV.Mean-npv) > 1e-6*math.Abs(npv) {
			t.Errorf("the region's net present value %.2f, its councils' added up %.2f", nc.NPV.Mean, npv)
		}
	}
}
