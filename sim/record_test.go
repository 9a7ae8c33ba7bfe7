package sim

import (
	"math"
	"slices"
	"testing"
)

// TestPackedRecord checks that a packed record reads back bit for bit as the record it was
// packed from, whatever rows are asked for: a metric that moves in one month only, one that
// holds the same value throughout, whole numbers small and large, a -0, a NaN and metrics
// that never move; and that records packed alike share their columns.
func TestPackedRecord(t *testing.T) {
	const months, nM = 5, 7
	recs := [][]float64{make([]float64, months*nM), make([]float64, months*nM), make([]float64, months*nM)}
	for i := range months {
		recs[0][i*nM+1] = float64(i + 1)     // moves every month
		recs[0][i*nM+2] = 20                 // the same in every month
		recs[0][i*nM+3] = float64(20000 * i) // whole, but too large for an int16 from month 2
		recs[0][i*nM+5] = float64(-i)        // whole and negative
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
	c := packed[0].cols
	if !slices.Equal(c.consts, []int32{2}) || !slices.Equal(c.ints, []int32{1, 5}) || !slices.Equal(c.full, []int32{3, 4, 6}) {
		t.Errorf("record 0 keeps metrics %v as they are, %v as whole numbers and %v as one value; want 3, 4 and 6, 1 and 5, 2", c.full, c.ints, c.consts)
	}
	if c := packed[2].cols; len(c.consts)+len(c.ints)+len(c.full) != 0 || len(packed[2].vals)+len(packed[2].ints) != 0 {
		t.Errorf("a record where nothing moved keeps %d values", len(packed[2].vals)+len(packed[2].ints))
	}
	a, b := pk.pack(recs[1], nM), pk.pack(recs[1], nM)
	if a.cols != b.cols {
		t.Error("two records of the same metrics, one after the other, do not share their columns")
	}
}
