package workspace

import (
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestChoiceBoxWithNoIntervention checks that a lever whose count is left empty, as the page
// sends it before anything is typed, takes its choice box's value without reading it as a
// number: the block lever's Where sent as "true" was refused as "want a number".
func TestChoiceBoxWithNoIntervention(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	for _, where := range []string{"true", "false"} {
		f, err := scenarios.ParseDocument("name: plan\nextends: default\n")
		if err != nil {
			t.Fatal(err)
		}
		vals := map[string]string{"block_beds": "", "block_from": "", "block_price": "", "block_to": "", "block_local": where}
		if bad := applyLevers(f, leversFor(base), base, leverState{Values: vals}); len(bad) > 0 {
			t.Errorf("Where %s with no beds refused: %v", where, bad)
		}
	}
	f, err := scenarios.ParseDocument("name: plan\nextends: default\n")
	if err != nil {
		t.Fatal(err)
	}
	bad := applyLevers(f, leversFor(base), base, leverState{Values: map[string]string{"block_beds": "", "block_local": "nearby"}})
	if bad["block_local"] != "want one of the choices offered" {
		t.Errorf("a choice not offered: %v", bad)
	}
}
