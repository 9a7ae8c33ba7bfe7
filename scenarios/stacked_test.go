package scenarios_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestStackedInterventionWarns checks that a file that gives again an intervention it
// inherits through extends (same action and label, or same action and target at the same
// time) is warned at its line and field that both apply, since extends adds a file's
// interventions to its parent's and has no way to replace one; a different change is not.
func TestStackedInterventionWarns(t *testing.T) {
	const head = "name: eh2\nextends: early-help\ninterventions:\n"
	tests := []struct {
		name, item, want string
	}{
		{"same label", "  - {action: entry_rate, label: Early help, from: 2026-04-01, factor: 0.8}\n",
			`eh2.yaml:4:33: interventions[0].label: "Early help" (entry_rate) is also the label of the entry_rate that early-help.yaml gives (line 38, interventions[0]), ` +
				"which this file inherits through extends: both apply (their factors multiply, 0.9 × 0.8) and the one early-help.yaml gives is costed (this one has no cost); " +
				"extends adds a file's interventions to its parent's and cannot replace one, so to run this one in place of the parent's, " +
				"write a file without extends (copy early-help.yaml and change its intervention), or leave this one out and change the parent's with --set interventions[0].FIELD=VALUE"},
		{"same label, both costed", "  - {action: entry_rate, label: Early help, from: 2026-04-01, factor: 0.8, cost: {per_year_gbp: 1000}}\n",
			`eh2.yaml:4:33: interventions[0].label: "Early help" (entry_rate) is also the label of the entry_rate that early-help.yaml gives (line 38, interventions[0]), ` +
				"which this file inherits through extends: both apply (their factors multiply, 0.9 × 0.8) and both are costed; "},
		{"same action and dates", "  - {action: entry_rate, label: More help, from: 2027-04-01, to: 2029-04-01, factor: 0.95}\n",
			"eh2.yaml:4:14: interventions[0].action: this entry_rate acts on the same children, at the same time, as the entry_rate that early-help.yaml gives (line 38, interventions[0])"},
		{"same action and dates, other children", "  - {action: entry_rate, label: More help, from: 2027-04-01, to: 2029-04-01, factor: 0.95, who: {ages: 16-17}}\n", ""},
		{"another action", "  - {action: breakdown_rate, label: Early help, from: 2026-04-01, factor: 0.9}\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := scenarios.ParseResolved(strings.NewReader(head+tt.item), "eh2.yaml", nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range r.Warnings {
				if strings.Contains(w.Error(), "inherits through extends") || strings.Contains(w.Error(), "early-help.yaml gives") {
					got = append(got, w.Error())
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("warned: %s", got)
			case tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.want)):
				t.Errorf("got %s\nwant %s", fmt.Sprint(got), tt.want)
			}
		})
	}
}

// TestStackedAdditionNotWarned checks that a file extending open-childrens-home that opens a
// second home, of another name, at the same time is not told that both apply: open_home adds.
func TestStackedAdditionNotWarned(t *testing.T) {
	const src = "name: two-homes\nextends: open-childrens-home\ninterventions:\n" +
		"  - {action: open_home, label: Open Rowan Lodge, from: 2026-04-01, kind: inhouse_home, count: 2, local: true, name: Rowan Lodge}\n"
	r, err := scenarios.ParseResolved(strings.NewReader(src), "two-homes.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range r.Warnings {
		if strings.Contains(w.Error(), "inherits through extends") {
			t.Errorf("warned: %v", w)
		}
	}
}
