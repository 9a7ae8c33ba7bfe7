package ssda903

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/placesim/placesim/sim"
)

// TestShareSE checks the coverage study's standard error of a cell's share against theory:
// returns whose months are independent draws give the binomial's, sqrt(p(1-p)/months), and
// returns whose months are all inside or all outside together that of the returns alone,
// sqrt(p(1-p)/returns). Over 400 returns of 12 months, the estimate's own relative error is
// about 1/sqrt(2·399), 3.5%: the tolerance is 12%, over three of those.
func TestShareSE(t *testing.T) {
	const returns, months, p = 400, 12, 0.9
	rng := rand.New(rand.NewPCG(13, 0))
	for _, tc := range []struct {
		name     string
		together bool
		want     float64
	}{
		{"independent months", false, math.Sqrt(p * (1 - p) / (returns * months))},
		{"months all alike", true, math.Sqrt(p * (1 - p) / returns)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c tally
			for range returns {
				in := 0
				if tc.together {
					if rng.Float64() < p {
						in = months
					}
				} else {
					for range months {
						if rng.Float64() < p {
							in++
						}
					}
				}
				c.add(SummaryRow{Months: months, Coverage90: float64(in) / months, Coverage50: 0.5})
			}
			if got := c.shareSE(1); math.Abs(got/tc.want-1) > 0.12 {
				t.Errorf("standard error %.4f, want %.4f within 12%%", got, tc.want)
			}
		})
	}
}

// TestShareInterval checks the cells' 95% interval and its verdict: for a share with a known
// effective number of months it is Wilson's (for 90% of 100 independent months, 82.6-94.5%); a
// cell all of whose months are inside gets the returns' interval, Wilson's for 40 of 40 (lower
// bound 40/(40+1.96²), 91.2%), not one of no width; and the verdict places each against the bar.
func TestShareInterval(t *testing.T) {
	for _, tc := range []struct {
		name            string
		p, se           float64
		returns, months int
		lo, hi          float64
		verdict         string
		barLo, barHi    float64
	}{
		{"90% of 100 independent months", 0.9, 0.03, 10, 100, 0.8256, 0.9448, "undecided", 0.85, 0.95},
		{"all 480 months of 40 returns inside", 1, 0, 40, 480, 0.9124, 1, "undecided", 0.85, 0.95},
		{"90% measured to 1 point", 0.9, 0.01, 100, 1200, 0.8787, 0.9179, "inside", 0.85, 0.95},
		{"78% measured to 2 points", 0.78, 0.02, 100, 1200, 0.7384, 0.8166, "misses", 0.85, 0.95},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi := shareInterval(tc.p, tc.se, tc.returns, tc.months)
			// The bounds are Wilson's formula's, to four decimals.
			if math.Abs(lo-tc.lo) > 5e-4 || math.Abs(hi-tc.hi) > 5e-4 {
				t.Errorf("interval %.4f-%.4f, want %.4f-%.4f", lo, hi, tc.lo, tc.hi)
			}
			if v := verdict(lo, hi, tc.barLo, tc.barHi); v != tc.verdict {
				t.Errorf("verdict %s, want %s", v, tc.verdict)
			}
		})
	}
}

// TestBar50 checks the premise of the 50% band's bar (tally.bar50): a band of whole counts, as
// In50 counts a month inside it, holds 50-55% of new draws of a count of tens of children and
// far more of one of a child or two (a Poisson count of mean 1.6: about 66%, the band from its
// 25th to its 75th percentile of 80 replications taking in the counts 1 and 2 whole), so that
// the bar's top widens for the second and stays 40-60% for the first. The tolerances are four times
// the standard error of 2000 draws, about a point.
func TestBar50(t *testing.T) {
	rng := rand.New(rand.NewPCG(50, 903))
	poisson := func(mean float64) float64 { // by inversion
		n, p := 0, math.Exp(-mean)
		cum, u := p, rng.Float64()
		for u > cum && n < 1000 {
			n++
			p *= mean / float64(n)
			cum += p
		}
		return float64(n)
	}
	for _, tc := range []struct {
		mean   float64
		lo, hi float64
	}{{30, 0.48, 0.58}, {1.6, 0.62, 0.80}} {
		const draws = 2000
		var in int
		vals := make([]float64, 80)
		for range draws {
			for i := range vals {
				vals[i] = poisson(tc.mean)
			}
			p := sim.Summarise(vals, []float64{25, 75}).Percentiles
			if (ComparisonRow{Actual: int(poisson(tc.mean)), Band: Band{P25: p[0], P75: p[1]}}).In50() {
				in++
			}
		}
		own := float64(in) / draws
		t.Logf("a Poisson count of mean %.1f: its 50%% band of whole counts holds %.1f%% of new draws", tc.mean, 100*own)
		if own < tc.lo || own > tc.hi {
			t.Errorf("a Poisson count of mean %.1f: its 50%% band holds %.1f%% of new draws, want %.0f-%.0f%%", tc.mean, 100*own, 100*tc.lo, 100*tc.hi)
		}
		lo, hi := tally{months: 1, own50: own}.bar50()
		wantLo, wantHi := 0.40, max(0.60, own+0.10)
		if math.Abs(lo-wantLo) > 1e-12 || math.Abs(hi-wantHi) > 1e-12 || tc.mean < 2 && hi < 0.70 {
			t.Errorf("own share %.3f: bar %.3f-%.3f, want %.3f-%.3f", own, lo, hi, wantLo, wantHi)
		}
	}
}

// TestVarianceParts checks the split of a band's variance between the resamples' scenarios and
// within them (varianceParts) on replications of known components: 400 scenarios of 2
// replications (as the coverage study's 40 resamples and 80 replications share them) and of 3 or
// 1 alternately, each scenario's true mean drawn with a variance of 4 and its replications with
// 16 about it. The between component must come out near 4 (the estimate's standard error is
// about 0.8 at 400 scenarios; the tolerance is 2.5) and the within near 16 (about 0.9; 3): the
// variance of the scenarios' sample means alone, which counts half the within as between at two
// replications a scenario, comes out near 12. With one scenario all of it is within, and with a
// replication a scenario all of it between.
func TestVarianceParts(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 0))
	for _, tc := range []struct {
		name string
		reps func(i int) int
	}{
		{"two a scenario", func(int) int { return 2 }},
		{"three or one", func(i int) int { return 1 + 2*(i%2) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const k = 400
			var vals []float64
			var from []int
			sums, ns := make([]float64, k), make([]float64, k)
			for i := range k {
				mu := 2 * rng.NormFloat64()
				for range tc.reps(i) {
					v := mu + 4*rng.NormFloat64()
					vals = append(vals, v)
					from = append(from, i)
					sums[i] += v
					ns[i]++
				}
			}
			p := varianceParts(vals, from, sums, ns)
			if math.Abs(p[0]-4) > 2.5 || math.Abs(p[1]-16) > 3 {
				t.Errorf("between %.2f and within %.2f, want about 4 and 16", p[0], p[1])
			}
			if math.Abs(p[2]-20) > 4 {
				t.Errorf("the pooled variance %.2f, want about 20", p[2])
			}
		})
	}
	vals, from := []float64{1, 3, 5, 7}, []int{0, 0, 0, 0}
	if p := varianceParts(vals, from, []float64{16}, []float64{4}); p[0] != 0 || p[1] != 5 || p[2] != 5 {
		t.Errorf("one scenario: %v, want all of the variance, 5, within", p)
	}
	if p := varianceParts(vals, []int{0, 1, 2, 3}, vals, []float64{1, 1, 1, 1}); p[0] != 5 || p[1] != 0 || p[2] != 5 {
		t.Errorf("a replication a scenario: %v, want all of the variance, 5, between", p)
	}
}
