package sim

import "testing"

// TestIntervalsWithoutRoundingResidue checks that a Wilson interval reaches 0 and 1 exactly
// (budget.csv's p_exceed_hi was 0.9999999999999999 when every replication exceeded) and that
// values differing only by rounding give a zero-width interval, exactly the mean
// (business_case.csv's net_saving of a fixed one-off cost had mean_lo -1143300.0000000005 and
// mean_hi -1143299.9999999995).
func TestIntervalsWithoutRoundingResidue(t *testing.T) {
	for _, n := range []int{1, 2, 7, 20, 1000} {
		for _, level := range []float64{0.5, 0.9, 0.95, 0.99} {
			if lo, hi := wilson(n, n, level); hi != 1 || lo < 0 || lo > 1 {
				t.Errorf("wilson(%d, %d, %v) = %v, %v: want hi exactly 1", n, n, level, lo, hi)
			}
			if lo, hi := wilson(0, n, level); lo != 0 || hi < 0 || hi > 1 {
				t.Errorf("wilson(0, %d, %v) = %v, %v: want lo exactly 0", n, level, lo, hi)
			}
		}
	}
	xs := []float64{-1143299.9999999998, -1143300, -1143299.9999999988, -1143300.0000000002, -1143299.9999999995}
	for i := 0; len(xs) < 20; i++ {
		xs = append(xs, xs[i])
	}
	mean, half, n := MeanInterval(xs, 0.9)
	if half != 0 || n != 20 {
		t.Errorf("MeanInterval of values differing by rounding = %v ± %v (%d): want a half-width of exactly 0", mean, half, n)
	}
	f := caseFigure(xs, 0.9)
	if f.Lo != f.Mean || f.Hi != f.Mean {
		t.Errorf("caseFigure: mean %v, interval %v to %v: want both exactly the mean", f.Mean, f.Lo, f.Hi)
	}
	// A real spread keeps its interval.
	if _, half, _ := MeanInterval([]float64{1, 2, 3}, 0.9); !(half > 0) {
		t.Errorf("MeanInterval of 1, 2, 3: half-width %v, want > 0", half)
	}
}
