package workspace

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCompareSaysIdle: a what-if whose surge acts on nothing its base has (no UASC arriving,
// as calibrate writes for a council that saw fewer than 5) is run on the Compare page with a
// note that it changes nothing and what to set, as the board pack says.
func TestCompareSaysIdle(t *testing.T) {
	base, _, dir := testServer(t)
	for name, text := range map[string]string{
		"none.yaml":  "name: none\nextends: default\nyears: 2\nuasc:\n  per_year: 0\n",
		"surge.yaml": "name: surge\nextends: none.yaml\ninterventions:\n  - {action: uasc_surge, label: UASC arrivals double, from: 2026-04-01, factor: 2}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, body := get(t, base+"/compare?s=surge")
	want := "surge: Acts on nothing: UASC arrivals double (interventions[0].factor) multiplies the UASC arriving, and none arrive (uasc.per_year is 0)"
	if !strings.Contains(body, want) {
		t.Errorf("the Compare page does not say %q:\n%s", want, body)
	}
}

// TestCompareSaysIdleChanges: a file that changes the National Transfer Scheme threshold of a
// base where no UASC arrive changes nothing: the Compare page and the board pack of its
// comparison say so, as placesim validate warns of it.
func TestCompareSaysIdleChanges(t *testing.T) {
	base, _, dir := testServer(t)
	for name, text := range map[string]string{
		"nts0.yaml": "name: nts0\nextends: default\nyears: 2\nuasc:\n  per_year: 0\n",
		"nts.yaml":  "name: nts\nextends: nts0.yaml\nuasc:\n  transfer_threshold_share: 0.002\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, page := get(t, base+"/compare?s=nts")
	want := "Acts on nothing: uasc.transfer_threshold_share is the threshold beyond which arriving UASC are transferred, and none arrive"
	if !strings.Contains(page, "nts: "+want) {
		t.Errorf("the Compare page does not say %q:\n%s", want, page)
	}
	m := regexp.MustCompile(`/export/[^/"]+/board-pack\.html`).FindString(page)
	if m == "" {
		t.Fatalf("no board pack on the Compare page")
	}
	if _, pack := get(t, base+m); !strings.Contains(pack, want) {
		t.Errorf("the board pack of the Compare page does not say %q", want)
	}

	// The scenario's own page: its results and their board pack.
	_, text := get(t, base+"/files/nts")
	var a runResponse
	post(t, base, "/api/run", wsState{Name: "nts", File: "nts", Base: "nts0.yaml", Text: text, UseText: true, Tab: "bp"}, &a)
	if !strings.Contains(a.Results, want) {
		t.Errorf("the scenario's results do not say %q: %v %v\n%s", want, a.Problems, a.Warnings, a.Results)
	}
	i := strings.Index(a.Results, `data-run="`)
	if i < 0 {
		t.Fatalf("no results: %v", a.Problems)
	}
	id := a.Results[i+len(`data-run="`):]
	id = id[:strings.Index(id, `"`)]
	if _, pack := get(t, base+"/export/"+id+"/board-pack.html"); !strings.Contains(pack, want) {
		t.Errorf("the board pack of the scenario's page does not say %q", want)
	}
}

// TestRegionPageSaysIdle: a region whose council's scenario holds an intervention that acts on
// nothing (a UASC surge where none arrive) is warned of on the region's page, naming the
// council, as placesim validate says it.
func TestRegionPageSaysIdle(t *testing.T) {
	base, _, dir := testServer(t)
	for name, text := range map[string]string{
		"idle.yaml": "name: idle\nextends: default\nuasc:\n  per_year: 0\ninterventions:\n" +
			"  - {action: uasc_surge, label: UASC arrivals double, from: 2026-04-01, factor: 2}\n",
		"reg.yaml": "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 0\nzones:\n  - {name: north, miles: {north: 5}}\n" +
			"councils:\n  - {name: a, zone: north, scenario: idle.yaml}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, page := get(t, base+"/region?r=reg.yaml")
	want := "<li>Warning: idle.yaml:6:81: interventions[0].factor: in council a, multiplies the UASC arriving, and none arrive (uasc.per_year is 0), so it changes nothing"
	if !strings.Contains(html.UnescapeString(page), want) {
		t.Errorf("the region's page does not warn %q", want)
	}
}

// TestCompareLeavesOutBaselineIdle: what acts on nothing in the baseline a saved scenario
// extends is the baseline's: the Compare page and the board pack of its comparison do not
// say it under the scenario, which changes something else.
func TestCompareLeavesOutBaselineIdle(t *testing.T) {
	base, _, dir := testServer(t)
	for name, text := range map[string]string{
		"idle.yaml": "name: idle\nextends: default\nyears: 2\nuasc:\n  per_year: 0\ninterventions:\n  - {action: uasc_surge, label: UASC arrivals double, from: 2026-04-01, factor: 2}\n",
		"more.yaml": "name: more\nextends: idle.yaml\ninterventions:\n  - {action: extra_approvals, kind: inhouse_foster, from: 2026-04-01, per_year: 12}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, page := get(t, base+"/compare?s=more")
	said := "UASC arrivals double (interventions[0].factor)"
	if strings.Contains(page, said) {
		t.Errorf("the Compare page says the baseline's %q under more", said)
	}
	m := regexp.MustCompile(`/export/[^/"]+/board-pack\.html`).FindString(page)
	if m == "" {
		t.Fatalf("no board pack on the Compare page:\n%s", page)
	}
	if _, pack := get(t, base+m); strings.Contains(html.UnescapeString(pack), said) {
		t.Errorf("the board pack of the Compare page says the baseline's %q", said)
	}
}
