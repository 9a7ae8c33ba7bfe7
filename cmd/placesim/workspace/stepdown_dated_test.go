package workspace

import (
	"math"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestStepDownLeverIsAProgrammeFromADate checks that "Step-down to a family" at 15% steps
// children down more from the run's first day, as the scenario file's own stepdown_rate from
// that day does: its first year's children in residential care are those of the dated
// programme, not those of step_down.ready_share's shares raised by the same factor, which the simulator applies through
// the warm-up years too (its change in full effect on the first day). Both runs see the same
// children (common random numbers), so they differ by nothing but the lever.
func TestStepDownLeverIsAProgrammeFromADate(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	own := base.StepDown.ReadyShare[model.NeedStandard]
	f, err := scenarios.ParseDocument("name: lever\nextends: default\n")
	if err != nil {
		t.Fatal(err)
	}
	if bad := applyLevers(f, leversFor(base), base, leverState{Values: map[string]string{"stepdown": "15"}}); len(bad) > 0 {
		t.Fatalf("15%% refused: %v", bad)
	}
	if strings.Contains(f.Text(), "ready_share") {
		t.Errorf("the lever changed step_down.ready_share:\n%s", f.Text())
	}
	factor := formatNumber(roundTo(0.15/own, 10))
	if !strings.Contains(f.Text(), "action: stepdown_rate") || !strings.Contains(f.Text(), "factor: "+factor) {
		t.Errorf("the lever's file lacks a stepdown_rate of factor %s:\n%s", factor, f.Text())
	}
	dated := "name: dated\nextends: default\ninterventions:\n  - action: stepdown_rate\n    from: " +
		base.Start.Format("2006-01-02") + "\n    factor: " + factor + "\n    first_year_breakdown_per_year: 0.57\n"
	// The same shares, the baseline's times the factor, as fields: in effect from the warm-up.
	field := "name: field\nextends: default\nstep_down:\n  ready_share:\n    standard: 0.15\n    complex: " +
		formatNumber(roundTo(base.StepDown.ReadyShare[model.NeedComplex]*0.15/own, 10)) + "\n"
	residential := func(text string) float64 {
		return firstYearMean(t, text, sim.OccupiedCategoryKPI(model.Residential))
	}
	lever, programme, raised := residential(f.Text()), residential(dated), residential(field)
	if math.Abs(lever-programme) > 1e-9 {
		t.Errorf("first-year residential care: the lever's %.3f, the dated programme's %.3f", lever, programme)
	}
	// The raised shares, in effect through the warm-up, have some 0.3 children fewer in
	// residential care over the first year (0.4 over 40 replications): step-downs wait on the
	// family places that come free, for which the children ready at the start, as many as the
	// steady state has, already wait. The test asks for at least 0.1 fewer, a third of that
	// gap: the raised shares step children down before the lever's start.
	if lever-raised < 0.1 {
		t.Errorf("first-year residential care: the lever's %.3f, the raised shares' %.3f: want the raised shares' at least 0.1 lower", lever, raised)
	}
}

// TestStepDownLeverFactor checks that the step-down lever's box is the standard need's share
// and writes the factor over the share it starts from, the file's own where it sets one; that
// its cost box writes cost.per_unit_gbp and leaves it out at 0; that the Compare page and
// board pack say the share with the factor; and that with a baseline's share of 0, which no
// factor raises, a share other than 0 is refused beside the box.
func TestStepDownLeverFactor(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	apply := func(base *model.Scenario, text string, values map[string]string) (*scenarios.Document, map[string]string) {
		t.Helper()
		f, err := scenarios.ParseDocument(text)
		if err != nil {
			t.Fatal(err)
		}
		return f, applyLevers(f, leversFor(base), base, leverState{Values: values})
	}
	f, bad := apply(base, "name: a\nextends: default\n", map[string]string{"stepdown": "12", "stepdown_cost": "£2,500"})
	if len(bad) > 0 {
		t.Fatalf("refused: %v", bad)
	}
	for _, want := range []string{"action: stepdown_rate", "factor: 1.5", "per_unit_gbp: 2500"} {
		if !strings.Contains(f.Text(), want) {
			t.Errorf("the file lacks %q:\n%s", want, f.Text())
		}
	}
	s, err := scenarios.Parse(strings.NewReader(f.Text()), "a.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	var sd *lever
	for _, l := range leversFor(base) {
		if l.ID == "stepdown" {
			sd = l
		}
	}
	iv := s.Interventions[len(s.Interventions)-1]
	if got, want := sd.said(iv, s), "12% of reviews, every need's share × 1.5 (its placements breaking down at 0.57 a year in their first year) from "+ukDate(base.Start); got != want {
		t.Errorf("said %q, want %q", got, want)
	}
	changes := strings.Join(leverChanges(leversFor(base), base, s, 0), "\n")
	if want := "Step-down to a family: 12% of reviews, every need's share × 1.5 (its placements breaking down at 0.57 a year in their first year) from " + ukDate(base.Start) + " (baseline 8% of reviews); costs: "; !strings.Contains(changes, want) {
		t.Errorf("the pack's changes lack %q:\n%s", want, changes)
	}
	f, bad = apply(base, "name: a\nextends: default\n", map[string]string{"stepdown": "12", "stepdown_cost": "0"})
	if len(bad) > 0 || strings.Contains(f.Text(), "cost:") {
		t.Errorf("a cost of 0 is written or refused (%v):\n%s", bad, f.Text())
	}
	// A file's own share of 10%: the box starts from it.
	f, bad = apply(base, "name: a\nextends: default\nstep_down:\n  ready_share:\n    standard: 0.1\n", map[string]string{"stepdown": "15"})
	if len(bad) > 0 || !strings.Contains(f.Text(), "factor: 1.5") || !strings.Contains(f.Text(), "standard: 0.1") {
		t.Errorf("on a file's own 10%% (%v):\n%s", bad, f.Text())
	}
	zero, err := scenarios.Parse(strings.NewReader("extends: default\nstep_down:\n  ready_share:\n    standard: 0\n"), "zero.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "the baseline's share is 0%: a factor cannot raise it; set the share of children ready to step down (step_down.ready_share) in the file (Advanced)"
	if f, bad = apply(zero, "name: a\nextends: default\n", map[string]string{"stepdown": "5"}); bad["stepdown"] != want || strings.Contains(f.Text(), "stepdown_rate") {
		t.Errorf("5%% on a baseline's 0%%: refused %q, want %q:\n%s", bad["stepdown"], want, f.Text())
	}
	if f, bad = apply(zero, "name: a\nextends: default\n", map[string]string{"stepdown": "0"}); len(bad) > 0 || strings.Contains(f.Text(), "stepdown_rate") {
		t.Errorf("0%% on a baseline's 0%% (%v):\n%s", bad, f.Text())
	}
}
