package sim

import (
	"math"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestPlacementStability checks three_plus_moves_share against the Department for
// Education's measure: of the children in care at 31 March, the share who had three or more
// placements in the year, the one they were in when it began or entered care into counting as
// the first. Children enter at 1,000 a year and stay an exponential year (μ = 1), in one kind
// whose placements break down b = 2 times a year, each time starting a new placement. A child
// in care at the year's end has been in care for an exponential time A (the memoryless
// stay's age), so they had 1 + Poisson(b·min(A, 1)) placements in the year, three or more
// with probability E[1 - e^(-x)(1 + x)], x = b·min(A, 1).
func TestPlacementStability(t *testing.T) {
	const b = 2.0
	s := sharesScenario(b)
	s.Ladders[0].Try, s.Ladders[0].Shares = s.Ladders[0].Try[:1], []float64{1}
	res, err := Run(s, Options{Reps: 8, Seed: 11, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	// P(three or more) = ∫0^1 e^-a g(ba) da + e^-1 g(b), g(x) = 1 - e^-x (1 + x); with
	// c = 1 + b, ∫0^1 e^-a e^-ba (1 + ba) da = (1 - e^-c)/c + b(1 - e^-c (1 + c))/c².
	c := 1 + b
	want := (1 - math.Exp(-1)) - (1-math.Exp(-c))/c - b*(1-math.Exp(-c)*(1+c))/(c*c) +
		math.Exp(-1)*(1-math.Exp(-b)*(1+b))
	k := map[string]int{}
	for i, name := range res.KPIs {
		k[name] = i
	}
	cla := -1
	for i, m := range res.Metrics {
		if m == "children_in_care" {
			cla = i
		}
	}
	nm := len(res.Metrics)
	var three, kids float64
	for p := range len(res.Periods) - 1 {
		num, den := res.KPI(p, k["children_three_plus_placements"]), res.KPI(p, k["children_in_care_year_end"])
		for pos := range res.Reps {
			rec := record(t, res, pos)
			last := 12*p + 11 // the year's last month: April 2026 is the first reported
			if end := rec[last*nm+cla]; den[pos] != end {
				t.Errorf("%s, replication %d: %v children in care at the year's end, want %v, as in March's children_in_care", res.Periods[p], pos, den[pos], end)
			}
			three += num[pos]
			kids += den[pos]
		}
	}
	// About 1,000 children at each of 16 year ends, the same children partly: a share near
	// 0.4 has a standard error near 0.004 from 16,000 independent children, 0.006 allowing
	// for a year's children being half the next's; 0.025 is four of them.
	got := three / kids
	t.Logf("share %.4f, want %.4f", got, want)
	if math.Abs(got-want) > 0.025 {
		t.Errorf("children in care at 31 March with 3 or more placements in the year: %.3f of them, want %.3f", got, want)
	}
}

// TestLongTermStability checks the long-term stability measure on children placed by hand, at
// the end of a financial year 3 years after the first of them entered care: a child in care 3
// years in one placement counts and is stable; one in care 3 years who moved a year ago counts
// and is not stable; one in care 2 years, and one in care 3 years who is 16 at the year's end,
// are left out.
func TestLongTermStability(t *testing.T) {
	c, err := compile(sharesScenario(0))
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(c)
	r.reset(1, 0)
	const year = model.DaysPerYear
	enter := func(ageYears float64) int32 {
		id := r.newChild(streamAt(streamPrefix(1, 0, streamStockChild), uint64(r.made)), ageYears, model.NeedStandard, false)
		r.assign(id, 0, -1, true, 0)
		return id
	}
	r.now = 0
	stable := enter(5)
	moved := enter(6)
	sixteen := enter(13) // 16 when the year ends
	r.now = year
	recent := enter(7) // in care 2 years when the year ends
	r.now = 2 * year
	r.unassign(moved)
	r.assign(moved, 1, -1, true, 1)
	r.now = 3 * year
	for _, tc := range []struct {
		name             string
		id               int32
		eligible, stable bool
	}{
		{"in care 3 years in one placement", stable, true, true},
		{"in care 3 years, moved a year ago", moved, true, false},
		{"16 at the year's end", sixteen, false, false},
		{"in care 2 years", recent, false, false},
	} {
		if e, s := r.longTermStable(tc.id); e != tc.eligible || s != tc.stable {
			t.Errorf("%s: counted %v, stable %v; want %v, %v", tc.name, e, s, tc.eligible, tc.stable)
		}
	}
	r.countYearEnd(0)
	if r.fyLTElig[0] != 2 || r.fyLTStable[0] != 1 || r.fyKids[0] != 4 {
		t.Errorf("at the year's end %v children in care, %v of them counted, %v stable; want 4, 2, 1", r.fyKids[0], r.fyLTElig[0], r.fyLTStable[0])
	}
}

// TestLongTermStabilityBounds checks, over seeds, that in every replication and year the
// children in the same placement for 2 years are no more than the children counted (under 16,
// in care for 2.5 years), and those no more than the children in care at the year's end; and
// that the default county, whose children come with a history, has children counted in its
// first year.
func TestLongTermStabilityBounds(t *testing.T) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Years = 3
	for seed := uint64(1); seed <= 4; seed++ {
		res, err := Run(s, Options{Reps: 3, Seed: seed, Workers: 1, Check: true})
		if err != nil {
			t.Fatal(err)
		}
		k := map[string]int{}
		for i, name := range res.KPIs {
			k[name] = i
		}
		for p, period := range res.Periods {
			st, el, kids := res.KPI(p, k[ChildrenLongTermStable]), res.KPI(p, k[ChildrenLongTermEligible]), res.KPI(p, k[ChildrenInCareYearEnd])
			share := res.KPI(p, k[LongTermStableShare])
			for i := range st {
				if st[i] > el[i] || el[i] > kids[i] {
					t.Errorf("seed %d, %s, replication %d: %v stable, %v counted, %v in care at the year's end", seed, period, i, st[i], el[i], kids[i])
				}
				if el[i] == 0 || share[i] != st[i]/el[i] {
					t.Errorf("seed %d, %s, replication %d: share %v, %v stable of %v counted", seed, period, i, share[i], st[i], el[i])
				}
			}
		}
	}
}
