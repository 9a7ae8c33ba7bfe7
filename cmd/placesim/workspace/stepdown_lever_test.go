package workspace

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestStepDownLeverKindShares checks that the step-down lever's help says which residential
// kinds keep a share of their own, and says nothing of it where none does.
func TestStepDownLeverKindShares(t *testing.T) {
	help := func(s *model.Scenario) string {
		t.Helper()
		for _, l := range leversFor(s) {
			if l.ID == "stepdown" {
				return l.Help
			}
		}
		t.Fatal("no step-down lever")
		return ""
	}
	s, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	if h := help(s); strings.Contains(h, "step down at their own rate") {
		t.Errorf("the default, whose kinds have no share of their own: %q", h)
	}
	s, err = scenarios.Parse(strings.NewReader("extends: default\nkinds:\n  - name: external_residential\n    step_down_ready_share: 0.2\n"), "agencies.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	label := ""
	for _, k := range s.Kinds {
		if k.Name == "external_residential" {
			label = k.Label
		}
	}
	if h, want := help(s), "Children in "+label+" step down at their own rate, which the factor scales too."; !strings.HasSuffix(h, want) {
		t.Errorf("help %q, want it to end %q", h, want)
	}
}
