package plots

import (
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestStrategyChangesCostTerms checks that what a strategy changes states each programme's cost
// terms (the home's running cost, its capital, a cost a household or a step-down), and that a
// cost paid for every step-down, those the baseline would make anyway included, says so where
// the business case is shown.
func TestStrategyChangesCostTerms(t *testing.T) {
	base := testScenario()
	base.Interventions = nil
	const home = 2 // inhouse_home
	alt := testScenario()
	alt.Interventions = []model.Intervention{
		{Action: model.OpenHome, Label: "Open a 4-bed home", Kind: home, Count: 4, From: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
			FixedCostPerYearGBP: 1_100_000, Cost: model.ProgrammeCost{OneOffGBP: 1_480_000, OneOffOn: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)}},
		{Action: model.StepDownRate, Label: "Intensive support", Factor: 2, From: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
			Cost: model.ProgrammeCost{PerUnitGBP: 39_000, PerYearGBP: 120_000}},
	}
	got := strings.Join(StrategyChanges(base, alt), "\n")
	for _, want := range []string{
		"costs: the home costs £1,100,000 a year to run, whether its beds are full or empty (with the council's own carers and homes); a one-off cost of £1,480,000 in April 2027 (capital and set-up)",
		"costs: £120,000 a year to run; £39,000 for every child stepped down while it is in force, those the baseline would step down anyway included",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("what the strategy changes does not say %q:\n%s", want, got)
		}
	}
	notes := UnitCostNotes(base, alt)
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "Intensive support: its running cost pays £39,000 for every child stepped down") {
		t.Errorf("notes under the business case %q, want one of the step-downs' cost", notes)
	}
	if notes := UnitCostNotes(alt, alt); len(notes) != 0 {
		t.Errorf("a programme the baseline holds too is noted: %q", notes)
	}
}

// TestExtraApprovalsCostTerms checks that the pack states what a recruitment programme pays to
// recruit each household it approves: its own price (recruitment_cost_gbp), or the pool's when
// it gives none; once it said nothing of either.
func TestExtraApprovalsCostTerms(t *testing.T) {
	s := testScenario()
	s.Kinds[0].Carers.RecruitmentCostPerApprovalGBP = 12_000
	from := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	own := model.Intervention{Action: model.ExtraApprovals, Kind: 0, PerYear: 10, From: from, RecruitmentCostGBP: 15_000}
	if got, want := CostTerms(s, own), "costs: £15,000 to recruit and assess each household it approves, in place of the pool's cost"; !strings.HasPrefix(got, want) {
		t.Errorf("own price: %q, want %q...", got, want)
	}
	pool := model.Intervention{Action: model.ExtraApprovals, Kind: 0, PerYear: 10, From: from}
	if got, want := CostTerms(s, pool), "costs: £12,000 to recruit and assess each household it approves, the pool's cost"; !strings.HasPrefix(got, want) {
		t.Errorf("the pool's price: %q, want %q...", got, want)
	}
	unit := model.Intervention{Action: model.ExtraApprovals, Kind: 0, PerYear: 10, From: from, Cost: model.ProgrammeCost{PerUnitGBP: 9_000}}
	if got := CostTerms(s, unit); strings.Contains(got, "recruit and assess") {
		t.Errorf("a cost a household in place of both: %q", got)
	}
}
