package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSweepOneRunSpeaksOfTheRun sweeps with one replication at each value: the printed table
// heads the run's figure, with no mean and no column of the runs' range, and the chart's
// legend keys the run at each value, not a mean of runs.
func TestSweepOneRunSpeaksOfTheRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s")
	o := mustRun(t, "sweep", "--reps", "1", "--years", "2", "--vary", "entries.per_year=200:300:100", "--formats", "svg", "--out", out, "default")
	if !strings.Contains(o.stdout, "cost_total in all: the run") || strings.Contains(o.stdout, "of runs between") || strings.Contains(o.stdout, ": mean") {
		t.Errorf("the printed sweep of one run speaks of a mean or a range of runs:\n%s", o.stdout)
	}
	words := svgWords(t, filepath.Join(out, "charts", "sweep-entries-per-year-cost-total.svg"))
	if !strings.Contains(words, "The run at each value") || strings.Contains(words, "Mean of runs") {
		t.Errorf("the sweep chart of one run keys a mean of runs: %s", words)
	}
}
