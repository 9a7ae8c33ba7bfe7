package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBaseWithoutYaml checks that base=plain names the saved file plain.yaml, as s=plain
// does, on the workspace and compare pages, rather than saying there is no such file; so do
// ./plain and plain.yml.
func TestBaseWithoutYaml(t *testing.T) {
	base, _, dir := testServer(t)
	if err := os.WriteFile(filepath.Join(dir, "plain.yaml"), []byte("extends: default\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"/?base=plain", "/compare?s=plain&base=plain", "/?base=./plain", "/?base=plain.yml"} {
		_, page := get(t, base+u)
		if strings.Contains(page, "no file plain.yaml") {
			t.Errorf("%s: says there is no file plain.yaml", u)
		}
		if !strings.Contains(page, `<option value="plain.yaml" selected>`) {
			t.Errorf("%s: plain.yaml is not the chosen baseline", u)
		}
	}
}
