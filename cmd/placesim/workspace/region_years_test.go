package workspace

import (
	"strings"
	"testing"
)

// TestRegionOwnYearsOpensAsBaseline checks that a region file of other years than the region it
// extends opens as a baseline of its own, saying so, as the scenario page opens such a file,
// rather than never running: its run was refused as "cover different years: a comparison
// needs the same".
func TestRegionOwnYearsOpensAsBaseline(t *testing.T) {
	base, _, dir := regionServer(t)
	writeFiles(t, dir, map[string]string{"reg.yaml": "name: reg\nextends: two-counties.yaml\nstart: 2026-04-15\nyears: 2\n"})
	a := runRegionState(t, base, regionState{Tab: "y", Ref: "reg.yaml", Values: map[string]string{}})
	if len(a.Problems) > 0 || a.Error != "" || a.Results == "" {
		t.Errorf("reg.yaml: problems %q, error %q, want it run as a baseline of its own", a.Problems, a.Error)
	}
	_, page := get(t, base+"/region?r=reg.yaml")
	if want := "so reg.yaml is opened as the baseline"; !strings.Contains(page, want) {
		t.Errorf("/region?r=reg.yaml does not say %q", want)
	}
	if strings.Contains(page, "against two-counties.yaml") {
		t.Errorf("/region?r=reg.yaml opens as a strategy against two-counties.yaml")
	}
}
