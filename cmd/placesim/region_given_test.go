package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestRegionGivenForScenario checks that every command that reads one scenario (calibrate's and
// backtest's --base, sweep, sensitivity) refuses a region given for it, a built-in one, a
// region file or a file that is a region through its extends, in the one set of words the
// scenarios package gives, with the command's own hint and a usage error's exit status, and
// writes nothing.
func TestRegionGivenForScenario(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "r.yaml")
	more := filepath.Join(dir, "more.yaml")
	writeFiles(t, dir, map[string]string{"r.yaml": "name: two\nstart: 2026-04-01\nyears: 1\nzones: [{name: z, miles: {z: 10}}]\n" +
		"councils:\n  - {name: a, zone: z, size: {children_in_care: 100}}\n  - {name: b, zone: z, size: {children_in_care: 100}}\n",
		"more.yaml": "name: more\nextends: r.yaml\n"})
	var names []string
	for _, b := range scenarios.Builtins() {
		names = append(names, b.Name)
	}
	said := func(ref, what, hint string) string {
		return ref + " is " + what + ", not a scenario: name a scenario file or a built-in scenario" + hint + " (built-ins: " + strings.Join(names, ", ") + ")"
	}
	compare := func(ref string) string {
		return "; to see a lever's effect on the region, compare it with a region file that extends it and changes the lever (placesim compare " + ref + " my-region.yaml)"
	}
	const base = " for the council's scenario to extend"
	ret := slices.Concat(sampleArgs(t, "la-sample", "*-"), []string{"--population", "62000", "-q"})
	out := filepath.Join(dir, "out")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{slices.Concat([]string{"calibrate", "--base", "south-east", "--out", out + ".yaml"}, ret),
			"placesim calibrate: --base " + said("south-east", "a built-in region", base)},
		{slices.Concat([]string{"calibrate", "--base", file, "--out", out + ".yaml"}, ret),
			"placesim calibrate: --base " + said(file, "a region file", base)},
		{slices.Concat([]string{"calibrate", "--base", more, "--out", out + ".yaml"}, ret),
			"placesim calibrate: --base " + said(more+" (line 2 extends r.yaml, a region)", "a region file", base)},
		{slices.Concat([]string{"backtest", "--base", "south-east", "--at", "2020-04-01", "--out", out}, ret),
			"placesim backtest: --base " + said("south-east", "a built-in region", base)},
		{slices.Concat([]string{"backtest", "--base", file, "--at", "2020-04-01", "--out", out}, ret),
			"placesim backtest: --base " + said(file, "a region file", base)},
		{[]string{"sweep", "south-east", "--vary", "years=5:6:1", "--out", out},
			"placesim sweep: " + said("south-east", "a built-in region", "") + compare("south-east")},
		{[]string{"sweep", file, "--vary", "years=5:6:1", "--out", out},
			"placesim sweep: " + said(file, "a region file", "") + compare(file)},
		{[]string{"sweep", more, "--vary", "years=5:6:1", "--out", out},
			"placesim sweep: " + said(more+" (line 2 extends r.yaml, a region)", "a region file", "") + compare(more)},
		{[]string{"sensitivity", "south-east", "--out", out},
			"placesim sensitivity: " + said("south-east", "a built-in region", "") + compare("south-east")},
		{[]string{"sensitivity", file, "--out", out},
			"placesim sensitivity: " + said(file, "a region file", "") + compare(file)},
	} {
		o := placesim(t, tc.args...)
		want := tc.want + "\nRun 'placesim " + tc.args[0] + " --help' for usage.\n"
		if o.code != exitUsage || o.stderr != want {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d and\n%s", tc.args[:3], o.code, o.stderr, exitUsage, want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("beside the region files: %v, want nothing written", entries)
	}
}
