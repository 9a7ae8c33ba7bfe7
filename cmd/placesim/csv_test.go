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
		{cmp, "comparison.csv", []string{"scenario", "baseline"}, []string{"base_mean", "alt_mean", "diff_mean", "diff_mean_lo", "diff_mean_hi", "diff_run_lo", "diff_run_hi", "p_lower", "p_higher", "n"}},
		{cmp, "business_case.csv", []string{"scenario", "baseline"}, []string{"mean", "mean_lo", "mean_hi", "run_lo", "run_hi", "p_positive", "n"}},
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

// TestShareMeanIsRatioOfTotals reads the files a user gets: in summary.csv, the mean of each
// share is exactly the ratio of the totals of its numerator and denominator in kpis.csv
// (numbers are written in full, so the sums over the file's rows reproduce it to the last
// bit), and comparison.csv's means of a share are the same figures.
func TestShareMeanIsRatioOfTotals(t *testing.T) {
	dir := t.TempDir()
	run, cmp := filepath.Join(dir, "run"), filepath.Join(dir, "cmp")
	mustRun(t, "run", "default", "--reps", "6", "--years", "2", "--charts=false", "--out", run)
	mustRun(t, "compare", "default", "default", "--reps", "6", "--years", "2", "--charts=false", "--out", cmp)
	read := func(dir, file string) [][]string {
		t.Helper()
		rows, err := csv.NewReader(strings.NewReader(readFile(t, dir, file))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows[1:]
	}
	// Sums over the replications in the file's order, which is the order of the summary's.
	sums := map[[2]string]float64{}
	for _, r := range read(run, "kpis.csv") {
		v, err := strconv.ParseFloat(r[4], 64)
		if err != nil {
			t.Fatal(err)
		}
		sums[[2]string{r[2], r[3]}] += v
	}
	parts := map[string][2]string{
		"first_choice_share":     {"first_choice_matches", "matches"},
		"placed_distant_share":   {"children_placed_distant", "children_in_care"},
		"three_plus_moves_share": {"children_three_plus_placements", "children_in_care_year_end"},
		"long_term_stable_share": {"children_long_term_stable", "children_long_term_eligible"},
		"ifa_share":              {"occupied_ifa", "occupied_category_foster"},
		"inhouse_home_share":     {"occupied_inhouse_home", "occupied_category_residential"},
	}
	means := map[[2]string]string{}
	checked := 0
	for _, r := range read(run, "summary.csv") {
		period, kpi, mean := r[1], r[2], r[3]
		means[[2]string{period, kpi}] = mean
		p, ok := parts[kpi]
		if !ok {
			continue
		}
		num, den := sums[[2]string{period, p[0]}], sums[[2]string{period, p[1]}]
		if want := strconv.FormatFloat(num/den, 'f', -1, 64); mean != want {
			t.Errorf("%s %s: mean %s, want the ratio of totals %v / %v = %s", period, kpi, mean, num, den, want)
		}
		checked++
	}
	if checked != len(parts)*3 { // 2 years and all
		t.Errorf("checked %d shares, want %d", checked, len(parts)*3)
	}
	for _, r := range read(cmp, "comparison.csv") {
		period, kpi := r[2], r[3]
		if _, ok := parts[kpi]; !ok {
			continue
		}
		if want := means[[2]string{period, kpi}]; r[4] != want || r[5] != want || r[6] != "0" {
			t.Errorf("comparison %s %s: base %s, alt %s, difference %s; want %s, %s, 0", period, kpi, r[4], r[5], r[6], want, want)
		}
	}
}

// TestCompareSweepSameBytes checks that comparison.csv and sweep.csv, shares and their
// intervals included, are byte-identical whatever the number of workers.
func TestCompareSweepSameBytes(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"more-carers.yaml": "name: more-carers\nextends: default\ninterventions:\n" +
		"  - {action: extra_approvals, from: 2026-04-01, kind: inhouse_foster, per_year: 12}\n"})
	for _, tt := range []struct {
		file string
		args []string
	}{
		{"comparison.csv", []string{"compare", "default", filepath.Join(dir, "more-carers.yaml")}},
		{"sweep.csv", []string{"sweep", "default", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=20:30:10"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var got []string
			for _, workers := range []string{"1", "2"} {
				out := filepath.Join(dir, tt.args[0]+workers)
				mustRun(t, append(tt.args, "--reps", "6", "--years", "2", "--charts=false", "-q", "--workers", workers, "--out", out)...)
				got = append(got, readFile(t, out, tt.file))
			}
			if got[0] != got[1] {
				t.Errorf("%s differs between 1 and 2 workers", tt.file)
			}
			if !strings.Contains(got[0], "first_choice_share") {
				t.Errorf("%s has no first_choice_share", tt.file)
			}
		})
	}
}
