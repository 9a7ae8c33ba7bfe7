package sim

import (
	"math"
	"testing"
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
