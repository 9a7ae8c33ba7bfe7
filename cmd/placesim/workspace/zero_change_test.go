package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestZeroChangeLeavesValue checks that a change of nothing ("+0", "-0", "+0%", "-0.0") leaves
// the value it is typed over as it is, in every box that takes a change: "+0" over a file's
// inflation of 0.1111111111111111 once wrote 0.1111111112 and said "+0.00000001 percentage
// points", and "-0" wrote 0.1111111111.
func TestZeroChangeLeavesValue(t *testing.T) {
	base, _, dir := testServer(t)
	text := "name: t\nextends: default\ninflation_per_year: 0.1111111111111111\nentries:\n  per_year: 260.1234567890123\n"
	if err := os.WriteFile(filepath.Join(dir, "t1.yaml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var plain runResponse
	post(t, base, "/api/run", wsState{Tab: "z", Base: "t1.yaml", Check: true}, &plain)
	for _, id := range []string{"inflation", "entries", "ifa_price"} {
		for _, typed := range []string{"+0", "-0", "+0%", "-0%", "+0.000", "−0", "+£0"} {
			if typed == "+£0" && id != "ifa_price" {
				continue
			}
			var a runResponse
			post(t, base, "/api/run", wsState{Tab: "z", Base: "t1.yaml", Check: true, Values: map[string]string{id: typed}}, &a)
			if e := a.Inputs[id].Error; e != "" {
				t.Errorf("%s %q: refused: %s", id, typed, e)
			}
			if a.Inputs[id].Value != plain.Inputs[id].Value || a.Changed[id] || strings.Contains(a.Effects[id], "points") {
				t.Errorf("%s %q: box %q, effect %q (changed %v), want the box as before, %q", id, typed, a.Inputs[id].Value, a.Effects[id], a.Changed[id], plain.Inputs[id].Value)
			}
			if a.Text != plain.Text {
				t.Errorf("%s %q: the file is\n%s\nwant inflation_per_year as it was", id, typed, a.Text)
			}
		}
	}
}
