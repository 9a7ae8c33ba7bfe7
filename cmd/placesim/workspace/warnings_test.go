package workspace

import (
	"html"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWorkspaceSaysWarnings checks that a scenario whose ladders replace those its baseline
// (a council's file) wrote is warned of on the page and in Apply's answer, as placesim
// validate says it, whether it then runs or, a ladder left out, it cannot: what the list
// dropped is often why it fails.
func TestWorkspaceSaysWarnings(t *testing.T) {
	base, _, dir := testServer(t)
	council := "name: council\nextends: default\nladders:\n" +
		"  - who: {needs: [solo]}\n    try: [inhouse_home, external_residential]\n" +
		"  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential]\n"
	if err := os.WriteFile(filepath.Join(dir, "council.yaml"), []byte(council), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "whatif.yaml:4:3: ladders: replaces the 2 items council.yaml gives (line 4) with this file's 1"
	for _, tc := range []struct{ ages, problem string }{
		{"0-17", ""},
		{"0-15", "ladders: no ladder selects a standard-need child aged 16"},
	} {
		text := "name: whatif\nextends: council.yaml\nladders:\n" +
			"  - who: {ages: " + tc.ages + "}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential, inhouse_home]\n"
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "w", Name: "whatif", Base: "council.yaml", Check: true, UseText: true, Text: text}, &a)
		if len(a.Warnings) != 1 || !strings.HasPrefix(a.Warnings[0], want) {
			t.Errorf("ages %s: Apply's warnings %q, want one beginning %q", tc.ages, a.Warnings, want)
		}
		if got := strings.Join(a.Problems, "\n"); !strings.Contains(got, tc.problem) || (tc.problem == "") != (got == "") {
			t.Errorf("ages %s: problems %q, want %q", tc.ages, got, tc.problem)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "whatif.yaml"), []byte("name: whatif\nextends: council.yaml\nladders:\n"+
		"  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential, inhouse_home]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, page := get(t, base+"/?file="+url.QueryEscape("whatif"))
	if !strings.Contains(html.UnescapeString(page), "<li>Warning: "+want) {
		t.Errorf("the page opening whatif.yaml does not warn %q", want)
	}
}

// TestRegionPageSaysWarnings checks that a region whose councils start from a scenario whose
// ladders replace those its base (a council's file) wrote is warned of on the region's page,
// once though two councils start from it, as placesim validate says it.
func TestRegionPageSaysWarnings(t *testing.T) {
	base, _, dir := testServer(t)
	for name, text := range map[string]string{
		"council.yaml": "name: council\nextends: default\nladders:\n" +
			"  - who: {needs: [solo]}\n    try: [inhouse_home, external_residential]\n" +
			"  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential]\n",
		"whatif.yaml": "name: whatif\nextends: council.yaml\nladders:\n" +
			"  - who: {ages: 0-17}\n    try: [kinship, inhouse_foster, ifa, supported_accommodation, specialist_foster, block_residential, external_residential, inhouse_home]\n",
		"reg.yaml": "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 0\nzones:\n  - {name: north, miles: {north: 5}}\n" +
			"councils:\n  - {name: a, zone: north, scenario: whatif.yaml}\n  - {name: b, zone: north, scenario: whatif.yaml}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, page := get(t, base+"/region?r=reg.yaml")
	want := "<li>Warning: whatif.yaml:4:3: ladders: replaces the 2 items council.yaml gives (line 4) with this file's 1"
	if n := strings.Count(html.UnescapeString(page), want); n != 1 {
		t.Errorf("the region's page warns %q %d times, want once", want, n)
	}
}
