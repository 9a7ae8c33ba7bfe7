package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareJSONStepDowns checks that compare --json gives the rows the printed table gives,
// the step-downs to a family among them, for a programme that steps children down.
func TestCompareJSONStepDowns(t *testing.T) {
	dir := t.TempDir()
	o := mustRun(t, "compare", "default", "step-down-programme", "--reps", "2", "--years", "2", "--json", "--charts=false", "-q", "--out", filepath.Join(dir, "json"))
	var cj compareJSON
	if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil || len(cj.Comparisons) != 1 {
		t.Fatalf("--json: %v\n%s", err, o.stdout)
	}
	found := false
	for _, r := range cj.Comparisons[0].Rows {
		if strings.Contains(r.KPI, "stepdown") {
			found = true
		}
	}
	if !found {
		t.Errorf("--json has no step-down row, which the printed table has:\n%s", o.stdout)
	}
}
