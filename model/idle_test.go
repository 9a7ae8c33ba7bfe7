package model

import (
	"reflect"
	"testing"
	"time"
)

func TestIdle(t *testing.T) {
	from := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		set  func(s *Scenario)
		want []string
	}{
		{"a surge where no UASC arrive", func(s *Scenario) {
			s.Interventions = []Intervention{{Action: UASCSurge, Factor: 2, From: from}}
		}, []string{"interventions[0].factor"}},
		{"a surge where UASC arrive", func(s *Scenario) {
			s.UASC.PerYear = 10
			s.Interventions = []Intervention{{Action: UASCSurge, Factor: 2, From: from}}
		}, nil},
		{"a surge that adds arrivals of its own", func(s *Scenario) {
			s.Interventions = []Intervention{{Action: UASCSurge, Factor: 1, PerYear: 20, From: from}}
		}, nil},
		{"early help where no child enters", func(s *Scenario) {
			s.Entries.PerYear = 0
			s.Interventions = []Intervention{{Action: EntryRate, Factor: 0.9, From: from}}
		}, []string{"interventions[0].factor"}},
		{"a faster step-down where none steps down", func(s *Scenario) {
			s.StepDown.ReadyShare = [NumNeeds]float64{}
			s.Interventions = []Intervention{{Action: StepDownRate, Factor: 2, From: from}}
		}, []string{"interventions[0].factor"}},
		{"fewer escalations where none escalate", func(s *Scenario) {
			s.EscalationShare = 0
			s.Interventions = []Intervention{{Action: EscalationRate, Factor: 0.5, From: from}}
		}, []string{"interventions[0].factor"}},
		{"care leavers' places where none go", func(s *Scenario) {
			s.CareLeavers.Share = 0
			s.Interventions = []Intervention{{Action: LeaverPlaces, Count: 5, From: from}}
		}, []string{"interventions[0].count"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := minimal()
			tt.set(s)
			var got []string
			for _, p := range s.Idle() {
				got = append(got, p.Field)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v (%v)", got, tt.want, s.Idle())
			}
		})
	}
}
