package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestProblemAtTheCause checks that a problem between two fields is told where the file that
// set the later of them set it: a file that caps care leavers' places over the default's
// stock is told at its cap, with where the stock came from and what to set, not sent to a
// line of the built-in file it never wrote.
func TestProblemAtTheCause(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"cap2.yaml":      "name: cl-cap\nextends: default\ncare_leavers:\n  places: 60\n",
		"both.yaml":      "name: both\nextends: default\ncare_leavers:\n  places: 60\n  stock: 70\n",
		"off.yaml":       "name: off\nextends: default\ncare_leavers:\n  share: 0\n",
		"stock.yaml":     "name: stock\nextends: cap2.yaml\ncare_leavers:\n  stock: 70\n",
		"esc.yaml":       "extends: default\ninterventions:\n  - {action: escalation_rate, from: 2026-04-01, factor: 0.5}\n",
		"esc_child.yaml": "extends: esc.yaml\nescalation_share: 0\n",
		"cl.yaml":        "extends: default\ncare_leavers: {places: 60, stock: 60}\ninterventions:\n  - {action: care_leaver_places, from: 2029-04-01, count: 120}\n",
		"cl_child.yaml":  "extends: cl.yaml\ncare_leavers:\n  share: 0\n  stock: 0\n",
		"who.yaml":       "extends: default\ninterventions:\n  - {action: entry_rate, from: 2026-04-01, factor: 1.5, who: {ages: 12-15, needs: [complex]}}\n",
		"who_child.yaml": "extends: who.yaml\nentries:\n  ages:\n    - {ages: 0-9, share: 0.6, needs: {standard: 1}}\n    - {ages: 10-17, share: 0.4, needs: {standard: 1}}\n",
	})
	for _, tc := range []struct {
		name, file string
		sets       []string
		want       string
	}{
		{"a cap over the parent's stock", "cap2.yaml", nil,
			"cap2.yaml:4:11: care_leavers.places: 60 places, fewer than the 93 young people at the start that care_leavers.stock (from default.yaml:287:10) gives: set care_leavers.stock too, to 60 or fewer (or raise places)"},
		{"a cap and a stock in one file", "both.yaml", nil,
			"both.yaml:5:10: care_leavers.stock: 70 young people at the start, more than the 60 care_leavers.places"},
		{"a stock over the parent's cap", "stock.yaml", nil,
			"stock.yaml:4:10: care_leavers.stock: 70 young people at the start, more than the 60 care_leavers.places"},
		{"a cap by --set", "default", []string{"care_leavers.places=60"},
			"--set care_leavers.places=60: care_leavers.places: 60 places, fewer than the 93 young people at the start that care_leavers.stock (from default.yaml:287:10) gives: set care_leavers.stock too, to 60 or fewer (or raise places)"},
		{"the accommodation turned off over the parent's stock", "off.yaml", nil,
			"off.yaml:4:10: care_leavers.share: 0 turns the accommodation off, but care_leavers.stock (from default.yaml:287:10) has 93 young people there at the start: set care_leavers.stock to 0 too"},
		{"escalation turned off under an escalation_rate", "esc_child.yaml", nil,
			"esc_child.yaml:2:19: escalation_share: 0, with no escalation_by_age, leaves nothing for the escalation_rate of interventions[0] (from esc.yaml:3:14) to scale: no breakdown raises a child's needs; leave that intervention out too, or keep escalation_share above 0"},
		{"escalation turned off by --set under an escalation_rate", "esc.yaml", []string{"escalation_share=0"},
			"--set escalation_share=0: escalation_share: 0, with no escalation_by_age, leaves nothing for the escalation_rate of interventions[0] (from esc.yaml:3:14) to scale: no breakdown raises a child's needs; leave that intervention out too, or keep escalation_share above 0"},
		{"the accommodation turned off under a care_leaver_places", "cl_child.yaml", nil,
			"cl_child.yaml:3:10: care_leavers.share: 0 turns the accommodation off, but the care_leaver_places of interventions[0] (from cl.yaml:4:14) changes its places: leave that intervention out too, or keep care_leavers.share above 0"},
		{"entries.ages with none of the children a who selects", "who_child.yaml", nil,
			"who_child.yaml:4:5: entries.ages: none of its age bands brings into care the children the who of interventions[0] (from who.yaml:3:62) selects (no band holds these ages with a share of these needs), so that entry_rate changes no child: give such a band a share of these needs, or change that who too"},
		{"an escalation_rate and no escalation in one file", "esc_child.yaml", []string{"interventions=[{action: escalation_rate, from: 2026-04-01, factor: 0.5}]"},
			"--set interventions=[{action: escalation_rate, from: 2026-04-01, factor: 0.5}]: interventions[0].action: escalation_rate scales escalation_share and escalation_by_age, and the scenario has neither: no breakdown raises a child's needs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ref := tc.file
			if ref != "default" {
				ref = filepath.Join(dir, ref)
			}
			_, err := Load(ref, tc.sets)
			got := strings.ReplaceAll(problemsOf(err), dir+string(filepath.Separator), "")
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
