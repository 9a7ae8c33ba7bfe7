package sim

import (
	"math"
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
