package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A what-if laid over a council's own file: validate, run and compare warn of a list that drops
// what the council wrote, and of a change that acts on nothing the council has.
func TestWhatIfOverACouncilWarns(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
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
	} {
		o := mustRun(t, args...)
		if !strings.Contains(o.stderr, want) {
			t.Errorf("placesim %s: stderr\n%s\nwant it to hold %q", args[0], o.stderr, want)
		}
	}
}
