package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProblemsFollowingAReplacedList checks that a problem found in a file extended that
// follows from a list of the extending file replacing its parent's is said at that list, with
// what it replaced: a close_home of the base naming a home that a kind's replace_homes left
// out, and a kind of the base that only the stock used, once a stock that leaves its children
// out replaced the base's.
func TestProblemsFollowingAReplacedList(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"closes.yaml": "name: closes\nextends: default\ninterventions:\n  - {action: close_home, from: 2027-01-01, kind: inhouse_home, name: Oak House}\n",
		"homes.yaml": "name: homes\nextends: closes.yaml\nkinds:\n  - name: inhouse_home\n    replace_homes: true\n    homes:\n" +
			"      - {name: Elm House, beds: 4, local: true, fixed_cost_per_year_gbp: 1100000}\n",
		"keeps.yaml": "name: keeps\nextends: closes.yaml\nkinds:\n  - name: inhouse_home\n    replace_homes: true\n    homes:\n" +
			"      - {name: Oak House, beds: 4, local: true, fixed_cost_per_year_gbp: 1100000}\n",
		"secure.yaml": "name: secure\nextends: default\nkinds:\n  - name: secure\n    label: Secure homes\n    category: residential\n    supply: market\n" +
			"    accepts: {ages: 10-17}\n    weekly_gbp: 8000\nstock:\n  - {kind: secure, ages: 15, count: 2, needs: {complex: 1}, male_share: 0.5}\n" +
			"  - {kind: ifa, ages: 10, count: 20, needs: {standard: 1}, male_share: 0.5}\n",
		"stock.yaml": "name: stock\nextends: secure.yaml\nstock:\n  - {kind: ifa, ages: 10, count: 25, needs: {standard: 1}, male_share: 0.5}\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct{ file, want string }{
		{"homes.yaml", "homes.yaml:7:7: kinds[0].homes: replaces the 2 items default.yaml gives (line 405), dropping name: Oak House; name: Ash House; with them gone, interventions[0].name: names no home of inhouse_home"},
		{"stock.yaml", "stock.yaml:4:3: stock: replaces the 2 items secure.yaml gives (line 11); with them gone, kinds[0]: secure: no ladder or step_down.try names it"},
		{"keeps.yaml", ""},
	} {
		t.Run(tt.file, func(t *testing.T) {
			_, err := Load(filepath.Join(dir, tt.file), nil)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			ps := Problems(err)
			if len(ps) != 1 || !strings.HasPrefix(strings.ReplaceAll(ps[0].Error(), dir+string(filepath.Separator), ""), tt.want) {
				t.Errorf("problems %v\nwant one beginning %s", ps, tt.want)
			}
		})
	}
}
