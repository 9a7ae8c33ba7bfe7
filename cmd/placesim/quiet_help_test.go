package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// flagUsage returns the usage of the flag name of the command cmd.
func flagUsage(t *testing.T, cmd, name string) string {
	t.Helper()
	var out, errb bytes.Buffer
	for _, c := range newApp(&out, &errb).Commands {
		if c.Name != cmd {
			continue
		}
		for _, f := range c.Flags {
			if slices.Contains(f.Names(), name) {
				if d, ok := f.(cli.DocGenerationFlag); ok {
					return d.GetUsage()
				}
			}
		}
	}
	t.Fatalf("placesim %s has no flag --%s", cmd, name)
	return ""
}

// TestQuietSaysWhatStillPrints checks that each command's -q says what it still prints, in
// that command's own words: no --precision where the command has none, and the warnings
// calibrate and backtest print under -q, as README.md's table of calibrate's flags says.
func TestQuietSaysWhatStillPrints(t *testing.T) {
	for _, cmd := range []string{"compare", "sweep", "sensitivity"} {
		if u := flagUsage(t, cmd, "quiet"); strings.Contains(u, "precision") {
			t.Errorf("placesim %s -q: %q speaks of --precision, which %s does not have", cmd, u, cmd)
		}
	}
	// Each prints the warnings of its scenarios under -q, and says so.
	for _, cmd := range []string{"run", "compare", "sweep", "sensitivity"} {
		if u := flagUsage(t, cmd, "quiet"); !strings.Contains(u, "a note or warning that needs reading") {
			t.Errorf("placesim %s -q: %q does not say that warnings still print", cmd, u)
		}
	}
	if u := flagUsage(t, "run", "quiet"); !strings.Contains(u, "--precision not reached") {
		t.Errorf("placesim run -q: %q", u)
	}
	const warn = "print nothing on success, but for a warning that needs reading"
	for _, cmd := range []string{"calibrate", "backtest"} {
		if u := flagUsage(t, cmd, "quiet"); !strings.HasPrefix(u, warn) {
			t.Errorf("placesim %s -q: %q, want it to begin %q", cmd, u, warn)
		}
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "| `--quiet`, `-q` | | "+warn) || strings.Contains(string(readme), "| `--quiet`, `-q` | | print nothing on success |") {
		t.Errorf("README.md's table of calibrate's flags does not say that -q leaves warnings printed")
	}
	for _, f := range []string{"quick-reps", "reps", "region-quick-reps", "region-reps"} {
		if u := flagUsage(t, "serve", f); !strings.Contains(u, "at least 2") {
			t.Errorf("placesim serve --%s: %q does not give its lower bound", f, u)
		}
	}
}
