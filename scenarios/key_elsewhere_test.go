package scenarios

import (
	"strings"
	"testing"
)

// TestKeyInTheWrongPlace checks that a key the schema has elsewhere is told where it belongs,
// that an action written as a key says to write it as action, and that beds in an open_home is
// one problem, not an unknown key and a missing count; the problems are all there are.
func TestKeyInTheWrongPlace(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"carers at the top level", "extends: default\ncarers:\n  inhouse:\n    households: 60\n",
			[]string{`k.yaml:2:1: carers: unknown key "carers" here: it belongs at kinds[].carers`}},
		{"carers in an intervention", "extends: default\ninterventions:\n  - {action: extra_approvals, kind: inhouse_foster, from: 2027-04-01, per_year: 2, carers: 3}\n",
			[]string{`k.yaml:3:84: interventions[0].carers: unknown key "carers" here: it belongs at kinds[].carers`}},
		{"an action as a key", "extends: default\ninterventions:\n  - from: 2028-04-01\n    open_home: {count: 3, kind: inhouse_home}\n",
			[]string{`k.yaml:4:5: interventions[0].open_home: unknown key "open_home": open_home is an action, not a key: write action: open_home, with the fields it reads (kind, count, lead_time_days, fixed_cost_per_year_gbp, local, name) beside it in the intervention, not under open_home`}},
		{"beds for open_home's count", "extends: default\ninterventions:\n  - {action: open_home, kind: inhouse_home, from: 2027-04-01, beds: 2}\n",
			[]string{`k.yaml:3:63: interventions[0].beds: open_home takes count (beds), not beds: write count: 2`}},
		{"beds for block_beds' count", "extends: default\ninterventions:\n  - {action: block_beds, kind: block_residential, from: 2027-04-01, beds: 2, fixed_cost_per_year_gbp: 100}\n",
			[]string{`k.yaml:3:69: interventions[0].beds: block_beds takes count (beds), not beds: write count: 2`}},
		{"beds in capacity, whose count is places", "extends: default\ninterventions:\n  - {action: capacity, kind: ifa, from: 2027-04-01, beds: 2}\n",
			[]string{
				`k.yaml:3:5: interventions[0].count: must be given for capacity`,
				`k.yaml:3:53: interventions[0].beds: unknown key "beds" here: it belongs at kinds[].homes[].beds`,
			}},
		{"a key nowhere in the schema", "extends: default\ncosts: 1\n",
			[]string{`k.yaml:2:1: costs: unknown key "costs" (allowed: name, description, extends, size, start, years, warmup_years, child_population, entries, uasc, stock, stays, stock_stays, staying_put, care_leavers, kinds, ladders, try_first, emergency, step_down, escalation_share, escalation_by_age, prices_at, inflation_per_year, interventions)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.text), "k.yaml", nil)
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", got, strings.Join(tt.want, "\n"))
			}
		})
	}
	t.Run("--set", func(t *testing.T) {
		_, err := Load("default", []string{"carers.inhouse.households=60"})
		if want := `--set carers.inhouse.households=60: carers: unknown key "carers" here: it belongs at kinds[].carers`; err == nil || err.Error() != want {
			t.Errorf("got %v, want %s", err, want)
		}
	})
}
