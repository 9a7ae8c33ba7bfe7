package scenarios_test

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestHomeNamesInFile checks what a strategy lead reads, file, line and column included, when
// a close_home comes before the home it names opens, or an open_home gives a name already
// taken; and that a close_home after the opening reads without a problem.
func TestHomeNamesInFile(t *testing.T) {
	for _, tt := range []struct {
		name string
		ivs  string
		want []string
	}{
		{"closed before it opens", `
  - {action: open_home, from: 2026-04-01, kind: inhouse_home, count: 3, name: Elm, lead_time_days: 3 years}
  - {action: close_home, from: 2027-04-01, kind: inhouse_home, name: Elm}
`, []string{"homes.yaml:5:32: interventions[1].from: 2027-04-01 is not after 2029-03-31, the day interventions[0] opens Elm " +
			"(its from, 2026-04-01, plus its lead_time_days, 1,095.75 days): a home closes only once open, " +
			"so date the close_home after 2029-03-31 (or, to build no home, leave out both)"}},
		{"closed after it opens", `
  - {action: open_home, from: 2026-04-01, kind: inhouse_home, count: 3, name: Elm, lead_time_days: 3 years}
  - {action: close_home, from: 2029-04-01, kind: inhouse_home, name: Elm}
`, nil},
		{"names taken", `
  - {action: open_home, from: 2026-04-01, kind: inhouse_home, count: 3, name: Oak House}
  - {action: open_home, from: 2026-04-01, kind: inhouse_home, count: 3, name: Elm}
  - {action: open_home, from: 2027-04-01, kind: inhouse_home, count: 2, name: Elm}
`, []string{
			`homes.yaml:4:79: interventions[0].name: "Oak House" is already the name of one of inhouse_home's homes at the start: give the new home a name of its own`,
			`homes.yaml:6:79: interventions[2].name: "Elm" is already the name of the home interventions[1] opens: give each open_home's home a name of its own`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scenarios.Parse(strings.NewReader("extends: default\nname: homes\ninterventions:"+tt.ivs), "homes.yaml", nil)
			var got []string
			if err != nil {
				for _, e := range scenarios.Problems(err) {
					got = append(got, e.Error())
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
