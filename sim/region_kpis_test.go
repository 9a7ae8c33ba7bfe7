package sim

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// failingStore keeps nothing and fails every read, as a store whose file went away would.
type failingStore struct{}

func (failingStore) Put(int, []float64) error { return nil }

func (failingStore) Get(int, int, int, []float64) error { return errors.New("gone") }

// TestRegionKPIStores checks that keeping a region's KPIs in a store for each council and the
// total, read back through a cache smaller than one period or larger than them all, gives
// the same summary.csv and kpis.csv as keeping them in memory, over two batches of
// replications; and that a store that fails to read says so rather than giving values.
func TestRegionKPIStores(t *testing.T) {
	reg := twoCouncils()
	reg.Councils[0].Scenario = erlangScenario(2, 30, model.Distribution{Kind: model.Exponential, MeanDays: 200}, 2, 0)
	mem, err := RunRegion(reg, Options{Reps: 5, Seed: 8, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	files := func(t *testing.T, r *Results) string {
		t.Helper()
		var b bytes.Buffer
		if err := r.WriteSummary(&b, DefaultPercentiles); err != nil {
			t.Fatal(err)
		}
		if err := r.WriteKPIs(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, cache := range []int64{1, 1 << 30} {
		t.Run(fmt.Sprintf("cache %d bytes", cache), func(t *testing.T) {
			rn, err := NewRegionRunner(reg, Options{Seed: 8, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			var stores []MonthlyStore
			for _, r := range mem.Each() {
				stores = append(stores, &memStore{rows: len(r.KPIs), m: map[int][]float64{}})
			}
			if err := rn.SetKPIStores(stores[:2], cache); err == nil {
				t.Error("SetKPIStores took 2 stores for 2 councils and the total")
			}
			if err := rn.SetKPIStores(stores, cache); err != nil {
				t.Fatal(err)
			}
			// A summary read between the batches is not kept for the next.
			if err := rn.Add(3); err != nil {
				t.Fatal(err)
			}
			rn.Results().Total.Summary(0, 0, DefaultPercentiles)
			if err := rn.Add(2); err != nil {
				t.Fatal(err)
			}
			got := rn.Results()
			for i, r := range got.Each() {
				want := mem.Each()[i]
				if r.Reps[0].KPIs != nil || files(t, r) != files(t, want) {
					t.Errorf("%s: the KPIs from a store differ from those in memory", r.Scenario.Name)
				}
			}
			if err := got.ReadErr(); err != nil {
				t.Error(err)
			}
		})
	}
	rn, err := NewRegionRunner(reg, Options{Seed: 8, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := rn.SetKPIStores([]MonthlyStore{failingStore{}, failingStore{}, failingStore{}}, 1<<20); err != nil {
		t.Fatal(err)
	}
	if err := rn.Add(2); err != nil {
		t.Fatal(err)
	}
	got := rn.Results()
	if st := got.Total.Summary(0, 0, nil); !math.IsNaN(st.Mean) {
		t.Errorf("a KPI whose store failed has a mean of %v, want NaN", st.Mean)
	}
	if err := got.ReadErr(); err == nil || !strings.Contains(err.Error(), "gone") {
		t.Errorf("ReadErr after a store failed: %v", err)
	}
	if err := got.Councils[0].WriteKPIs(io.Discard); err == nil {
		t.Error("kpis.csv was written from a store that failed")
	}
}
