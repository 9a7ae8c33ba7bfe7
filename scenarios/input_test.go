package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

// problemsOf returns the problems of err a line each, or "ok".
func problemsOf(err error) string {
	if err == nil {
		return "ok"
	}
	var lines []string
	for _, p := range Problems(err) {
		lines = append(lines, p.Error())
	}
	return strings.Join(lines, "\n")
}

// TestMergeByNameMisspelt checks that an item of a list merged by name whose name is a
// misspelling of one the base has is refused, not added as an item of its own, and that a
// name of its own (or a number in a series) is added.
func TestMergeByNameMisspelt(t *testing.T) {
	small := "name: small\nstart: 2026-04-01\nyears: 2\nzones:\n  - {name: north, miles: {north: 10}}\n" +
		"councils:\n  - {name: kent, zone: north, scenario: default, size: {children_in_care: 100}}\n"
	dir := writeFiles(t, map[string]string{"small.yaml": small,
		"h1.yaml": "extends: default\nkinds:\n  - name: inhouse_home\n    homes:\n      - {name: Home 1, beds: 3, fixed_cost_per_year_gbp: 900000}\n"})
	for _, tc := range []struct{ name, file, text, want string }{
		{"a home one letter short", "h.yaml",
			"name: t\nextends: default\nkinds:\n  - name: inhouse_home\n    homes:\n      - name: Oak Hous\n        beds: 3\n",
			`h.yaml:6:15: kinds[4].homes[2].name: no home "Oak Hous" in the scenario this file extends: did you mean Oak House? (to add a home, give it a name of its own)`},
		{"a home in another case", "h.yaml",
			"name: t\nextends: default\nkinds:\n  - name: inhouse_home\n    homes:\n      - {name: ash house, beds: 3}\n",
			`h.yaml:6:16: kinds[4].homes[2].name: no home "ash house" in the scenario this file extends: did you mean Ash House? (to add a home, give it a name of its own)`},
		{"a kind misspelt", "k.yaml",
			"name: t\nextends: default\nkinds:\n  - {name: ifaa, weekly_gbp: 900}\n",
			`k.yaml:4:12: kinds[9].name: no kind "ifaa" in the scenario this file extends: did you mean ifa? (to add a kind, give it a name of its own)`},
		{"a home of its own", "h.yaml",
			"name: t\nextends: default\nkinds:\n  - name: inhouse_home\n    homes:\n      - {name: Elm House, beds: 3, fixed_cost_per_year_gbp: 900000}\n",
			"ok"},
		{"a numbered home", "h.yaml",
			"name: t\nextends: h1.yaml\nkinds:\n  - name: inhouse_home\n    homes:\n      - {name: Home 2, beds: 3, fixed_cost_per_year_gbp: 900000}\n",
			"ok"},
		{"a council misspelt", "r.yaml",
			"extends: small.yaml\ncouncils:\n  - {name: kentt, size: {children_in_care: 120}}\n",
			`r.yaml:3:12: councils[1].name: no council "kentt" in the region this file extends: did you mean kent? (to add a council, give it a name of its own)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			p := filepath.Join(dir, tc.file)
			if tc.file == "r.yaml" {
				_, err = ParseRegion(strings.NewReader(tc.text), p, nil)
			} else {
				_, err = Parse(strings.NewReader(tc.text), p, nil)
			}
			got := strings.ReplaceAll(problemsOf(err), dir+string(filepath.Separator), "")
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
