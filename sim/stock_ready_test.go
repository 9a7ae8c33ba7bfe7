package sim_test

import (
	"slices"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"gonum.org/v1/gonum/stat"
)

// TestStockReadyToStepDown checks that the default county's starting stock holds the children
// ready to step down that its steady state does, and that their reviews come spread over the
// first quarter, with no warm-up at all. After a 30-year warm-up the first month ends with 33.8
// children ready to step down (±0.2, TestWarmupLength's 400 replications) and 11 step-down
// reviews of children found ready (stepdowns_no_place and stepdowns, 10.1 and 0.9). The stock
// is drawn with a little more (36.3: it takes each residential placement before the child's
// current one to have been in residential care at their need now, TestWarmupLength), so the
// first month's mean over 40 replications must be within 15% of 33.8, some 8 times its standard
// error of 0.6 (a replication's count varies by about 4).
func TestStockReadyToStepDown(t *testing.T) {
	s, err := scenarios.Load("default", []string{"years=1", "warmup_years=0"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 40, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	ready := slices.Index(res.Metrics, sim.ChildrenReadyToStepDown)
	steps, noPlace := slices.Index(res.Metrics, sim.Stepdowns), slices.Index(res.Metrics, sim.StepdownsNoPlace)
	var readyN, reviews []float64
	row := make([]float64, len(res.Metrics))
	for i := range res.Reps {
		if err := res.MonthlyRows(i, 0, 1, row); err != nil {
			t.Fatal(err)
		}
		readyN, reviews = append(readyN, row[ready]), append(reviews, row[steps]+row[noPlace])
	}
	const steady, steadyReviews = 33.8, 11.0
	if m := stat.Mean(readyN, nil); m < 0.85*steady || m > 1.15*steady {
		t.Errorf("first month with no warm-up: %.1f children ready to step down, want within 15%% of the steady state's %.1f", m, steady)
	}
	// Half the steady state's is far below a mean of 11 over 40 replications (its standard
	// error about 0.5), and far above none.
	if m := stat.Mean(reviews, nil); m < steadyReviews/2 {
		t.Errorf("first month with no warm-up: %.1f step-down reviews found a child ready, want at least half the steady state's %.0f", m, steadyReviews)
	}
}
