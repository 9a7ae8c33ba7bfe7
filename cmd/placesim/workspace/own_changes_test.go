package workspace

import (
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestOwnChangesAgainstAnotherBaseline checks that the board pack's list of what a scenario
// changes, and its charts' markers, say every dated change of the scenario's own when the
// baseline it is set against is not the one it extends (Compare's baseline chooser: a file
// that extends default against uasc-surge), not only those after as many as the baseline has.
func TestOwnChangesAgainstAnotherBaseline(t *testing.T) {
	surge, err := scenarios.LoadBuiltin("uasc-surge")
	if err != nil {
		t.Fatal(err)
	}
	alt, err := scenarios.Parse(strings.NewReader("extends: default\ninterventions:\n"+
		"  - {action: price, kind: ifa, from: 2027-04-01, factor: 1.1}\n"+
		"  - {action: price, kind: external_residential, from: 2028-04-01, factor: 1.2}\n"), "prices.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := leverChanges(leversFor(surge), surge, alt, 0)
	want := []string{"Price (prices at 1.1 times for independent fostering agency), from April 2027", "Price (prices at 1.2 times for external children's homes), from April 2028"}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("against uasc-surge, the board pack's changes %q leave out %q", got, w)
		}
	}
	if m := interventionMarkers(alt, surge); len(m) != 2 {
		t.Errorf("against uasc-surge, the charts mark %d changes, want 2: %+v", len(m), m)
	}
	// Against the baseline it extends, the same.
	def, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	if got := leverChanges(leversFor(def), def, alt, 0); !slices.Equal(got, want) {
		t.Errorf("against default: %q, want %q", got, want)
	}
}
