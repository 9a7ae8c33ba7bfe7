package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareJSONBusinessCase checks that compare --json of one council gives each
// alternative's business case, as a region's council has it: the net saving over the run
// and the net present value, each the figures business_case.csv has, and the payback year.
func TestCompareJSONBusinessCase(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"short.yaml": "name: short\nextends: default\nyears: 2\nwarmup_years: 1\n",
		"more.yaml":  "name: more\nextends: short.yaml\nentries:\n  per_year: 150\n",
	})
	o := mustRun(t, "compare", filepath.Join(dir, "short.yaml"), filepath.Join(dir, "more.yaml"), "--reps", "3", "--json", "--charts=false", "-q", "--out", filepath.Join(dir, "c"))
	var cj compareJSON
	if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil || len(cj.Comparisons) != 1 {
		t.Fatalf("--json: %v\n%s", err, o.stdout)
	}
	bc := cj.Comparisons[0].BusinessCase
	if bc == nil || bc.NetSaving.Mean == nil || bc.NPV.Mean == nil || bc.NetSaving.N != 3 || bc.DiscountRate != 0.035 {
		t.Fatalf("--json: business_case %+v, want the net saving and NPV of 3 pairs at 3.5%%:\n%s", bc, o.stdout)
	}
	if !strings.Contains(o.stdout, `"chance_pays_back": `) || !strings.Contains(o.stdout, `"payback": `) {
		t.Errorf("--json: no payback or chance_pays_back:\n%s", o.stdout)
	}
}
