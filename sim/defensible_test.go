package sim_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"gonum.org/v1/gonum/stat"
)

// TestDefaultSteady checks that the default county starts in the steady state of its own
// rules: with no input trend, children in care and the children in each kind of placement
// holding at least 20 change by less than 2% from one year to the next. The Monte Carlo error
// of a yearly mean over 200 replications is under 0.5% for every such count (standard
// deviations of 2-5% of the mean across replications, divided by √200), so a change of 2% is
// drift, not noise. Smaller counts (specialist carers' 6 places, the council's 8 beds) are
// left out: a child more or less is over 10% of them.
func TestDefaultSteady(t *testing.T) {
	if testing.Short() {
		t.Skip("200 replications of the default; runs without -short")
	}
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 200, Seed: 11, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"children_in_care"}
	for _, k := range s.Kinds {
		names = append(names, "occupied_"+k.Name)
	}
	years := len(res.Periods) - 1 // the last period is the whole run
	for _, n := range names {
		prev := stat.Mean(kpi(t, res, 0, n), nil)
		if prev < 20 {
			continue
		}
		for p := 1; p < years; p++ {
			m := stat.Mean(kpi(t, res, p, n), nil)
			if change := (m - prev) / prev; math.Abs(change) >= 0.02 {
				t.Errorf("%s: %.1f in %s, %.1f in %s: a change of %+.1f%%, want under 2%% a year", n, prev, res.Periods[p-1], m, res.Periods[p], 100*change)
			}
			prev = m
		}
	}
}

// TestDefaultEmergencies checks that emergency placements in the default county happen at the
// published level (docs/sources.md §7): Ofsted counted 982 children placed in
// unregistered children's homes in 2023-24, 1.2% of the 83,530 in care; the Children's
// Commissioner counted 669-775 children in them on a day (1 September 2025 and 2024), 0.8-0.9%
// of those in care, staying over six months on average. The tolerances (a third either side of
// the national rates, and a mean stay of at least four months) are calibration tolerances: a
// county sits within them; the Monte Carlo error of the ten-year means over 100 replications
// is under 3% of each.
func TestDefaultEmergencies(t *testing.T) {
	if testing.Short() {
		t.Skip("100 replications of the default; runs without -short")
	}
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 100, Seed: 5, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	all := len(res.Periods) - 1
	em := stat.Mean(kpi(t, res, all, "emergency_placements"), nil) / float64(s.Years)
	cla := stat.Mean(kpi(t, res, all, "children_in_care"), nil)
	rate := em / cla
	held := stat.Mean(kpi(t, res, all, "occupied_emergency"), nil)
	stay := held / em // years: Little's law, children there ÷ children placed a year
	t.Logf("emergency placements: %.1f a year, %.2f%% of %.0f children in care; %.1f at a time (%.2f%%), staying %.1f months on average", em, 100*rate, cla, held, 100*held/cla, 12*stay)
	if rate < 0.008 || rate > 0.016 {
		t.Errorf("emergency placements: %.2f%% of children in care a year, want 0.8%%-1.6%% (Ofsted 2023-24: 1.2%%)", 100*rate)
	}
	if share := held / cla; share < 0.0055 || share > 0.0125 {
		t.Errorf("children in emergency placements: %.2f%% of children in care at a time, want 0.55%%-1.25%% (Children's Commissioner: 0.8-0.9%%)", 100*share)
	}
	if stay < 4.0/12 {
		t.Errorf("emergency placements last %.1f months on average, want 4 at least (Children's Commissioner 2025: over six)", 12*stay)
	}
	for p := range all {
		if m := stat.Mean(kpi(t, res, p, "emergency_placements"), nil); m == 0 {
			t.Errorf("no emergency placement in %s in any replication", res.Periods[p])
		}
	}
}

// TestStepDownKeepsNeeds checks that a child steps down with the needs they have: when the
// only family placement to step down to takes standard needs alone, children with complex or
// solo needs found ready never step down, and children with standard needs do.
func TestStepDownKeepsNeeds(t *testing.T) {
	cases := []struct {
		ready    string
		anyMoves bool
	}{
		{"step_down.ready_share={standard: 0, complex: 1, solo: 1}", false},
		{"step_down.ready_share={standard: 1, complex: 0, solo: 0}", true},
	}
	for _, c := range cases {
		t.Run(c.ready, func(t *testing.T) {
			s, err := scenarios.Load("default", []string{"years=3", "warmup_years=2", "escalation_share=0.5", "step_down.try=[inhouse_foster]", c.ready})
			if err != nil {
				t.Fatal(err)
			}
			res, err := sim.Run(s, sim.Options{Reps: 20, Seed: 2, KPIsOnly: true, Check: true})
			if err != nil {
				t.Fatal(err)
			}
			total := 0.0
			for _, v := range kpi(t, res, len(res.Periods)-1, "stepdowns") {
				total += v
			}
			if (total > 0) != c.anyMoves {
				t.Errorf("%s: %v step-downs in 20 replications; want any: %v", c.ready, total, c.anyMoves)
			}
		})
	}
}

// TestSoloPlacementsAlone runs scenarios with block beds and homes, where children who need to
// live alone compete for beds, with the engine's checks on: a solo child who shared a home,
// household or block contract, or a child left in an emergency placement while a rung of their
// ladder had room, would panic at a month's end.
func TestSoloPlacementsAlone(t *testing.T) {
	reps := 40
	if testing.Short() {
		reps = 8
	}
	for _, name := range []string{"block-contract-3-beds", "solo-placement-home", "default"} {
		t.Run(name, func(t *testing.T) {
			// More solo children than the default, and a tight external market, so that
			// solo children meet full beds and emergency placements often.
			s, err := scenarios.Load(name, []string{"years=4", "warmup_years=1", "escalation_share=0.6", "kinds.external_residential.capacity_places=70"})
			if err != nil {
				t.Fatal(err)
			}
			res, err := sim.Run(s, sim.Options{Reps: reps, Seed: 9, Check: true, KPIsOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			em := stat.Mean(kpi(t, res, len(res.Periods)-1, "emergency_placements"), nil)
			if em == 0 {
				t.Fatalf("no emergency placement: the test does not exercise scarcity")
			}
			t.Logf("%s: %s emergency placements a run", name, fmt.Sprintf("%.1f", em))
		})
	}
}

// TestAddedHouseholdsAreRoom checks that carer households an intervention adds are places that
// have come free, as approvals are: children waiting in emergency placements are offered them,
// and no child is passed over while their ladder has room (the engine checks every pass-over
// in test mode). The specialist carers' scenario adds households while complex teenagers wait
// in a tight market.
func TestAddedHouseholdsAreRoom(t *testing.T) {
	reps := 60
	if testing.Short() {
		reps = 12
	}
	s, err := scenarios.Load("level-6-specialist-carers", []string{"warmup_years=2", "escalation_share=0.5", "kinds.external_residential.capacity_places=70"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: reps, Seed: 4, Check: true, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if em := stat.Mean(kpi(t, res, len(res.Periods)-1, "emergency_placements"), nil); em == 0 {
		t.Fatalf("no emergency placement: the test does not exercise scarcity")
	}
}

// TestStepDownRateChange checks that a change of the step-down rate reaches the children
// already in residential care at their next review: each review finds the child ready with
// the rate in force then, whenever the child was placed. A programme that makes every review
// find the child ready (the default's ready shares times 13, over 1) then finds every child in
// residential care who can step down ready within one review interval (91 days) of its start,
// and the first three months hold the year's burst of step-downs, as far as family placements
// have room: 47% of the first year's over 100 replications. An engine that drew at placement
// the review that finds a child ready and kept it would leave the children placed before the
// programme on the old rate, a child then waiting six reviews or more on average: the first
// three months then hold 11%. The bound, a third, lies well between the two (the share's
// standard error over 100 replications is about 2 points).
func TestStepDownRateChange(t *testing.T) {
	s, err := scenarios.Load("default", []string{"years=1", "warmup_years=4", "interventions=[{action: stepdown_rate, from: 2026-04-01, factor: 13}]"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 100, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	m := slices.Index(res.Metrics, "stepdowns")
	if m < 0 {
		t.Fatal("no monthly metric stepdowns")
	}
	var quarter, year float64
	for pos := range res.Reps {
		rec, err := res.MonthlyRecord(pos)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 12 {
			v := rec[i*len(res.Metrics)+m]
			year += v
			if i < 3 {
				quarter += v
			}
		}
	}
	t.Logf("step-downs: %.1f a replication in the programme's first year, %.0f%% of them in its first three months", year/100, 100*quarter/year)
	if quarter < year/3 {
		t.Errorf("step-downs in the first three months of a programme making every review find the child ready: %.0f%% of the first year's, want at least a third", 100*quarter/year)
	}
}

// TestEscalationByAge checks that the escalation shares by age take the place of
// escalation_share at their ages: bands covering every age of 10 or more with its share give the
// runs escalation_share gives, draw for draw, and a band of 0 at those ages the runs of no
// escalation, whatever escalation_share says; a band of other ages changes the runs.
func TestEscalationByAge(t *testing.T) {
	run := func(sets ...string) []float64 {
		t.Helper()
		s, err := scenarios.Load("default", append([]string{"years=3", "warmup_years=1"}, sets...))
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(s, sim.Options{Reps: 6, Seed: 4, KPIsOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		return kpi(t, res, len(res.Periods)-1, sim.CostTotal)
	}
	flat := run("escalation_share=0.5")
	none := run("escalation_share=0")
	if slices.Equal(flat, none) {
		t.Fatal("escalation_share=0.5 gives the runs of none: the test does not exercise escalation")
	}
	if got := run("escalation_share=0", "escalation_by_age=[{ages: 10-15, share: 0.5}, {ages: 16-17, share: 0.5}]"); !slices.Equal(got, flat) {
		t.Errorf("bands of 0.5 over 10-17: costs %v, want escalation_share=0.5's %v", got, flat)
	}
	if got := run("escalation_share=0.5", "escalation_by_age=[{ages: 10-17, share: 0}]"); !slices.Equal(got, none) {
		t.Errorf("a band of 0 over 10-17 with escalation_share=0.5: costs %v, want no escalation's %v", got, none)
	}
	if got := run("escalation_share=0.5", "escalation_by_age=[{ages: 16-17, share: 0}]"); slices.Equal(got, flat) || slices.Equal(got, none) {
		t.Errorf("a band of 0 over 16-17 with escalation_share=0.5: costs %v, the same as all ages' or none's", got)
	}
}
