//go:build unix

package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOutLinkToNowhere checks that an --out that is a link to a folder that does not exist is
// refused before anything runs, saying so, rather than after the whole run in Go's words
// ("lstat nowhere: no such file or directory").
func TestOutLinkToNowhere(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "o")
	if err := os.Symlink("nowhere", link); err != nil {
		t.Fatal(err)
	}
	usage := func(cmd string) string {
		return "placesim " + cmd + ": --out " + link + ": is a link to nowhere, which does not exist: make that folder, or give another --out\n" +
			"Run 'placesim " + cmd + " --help' for usage.\n"
	}
	checkMessages(t, []messageCase{
		{"run", []string{"run", "--reps", "2", "--out", link}, usage("run"), exitUsage},
		{"compare", []string{"compare", "default", "erlang", "--reps", "2", "--out", link}, usage("compare"), exitUsage},
		{"region run", []string{"run", "south-east", "--reps", "2", "--out", link}, usage("run"), exitUsage},
		{"sweep", []string{"sweep", "erlang", "--vary", "years=2:3:1", "--out", link}, usage("sweep"), exitUsage},
	})
	if to, err := os.Readlink(link); err != nil || to != "nowhere" {
		t.Errorf("the link was changed: %q, %v", to, err)
	}
}
