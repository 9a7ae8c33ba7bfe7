package sim

import (
	"math"
	"testing"
)

// TestRunSpreadSymmetric checks that the "one future" range of a figure and of the same
// figure with its sign reversed are each other's negation, to the last bit: a saving and the
// cost it spares must not get two ranges. It also checks the bounds against R's type 7
// quantiles of the same 20 values (quantile(x, c(0.05, 0.95))).
func TestRunSpreadSymmetric(t *testing.T) {
	xs := make([]float64, 20)
	for i := range xs {
		// Lopsided values, as costs are: a long tail to the high side.
		xs[i] = 1000*math.Exp(0.3*float64((i*7)%20)) - 4000.25
	}
	neg := make([]float64, len(xs))
	for i, x := range xs {
		neg[i] = -x
	}
	for _, level := range []float64{0.9, 0.8, 0.5, 0.95} {
		lo, hi, pl, ph := runSpread(xs, level)
		nlo, nhi, npl, nph := runSpread(neg, level)
		if nlo != -hi || nhi != -lo {
			t.Errorf("level %v: range %v to %v, negated %v to %v: want %v to %v", level, lo, hi, nlo, nhi, -hi, -lo)
		}
		if npl != ph || nph != pl {
			t.Errorf("level %v: shares below/above %v/%v, negated %v/%v", level, pl, ph, npl, nph)
		}
	}
	// Type 7 on 0..19: the 5th percentile is at 19×0.05 = 0.95, the 95th at 18.05.
	ys := make([]float64, 20)
	for i := range ys {
		ys[i] = float64(i * i)
	}
	lo, hi, _, _ := runSpread(ys, 0.9)
	// 0.05×0 + 0.95×1 and 0.95×324 + 0.05×361 (to rounding of the position, 1e-9).
	if math.Abs(lo-0.95) > 1e-9 || math.Abs(hi-(0.95*324+0.05*361)) > 1e-9 {
		t.Errorf("range of 0², ..., 19² = %v to %v, want 0.95 to %v", lo, hi, 0.95*324+0.05*361)
	}
}
