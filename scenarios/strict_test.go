package scenarios

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestWalkMatchesKnownFields checks that the schema walk is as strict as yaml.v3's
// KnownFields(true) on the same merged tree: it finds a problem with keys or shapes if and only
// if a strict decode of the tree fails, except that it also refuses empty list items. The walk
// is what reports them, with positions.
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
			plainStyle(tr.root)
			text, err := yaml.Marshal(tr.root)
			if err != nil {
				t.Fatal(err)
			}
			var syntax yaml.Node
			if err := yaml.Unmarshal(text, &syntax); err != nil {
				t.Fatalf("the merged tree does not marshal to YAML: %v", err)
			}
			dec := yaml.NewDecoder(bytes.NewReader(text))
			dec.KnownFields(true)
			var fs fileScenario
			strict := dec.Decode(&fs) != nil

			tr.check(tr.root, reflect.TypeFor[fileScenario](), "")
			walk := len(tr.errs) > 0
			// The walk also refuses empty list items, which yaml.v3 decodes as zero values.
			onlyEmptyItems := walk
			for _, e := range tr.errs {
				onlyEmptyItems = onlyEmptyItems && e.Message == "list item is empty"
			}
			if walk != strict && !(walk && onlyEmptyItems) {
				t.Errorf("walk found problems: %v (%v); KnownFields decode failed: %v", walk, tr.errs, strict)
			}
		})
	}
}

// plainStyle turns flow mappings and lists into block ones and drops comments, so that a tree
// merged from several files marshals to valid YAML.
func plainStyle(n *yaml.Node) {
	if n.Kind != yaml.ScalarNode {
		n.Style = 0
	}
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for _, c := range n.Content {
		plainStyle(c)
	}
}
