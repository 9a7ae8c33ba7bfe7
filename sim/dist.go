package sim

import (
	"math"

	"github.com/placesim/placesim/model"
)

// sampler is a model.Distribution prepared for drawing: parameters converted once, so a draw
// costs a few arithmetic operations and one or two uniform numbers.
type sampler struct {
	kind  model.DistKind
	mean  float64
	shape float64 // gamma shape
	scale float64 // gamma scale
	mu    float64 // lognormal log-scale location
	sigma float64 // lognormal log-scale standard deviation
	lo    []float64
	hi    []float64
	cum   []float64 // cumulative shares of the empirical bins
	rcum  []float64 // cumulative length-biased weights of the empirical bins
}

func newSampler(d model.Distribution) sampler {
	sp := sampler{kind: d.Kind, mean: d.Mean()}
	switch d.Kind {
	case model.Gamma:
		sp.shape = d.Shape
		sp.scale = d.MeanDays / d.Shape
	case model.Lognormal:
		sp.sigma = d.Sigma
		sp.mu = math.Log(d.MeanDays) - d.Sigma*d.Sigma/2
	case model.Empirical:
		var lo, c, rc float64
		for _, b := range d.Table {
			sp.lo = append(sp.lo, lo)
			sp.hi = append(sp.hi, b.UpToDays)
			c += b.Share
			rc += b.Share * (lo + b.UpToDays) / 2
			sp.cum = append(sp.cum, c)
			sp.rcum = append(sp.rcum, rc)
			lo = b.UpToDays
		}
	}
	return sp
}

// draw returns a duration in days.
func (sp *sampler) draw(s *stream) float64 {
	switch sp.kind {
	case model.Exponential:
		return sp.mean * s.exp()
	case model.Gamma:
		return sp.scale * s.gamma(sp.shape)
	case model.Lognormal:
		return math.Exp(sp.mu + sp.sigma*s.norm())
	case model.Empirical:
		i := searchCum(sp.cum, s.float64()*sp.cum[len(sp.cum)-1])
		return sp.lo[i] + s.float64()*(sp.hi[i]-sp.lo[i])
	}
	return sp.mean
}

// residual returns the remaining duration of a stay already under way in a system in steady
// state: a draw from the equilibrium distribution, density S(x)/mean. It draws the whole stay
// from the length-biased distribution (density x f(x)/mean) and keeps a uniform share of it.
func (sp *sampler) residual(s *stream) float64 {
	var whole float64
	switch sp.kind {
	case model.Exponential:
		return sp.mean * s.exp()
	case model.Gamma:
		whole = sp.scale * s.gamma(sp.shape+1)
	case model.Lognormal:
		whole = math.Exp(sp.mu + sp.sigma*sp.sigma + sp.sigma*s.norm())
	case model.Empirical:
		i := searchCum(sp.rcum, s.float64()*sp.rcum[len(sp.rcum)-1])
		lo, hi := sp.lo[i], sp.hi[i]
		whole = math.Sqrt(lo*lo + s.float64()*(hi*hi-lo*lo))
	default:
		whole = sp.mean
	}
	return s.float64() * whole
}

// searchCum returns the first index whose cumulative weight exceeds u, or the last. The
// weights are never negative, so the cumulative ones never decrease and that index is the
// number of them that do not exceed u: counted without a branch for a table of a few bins
// (where a search mispredicts its exit about once a draw), searched for in a longer one.
func searchCum(cum []float64, u float64) int {
	if len(cum) > countBins {
		for i, c := range cum {
			if u < c {
				return i
			}
		}
		return len(cum) - 1
	}
	n := 0
	for _, c := range cum {
		n += b2i(c <= u)
	}
	return min(n, len(cum)-1)
}

// countBins is the most bins searchCum counts rather than searches.
const countBins = 16
