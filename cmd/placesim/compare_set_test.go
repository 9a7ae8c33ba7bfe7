package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareSetNamesTheScenario checks that a --set which fits one scenario compared but not
// another is refused naming the one it does not fit: a --set reaches every scenario compared,
// and the default has no interventions for interventions[0] to change.
func TestCompareSetNamesTheScenario(t *testing.T) {
	o := placesim(t, "compare", "default", "early-help", "--set", "interventions[0].factor=0.8", "--reps", "2",
		"--out", filepath.Join(t.TempDir(), "out"))
	want := "--set interventions[0].factor=0.8: interventions has 0 items, so it has no [0]\n" +
		"(in default: each --set applies to every scenario compared, default and early-help; to change a field of one alone " +
		"that is not in a list, write a file that extends it with the change, and compare that; to change one of its " +
		"interventions (or another list's item), copy its file, change it there, and compare that: a file that " +
		"extends another adds its interventions to the other's rather than replacing one)"
	if o.code == exitOK || !strings.Contains(o.stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant it to contain:\n%s", o.code, o.stderr, want)
	}
}

// TestCompareSetNamesAll checks that the note of a --set refused for one of three scenarios
// lists them "a, b and c", and that a scenario failing for another reason (a name that is
// none) is not taken for one the --set fits: the --set is then refused without the note.
func TestCompareSetNamesAll(t *testing.T) {
	o := placesim(t, "compare", "default", "early-help", "step-down-programme", "--set", "interventions[0].factor=0.8", "--reps", "2",
		"--out", filepath.Join(t.TempDir(), "out"))
	if want := "(in default: each --set applies to every scenario compared, default, early-help and step-down-programme; "; o.code == exitOK || !strings.Contains(o.stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant it to contain:\n%s", o.code, o.stderr, want)
	}
	o = placesim(t, "compare", "default", "no-such-scenario", "--set", "interventions[0].factor=0.8", "--reps", "2",
		"--out", filepath.Join(t.TempDir(), "out"))
	if o.code == exitOK || !strings.Contains(o.stderr, "--set interventions[0].factor=0.8: interventions has 0 items") || strings.Contains(o.stderr, "each --set applies to every scenario compared") {
		t.Errorf("exit %d, stderr:\n%s\nwant the --set refused without the note that it fits another scenario", o.code, o.stderr)
	}
}
