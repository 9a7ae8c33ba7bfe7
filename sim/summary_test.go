package sim

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"gonum.org/v1/gonum/stat"
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
// whole, NaN, -0, beyond the counts' range, or +0 throughout. The counts are made as a run
// makes them, a replication at a time as they finish, or a tile of months at a time once they
// are all done (CountMonths), from records packed in memory or in a PackedStore.
func TestCountedMonthsMatchRecords(t *testing.T) {
	const months = countTile + 5 // a tile of months whole and one not
	nM := len(countedMetrics)
	for _, reps := range []int{1, 2, 7, 100} {
		res := &Results{Metrics: countedMetrics, Months: make([]time.Time, months)}
		for r := range reps {
			res.Reps = append(res.Reps, Replication{Index: r, Monthly: countedRecord(r, months, reps)})
		}
		// The same records packed in memory, and in a PackedStore, put in an order of their own.
		inMemory := &Results{Metrics: countedMetrics, Months: res.Months}
		var pk packer
		for r := range reps {
			inMemory.Reps = append(inMemory.Reps, Replication{Index: r, packed: pk.pack(res.Reps[r].Monthly, nM)})
		}
		f, err := os.Create(filepath.Join(t.TempDir(), "records.bin"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		store := NewPackedStore(f, months, nM)
		stored := &Results{Metrics: countedMetrics, Months: res.Months, Reps: make([]Replication, reps), Store: store}
		for _, r := range rand.New(rand.NewPCG(uint64(reps), 2)).Perm(reps) {
			stored.Reps[r].Index = r
			if err := store.Put(r, res.Reps[r].Monthly); err != nil {
				t.Fatal(err)
			}
		}
		for _, ps := range [][]float64{DefaultPercentiles, {0, 1, 2.5, 25, 50, 75, 97.5, 99, 100}} {
			res.counts = nil
			want, err := res.summariseMonths(ps)
			if err != nil {
				t.Fatal(err)
			}
			for _, after := range []*Results{inMemory, stored} {
				after.counts = nil
				if err := after.CountMonths(nil); err != nil {
					t.Fatal(err)
				}
				if after.counts == nil {
					t.Fatalf("%d replications (in a store %v): CountMonths counted nothing", reps, after.Store != nil)
				}
				got, err := after.summariseMonths(ps)
				if err != nil {
					t.Fatal(err)
				}
				for j := range want {
					if g, w := fmt.Sprint(statBits(got[j])), fmt.Sprint(statBits(want[j])); g != w {
						t.Errorf("%d replications counted once done (in a store %v), %s in month %d: counted %+v, from the records %+v", reps, after.Store != nil, countedMetrics[j%nM], j/nM, got[j], want[j])
					}
				}
				// Counted alike, cell for cell, as a run counts its packed records as they finish.
				ref := newMonthCounts(months, nM)
				for r := range reps {
					ref.addPacked(inMemory.Reps[r].packed)
				}
				for j, c := range after.counts.cells {
					if c.spilled != ref.cells[j].spilled {
						t.Errorf("%d replications (in a store %v), %s in month %d: spilled %v, counted a replication at a time %v", reps, after.Store != nil, countedMetrics[j%nM], j/nM, c.spilled, ref.cells[j].spilled)
					}
				}
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

// memFile is a RecordFile in memory, whose reads fail once closed is set.
type memFile struct {
	b      []byte
	closed bool
}

func (f *memFile) ReadAt(p []byte, off int64) (int, error) {
	if f.closed {
		return 0, fmt.Errorf("%d bytes read back", len(p))
	}
	return copy(p, f.b[off:]), nil
}

func (f *memFile) WriteAt(p []byte, off int64) (int, error) {
	if need := int(off) + len(p); need > len(f.b) {
		f.b = append(f.b, make([]byte, need-len(f.b))...)
	}
	return copy(f.b[off:], p), nil
}

// TestSummariseSums requires the summaries of monthly sums of metrics to be those of the sums
// worked out from each replication's record and summarised as Summarise does, bit for bit
// (the standard deviation left 0), whether they were counted (CountMonths, then with no record
// read back), or the records are read back from memory or a store.
func TestSummariseSums(t *testing.T) {
	s := richScenario()
	prep, err := Prepare(s, 3)
	if err != nil {
		t.Fatal(err)
	}
	metric := func(name string) int {
		t.Helper()
		m := slices.Index(prep.Metrics, name)
		if m < 0 {
			t.Fatalf("no metric %s", name)
		}
		return m
	}
	a, b, c := metric("children_in_care"), metric(ChildrenOf(s.Kinds[0].Name)), metric(ChildrenOf(s.Kinds[1].Name))
	sums := []MonthlySum{
		{{a, 1}},                 // a metric as it is: its own counts
		{{b, 1}, {c, 1}},         // children of two kinds
		{{a, 1}, {b, -1}},        // a difference
		{{c, -1}},                // a metric's negative
		{},                       // no terms: 0 throughout
		{{b, 1}, {c, 1}, {a, 1}}, // not counted: read back
	}
	counted := sums[:5]
	ps := []float64{5, 25, 50, 75, 95}
	const reps = 9
	plain, err := Run(s, Options{Reps: reps, Seed: 3, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	// What the sums are, from the records themselves.
	nS, nM := len(sums), len(plain.Metrics)
	want := make([]Stat, len(plain.Months)*nS)
	for i := range plain.Months {
		for j, sum := range sums {
			xs := make([]float64, reps)
			for r := range reps {
				rec, err := plain.MonthlyRecord(r)
				if err != nil {
					t.Fatal(err)
				}
				for _, term := range sum {
					xs[r] += term.Sign * rec[i*nM+term.Metric]
				}
			}
			st := Summarise(xs, ps)
			st.SD = 0
			want[i*nS+j] = st
		}
	}
	for _, c := range []struct {
		name        string
		workers     int
		count       bool // counted as the replications finish
		after       bool // counted once they are done
		memoryBytes int64
	}{
		{"in memory", 2, false, false, 1 << 30},
		{"counted as they finish, in memory", 3, true, false, 1 << 30},
		{"counted once done, in memory", 3, false, true, 1 << 30},
		{"counted as they finish and once done, in memory", 2, true, true, 1 << 30},
		{"in the store", 2, false, false, 0},
		{"counted once done, in the store", 2, true, true, 0},
	} {
		file := &memFile{}
		opt := Options{Seed: 3, Workers: c.workers, Store: NewPackedStore(file, len(prep.Months), nM), MemoryBytes: c.memoryBytes, CountMonths: c.count}
		rn, err := NewRunner(s, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{4, 5} {
			if err := rn.Add(n); err != nil {
				t.Fatal(err)
			}
		}
		res := rn.Results()
		if c.after {
			if err := res.CountMonths(counted); err != nil {
				t.Fatal(err)
			}
		}
		check := func(sums []MonthlySum) {
			t.Helper()
			got, err := res.SummariseSums(sums, ps)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			for k := range got {
				i, j := k/len(sums), k%len(sums)
				if g, w := fmt.Sprint(statBits(got[k])), fmt.Sprint(statBits(want[i*nS+j])); g != w {
					t.Errorf("%s: sum %v in month %d: %+v, want %+v", c.name, sums[j], i, got[k], want[i*nS+j])
				}
			}
		}
		check(sums)
		if c.after && c.memoryBytes == 0 {
			// Counted: summarised with no record read back.
			file.closed = true
			check(counted)
		}
	}
}

// TestSummariseAgainstSort requires Summarise to give, bit for bit, the mean and standard
// deviation gonum gives of the values but NaNs, and the percentiles interpolated over them
// sorted: values all the same (+0, -0 or another), NaNs first, last, among them or
// throughout, whole numbers and fractions, and a first value that is NaN before values all
// the same.
func TestSummariseAgainstSort(t *testing.T) {
	nan := math.NaN()
	negZero := math.Copysign(0, -1)
	rng := rand.New(rand.NewPCG(7, 8))
	cases := [][]float64{
		{}, {nan}, {nan, nan}, {0}, {0, 0, 0}, {negZero, negZero}, {0, negZero, 0},
		{3, 3, 3}, {nan, 3, 3}, {3, nan, 3}, {3, 3, nan}, {nan, 0, 0}, {0, nan, 0},
		{1, 2}, {2.5, 2.5, 7.25}, {nan, 1, 2, nan, 3},
	}
	for range 200 {
		xs := make([]float64, 1+rng.IntN(300))
		whole, nans, few := rng.IntN(2) == 0, rng.IntN(3) == 0, rng.IntN(4) == 0
		for i := range xs {
			switch {
			case nans && rng.IntN(5) == 0:
				xs[i] = nan
			case few:
				xs[i] = float64(rng.IntN(2))
			case whole:
				xs[i] = float64(rng.IntN(50))
			default:
				xs[i] = rng.NormFloat64() * 10
			}
		}
		cases = append(cases, xs)
	}
	ps := []float64{0, 5, 50, 95, 100}
	for _, xs := range cases {
		var v []float64
		for _, x := range xs {
			if !math.IsNaN(x) {
				v = append(v, x)
			}
		}
		want := Stat{N: len(v), Mean: math.NaN(), SD: math.NaN(), Percentiles: make([]float64, len(ps))}
		if len(v) == 0 {
			for i := range want.Percentiles {
				want.Percentiles[i] = math.NaN()
			}
		} else {
			want.Mean = stat.Mean(v, nil) // one value has no standard deviation: NaN
			if len(v) > 1 {
				want.SD = stat.StdDev(v, nil)
			}
			sorted := slices.Clone(v)
			slices.SortStableFunc(sorted, func(a, b float64) int {
				// Equal values, -0 and +0 among them, keep the order given, as a selection
				// that never swaps equal values leaves them: the test's values hold both signs
				// of zero only where every value is a zero.
				switch {
				case a < b:
					return -1
				case a > b:
					return 1
				}
				return 0
			})
			interpolate(want.Percentiles, ps, len(sorted), func(k int) float64 { return sorted[k] })
		}
		got := Summarise(xs, ps)
		if fmt.Sprint(statBits(got)) != fmt.Sprint(statBits(want)) {
			t.Errorf("%v: %+v, want %+v", xs, got, want)
		}
	}
}
