package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHomeLeverNamesAFreeName checks that "Open a children's home" gives its home a name the
// baseline's home kind does not already use, at the start or opened by an open_home, so that
// the lever is not refused on such a baseline; and that the lever's effect line names the
// home, as the scenario file does.
func TestHomeLeverNamesAFreeName(t *testing.T) {
	base, _, dir := testServer(t)
	for name, text := range map[string]string{
		"has-new-home.yaml": `name: has-new-home
extends: default
interventions:
  - {action: open_home, kind: inhouse_home, from: 2027-04-01, count: 2, name: New home, fixed_cost_per_year_gbp: 600000}
`,
		"new-homes.yaml": `name: new-homes
extends: default
kinds:
  - name: inhouse_home
    homes:
      - {name: Oak House, beds: 4, local: true, fixed_cost_per_year_gbp: 1100000}
      - {name: New home, beds: 4, local: true, fixed_cost_per_year_gbp: 1100000}
interventions:
  - {action: open_home, kind: inhouse_home, from: 2027-04-01, count: 2, name: New home 2, fixed_cost_per_year_gbp: 600000}
`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		base, want string
	}{
		{"default", "New home"},
		{"has-new-home.yaml", "New home 2"},
		{"new-homes.yaml", "New home 3"},
	} {
		t.Run(tc.base, func(t *testing.T) {
			var a runResponse
			post(t, base, "/api/run", wsState{Tab: "home", Base: tc.base, Check: true,
				Values: map[string]string{"home_beds": "3", "home_opens": "1/4/2028"}}, &a)
			var refused []string
			for id, in := range a.Inputs {
				if in.Error != "" {
					refused = append(refused, id+": "+in.Error)
				}
			}
			if len(a.Problems) > 0 || len(refused) > 0 {
				t.Errorf("the lever is refused: %q %q", a.Problems, refused)
			}
			if want := "name: " + tc.want + "\n"; !strings.Contains(a.Text, want) {
				t.Errorf("the file does not name the home %s:\n%s", tc.want, a.Text)
			}
			if got, want := a.Effects["home"], "scenario: a home named "+tc.want+", 3 beds from 01/04/2028, running at £901,500 a year, and £1,213,000 once on 01/04/2027 to buy and set it up"; got != want {
				t.Errorf("the lever's effect reads %q, want %q", got, want)
			}
		})
	}
}
