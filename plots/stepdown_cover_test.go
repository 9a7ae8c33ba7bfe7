package plots

import (
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// TestStepDownCostNotePartRun checks that a programme paid for each step-down only while it is
// in force, for part of the run, is not said to pay for every step-down of the run: the note
// gives only the programme's costs ÷ the extra step-downs, or nothing when other costs are
// mixed in; and that priced changes at different prices give no price a step-down.
func TestStepDownCostNotePartRun(t *testing.T) {
	base := testScenario()
	base.Interventions = nil
	alt := testScenario()
	alt.Name = "step-down"
	start := alt.Start
	alt.Interventions = []model.Intervention{{Action: model.StepDownRate, Label: "Intensive support", Factor: 2,
		From: start, To: start.AddDate(1, 0, 0), Cost: model.ProgrammeCost{PerUnitGBP: 56_166}}}
	rows := []CompareRow{
		{Scenario: alt.Name, Baseline: base.Name, Period: sim.WholeRun, KPI: sim.Stepdowns, BaseMean: 101.94, AltMean: 147.76, DiffMean: 45.82, N: 100},
		{Scenario: alt.Name, Baseline: base.Name, Period: sim.WholeRun, KPI: sim.CostProgramme, AltMean: 2_000_000, DiffMean: 2_000_000, N: 100},
	}
	want := "Step-downs paid for: the strategy steps down 147.8 children over the run and the baseline 101.9; " +
		"each of the 45.8 extra step-downs costs £43,600 (the programme costs over the run, £2.0m, ÷ 45.8)."
	if got := StepDownCostNote(base, alt, rows); got != want {
		t.Errorf("a programme for the first year: note %q, want %q", got, want)
	}
	late := *alt
	late.Interventions = []model.Intervention{alt.Interventions[0]}
	late.Interventions[0].From, late.Interventions[0].To = start.AddDate(1, 0, 0), time.Time{}
	if got := StepDownCostNote(base, &late, rows); got != want {
		t.Errorf("a programme from the second year: note %q, want %q", got, want)
	}
	mixed := *alt
	mixed.Interventions = append([]model.Intervention{{Action: model.EntryRate, Label: "Early help", Factor: 0.9,
		From: start, Cost: model.ProgrammeCost{PerYearGBP: 100_000}}}, alt.Interventions...)
	if got := StepDownCostNote(base, &mixed, rows); got != "" {
		t.Errorf("a programme for the first year beside other costs: note %q, want none", got)
	}
	// Two priced changes, one after the other, cover the run: the whole note, with no price
	// a step-down picked from one of them.
	two := mixed
	second := alt.Interventions[0]
	second.From, second.To, second.Cost.PerUnitGBP = start.AddDate(1, 0, 0), time.Time{}, 70_000
	two.Interventions = append(append([]model.Intervention{}, mixed.Interventions...), second)
	got := StepDownCostNote(base, &two, rows)
	if want := "so the baseline makes as many as 69% of the step-downs the programme pays for without it."; !strings.HasSuffix(got, want) {
		t.Errorf("two prices over the run beside other costs: note %q, want it to end %q", got, want)
	}
}
