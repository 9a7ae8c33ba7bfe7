package model

import (
	"math"
	"strings"
	"testing"
)

// meanCutAt against the integral of each family's survival function, by the midpoint rule
// (20,000 steps: on a smooth survival function the rule's error is far below the 1e-5 relative
// tolerance; on a step, such as the fixed stay's, it is at most one step, cut/20,000).
func TestMeanCutAt(t *testing.T) {
	surv := map[DistKind]func(d Distribution, x float64) float64{
		Exponential: func(d Distribution, x float64) float64 { return math.Exp(-x / d.MeanDays) },
		Gamma: func(d Distribution, x float64) float64 {
			return 1 - lowerGamma(d.Shape, x*d.Shape/d.MeanDays)
		},
		Lognormal: func(d Distribution, x float64) float64 {
			mu := math.Log(d.MeanDays) - d.Sigma*d.Sigma/2
			return 0.5 * math.Erfc((math.Log(x)-mu)/d.Sigma/math.Sqrt2)
		},
		Fixed: func(d Distribution, x float64) float64 {
			if x < d.MeanDays {
				return 1
			}
			return 0
		},
		Empirical: func(d Distribution, x float64) float64 {
			var lo, s float64
			for _, b := range d.Table {
				switch {
				case x >= b.UpToDays:
				case x <= lo:
					s += b.Share
				default:
					s += b.Share * (b.UpToDays - x) / (b.UpToDays - lo)
				}
				lo = b.UpToDays
			}
			return s
		},
	}
	for _, d := range []Distribution{
		{Kind: Exponential, MeanDays: 400},
		{Kind: Gamma, MeanDays: 400, Shape: 0.6},
		{Kind: Gamma, MeanDays: 900, Shape: 3},
		{Kind: Lognormal, MeanDays: 700, Sigma: 1.1},
		{Kind: Fixed, MeanDays: 500},
		{Kind: Empirical, Table: []Bin{{UpToDays: 100, Share: 0.3}, {UpToDays: 1000, Share: 0.5}, {UpToDays: 3000, Share: 0.2}}},
	} {
		for _, cut := range []float64{50, 365.25, 2000, 6000} {
			const n = 20_000
			var want float64
			for i := range n {
				want += surv[d.Kind](d, (float64(i)+0.5)*cut/n) * cut / n
			}
			if got := d.meanCutAt(cut); math.Abs(got-want) > max(1e-5*want, cut/n) {
				t.Errorf("%v cut at %v: %v, want %v", d, cut, got, want)
			}
		}
	}
}

// SteadyInCare is Little's law: 40 babies a year staying 146 days on average (exponential,
// which the 18th birthday hardly cuts) keep 40 × 146 / 365.25 = 15.99 in care, the load of
// the Erlang check; a warm-up of t days fills 1 - exp(-t/146) of it.
func TestSteadyInCare(t *testing.T) {
	s := &Scenario{
		Entries: Entries{PerYear: 40, Ages: []AgeShare{{Ages: AgeRange{0, 0}, Share: 1, NeedShares: [NumNeeds]float64{1}}}},
		Stays:   []StayRule{{Who: Selector{Ages: AllAges}, Stay: Distribution{Kind: Exponential, MeanDays: 146}}},
	}
	if got, want := s.SteadyInCare(), 40*146/DaysPerYear; math.Abs(got-want) > 1e-9 {
		t.Errorf("SteadyInCare %v, want %v", got, want)
	}
	if got, want := s.FilledShare(0.5), -math.Expm1(-0.5*DaysPerYear/146); math.Abs(got-want) > 1e-9 {
		t.Errorf("FilledShare(0.5) %v, want %v", got, want)
	}
}

// A stock far below what the flows keep says its share of it, not a ratio that rounds to
// "0 times"; one far above says how many times it.
func TestStockWarningWords(t *testing.T) {
	for _, tc := range []struct {
		count int
		want  string
	}{
		{2, "the scenario starts with 2 children in care, 13% of the 16 its entries"},
		{40, "the scenario starts with 40 children in care, 2.5 times the 16 its entries"},
	} {
		s := &Scenario{
			Entries: Entries{PerYear: 40, Ages: []AgeShare{{Ages: AgeRange{0, 0}, Share: 1, NeedShares: [NumNeeds]float64{1}}}},
			Stays:   []StayRule{{Who: Selector{Ages: AllAges}, Stay: Distribution{Kind: Exponential, MeanDays: 146}}},
			Stock:   []StockGroup{{Ages: AgeRange{0, 0}, Count: tc.count}},
		}
		p, ok := s.StockWarning()
		if !ok || !strings.HasPrefix(p.Message, tc.want) {
			t.Errorf("stock of %d: %q (%v), want it to begin %q", tc.count, p.Message, ok, tc.want)
		}
	}
}
