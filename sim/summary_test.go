package sim

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// countedMetrics are the metrics of countedRecord, each a kind of value the counts of the
// months must hold, or leave to the records, and summarise the same as the records do.
var countedMetrics = []string{
	"still",           // +0 in every month of every replication
	"small",           // small whole numbers
	"constant",        // the same whole number throughout a replication, another in the next
	"wide",            // whole numbers spread wider than a cell's counts reach
	"pounds",          // not whole numbers
	"some_nan",        // whole numbers, NaN in some replications
	"all_nan",         // NaN in every replication in month 2, whole numbers in the others
	"minus_zero",      // whole numbers, and a -0 in one cell
	"huge",            // whole numbers beyond the counts' range
	"negative",        // negative whole numbers
	"late_fraction",   // whole numbers, but for one value in the last replication
	"sometimes_zero",  // +0 throughout some replications, whole numbers in others
	"constant_pounds", // the same fraction throughout a replication, a whole number in others
	"constant_nan",    // NaN throughout some replications, the same whole number in others
	"far_constant",    // the same whole number throughout some replications, far from others'
}

// countedRecord returns the record of replication rep, of months rows of countedMetrics.
func countedRecord(rep, months, reps int) []float64 {
	rng := rand.New(rand.NewPCG(uint64(rep), 7))
	nM := len(countedMetrics)
	rec := make([]float64, months*nM)
	for i := range months {
		row := rec[i*nM : (i+1)*nM]
		row[1] = float64(rng.IntN(12) + i)
		row[2] = float64(rep%3 + 4)
		if rep%4 == 3 {
			row[2] = float64(rng.IntN(3) + 4)
		}
		row[3] = float64(rng.IntN(3) * 5000)
		row[4] = rng.Float64() * 1000
		row[5] = float64(rng.IntN(4))
		if rep%4 == 1 {
			row[5] = math.NaN()
		}
		row[6] = float64(rng.IntN(5))
		if i == 2 {
			row[6] = math.NaN()
		}
		row[7] = float64(rng.IntN(3))
		if rep == 1 && i == 1 {
			row[7] = math.Copysign(0, -1)
		}
		row[8] = 3e9 + float64(rng.IntN(3))
		row[9] = float64(-rng.IntN(30)) // never -0
		row[10] = float64(rng.IntN(6))
		if rep == reps-1 && i == months-1 {
			row[10] = 2.5
		}
		if rep%2 == 0 {
			row[11] = float64(rng.IntN(3) + 1)
		}
		row[12] = float64(rep % 5)
		if rep%3 == 1 {
			row[12] = 12.5
		}
		row[13] = 7
		if rep%3 == 2 {
			row[13] = math.NaN()
		}
		row[14] = 3
		if rep%2 == 1 {
			row[14] = float64(20000 + rng.IntN(3))
		}
	}
	return rec
}

// TestCountedMonthsMatchRecords requires the time series' summaries from the counts of the
// months to be those worked out from the records, bit for bit, whatever the order the
// replications were counted in and whatever the values: whole numbers narrow and wide, not
// whole, NaN, -0, beyond the counts' range, or +0 throughout.
func TestCountedMonthsMatchRecords(t *testing.T) {
	const months = 4
	nM := len(countedMetrics)
	for _, reps := range []int{1, 2, 7, 100} {
		res := &Results{Metrics: countedMetrics, Months: make([]time.Time, months)}
		for r := range reps {
			res.Reps = append(res.Reps, Replication{Index: r, Monthly: countedRecord(r, months, reps)})
		}
		for _, ps := range [][]float64{DefaultPercentiles, {0, 1, 2.5, 25, 50, 75, 97.5, 99, 100}} {
			res.counts = nil
			want, err := res.summariseMonths(ps)
			if err != nil {
				t.Fatal(err)
			}
			// Counted in an order of their own, as workers finish them: the records as they
			// are, or packed as a run keeps them in memory.
			for _, packed := range []bool{false, true} {
				res.counts = newMonthCounts(months, nM)
				var pk packer
				for _, r := range rand.New(rand.NewPCG(uint64(reps), 1)).Perm(reps) {
					if packed {
						res.counts.addPacked(pk.pack(res.Reps[r].Monthly, nM))
					} else {
						res.counts.add(res.Reps[r].Monthly, nil)
					}
				}
				got, err := res.summariseMonths(ps)
				if err != nil {
					t.Fatal(err)
				}
				for j := range want {
					if g, w := fmt.Sprint(statBits(got[j])), fmt.Sprint(statBits(want[j])); g != w {
						t.Errorf("%d replications (packed %v), %s in month %d: counted %+v, from the records %+v", reps, packed, countedMetrics[j%nM], j/nM, got[j], want[j])
					}
				}
				spilled := map[string]bool{}
				for j, c := range res.counts.cells {
					if c.spilled {
						spilled[countedMetrics[j%nM]] = true
					}
				}
				for _, m := range []string{"wide", "pounds", "minus_zero", "huge", "constant_pounds"} {
					if !spilled[m] && (m != "minus_zero" || reps > 1) && (m != "wide" || reps > 1) && (m != "constant_pounds" || reps > 1) {
						t.Errorf("%d replications (packed %v): %s was counted, not read from the records", reps, packed, m)
					}
				}
				for _, m := range []string{"still", "small", "constant", "some_nan", "all_nan", "negative", "sometimes_zero", "constant_nan"} {
					if spilled[m] {
						t.Errorf("%d replications (packed %v): %s was read from the records, not counted", reps, packed, m)
					}
				}
			}
		}
	}
}

// statBits is a Stat as the bits of its numbers, so that a -0 or another NaN tells.
func statBits(s Stat) []uint64 {
	out := []uint64{math.Float64bits(s.Mean), math.Float64bits(s.SD), uint64(s.N)}
	for _, p := range s.Percentiles {
		out = append(out, math.Float64bits(p))
	}
	return out
}

// countingStore is a memStore that counts the records put into it.
type countingStore struct {
	memStore
	puts int
}

func (s *countingStore) Put(pos int, monthly []float64) error {
	s.puts++
	return s.memStore.Put(pos, monthly)
}

// TestCountMonthsAndMemoryBytes checks that counting the months as replications finish, and
// keeping some or all of the records in memory beside a store, give the same files as a run
// that does neither, on one worker or several; that a run whose packed records fit
// Options.MemoryBytes puts nothing into its store, and one whose records do not puts them;
// and that the months are counted only while the records stay in memory.
func TestCountMonthsAndMemoryBytes(t *testing.T) {
	s := richScenario()
	files := func(res *Results) [2]string {
		t.Helper()
		var a, b bytes.Buffer
		if err := res.WriteTimeseries(&a, []float64{5, 25, 50, 75, 95}); err != nil {
			t.Fatal(err)
		}
		if err := res.WriteKPIs(&b); err != nil {
			t.Fatal(err)
		}
		return [2]string{a.String(), b.String()}
	}
	const reps = 12
	plain, err := Run(s, Options{Reps: reps, Seed: 5, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := files(plain)
	var packed int64
	for _, rep := range plain.Reps {
		packed += rep.packed.bytes()
	}
	for _, c := range []struct {
		name        string
		workers     int
		count       bool
		memoryBytes int64
		puts        func(int) bool
	}{
		{"counted, one worker", 1, true, 1 << 30, func(n int) bool { return n == 0 }},
		{"counted, three workers", 3, true, 1 << 30, func(n int) bool { return n == 0 }},
		{"records in the store, not counted", 3, true, 0, func(n int) bool { return n == reps }},
		{"records in memory", 2, false, 1 << 30, func(n int) bool { return n == 0 }},
		{"counted, records in memory", 3, true, 1 << 30, func(n int) bool { return n == 0 }},
		{"records in memory until they would not fit", 2, true, packed / 2, func(n int) bool { return n > 0 && n < reps }},
	} {
		// Counts are kept while the records stay in memory.
		counts := c.count && c.puts(0)
		prep, err := Prepare(s, 5)
		if err != nil {
			t.Fatal(err)
		}
		store := &countingStore{memStore: memStore{rows: len(prep.Metrics), m: map[int][]float64{}}}
		rn, err := NewRunner(s, Options{Seed: 5, Workers: c.workers, Store: store, MemoryBytes: c.memoryBytes, CountMonths: c.count})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{5, 7} {
			if err := rn.Add(n); err != nil {
				t.Fatal(err)
			}
		}
		res := rn.Results()
		if got := files(res); got != want {
			t.Errorf("%s: the files differ from a plain run's", c.name)
		}
		if !c.puts(store.puts) {
			t.Errorf("%s: %d of %d records went into the store", c.name, store.puts, reps)
		}
		if counted := res.counted() != nil; counted != counts {
			t.Errorf("%s: months counted %v, want %v", c.name, counted, counts)
		}
	}
}

// TestSummariesMatchSummary requires summary.csv's summaries, gathered a tile of KPIs at a
// time with each KPI's total added up in the same pass, to be Summary's, bit for bit: shares'
// ratios of totals, NaNs left out and all.
func TestSummariesMatchSummary(t *testing.T) {
	res, err := Run(richScenario(), Options{Reps: 9, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	ps := []float64{5, 50, 95}
	got := res.summaries(ps)
	shares := 0
	for j, st := range got {
		p, k := j/len(res.KPIs), j%len(res.KPIs)
		if _, ok := res.RatioOf(k); ok {
			shares++
		}
		if want := res.Summary(p, k, ps); fmt.Sprint(statBits(st)) != fmt.Sprint(statBits(want)) {
			t.Errorf("%s in %s: %+v, Summary gives %+v", res.KPIs[k], res.Periods[p], st, want)
		}
	}
	if shares == 0 {
		t.Error("no share among the KPIs: the ratios of totals go untested")
	}
}
