package main

import (
	"regexp"
	"testing"
)

// TestServeHelpMaxRuns checks that serve's help says what --max-runs does to the runs beyond
// its turns: up to 4×N wait, each at most 30 seconds, and one more is refused at once.
func TestServeHelpMaxRuns(t *testing.T) {
	o := mustRun(t, "serve", "--help")
	want := regexp.MustCompile(`--max-runs N +run at most N simulations at once; up to 4×N more wait, each at most 30 seconds, then are refused as busy, and a run beyond those 4×N waiting is refused as busy at once`)
	if !want.MatchString(o.stdout) {
		t.Errorf("serve --help does not say that runs beyond 4×N waiting are refused at once:\n%s", o.stdout)
	}
}
