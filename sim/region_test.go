package sim_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// defaultScenario loads the default scenario, shortened to years years.
func defaultScenario(t testing.TB, years int) *model.Scenario {
	t.Helper()
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Years = years
	return s
}

// scaled returns a copy of s for a council f times its size: its arrivals, starting stock,
// carers, homes, block beds and market caps scaled.
func scaled(s *model.Scenario, name string, f float64) *model.Scenario {
	out := *s
	out.Name = name
	round := func(n int) int { return max(int(float64(n)*f+0.5), 0) }
	out.Entries.PerYear *= f
	out.UASC.PerYear *= f
	out.Stock = append([]model.StockGroup(nil), s.Stock...)
	for i := range out.Stock {
		out.Stock[i].Count = round(out.Stock[i].Count)
	}
	out.Kinds = append([]model.Kind(nil), s.Kinds...)
	for k := range out.Kinds {
		kd := &out.Kinds[k]
		kd.CapacityPlaces = round(kd.CapacityPlaces)
		if kd.Carers != nil {
			p := *kd.Carers
			p.Households = round(p.Households)
			p.ApprovalsPerYear *= f
			kd.Carers = &p
		}
	}
	if out.CareLeavers.Places > 0 {
		out.CareLeavers.Places = max(round(out.CareLeavers.Places), 1)
	}
	return &out
}

// oneCouncil is a region of the scenario s alone, as council name, with no shared market.
func oneCouncil(s *model.Scenario, name string) *model.Region {
	return &model.Region{
		Name: "one", Start: s.Start, Years: s.Years, WarmupYears: s.WarmupYears,
		Zones:    []model.Zone{{Name: "here", Miles: []float64{5}}},
		Councils: []model.Council{{Name: name, Zone: 0, Scenario: s}},
	}
}

// TestRegionOfOneCouncil checks that a region of one council with no shared market gives, byte
// for byte, the results of the council's scenario run alone with the council's seed.
func TestRegionOfOneCouncil(t *testing.T) {
	s := defaultScenario(t, 3)
	s.Name = "one" // the region's name, which the total carries
	const seed = 11
	reg := oneCouncil(s, "solo")
	got, err := sim.RunRegion(reg, sim.Options{Reps: 4, Seed: seed, Workers: 2, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	want, err := sim.Run(s, sim.Options{Reps: 4, Seed: sim.CouncilSeed(seed, "solo"), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range []*sim.Results{got.Councils[0], got.Total} {
		for _, w := range []struct {
			name  string
			write func(*sim.Results, *bytes.Buffer) error
		}{
			{"kpis", func(r *sim.Results, b *bytes.Buffer) error { return r.WriteKPIs(b) }},
			{"timeseries", func(r *sim.Results, b *bytes.Buffer) error { return r.WriteTimeseries(b, sim.DefaultPercentiles) }},
		} {
			var a, b bytes.Buffer
			if err := w.write(res, &a); err != nil {
				t.Fatal(err)
			}
			if err := w.write(want, &b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s differ: region %d bytes, scenario alone %d bytes", w.name, a.Len(), b.Len())
			}
		}
	}
	if got.Total.Scenario.Name != "one" {
		t.Errorf("total named %q, want the region's name", got.Total.Scenario.Name)
	}
}

// testRegion is a region of n councils scaled from the default scenario (sizes 0.5 to 1.5),
// in three zones, sharing agency foster places and external children's homes from providers
// holding supply times the places of the councils' own caps, with growth (residential places
// shrinking when supply is under 1), an exit, an opening, a resize and a pooled block.
func testRegion(t testing.TB, n, years int, supply float64) *model.Region {
	t.Helper()
	s := defaultScenario(t, years)
	miles := [][]float64{{8, 25, 40}, {25, 8, 30}, {40, 30, 10}}
	reg := &model.Region{
		Name: "test-region", Start: s.Start, Years: years, WarmupYears: s.WarmupYears,
		Zones: []model.Zone{{Name: "north", Miles: miles[0]}, {Name: "middle", Miles: miles[1]}, {Name: "south", Miles: miles[2]}},
	}
	var ifa, res float64
	for i := range n {
		f := 0.5 + float64(i%3)*0.5
		name := fmt.Sprintf("council-%02d", i)
		cs := scaled(s, name, f)
		reg.Councils = append(reg.Councils, model.Council{Name: name, Zone: i % 3, Scenario: cs})
		for _, kd := range cs.Kinds {
			switch kd.Name {
			case "ifa":
				ifa += float64(kd.CapacityPlaces)
			case "external_residential":
				res += float64(kd.CapacityPlaces)
			}
		}
	}
	provs := func(total float64, growth float64) []model.Provider {
		var ps []model.Provider
		for z := range 3 {
			for j := range 2 {
				ps = append(ps, model.Provider{
					Name: fmt.Sprintf("p%d%d", z, j), Zone: z, Places: int(total / 6),
					GrowthPerYear: growth * float64(j), MaxMiles: float64(35 + 10*j),
				})
			}
		}
		ps[1].Accepts = model.Selector{Ages: model.AgeRange{FromYears: 5, ToYears: 17}}
		return ps
	}
	pricing := model.Pricing{Threshold: 0.8, PremiumAtFull: 0.4, UrgentPremium: 0.15, RealGrowthPerYear: 0.02}
	resGrowth := 0.02
	if supply < 1 {
		resGrowth = -0.04
	}
	reg.Markets = []model.SharedMarket{
		{Kind: "ifa", Providers: provs(supply*ifa, 0.03), Pricing: pricing},
		{Kind: "external_residential", Providers: provs(supply*res, resGrowth), Pricing: pricing},
	}
	on := func(years int) time.Time { return s.Start.AddDate(0, years*6, 0) }
	reg.Interventions = []model.RegionIntervention{
		{Name: "exit", Action: model.ProviderExit, On: on(1), Market: "external_residential", Provider: model.Provider{Name: "p10"}},
		{Name: "open", Action: model.ProviderOpen, On: on(1), Market: "external_residential", Provider: model.Provider{Name: "new", Zone: 2, Places: 6}},
		{Name: "resize", Action: model.ProviderResize, On: on(2), Market: "ifa", Provider: model.Provider{Name: "p00"}, Places: -5},
		{Name: "pool", Action: model.PooledBlock, On: on(1), Market: "ifa", Zone: 1, Places: 8, CostPerPlaceYearGBP: 60000,
			Cost: model.ProgrammeCost{OneOffGBP: 20000, PerYearGBP: 50000}},
	}
	return reg
}

// TestRegionSharedMarket runs a region of councils sharing two markets with the engine's
// invariants checked at every month's end (Options.Check: every provider's places in use,
// recounted from every council's children, never more than it holds; conservation of children
// in each council; no child waiting in an emergency placement while any council's freed place
// would take them), and checks the region's totals.
func TestRegionSharedMarket(t *testing.T) {
	reg := testRegion(t, 4, 3, 0.85)
	res, err := sim.RunRegion(reg, sim.Options{Reps: 3, Seed: 5, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	tot := res.Total
	kpi := func(r *sim.Results, name string) int {
		for i, n := range r.KPIs {
			if n == name {
				return i
			}
		}
		t.Fatalf("%s has no KPI %s", r.Scenario.Name, name)
		return -1
	}
	for rep := range tot.Reps {
		for p := range tot.Periods {
			at := func(r *sim.Results, name string) float64 { return r.Reps[rep].KPIs[p*len(r.KPIs)+kpi(r, name)] }
			var cla, entries, out, far float64
			for _, c := range res.Councils {
				cla += at(c, sim.ChildrenInCare)
				entries += at(c, sim.Entries)
				out += at(c, sim.ChildrenOutOfArea)
				far += at(c, sim.ChildrenOver20Miles)
				split := at(c, sim.CostPlacements) + at(c, sim.CostCarers) + at(c, sim.CostOwnProvision) + at(c, sim.CostProgramme)
				if at(c, sim.CostTotal) != split {
					t.Errorf("%s: spending %v is not its split's sum %v", c.Scenario.Name, at(c, sim.CostTotal), split)
				}
			}
			if got := at(tot, sim.ChildrenInCare); !sameSum(got, cla) {
				t.Errorf("rep %d %s: total children in care %v, councils' sum %v", rep, tot.Periods[p], got, cla)
			}
			if got := at(tot, sim.Entries); got != entries {
				t.Errorf("rep %d %s: total entries %v, councils' sum %v", rep, tot.Periods[p], got, entries)
			}
			if got, want := at(tot, sim.OutOfAreaShare), out/cla; !sameSum(got, want) {
				t.Errorf("rep %d %s: out-of-area share %v, want %v", rep, tot.Periods[p], got, want)
			}
			// The markets' children out of area and over 20 miles are the councils', counted
			// by the market their places are in.
			var mOut, mFar float64
			for _, m := range reg.Markets {
				in, o, f := at(tot, sim.MarketChildren(m.Kind)), at(tot, sim.MarketOutOfArea(m.Kind)), at(tot, sim.MarketOver20Miles(m.Kind))
				mOut += o
				mFar += f
				if !(o <= in && f <= in && in <= at(tot, sim.MarketOccupied(m.Kind))*(1+1e-12)) ||
					!sameSum(at(tot, sim.MarketOutOfAreaShare(m.Kind)), o/in) || !sameSum(at(tot, sim.MarketOver20MilesShare(m.Kind)), f/in) {
					t.Errorf("rep %d %s: market %s: %v children in care, %v out of area (share %v), %v over 20 miles (share %v)", rep, tot.Periods[p], m.Kind,
						in, o, at(tot, sim.MarketOutOfAreaShare(m.Kind)), f, at(tot, sim.MarketOver20MilesShare(m.Kind)))
				}
			}
			if !sameSum(mOut, out) || !sameSum(mFar, far) || out == 0 {
				t.Errorf("rep %d %s: markets' children out of area %v and over 20 miles %v, councils' %v and %v", rep, tot.Periods[p], mOut, mFar, out, far)
			}
			for _, m := range reg.Markets {
				places, used := at(tot, sim.MarketPlaces(m.Kind)), at(tot, sim.MarketOccupied(m.Kind))
				if !(used <= places*(1+1e-12) && places > 0) || !sameSum(at(tot, sim.MarketOccupancy(m.Kind)), used/places) {
					t.Errorf("rep %d %s: market %s: %v of %v places in use, occupancy %v", rep, tot.Periods[p], m.Kind, used, places, at(tot, sim.MarketOccupancy(m.Kind)))
				}
			}
			if m := at(tot, sim.SpotPriceMultiplier); !(m >= 1 && m < 2) {
				t.Errorf("rep %d %s: mean spot price multiplier %v", rep, tot.Periods[p], m)
			}
		}
	}
	t.Logf("out of area %.3f, over 20 miles %.3f, multiplier %.3f, ifa occupancy %.3f, residential occupancy %.3f",
		tot.Reps[0].KPIs[len(tot.Periods)*0+kpi(tot, sim.OutOfAreaShare)],
		tot.Reps[0].KPIs[kpi(tot, sim.Over20MilesShare)],
		tot.Reps[0].KPIs[kpi(tot, sim.SpotPriceMultiplier)],
		tot.Reps[0].KPIs[kpi(tot, sim.MarketOccupancy("ifa"))],
		tot.Reps[0].KPIs[kpi(tot, sim.MarketOccupancy("external_residential"))])
}

// sameSum reports whether a and b agree to 1e-9 of their size: sums taken in another order.
func sameSum(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// TestRegionWorkers checks that a region's results are the same bytes whatever the number of
// workers, and that a run in two batches (Add) is the run in one.
func TestRegionWorkers(t *testing.T) {
	reg := testRegion(t, 3, 2, 0.85)
	write := func(res *sim.RegionResults) []byte {
		var b bytes.Buffer
		for _, r := range append(res.Councils, res.Total) {
			if err := r.WriteKPIs(&b); err != nil {
				t.Fatal(err)
			}
			if err := r.WriteTimeseries(&b, sim.DefaultPercentiles); err != nil {
				t.Fatal(err)
			}
		}
		return b.Bytes()
	}
	one, err := sim.RunRegion(reg, sim.Options{Reps: 4, Seed: 3, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	rn, err := sim.NewRegionRunner(reg, sim.Options{Seed: 3, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	done := 0
	rn.SetProgress(func(d int) { done = d })
	for _, n := range []int{1, 3} {
		if err := rn.Add(n); err != nil {
			t.Fatal(err)
		}
	}
	if done != 3 {
		t.Errorf("progress told %d done of the last batch, want 3", done)
	}
	if !bytes.Equal(write(one), write(rn.Results())) {
		t.Error("results differ between 1 worker and 3 workers in two batches")
	}
	// A shard of replications 2 and 3 holds the same replications as the whole run.
	shard, err := sim.RunRegion(reg, sim.Options{Reps: 2, FirstRep: 2, Seed: 3, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range append(shard.Councils, shard.Total) {
		whole := append(one.Councils, one.Total)[i]
		for j, rep := range r.Reps {
			if w := whole.Reps[2+j]; rep.Index != w.Index || !sameFloats(rep.Monthly, w.Monthly) || !sameFloats(rep.KPIs, w.KPIs) {
				t.Errorf("%s: replication %d of a shard differs from the whole run's", r.Scenario.Name, rep.Index)
			}
		}
	}
	for _, r := range append(one.Councils, one.Total) {
		for _, n := range r.KPIs {
			if _, ok := sim.KPIInfo(n); !ok {
				t.Errorf("KPI %s of %s is not in the catalogue", n, r.Scenario.Name)
			}
		}
		for _, n := range r.Metrics {
			if _, ok := sim.MetricInfo(n); !ok {
				t.Errorf("metric %s of %s is not in the catalogue", n, r.Scenario.Name)
			}
		}
	}
	if info, _ := sim.KPIInfo(sim.MarketOccupancyIn("ifa", "north")); info.Aggregate != sim.RatioOfTotals || info.Unit != sim.Share {
		t.Errorf("occupancy by zone described as %+v", info)
	}
	prep, err := sim.PrepareRegion(reg, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(prep.Total.Reps) != 0 || !slices.Equal(prep.Total.KPIs, one.Total.KPIs) || !slices.Equal(prep.Councils[1].Metrics, one.Councils[1].Metrics) {
		t.Error("PrepareRegion's names differ from a run's")
	}
}

// TestValidateRegion checks that a region's problems are reported by field, all at once.
func TestValidateRegion(t *testing.T) {
	reg := testRegion(t, 2, 2, 1)
	reg.Zones[1].Miles = reg.Zones[1].Miles[:2]
	reg.Councils[1].Zone = 7
	reg.Councils[1].Name = reg.Councils[0].Name
	reg.Markets[0].Pricing.Threshold = 1
	reg.Markets = append(reg.Markets, model.SharedMarket{Kind: "inhouse_foster"})
	reg.Interventions[0].Provider.Name = "nobody"
	reg.Councils[0].Scenario.Entries.PerYear = -1
	ps := sim.ValidateRegion(reg)
	var fields []string
	for _, p := range ps {
		fields = append(fields, p.Field)
	}
	for _, want := range []string{
		"zones[1].miles", "councils[1].zone", "councils[1].name", "markets[0].pricing.threshold",
		"markets[2].kind", "interventions[0].provider.name", "councils[0].scenario.entries.per_year",
	} {
		if !slices.Contains(fields, want) {
			t.Errorf("no problem reported at %s; got %v", want, ps)
		}
	}
	if _, err := sim.RunRegion(reg, sim.Options{Reps: 1}); err == nil {
		t.Error("an invalid region ran")
	}
}

// BenchmarkRegion15Replication measures one 10-year replication of a region of 15 councils
// (sizes 0.5 to 1.5 times the default scenario's) sharing two markets, on one core.
func BenchmarkRegion15Replication(b *testing.B) { benchmarkRegion(b, 15) }

// BenchmarkRegion150Replication measures one 10-year replication of a region of 150 councils,
// England's number, on one core.
func BenchmarkRegion150Replication(b *testing.B) { benchmarkRegion(b, 150) }

// BenchmarkRegion15Unshared measures BenchmarkRegion15Replication's councils run together with
// no shared market: what running in one time order costs.
func BenchmarkRegion15Unshared(b *testing.B) { benchmarkRegion(b, -15) }

// BenchmarkRegion3Unshared measures 3 of testRegion's councils run together with no shared
// market, against BenchmarkRegion3Alone: what the one time order costs while the councils'
// data fit in the processor's caches together, as 15 councils' do not.
func BenchmarkRegion3Unshared(b *testing.B) { benchmarkRegion(b, -3) }

// benchmarkRegion measures one replication of testRegion's councils (with no shared market
// for a negative number).
func benchmarkRegion(b *testing.B, councils int) {
	reg := testRegion(b, max(councils, -councils), 10, 1)
	if councils < 0 {
		reg.Markets, reg.Interventions = nil, nil
	}
	benchmarkRegionReplications(b, reg)
}

// BenchmarkRegion15Alone measures the 15 councils of BenchmarkRegion15Replication run alone,
// one replication each with their own caps in place of the shared markets: what the region
// costs beyond its councils.
func BenchmarkRegion15Alone(b *testing.B) { benchmarkRegionAlone(b, 15) }

// BenchmarkRegion3Alone measures the councils of BenchmarkRegion3Unshared run alone.
func BenchmarkRegion3Alone(b *testing.B) { benchmarkRegionAlone(b, 3) }

// benchmarkRegionAlone measures one replication of each of testRegion's councils run alone.
func benchmarkRegionAlone(b *testing.B, councils int) {
	reg := testRegion(b, councils, 10, 1)
	var runners []*sim.Runner
	for _, c := range reg.Councils {
		rn, err := sim.NewRunner(c.Scenario, sim.Options{Seed: 1, Workers: 1, KPIsOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		runners = append(runners, rn)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, rn := range runners {
			if err := rn.Add(1); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// sameFloats reports whether a and b hold the same numbers, NaN equal to NaN.
func sameFloats(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) })
}

// TestRegionOfOneCouncilUnlimitedMarket checks that a region of one council whose agency
// foster places come from a shared market with more places than it ever uses, all of them
// local and at no premium, gives the council's scenario's own results run alone (its market
// unlimited and local), number for number, the market's own metrics and KPIs added after them.
func TestRegionOfOneCouncilUnlimitedMarket(t *testing.T) {
	s := defaultScenario(t, 3)
	s.Kinds = slices.Clone(s.Kinds)
	for k := range s.Kinds {
		if s.Kinds[k].Name == "ifa" {
			s.Kinds[k].CapacityPlaces, s.Kinds[k].LocalShare = 0, 1
		}
	}
	const seed = 4
	reg := oneCouncil(s, "solo")
	reg.Markets = []model.SharedMarket{{Kind: "ifa", Providers: []model.Provider{{Name: "all", Zone: 0, Places: 100_000}}}}
	got, err := sim.RunRegion(reg, sim.Options{Reps: 3, Seed: seed, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	want, err := sim.Run(s, sim.Options{Reps: 3, Seed: sim.CouncilSeed(seed, "solo")})
	if err != nil {
		t.Fatal(err)
	}
	c := got.Councils[0]
	nM, nK := len(want.Metrics), len(want.KPIs)
	if !slices.Equal(c.Metrics[:nM], want.Metrics) || !slices.Equal(c.KPIs[:nK], want.KPIs) {
		t.Fatal("the council's names differ from its scenario's alone")
	}
	for i, rep := range c.Reps {
		w := want.Reps[i]
		wm, err := want.MonthlyRecord(i)
		if err != nil {
			t.Fatal(err)
		}
		for p := range c.Periods {
			if !sameFloats(rep.KPIs[p*len(c.KPIs):p*len(c.KPIs)+nK], w.KPIs[p*nK:(p+1)*nK]) {
				t.Errorf("replication %d %s: KPIs differ from the scenario's alone", i, c.Periods[p])
			}
		}
		for m := range c.Months {
			if !sameFloats(rep.Monthly[m*len(c.Metrics):m*len(c.Metrics)+nM], wm[m*nM:(m+1)*nM]) {
				t.Errorf("replication %d month %d: metrics differ from the scenario's alone", i, m)
			}
		}
	}
}

// TestRegionBudgetAndStop checks that a council going over its work budget stops a region's
// run with a *BudgetError naming the council's scenario, and that Options.Stop stops it with
// ErrStopped.
func TestRegionBudgetAndStop(t *testing.T) {
	reg := testRegion(t, 2, 2, 1)
	_, err := sim.RunRegion(reg, sim.Options{Reps: 2, Seed: 1, Budget: sim.Budget{Steps: 5000}})
	var be *sim.BudgetError
	if !errors.As(err, &be) || be.What != "steps" || (be.Scenario != reg.Councils[0].Name && be.Scenario != reg.Councils[1].Name) {
		t.Errorf("a region over its steps budget returned %v, want a *BudgetError of a council's steps", err)
	}
	calls := 0
	_, err = sim.RunRegion(reg, sim.Options{Reps: 2, Seed: 1, Workers: 1, Stop: func() bool { calls++; return calls > 3 }})
	if !errors.Is(err, sim.ErrStopped) {
		t.Errorf("a stopped region returned %v, want ErrStopped", err)
	}
}

// TestRegionOwnPlacements checks that a region's own placements (model.Region.OwnPlacements)
// count in the councils' children out of area, and change nothing else: with every kinship
// placement outside the boundary, each council's children out of area grow by its children
// with kinship carers, month by month, and every other figure, theirs and the markets', is the
// same number for number (the draws come from a stream of their own).
func TestRegionOwnPlacements(t *testing.T) {
	base := testRegion(t, 3, 2, 0.85)
	own := testRegion(t, 3, 2, 0.85)
	own.OwnPlacements = []model.OwnPlacement{
		{Kind: "kinship", OutsideNearShare: 1, OutsideFarShare: 1},
		{Kind: "inhouse_foster", OutsideNearShare: 0, OutsideFarShare: 0},
	}
	if ps := own.Validate(); len(ps) > 0 {
		t.Fatal(ps)
	}
	opts := sim.Options{Reps: 3, Seed: 5, Workers: 2, Check: true}
	want, err := sim.RunRegion(base, opts)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sim.RunRegion(own, opts)
	if err != nil {
		t.Fatal(err)
	}
	for ci, g := range got.Councils {
		w := want.Councils[ci]
		pos := func(name string) int { return slices.Index(g.KPIs, name) }
		out, share, cla, kin := pos(sim.ChildrenOutOfArea), pos(sim.OutOfAreaShare), pos(sim.ChildrenInCare), pos(sim.OccupiedKPI("kinship"))
		if out < 0 || share < 0 || cla < 0 || kin < 0 || !slices.Equal(g.KPIs, w.KPIs) {
			t.Fatalf("%s: KPIs %v", g.Scenario.Name, g.KPIs)
		}
		nk := len(g.KPIs)
		for rep := range g.Reps {
			gk, wk := g.Reps[rep].KPIs, w.Reps[rep].KPIs
			for i := range gk {
				switch k := i % nk; {
				case k == out:
					if p := i / nk; !sameSum(gk[i], wk[i]+wk[p*nk+kin]) || wk[p*nk+kin] == 0 {
						t.Errorf("%s rep %d %s: %v out of area, want %v and %v with kinship carers", g.Scenario.Name, rep, g.Periods[p], gk[i], wk[i], wk[p*nk+kin])
					}
				case k == share:
					if p := i / nk; !sameSum(gk[i], gk[p*nk+out]/gk[p*nk+cla]) {
						t.Errorf("%s rep %d %s: out-of-area share %v, want %v", g.Scenario.Name, rep, g.Periods[p], gk[i], gk[p*nk+out]/gk[p*nk+cla])
					}
				case gk[i] != wk[i] && !(math.IsNaN(gk[i]) && math.IsNaN(wk[i])):
					t.Errorf("%s rep %d: %s is %v, %v without own placements", g.Scenario.Name, rep, g.KPIs[k], gk[i], wk[i])
				}
			}
		}
	}
}

// TestRegionPlacesAtStart checks that a provider's places are those of the region's start date
// whatever the warm-up: held through the warm-up, they grow or shrink by GrowthPerYear from the
// start, so the markets' places month by month (in all and by zone) are the same after a
// warm-up of 0, 1 or 3 years, and in the first month the nearest whole number to
// Places·(1+GrowthPerYear)^(the month's days in years) for each provider. Its providers' places
// only grow (a shrinking provider keeps a place in use until its child leaves, which depends on
// the children, not only on the clock).
func TestRegionPlacesAtStart(t *testing.T) {
	var want []float64 // the first run's places, month by month
	for _, w := range []int{0, 1, 3} {
		reg := testRegion(t, 3, 1, 1.2)
		reg.Interventions = nil
		reg.WarmupYears = w
		rr, err := sim.RunRegion(reg, sim.Options{Reps: 1, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		res := rr.Total
		rows := make([]float64, len(res.Months)*len(res.Metrics))
		if err := res.MonthlyRows(0, 0, len(res.Months), rows); err != nil {
			t.Fatal(err)
		}
		var got []float64
		for i := range res.Months {
			for m, name := range res.Metrics {
				if strings.HasPrefix(name, "market_places_") {
					got = append(got, rows[i*len(res.Metrics)+m])
				}
			}
		}
		if w == 0 {
			want = got
			days := float64(reg.Start.AddDate(0, 1, 0).Sub(reg.Start).Hours() / 24)
			for mi, mk := range reg.Markets {
				var first float64
				for _, p := range mk.Providers {
					first += math.Round(float64(p.Places) * math.Pow(1+p.GrowthPerYear, days/model.DaysPerYear))
				}
				m := slices.Index(res.Metrics, sim.MarketPlaces(mk.Kind))
				if got := rows[m]; got != first {
					t.Errorf("market %d (%s): %v places at the end of the first month, want %v", mi, mk.Kind, got, first)
				}
			}
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("warm-up of %d years: the markets' places month by month differ from those with no warm-up:\n got %v\nwant %v", w, got, want)
		}
	}
}

// TestRegionOrderOfCouncils checks that the order a region's file lists its councils in gives
// none of them anything: each council's results, and the total's, are the same bytes however
// the councils are listed, with shared markets short of places (where the order of offers,
// same-day searches and the starting stock's places would tell).
func TestRegionOrderOfCouncils(t *testing.T) {
	reg := testRegion(t, 4, 2, 0.7)
	run := func(reg *model.Region) map[string][]byte {
		res, err := sim.RunRegion(reg, sim.Options{Reps: 2, Seed: 9, Check: true})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]byte{}
		for _, r := range append(res.Councils, res.Total) {
			var b bytes.Buffer
			if err := r.WriteKPIs(&b); err != nil {
				t.Fatal(err)
			}
			if err := r.WriteTimeseries(&b, sim.DefaultPercentiles); err != nil {
				t.Fatal(err)
			}
			out[r.Scenario.Name] = b.Bytes()
		}
		return out
	}
	want := run(reg)
	for _, order := range [][]int{{3, 2, 1, 0}, {2, 0, 3, 1}} {
		re := *reg
		re.Councils = nil
		for _, i := range order {
			re.Councils = append(re.Councils, reg.Councils[i])
		}
		got := run(&re)
		for name, w := range want {
			if !bytes.Equal(got[name], w) {
				t.Errorf("councils listed in the order %v: %s's results differ from those listed in file order", order, name)
			}
		}
	}
}
