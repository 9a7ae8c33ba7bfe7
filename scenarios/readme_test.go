package scenarios

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeExamples checks that the scenario and region files shown in README.md load.
func TestReadmeExamples(t *testing.T) {
	text, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(text), -1)
	if len(blocks) < 2 {
		t.Fatalf("found %d yaml examples in README.md, want 2 at least", len(blocks))
	}
	for i, b := range blocks {
		parse := func() error { _, err := Parse(strings.NewReader(b[1]), "example.yaml", nil); return err }
		if isRegionData([]byte(b[1]), fileSource("example.yaml"), 0) {
			parse = func() error { _, err := ParseRegion(strings.NewReader(b[1]), "example.yaml", nil); return err }
		}
		if err := parse(); err != nil {
			t.Errorf("example %d:\n%s\n%v", i+1, b[1], err)
		}
	}
}
