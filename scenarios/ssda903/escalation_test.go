package ssda903

import (
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestEscalationByAge checks the moves into residential care by age at the move. The
// synthetic council moves a child to a kind drawn from the first placements of their age,
// where residential care takes a fifth of the children of 10-15 and a tenth of the young
// people of 16-17: of the moves out of a family or other setting, 0.20-0.25 go to residential
// care at 10-15 (by the kind moved from, a move drawing its own kind being drawn again seven
// times in ten) and at most 0.14 at 16-17, fewer with the UASC's moves, none of which go there.
// A large council's return (900 entries a year) has the moves to tell the bands apart, and its scenario takes each
// band's share, with a base's shares by age replaced; a small one's takes one share for every
// age of 10 or more.
func TestEscalationByAge(t *testing.T) {
	base := baseScenario(t)
	base.EscalationByAge = []model.EscalationBand{{Ages: model.AgeRange{FromYears: 12, ToYears: 17}, Share: 0.9}}
	tr := typical()
	tr.perYear = 900
	_, cal, err := calibrate(base, tr, 7, time.Date(tr.toYear, 3, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	e := cal.Estimates
	if len(e.EscalationByAge) != 2 {
		t.Fatalf("shares by age: %+v, want 10-15 and 16-17 (moves of 10 or more: %d)", e.EscalationByAge, e.Escalation.N)
	}
	young, old := e.EscalationByAge[0], e.EscalationByAge[1]
	if young.Ages != (model.AgeRange{FromYears: 10, ToYears: 15}) || old.Ages != (model.AgeRange{FromYears: 16, ToYears: 17}) {
		t.Fatalf("bands %s and %s, want 10-15 and 16-17", young.Ages, old.Ages)
	}
	for _, b := range e.EscalationByAge {
		if b.N < MinEscalationMoves {
			t.Errorf("aged %s: %d moves, below the %d a band's own share needs", b.Ages, b.N, MinEscalationMoves)
		}
	}
	if young.High < 0.2 || young.Low > 0.25 {
		t.Errorf("aged 10-15: %.3f (90%%: %.3f-%.3f), want an interval meeting 0.20-0.25", young.Value, young.Low, young.High)
	}
	if old.Low > 0.14 {
		t.Errorf("aged 16-17: %.3f (90%%: %.3f-%.3f), want at most 0.14", old.Value, old.Low, old.High)
	}
	if old.High >= young.Low {
		t.Errorf("aged 16-17: %.3f (90%%: %.3f-%.3f), not below 10-15's %.3f (90%%: %.3f-%.3f)", old.Value, old.Low, old.High, young.Value, young.Low, young.High)
	}
	s, notes := cal.Scenario(ScenarioOptions{Name: "t"})
	if s.EscalationShare != 0 || len(s.EscalationByAge) != 2 || s.EscalationByAge[0].Share != round(young.Value, 3) || s.EscalationByAge[1].Share != round(old.Value, 3) {
		t.Errorf("the scenario writes escalation_share %v and escalation_by_age %+v, want each band's own share", s.EscalationShare, s.EscalationByAge)
	}
	if notes.Comments["escalation_by_age[1]"] == "" {
		t.Error("escalation_by_age[1] has no note")
	}
	if len(base.EscalationByAge) != 1 {
		t.Errorf("the base's shares by age changed: %+v", base.EscalationByAge)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("the calibrated scenario does not validate: %v", err)
	}

	small := typical()
	small.perYear, small.uascPerYear, small.fromYear = 40, 3, tr.toYear-3
	_, cal, err = calibrate(base, small, 7, time.Date(small.toYear, 3, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if got := cal.Estimates.EscalationByAge; got != nil {
		t.Errorf("a council of 40 entries a year over three years: shares by age %+v, want one share (moves of 10 or more: %d)", got, cal.Estimates.Escalation.N)
	}
	s, _ = cal.Scenario(ScenarioOptions{Name: "t"})
	if s.EscalationByAge != nil || s.EscalationShare != round(cal.Estimates.Escalation.Value, 3) {
		t.Errorf("the small council's scenario writes escalation_share %v and escalation_by_age %+v, want the one share %.3f", s.EscalationShare, s.EscalationByAge, cal.Estimates.Escalation.Value)
	}
}
