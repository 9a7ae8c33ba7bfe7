package model

import (
	"strings"
	"testing"
)

// stepDownScenario is minimal with a residential kind (1) beside its agency foster kind (0),
// children stepping down to the agency at the scenario-wide shares.
func stepDownScenario() *Scenario {
	s := minimal()
	s.Kinds = append(s.Kinds, Kind{Name: "spot", Category: Residential, Supply: Market, Accepts: Everyone})
	s.StepDown = StepDown{ReviewDays: 91, ReadyShare: [NumNeeds]float64{0.1, 0.2, 0}, Try: []KindID{0}}
	return s
}

func TestReadyShare(t *testing.T) {
	s := stepDownScenario()
	if got := s.ReadyShare(1, NeedComplex); got != 0.2 {
		t.Errorf("without a kind's own share: ReadyShare = %v, want the scenario-wide 0.2", got)
	}
	s.Kinds[1].StepDownReadyShare = &[NumNeeds]float64{0.3, 0.4, 0.05}
	for n, want := range [NumNeeds]float64{0.3, 0.4, 0.05} {
		if got := s.ReadyShare(1, Need(n)); got != want {
			t.Errorf("kind's own share, %s: ReadyShare = %v, want %v", Need(n), got, want)
		}
	}
	if got := s.ReadyShare(0, NeedStandard); got != 0.1 {
		t.Errorf("another kind: ReadyShare = %v, want the scenario-wide 0.1", got)
	}
}

func TestAnyStepDown(t *testing.T) {
	s := stepDownScenario()
	if !s.AnyStepDown() {
		t.Error("scenario-wide shares above zero: AnyStepDown = false")
	}
	s.StepDown.ReadyShare = [NumNeeds]float64{}
	if s.AnyStepDown() {
		t.Error("no shares: AnyStepDown = true")
	}
	s.Kinds[1].StepDownReadyShare = &[NumNeeds]float64{0, 0, 0.1}
	if !s.AnyStepDown() {
		t.Error("a residential kind's own share above zero: AnyStepDown = false")
	}
	// Only a kind's own share: step_down.try and review_days are then required as they are
	// for the scenario-wide share.
	s.StepDown.Try, s.StepDown.ReviewDays = nil, 0
	got := s.Validate().Err().Error()
	for _, want := range []string{"step_down.review_days: must be between 1 and 365 days",
		"step_down.try: must name at least one provision kind when a kind's step_down_ready_share > 0"} {
		if !strings.Contains(got, want) {
			t.Errorf("Validate = %q, want %q", got, want)
		}
	}
}

func TestValidateKindReadyShare(t *testing.T) {
	for _, tt := range []struct {
		name string
		set  func(s *Scenario)
		want string // a substring of the problems, or "" for none
	}{
		{"residential kind's own share", func(s *Scenario) { s.Kinds[1].StepDownReadyShare = &[NumNeeds]float64{0.2, 0.2, 0} }, ""},
		{"foster kind's own share", func(s *Scenario) { s.Kinds[0].StepDownReadyShare = &[NumNeeds]float64{0.2} },
			"kinds[0].step_down_ready_share: is only for a kind of the residential category (this one is foster)"},
		{"a share of 1.5", func(s *Scenario) { s.Kinds[1].StepDownReadyShare = &[NumNeeds]float64{0.2, 1.5} },
			"kinds[1].step_down_ready_share.complex: must be a share between 0 and 1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := stepDownScenario()
			tt.set(s)
			ps := s.Validate()
			if tt.want == "" {
				if ps != nil {
					t.Fatalf("Validate = %v, want no problems", ps)
				}
				return
			}
			if ps == nil || !strings.Contains(ps.Err().Error(), tt.want) {
				t.Errorf("Validate = %v, want %q", ps, tt.want)
			}
		})
	}
}
