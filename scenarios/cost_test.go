package scenarios

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestProgrammeCost checks that an intervention's cost block reads into model.ProgrammeCost
// with its units and defaults, and that Encode writes it back so that it reads the same.
func TestProgrammeCost(t *testing.T) {
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name, cost string
		want       model.ProgrammeCost
	}{
		{"none", "", model.ProgrammeCost{}},
		{"every field", `
    cost:
      one_off_gbp: £1.1m
      one_off_on: 2026-10-01
      per_year_gbp: "£120,000"
      per_year_from: 2026-07-01
      per_year_to: 2030-04-01
      per_unit_gbp: 39000
      inflation_per_year: 0.02`,
			model.ProgrammeCost{OneOffGBP: 1.1e6, OneOffOn: d(2026, 10, 1), PerYearGBP: 120_000, PerYearFrom: d(2026, 7, 1),
				PerYearTo: d(2030, 4, 1), PerUnitGBP: 39_000, OwnInflation: true, InflationPerYear: 0.02}},
		{"the scenario's inflation unless stated", "\n    cost: {per_year_gbp: 40k}", model.ProgrammeCost{PerYearGBP: 40_000}},
		{"its own inflation of nothing", "\n    cost: {per_year_gbp: 40k, inflation_per_year: 0}", model.ProgrammeCost{PerYearGBP: 40_000, OwnInflation: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "extends: default\ninterventions:\n  - action: stepdown_rate\n    from: 2026-04-01\n    factor: 2" + tt.cost + "\n"
			s, err := Parse(strings.NewReader(text), "cost.yaml", nil)
			if err != nil {
				t.Fatal(err)
			}
			got := s.Interventions[len(s.Interventions)-1].Cost
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("cost %+v, want %+v", got, tt.want)
			}
			var buf bytes.Buffer
			if err := Encode(&buf, s, EncodeOptions{}); err != nil {
				t.Fatal(err)
			}
			back, err := Parse(&buf, "encoded.yaml", nil)
			if err != nil {
				t.Fatalf("the encoded scenario does not read: %v\n%s", err, buf.String())
			}
			if !reflect.DeepEqual(back.Interventions, s.Interventions) {
				t.Errorf("encoded and read back: %+v, want %+v", back.Interventions[len(back.Interventions)-1].Cost, got)
			}
		})
	}
}

// TestProgrammeCostErrors checks that a wrong cost block is reported at its file, line and
// column with the field's path: an unknown key, a value of the wrong type, and the problems
// model.Validate finds.
func TestProgrammeCostErrors(t *testing.T) {
	tests := []struct {
		name, iv, want string
	}{
		{"unknown key", "{action: entry_rate, from: 2026-04-01, factor: 0.9, cost: {per_famly_gbp: 8200}}",
			`cost.yaml:3:64: interventions[0].cost.per_famly_gbp: unknown key "per_famly_gbp"`},
		{"not a sum of money", "{action: entry_rate, from: 2026-04-01, factor: 0.9, cost: {per_year_gbp: lots}}",
			"cost.yaml:3:78: interventions[0].cost.per_year_gbp: must be an amount in pounds"},
		{"not a date", "{action: entry_rate, from: 2026-04-01, factor: 0.9, cost: {one_off_gbp: 5, one_off_on: soon}}",
			`cost.yaml:3:92: interventions[0].cost.one_off_on: must be a date such as 2027-04-01, not "soon"`},
		{"a unit for an action that serves none", "{action: price, from: 2026-04-01, kind: ifa, factor: 1.1, cost: {per_unit_gbp: 10}}",
			"cost.yaml:3:84: interventions[0].cost.per_unit_gbp: price serves no unit a programme pays for"},
		{"early help with no families", "{action: entry_rate, from: 2026-04-01, factor: 0.9, cost: {per_unit_gbp: 8200}}",
			"interventions[0].cost.units_per_year: must be given with per_unit_gbp for entry_rate"},
		{"a negative cost", "{action: entry_rate, from: 2026-04-01, factor: 0.9, cost: {one_off_gbp: -5}}",
			"cost.yaml:3:77: interventions[0].cost.one_off_gbp: must be between £0 and £1,000,000,000 paid once"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "extends: default\ninterventions:\n  - " + tt.iv + "\n"
			_, err := Parse(strings.NewReader(text), "cost.yaml", nil)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}
