package main

import (
	"github.com/placesim/placesim/scenarios/ssda903"
	"path/filepath"
	"strings"
	"testing"
)

// TestFewRunsCaution runs each command that gives ranges of runs with too few of them: each
// says so in a plain line (one run gives no range; from 2 to 19 the range of 9 runs in 10 is
// little more than the least and the greatest), and one run's ranges are a dash, not "X to X".
func TestFewRunsCaution(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name      string
		args      []string
		stdout    []string // what the printed output says
		stderr    []string
		notStdout []string
	}{
		{"run of one", []string{"run", "default", "--reps", "1", "--years", "1", "--charts=false"}, nil,
			[]string{"placesim: caution: one run gives no range of what could happen (9 in 10 runs: p05 to p95 in summary.csv and timeseries.csv): each figure is that run's; run at least 20 (--reps 20) for the range.\n"}, nil},
		{"sweep of one", []string{"sweep", "default", "--vary", "entries.per_year=200:300:100", "--reps", "1", "--years", "1", "--target", "cost_total<=60000000", "--charts=false"},
			[]string{"cost_total in all: the run", "200                       £56.2m  ",
				"\nCaution: one run gives no range of what could happen (9 in 10 runs): each figure is that run's; run at least 20 (--reps 20) for the range.\n",
				"is 200.\nIt is the smallest value tried: a value below 200 may meet it too; extend --vary to find out.\nCaution: with 1 run at each value, the runs cannot say that a value meets it in 90% of futures: that takes at least 20 (--reps 20).\n"}, nil,
			[]string{"£56.2m to £56.2m"}},
		{"compare of three", []string{"compare", "default", "allowance-uplift", "--reps", "3", "--years", "1", "--charts=false"},
			[]string{"\nCaution: 3 runs are too few for the range of 9 in 10 runs, which takes at least 20: the range shown is little more than the least and the greatest of the 3; run at least 20 (--reps 20).\n"}, nil, nil},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := mustRun(t, append(tt.args, "--out", filepath.Join(dir, strings.Repeat("o", i+1)))...)
			for _, want := range tt.stdout {
				if !strings.Contains(o.stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, o.stdout)
				}
			}
			for _, want := range tt.stderr {
				if !strings.Contains(o.stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, o.stderr)
				}
			}
			for _, bad := range tt.notStdout {
				if strings.Contains(o.stdout, bad) {
					t.Errorf("stdout says %q:\n%s", bad, o.stdout)
				}
			}
		})
	}
}

// TestBacktestFewRuns prints a backtest's table from one run and from five: one run gives no
// band, so no share of months within it; five give bands, with the caution.
func TestBacktestFewRuns(t *testing.T) {
	cmp := &ssda903.Comparison{Summary: []ssda903.SummaryRow{
		{Group: "children_in_care", Horizon: "all", Months: 24, MAPE: 4.9, Coverage50: 0.04, Coverage90: 0.04}}}
	for _, tt := range []struct {
		reps int
		want string
	}{
		{1, `           group  months  MAPE  in 50% band  in 90% band
children_in_care      24  4.9%            –            –

Caution: one run gives no range of what could happen (9 in 10 runs): each figure is that run's; run at least 20 (--reps 20) for the range.
`},
		{5, `           group  months  MAPE  in 50% band  in 90% band
children_in_care      24  4.9%           4%           4%

Caution: 5 runs are too few for the range of 9 in 10 runs, which takes at least 20: the range shown is little more than the least and the greatest of the 5; run at least 20 (--reps 20).
`},
		{20, `           group  months  MAPE  in 50% band  in 90% band
children_in_care      24  4.9%           4%           4%
`},
	} {
		var b strings.Builder
		if err := printBacktest(&b, cmp, tt.reps); err != nil {
			t.Fatal(err)
		}
		// The table's columns are aligned: compare its words, line by line.
		words := func(s string) string {
			lines := strings.Split(s, "\n")
			for i, l := range lines {
				lines[i] = strings.Join(strings.Fields(l), " ")
			}
			return strings.Join(lines, "\n")
		}
		if words(b.String()) != words(tt.want) {
			t.Errorf("%d runs:\n%q\nwant\n%q", tt.reps, b.String(), tt.want)
		}
	}
}

// TestCompareOnePairNA runs a comparison of one replication: comparison.csv, like
// business_case.csv and --json, gives no range of futures and no chance from a single pair
// (diff_run_lo, diff_run_hi, p_lower and p_higher are NA), not the one difference as both
// bounds and a chance of 0 or 1.
func TestCompareOnePairNA(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	mustRun(t, "compare", "default", "early-help", "--reps", "1", "--seed", "3", "--years", "1", "--charts=false", "-q", "--out", out)
	rows := readCSV(t, out, "comparison.csv")
	if len(rows) == 0 {
		t.Fatal("comparison.csv has no rows")
	}
	for _, r := range rows {
		for _, col := range []string{"diff_mean_lo", "diff_mean_hi", "diff_run_lo", "diff_run_hi", "p_lower", "p_higher"} {
			if r[col] != "NA" {
				t.Errorf("%s %s (n %s): %s %q, want NA", r["kpi"], r["period"], r["n"], col, r[col])
			}
		}
	}
}
