package model

import (
	"strings"
	"testing"
	"time"
)

func minimal() *Scenario {
	return &Scenario{
		Name: "t", Start: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Years: 2,
		Entries:   Entries{PerYear: 10, Ages: []AgeShare{{Ages: AgeRange{0, 17}, Share: 1, NeedShares: [NumNeeds]float64{1, 0, 0}}}},
		Stays:     []StayRule{{Who: Everyone, Stay: Distribution{Kind: Exponential, MeanDays: 100}, ExitShares: [NumEarlyExitRoutes]float64{1}}},
		Kinds:     []Kind{{Name: "ifa", Supply: Market, Accepts: Everyone}},
		Ladders:   []Ladder{{Who: Everyone, Try: []KindID{0}}},
		Emergency: Emergency{RetryDays: 14},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(s *Scenario)
		want   []string // substrings of the problems, in order
	}{
		{"minimal is valid", func(*Scenario) {}, nil},
		{"negative entries", func(s *Scenario) { s.Entries.PerYear = -1 }, []string{"entries.per_year: must be >= 0"}},
		{"ages not summing to 1", func(s *Scenario) { s.Entries.Ages[0].Share = 0.5 }, []string{"entries.ages: shares sum to 0.5, not 1"}},
		{"ladder to nowhere", func(s *Scenario) { s.Ladders[0].Try = []KindID{3} }, []string{"ladders[0].try[0]: names no provision kind"}},
		{"ladder gap", func(s *Scenario) { s.Ladders[0].Who.Ages = AgeRange{0, 11} }, []string{"ladders: no ladder selects a standard-need child aged 12"}},
		{"stay gap", func(s *Scenario) { s.Stays[0].Who.Needs = NeedsOf(NeedStandard) }, []string{"stays: no rule covers a complex-need child aged 0"}},
		{"intervention outside the run", func(s *Scenario) {
			s.Interventions = []Intervention{{Action: EntryRate, Factor: 0.9, From: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}}
		}, []string{"interventions[0].from: 2030-01-01 is outside the run (2026-04-01 to 2028-03-31)"}},
		{"wrong supply for action", func(s *Scenario) {
			s.Interventions = []Intervention{{Action: OpenHome, Count: 3, From: s.Start, Kind: 0}}
		}, []string{"interventions[0].kind: open_home acts on a kind supplied by homes, and ifa is supplied by market"}},
		{"every problem at once", func(s *Scenario) { s.Years = 0; s.Name = "" }, []string{"name: must not be empty", "years: must be between 1 and 100"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := minimal()
			tt.break_(s)
			ps := s.Validate()
			if len(ps) != len(tt.want) {
				t.Fatalf("got %d problems %v, want %d", len(ps), ps, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(ps[i].Error(), w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, ps[i].Error(), w)
				}
			}
		})
	}
}
