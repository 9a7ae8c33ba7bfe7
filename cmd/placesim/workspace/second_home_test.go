package workspace

import (
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestSecondHomeNamed checks that a second home added under Advanced, which no lever manages,
// is listed by its name and begun with a capital as the list's other items are: "Open Home B
// (a home of 2 beds ...)", where it read "open home (a home of 2 beds ...)".
func TestSecondHomeNamed(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	alt, err := scenarios.Parse(strings.NewReader("extends: default\ninterventions:\n"+
		"  - {action: open_home, kind: inhouse_home, from: 2027-04-01, count: 3, name: New home, fixed_cost_per_year_gbp: 825000}\n"+
		"  - {action: open_home, kind: inhouse_home, from: 2028-04-01, count: 2, name: Home B, fixed_cost_per_year_gbp: 600000}\n"), "two.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := leverChanges(leversFor(base), base, alt, 0)
	if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "Open Home B (a home of 2 beds") }) {
		t.Errorf("the second home is not listed by its name: %q", got)
	}
}
