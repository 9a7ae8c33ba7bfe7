package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRunSetsReported checks that a run changed by --set is not reported as the scenario's
// unchanged baseline: the printed line, report.html and the source line of its charts name
// each change, and `placesim plot` of the folder, which reads them from scenario.yaml, says
// the same.
func TestRunSetsReported(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r180")
	set := "kinds.inhouse_foster.carers.households=180"
	o := mustRun(t, "run", "--reps", "2", "--set", "years=1", "--set", "warmup_years=0", "--set", set, "--formats", "svg", "--out", out)
	if want := "placesim: default changed by --set years=1, --set warmup_years=0, --set " + set + ", 2 replications"; !strings.Contains(o.stderr, want) {
		t.Errorf("stderr %q does not say %q", o.stderr, want)
	}
	check := func(t *testing.T) {
		t.Helper()
		page := readFile(t, out, "report.html")
		for _, want := range []string{
			"<h1>Placement sufficiency: default, changed by --set</h1>",
			"but this run changed it with --set, so it is not the file",
			"<li>" + set + "</li>",
		} {
			if !strings.Contains(page, want) {
				t.Errorf("report.html does not say %q", want)
			}
		}
		if strings.Contains(page, "it is a baseline") {
			t.Error("report.html calls a run changed by --set a baseline")
		}
		if svg := readFile(t, out, filepath.Join("charts", "cost-by-year.svg")); !strings.Contains(svg, "changed by --set") {
			t.Error("the chart's source line does not say the scenario was changed by --set")
		}
	}
	check(t)
	mustRun(t, "plot", out, "-q")
	check(t)
}
