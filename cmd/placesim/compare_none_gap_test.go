package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareLeavesOutGapsNoneHas checks that a comparison of a strategy that recruits
// specialist carers for complex teenagers, who take standard needs too, gives the children of
// complex needs placed elsewhere whose first choice they are, but no row for those of standard
// needs, whom no run of either scenario places elsewhere (0 → 0, a change of nothing): in the
// printed table, the JSON, the board pack and the workbook's Headlines alike.
func TestCompareLeavesOutGapsNoneHas(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cmp")
	base, alt := filepath.Join("..", "..", "scenarios", "default.yaml"), filepath.Join("..", "..", "scenarios", "level-6-specialist-carers.yaml")
	o := mustRun(t, "compare", base, alt, "--reps", "2", "--years", "2", "--out", out)
	const standard, complex = "Children with standard needs placed elsewhere whose first choice", "Children with complex needs placed elsewhere whose first choice"
	if !strings.Contains(o.stdout, complex) || strings.Contains(o.stdout, standard) {
		t.Errorf("the printed table, want a row of complex needs and none of standard needs:\n%s", o.stdout)
	}
	report := readFile(t, out, "report.html")
	if !strings.Contains(report, complex) || strings.Contains(report, standard) {
		t.Errorf("report.html, want a row of complex needs and none of standard needs")
	}
	var inBook []string
	for _, row := range sheetRows(t, filepath.Join(out, "results.xlsx"), "Headlines") {
		inBook = append(inBook, strings.Join(row, "\t"))
	}
	book := strings.Join(inBook, "\n")
	if !strings.Contains(book, complex) || strings.Contains(book, standard) {
		t.Errorf("the workbook's Headlines, want a row of complex needs and none of standard needs:\n%s", book)
	}
	j := mustRun(t, "compare", base, alt, "--reps", "2", "--years", "2", "--json", "--charts=false", "-q", "--out", out+"-json")
	var doc map[string]any
	if err := json.Unmarshal([]byte(j.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(j.stdout, "gap_waiting_specialist_foster_complex") || strings.Contains(j.stdout, "gap_waiting_specialist_foster_standard") {
		t.Errorf("the JSON, want a row of complex needs and none of standard needs:\n%s", j.stdout)
	}
}
