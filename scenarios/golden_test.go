package scenarios

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/broken.golden")

// TestBroken loads every scenario in testdata/broken and compares the combined errors with
// testdata/broken.golden byte for byte. Run go test ./scenarios -update to rewrite the golden
// file after a deliberate change, and read the diff.
func TestBroken(t *testing.T) {
	files, err := filepath.Glob("testdata/broken/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no broken scenarios: %v", err)
	}
	var b strings.Builder
	for _, f := range files {
		b.WriteString("== " + f + "\n")
		_, err := Load(f, nil)
		if err == nil {
			t.Errorf("%s loaded without error", f)
			continue
		}
		b.WriteString(err.Error() + "\n\n")
	}
	got := b.String()
	const golden = "testdata/broken.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./scenarios -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("errors differ from %s (go test ./scenarios -update rewrites it); got:\n%s", golden, got)
	}
}
