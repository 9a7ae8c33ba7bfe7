package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegionRecordGiven checks that a region's run's region.json, named by a scenario's
// extends, a council's scenario or a region file's extends, is refused with one problem at
// the field that names it, saying what the file is and what to name instead, not read field
// by field as a scenario or a region.
func TestRegionRecordGiven(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"rec.json":      `{"format": 2, "region": {"name": "south-east", "zones": []}, "council_scenarios": ["kent/scenario.yaml"]}` + "\n",
		"scenario.yaml": "name: mine\nextends: rec.json\n",
		"council.yaml":  "name: mine\nstart: 2026-04-01\nyears: 1\nzones:\n  - name: a\n    miles: {a: 5}\ncouncils:\n  - name: c1\n    zone: a\n    scenario: rec.json\n",
		"region.yaml":   "name: mine\nextends: rec.json\ncouncils:\n  - name: c1\n    zone: a\n    scenario: default\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const record = `rec.json is the record of region "south-east"'s run (the region.json placesim run writes), not `
	for _, tc := range []struct {
		file   string
		region bool
		want   string
	}{
		{"scenario.yaml", false, "scenario.yaml:2:10: extends: " + record + "a scenario: name a scenario file or a built-in scenario"},
		{"council.yaml", true, "council.yaml:10:15: councils.c1.scenario: " + record + "a scenario: name a scenario file or a built-in scenario"},
		{"region.yaml", true, "region.yaml:2:10: extends: " + record + "a region file: extend a region file or a built-in region"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := filepath.Join(dir, tc.file)
			var err error
			if tc.region {
				_, err = LoadRegion(p, nil)
			} else {
				_, err = Load(p, nil)
			}
			if err == nil {
				t.Fatal("loaded")
			}
			probs := Problems(err)
			got := strings.TrimPrefix(probs[0].Error(), dir+string(filepath.Separator))
			if len(probs) != 1 || !strings.HasPrefix(got, tc.want) {
				t.Errorf("got %d problems, the first\n%s\nwant one, starting\n%s\n(all: %v)", len(probs), got, tc.want, err)
			}
		})
	}
}
