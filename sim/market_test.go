package sim

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestSpotPriceMultiplier checks the price multiplier (model.Pricing) against cases worked by
// hand.
func TestSpotPriceMultiplier(t *testing.T) {
	ms := &marketState{
		pricing: model.Pricing{Threshold: 0.8, PremiumAtFull: 0.5, UrgentPremium: 0.2, RealGrowthPerYear: 0.03},
		prov:    []provider{{target: 10}}, room: []int32{10},
		zPlaces: make([]level, 1), zUsed: make([]level, 1),
	}
	ms.places = 10
	for _, c := range []struct {
		used   int
		years  float64
		urgent bool
		want   float64
	}{
		{0, 0, false, 1},                         // empty, at the start
		{8, 0, false, 1},                         // at the threshold: no scarcity premium
		{9, 2, true, 1.5109},                     // 1.03² + 0.5·(0.9−0.8)/(1−0.8) + 0.2
		{10, 0, false, 1.5},                      // full: the whole premium
		{5, -1, false, 1},                        // in the warm-up: no real growth before the start
		{10, 10, true, 1.3439163793441222 + 0.7}, // 1.03¹⁰ + 0.5 + 0.2: compounding, not 1 + 0.3
		{2, 0.5, true, 1.0148891565092220 + 0.2}, // √1.03 + 0.2
	} {
		ms.change(0, 10, c.used, 0)
		if got := ms.multiplier(c.years, c.urgent); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%d of 10 places used, %v years, urgent %v: multiplier %v, want %v", c.used, c.years, c.urgent, got, c.want)
		}
	}
}

// twoCouncils is a region of two small councils, a in zone 0 and b in zone 1 (15 miles apart),
// whose only agency foster places are one provider's single place in zone 0; children arrive
// rarely, so that a test can place them by hand.
func twoCouncils() *model.Region {
	s := erlangScenario(1, 0.01, model.Distribution{Kind: model.Fixed, MeanDays: 200}, 2, 0)
	s.Kinds[0].Carers.Households = 0
	return &model.Region{
		Name: "two", Start: s.Start, Years: 2,
		Zones:    []model.Zone{{Name: "z0", Miles: []float64{5, 15}}, {Name: "z1", Miles: []float64{15, 5}}},
		Councils: []model.Council{{Name: "a", Zone: 0, Scenario: s}, {Name: "b", Zone: 1, Scenario: s}},
		Markets: []model.SharedMarket{{Kind: "ifa", Providers: []model.Provider{{Name: "only", Zone: 0, Places: 1}},
			Pricing: model.Pricing{Threshold: 0.5, PremiumAtFull: 1, UrgentPremium: 0.25}}},
	}
}

// TestCouncilsCompeteForOnePlace checks that a place one council takes is not there for the
// other, and that the place, once freed, goes at once to the other council's child waiting in
// an emergency placement, at the urgent price.
func TestCouncilsCompeteForOnePlace(t *testing.T) {
	p, err := planRegion(twoCouncils(), 1)
	if err != nil {
		t.Fatal(err)
	}
	rr := newRegionRun(p)
	rr.check = true
	if err := rr.start(1, 0); err != nil {
		t.Fatal(err)
	}
	a, b := rr.runs[0], rr.runs[1]
	const ifa = 1
	child := func(r *run, serial uint64) int32 {
		return r.newChild(newStream(1, 0, streamArrivals, serial), 8, model.NeedStandard, false)
	}
	ida := child(a, 1)
	a.matchOne(ida, -1, -1)
	if ch := &a.children[ida]; int(ch.kind) != ifa || ch.unit != 0 || !ch.local {
		t.Fatalf("a's child placed in kind %d unit %d (local %v), want the provider's place", ch.kind, ch.unit, ch.local)
	}
	if m := rr.cms[0].at[ida].mult; m != 1 {
		t.Errorf("a's child placed with the market empty at multiplier %v, want 1", m)
	}
	idb := child(b, 2)
	b.matchOne(idb, -1, -1)
	if ch := &b.children[idb]; int(ch.kind) != b.c.nKinds {
		t.Fatalf("b's child placed in kind %d while a holds the only place, want an emergency placement", ch.kind)
	}
	// a's child leaves their place on day 10: once that event is over, the place is offered
	// to the children waiting in every council, and b's takes it.
	rr.now, rr.cur = 10, 0
	a.now = 10
	a.unassign(ida)
	rr.cur = -1
	for ci := range rr.runs {
		rr.noteWait(ci) // as the region's loop does after each council's event
	}
	if len(rr.pending) != 1 {
		t.Fatalf("%d places pending after a's child left, want 1", len(rr.pending))
	}
	rr.offerFreed()
	ch := &b.children[idb]
	if int(ch.kind) != ifa || ch.unit != 0 || !ch.local {
		t.Fatalf("b's child in kind %d unit %d (local %v) after the place came free, want the provider's place (15 miles: local)", ch.kind, ch.unit, ch.local)
	}
	// Placed from an emergency into an empty market: 1 + the urgent premium.
	if m := rr.cms[1].at[idb].mult; m != 1.25 {
		t.Errorf("b's child placed from an emergency at multiplier %v, want 1.25", m)
	}
	if pv := &rr.mk[0].prov[0]; pv.used != 1 || rr.mk[0].used != 1 {
		t.Errorf("provider holds %d children (market %d), want 1", pv.used, rr.mk[0].used)
	}
	// a's next child finds no room, and b's child is out of area (zone 0, not 1).
	idc := child(a, 3)
	a.matchOne(idc, -1, -1)
	if int(a.children[idc].kind) != a.c.nKinds {
		t.Errorf("a's second child placed in kind %d while b holds the only place", a.children[idc].kind)
	}
	if rr.cms[1].out.v != 1 || rr.cms[1].far.v != 0 {
		t.Errorf("b's out-of-area and over-20-miles children %v and %v, want 1 and 0", rr.cms[1].out.v, rr.cms[1].far.v)
	}
	rr.verify()
}

// TestRegionTree checks the tree of councils: after every change of a council's next event,
// each node holds the winner of its two children and the root the council to fire first,
// ties going to the council first in the order of turns (a shuffle of the councils here).
func TestRegionTree(t *testing.T) {
	for _, n := range []int{1, 2, 3, 14, 16, 37} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			rr := &regionRun{}
			rng := rand.New(rand.NewPCG(1, uint64(n)))
			rr.order, rr.rank = make([]int32, n), make([]int32, n)
			for i := range rr.order {
				rr.order[i] = int32(i)
			}
			rng.Shuffle(n, func(i, j int) { rr.order[i], rr.order[j] = rr.order[j], rr.order[i] })
			for at, c := range rr.order {
				rr.rank[c] = int32(at)
			}
			rr.initTree()
			// less reports whether council a's next event comes before council b's.
			// A leaf past the last council (n) comes after every council.
			less := func(a, b int32) bool {
				if a == int32(n) || b == int32(n) {
					return b == int32(n) && a != b
				}
				return rr.keyOf(int(a)) < rr.keyOf(int(b)) || (rr.keyOf(int(a)) == rr.keyOf(int(b)) && rr.rank[a] < rr.rank[b])
			}
			verify := func() {
				t.Helper()
				m := len(rr.tree) / 2
				for k := 1; k < m; k++ {
					a, b, w := rr.tree[2*k], rr.tree[2*k+1], rr.tree[k]
					if w != a && w != b || (w.ci < int32(n) && less(a.ci, w.ci)) || (w.ci < int32(n) && less(b.ci, w.ci)) {
						t.Fatalf("node %d holds council %d (%v), not the first of %d (%v) and %d (%v)", k, w.ci, w.t(), a.ci, a.t(), b.ci, b.t())
					}
				}
				for c := range m {
					if leaf := rr.tree[m+c]; c >= n && (leaf.ci != int32(n) || !math.IsInf(leaf.t(), 1)) {
						t.Fatalf("leaf %d past the last council holds council %d at %v", c, leaf.ci, leaf.t())
					}
				}
				first := int32(0)
				for c := range int32(n) {
					if less(c, first) {
						first = c
					}
				}
				if root := rr.tree[1]; root.ci != first && !math.IsInf(root.t(), 1) || root.t() != rr.keyOf(int(first)) {
					t.Fatalf("root holds council %d (%v), want %d (%v)", root.ci, root.t(), first, rr.keyOf(int(first)))
				}
			}
			verify()
			for range 2000 {
				c := rng.IntN(n)
				switch rng.IntN(4) {
				case 0:
					rr.setKey(c, math.Inf(1))
				default:
					rr.setKey(c, float64(rng.IntN(20))) // few distinct times: many ties
				}
				verify()
			}
			// Firing the root until none is left gives every council in time order, ties by
			// the order of turns.
			last, lastC := math.Inf(-1), int32(-1)
			for root := rr.tree[1]; !math.IsInf(root.t(), 1); root = rr.tree[1] {
				c := root.ci
				if root.t() != rr.keyOf(int(c)) {
					t.Fatalf("root holds council %d at %v, its key %v", c, root.t(), rr.keyOf(int(c)))
				}
				if root.t() < last || (root.t() == last && rr.rank[c] < rr.rank[lastC]) {
					t.Fatalf("council %d at %v after council %d at %v", c, root.t(), lastC, last)
				}
				last, lastC = root.t(), c
				rr.setKey(int(c), math.Inf(1))
				verify()
			}
		})
	}
}

// TestPooledBlockAndGrowth checks, on a council whose only agency foster places are a pooled
// block, that the council pays the block's price a place a year whether or not its places are
// used, counted with its own provision, and no spot price for the children in it; that the
// region's programme costs are paid as they fall; and that a provider's places grow by
// GrowthPerYear, rounded month by month.
func TestPooledBlockAndGrowth(t *testing.T) {
	s := erlangScenario(3, 40, model.Distribution{Kind: model.Exponential, MeanDays: 300}, 2, 0)
	reg := &model.Region{
		Name: "pool", Start: s.Start, Years: 2,
		Zones:    []model.Zone{{Name: "z", Miles: []float64{5}}},
		Councils: []model.Council{{Name: "only", Zone: 0, Scenario: s}},
		Markets: []model.SharedMarket{
			{Kind: "ifa", Providers: []model.Provider{{Name: "growing", Zone: 0, Places: 0, GrowthPerYear: 0.1}},
				Pricing: model.Pricing{RealGrowthPerYear: 0.5, UrgentPremium: 1}},
		},
		Interventions: []model.RegionIntervention{
			{Name: "block", Action: model.PooledBlock, On: s.Start, Market: "ifa", Zone: 0, Places: 10, CostPerPlaceYearGBP: 52_000,
				Cost: model.ProgrammeCost{OneOffGBP: 1000, PerYearGBP: 3652.5}},
			{Name: "spot", Action: model.ProviderOpen, On: s.Start, Market: "ifa", Provider: model.Provider{Name: "growing2", Zone: 0, Places: 100, GrowthPerYear: 0.1}},
			{Name: "shut", Action: model.ProviderExit, On: s.Start, Market: "ifa", Provider: model.Provider{Name: "growing2"}},
		},
	}
	res, err := RunRegion(reg, Options{Reps: 3, Seed: 2, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Councils[0]
	kpi := func(r *Results, rep, period int, name string) float64 {
		for i, n := range r.KPIs {
			if n == name {
				return r.KPI(period, i)[rep]
			}
		}
		t.Fatalf("no KPI %s", name)
		return 0
	}
	// The run's length in years, each day a share of its own financial year: a yearly amount
	// costs exactly itself in a whole financial year.
	years := 0.0
	cal := model.NewCalendar(reg.CouncilScenario(0))
	for m := range cal.MonthStarts {
		years += (cal.MonthEnd(m) - cal.MonthStarts[m]) / cal.YearDays(m)
	}
	all := len(c.Periods) - 1
	for rep := range c.Reps {
		// The block's 10 places at £52,000 a place a year for the whole run, and no spot
		// placement: every placement of the kind is in the block (the one spot provider left
		// the day it opened).
		if got, want := kpi(c, rep, all, CostOf("ifa")), 10*52_000*years; !(math.Abs(got-want) <= 1e-6*want) {
			t.Errorf("rep %d: agency foster spending %v, want the block's %v", rep, got, want)
		}
		// The block is a block contract, paid whether used or not: in the spending split it is
		// the council's own provision, as its own block-contracted beds are, not places bought.
		if got, want := kpi(c, rep, all, CostOwnProvision), 10*52_000*years; !(math.Abs(got-want) <= 1e-6*want) {
			t.Errorf("rep %d: own provision spending %v, want the block's %v", rep, got, want)
		}
		// The floor holds a want of 0 (no emergency placement) to within a penny: the fee is
		// left out of places bought, not subtracted from them after.
		if got, want := kpi(c, rep, all, CostPlacements), kpi(c, rep, all, CostOf(EmergencyKind)); !(math.Abs(got-want) <= max(1e-6*want, 0.01)) {
			t.Errorf("rep %d: spending on places bought %v, want only the emergency placements' %v: the block's places are paid for as a block", rep, got, want)
		}
		if n := kpi(c, rep, all, SpotPlacements); n != 0 {
			t.Errorf("rep %d: %v spot placements with no spot places", rep, n)
		}
		if n := kpi(c, rep, all, MarketPlacements); n == 0 {
			t.Errorf("rep %d: no placement in the pooled block", rep)
		}
		if got, want := kpi(c, rep, all, CostProgramme), 1000+3652.5*years; math.Abs(got-want) > 1e-9*want {
			t.Errorf("rep %d: programme costs %v, want %v", rep, got, want)
		}
	}
	// Places at each month's end: the block's 10, the growing provider's round(0·1.1^y) = 0,
	// and the exited provider's 0.
	tot := res.Total
	at := -1
	for i, n := range tot.Metrics {
		if n == MarketPlaces("ifa") {
			at = i
		}
	}
	for i := range tot.Months {
		if v := tot.Reps[0].Monthly[i*len(tot.Metrics)+at]; v > 10 {
			t.Fatalf("month %d: %v places, more than the block's 10", i, v)
		}
	}

	// Growth alone: 100 places growing 10% a year hold round(100·1.1^(days/365.25)) at each
	// month's end.
	reg.Interventions = nil
	reg.Markets[0].Providers[0].Places = 100
	res, err = RunRegion(reg, Options{Reps: 1, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	tot = res.Total
	for i := range tot.Months {
		end := cal.MonthEnd(cal.FirstReported + i)
		want := math.Round(100 * math.Pow(1.1, end/model.DaysPerYear))
		if v := tot.Reps[0].Monthly[i*len(tot.Metrics)+at]; v != want {
			t.Errorf("month %d: %v places, want %v", i, v, want)
		}
	}
}

// TestRegionStores checks that keeping a region's monthly records in a store for each council
// and the total gives the same time series as keeping them in memory.
func TestRegionStores(t *testing.T) {
	reg := twoCouncils()
	reg.Councils[0].Scenario = erlangScenario(2, 30, model.Distribution{Kind: model.Exponential, MeanDays: 200}, 2, 0)
	mem, err := RunRegion(reg, Options{Reps: 3, Seed: 8, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	rn, err := NewRegionRunner(reg, Options{Seed: 8, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	var stores []MonthlyStore
	for _, r := range append(mem.Councils, mem.Total) {
		stores = append(stores, &memStore{rows: len(r.Metrics), m: map[int][]float64{}})
	}
	if err := rn.SetStores(stores[:2]); err == nil {
		t.Error("SetStores took 2 stores for 2 councils and the total")
	}
	if err := rn.SetStores(stores); err != nil {
		t.Fatal(err)
	}
	if err := rn.Add(3); err != nil {
		t.Fatal(err)
	}
	got := rn.Results()
	for i, r := range append(got.Councils, got.Total) {
		want := append(mem.Councils, mem.Total)[i]
		var a, b bytes.Buffer
		if err := r.WriteTimeseries(&a, DefaultPercentiles); err != nil {
			t.Fatal(err)
		}
		if err := want.WriteTimeseries(&b, DefaultPercentiles); err != nil {
			t.Fatal(err)
		}
		if r.Reps[0].Monthly != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: the time series from a store differ from those in memory", r.Scenario.Name)
		}
	}
	if _, err := NewRegionRunner(reg, Options{Store: stores[0]}); err == nil {
		t.Error("a region ran with Options.Store")
	}
}

// TestProviderChanges checks a provider's exit, resize and opening: a child keeps an exiting
// provider's place until they leave, when it closes; a resize opens places at once; an opened
// provider's places are searched by distance.
func TestProviderChanges(t *testing.T) {
	reg := twoCouncils()
	on := reg.Start.AddDate(0, 1, 0)
	reg.Interventions = []model.RegionIntervention{
		{Name: "exit", Action: model.ProviderExit, On: on, Market: "ifa", Provider: model.Provider{Name: "only"}},
		{Name: "open", Action: model.ProviderOpen, On: on, Market: "ifa", Provider: model.Provider{Name: "far", Zone: 1, Places: 1}},
		{Name: "near", Action: model.ProviderOpen, On: on, Market: "ifa", Provider: model.Provider{Name: "near", Zone: 0, Places: 0}},
		{Name: "grow", Action: model.ProviderResize, On: on, Market: "ifa", Provider: model.Provider{Name: "near"}, Places: 2},
	}
	p, err := planRegion(reg, 1)
	if err != nil {
		t.Fatal(err)
	}
	rr := newRegionRun(p)
	if err := rr.start(1, 0); err != nil {
		t.Fatal(err)
	}
	a := rr.runs[0]
	ms := rr.mk[0]
	ida := a.newChild(newStream(1, 0, streamArrivals, 1), 8, model.NeedStandard, false)
	a.matchOne(ida, -1, -1)
	for _, i := range p.ivs {
		rr.now = p.ivDay[0]
		rr.intervene(i)
	}
	only := &ms.prov[0]
	if only.target != 0 || only.places() != 1 || ms.places != 4 || ms.free != 3 {
		t.Fatalf("after the exit: the provider offers %d and holds %d places, the market %d (%d free), want 0, 1, 4, 3", only.target, only.places(), ms.places, ms.free)
	}
	a.now = rr.now
	a.unassign(ida)
	if only.places() != 0 || ms.places != 3 {
		t.Errorf("the exited provider holds %d places once its child left (market %d), want 0 (3)", only.places(), ms.places)
	}
	// Council a, in zone 0, takes the nearer provider's places first (5 miles), then the far one
	// (15 miles), then finds none.
	for i, want := range []string{"near", "near", "far", ""} {
		id := a.newChild(newStream(1, 0, streamArrivals, uint64(10+i)), 8, model.NeedStandard, false)
		a.matchOne(id, -1, -1)
		ch := &a.children[id]
		got := ""
		if int(ch.kind) == 1 {
			got = ms.prov[ch.unit].name
		}
		if got != want {
			t.Errorf("child %d placed with %q, want %q", i, got, want)
		}
	}
	rr.verify()
}

// TestFreedPlaceFirstComeFirstServed checks that a place freed in a shared market goes to the
// child who has waited longest for it, whichever council's and wherever the council is listed:
// of b's child and c's, both waiting when a's child leaves the only place, the one who came to
// wait first takes it.
func TestFreedPlaceFirstComeFirstServed(t *testing.T) {
	for _, tc := range []struct {
		name       string
		bDay, cDay float64 // the days b's and c's children come to wait
		want       int     // the council whose child takes the place
	}{
		{"b first", 2, 5, 1},
		{"c first", 5, 2, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg := twoCouncils()
			reg.Councils = append(reg.Councils, model.Council{Name: "c", Zone: 1, Scenario: reg.Councils[1].Scenario})
			p, err := planRegion(reg, 1)
			if err != nil {
				t.Fatal(err)
			}
			rr := newRegionRun(p)
			rr.check = true
			if err := rr.start(1, 0); err != nil {
				t.Fatal(err)
			}
			const ifa = 1
			child := func(r *run, serial uint64, day float64) int32 {
				r.now = day
				id := r.newChild(newStream(1, 0, streamArrivals, serial), 8, model.NeedStandard, false)
				r.matchOne(id, -1, -1)
				return id
			}
			a := rr.runs[0]
			ida := child(a, 1, 1)
			if ch := &a.children[ida]; int(ch.kind) != ifa {
				t.Fatalf("a's child placed in kind %d, want the provider's place", ch.kind)
			}
			ids := []int32{-1, child(rr.runs[1], 2, tc.bDay), child(rr.runs[2], 3, tc.cDay)}
			rr.now, rr.cur = 10, 0
			a.now = 10
			a.unassign(ida)
			rr.cur = -1
			for ci := range rr.runs {
				rr.noteWait(ci)
			}
			rr.offerFreed()
			for ci := 1; ci <= 2; ci++ {
				kind := int(rr.runs[ci].children[ids[ci]].kind)
				if got := kind == ifa; got != (ci == tc.want) {
					t.Errorf("council %s's child (waiting since day %v) in kind %d after the place came free", reg.Councils[ci].Name, []float64{0, tc.bDay, tc.cDay}[ci], kind)
				}
			}
			rr.verify()
		})
	}
}
