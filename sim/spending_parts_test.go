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
	parts := SpendingParts(diffs, WholeRun, func(string) float64 { return weeks })
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
	if got := SpendingParts(diffs, "2026/27", func(string) float64 { return weeks }); got != nil {
		t.Errorf("a period with no cost_total gave %+v", got)
	}
}

// TestSpendingPartsWholeRunByYear checks that the whole run is split year by year: in-house
// foster care costs £600 a week in the first year and £700 in the second in both runs, and the
// strategy places its extra children in the second, so the run's average weekly price is
// higher in the strategy, yet the price never changed and the whole run's price effect is 0.
// Agency foster care's price falls in the first year and rises in the second, and the whole
// run's effects are the sums of the years'.
func TestSpendingPartsWholeRunByYear(t *testing.T) {
	d := func(period, kpi string, base, alt float64) Difference {
		return Difference{Period: period, KPI: kpi, BaseMean: base, AltMean: alt, DiffMean: alt - base, N: 5}
	}
	weeks := map[string]float64{"2026/27": 52, "2027/28": 52, WholeRun: 104}
	// Children on an average day and weekly prices, by year: base then strategy.
	type year struct {
		period                         string
		inBase, inAlt, ifaBase, ifaAlt float64 // children
		inPrice, ifaBaseP, ifaAltP     float64 // weekly prices
	}
	ys := []year{{"2026/27", 10, 10, 20, 20, 600, 1_000, 900}, {"2027/28", 10, 20, 20, 12, 700, 1_100, 1_200}}
	var diffs []Difference
	var in, ifa, inKids, ifaKids [2]float64
	for _, y := range ys {
		w := weeks[y.period]
		inC := [2]float64{y.inBase * y.inPrice * w, y.inAlt * y.inPrice * w}
		ifaC := [2]float64{y.ifaBase * y.ifaBaseP * w, y.ifaAlt * y.ifaAltP * w}
		diffs = append(diffs, d(y.period, CostTotal, inC[0]+ifaC[0], inC[1]+ifaC[1]),
			d(y.period, CostOf("inhouse_foster"), inC[0], inC[1]), d(y.period, CostOf("ifa"), ifaC[0], ifaC[1]),
			d(y.period, OccupiedKPI("inhouse_foster"), y.inBase, y.inAlt), d(y.period, OccupiedKPI("ifa"), y.ifaBase, y.ifaAlt))
		for r := range 2 {
			in[r] += inC[r]
			ifa[r] += ifaC[r]
		}
		inKids[0], inKids[1] = inKids[0]+y.inBase*w, inKids[1]+y.inAlt*w
		ifaKids[0], ifaKids[1] = ifaKids[0]+y.ifaBase*w, ifaKids[1]+y.ifaAlt*w
	}
	run := weeks[WholeRun]
	diffs = append(diffs, d(WholeRun, CostTotal, in[0]+ifa[0], in[1]+ifa[1]),
		d(WholeRun, CostOf("inhouse_foster"), in[0], in[1]), d(WholeRun, CostOf("ifa"), ifa[0], ifa[1]),
		d(WholeRun, OccupiedKPI("inhouse_foster"), inKids[0]/run, inKids[1]/run), d(WholeRun, OccupiedKPI("ifa"), ifaKids[0]/run, ifaKids[1]/run))
	of := func(p string) float64 { return weeks[p] }

	all := SpendingParts(diffs, WholeRun, of)
	if len(all) != 3 || all[0].Part != "inhouse_foster" || all[1].Part != "ifa" || all[2].Part != "total" {
		t.Fatalf("parts %+v, want inhouse_foster, ifa and the total", all)
	}
	same := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
	inhouse := all[0]
	if !(inhouse.AltWeekly > inhouse.BaseWeekly+1) {
		t.Fatalf("in-house foster care's average weekly prices %v and %v: the test wants the strategy's later children to raise it", inhouse.BaseWeekly, inhouse.AltWeekly)
	}
	if !same(inhouse.PriceEffect, 0) || !same(inhouse.VolumeEffect, inhouse.CostChange) {
		t.Errorf("in-house foster care, at the same price every year in both runs: price effect %v, volume effect %v, want 0 and the whole change %v",
			inhouse.PriceEffect, inhouse.VolumeEffect, inhouse.CostChange)
	}
	// ifa: (900 - 1,000) × 20 × 52 + (1,200 - 1,100) × 20 × 52 = 0 of price; 1,200 × -8 × 52 of volume.
	if !same(all[1].PriceEffect, 0) || !same(all[1].VolumeEffect, 1_200*-8*52) {
		t.Errorf("ifa: price effect %v, volume effect %v, want 0 and %v", all[1].PriceEffect, all[1].VolumeEffect, 1_200*-8*52.0)
	}
	for i, p := range all {
		var price, volume, other float64
		for _, y := range ys {
			yp := SpendingParts(diffs, y.period, of)[i]
			price, volume, other = price+yp.PriceEffect, volume+yp.VolumeEffect, other+yp.Other
		}
		if !same(p.PriceEffect, price) || !same(p.VolumeEffect, volume) || !same(p.Other, other) || !same(p.Residual, 0) {
			t.Errorf("%s over the run: price %v, volume %v, other %v, residual %v; the years add up to %v, %v and %v",
				p.Part, p.PriceEffect, p.VolumeEffect, p.Other, p.Residual, price, volume, other)
		}
	}
}
