package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestRegionRecordRefusedEverywhere checks that a region's run's region.json, copied under
// another name and away from its run's folder, is refused with the one message saying what it
// is by every command that reads a scenario or a region, not field by field as a scenario.
func TestRegionRecordRefusedEverywhere(t *testing.T) {
	reg, err := scenarios.ParseRegion(strings.NewReader(testRegionYAML), "test-region.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	dirs, _ := councilDirs(reg)
	b, err := regionRecordOf(reg, dirs)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	lone := filepath.Join(dir, "lone-region.json")
	if err := os.WriteFile(lone, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	for _, args := range [][]string{
		{"validate", lone},
		{"run", lone, "--reps", "2", "--out", out},
		{"compare", lone, "default", "--reps", "2", "--out", out},
		{"sweep", lone, "--vary", "uasc.per_year=1:2:1", "--reps", "2", "--out", out},
		{"sensitivity", lone, "--reps", "2", "--out", out},
	} {
		o := placesim(t, args...)
		if o.code == 0 || !strings.Contains(o.stderr, `the record of region "test-region"'s run`) || strings.Contains(o.stderr, "unknown key") {
			t.Errorf("%s: exit %d, said %q", strings.Join(args, " "), o.code, o.stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s wrote %s", args[0], out)
		}
		// run and validate give the same line, whole: run's after its usage prefix.
		if args[0] == "run" || args[0] == "validate" {
			want := lone + ": " + scenarios.RegionRecordMessage("test-region")
			if args[0] == "run" {
				want = "placesim run: " + want
			}
			if !slices.Contains(strings.Split(o.stderr, "\n"), want) {
				t.Errorf("%s said\n%s\nwant the line\n%s", args[0], o.stderr, want)
			}
		}
	}
	// The scenario loaders say the same, whatever the file is named.
	if _, err := scenarios.Load(lone, nil); err == nil || !strings.Contains(err.Error(), "lone-region.json: the record of region \"test-region\"'s run") {
		t.Errorf("Load: %v", err)
	}
	if _, err := scenarios.LoadRegion(lone, nil); err == nil || !strings.Contains(err.Error(), "lone-region.json: the record of region \"test-region\"'s run") {
		t.Errorf("LoadRegion: %v", err)
	}
}
