package sim

import (
	"slices"
	"testing"

	"github.com/placesim/placesim/model"
)

// wholeRun returns the KPI name over the whole run of each replication of res.
func wholeRun(t *testing.T, res *Results, name string) []float64 {
	t.Helper()
	i := slices.Index(res.KPIs, name)
	if i < 0 {
		t.Fatalf("no KPI %s", name)
	}
	p := len(res.Periods) - 1
	var out []float64
	for _, rep := range res.Reps {
		out = append(out, rep.KPIs[p*len(res.KPIs)+i])
	}
	return out
}

// TestStepDownWaiting checks the counts of children ready to step down with no place: in the
// council of stepDownKindScenario, where every review finds a child ready (share 1) and no
// child leaves care, the family kinds hold 3 places between them. So exactly 3 children
// step down in each replication; every later review finds its child ready with no place and is
// counted; and at every month's end the children ready and waiting are the children in the
// residential kinds reviewed at least once, all but those who entered in the last 10 days.
// With the family kinds unlimited, no review finds a child ready with no place and none waits.
func TestStepDownWaiting(t *testing.T) {
	for _, limited := range []bool{true, false} {
		s := stepDownKindScenario(1, 1)
		if limited {
			s.Kinds[2].CapacityPlaces, s.Kinds[3].CapacityPlaces = 1, 2
		}
		res, err := Run(s, Options{Reps: 4, Seed: 2, Workers: 1, Check: true})
		if err != nil {
			t.Fatal(err)
		}
		steps, noPlace := wholeRun(t, res, Stepdowns), wholeRun(t, res, StepdownsNoPlace)
		nm := len(res.Metrics)
		ready, a, b, entries := slices.Index(res.Metrics, ChildrenReadyToStepDown), slices.Index(res.Metrics, ChildrenOf("a")),
			slices.Index(res.Metrics, ChildrenOf("b")), slices.Index(res.Metrics, Entries)
		if ready < 0 {
			t.Fatalf("no metric %s", ChildrenReadyToStepDown)
		}
		for pos := range res.Reps {
			rec := record(t, res, pos)
			for m := range len(rec) / nm {
				row := rec[m*nm:]
				resi := row[a] + row[b]
				// Children entering in a month's last 10 days have not been reviewed: at 200
				// a year, some 5; 40 is far beyond any draw.
				if w := row[ready]; w > resi || (limited && m > 0 && w < resi-row[entries]) || (!limited && w != 0) {
					t.Fatalf("limited %v, rep %d, month %d: %v children ready to step down waiting, %v in residential care, %v entered in the month",
						limited, pos, m, w, resi, row[entries])
				}
			}
			if limited && (steps[pos] != 3 || noPlace[pos] < 1000) {
				t.Errorf("3 family places: rep %d: %v step-downs, %v reviews found a child ready with no place; want 3 and thousands", pos, steps[pos], noPlace[pos])
			}
			if !limited && (steps[pos] < 500 || noPlace[pos] != 0) {
				t.Errorf("unlimited family places: rep %d: %v step-downs, %v reviews found a child ready with no place; want hundreds and 0", pos, steps[pos], noPlace[pos])
			}
		}
	}
}

// TestStepDownBreakdowns12m checks that a step-down placement's breakdown within a year is
// counted, and no other breakdown: in stepDownKindScenario with every child found ready at
// the first review, when only the family kinds break down (6 a year: a mean of 61 days, so one
// in e^6 ≈ 400 lasts a year), nearly every breakdown is of a step-down placement within its
// year; when only the residential kinds break down, none is.
func TestStepDownBreakdowns12m(t *testing.T) {
	for _, family := range []bool{true, false} {
		s := stepDownKindScenario(1, 1)
		for k := range s.Kinds {
			if (k >= 2) == family {
				s.Kinds[k].BreakdownPerYear = [3]float64{6, 6, 6}
			}
		}
		res, err := Run(s, Options{Reps: 4, Seed: 9, Workers: 1, Check: true})
		if err != nil {
			t.Fatal(err)
		}
		br, sb, steps := wholeRun(t, res, Breakdowns), wholeRun(t, res, StepdownBreakdowns12m), wholeRun(t, res, Stepdowns)
		for pos := range br {
			if br[pos] < 100 {
				t.Fatalf("family %v: rep %d: %v breakdowns; the test needs many", family, pos, br[pos])
			}
			// Over 400 breakdowns of placements lasting 61 days on average, 1 in 400 lasts a
			// year: allow 1%.
			if family && (sb[pos] > br[pos] || sb[pos] < 0.99*br[pos] || sb[pos] > steps[pos]) {
				t.Errorf("family kinds break down: rep %d: %v step-down breakdowns within 12 months, %v breakdowns, %v step-downs", pos, sb[pos], br[pos], steps[pos])
			}
			if !family && sb[pos] != 0 {
				t.Errorf("residential kinds break down: rep %d: %v step-down breakdowns within 12 months, want 0", pos, sb[pos])
			}
		}
	}
}

// TestStepDownFirstYearBreakdown checks step_down.first_year_breakdown_per_year and a
// stepdown_rate intervention's own: in stepDownKindScenario, where no child leaves care, a
// placement a child steps down into breaks down at that rate in its first year and at the
// family kind's own from then on. With the family kinds never breaking down, no placement
// breaks down when it is off, and with it on every breakdown is a step-down placement's within
// its year; with the family kinds at 6 a year and the first-year rate next to nothing, none
// breaks down within its year but many after. An intervention's rate applies in place of the
// scenario's while it is in force.
func TestStepDownFirstYearBreakdown(t *testing.T) {
	for _, tc := range []struct {
		name             string
		kindRate, field  float64
		ivRate           float64
		wantBr, wantIn12 bool
	}{
		{"off", 0, 0, 0, false, false},
		{"first year 2 a year, kind never", 0, 2, 0, true, true},
		{"first year next to nothing, kind 6 a year", 6, 1e-9, 0, true, false},
		{"the programme's own rate", 0, 1e-9, 2, true, true},
	} {
		s := stepDownKindScenario(1, 1)
		for k := 2; k < 4; k++ {
			s.Kinds[k].BreakdownPerYear = [3]float64{tc.kindRate, tc.kindRate, tc.kindRate}
		}
		s.StepDown.FirstYearBreakdownPerYear = tc.field
		if tc.ivRate > 0 {
			s.Interventions = append(s.Interventions, model.Intervention{Action: model.StepDownRate,
				From: s.Start, Factor: 1, StepDownBreakdownPerYear: tc.ivRate})
		}
		res, err := Run(s, Options{Reps: 2, Seed: 3, Workers: 1, Check: true})
		if err != nil {
			t.Fatal(err)
		}
		br, sb, steps := wholeRun(t, res, Breakdowns), wholeRun(t, res, StepdownBreakdowns12m), wholeRun(t, res, Stepdowns)
		for pos := range br {
			if steps[pos] < 100 {
				t.Fatalf("%s: rep %d: %v step-downs; the test needs many", tc.name, pos, steps[pos])
			}
			if (br[pos] > 50) != tc.wantBr || (sb[pos] > 50) != tc.wantIn12 || (tc.wantIn12 && sb[pos] != br[pos]) ||
				(!tc.wantBr && br[pos] != 0) || (!tc.wantIn12 && sb[pos] != 0) {
				t.Errorf("%s: rep %d: %v breakdowns, %v of step-down placements within 12 months (of %v step-downs); want breakdowns %v, within 12 months %v",
					tc.name, pos, br[pos], sb[pos], steps[pos], tc.wantBr, tc.wantIn12)
			}
		}
	}
}
