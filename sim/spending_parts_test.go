package sim

import (
	"math"
	"testing"
	"time"
)

// TestPeriodWeeks checks the weeks of a period: a whole financial year, the part years of a
// run from 1 July, and the whole run, each its days over 7.
func TestPeriodWeeks(t *testing.T) {
	april := time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC)
	july := time.Date(2026, time.July, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		start  time.Time
		years  int
		period string
		days   float64
	}{
		{"a whole year", april, 2, "2026/27", 365},
		{"a leap year", april, 2, "2027/28", 366},
		{"the whole run", april, 2, WholeRun, 731},
		{"a part year from 1 July", july, 1, "2026/27", 274},
		{"a part year to 30 June", july, 1, "2027/28", 91},
		{"a year outside the run", april, 1, "2030/31", 0},
		{"no such period", april, 1, "later", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := PeriodWeeks(c.start, c.years, c.period); math.Abs(got-c.days/7) > 1e-12 {
				t.Errorf("PeriodWeeks(%s, %d, %q) = %v, want %v days over 7", c.start.Format(time.DateOnly), c.years, c.period, got, c.days)
			}
		})
	}
}

// TestSpendingPartsSplit checks the split of each kind's change into price and volume, and
// that of a kind one run places no child in: its children's change is all volume at the other
// run's price, and a cost paid with no child (a home run empty) is other. The total adds the
// parts up and leaves no residual.
func TestSpendingPartsSplit(t *testing.T) {
	d := func(kpi string, base, alt float64) Difference {
		return Difference{Period: WholeRun, KPI: kpi, BaseMean: base, AltMean: alt, DiffMean: alt - base, N: 5}
	}
	const weeks = 10
	diffs := []Difference{
		d(CostTotal, 10_000+0+50_000+7_000, 12_600+30_000+6_000+7_500),
		d(CostOf("ifa"), 10_000, 12_600),     // 10 children at £100, then 12 at £105
		d(CostOf("new_home"), 0, 30_000),     // none, then 5 at £600
		d(CostOf("own_home"), 50_000, 6_000), // 5 at £1,000, then none but £6,000 of running costs
		d(CostCareLeavers, 7_000, 7_500),     // tied to no kind
		d(OccupiedKPI("ifa"), 10, 12),
		d(OccupiedKPI("new_home"), 0, 5),
		d(OccupiedKPI("own_home"), 5, 0),
		d(CostPlacements, 1, 2), // an aggregate: left out
	}
	parts := SpendingParts(diffs, WholeRun, weeks)
	want := []struct {
		part                  string
		price, volume, other  float64
		baseWeekly, altWeekly float64
	}{
		{"ifa", 5 * 10 * weeks, 105 * 2 * weeks, 0, 100, 105},
		{"new_home", 0, 30_000, 0, math.NaN(), 600},
		{"own_home", 0, -50_000, 6_000, 1_000, math.NaN()},
		{CostCareLeavers, 0, 0, 500, math.NaN(), math.NaN()},
		{"total", 5 * 10 * weeks, 105*2*weeks + 30_000 - 50_000, 6_500, math.NaN(), math.NaN()},
	}
	if len(parts) != len(want) {
		t.Fatalf("%d parts, want %d: %+v", len(parts), len(want), parts)
	}
	same := func(a, b float64) bool { return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-9 }
	for i, w := range want {
		p := parts[i]
		if p.Part != w.part || !same(p.PriceEffect, w.price) || !same(p.VolumeEffect, w.volume) || !same(p.Other, w.other) ||
			!same(p.BaseWeekly, w.baseWeekly) || !same(p.AltWeekly, w.altWeekly) {
			t.Errorf("part %d: %+v, want %+v", i, p, w)
		}
		if !same(p.PriceEffect+p.VolumeEffect+p.Other+p.Residual, p.CostChange) {
			t.Errorf("%s: the effects do not add up to the change %v", p.Part, p.CostChange)
		}
	}
	if r := parts[len(parts)-1].Residual; !same(r, 0) {
		t.Errorf("total's residual %v, want 0", r)
	}
	if got := SpendingParts(diffs, "2026/27", weeks); got != nil {
		t.Errorf("a period with no cost_total gave %+v", got)
	}
}
