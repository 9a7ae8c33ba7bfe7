package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Stream identifiers: each process of a replication draws from its own stream, so that a
// change to one process (a policy that matches children differently, say) leaves the draws of
// the others untouched.
const (
	streamArrivals uint64 = iota + 1
	streamUASCArrivals
	streamCarers
	streamMatching
	streamChild
	streamUASCChild
	streamStockChild
	streamApplications
	streamStockLeaver
	streamStockStayingPut
)

// splitmix64 is the finaliser of the SplitMix64 generator: a bijective mix of 64 bits.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// seedFor hashes the master seed, the replication, a stream and an index within the stream
// (a child's serial number, or 0) into the two words of a PCG seed.
func seedFor(seed uint64, rep int, stream, index uint64) (uint64, uint64) {
	return seedAt(streamPrefix(seed, rep, stream), index)
}

// streamPrefix hashes the master seed, the replication and a stream: the part of seedFor
// that is the same for every index of the stream, worked out once a replication for the
// streams of which every child draws one.
func streamPrefix(seed uint64, rep int, stream uint64) uint64 {
	h := splitmix64(seed)
	h = splitmix64(h ^ uint64(rep))
	return splitmix64(h ^ stream<<48)
}

// seedAt hashes a stream's prefix (streamPrefix) and an index within the stream into the two
// words of a PCG seed, as seedFor does.
func seedAt(prefix, index uint64) (uint64, uint64) {
	h := splitmix64(prefix ^ index)
	return h, splitmix64(h ^ 0x5851f42d4c957f2d)
}

// stream is a seeded random stream: a PCG generator with the samplers placesim needs. It is a
// value type, so a child can carry its own without an allocation.
type stream struct{ pcg rand.PCG }

func newStream(seed uint64, rep int, id, index uint64) stream {
	a, b := seedFor(seed, rep, id, index)
	return stream{*rand.NewPCG(a, b)}
}

// streamAt returns the stream of index index of the stream whose prefix (streamPrefix) is
// prefix: newStream without hashing the seed, replication and stream again.
func streamAt(prefix, index uint64) stream {
	a, b := seedAt(prefix, index)
	return stream{*rand.NewPCG(a, b)}
}

// float64 returns a uniform draw in [0, 1).
func (s *stream) float64() float64 { return float64(s.pcg.Uint64()>>11) * 0x1p-53 }

// exp returns a draw from the exponential distribution with mean 1, by math/rand/v2's
// ziggurat on this stream (the Rand wrapper stays on the stack: no allocation).
func (s *stream) exp() float64 { return rand.New(&s.pcg).ExpFloat64() }

// norm returns a standard normal draw, by math/rand/v2's ziggurat on this stream.
func (s *stream) norm() float64 { return rand.New(&s.pcg).NormFloat64() }

// gamma returns a draw from the gamma distribution with the given shape (> 0) and scale 1
// (Marsaglia and Tsang 2000; shapes below 1 boosted by U^(1/shape)). It loops, never
// recurses, so no shape can exhaust the stack.
func (s *stream) gamma(shape float64) float64 {
	if !(shape > 0) || math.IsInf(shape, 1) {
		panic(fmt.Sprintf("sim: gamma shape %v", shape))
	}
	boost := 1.0
	if shape < 1 {
		u := s.float64()
		boost = math.Pow(u, 1/shape)
		shape++
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := s.norm()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := s.float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v * boost
		}
	}
}

// maxPoissonMean is the largest mean poisson takes: far beyond any count a valid scenario
// asks for (model.MaxHouseholdsPerRun), and small enough that its arithmetic stays exact in
// an int.
const maxPoissonMean = 1e12

// poisson returns a Poisson draw with the given mean (at most maxPoissonMean): by inversion
// for small means and by the gamma-based method of Ahrens and Dieter for large ones. Each
// step of the method takes 7/8 of the mean away, so the loop turns a few dozen times at most.
func (s *stream) poisson(mean float64) int {
	if !(mean <= maxPoissonMean) {
		panic(fmt.Sprintf("sim: poisson mean %v", mean))
	}
	base := 0 // events split off so far
	for mean > 30 {
		// Split off a gamma-distributed waiting time for the m-th event (Knuth, TAOCP 3.4.1).
		m := int(mean * 7 / 8)
		x := s.gamma(float64(m))
		if x >= mean {
			return base + s.binomial(m-1, mean/x)
		}
		base += m
		mean -= x
	}
	if mean <= 0 {
		return base
	}
	return base + s.poissonSmall(mean)
}

// poissonSmall returns a Poisson draw with a mean of at most 30, by inversion.
func (s *stream) poissonSmall(mean float64) int {
	k := 0
	p := math.Exp(-mean)
	u := s.float64()
	for cum := p; u > cum; cum += p {
		k++
		p *= mean / float64(k)
		if p == 0 {
			break
		}
	}
	return k
}

// binomial returns a binomial draw by counting successes (n is small where placesim uses it).
func (s *stream) binomial(n int, p float64) int {
	k := 0
	for range n {
		if s.float64() < p {
			k++
		}
	}
	return k
}

// only returns the index of the one positive weight of weights, or -1 when there are none or
// several: a pick from such weights always gives it (see pickOnly).
func only(weights []float64) int {
	i := -1
	for j, w := range weights {
		if w > 0 {
			if i >= 0 {
				return -1
			}
			i = j
		}
	}
	return i
}

// pickOnly is pick of weights whose one positive weight (only) is at index i, or pick itself
// when i < 0: the stream moves on by the one draw pick makes, and i is what it returns, without
// the sums.
func (s *stream) pickOnly(weights []float64, i int) int {
	if i < 0 {
		return s.pick(weights)
	}
	s.pcg.Uint64()
	return i
}

// pick returns index i with probability weights[i] / sum(weights); the weights need not sum to
// 1. It returns the last index with positive weight if rounding leaves the draw unplaced.
func (s *stream) pick(weights []float64) int {
	var sum float64
	for _, w := range weights {
		sum += w
	}
	return s.pickSum(weights, sum)
}

// pickSum is pick of weights whose sum, added in order, is sum: the same draw, for a caller
// that picks from the same weights many times.
//
// It passes over every weight rather than stopping at the one drawn, whose place a branch
// would mispredict about once a pick: the first positive weight that the draw, less the
// weights before it, falls below is the one drawn, and what is taken off the draw after it
// is not read.
func (s *stream) pickSum(weights []float64, sum float64) int {
	u := s.float64() * sum
	last, at, miss := 0, 0, 1 // miss is 1 until the draw falls below a weight
	for i, w := range weights {
		if w <= 0 {
			continue
		}
		last = i
		hit := miss & b2i(u < w)
		at += hit * i
		miss &^= hit
		u -= w
	}
	if miss != 0 {
		return last
	}
	return at
}
