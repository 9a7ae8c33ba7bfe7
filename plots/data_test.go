package plots_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestFromResultsCounted requires the chart data of a run whose months and the monthly sums the
// charts draw (MonthlySums) were counted (sim.Results.CountMonths), its records in memory or in
// a store, to be that of a run that counted nothing, byte for byte: the default county, whose charts
// add up several residential kinds and carers kinds and take places from first choices.
func TestFromResultsCounted(t *testing.T) {
	resolved, err := scenarios.Resolve("default", []string{"years=2"})
	if err != nil {
		t.Fatal(err)
	}
	s := resolved.Scenario
	const reps = 24
	csvOf := func(res *sim.Results) string {
		t.Helper()
		d, err := plots.FromResults(res)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := d.WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	plain, err := sim.Run(s, sim.Options{Reps: reps, Seed: 4, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := csvOf(plain)
	prep, err := sim.Prepare(s, 4)
	if err != nil {
		t.Fatal(err)
	}
	sums := plots.MonthlySums(prep)
	several := 0
	for _, sum := range sums {
		if len(sum) > 1 {
			several++
		}
	}
	if several < 3 {
		t.Errorf("%d of the charts' sums add up several metrics, want at least 3 (residential kinds, carers kinds, a shortfall)", several)
	}
	for _, stored := range []bool{false, true} {
		opt := sim.Options{Seed: 4, Workers: 2, CountMonths: !stored}
		if stored {
			f, err := os.Create(filepath.Join(t.TempDir(), "records.bin"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			opt.Store = sim.NewPackedStore(f, len(prep.Months), len(prep.Metrics))
		}
		rn, err := sim.NewRunner(s, opt)
		if err != nil {
			t.Fatal(err)
		}
		if err := rn.Add(reps); err != nil {
			t.Fatal(err)
		}
		res := rn.Results()
		if err := res.CountMonths(sums); err != nil {
			t.Fatal(err)
		}
		if got := csvOf(res); got != want {
			t.Errorf("records in a store %v: the chart data of a counted run differs from a plain run's", stored)
		}
	}
}
