package sim

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestAppendNumWhole checks that AppendNum writes whole numbers exactly as strconv's shortest
// decimal does, near the bound of its shortcut and at random, and fractions as before.
func TestAppendNumWhole(t *testing.T) {
	vs := []float64{1, -1, 7, 10, 1200, -45000, 1e14, 1e15 - 1, -(1e15 - 1), 1e15, 1e15 + 2, 1e16, 1 << 53, 0.5, -2.5, 16.730435819274405}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		vs = append(vs, math.Trunc(rng.Float64()*math.Pow(10, float64(rng.IntN(17)))), rng.NormFloat64()*1e6)
	}
	for _, v := range vs {
		for _, w := range []float64{v, -v} {
			if got, want := string(AppendNum(nil, w)), strconv.FormatFloat(w, 'f', -1, 64); got != want && w != 0 {
				t.Fatalf("AppendNum(%v) = %s, want %s", w, got, want)
			}
		}
	}
}
