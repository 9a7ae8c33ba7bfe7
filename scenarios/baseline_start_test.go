package scenarios

import (
	"testing"
	"time"
)

// calibrated is a council as calibrate writes one: its start the day after its window, and a
// baseline change dated in the window after it (a usual home bed opened in August 2022).
const calibrated = `name: calibrated
extends: default
start: 2022-04-01
interventions:
  - {action: open_home, baseline: true, from: 2022-08-14, kind: inhouse_home, count: 1, lead_time_days: 0, fixed_cost_per_year_gbp: 275000, local: true, name: Usual bed 1}
`

// TestBaselineBeforeStart runs a calibrated council from a later start, alone (--set start) and
// in a region that starts later: its baseline change dated before the start has already
// happened, and applies from the start, where both used to refuse it as outside the run. A
// change that is not part of the baseline, dated before the start, is still refused.
func TestBaselineBeforeStart(t *testing.T) {
	inMyRegion(t, map[string]string{
		"cal.yaml": calibrated,
		"strategy.yaml": `name: strategy
extends: default
interventions:
  - {action: open_home, from: 2022-08-14, kind: inhouse_home, count: 1, name: New bed}
`,
		"cal-region.yaml": "name: cal-region\nstart: 2026-04-01\nyears: 2\nzones:\n  - {name: west, miles: {west: 10}}\ncouncils:\n  - {name: cal, zone: west, scenario: cal.yaml}\n",
	})
	start := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	s, err := Load("cal.yaml", []string{"start=2026-04-01", "warmup_years=0"})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Interventions[len(s.Interventions)-1].From; !got.Equal(start) {
		t.Errorf("alone from 2026-04-01: the baseline home opens %s, want the start", got.Format(time.DateOnly))
	}
	s, err = Load("cal.yaml", []string{"start=2026-04-01"}) // default's warm-up of 2 years
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Interventions[len(s.Interventions)-1].From; !got.Equal(start.AddDate(-2, 0, 0)) {
		t.Errorf("alone from 2026-04-01 after a 2-year warm-up: the baseline home opens %s, want 2024-04-01", got.Format(time.DateOnly))
	}
	reg, err := LoadRegion("cal-region.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	ivs := reg.Councils[0].Scenario.Interventions
	if got := ivs[len(ivs)-1].From; !got.Equal(start) {
		t.Errorf("in a region from 2026-04-01: the baseline home opens %s, want the start", got.Format(time.DateOnly))
	}
	checkProblems(t, "strategy.yaml", nil, "strategy.yaml:4:31: interventions[0].from: 2022-08-14 is outside the run (2026-04-01 to 2036-03-31, after a 2-year warm-up from 2024-04-01): move the date on or after 2024-04-01")
}
