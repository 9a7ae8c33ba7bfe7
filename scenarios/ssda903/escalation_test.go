package ssda903

import (
	"slices"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestEscalationReplacesBase checks that a calibrated scenario's escalation shares, the return's
// shares of the moves of children of 10 or more into residential care, replace the base's
// shares by age as well as its share: a base's band left in place would take its ages'
// breakdowns from the base rather than the return. With minEscalationMoves moves or more at
// 10-15 and at 16-17, each band has the return's share of its own moves; with fewer in either,
// one share for every age from 10.
func TestEscalationReplacesBase(t *testing.T) {
	base := baseScenario(t)
	base.EscalationByAge = []model.EscalationBand{{Ages: model.AgeRange{FromYears: 12, ToYears: 17}, Share: 0.9}}
	tr := typical()
	_, cal, err := calibrate(base, tr, 7, time.Date(tr.toYear, 3, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	es, by := cal.Estimates.Escalation, cal.Estimates.EscalationByAge
	if es.N < MinChildren || by[0].N < minEscalationMoves || by[1].N < minEscalationMoves {
		t.Fatalf("%d moves of children of 10 or more, %d at 10-15 and %d at 16-17: too few for the test", es.N, by[0].N, by[1].N)
	}
	if by[0].N+by[1].N != es.N {
		t.Errorf("%d moves at 10-15 and %d at 16-17, want the %d of every age from 10", by[0].N, by[1].N, es.N)
	}
	s, _ := cal.Scenario(ScenarioOptions{Name: "t"})
	want := []model.EscalationBand{{Ages: homeBands[0], Share: round(by[0].Value, 3)}, {Ages: homeBands[1], Share: round(by[1].Value, 3)}}
	if s.EscalationShare != round(es.Value, 3) || !slices.Equal(s.EscalationByAge, want) {
		t.Errorf("the scenario writes escalation_share %v and escalation_by_age %+v, want the return's share %.3f and %+v", s.EscalationShare, s.EscalationByAge, es.Value, want)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("the calibrated scenario does not validate: %v", err)
	}
	cal.Estimates.EscalationByAge[1].N = minEscalationMoves - 1
	s, _ = cal.Scenario(ScenarioOptions{Name: "t"})
	if s.EscalationByAge != nil || s.EscalationShare != round(es.Value, 3) {
		t.Errorf("with %d moves at 16-17, the scenario writes escalation_share %v and escalation_by_age %+v, want the return's share %.3f alone", minEscalationMoves-1, s.EscalationShare, s.EscalationByAge, es.Value)
	}
	if len(base.EscalationByAge) != 1 {
		t.Errorf("the base's shares by age changed: %+v", base.EscalationByAge)
	}
}
