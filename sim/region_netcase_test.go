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
	cases, err := RegionNetPositions(br, ar, 0.9, GreenBookDiscount)
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

// TestRegionNetSplit checks the business case of the councils a region strategy changes
// against that of the others: with one council acting, the acting group's is that council's own,
// figure by figure; the others' is theirs added up; and the two add up to the region's in every
// year and in the net present value, to the pence each year's figures are rounded to. With no
// council named, there is no acting group and the others' is the region's. A strategy whose
// region has a council more than the baseline's is an error, as in RegionNetPositions.
func TestRegionNetSplit(t *testing.T) {
	base := testRegion(t, 3, 2, 1)
	alt := *base
	alt.Name = "one-acts"
	alt.Councils = append([]model.Council(nil), base.Councils...)
	s := *alt.Councils[0].Scenario
	s.Entries.PerYear *= 0.7
	alt.Councils[0].Scenario = &s
	opt := Options{Reps: 4, Seed: 3, KPIsOnly: true}
	br, err := RunRegion(base, opt)
	if err != nil {
		t.Fatal(err)
	}
	ar, err := RunRegion(&alt, opt)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := RegionNetPositions(br, ar, 0.9, GreenBookDiscount)
	if err != nil {
		t.Fatal(err)
	}
	act, rest, err := RegionNetSplit(br, ar, map[string]bool{"council-00": true}, 0.9, GreenBookDiscount)
	if err != nil {
		t.Fatal(err)
	}
	if act == nil || rest == nil {
		t.Fatalf("acting %v, the others %v: want both", act != nil, rest != nil)
	}
	region := cases[len(cases)-1]
	// Sums of pounds to the pence, over a few councils and years: a penny a figure at most.
	const pennies = 0.05
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > pennies {
			t.Errorf("%s: %.2f, want %.2f", what, got, want)
		}
	}
	for p, y := range region.Years {
		a, r, own := act.Years[p], rest.Years[p], cases[0].Years[p]
		if a.Net != own.Net || a.Cumulative != own.Cumulative || a.Placements != own.Placements || a.PPaidBack != own.PPaidBack {
			t.Errorf("%s: the acting group's %+v, council-00's own %+v", y.Period, a, own)
		}
		near(y.Period+": the others' net saving, council-01's and council-02's added up", r.Net.Mean, cases[1].Years[p].Net.Mean+cases[2].Years[p].Net.Mean)
		near(y.Period+": the two groups' net saving, the region's", a.Net.Mean+r.Net.Mean, y.Net.Mean)
		near(y.Period+": the two groups' saving on places bought, the region's", a.Placements.Mean+r.Placements.Mean, y.Placements.Mean)
		near(y.Period+": the two groups' cumulative net saving, the region's", a.Cumulative.Mean+r.Cumulative.Mean, y.Cumulative.Mean)
	}
	if act.NPV != cases[0].NPV {
		t.Errorf("the acting group's net present value %+v, council-00's %+v", act.NPV, cases[0].NPV)
	}
	near("the two groups' net present value, the region's", act.NPV.Mean+rest.NPV.Mean, region.NPV.Mean)
	if rest.Years[0].Net.N != opt.Reps || math.IsNaN(rest.NPV.Lo) {
		t.Errorf("the others' net present value %+v: want an interval over %d pairs", rest.NPV, opt.Reps)
	}

	none, all, err := RegionNetSplit(br, ar, nil, 0.9, GreenBookDiscount)
	if err != nil {
		t.Fatal(err)
	}
	if none != nil {
		t.Errorf("no council named acts, yet the acting group has a business case")
	}
	near("with none acting, the others' net present value, the region's", all.NPV.Mean, region.NPV.Mean)

	// A strategy's region with a council the baseline's lacks is no comparison.
	more := *alt.Councils[0].Scenario
	more.Name = "council-99"
	wider := *ar
	wr := *ar.Region
	wr.Councils = append(append([]model.Council(nil), ar.Region.Councils...), model.Council{Name: "council-99", Scenario: &more})
	wider.Region = &wr
	if _, _, err := RegionNetSplit(br, &wider, nil, 0.9, GreenBookDiscount); err == nil {
		t.Errorf("a strategy with a council the baseline lacks: no error")
	}
}
