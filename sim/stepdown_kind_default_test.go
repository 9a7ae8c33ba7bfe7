package sim_test

import (
	"slices"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestKindShareAsScenarioWide checks that a residential kind whose own step-down ready share
// is the scenario-wide one runs, draw for draw, as the kind without it: the default county
// with every residential kind given step_down.ready_share as its own gives the same monthly
// records and KPIs. A share of its own that differs changes them.
func TestKindShareAsScenarioWide(t *testing.T) {
	run := func(set func(s *model.Scenario)) *sim.Results {
		t.Helper()
		s, err := scenarios.Load("default", []string{"years=3", "warmup_years=2"})
		if err != nil {
			t.Fatal(err)
		}
		set(s)
		res, err := sim.Run(s, sim.Options{Reps: 4, Seed: 7, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	records := func(res *sim.Results) [][]float64 {
		var recs [][]float64
		for pos := range res.Reps {
			rec, err := res.MonthlyRecord(pos)
			if err != nil {
				t.Fatal(err)
			}
			recs = append(recs, rec)
		}
		return recs
	}
	own := func(share func(sd model.StepDown) [model.NumNeeds]float64) func(s *model.Scenario) {
		return func(s *model.Scenario) {
			for k := range s.Kinds {
				if s.Kinds[k].Category == model.Residential {
					p := share(s.StepDown)
					s.Kinds[k].StepDownReadyShare = &p
				}
			}
		}
	}
	base := run(func(*model.Scenario) {})
	same := run(own(func(sd model.StepDown) [model.NumNeeds]float64 { return sd.ReadyShare }))
	if !slices.EqualFunc(records(base), records(same), slices.Equal) {
		t.Error("residential kinds with the scenario-wide share as their own: the monthly records differ from the default's")
	}
	for p := range base.Periods {
		for k, name := range base.KPIs {
			if !slices.Equal(base.KPI(p, k), same.KPI(p, k)) {
				t.Errorf("%s in %s: %v, want the default's %v", name, base.Periods[p], same.KPI(p, k), base.KPI(p, k))
			}
		}
	}
	halved := run(own(func(sd model.StepDown) [model.NumNeeds]float64 {
		for n := range sd.ReadyShare {
			sd.ReadyShare[n] /= 2
		}
		return sd.ReadyShare
	}))
	if slices.EqualFunc(records(base), records(halved), slices.Equal) {
		t.Error("residential kinds with half the scenario-wide share as their own: the monthly records are the default's")
	}
}
