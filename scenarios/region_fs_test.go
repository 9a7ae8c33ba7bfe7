package scenarios

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestParseRegionFS checks that a region read through a folder extends region files in it
// and built-in regions, and never a file outside it.
func TestParseRegionFS(t *testing.T) {
	small := "name: small\nstart: 2026-04-01\nyears: 2\nzones:\n  - {name: z, miles: {z: 10}}\n" +
		"councils:\n  - {name: a, zone: z, scenario: default, size: {children_in_care: 100}}\n"
	fsys := fstest.MapFS{
		"small.yaml":    {Data: []byte(small)},
		"plan.yaml":     {Data: []byte("extends: small.yaml\ncouncils:\n  - {name: a, size: {children_in_care: 120}}\n")},
		"notes.txt":     {Data: []byte("not a region")},
		"scenario.yaml": {Data: []byte("extends: default\n")},
	}
	reg, err := ParseRegionFS(strings.NewReader(string(fsys["plan.yaml"].Data)), fsys, "plan.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if reg.Name != "plan" || len(reg.Councils) != 1 || len(reg.Zones) != 1 {
		t.Errorf("plan.yaml read as %s with %d councils and %d zones", reg.Name, len(reg.Councils), len(reg.Zones))
	}
	if _, err := ParseRegionFS(strings.NewReader("extends: south-east\n"), fsys, "se.yaml", nil); err != nil {
		t.Errorf("a file extending the built-in south-east: %v", err)
	}
	for _, tc := range []struct{ text, want string }{
		{"extends: ../small.yaml\n", "outside"},
		{"extends: /etc/small.yaml\n", "outside"},
		{"extends: notes.txt\n", "neither a region file"},
		{strings.Replace(small, "scenario: default", "scenario: ../x.yaml", 1), "outside"},
	} {
		_, err := ParseRegionFS(strings.NewReader(tc.text), fsys, "x.yaml", nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.text, err, tc.want)
		}
	}
	if !IsRegionFS(fsys, "plan.yaml") || !IsRegionFS(fsys, "small.yaml") || IsRegionFS(fsys, "scenario.yaml") || IsRegionFS(fsys, "none.yaml") {
		t.Error("IsRegionFS tells regions from scenarios wrongly")
	}
}
