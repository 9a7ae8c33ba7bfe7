package ssda903

import (
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestEscalationReplacesBase checks that a calibrated scenario's escalation share, the
// return's share of the moves of children of 10 or more into residential care, replaces the
// base's shares by age as well as its share: a base's band left in place would take its
// ages' breakdowns from the base rather than the return.
func TestEscalationReplacesBase(t *testing.T) {
	base := baseScenario(t)
	base.EscalationByAge = []model.EscalationBand{{Ages: model.AgeRange{FromYears: 12, ToYears: 17}, Share: 0.9}}
	tr := typical()
	_, cal, err := calibrate(base, tr, 7, time.Date(tr.toYear, 3, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	es := cal.Estimates.Escalation
	if es.N < MinChildren {
		t.Fatalf("%d moves of children of 10 or more, too few for a share", es.N)
	}
	s, _ := cal.Scenario(ScenarioOptions{Name: "t"})
	if s.EscalationByAge != nil || s.EscalationShare != round(es.Value, 3) {
		t.Errorf("the scenario writes escalation_share %v and escalation_by_age %+v, want the return's share %.3f alone", s.EscalationShare, s.EscalationByAge, es.Value)
	}
	if len(base.EscalationByAge) != 1 {
		t.Errorf("the base's shares by age changed: %+v", base.EscalationByAge)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("the calibrated scenario does not validate: %v", err)
	}
}
