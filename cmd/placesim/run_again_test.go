package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runAgainLine reads the command the "Run it again with:" line of a folder's scenario.yaml (or
// region.yaml) gives, as arguments after "placesim", the file named with its path in dir.
func runAgainLine(t *testing.T, dir, name string) []string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^# Run it again with: placesim (.*)$`).FindStringSubmatch(readFile(t, dir, name))
	if m == nil {
		t.Fatalf("%s holds no \"Run it again with:\" line", name)
	}
	args := strings.Fields(m[1])
	for i, a := range args {
		if a == name {
			args[i] = filepath.Join(dir, name)
		}
	}
	return args
}

// sameFiles fails the test unless folders a and b hold the same files with the same bytes.
func sameFiles(t *testing.T, a, b string) {
	t.Helper()
	names := func(dir string) []string {
		var ns []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				ns = append(ns, rel)
			}
			return err
		})
		return ns
	}
	na, nb := names(a), names(b)
	if strings.Join(na, " ") != strings.Join(nb, " ") {
		t.Fatalf("the run wrote %v, running it again %v", na, nb)
	}
	for _, n := range na {
		if readFile(t, a, n) != readFile(t, b, n) {
			t.Errorf("%s differs when the run is run again", n)
		}
	}
}

// TestRunAgainPercentiles follows scenario.yaml's "Run it again with:" line of a run with
// --percentiles of its own: it gives the same files, the summaries' percentiles among them.
func TestRunAgainPercentiles(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first")
	mustRun(t, "run", "default", "--reps", "3", "--seed", "7", "--set", "entries.per_year=360", "--years", "1",
		"--percentiles", "10,50,90", "--charts=false", "--out", first)
	args := runAgainLine(t, first, "scenario.yaml")
	if !strings.Contains(strings.Join(args, " "), "--percentiles 10,50,90") {
		t.Errorf("the line leaves out --percentiles: placesim %s", strings.Join(args, " "))
	}
	again := filepath.Join(dir, "again")
	mustRun(t, append(args, "--charts=false", "--out", again)...)
	sameFiles(t, first, again)
}
