package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A what-if laid over a council's own file: validate, run, compare, sweep and sensitivity warn of a list that drops
// what the council wrote, and of a change that acts on nothing the council has.
func TestWhatIfOverACouncilWarns(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	council := write("council.yaml", "name: council\nextends: default\nyears: 2\nladders:\n"+
		"  - who: {needs: [solo]}\n    try: [inhouse_home, external_residential]\n"+
		"  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential]\n")
	whatIf := write("whatif.yaml", "name: whatif\nextends: council.yaml\nladders:\n"+
		"  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential, inhouse_home]\n")
	want := "placesim: warning: " + whatIf + ":4:3: ladders: replaces the 2 items " + council + " gives (line 5) with this file's 1, and 2 of"
	for _, args := range [][]string{
		{"validate", whatIf},
		{"run", whatIf, "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "r")},
		{"compare", council, whatIf, "--reps", "1", "-q", "--out", filepath.Join(dir, "c")},
		{"sweep", whatIf, "--vary", "entries.per_year=40:50:10", "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "w")},
		{"sensitivity", whatIf, "--defaults=false", "--vary", "entries.per_year=40:50", "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "s")},
	} {
		o := mustRun(t, args...)
		if strings.Count(o.stderr, want) != 1 {
			t.Errorf("placesim %s: stderr\n%s\nwant it to hold %q once", args[0], o.stderr, want)
		}
	}

	// A surge over a council with no UASC arriving, as calibrate writes where fewer than 5 came.
	none := write("none.yaml", "name: none\nextends: default\nyears: 2\nuasc:\n  per_year: 0\n")
	surge := write("surge.yaml", "name: surge\nextends: none.yaml\ninterventions:\n  - {action: uasc_surge, label: UASC arrivals double, from: 2026-04-01, factor: 2}\n")
	want = "placesim: warning: " + surge + ":4:81: interventions[0].factor: multiplies the UASC arriving, and none arrive (uasc.per_year is 0), so it changes nothing: set uasc.per_year"
	for _, args := range [][]string{
		{"validate", surge},
		{"run", surge, "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "r2")},
		{"compare", none, surge, "--reps", "1", "-q", "--out", filepath.Join(dir, "c2")},
		{"sweep", surge, "--vary", "entries.per_year=40:50:10", "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "w2")},
		{"sensitivity", surge, "--defaults=false", "--vary", "entries.per_year=40:50", "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "s2")},
	} {
		o := mustRun(t, args...)
		if strings.Count(o.stderr, want) != 1 {
			t.Errorf("placesim %s: stderr\n%s\nwant it to hold %q once", args[0], o.stderr, want)
		}
	}
}

// A what-if whose list replaces a council's and leaves the scenario unable to load: every
// command that loads it says what the list dropped, once, beside the problem it leads to.
func TestReplacedListWarnsWhenLoadFails(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	council := write("council.yaml", "name: council\nextends: default\nyears: 2\nladders:\n"+
		"  - who: {needs: [solo]}\n    try: [inhouse_home, external_residential]\n"+
		"  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential]\n")
	whatIf := write("whatif.yaml", "name: whatif\nextends: council.yaml\nladders:\n"+
		"  - who: {ages: 0-15}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential, inhouse_home]\n")
	want := "placesim: warning: " + whatIf + ":4:3: ladders: replaces the 2 items " + council + " gives (line 5) with this file's 1, and 2 of"
	problem := whatIf + ":4:3: ladders: no ladder selects a standard-need child aged 16"
	for _, args := range [][]string{
		{"validate", whatIf},
		{"run", whatIf, "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "r")},
		{"compare", council, whatIf, "--reps", "1", "-q", "--out", filepath.Join(dir, "c")},
		{"sweep", whatIf, "--vary", "entries.per_year=40:50:10", "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "w")},
		{"sensitivity", whatIf, "--defaults=false", "--vary", "entries.per_year=40:50", "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "s")},
	} {
		o := placesim(t, args...)
		if o.code == exitOK {
			t.Errorf("placesim %s: exit 0, want the problem", args[0])
		}
		if strings.Count(o.stderr, want) != 1 || !strings.Contains(o.stderr, problem) {
			t.Errorf("placesim %s: stderr\n%s\nwant it to hold %q once, and %q", args[0], o.stderr, want, problem)
		}
	}
}

// A region whose councils start from a what-if whose list replaces a council's: validate, run
// and compare say what it dropped, once though two councils start from it, whether the region
// then loads or not.
func TestRegionCouncilReplacedListWarns(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	council := write("council.yaml", "name: council\nextends: default\nladders:\n"+
		"  - who: {needs: [solo]}\n    try: [inhouse_home, external_residential]\n"+
		"  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential]\n")
	for _, tc := range []struct {
		ages, dropped, problem string
	}{
		{"0-17", "2 of", ""},
		{"0-15", "2 of", "councils.a.scenario.ladders: no ladder selects a standard-need child aged 16"},
	} {
		whatIf := write("whatif.yaml", "name: whatif\nextends: council.yaml\nladders:\n"+
			"  - who: {ages: "+tc.ages+"}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential, inhouse_home]\n")
		reg := write("reg.yaml", "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 0\nzones:\n  - {name: north, miles: {north: 5}}\n"+
			"councils:\n  - {name: a, zone: north, scenario: whatif.yaml}\n  - {name: b, zone: north, scenario: whatif.yaml}\n")
		want := "placesim: warning: " + whatIf + ":4:3: ladders: replaces the 2 items " + council + " gives (line 4) with this file's 1, and " + tc.dropped
		for _, args := range [][]string{
			{"validate", reg},
			{"run", reg, "--reps", "1", "--charts=false", "-q", "--out", filepath.Join(dir, "r"+tc.ages)},
			{"compare", reg, reg, "--reps", "1", "-q", "--out", filepath.Join(dir, "c"+tc.ages)},
		} {
			o := placesim(t, args...)
			if (o.code == exitOK) != (tc.problem == "") {
				t.Errorf("placesim %s over ages %s: exit %d\n%s", args[0], tc.ages, o.code, o.stderr)
			}
			if strings.Count(o.stderr, want) != 1 || !strings.Contains(o.stderr, tc.problem) {
				t.Errorf("placesim %s over ages %s: stderr\n%s\nwant it to hold %q once, and %q", args[0], tc.ages, o.stderr, want, tc.problem)
			}
		}
	}
}

// fileWriter returns a function that writes text to the file name in dir and returns its
// path, failing t if it cannot.
func fileWriter(t *testing.T, dir string) func(name, text string) string {
	return func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
}
