package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnfinishedOldInfixInName checks that the temporary folder of a write into an output
// folder whose name holds ".old-" (--out results.old-2) is called a temporary folder, not the
// earlier contents set aside, and that the folder set aside is still called that.
func TestUnfinishedOldInfixInName(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "results.old-2")
	tmp := filepath.Join(parent, ".results.old-2.tmp-123")
	old := filepath.Join(parent, ".results.old-2.old-456")
	for _, d := range []string{dir, tmp, old} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	warnUnfinished(&b, dir, "", false)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("warned\n%s\nwant two lines", b.String())
	}
	for _, l := range lines {
		switch {
		case strings.Contains(l, tmp+" ") && !strings.Contains(l, "is placesim's temporary folder"):
			t.Errorf("the temporary folder of a write into %s, warned as\n%s", dir, l)
		case strings.Contains(l, old+" ") && !strings.Contains(l, "holds the earlier contents"):
			t.Errorf("the earlier contents of %s, warned as\n%s", dir, l)
		}
	}
}
