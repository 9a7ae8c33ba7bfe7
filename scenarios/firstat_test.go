package scenarios

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// TestFirstAt checks that a key given twice names where the first is: its line, and its file
// when that is not the file (or --set) of the second, which a line alone does not say.
func TestFirstAt(t *testing.T) {
	first := &yaml.Node{Line: 312}
	again := &yaml.Node{Line: 3}
	for _, tt := range []struct {
		name               string
		firstFrom, dupFrom string
		want               string
	}{
		{"one file", "default.yaml", "default.yaml", "on line 312"},
		{"the top file", "", "", "on line 312"},
		{"a file and a --set", "default.yaml", "--set places_mix.01=0.3", "on line 312 of default.yaml"},
		{"two files", "default.yaml", "", "on line 312 of default.yaml"},
		{"two --sets", "--set places_mix={1: 1}", "--set places_mix.01=0.3", "in --set places_mix={1: 1}"},
		{"one --set", "--set places_mix={1: 0.5, 01: 0.5}", "--set places_mix={1: 0.5, 01: 0.5}", "in the same --set"},
	} {
		tr := &tree{top: "top.yaml", origin: map[*yaml.Node]string{first: tt.firstFrom, again: tt.dupFrom}}
		if got := tr.firstAt(first, again); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
