package scenarios

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestWalkMatchesKnownFields checks that the schema walk is exactly as strict as yaml.v3's
// KnownFields(true) on the same merged tree: it finds a problem with keys or shapes if and only
// if a strict decode of the tree fails. The walk is what reports them, with positions.
func TestWalkMatchesKnownFields(t *testing.T) {
	files, _ := filepath.Glob("testdata/broken/*.yaml")
	files = append(files, "testdata/every_action.yaml", "default.yaml", "validation/erlang.yaml")
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			tr := newTree(f)
			tr.root = (&loader{t: tr}).load(data, fileSource(f))
			if tr.root == nil {
				t.Skip("file does not load")
			}
			tr.check(tr.root, reflect.TypeFor[fileScenario](), "")
			walk := len(tr.errs) > 0

			text, err := yaml.Marshal(tr.root)
			if err != nil {
				t.Fatal(err)
			}
			dec := yaml.NewDecoder(bytes.NewReader(text))
			dec.KnownFields(true)
			var fs fileScenario
			strict := dec.Decode(&fs) != nil
			if walk != strict {
				t.Errorf("walk found problems: %v (%v); KnownFields decode failed: %v", walk, tr.errs, strict)
			}
		})
	}
}
