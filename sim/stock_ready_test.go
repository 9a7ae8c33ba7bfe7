package sim_test

import (
	"slices"
	"testing"

	"github.com/placesim/placesim/model"
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
	t.Logf("first month with no warm-up: %.1f children ready to step down (steady state %.1f), %.1f reviews found a child ready", stat.Mean(readyN, nil), steady, stat.Mean(reviews, nil))
	if m := stat.Mean(readyN, nil); m < 0.85*steady || m > 1.15*steady {
		t.Errorf("first month with no warm-up: %.1f children ready to step down, want within 15%% of the steady state's %.1f", m, steady)
	}
	// Half the steady state's is far below a mean of 11 over 40 replications (its standard
	// error about 0.5), and far above none.
	if m := stat.Mean(reviews, nil); m < steadyReviews/2 {
		t.Errorf("first month with no warm-up: %.1f step-down reviews found a child ready, want at least half the steady state's %.0f", m, steadyReviews)
	}
}

// TestStockReadyEased checks that the stock of a county whose children step down with eased
// needs (step_down.ease_share) starts with the share of its children in residential care ready
// to step down that its reviews leave (stockReady), with no warm-up. In the default county the
// children ready to step down are mostly of complex need, for whom agency foster care is seldom
// an option and the council's carers are full; eased to standard need, agency foster care takes
// them, and its places are seldom all taken. With every child's needs eased hardly any child is
// ready for long: after a 30-year warm-up the first month ends with 0.3 of 55.5 children in
// residential care ready (0.5%, 400 replications), and the stock must start with at most 2%
// (with the eased needs left out it started with 34%). With half of them eased, a review finds
// room for a ready child one time in two, and the quarterly reviews soon find it: 4.7 of 59.4
// (8%) after a 30-year warm-up, and the stock must start with at most 15% (it started with 39%
// with the eased needs left out, and 32% with room tried at one review, not at each since the
// child was found ready; it starts with 10%). The stock is the default county's, whose residential
// care holds more children (82) than with eased needs, so the check is of the share.
func TestStockReadyEased(t *testing.T) {
	for _, c := range []struct {
		ease     string
		maxShare float64
	}{{"1", 0.02}, {"0.5", 0.15}} {
		s, err := scenarios.Load("default", []string{"years=1", "warmup_years=0", "step_down.ease_share=" + c.ease})
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(s, sim.Options{Reps: 40, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		ready := slices.Index(res.Metrics, sim.ChildrenReadyToStepDown)
		var resid []int
		for k, kd := range s.Kinds {
			if kd.Category == model.Residential {
				if m := slices.Index(res.Metrics, sim.ChildrenOf(s.Kinds[k].Name)); m >= 0 {
					resid = append(resid, m)
				}
			}
		}
		var readyN, residN float64
		row := make([]float64, len(res.Metrics))
		for i := range res.Reps {
			if err := res.MonthlyRows(i, 0, 1, row); err != nil {
				t.Fatal(err)
			}
			readyN += row[ready]
			for _, m := range resid {
				residN += row[m]
			}
		}
		share := readyN / residN
		t.Logf("ease_share %s: first month with no warm-up, %.1f of %.1f children in residential care ready to step down (%.0f%%)",
			c.ease, readyN/float64(len(res.Reps)), residN/float64(len(res.Reps)), 100*share)
		if share > c.maxShare {
			t.Errorf("ease_share %s: first month with no warm-up, %.0f%% of the children in residential care ready to step down, want at most %.0f%%",
				c.ease, 100*share, 100*c.maxShare)
		}
	}
}
