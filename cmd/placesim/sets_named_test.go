package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestSetsNamedByEveryCommand checks that compare, sweep and sensitivity, whose scenarios
// --set changed, say so as run does: in the printed table's heading, the closing line, the
// report's title, the charts' source lines and manifest.json.
func TestSetsNamedByEveryCommand(t *testing.T) {
	const set = "entries.per_year=300"
	const named = "changed by --set " + set
	dir := t.TempDir()
	has := func(t *testing.T, what, text string, wants ...string) {
		t.Helper()
		for _, want := range wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not say %q:\n%s", what, want, text)
			}
		}
	}
	t.Run("compare", func(t *testing.T) {
		out := filepath.Join(dir, "c")
		o := mustRun(t, "compare", "--reps", "2", "--years", "1", "--set", set, "--formats", "svg", "default", "early-help", "--out", out)
		has(t, "stdout", o.stdout, "early-help against default, each "+named+": 2 paired replications each on seed 1")
		has(t, "stderr", o.stderr, "placesim: compared early-help with default, each "+named+", 2 replications each")
		has(t, "report.html", readFile(t, out, "report.html"), "<title>Business case: early-help against default, each changed by --set</title>", "against default, each "+named+", 2 paired")
		has(t, "the chart", readFile(t, out, filepath.Join("charts", "difference-early-help.svg")), "default, each "+named)
		has(t, "manifest.json", readFile(t, out, "manifest.json"), `"sets": [`+"\n    \""+set+`"`)
	})
	t.Run("sweep", func(t *testing.T) {
		out := filepath.Join(dir, "sw")
		o := mustRun(t, "sweep", "default", "--reps", "2", "--years", "1", "--set", set, "--vary", "kinds.inhouse_foster.carers.approvals_per_year=19:23:4", "--formats", "svg", "--out", out)
		has(t, "stdout", o.stdout, "default "+named+": kinds.inhouse_foster.carers.approvals_per_year over 19 to 23")
		has(t, "stderr", o.stderr, "over 2 values of default "+named+" in ")
		svgs := readFile(t, out, "manifest.json")
		has(t, "manifest.json", svgs, `"sets": [`)
		files, _ := filepath.Glob(filepath.Join(out, "charts", "*.svg"))
		if len(files) == 0 {
			t.Fatal("no chart")
		}
		// The source line wraps where its width falls: the words after the sets may start a line.
		has(t, "the chart", readFile(t, filepath.Dir(files[0]), filepath.Base(files[0])), "default "+named)
	})
	t.Run("sensitivity", func(t *testing.T) {
		out := filepath.Join(dir, "se")
		o := mustRun(t, "sensitivity", "default", "--reps", "2", "--years", "1", "--defaults=false", "--set", set, "--vary", "inflation_per_year=0.01:0.03", "--formats", "svg", "--out", out)
		has(t, "stdout", o.stdout, "default "+named+": what spending")
		has(t, "stderr", o.stderr, "placesim: varied 1 input of default "+named+", 2 replications")
		has(t, "manifest.json", readFile(t, out, "manifest.json"), `"sets": [`)
		files, _ := filepath.Glob(filepath.Join(out, "charts", "*.svg"))
		if len(files) == 0 {
			t.Fatal("no chart")
		}
		has(t, "the chart", readFile(t, filepath.Dir(files[0]), filepath.Base(files[0])), "&#34;default&#34; "+named+", as it is")
	})
	t.Run("unchanged", func(t *testing.T) { // --years alone changes no assumption
		o := mustRun(t, "compare", "--reps", "2", "--years", "1", "--charts=false", "default", "early-help", "--out", filepath.Join(dir, "c0"))
		if strings.Contains(o.stdout+o.stderr, "changed by") || !strings.Contains(o.stdout, "early-help against default: 2 paired") {
			t.Errorf("a comparison --set did not change says it was:\n%s%s", o.stdout, o.stderr)
		}
	})
}

// TestShardLineNamesSets checks that a shard's printed line names the changes --set made and
// the years simulated, as a whole run's does.
func TestShardLineNamesSets(t *testing.T) {
	o := mustRun(t, "run", "--reps", "4", "--shard", "0/2", "--set", "entries.per_year=400", "--set", "years=1", "--set", "warmup_years=0", "--out", filepath.Join(t.TempDir(), "s0"))
	if want := "placesim: default changed by --set entries.per_year=400, --set warmup_years=0, 1 year, shard 0/2 (from --shard): replications 1-2 of 4"; !strings.Contains(o.stderr, want) {
		t.Errorf("stderr %q does not say %q", o.stderr, want)
	}
}

// TestRegionNamesSets checks that a region's run, its shards and their merge name the changes
// --set made and the years --years or --set years=N gave, as a scenario's run does: in the
// printed line, the report's title and source line, and manifest.json, which the merge reads
// them from.
func TestRegionNamesSets(t *testing.T) {
	dir := t.TempDir()
	file := testRegionFile(t)
	const named = "region test-region changed by --set warmup_years=0, 1 year (3 councils)"
	whole := filepath.Join(dir, "whole")
	o := mustRun(t, "run", file, "--reps", "2", "--years", "1", "--set", "warmup_years=0", "--formats", "svg", "--out", whole)
	if !strings.Contains(o.stderr, "placesim: "+named+", 2 replications") {
		t.Errorf("run said %q", o.stderr)
	}
	page := readFile(t, whole, "report.html")
	for _, want := range []string{"<title>Placement sufficiency: test-region, changed by --set</title>", "region &#34;test-region&#34; changed by --set warmup_years=0,"} {
		if !strings.Contains(page, want) {
			t.Errorf("report.html does not say %q", want)
		}
	}
	var shards []string
	for i := range 2 {
		sd := filepath.Join(dir, "shard"+strconv.Itoa(i))
		o := mustRun(t, "run", file, "--reps", "2", "--years", "1", "--set", "warmup_years=0", "--shard", strconv.Itoa(i)+"/2", "--out", sd)
		if !strings.Contains(o.stderr, "placesim: "+named+", shard "+strconv.Itoa(i)+"/2") {
			t.Errorf("shard said %q", o.stderr)
		}
		shards = append(shards, sd)
	}
	merged := filepath.Join(dir, "merged")
	o = mustRun(t, "merge", shards[0], shards[1], "--formats", "svg", "--out", merged)
	if !strings.Contains(o.stderr, "placesim: merged 2 shards of "+named+", 2 replications") {
		t.Errorf("merge said %q", o.stderr)
	}
	for _, name := range []string{"manifest.json", "report.html"} {
		if readFile(t, whole, name) != readFile(t, merged, name) {
			t.Errorf("%s differs between the run and the merge of its shards", name)
		}
	}
	// Without --set or --years, the line is as it was.
	o = mustRun(t, "run", file, "--reps", "1", "--charts=false", "--out", filepath.Join(dir, "plain"))
	if !strings.Contains(o.stderr, "placesim: region test-region (3 councils), 1 replication") {
		t.Errorf("run said %q", o.stderr)
	}
}

// TestRegionCouncilHeaderWrapped checks that the opening comment of a region's council's
// scenario.yaml keeps its lines to about 90 characters (the schema's address and the command
// that runs the region again aside, which cannot break) and writes the shared market's places as the region's report does (3,989),
// and that a run of the file alone still warns that the market's kinds are unlimited.
func TestRegionCouncilHeaderWrapped(t *testing.T) {
	out := filepath.Join(t.TempDir(), "se")
	mustRun(t, "run", "south-east", "--reps", "1", "--years", "1", "--set", "warmup_years=0", "--charts=false", "--out", out, "-q")
	yml := readFile(t, filepath.Join(out, "kent"), "scenario.yaml")
	for i, line := range strings.Split(yml, "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		if len(line) > 90 && !strings.HasPrefix(line, "# yaml-language-server:") && !strings.HasPrefix(line, "# Run the region again with: ") {
			t.Errorf("line %d has %d characters: %s", i+1, len(line), line)
		}
	}
	if !regexp.MustCompile(`# in the region, the shared market's [0-9]{1,3}(,[0-9]{3})+ places at the start`).MatchString(yml) {
		t.Error("the shared market's places are not written with a thousands comma")
	}
	o := mustRun(t, "validate", filepath.Join(out, "kent", "scenario.yaml"))
	if !strings.Contains(o.stderr, "where ifa came from the region's shared market") {
		t.Errorf("validate of the council's file does not warn of its shared kinds:\n%s", o.stderr)
	}
}
