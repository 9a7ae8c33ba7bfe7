package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/sim"
)

// TestRangesCaution checks the printed caution of a run against the ranges it writes: the
// files' widest central range from --percentiles, their percentile farthest from the median
// with none across it (p10 of 10,50) and, with charts, the report's and charts' 9 runs in 10;
// it speaks of the one that takes the most runs and names where it is.
func TestRangesCaution(t *testing.T) {
	for _, tt := range []struct {
		reps        int
		percentiles []float64
		charts      bool
		want        string
	}{
		{20, []float64{5, 50, 95}, true, ""},
		{20, []float64{2.5, 97.5}, false, "placesim: caution: 20 runs are too few for the range of 95% of runs (p2.5 to p97.5 in summary.csv and timeseries.csv), which takes at least 40: the range shown is little more than the least and the greatest of the 20; run at least 40 (--reps 40)."},
		{20, []float64{2.5, 97.5}, true, "placesim: caution: 20 runs are too few for the range of 95% of runs (p2.5 to p97.5 in summary.csv and timeseries.csv), which takes at least 40: the range shown is little more than the least and the greatest of the 20; run at least 40 (--reps 40)."},
		{5, []float64{25, 75}, false, ""},
		{5, []float64{25, 50, 75}, true, "placesim: caution: 5 runs are too few for the range of 9 in 10 runs (in the report and charts), which takes at least 20: the range shown is little more than the least and the greatest of the 5; run at least 20 (--reps 20)."},
		{3, []float64{10, 25, 75, 90}, false, "placesim: caution: 3 runs are too few for the range of 8 in 10 runs (p10 to p90 in summary.csv and timeseries.csv), which takes at least 10: the range shown is little more than the least and the greatest of the 3; run at least 10 (--reps 10)."},
		{5, []float64{5, 50, 95}, true, "placesim: caution: 5 runs are too few for the range of 9 in 10 runs, which takes at least 20: the range shown is little more than the least and the greatest of the 5; run at least 20 (--reps 20)."},
		{1, []float64{5, 50, 95}, false, "placesim: caution: one run gives no range of what could happen (9 in 10 runs: p05 to p95 in summary.csv and timeseries.csv): each figure is that run's; run at least 20 (--reps 20) for the range."},
		{1, []float64{50}, false, ""},
		{1, []float64{10, 50}, false, "placesim: caution: one run gives no p10 in summary.csv and timeseries.csv (the value below which 1 in 10 runs fall): each figure is that run's; run at least 10 (--reps 10) for it."},
		{3, []float64{10, 50}, false, "placesim: caution: 3 runs are too few for p10 in summary.csv and timeseries.csv (the value below which 1 in 10 runs fall), which takes at least 10: the p10 shown is little more than the least of the 3; run at least 10 (--reps 10)."},
		{10, []float64{10, 50}, false, ""},
		{5, []float64{50, 75}, false, ""},
		{3, []float64{50, 75}, false, "placesim: caution: 3 runs are too few for p75 in summary.csv and timeseries.csv (the value above which 25% of runs fall), which takes at least 4: the p75 shown is little more than the greatest of the 3; run at least 4 (--reps 4)."},
		{5, []float64{1, 25, 75}, true, "placesim: caution: 5 runs are too few for p01 in summary.csv and timeseries.csv (the value below which 1% of runs fall), which takes at least 100: the p01 shown is little more than the least of the 5; run at least 100 (--reps 100)."},
		{5, []float64{5, 50}, true, "placesim: caution: 5 runs are too few for the range of 9 in 10 runs (in the report and charts), which takes at least 20: the range shown is little more than the least and the greatest of the 5; run at least 20 (--reps 20)."},
		{1, []float64{50}, true, "placesim: caution: one run gives no range of what could happen (9 in 10 runs: in the report and charts): each figure is that run's; run at least 20 (--reps 20) for the range."},
	} {
		if got := rangesCaution(tt.reps, tt.percentiles, tt.charts); got != tt.want {
			t.Errorf("%d runs, percentiles %v, charts %v:\n got %q\nwant %q", tt.reps, tt.percentiles, tt.charts, got, tt.want)
		}
	}
}

// TestRunCautionFollowsPercentiles runs four replications whose files hold the range of half
// the runs, which four runs may give (sim.RangeRuns), and no charts: no caution is printed.
func TestRunCautionFollowsPercentiles(t *testing.T) {
	o := mustRun(t, "run", "default", "--reps", "4", "--years", "1", "--percentiles", "25,50,75", "--charts=false", "--out", filepath.Join(t.TempDir(), "o"))
	if strings.Contains(o.stderr, "caution") {
		t.Errorf("a run of 4 whose only range is p25 to p75 cautions:\n%s", o.stderr)
	}
}

// TestRangesCautionDecimalPairs checks that every central pair of percentiles typed with two
// decimals (--percentiles 8.04,91.96) is seen as one, though 100 - 8.04 is 91.96000000000001
// in floating point: the run cautions of the range it writes, and names it.
func TestRangesCautionDecimalPairs(t *testing.T) {
	for k := 1; k < 5000; k++ {
		lo, err := strconv.ParseFloat(fmt.Sprintf("%d.%02d", k/100, k%100), 64)
		if err != nil {
			t.Fatal(err)
		}
		hi, err := strconv.ParseFloat(fmt.Sprintf("%d.%02d", (10000-k)/100, (10000-k)%100), 64)
		if err != nil {
			t.Fatal(err)
		}
		got := rangesCaution(1, []float64{lo, hi}, false)
		if want := sim.PercentileColumn(lo) + " to " + sim.PercentileColumn(hi); !strings.Contains(got, want) {
			t.Fatalf("--reps 1 --percentiles %v,%v: caution %q, want one naming %s", lo, hi, got, want)
		}
	}
	if got, want := rangesCaution(5, []float64{8.04, 91.96}, false), "placesim: caution: 5 runs are too few for the range of 83.92% of runs (p8.04 to p91.96 in summary.csv and timeseries.csv), which takes at least 13"; !strings.HasPrefix(got, want) {
		t.Errorf("--reps 5 --percentiles 8.04,91.96: caution\n%q\nwant it to begin\n%q", got, want)
	}
}

// TestReadmeFewRunsCautions checks the cautions README.md's "Ranges from few runs" quotes,
// each in the form it takes where it is: the report's, the pack's and the workspace's line
// (plots.FewRunsNote), run's printed line from 5 runs with its charts, and the line of each
// `--reps N --percentiles LIST --charts=false` the README names, which is run to see.
func TestReadmeFewRunsCautions(t *testing.T) {
	text := readmeText(t)
	for _, want := range []string{
		plots.FewRunsNote(5, 0.9, ""),
		rangesCaution(5, []float64{5, 50, 95}, true),
	} {
		if !strings.Contains(text, "`"+want+"`") {
			t.Errorf("README.md does not quote %q", want)
		}
	}
	example := regexp.MustCompile("`(--reps [0-9]+ --percentiles [0-9.,]+ --charts=false)`(?: prints)? (?:`(placesim: caution: [^`]*)`|none)")
	found := example.FindAllStringSubmatch(text, -1)
	if len(found) < 4 {
		t.Fatalf("README.md names %d runs of few replications and what each prints, want 4", len(found))
	}
	for _, m := range found {
		args := slices.Concat([]string{"run", "default", "--years", "1", "--out", filepath.Join(t.TempDir(), "o")}, strings.Fields(m[1]))
		o := mustRun(t, args...)
		got, _, _ := strings.Cut(o.stderr, "\n")
		if !strings.HasPrefix(got, "placesim: caution: ") {
			got = ""
		}
		if got != m[2] {
			t.Errorf("README.md: %s prints %q, README.md says %q", m[1], got, m[2])
		}
	}
}

// readmeText returns README.md with each run of white space one space, as a quotation
// broken across lines reads.
func readmeText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(b)), " ")
}
