package sim

import (
	"bytes"
	"io"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// TestInvariants runs a scenario that uses every feature over many seeds with the engine's
// checks on: conservation of children and every place within its capacity at every month's
// end (a broken invariant panics), and the clock never going back (also a panic). It then
// checks the accounting identities of every replication's KPIs.
func TestInvariants(t *testing.T) {
	reps := 200
	if testing.Short() {
		reps = 20
	}
	s := richScenario()
	res, err := Run(s, Options{Reps: reps, Seed: 3, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for i, n := range res.KPIs {
		idx[n] = i
	}
	get := func(rep *Replication, p int, name string) float64 {
		i, ok := idx[name]
		if !ok {
			t.Fatalf("no KPI %s", name)
		}
		return rep.KPIs[p*len(res.KPIs)+i]
	}
	seen := map[string]float64{}
	for _, rep := range res.Reps {
		for p := range res.Periods {
			var routes float64
			for _, r := range []string{"return_home", "adoption", "sgo", "cao", "other", "age_18", "staying_put"} {
				routes += get(&rep, p, "exits_"+r)
			}
			if exits := get(&rep, p, "exits"); routes != exits {
				t.Fatalf("rep %d %s: exits by route add to %v, exits %v", rep.Index, res.Periods[p], routes, exits)
			}
			var parts float64
			for _, k := range append(kindNames(s), "staying_put", "care_leavers", "carer_support", "recruitment") {
				parts += get(&rep, p, "cost_"+k)
			}
			if total := get(&rep, p, "cost_total"); math.Abs(parts-total) > 1e-6*total {
				t.Fatalf("rep %d %s: costs add to %v, cost_total %v", rep.Index, res.Periods[p], parts, total)
			}
			var occ float64
			for _, k := range kindNames(s) {
				occ += get(&rep, p, "occupied_"+k)
			}
			if cla := get(&rep, p, "children_in_care"); math.Abs(occ-cla) > 1e-9*cla {
				t.Fatalf("rep %d %s: occupied places add to %v, children in care %v", rep.Index, res.Periods[p], occ, cla)
			}
			if sh := get(&rep, p, "first_choice_share"); sh < 0 || sh > 1 {
				t.Fatalf("first_choice_share %v outside [0, 1]", sh)
			}
			for _, name := range []string{"stepdowns", "sibling_splits", "uasc_transferred", "emergency_placements", "care_leavers_unmet", "deregistrations", "approvals", "breakdowns", "staying_put"} {
				seen[name] += get(&rep, p, name)
			}
		}
	}
	// Every mechanism must have fired somewhere in the batch, or this test checks nothing of it.
	for name, total := range seen {
		if total == 0 {
			t.Errorf("%s never happened over %d replications: the scenario does not exercise it", name, reps)
		}
	}
}

// TestSameSeedSameBytes runs the same replications with one worker and with four, and in two
// shards, and requires byte-identical output files.
func TestSameSeedSameBytes(t *testing.T) {
	s := richScenario()
	out := func(opt Options) [3][]byte {
		t.Helper()
		res, err := Run(s, opt)
		if err != nil {
			t.Fatal(err)
		}
		var a, b, c bytes.Buffer
		if err := res.WriteSummary(&a, DefaultPercentiles); err != nil {
			t.Fatal(err)
		}
		if err := res.WriteKPIs(&b); err != nil {
			t.Fatal(err)
		}
		if err := res.WriteTimeseries(&c, DefaultPercentiles); err != nil {
			t.Fatal(err)
		}
		return [3][]byte{a.Bytes(), b.Bytes(), c.Bytes()}
	}
	one := out(Options{Reps: 12, Seed: 5, Workers: 1})
	four := out(Options{Reps: 12, Seed: 5, Workers: 4})
	for i, name := range []string{"summary", "kpis", "timeseries"} {
		if !bytes.Equal(one[i], four[i]) {
			t.Errorf("%s differs between 1 and 4 workers", name)
		}
	}
	other := out(Options{Reps: 12, Seed: 6, Workers: 1})
	if bytes.Equal(one[1], other[1]) {
		t.Error("seeds 5 and 6 gave the same kpis")
	}
	// Replication i depends only on (seed, i): a run of replications 6-11 matches the tail of
	// the run of 0-11.
	full, _ := Run(s, Options{Reps: 12, Seed: 5})
	tail, _ := Run(s, Options{Reps: 6, Seed: 5, FirstRep: 6})
	for i := range tail.Reps {
		a, b := full.Reps[6+i], tail.Reps[i]
		if a.Index != b.Index || !equalFloats(a.KPIs, b.KPIs) || !equalFloats(record(t, full, 6+i), record(t, tail, i)) {
			t.Fatalf("replication %d differs when run alone", a.Index)
		}
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// TestMonthlyCountsAddUp checks the end-of-month counts against each other in every month of
// every replication: children by kind, by age band, by need and by sex each add up to the
// children in care, and those placed at a distance are no more than all of them.
func TestMonthlyCountsAddUp(t *testing.T) {
	res, err := Run(richScenario(), Options{Reps: 8, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for i, n := range res.Metrics {
		idx[n] = i
	}
	groups := map[string][]string{
		"kind": append([]string(nil), func() []string {
			var out []string
			for _, k := range kindNames(res.Scenario) {
				out = append(out, "children_"+k)
			}
			return out
		}()...),
		"age":  {"children_age_under_1", "children_age_1_4", "children_age_5_9", "children_age_10_15", "children_age_16_17"},
		"need": {"children_need_standard", "children_need_complex", "children_need_solo"},
		"sex":  {"children_female", "children_male"},
	}
	for pos, rep := range res.Reps {
		rec := record(t, res, pos)
		for i := range res.Months {
			row := rec[i*len(res.Metrics) : (i+1)*len(res.Metrics)]
			cla := row[idx["children_in_care"]]
			for g, names := range groups {
				var sum float64
				for _, n := range names {
					j, ok := idx[n]
					if !ok {
						t.Fatalf("no metric %s", n)
					}
					sum += row[j]
				}
				if sum != cla {
					t.Fatalf("rep %d month %d: children by %s add to %v, children in care %v", rep.Index, i, g, sum, cla)
				}
			}
			if d := row[idx["children_placed_distant"]]; d < 0 || d > cla {
				t.Fatalf("rep %d month %d: %v placed at a distance of %v in care", rep.Index, i, d, cla)
			}
		}
	}
}

// memStore is a MonthlyStore that keeps copies in a map, as a file-backed store would.
type memStore struct {
	rows int
	m    map[int][]float64
}

func (s *memStore) Put(pos int, monthly []float64) error {
	s.m[pos] = append([]float64(nil), monthly...)
	return nil
}

func (s *memStore) Get(pos, from, to int, dst []float64) error {
	copy(dst, s.m[pos][from*s.rows:to*s.rows])
	return nil
}

// TestStoreAndBatches checks that keeping the monthly records in a store, and running the
// replications in batches, give the same files as one run in memory.
func TestStoreAndBatches(t *testing.T) {
	s := richScenario()
	files := func(res *Results) [3]string {
		t.Helper()
		var a, b, c bytes.Buffer
		if err := res.WriteSummary(&a, DefaultPercentiles); err != nil {
			t.Fatal(err)
		}
		if err := res.WriteKPIs(&b); err != nil {
			t.Fatal(err)
		}
		if err := res.WriteTimeseries(&c, []float64{5, 25, 50, 75, 95}); err != nil {
			t.Fatal(err)
		}
		return [3]string{a.String(), b.String(), c.String()}
	}
	whole, err := Run(s, Options{Reps: 10, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	want := files(whole)

	prep, err := Prepare(s, 4)
	if err != nil {
		t.Fatal(err)
	}
	store := &memStore{rows: len(prep.Metrics), m: map[int][]float64{}}
	rn, err := NewRunner(s, Options{Seed: 4, Store: store, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{3, 1, 6} {
		if err := rn.Add(n); err != nil {
			t.Fatal(err)
		}
	}
	res := rn.Results()
	if res.Reps[4].Monthly != nil || res.Reps[4].packed != nil {
		t.Error("a run with a store kept monthly records in memory too")
	}
	if got := files(res); got != want {
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("file %d differs between one run in memory and batches with a store", i)
			}
		}
	}
	kpisOnly, err := Run(s, Options{Reps: 10, Seed: 4, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range kpisOnly.Reps {
		if !equalFloats(kpisOnly.Reps[i].KPIs, whole.Reps[i].KPIs) || kpisOnly.Reps[i].Monthly != nil || kpisOnly.Reps[i].packed != nil {
			t.Fatalf("replication %d: KPIs-only run differs or kept its record", i)
		}
	}
	if err := kpisOnly.WriteTimeseries(io.Discard, DefaultPercentiles); err == nil {
		t.Error("writing the time series of a KPIs-only run did not fail")
	}
}

// TestSummariseMatchesSortedQuantiles checks the selection-based percentiles against gonum's
// stat.Quantile on sorted data, for sizes, ties, whole numbers (counted rather than selected
// when their range is narrow) and values all the same that exercise every branch.
func TestSummariseMatchesSortedQuantiles(t *testing.T) {
	rng := newStream(1, 0, 42, 0)
	ps := []float64{0, 1, 5, 25, 50, 75, 95, 99, 100, 2.5, 97.5}
	for _, n := range []int{1, 2, 3, 7, 16, 17, 100, 1000, 1001} {
		for _, values := range []string{"distinct", "ties", "whole numbers", "wide whole numbers", "signed zeros", "all the same"} {
			xs := make([]float64, n)
			for i := range xs {
				xs[i] = rng.float64() * 100
				switch values {
				case "ties":
					xs[i] = math.Floor(xs[i] / 10)
				case "whole numbers":
					xs[i] = math.Floor(xs[i]*3) - 150
				case "wide whole numbers":
					xs[i] = math.Floor(xs[i] * 1e4)
				case "signed zeros":
					xs[i] = math.Copysign(math.Floor(xs[i]/50), float64(i%2*2-1))
				case "all the same":
					xs[i] = 0.1
				}
			}
			got := Summarise(xs, ps)
			sorted := append([]float64(nil), xs...)
			slices.Sort(sorted)
			for j, p := range ps {
				if want := stat.Quantile(p/100, stat.LinInterp, sorted, nil); got.Percentiles[j] != want {
					t.Errorf("n=%d %s p%v: %v, want %v", n, values, p, got.Percentiles[j], want)
				}
			}
		}
	}
}

// record returns the whole monthly record of the replication at position pos of res.
func record(t *testing.T, res *Results, pos int) []float64 {
	t.Helper()
	rec, err := res.MonthlyRecord(pos)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}
