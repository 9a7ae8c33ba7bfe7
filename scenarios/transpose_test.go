package scenarios

import (
	"path/filepath"
	"testing"
)

// TestSuggestionCountsASwapAsOneEdit checks that two letters swapped count one edit where a
// suggestion is made, as scenarios/README.md promises of extends: "bsae.yaml" beside base.yaml
// and bad.yaml is "did you mean base.yaml?", not bad.yaml (two edits each, counted without
// swaps, and bad.yaml first in the folder).
func TestSuggestionCountsASwapAsOneEdit(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"bsae", "base", 1}, {"bsae", "bad", 2}, {"ab", "ba", 1}, {"abc", "ca", 3}, {"default", "defualt", 1},
		{"", "abc", 3}, {"kitten", "sitting", 3}, {"same", "same", 0},
	} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if got := Nearest("bsae.yaml", []string{"bad.yaml", "base.yaml"}); got != "base.yaml" {
		t.Errorf("Nearest(bsae.yaml) = %q, want base.yaml", got)
	}
	dir := writeFiles(t, map[string]string{
		"bad.yaml":   "name: bad\nextends: default\n",
		"base.yaml":  "name: base\nextends: default\n",
		"child.yaml": "name: child\nextends: bsae.yaml\n",
	})
	_, err := Load(filepath.Join(dir, "child.yaml"), nil)
	wantErr(t, err, "(did you mean base.yaml?)")
}
