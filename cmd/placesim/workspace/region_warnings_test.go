package workspace

import (
	"html"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegionPageSaysWhyNotOpened: a region that does not load, its councils starting from a
// scenario whose ladders replace those its base wrote and leave a child without one, is not
// opened: the list of regions the page falls back to says its problem and the warning of
// what the list dropped, as the scenario page and placesim validate say them.
func TestRegionPageSaysWhyNotOpened(t *testing.T) {
	base, _, dir := testServer(t)
	for name, text := range map[string]string{
		"council.yaml": "name: council\nextends: default\nladders:\n" +
			"  - who: {needs: [solo]}\n    try: [inhouse_home, external_residential]\n" +
			"  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential]\n",
		"whatif.yaml": "name: whatif\nextends: council.yaml\nladders:\n" +
			"  - who: {ages: 0-15}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential, inhouse_home]\n",
		"reg.yaml": "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 0\nzones:\n  - {name: north, miles: {north: 5}}\n" +
			"councils:\n  - {name: a, zone: north, scenario: whatif.yaml}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	resp, page := get(t, base+"/region?r=reg.yaml")
	page = html.UnescapeString(page)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, want 404", resp.StatusCode)
	}
	for _, want := range []string{
		"The region asked for could not be opened: ",
		"councils.a.scenario.ladders: no ladder selects a standard-need child aged 16",
		"<li>Warning: whatif.yaml:4:3: ladders: replaces the 2 items council.yaml gives (line 4) with this file's 1",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q:\n%s", want, page)
		}
	}
}
