package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDoubleDashEndsFlags checks that "--" ends the flags wherever it stands, so that a
// scenario file whose name begins with a dash can be named: before the first argument (which
// urfave/cli drops from the arguments) as well as after one.
func TestDoubleDashEndsFlags(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(filepath.Join(dir, "-x.yaml"), []byte("extends: default\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"first", []string{"validate", "--", "-x.yaml"}, exitOK, "ok -x.yaml\n", ""},
		{"after a flag", []string{"validate", "--json=false", "--", "-x.yaml"}, exitOK, "ok -x.yaml\n", ""},
		{"after an argument", []string{"validate", "./-x.yaml", "--", "-x.yaml"}, exitOK, "ok ./-x.yaml\nok -x.yaml\n", ""},
		{"flag after it is an argument", []string{"validate", "--", "--json"}, exitFailure, "", ""},
		{"no --", []string{"validate", "-x.yaml"}, exitUsage, "", "placesim validate: flag provided but not defined: -x.yaml\nRun 'placesim validate --help' for usage.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := placesim(t, tc.args...)
			if o.code != tc.code || (tc.stdout != "" && o.stdout != tc.stdout) || (tc.stderr != "" && o.stderr != tc.stderr) {
				t.Errorf("placesim %q: exit %d, stdout %q, stderr %q; want exit %d, stdout %q, stderr %q",
					tc.args, o.code, o.stdout, o.stderr, tc.code, tc.stdout, tc.stderr)
			}
		})
	}
}

// TestDoubleDashRun checks that run reads the scenario named after "--" and "--reps" before it.
func TestDoubleDashRun(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(filepath.Join(dir, "-x.yaml"), []byte("extends: default\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	mustRun(t, append(runArgs(out, "-q"), "--", "-x.yaml")...)
	if got := readFile(t, out, "scenario.yaml"); len(got) == 0 {
		t.Errorf("scenario.yaml is empty")
	}
}
