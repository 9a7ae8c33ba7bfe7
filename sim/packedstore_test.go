package sim

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestPackedStoreReadsAnyMonths requires a PackedStore to give back every value of any rows
// of a record bit for bit: metrics that never move, hold one value, are small whole numbers,
// -0, fractions and large numbers, records put out of order and packed differently.
func TestPackedStoreReadsAnyMonths(t *testing.T) {
	const reps, months, metrics = 4, 5, 7
	f, err := os.Create(filepath.Join(t.TempDir(), "store.bin"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := NewPackedStore(f, months, metrics)
	record := func(pos int) []float64 {
		r := make([]float64, months*metrics)
		for i := range months {
			row := r[i*metrics : (i+1)*metrics]
			row[1] = 3.5                            // one value throughout
			row[2] = float64(i*pos - 2)             // small whole numbers
			row[3] = math.Copysign(0, -1)           // -0
			row[4] = float64(i) + 0.25*float64(pos) // fractions
			row[5] = float64(40000 * (i + pos))     // too large for two bytes
			if pos%2 == 1 {
				row[6] = float64(i % 2) // moves in some records only
			}
		}
		return r
	}
	for _, pos := range []int{2, 0, 3, 1} {
		if err := s.Put(pos, record(pos)); err != nil {
			t.Fatal(err)
		}
	}
	bits := func(v []float64) []uint64 {
		out := make([]uint64, len(v))
		for i, x := range v {
			out[i] = math.Float64bits(x)
		}
		return out
	}
	for pos := range reps {
		for from := range months + 1 {
			for to := from; to <= months; to++ {
				got := make([]float64, (to-from)*metrics)
				for i := range got {
					got[i] = 99 // a dirty buffer
				}
				if err := s.Get(pos, from, to, got); err != nil {
					t.Fatal(err)
				}
				if want := record(pos)[from*metrics : to*metrics]; !slices.Equal(bits(got), bits(want)) {
					t.Errorf("replication %d, months [%d, %d): %v, want %v", pos, from, to, got, want)
				}
				// Some metrics only, as the time series reads back those it did not count.
				for _, some := range [][]int32{{0, 2, 4, 6}, {1, 3, 5}, {6}, {0, 1, 2, 3, 4, 5, 6}} {
					cols := make([]float64, (to-from)*len(some))
					if _, err := s.getCols(pos, from, to, some, cols, nil); err != nil {
						t.Fatal(err)
					}
					var want []float64
					for i := from; i < to; i++ {
						for _, m := range some {
							want = append(want, record(pos)[i*metrics+int(m)])
						}
					}
					if !slices.Equal(bits(cols), bits(want)) {
						t.Errorf("replication %d, months [%d, %d), metrics %v: %v, want %v", pos, from, to, some, cols, want)
					}
				}
			}
		}
	}
	if err := s.Get(reps, 0, 1, make([]float64, metrics)); err == nil {
		t.Error("Get of a record never put gave no error")
	}
	if err := s.Put(0, make([]float64, 3)); err == nil {
		t.Error("Put of a record of the wrong size gave no error")
	}
}

// TestRunnerWithPackedStore requires a run that keeps its records in a PackedStore, all of
// them or those past its memory budget, to read back the records of a run that keeps them in
// memory.
func TestRunnerWithPackedStore(t *testing.T) {
	s := richScenario()
	mem, err := Run(s, Options{Reps: 6, Seed: 7, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, budget := range []int64{0, 1 << 12} {
		f, err := os.Create(filepath.Join(t.TempDir(), "store.bin"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		res, err := Run(s, Options{Reps: 6, Seed: 7, Workers: 2, Store: NewPackedStore(f, len(mem.Months), len(mem.Metrics)), MemoryBytes: budget})
		if err != nil {
			t.Fatal(err)
		}
		for pos := range mem.Reps {
			want, err := mem.MonthlyRecord(pos)
			if err != nil {
				t.Fatal(err)
			}
			got, err := res.MonthlyRecord(pos)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) || !slices.Equal(res.Reps[pos].KPIs, mem.Reps[pos].KPIs) {
				t.Errorf("budget %d: replication %d reads back otherwise than kept in memory", budget, pos)
			}
		}
	}
}
