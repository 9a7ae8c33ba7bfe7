package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutNotWritable gives --out a folder in /sys, where no one may make a folder (not even
// root, who may write almost anywhere): every command that simulates refuses it before it
// runs, naming the folder given and why, never the temporary folder beside it.
func TestOutNotWritable(t *testing.T) {
	if tmp, err := os.MkdirTemp("/sys", ".placesim-test-"); err == nil {
		os.Remove(tmp)
		t.Skip("/sys can be written here")
	} else if _, serr := os.Stat("/sys"); serr != nil {
		t.Skip("no /sys here")
	}
	out := filepath.Join("/sys", "placesim-out")
	for _, args := range [][]string{
		{"run", "default", "--reps", "1", "--years", "1"},
		{"run", "one-council-recruits", "--reps", "1"},
		{"compare", "default", "allowance-uplift", "--reps", "1", "--years", "1"},
		{"sweep", "default", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=19:23:4", "--reps", "1", "--years", "1"},
		{"sensitivity", "default", "--reps", "1", "--years", "1"},
	} {
		o := placesim(t, append(args, "--out", out)...)
		want := "placesim " + args[0] + ": --out " + out + ": placesim may not write there ("
		if o.code == exitOK || !strings.HasPrefix(o.stderr, want) || strings.Contains(o.stderr, ".tmp-") {
			t.Errorf("placesim %s --out %s: exit %d\n got %s\nwant %s…", strings.Join(args, " "), out, o.code, o.stderr, want)
		}
	}
}
