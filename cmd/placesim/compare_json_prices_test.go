package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareJSONPriceNotes checks that compare --json says how its money reads and how each
// alternative's prices differ from the baseline's, as the printed table does under its
// business cases: money_terms (with the year the amounts are priced in, when it is not the
// start's) and each comparison's price_notes, for scenarios and for regions.
func TestCompareJSONPriceNotes(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"early.yaml":  "name: early\nextends: default\nstart: 2024-04-01\nyears: 2\nwarmup_years: 1\n",
		"dearer.yaml": "name: dearer\nextends: early.yaml\ninflation_per_year: 0.05\n",
		"same.yaml":   "name: same\nextends: early.yaml\nentries:\n  per_year: 150\n",
		"region.yaml": testRegionYAML,
		"regalt.yaml": "name: test-dearer\nextends: region.yaml\ncouncils:\n  - {name: north-shire, set: [inflation_per_year=0.05]}\n",
	})
	path := func(name string) string { return filepath.Join(dir, name) }

	o := mustRun(t, "compare", path("early.yaml"), path("dearer.yaml"), path("same.yaml"), "--reps", "1", "--json", "--charts=false", "-q", "--out", path("c"))
	var cj compareJSON
	if err := json.Unmarshal([]byte(o.stdout), &cj); err != nil || len(cj.Comparisons) != 2 {
		t.Fatalf("--json: %v\n%s", err, o.stdout)
	}
	if want := "Prices are 2026/27's, rising 3% each April: 2024/25's are 0.94 of them."; !strings.Contains(cj.MoneyTerms, want) {
		t.Errorf("money_terms = %q, want it to hold %q", cj.MoneyTerms, want)
	}
	if notes := cj.Comparisons[0].PriceNotes; len(notes) != 1 || !strings.HasPrefix(notes[0], "Prices differ from the baseline's: the strategy's inflation is 5% a year") {
		t.Errorf("dearer's price_notes = %q, want a line saying its inflation is 5%% a year", notes)
	}
	if !strings.Contains(o.stdout, `"price_notes": []`) {
		t.Errorf("--json: same, priced as the baseline, has no empty price_notes:\n%s", o.stdout)
	}

	o = mustRun(t, "compare", path("region.yaml"), path("regalt.yaml"), "--reps", "1", "--json", "--charts=false", "-q", "--out", path("r"))
	var rj regionCompareJSON
	if err := json.Unmarshal([]byte(o.stdout), &rj); err != nil || len(rj.Comparisons) != 1 {
		t.Fatalf("region --json: %v\n%s", err, o.stdout)
	}
	if !strings.HasPrefix(rj.MoneyTerms, "Money in cash terms") {
		t.Errorf("region money_terms = %q, want the cash terms", rj.MoneyTerms)
	}
	if notes := rj.Comparisons[0].PriceNotes; len(notes) != 1 || !strings.HasPrefix(notes[0], "north-shire: Prices differ from the baseline's: the strategy's inflation is 5% a year") {
		t.Errorf("region price_notes = %q, want a line for north-shire saying its inflation is 5%% a year", notes)
	}
}
