package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneRunChartsKeyNoBands runs one replication: its charts draw no band, so their legends
// keep no key of one ("Half of runs", "9 in 10 runs", "Total: range of 9 in 10 runs").
func TestOneRunChartsKeyNoBands(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r1")
	mustRun(t, "run", "--reps", "1", "--years", "2", "--formats", "svg", "--out", out, "-q")
	for _, name := range []string{"children-by-kind.svg", "cost-by-year.svg"} {
		b, err := os.ReadFile(filepath.Join(out, "charts", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{">Half of runs<", ">9 in 10 runs<", ">Total: range of 9 in 10 runs<"} {
			if strings.Contains(string(b), key) {
				t.Errorf("%s keeps the legend key %s of a band it does not draw", name, key)
			}
		}
	}
}
