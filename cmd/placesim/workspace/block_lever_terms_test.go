package workspace

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestBlockLeverSetsEndAndWhere checks that the block lever has boxes for the contract's end
// (to) and whether its beds are local: both were under Advanced alone.
func TestBlockLeverSetsEndAndWhere(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	f, err := scenarios.ParseDocument("name: plan\nextends: default\n")
	if err != nil {
		t.Fatal(err)
	}
	ls := leversFor(base)
	values := map[string]string{"block_beds": "2", "block_to": "31/03/2029", "block_local": "false"}
	if bad := applyLevers(f, ls, base, leverState{Values: values}); len(bad) > 0 {
		t.Fatalf("refused: %v", bad)
	}
	s, err := scenarios.ParseFS(strings.NewReader(f.Text()), nil, "plan.yaml", nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, f.Text())
	}
	iv := s.Interventions[len(s.Interventions)-1]
	if iv.Count != 2 || iv.To.Format("2006-01-02") != "2029-03-31" || iv.Local {
		t.Errorf("block_beds %+v, want 2 beds to 2029-03-31, not local:\n%s", iv, f.Text())
	}
	// The boxes show the file's.
	var got map[string]string
	for _, lv := range viewLevers(f, ls, base, s, leverState{}, map[string]string{}, nil, map[string]bool{}) {
		if lv.ID == "block" {
			got = map[string]string{}
			for _, in := range lv.Inputs {
				got[in.ID] = in.Value
			}
		}
	}
	if got["block_to"] != "31/03/2029" || got["block_local"] != "false" {
		t.Errorf("the block lever's boxes show %v", got)
	}
	// To left empty: to the run's end; local again.
	values = map[string]string{"block_beds": "2", "block_to": "", "block_local": "true"}
	if bad := applyLevers(f, ls, base, leverState{Values: values}); len(bad) > 0 {
		t.Fatalf("refused: %v", bad)
	}
	if text := f.Text(); strings.Contains(text, "to:") || !strings.Contains(text, "local: true") {
		t.Errorf("to left empty, local chosen:\n%s", text)
	}
	// A choice not offered is refused beside its box.
	if bad := applyLevers(f, ls, base, leverState{Values: map[string]string{"block_beds": "2", "block_local": "far"}}); bad["block_local"] != "want one of the choices offered" {
		t.Errorf("local far: %v", bad)
	}
}
