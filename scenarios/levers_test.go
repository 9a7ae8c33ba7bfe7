package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDatedLeversRefused checks the problems a user sees with care_leaver_places (or capacity
// of care_leavers), breakdown_rate, escalation_rate and an entry_rate of some children (who),
// each at its file, line, column and field.
func TestDatedLeversRefused(t *testing.T) {
	dir := writeFiles(t, map[string]string{})
	for _, tc := range []struct{ name, text, want string }{
		{"escalation for escalation_rate", "{action: escalation, from: 2027-04-01, factor: 0.5}",
			`l.yaml:4:14: interventions[0].action: unknown action "escalation" (did you mean escalation_rate?)`},
		{"a kind misspelt", "{action: breakdown_rate, from: 2027-04-01, factor: 0.5, kind: inhouse_fostr}",
			`l.yaml:4:67: interventions[0].kind: unknown provision kind "inhouse_fostr" (did you mean inhouse_foster?)`},
		{"care leavers' places without a count", "{action: care_leaver_places, from: 2027-04-01}",
			"l.yaml:4:5: interventions[0].count: must be given for care_leaver_places"},
		{"a negative factor", "{action: escalation_rate, from: 2027-04-01, factor: -1}",
			"l.yaml:4:57: interventions[0].factor: must be between 0 and 100 times"},
		{"a cost per unit", "{action: breakdown_rate, from: 2027-04-01, factor: 0.5, cost: {per_unit_gbp: 100}}",
			"l.yaml:4:82: interventions[0].cost.per_unit_gbp: breakdown_rate serves no unit a programme pays for (give one_off_gbp or per_year_gbp)"},
		{"care leavers' places with the accommodation off", "{action: capacity, kind: care_leavers, from: 2027-04-01, count: 15}\ncare_leavers: {share: 0, stock: 0}",
			"l.yaml:4:14: interventions[0].action: care_leaver_places changes the places of care leavers' accommodation, which is off (care_leavers.share is 0): set care_leavers.share and its stay first"},
		{"escalation_rate with no escalation", "{action: escalation_rate, from: 2027-04-01, factor: 0.5}\nescalation_share: 0",
			"l.yaml:4:14: interventions[0].action: escalation_rate scales escalation_share and escalation_by_age, and the scenario has neither: no breakdown raises a child's needs"},
		{"ages without who", "{action: entry_rate, from: 2027-04-01, factor: 1.2, ages: 12-15}",
			`l.yaml:4:57: interventions[0].ages: unknown key "ages" (children are selected under who: who: {ages: ...})`},
		{"who on another action", "{action: stepdown_rate, from: 2027-04-01, factor: 1.2, who: {ages: 12-15}}",
			"l.yaml:4:65: interventions[0].who: is not used by stepdown_rate (it reads factor, to, first_year_breakdown_per_year)"},
		{"who of UASC", "{action: entry_rate, from: 2027-04-01, factor: 1.2, who: {ages: 12-15, uasc: only}}",
			"l.yaml:4:82: interventions[0].who.uasc: entry_rate leaves UASC arrivals alone (uasc_surge changes them): leave uasc out"},
		{"who selecting no entrant", "{action: entry_rate, from: 2027-04-01, factor: 1.2, who: {ages: 12-15}}\nentries: {ages: [{ages: 0-4, share: 1, needs: {standard: 1}}]}",
			"l.yaml:4:62: interventions[0].who: selects none of the children entries.ages brings into care: no age band of it holds these ages with a share of these needs"},
		{"who with ages out of range", "{action: entry_rate, from: 2027-04-01, factor: 1.2, who: {ages: 12-25}}",
			"l.yaml:4:69: interventions[0].who.ages: must lie within 0-17 with FROM <= TO"},
		{"12-15s with complex needs", "{action: entry_rate, from: 2027-04-01, factor: 1.2, who: {ages: 12-15, needs: [complex]}, cost: {per_year_gbp: 50k}}", "ok"},
		{"all three, costed", "{action: capacity, kind: care_leavers, from: 2027-04-01, to: 2030-04-01, count: 15, cost: {per_year_gbp: 300k}}\n" +
			"  - {action: breakdown_rate, kind: inhouse_foster, from: 2027-04-01, factor: 0.7, cost: {per_year_gbp: 250k}}\n" +
			"  - {action: escalation_rate, from: 2027-04-01, factor: 0.5}", "ok"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := "name: l\nextends: default\ninterventions:\n  - " + tc.text + "\n"
			_, err := Parse(strings.NewReader(text), filepath.Join(dir, "l.yaml"), nil)
			if got := strings.ReplaceAll(problemsOf(err), dir+string(filepath.Separator), ""); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
