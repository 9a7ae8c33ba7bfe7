package main

import (
	"path/filepath"
	"strconv"
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
	if want := "placesim: default changed by --set warmup_years=0, --set " + set + ", 1 year, 2 replications"; !strings.Contains(o.stderr, want) {
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

// TestRunYearsNotAChange checks that the years simulated, by --years or --set years=N, are not
// reported as a change of the scenario's assumptions: a shorter run of the baseline is the
// baseline, and the printed line gives the years; and that merge's printed line names a
// change made by --set as run's does.
func TestRunYearsNotAChange(t *testing.T) {
	dir := t.TempDir()
	for _, years := range [][]string{{"--years", "1"}, {"--set", "years=1"}} {
		o := mustRun(t, append([]string{"run", "--reps", "2", "--set", "warmup_years=0", "--charts=false", "--out", filepath.Join(dir, "y")}, years...)...)
		if want := "placesim: default changed by --set warmup_years=0, 1 year, 2 replications"; !strings.Contains(o.stderr, want) {
			t.Errorf("%s: stderr %q does not say %q", years, o.stderr, want)
		}
		if strings.Contains(o.stderr, "years=1") {
			t.Errorf("%s: stderr %q counts the years as a change", years, o.stderr)
		}
	}
	var shards []string
	for i := range 2 {
		sd := filepath.Join(dir, "sh"+strconv.Itoa(i))
		mustRun(t, "run", "--reps", "4", "--years", "1", "--set", "warmup_years=0", "--set", "entries.per_year=300",
			"--shard", strconv.Itoa(i)+"/2", "--out", sd, "-q")
		shards = append(shards, sd)
	}
	o := mustRun(t, "merge", "--charts=false", "--out", filepath.Join(dir, "m"), shards[0], shards[1])
	if want := "placesim: merged 2 shards of default changed by --set warmup_years=0, --set entries.per_year=300, 1 year, 4 replications"; !strings.Contains(o.stderr, want) {
		t.Errorf("merge's stderr %q does not say %q", o.stderr, want)
	}
}
