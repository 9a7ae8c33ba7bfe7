package sim

import (
	"math"
	"slices"
	"testing"

	"github.com/placesim/placesim/model"
	"gonum.org/v1/gonum/stat"
)

// momentsWithin checks the sample mean of n draws against want, to within 4.5 standard errors
// (the sample's own standard deviation over sqrt(n)): a false alarm about once in 150,000 runs,
// and the seeds are fixed, so the test is repeatable.
func momentsWithin(t *testing.T, what string, xs []float64, want float64) {
	t.Helper()
	m, sd := stat.MeanStdDev(xs, nil)
	if se := sd / math.Sqrt(float64(len(xs))); math.Abs(m-want) > 4.5*se {
		t.Errorf("%s: sample mean %.4f, want %.4f (standard error %.4f)", what, m, want, se)
	}
}

func draws(n int, f func(s *stream) float64) []float64 {
	s := newStream(1, 0, 99, 0)
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = f(&s)
	}
	return xs
}

func TestSamplers(t *testing.T) {
	const n = 200000
	dists := []model.Distribution{
		{Kind: model.Exponential, MeanDays: 100},
		{Kind: model.Gamma, MeanDays: 300, Shape: 0.5},
		{Kind: model.Gamma, MeanDays: 300, Shape: 3},
		{Kind: model.Lognormal, MeanDays: 800, Sigma: 1.2},
		{Kind: model.Fixed, MeanDays: 42},
		{Kind: model.Empirical, Table: []model.Bin{{UpToDays: 56, Share: 0.15}, {UpToDays: 365, Share: 0.33}, {UpToDays: 730, Share: 0.21}, {UpToDays: 1826, Share: 0.17}, {UpToDays: 4000, Share: 0.14}}},
	}
	for _, d := range dists {
		t.Run(d.Kind.String(), func(t *testing.T) {
			sp := newSampler(d)
			xs := draws(n, sp.draw)
			momentsWithin(t, "draw", xs, d.Mean())
			// The equilibrium residual of a renewal process has mean E[T^2] / (2 E[T]).
			momentsWithin(t, "residual", draws(n, sp.residual), secondMoment(d)/(2*d.Mean()))
		})
	}
	t.Run("poisson", func(t *testing.T) {
		for _, mean := range []float64{0.4, 3, 14, 45, 300} {
			momentsWithin(t, "poisson", draws(n, func(s *stream) float64 { return float64(s.poisson(mean)) }), mean)
		}
	})
	t.Run("normal", func(t *testing.T) {
		xs := draws(n, (*stream).norm)
		momentsWithin(t, "mean", xs, 0)
		sq := make([]float64, n)
		for i, x := range xs {
			sq[i] = x * x
		}
		momentsWithin(t, "variance", sq, 1)
	})
}

func TestStreamsIndependentOfOrder(t *testing.T) {
	a := newStream(7, 3, streamChild, 12)
	b := newStream(7, 3, streamChild, 12)
	c := newStream(7, 3, streamChild, 13)
	x, y, z := a.float64(), b.float64(), c.float64()
	if x != y {
		t.Errorf("same (seed, rep, stream, index) gave %v and %v", x, y)
	}
	if x == z {
		t.Errorf("neighbouring children drew the same number %v", x)
	}
}

// secondMoment returns E[T^2] of a distribution, in closed form.
func secondMoment(d model.Distribution) float64 {
	m := d.Mean()
	switch d.Kind {
	case model.Exponential:
		return 2 * m * m
	case model.Gamma:
		theta := m / d.Shape
		return d.Shape * (d.Shape + 1) * theta * theta
	case model.Lognormal:
		return m * m * math.Exp(d.Sigma*d.Sigma)
	case model.Empirical:
		var e2, lo float64
		for _, b := range d.Table {
			e2 += b.Share * (b.UpToDays*b.UpToDays + b.UpToDays*lo + lo*lo) / 3
			lo = b.UpToDays
		}
		return e2
	}
	return m * m
}

// TestPicksAsSearch checks that the picks that pass over every weight (searchCum, pickSum,
// pickShare) return what a search stopping at the first weight the draw falls below returns,
// draw for draw: weights with zeros among them, draws equal to a cumulative weight, and tables
// longer than searchCum counts.
func TestPicksAsSearch(t *testing.T) {
	searched := func(cum []float64, u float64) int {
		for i, c := range cum {
			if u < c {
				return i
			}
		}
		return len(cum) - 1
	}
	pickSearched := func(s *stream, weights []float64, sum float64) int {
		u := s.float64() * sum
		last := 0
		for i, w := range weights {
			if w <= 0 {
				continue
			}
			last = i
			if u < w {
				return i
			}
			u -= w
		}
		return last
	}
	shareSearched := func(s *stream, mix []model.AgeShare, sum float64) int {
		u := s.float64() * sum
		for i, b := range mix {
			if u < b.Share {
				return i
			}
			u -= b.Share
		}
		return len(mix) - 1
	}
	g := newStream(7, 0, 99, 0)
	for trial := range 4000 {
		n := 1 + trial%(countBins+6)
		weights := make([]float64, n)
		mix := make([]model.AgeShare, n)
		cum := make([]float64, n)
		var c float64
		for i := range weights {
			if g.float64() < 0.25 {
				weights[i] = 0
			} else {
				weights[i] = float64(1 + g.pcg.Uint64()%5) // small whole numbers: ties are exact
			}
			mix[i].Share = weights[i]
			c += weights[i]
			cum[i] = c
		}
		sum := shareSum(mix)
		for _, u := range []float64{0, cum[g.pcg.Uint64()%uint64(n)], g.float64() * c, c, c * 2} {
			if got, want := searchCum(cum, u), searched(cum, u); got != want {
				t.Fatalf("searchCum(%v, %v) = %d, want %d", cum, u, got, want)
			}
		}
		// pickSum passes over weights below 0 as over 0s.
		signed := slices.Clone(weights)
		for i := range signed {
			if signed[i] == 0 && i%2 == 1 {
				signed[i] = -float64(i)
			}
		}
		for range 20 {
			a, b := g, g
			if got, want := a.pickSum(weights, sum), pickSearched(&b, weights, sum); got != want || a != b {
				t.Fatalf("pickSum(%v) = %d, want %d", weights, got, want)
			}
			a, b = g, g
			if got, want := a.pickSum(signed, sum), pickSearched(&b, signed, sum); got != want || a != b {
				t.Fatalf("pickSum(%v) = %d, want %d", signed, got, want)
			}
			a, b = g, g
			if got, want := pickShare(&a, mix, sum), shareSearched(&b, mix, sum); got != want || a != b {
				t.Fatalf("pickShare(%v) = %d, want %d", weights, got, want)
			}
			g.pcg.Uint64()
		}
	}
}
