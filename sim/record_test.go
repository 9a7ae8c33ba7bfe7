package sim

import (
	"math"
	"testing"
)

// TestPackedRecord checks that a packed record reads back bit for bit as the record it was
// packed from, whatever rows are asked for: a metric that moves in one month only, a -0, a
// NaN and metrics that never move; and that records of the same metrics share their columns.
func TestPackedRecord(t *testing.T) {
	const months, nM = 5, 7
	recs := [][]float64{make([]float64, months*nM), make([]float64, months*nM), make([]float64, months*nM)}
	for i := range months {
		recs[0][i*nM+1] = float64(i + 1) // moves every month
		recs[1][i*nM+1] = float64(2 * i)
	}
	recs[0][3*nM+4] = 0.5                  // moves in one month only
	recs[0][2*nM+6] = math.Copysign(0, -1) // a -0 is kept as it is
	recs[1][0*nM+4] = math.NaN()
	recs[1][4*nM+4] = 3
	var pk packer
	var packed []*packedRecord
	for _, rec := range recs {
		packed = append(packed, pk.pack(rec, nM))
	}
	for r, rec := range recs {
		for from := range months {
			for to := from; to <= months; to++ {
				got := make([]float64, (to-from)*nM)
				for i := range got {
					got[i] = 99 // rows must overwrite whatever dst held
				}
				packed[r].rows(from, to, nM, got)
				for i, v := range got {
					if math.Float64bits(v) != math.Float64bits(rec[from*nM+i]) {
						t.Fatalf("record %d, rows %d-%d: value %d reads %v, was %v", r, from, to, i, v, rec[from*nM+i])
					}
				}
			}
		}
	}
	if got := len(packed[0].cols); got != 3 {
		t.Errorf("record 0 keeps %d metrics, want the 3 that moved", got)
	}
	if len(packed[2].cols) != 0 || len(packed[2].vals) != 0 {
		t.Errorf("a record where nothing moved keeps %d metrics and %d values", len(packed[2].cols), len(packed[2].vals))
	}
	a, b := pk.pack(recs[1], nM), pk.pack(recs[1], nM)
	if &a.cols[0] != &b.cols[0] {
		t.Error("two records of the same metrics, one after the other, do not share their columns")
	}
}
