package plots

import (
	"strings"
	"testing"
)

// TestWorkbookOneRun checks that the workbook of one replication speaks of that run: its
// Summary and Time series sheets head the run's figure alone (no mean, sd, percentiles or n of
// runs), and its
// How to read sheet names no mean, range or "9 runs in 10", which one run does not have.
// Three runs keep the columns and words of many.
func TestWorkbookOneRun(t *testing.T) {
	res := tinyResults()
	res.Reps = res.Reps[:1]
	summary, series := csvOf(t, res)
	f := openWorkbook(t, res, summary, series, "name: tiny\n")
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(rows[0], ","), "scenario,period,kpi,label,unit,the run's figure"; got != want {
		t.Errorf("Summary's header at one run: %s, want %s", got, want)
	}
	if ts, err := f.GetRows("Time series"); err != nil || strings.Join(ts[0], ",") != "scenario,date,metric,the run's figure" {
		t.Errorf("Time series at one run is headed %v (%v)", ts[0], err)
	}
	about, err := f.GetRows("How to read")
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, r := range about {
		text = append(text, strings.Join(r, " | "))
	}
	all := strings.Join(text, "\n")
	for _, bad := range []string{"The mean", "mean over", "of the mean", "9 runs in 10", "p05", "percentiles of", "each a future", "over the runs", "interval"} {
		if strings.Contains(all, bad) {
			t.Errorf("How to read at one run says %q:\n%s", bad, all)
		}
	}
	for _, want := range []string{"One run of the scenario on seed 1", "Summary: the run's figure", "One run gives no mean, spread or range"} {
		if !strings.Contains(all, want) {
			t.Errorf("How to read at one run does not say %q:\n%s", want, all)
		}
	}

	many := tinyResults()
	summary, series = csvOf(t, many)
	f = openWorkbook(t, many, summary, series, "name: tiny\n")
	if rows, err := f.GetRows("Summary"); err != nil || !strings.HasPrefix(strings.Join(rows[0], ","), "scenario,period,kpi,label,unit,mean,sd,p05,p50,p95,n") {
		t.Errorf("Summary's header at 3 runs: %v (%v)", rows[0], err)
	}
}
