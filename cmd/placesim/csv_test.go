package main

import (
	"encoding/csv"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestQuotedScenarioName runs, compares and sweeps a scenario whose name holds a comma and
// quotes, and reads every CSV file written back with encoding/csv: each row has the header's
// columns, the scenario column holds the name as it was, and the numbers read as numbers.
func TestQuotedScenarioName(t *testing.T) {
	const name = `a "quoted", name`
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"q.yaml": "name: '" + name + "'\nextends: erlang\nyears: 2\n"})
	file := filepath.Join(dir, "q.yaml")
	run, cmp, swp := filepath.Join(dir, "run"), filepath.Join(dir, "cmp"), filepath.Join(dir, "sweep")
	mustRun(t, "run", file, "--reps", "4", "--formats", "svg", "--out", run)
	mustRun(t, "compare", file, file, "--reps", "4", "--charts=false", "--out", cmp)
	mustRun(t, "sweep", file, "--vary", "entries.per_year=30:40:10", "--kpi", "first_choice_share", "--reps", "4", "--charts=false", "--out", swp)
	for _, tt := range []struct {
		dir, file string
		names     []string // the columns that hold the scenario's name
		numbers   []string // columns that hold numbers (or NA)
	}{
		{run, "summary.csv", []string{"scenario"}, []string{"mean", "sd", "p05", "p50", "p95", "n"}},
		{run, "kpis.csv", []string{"scenario"}, []string{"replication", "value"}},
		{run, "timeseries.csv", []string{"scenario"}, []string{"mean", "p05", "p50", "p95"}},
		{run, "charts/chart-data.csv", []string{"scenario"}, []string{"mean", "p05", "p25", "p50", "p75", "p95"}},
		{cmp, "comparison.csv", []string{"scenario", "baseline"}, []string{"base_mean", "alt_mean", "diff_mean", "diff_lo", "diff_hi", "n"}},
		{swp, "sweep.csv", []string{"scenario"}, []string{"value", "mean", "lo", "hi", "n"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			rows, err := csv.NewReader(strings.NewReader(readFile(t, tt.dir, tt.file))).ReadAll()
			if err != nil {
				t.Fatal(err) // encoding/csv also insists on the header's number of fields
			}
			if len(rows) < 2 {
				t.Fatalf("%d rows", len(rows))
			}
			col := func(c string) int {
				i := slices.Index(rows[0], c)
				if i < 0 {
					t.Fatalf("no column %s in %v", c, rows[0])
				}
				return i
			}
			for i, row := range rows[1:] {
				for _, c := range tt.names {
					if row[col(c)] != name {
						t.Fatalf("line %d: %s is %q, want %q", i+2, c, row[col(c)], name)
					}
				}
				for _, c := range tt.numbers {
					if v := row[col(c)]; v != "NA" {
						if _, err := strconv.ParseFloat(v, 64); err != nil {
							t.Fatalf("line %d: %s is %q, not a number", i+2, c, v)
						}
					}
				}
			}
		})
	}
}
