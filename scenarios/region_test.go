package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrokenRegions loads every region in testdata/broken-regions and compares the combined
// errors with testdata/broken-regions.golden byte for byte (go test ./scenarios -update
// rewrites it, as TestBroken does broken.golden).
func TestBrokenRegions(t *testing.T) {
	files, err := filepath.Glob("testdata/broken-regions/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no broken regions: %v", err)
	}
	var b strings.Builder
	for _, f := range files {
		b.WriteString("== " + f + "\n")
		if !IsRegion(f) {
			t.Errorf("%s: IsRegion is false", f)
		}
		_, err := LoadRegion(f, nil)
		if err == nil {
			t.Errorf("%s loaded without error", f)
			continue
		}
		b.WriteString(err.Error() + "\n\n")
	}
	got := b.String()
	const golden = "testdata/broken-regions.golden"
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
