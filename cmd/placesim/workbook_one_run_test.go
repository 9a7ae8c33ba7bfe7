package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestWorkbookHowToReadOneRun opens the workbook of `placesim run default --reps 1 --years 1`
// and checks that its How to read sheet has the rows written for one replication, in their
// words (the run, the run's figure in Summary, a period's column of KPIs by year), and none
// of a workbook of many runs (a mean and spread, percentiles, an interval of the mean); and
// that the workbook of two runs has the rows of many and none of one.
func TestWorkbookHowToReadOneRun(t *testing.T) {
	dir := t.TempDir()
	rowsOf := func(reps string) map[string]string {
		t.Helper()
		out := filepath.Join(dir, "reps-"+reps)
		mustRun(t, "run", "default", "--reps", reps, "--years", "1", "--formats", "svg", "--out", out)
		rows := map[string]string{}
		for _, r := range sheetRows(t, filepath.Join(out, "results.xlsx"), "How to read") {
			if len(r) > 1 {
				rows[r[0]] = r[1]
			}
		}
		return rows
	}
	oneRun := map[string]string{
		"Replication": "One run of the scenario on seed 1, a future that could happen. The Replications sheet numbers it 0; " +
			"placesim's messages call it run 1",
		"Summary: the run's figure": "A KPI's figure in the one run, for a share the ratio of its totals. One run gives no mean, " +
			"spread or range of what could happen: run at least 20 (--reps 20) for them",
		"KPIs by year: a period's column": "The run's figure of the KPI in that financial year, as in Summary (all: over the whole run, " +
			"as \"all is\" says)",
	}
	manyRuns := []string{"Replications", "Summary: mean, sd", "Summary: p05, p50, p95", "KPIs by year: low and high"}

	one := rowsOf("1")
	for what, want := range oneRun {
		if got, ok := one[what]; !ok || got != want {
			t.Errorf("one run's How to read, row %q: %q, want %q", what, got, want)
		}
	}
	for _, what := range manyRuns {
		if got, ok := one[what]; ok {
			t.Errorf("one run's How to read has the row %q of many runs: %q", what, got)
		}
	}

	many := rowsOf("2")
	for _, what := range manyRuns {
		if _, ok := many[what]; !ok {
			t.Errorf("two runs' How to read has no row %q", what)
		}
	}
	for what := range oneRun {
		if got := many[what]; strings.HasPrefix(got, "One run") || strings.HasPrefix(got, "The run's figure") || strings.Contains(got, "in the one run") {
			t.Errorf("two runs' How to read, row %q, speaks of one run: %q", what, got)
		}
	}
	if _, ok := many["Summary: the run's figure"]; ok {
		t.Error("two runs' How to read has the row \"Summary: the run's figure\" of one run")
	}
	if got := many["Replication"]; got != "" {
		t.Errorf("two runs' How to read has the row \"Replication\" of one run: %q", got)
	}
}
