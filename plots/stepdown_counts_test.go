package plots

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// TestStepDownCounts checks that a strategy changing step-down shows the children stepped down
// in numbers: a row of them among the headlines (none for a strategy that leaves step-down
// alone), and, for a programme paid for every step-down, a note of how many of those it pays
// for the baseline makes anyway and what an extra step-down costs, from the run's figures (the
// programme's costs over the run ÷ the extra step-downs; with other programme costs beside,
// the price a step-down ÷ the share that is extra), in the board pack as in the printed lines.
func TestStepDownCounts(t *testing.T) {
	base := testScenario()
	base.Interventions = nil
	alt := testScenario()
	alt.Name = "step-down"
	alt.Interventions = []model.Intervention{{Action: model.StepDownRate, Label: "Intensive support", Factor: 2,
		From: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Cost: model.ProgrammeCost{PerUnitGBP: 56_166}}}
	var rows []CompareRow
	for _, p := range []string{"2026/27", sim.WholeRun} {
		rows = append(rows,
			CompareRow{Scenario: alt.Name, Baseline: base.Name, Period: p, KPI: sim.Stepdowns, BaseMean: 101.94, AltMean: 147.76, DiffMean: 45.82, DiffLo: 44.1, DiffHi: 47.5, N: 100},
			CompareRow{Scenario: alt.Name, Baseline: base.Name, Period: p, KPI: sim.CostProgramme, BaseMean: 0, AltMean: 9_520_000, DiffMean: 9_520_000, DiffLo: 9.4e6, DiffHi: 9.6e6, N: 100})
	}
	want := "Step-downs paid for: the strategy steps down 147.8 children over the run and the baseline 101.9, so the baseline makes as many as 69% of the step-downs " +
		"the programme pays for without it; each of the 45.8 extra step-downs costs £207,800 (the programme costs over the run, £9.5m, ÷ 45.8)."
	if got := StepDownCostNote(base, alt, rows); got != want {
		t.Errorf("note %q, want %q", got, want)
	}
	if got := StepDownCostNote(alt, alt, rows); got != "" {
		t.Errorf("a programme the baseline holds too: note %q, want none", got)
	}
	mixed := *alt
	mixed.Interventions = append([]model.Intervention{{Action: model.EntryRate, Label: "Early help", Factor: 0.9,
		From: alt.Interventions[0].From, Cost: model.ProgrammeCost{PerYearGBP: 100_000}}}, alt.Interventions...)
	if got, want := StepDownCostNote(base, &mixed, rows), "each of the 45.8 extra step-downs costs £181,100 at the start's prices (£56,166 a step-down ÷ the 31% of them that are extra)."; !strings.HasSuffix(got, want) {
		t.Errorf("with another programme's costs: note %q, want it to end %q", got, want)
	}

	hs := Headlines(base)
	if got := WithStepDowns(hs, base, alt); len(got) != len(hs)+1 || got[len(hs)].KPI != sim.Stepdowns || got[len(hs)].Label != StepDownsLabel {
		t.Errorf("a step-down programme's headlines end %+v, want the children stepped down", got[len(got)-1])
	}
	if got := WithStepDowns(hs, base, base); len(got) != len(hs) {
		t.Errorf("a strategy that leaves step-down alone has %d headlines, want %d", len(got), len(hs))
	}
	other := testScenario()
	other.StepDown.FirstYearBreakdownPerYear = 0.5
	if !ChangesStepDown(base, other) {
		t.Error("a strategy with a step_down field of its own does not change step-down")
	}

	r := CompareReport{Baseline: base, Scenarios: []*model.Scenario{alt}, Rows: rows, Cases: []*sim.NetCase{testCase()}, Level: 0.9, Reps: 100, Seed: 1}
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, s := range []string{StepDownsLabel, "101.9", "147.8", html.EscapeString(want)} {
		if !strings.Contains(page, s) {
			t.Errorf("the board pack does not say %q", s)
		}
	}
}
