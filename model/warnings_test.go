package model

import (
	"strings"
	"testing"
	"time"
)

// TestWarnings checks what a valid scenario allows but most likely does not mean: a National
// Transfer Scheme threshold above the scheme's 0.1% and above 1% of the child population or
// the children the run could ever have in care (0.07 written for 0.07%), but never the scheme's
// own, and a stepdown_rate whose factor, alone or with
// another in force beside it, lifts a ready share above 1.
func TestWarnings(t *testing.T) {
	from := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		set  func(s *Scenario)
		want []string // each warning's field and the start of its message
	}{
		{"the scheme's threshold", func(s *Scenario) {
			s.ChildPopulation, s.Entries.PerYear, s.UASC.PerYear, s.UASC.TransferThresholdShare = 150_000, 300, 55, 0.001
		}, nil},
		{"the scheme's threshold in a council of few children in care", func(s *Scenario) {
			s.ChildPopulation, s.Entries.PerYear, s.UASC.PerYear, s.UASC.TransferThresholdShare = 100_000, 40, 5, 0.001
		}, nil},
		{"a threshold written as a percentage", func(s *Scenario) {
			s.ChildPopulation, s.Entries.PerYear, s.UASC.PerYear, s.UASC.TransferThresholdShare = 150_000, 300, 55, 0.07
			s.Stock = []StockGroup{{Kind: 0, Ages: AgeRange{12, 12}, Count: 40, NeedShares: [NumNeeds]float64{1}}}
		}, []string{"uasc.transfer_threshold_share: 0.07 is 7% of the child population (10,500 children), more than the 110 UASC the run could ever have in care, whom alone the threshold counts (the 0 UASC in care at its start and the 110 expected to arrive over its 2 years, were none to leave), so it is never reached: the National Transfer Scheme's threshold is 0.1% (0.001), or 0.07% (0.0007) before August 2022; write the share, not the percentage"}},
		// The count takes in the warm-up, which the warning says: "over its 3 years" was said
		// of a 1-year run after a 2-year warm-up.
		{"a threshold written as a percentage, after a warm-up", func(s *Scenario) {
			s.ChildPopulation, s.Entries.PerYear, s.UASC.PerYear, s.UASC.TransferThresholdShare = 150_000, 300, 55, 0.07
			s.WarmupYears, s.Years = 2, 1
			s.Stock = []StockGroup{{Kind: 0, Ages: AgeRange{12, 12}, Count: 40, NeedShares: [NumNeeds]float64{1}}}
		}, []string{"uasc.transfer_threshold_share: 0.07 is 7% of the child population (10,500 children), more than the 165 UASC the run could ever have in care, whom alone the threshold counts (the 0 UASC in care at its start and the 165 expected to arrive over its 2-year warm-up and 1 year, were none to leave)"}},
		{"a threshold above 1%", func(s *Scenario) {
			s.ChildPopulation, s.Entries.PerYear, s.UASC.PerYear, s.UASC.TransferThresholdShare = 1000, 300, 55, 0.05
		}, []string{"uasc.transfer_threshold_share: 0.05 is 5% of the child population (50 children), more than the 1% (10 children)"}},
		{"a threshold beyond the children a surge brings", func(s *Scenario) {
			s.ChildPopulation, s.Entries.PerYear, s.UASC.PerYear, s.UASC.TransferThresholdShare = 100_000, 10, 10, 0.002
			s.Interventions = []Intervention{{Action: UASCSurge, Factor: 2, PerYear: 20, From: from, To: from.AddDate(1, 0, 0)}}
		}, []string{"uasc.transfer_threshold_share: 0.002 is 0.2% of the child population (200 children), more than the 50 UASC"}},
		{"a threshold within the children a surge brings", func(s *Scenario) {
			s.ChildPopulation, s.Entries.PerYear, s.UASC.PerYear, s.UASC.TransferThresholdShare = 100_000, 10, 10, 0.002
			s.Interventions = []Intervention{{Action: UASCSurge, Factor: 2, PerYear: 200, From: from, To: from.AddDate(1, 0, 0)}}
		}, nil},
		// The scheme counts UASC only: other children coming into care never reach it.
		{"a threshold within the children more entries bring, beyond the UASC", func(s *Scenario) {
			s.ChildPopulation, s.Entries.PerYear, s.UASC.PerYear, s.UASC.TransferThresholdShare = 100_000, 10, 10, 0.002
			s.Interventions = []Intervention{{Action: EntryRate, Factor: 10, From: from}}
		}, []string{"uasc.transfer_threshold_share: 0.002 is 0.2% of the child population (200 children), more than the 20 UASC"}},
		{"a threshold beyond the UASC in care and arriving, within all children", func(s *Scenario) {
			s.ChildPopulation, s.Entries.PerYear, s.UASC.PerYear, s.UASC.TransferThresholdShare = 150_000, 2000, 55, 0.006
			s.Stock = []StockGroup{{Kind: 0, Ages: AgeRange{16, 16}, Count: 65, NeedShares: [NumNeeds]float64{1}, UASC: true},
				{Kind: 0, Ages: AgeRange{12, 12}, Count: 800, NeedShares: [NumNeeds]float64{1}}}
		}, []string{"uasc.transfer_threshold_share: 0.006 is 0.6% of the child population (900 children), more than the 175 UASC the run could ever have in care, whom alone the threshold counts (the 65 UASC in care at its start and the 110 expected to arrive over its 2 years, were none to leave), so it is never reached"}},
		{"a threshold the UASC reach", func(s *Scenario) {
			s.ChildPopulation, s.Entries.PerYear, s.UASC.PerYear, s.UASC.TransferThresholdShare = 100_000, 10, 150, 0.002
		}, nil},
		{"a ready share raised to 1", func(s *Scenario) {
			s.StepDown.ReadyShare = [NumNeeds]float64{0.1, 0.25, 0}
			s.Interventions = []Intervention{{Action: StepDownRate, Factor: 4, From: from}}
		}, nil},
		{"a ready share raised above 1", func(s *Scenario) {
			s.StepDown.ReadyShare = [NumNeeds]float64{0.08, 0.15, 0}
			s.Interventions = []Intervention{{Action: StepDownRate, Factor: 20, From: from}}
		}, []string{"interventions[0].factor: multiplies step_down.ready_share.complex 0.15 by 20 to 3, more than 1: a chance stops at 1, so every review then finds every such child ready to step down, whatever the factor above 6.66: give a factor of at most 6.66"}},
		{"a kind's own ready share raised above 1 by two at once", func(s *Scenario) {
			addBlock(s)
			s.Kinds[1].StepDownReadyShare = &[NumNeeds]float64{0, 0.4, 0}
			s.Interventions = []Intervention{
				{Action: StepDownRate, Factor: 2, From: from},
				{Action: StepDownRate, Factor: 1.5, From: from.AddDate(1, 0, 0), To: from.AddDate(2, 0, 0)},
				{Action: StepDownRate, Factor: 2, From: from.AddDate(3, 0, 0)},
			}
		}, []string{
			"interventions[0].factor: multiplies kinds.block.step_down_ready_share.complex 0.4 by 2 (by 4 with the stepdown_rate in force beside it) to 1.6",
			"interventions[1].factor: multiplies kinds.block.step_down_ready_share.complex 0.4 by 1.5 (by 3 with the stepdown_rate in force beside it) to 1.2",
			"interventions[2].factor: multiplies kinds.block.step_down_ready_share.complex 0.4 by 2 (by 4 with",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := minimal()
			tt.set(s)
			ws := s.Warnings()
			if len(ws) != len(tt.want) {
				t.Fatalf("warnings %v, want %d: %q", ws, len(tt.want), tt.want)
			}
			for i, w := range ws {
				if got := w.Field + ": " + w.Message; !strings.HasPrefix(got, tt.want[i]) {
					t.Errorf("warning %s\nwant it to begin %s", got, tt.want[i])
				}
			}
		})
	}
}
