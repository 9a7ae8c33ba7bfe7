package plots

import (
	"strings"
	"testing"
)

// TestFewRunsNote checks the caution owed to ranges of 9 runs in 10 from too few runs: none
// from 20 runs, one that says the range is little more than the least and the greatest from 2
// to 19, and one that says there is no range from one.
func TestFewRunsNote(t *testing.T) {
	for _, tt := range []struct {
		n     int
		level float64
		reps  string
		want  string
	}{
		{20, 0.9, "--reps", ""},
		{1000, 0.9, "--reps", ""},
		{0, 0.9, "--reps", ""},
		{19, 0.9, "--reps", "Caution: 19 runs are too few for the range of 9 in 10 runs, which takes at least 20: the range shown is little more than the least and the greatest of the 19; run at least 20 (--reps 20)."},
		{2, 0.9, "", "Caution: 2 runs are too few for the range of 9 in 10 runs, which takes at least 20: the range shown is little more than the least and the greatest of the 2; make at least 20 runs."},
		{1, 0.9, "--reps", "Caution: one run gives no range of what could happen (9 in 10 runs): each figure is that run's; run at least 20 (--reps 20) for the range."},
		{30, 0.95, "--reps", "Caution: 30 runs are too few for the range of 95% of runs, which takes at least 40: the range shown is little more than the least and the greatest of the 30; run at least 40 (--reps 40)."},
		{10, 0.8, "--reps", ""},
	} {
		if got := FewRunsNote(tt.n, tt.level, tt.reps); got != tt.want {
			t.Errorf("%d runs at %v: %q, want %q", tt.n, tt.level, got, tt.want)
		}
	}
}

// TestFewRunsPercentileNote checks the caution owed to one percentile with no other across the
// median from too few runs: none from 10 runs for p10 nor ever for the median, one that says
// it is little more than the least (or the greatest) run from 2 to 9, and none at all from one.
func TestFewRunsPercentileNote(t *testing.T) {
	for _, tt := range []struct {
		n    int
		p    float64
		reps string
		want string
	}{
		{10, 10, "--reps", ""},
		{10, 90, "--reps", ""},
		{0, 10, "--reps", ""},
		{1, 50, "--reps", ""},
		{3, 10, "--reps", "Caution: 3 runs are too few for p10 (the value below which 1 in 10 runs fall), which takes at least 10: the p10 shown is little more than the least of the 3; run at least 10 (--reps 10)."},
		{3, 95, "", "Caution: 3 runs are too few for p95 (the value above which 5% of runs fall), which takes at least 20: the p95 shown is little more than the greatest of the 3; make at least 20 runs."},
		{1, 2.5, "--reps", "Caution: one run gives no p2.5 (the value below which 2.5% of runs fall): each figure is that run's; run at least 40 (--reps 40) for it."},
	} {
		if got := FewRunsPercentileNote(tt.n, tt.p, tt.reps); got != tt.want {
			t.Errorf("%d runs, p%v:\n got %q\nwant %q", tt.n, tt.p, got, tt.want)
		}
	}
}

// TestOneRunHasNoRange draws the run's charts and report from one run: no subtitle gives a
// range of "9 in 10 runs" from it, each chart's note and the report say why, and the report's
// key figures show a dash for the range; from 40 runs nothing of this is said.
func TestOneRunHasNoRange(t *testing.T) {
	d := readTestData(t)
	one := testSource
	one.Reps = 1
	charts, err := Charts(d, one)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		if strings.Contains(c.Subtitle, "9 in 10 runs:") || strings.Contains(c.Subtitle, "bands hold") {
			t.Errorf("%s from one run: %q", c.Name, c.Subtitle)
		}
		// The caution is a sentence of its own, begun with a capital, after the note's own.
		if !strings.HasPrefix(c.Note, "One run gives no range") && !strings.Contains(c.Note, ". One run gives no range") {
			t.Errorf("%s from one run has the note %q", c.Name, c.Note)
		}
	}
	var b strings.Builder
	if err := (&Report{Scenario: testScenario(), Data: d, Charts: charts[:1], Source: one}).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Caution: one run gives no range of what could happen") || !strings.Contains(b.String(), `<span><span class="vh">, no range </span>–</span>`) {
		t.Errorf("the report of one run does not say it has no range")
	}
	many, err := Charts(d, testSource)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range many {
		if strings.Contains(c.Note, "run") && strings.Contains(c.Note, "range") {
			t.Errorf("%s from 40 runs has the note %q", c.Name, c.Note)
		}
	}
}
