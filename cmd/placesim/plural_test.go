package main

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// oneOfMany finds a count of 1 before a plural noun: "1 years", "1 times", "1 runs".
var oneOfMany = regexp.MustCompile(`\b1 (years|times|runs|replications|paired replications|strategies|months|beds|homes|councils)\b`)

// TestOneYearOneRun checks that a run of one year, made once, and a comparison of one year say
// "1 year", "once" and "1 run" ("One run" in the workbook) in their reports and workbooks,
// never "1 years" or "1 times".
func TestOneYearOneRun(t *testing.T) {
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	mustRun(t, "run", "default", "--years", "1", "--reps", "1", "--formats", "svg", "--out", run)
	report := readFile(t, run, "report.html")
	if want := "day by day from 1 April 2026 to 31 March 2027 (1 year), once."; !strings.Contains(report, want) {
		t.Errorf("the run's report lacks %q", want)
	}
	if bad := oneOfMany.FindString(report); bad != "" {
		t.Errorf("the run's report says %q", bad)
	}
	if !slices.ContainsFunc(sheetRows(t, filepath.Join(run, "results.xlsx"), "How to read"), func(r []string) bool {
		return len(r) > 1 && strings.HasPrefix(r[1], "One run of the scenario on seed 1, a future that could happen. ")
	}) {
		t.Error("the run's workbook does not say \"One run of the scenario\"")
	}

	cmp := filepath.Join(dir, "compare")
	mustRun(t, "compare", "default", "allowance-uplift", "--reps", "2", "--years", "1", "--formats", "svg", "--out", cmp)
	report = readFile(t, cmp, "report.html")
	if want := "to 31 March 2027 (1 year), 2 times for the baseline"; !strings.Contains(report, want) {
		t.Errorf("the comparison's report lacks %q", want)
	}
	if bad := oneOfMany.FindString(report); bad != "" {
		t.Errorf("the comparison's report says %q", bad)
	}
	book := filepath.Join(cmp, "results.xlsx")
	for _, sheet := range []string{"Headlines", "Business case", "How to read"} {
		for _, r := range sheetRows(t, book, sheet) {
			for _, cell := range r {
				if bad := oneOfMany.FindString(cell); bad != "" {
					t.Errorf("the comparison's workbook, sheet %s, says %q", sheet, cell)
				}
			}
		}
	}
	if !slices.ContainsFunc(sheetRows(t, book, "Headlines"), func(r []string) bool { return slices.Contains(r, "1 year") }) {
		t.Error("the comparison's Headlines do not name the whole run \"1 year\"")
	}
}
