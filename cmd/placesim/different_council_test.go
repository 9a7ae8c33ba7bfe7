package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// A what-if on the default county compared with a council's own, smaller file is a different
// council, not a strategy for it: compare says so, naming what differs and what to write.
func TestCompareDifferentCouncilWarns(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	mine := write("mine.yaml", "name: mine\nextends: default\nyears: 1\nsize: {children_in_care: 300}\nentries: {per_year: 95}\n")
	recruit := write("recruit.yaml", "name: recruit\nextends: default\nyears: 1\ninterventions:\n"+
		"  - {action: extra_approvals, label: Recruit, from: 2026-04-01, kind: inhouse_foster, per_year: 12}\n")
	o := mustRun(t, "compare", mine, recruit, "--reps", "1", "-q", "--out", filepath.Join(dir, "c"))
	want := "placesim: warning: the alternative recruit is a different council from the baseline mine, not a strategy for it: " +
		"recruit starts with 821 children in care where mine starts with 300; recruit has 260 entries a year where mine has 95; "
	if !strings.Contains(o.stderr, want) || !strings.Contains(o.stderr, "write a file that extends it (extends: "+mine+")") {
		t.Errorf("stderr\n%s\nwant it to hold\n%s", o.stderr, want)
	}
	// A strategy that extends the council's file is its strategy.
	strategy := write("strategy.yaml", "name: strategy\nextends: mine.yaml\ninterventions:\n  - {action: entry_rate, label: Early help, from: 2026-10-01, factor: 0.9}\n")
	o = mustRun(t, "compare", mine, strategy, "--reps", "1", "-q", "--out", filepath.Join(dir, "c2"))
	if strings.Contains(o.stderr, "different council") {
		t.Errorf("a strategy extending the baseline: stderr\n%s\nwant no warning of a different council", o.stderr)
	}
}

// No what-if of the library is a different council from the default county it extends.
func TestLibraryWhatIfsSameCouncil(t *testing.T) {
	base, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	for _, info := range scenarios.Builtins() {
		alt, err := scenarios.LoadBuiltin(info.Name)
		if err != nil {
			t.Fatal(err)
		}
		if info.Name == "erlang" {
			continue // a queueing check, not a council
		}
		if d := model.CouncilDifferences(base, alt); len(d) != 0 {
			t.Errorf("%s: %q, want none", info.Name, d)
		}
	}
}
