package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCompareKeepsPricesYear checks that a what-if of the library on a base that extends the
// default county and starts two years earlier pays the default's 2026/27 prices in 2026/27
// (the block contract's 3 beds at £260,000 a year, £780,000, not £780,000 × 1.03²), and that
// the comparison says which year's prices its inputs are in.
func TestCompareKeepsPricesYear(t *testing.T) {
	dir := t.TempDir()
	block, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "block-contract-3-beds.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{
		"early.yaml": "extends: default\nstart: 2024-04-01\nyears: 3\nwarmup_years: 1\n",
		"block.yaml": strings.Replace(string(block), "extends: default", "extends: early.yaml", 1),
	})
	out := filepath.Join(dir, "c")
	o := mustRun(t, "compare", filepath.Join(dir, "early.yaml"), filepath.Join(dir, "block.yaml"), "--reps", "2", "--charts=false", "--out", out, "--quiet")
	if want := "Prices are 2026/27's, rising 3% each April: 2024/25's are 0.94 of them."; !strings.Contains(o.stdout, want) {
		t.Errorf("the comparison does not say %q:\n%s", want, o.stdout)
	}
	f, err := os.Open(filepath.Join(out, "business_case.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if len(r) > 4 && r[2] == "2026/27" && r[3] == "own_provision_cost" {
			found = true
			v, err := strconv.ParseFloat(r[4], 64)
			if err != nil {
				t.Fatal(err)
			}
			// The contract's £780,000, give or take what the council's own carers and homes
			// spend on the children the beds draw from them: within 1% (£827,000 would be the
			// price carried from the start as if it were 2024/25's).
			if v < 772_000 || v > 788_000 {
				t.Errorf("2026/27 own provision cost £%.0f, want about £780,000", v)
			}
		}
	}
	if !found {
		t.Fatalf("no 2026/27 own_provision_cost in business_case.csv:\n%v", rows)
	}
}
