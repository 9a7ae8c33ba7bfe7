package model

import (
	"strings"
	"testing"
	"time"
)

// TestValidateProgrammeCost checks what Validate says of an intervention's cost: a cost per
// unit only for an action that serves units, early help's units a year, one cost per approval,
// and dates in the run.
func TestValidateProgrammeCost(t *testing.T) {
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		iv   Intervention
		want []string // the problems, in order
	}{
		{"every kind of cost",
			Intervention{Action: StepDownRate, Factor: 2, From: d(2026, 4, 1), Cost: ProgrammeCost{
				OneOffGBP: 1e5, OneOffOn: d(2027, 1, 1), PerYearGBP: 5e4, PerYearFrom: d(2026, 5, 1), PerYearTo: d(2027, 5, 1),
				PerUnitGBP: 39000, OwnInflation: true, InflationPerYear: 0.02}}, nil},
		{"a unit for an action that serves none",
			Intervention{Action: Price, Kind: 0, Factor: 1.1, From: d(2026, 4, 1), Cost: ProgrammeCost{PerUnitGBP: 10}},
			[]string{"interventions[0].cost.per_unit_gbp: price serves no unit a programme pays for (give one_off_gbp or per_year_gbp)"}},
		{"early help paid by the family, with no families",
			Intervention{Action: EntryRate, Factor: 0.9, From: d(2026, 4, 1), Cost: ProgrammeCost{PerUnitGBP: 8200}},
			[]string{"interventions[0].cost.units_per_year: must be given with per_unit_gbp for entry_rate"}},
		{"units a year for an action whose units are counted",
			Intervention{Action: StepDownRate, Factor: 2, From: d(2026, 4, 1), Cost: ProgrammeCost{PerUnitGBP: 1, UnitsPerYear: 10}},
			[]string{"interventions[0].cost.units_per_year: is only for entry_rate"}},
		{"two costs for one approval",
			Intervention{Action: ExtraApprovals, Kind: 1, PerYear: 5, RecruitmentCostGBP: 12000, From: d(2026, 4, 1), Cost: ProgrammeCost{PerUnitGBP: 15000}},
			[]string{"interventions[0].cost.per_unit_gbp: replaces recruitment_cost_gbp as the cost of each approval: give one of them"}},
		{"dates outside the run and out of order",
			Intervention{Action: EntryRate, Factor: 0.9, From: d(2026, 4, 1), Cost: ProgrammeCost{
				OneOffGBP: 1, OneOffOn: d(2030, 1, 1), PerYearGBP: 1, PerYearFrom: d(2027, 4, 1), PerYearTo: d(2027, 4, 1)}},
			[]string{"interventions[0].cost.one_off_on: 2030-01-01 is outside the run (2026-04-01 to 2028-03-31)",
				"interventions[0].cost.per_year_to: must be after the date the yearly cost starts (2027-04-01)"}},
		{"negative amounts and a wild inflation",
			Intervention{Action: EntryRate, Factor: 0.9, From: d(2026, 4, 1), Cost: ProgrammeCost{
				OneOffGBP: -1, PerYearGBP: -1, OwnInflation: true, InflationPerYear: 2}},
			[]string{"interventions[0].cost.one_off_gbp: must be between £0 and £1,000,000,000 paid once",
				"interventions[0].cost.per_year_gbp: must be between £0 and £1,000,000,000 a year",
				"interventions[0].cost.inflation_per_year: must be between -0.5 and 1 a year"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fullScenario()
			s.Interventions = []Intervention{tt.iv}
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

// TestValidateOneOffInWarmup checks that a one-off cost dated in the warm-up, which a business
// case would leave out without a word, is refused with what to do, whether it is dated by
// one_off_on or falls on the intervention's from; a yearly cost running on from the warm-up
// is counted from the start, and is allowed.
func TestValidateOneOffInWarmup(t *testing.T) {
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	const sunk = " is in the warm-up, before the start (2026-04-01), and the business case counts costs from the start only: date the one-off cost on or after 2026-04-01, or leave out a cost already sunk"
	tests := []struct {
		name string
		iv   Intervention
		want []string
	}{
		{"dated in the warm-up",
			Intervention{Action: EntryRate, Factor: 0.9, From: d(2025, 4, 1), Cost: ProgrammeCost{OneOffGBP: 1.1e6, OneOffOn: d(2025, 6, 1)}},
			[]string{"interventions[0].cost.one_off_on: 2025-06-01" + sunk}},
		{"on a from in the warm-up",
			Intervention{Action: EntryRate, Factor: 0.9, From: d(2025, 4, 1), Cost: ProgrammeCost{OneOffGBP: 1.1e6}},
			[]string{"interventions[0].cost.one_off_on: 2025-04-01 (not given, so on from)" + sunk}},
		{"dated at the start", Intervention{Action: EntryRate, Factor: 0.9, From: d(2025, 4, 1), Cost: ProgrammeCost{OneOffGBP: 1.1e6, OneOffOn: d(2026, 4, 1)}}, nil},
		{"a yearly cost from the warm-up", Intervention{Action: EntryRate, Factor: 0.9, From: d(2025, 4, 1), Cost: ProgrammeCost{PerYearGBP: 1e5}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fullScenario()
			s.WarmupYears = 2
			s.Interventions = []Intervention{tt.iv}
			var got []string
			for _, p := range s.Validate() {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestReservedKindNames checks that a kind cannot take the name of a part of the spending
// split, whose cost_ KPI it would share.
func TestReservedKindNames(t *testing.T) {
	for _, name := range []string{"emergency", "placements", "carers", "own_provision", "programme"} {
		s := minimal()
		s.Kinds[0].Name = name
		ps := s.Validate()
		if len(ps) != 1 || ps[0].Field != "kinds[0].name" || !strings.Contains(ps[0].Message, "reserved") {
			t.Errorf("kind named %s: %v, want one problem saying the name is reserved", name, ps)
		}
	}
}

// TestCostUnit checks that every action says what a unit of its programme is, or that it
// serves none.
func TestCostUnit(t *testing.T) {
	none := map[Action]bool{Capacity: true, UASCSurge: true, Price: true, Inflation: true, LeaverPlaces: true, BreakdownRate: true, EscalationRate: true}
	for a := Action(0); a < NumActions; a++ {
		unit, ok := a.CostUnit()
		if ok == none[a] || ok != (unit != "") {
			t.Errorf("%s: CostUnit() = %q, %v", a, unit, ok)
		}
	}
	if _, ok := NumActions.CostUnit(); ok {
		t.Error("an unknown action has a unit")
	}
}
