package sim

import (
	"math"
	"slices"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
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

// TestPackedRecordAfterAnother checks that a record packs as it does on its own after a record
// whose metrics are kept otherwise, whichever way it differs: its columns, every value bit for
// bit, and the bits of each metric's values or-ed together.
func TestPackedRecordAfterAnother(t *testing.T) {
	const months, nM = 4, 8
	// Metrics 0, 6 and 7 never move, 1 is the same in every month, 2 a small whole number, 3 a
	// fraction, 4 a large whole number, 5 a small whole number only in the first record.
	base := func() []float64 {
		rec := make([]float64, months*nM)
		for i := range months {
			row := rec[i*nM : (i+1)*nM]
			row[1], row[2], row[3], row[4], row[5] = 7, float64(i), 0.25*float64(i), 1e6*float64(i+1), float64(3*i)
		}
		return rec
	}
	tests := []struct {
		name   string
		change func(rec []float64)
	}{
		{"kept alike", func(rec []float64) { rec[2*nM+2] = -5 }},
		{"a still metric moves", func(rec []float64) { rec[3*nM+0] = 1 }},
		{"the last of two still metrics moves", func(rec []float64) { rec[2*nM+7] = 2 }},
		{"a still metric holds -0", func(rec []float64) { rec[1*nM+0] = math.Copysign(0, -1) }},
		{"a constant varies", func(rec []float64) { rec[2*nM+1] = 8 }},
		{"a constant is 0", func(rec []float64) {
			for i := range months {
				rec[i*nM+1] = 0
			}
		}},
		{"a whole number stays put", func(rec []float64) {
			for i := range months {
				rec[i*nM+2] = 4
			}
		}},
		{"a whole number grows large", func(rec []float64) { rec[3*nM+2] = 40000 }},
		{"a whole number turns -0", func(rec []float64) { rec[0*nM+2] = math.Copysign(0, -1) }},
		{"a fraction turns whole", func(rec []float64) {
			for i := range months {
				rec[i*nM+3] = float64(i)
			}
		}},
		{"a fraction stays put", func(rec []float64) {
			for i := range months {
				rec[i*nM+3] = 0.5
			}
		}},
		{"a whole number turns a fraction", func(rec []float64) { rec[1*nM+5] = 0.5 }},
		{"a whole number turns NaN", func(rec []float64) { rec[1*nM+5] = math.NaN() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var warm, fresh packer
			warm.pack(base(), nM)
			rec := base()
			tt.change(rec)
			got, want := warm.pack(rec, nM), fresh.pack(rec, nM)
			if !got.cols.equal(want.cols) {
				t.Errorf("after another record, columns %+v; on its own %+v", *got.cols, *want.cols)
			}
			for m := range nM {
				if warm.moved[m] != fresh.moved[m] {
					t.Errorf("metric %d's bits or-ed together are %#x after another record, %#x on its own", m, warm.moved[m], fresh.moved[m])
				}
			}
			out := make([]float64, months*nM)
			got.rows(0, months, nM, out)
			for i, v := range out {
				if math.Float64bits(v) != math.Float64bits(rec[i]) {
					t.Fatalf("value %d reads %v, was %v", i, v, rec[i])
				}
			}
		})
	}
}

// TestKPIsOfPackedRecord checks that the KPIs a run works out from its packed records, which
// add the whole run's whole numbers up from its years, are those of the record itself, bit
// for bit, in every period: for the queueing check, the scenario that uses every feature
// (costs, fractions, every kind of supply) and the default county.
func TestKPIsOfPackedRecord(t *testing.T) {
	def, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	def.Years = 5
	for _, tc := range []struct {
		name string
		s    *model.Scenario
	}{
		{"erlang", erlangScenario(20, 40, model.Distribution{Kind: model.Exponential, MeanDays: 146}, 10, 2)},
		{"rich", richScenario()},
		{"default", def},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const reps, seed = 4, 7
			res, err := Run(tc.s, Options{Reps: reps, Seed: seed, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			c, err := compile(tc.s)
			if err != nil {
				t.Fatal(err)
			}
			r := newRun(c)
			for i, rep := range res.Reps {
				want, err := r.replicate(seed, i)
				if err != nil {
					t.Fatal(err)
				}
				if rep.packed == nil {
					t.Fatalf("replication %d: the run kept no packed record", i)
				}
				for j, v := range rep.KPIs {
					if w := want.KPIs[j]; math.Float64bits(v) != math.Float64bits(w) {
						p, k := j/len(res.KPIs), j%len(res.KPIs)
						t.Errorf("replication %d: %s in %s is %v from the packed record, %v from the record", i, res.KPIs[k], res.Periods[p], v, w)
					}
				}
			}
		})
	}
}
