package sim_test

import (
	"math"
	"testing"

	. "github.com/placesim/placesim/sim"
)

// TestRegionUASCGrants checks a region's UASC grants where two of three councils give a grant
// rate, each its own: each of those councils' rows are its UASCGrants against itself, the
// council with no rate has none, and the region's rows are theirs added up, period by period,
// as every pair's grants add up (the mean of a sum is the sum of the means; a rounding
// tolerance of a penny a period).
func TestRegionUASCGrants(t *testing.T) {
	base := testRegion(t, 3, 2, 1)
	alt := *base
	alt.Name = "more-uasc"
	alt.Councils = append(alt.Councils[:0:0], base.Councils...)
	for i, rate := range []float64{143, 0, 120} {
		b, a := *base.Councils[i].Scenario, *base.Councils[i].Scenario
		b.UASC.GrantPerNightGBP, a.UASC.GrantPerNightGBP = rate, rate
		if i == 0 {
			a.UASC.LeavingCareGrantPerWeekGBP = 270
		}
		a.UASC.PerYear = b.UASC.PerYear*2 + 10
		base.Councils[i].Scenario, alt.Councils[i].Scenario = &b, &a
	}
	opt := Options{Reps: 3, Seed: 3, KPIsOnly: true}
	br, err := RunRegion(base, opt)
	if err != nil {
		t.Fatal(err)
	}
	ar, err := RunRegion(&alt, opt)
	if err != nil {
		t.Fatal(err)
	}
	got, err := RegionUASCGrants(br, ar, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(base.Councils)+1 {
		t.Fatalf("%d sets of rows, want %d", len(got), len(base.Councils)+1)
	}
	sum := map[[2]string]float64{}
	for i := range base.Councils {
		want, err := UASCGrants(br.Councils[i], ar.Councils[i], 0.9)
		if err != nil {
			t.Fatal(err)
		}
		if len(got[i]) != len(want) {
			t.Fatalf("council %d: %d rows, want its own comparison's %d", i, len(got[i]), len(want))
		}
		for k, d := range got[i] {
			if d != want[k] {
				t.Errorf("council %d, %s %s: %+v, want %+v", i, d.Period, d.KPI, d, want[k])
			}
			sum[[2]string{d.KPI, d.Period}] += d.DiffMean
		}
	}
	if len(got[1]) != 0 {
		t.Errorf("the council with no grant rate has %d grant rows", len(got[1]))
	}
	region := got[len(got)-1]
	if len(region) != len(sum) || len(region) == 0 {
		t.Fatalf("the region has %d grant rows, want %d, one for each its councils have", len(region), len(sum))
	}
	for _, d := range region {
		if w := sum[[2]string{d.KPI, d.Period}]; math.Abs(d.DiffMean-w) > 0.01 || d.DiffMean <= 0 {
			t.Errorf("region, %s %s: %.2f more grant, want its councils' %.2f (more than none)", d.Period, d.KPI, d.DiffMean, w)
		}
	}
}
