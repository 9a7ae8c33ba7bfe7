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

// TestMergeRegionText checks that a region file's text with an overlay applied reads as the
// file extended by the overlay does.
func TestMergeRegionText(t *testing.T) {
	base, err := RegionSource("regional-care-cooperative")
	if err != nil {
		t.Fatal(err)
	}
	overlay := "name: more-hub\ncouncils:\n  - name: kent\n    interventions:\n      - {action: extra_approvals, from: 2028-04-01, kind: inhouse_foster, per_year: 5}\n" +
		"markets:\n  - kind: ifa\n    providers:\n      - {name: agencies-kent, places: 900}\n" +
		"interventions:\n  - {action: provider_exit, on: 2028-04-01, market: ifa, provider: agencies-medway}\n"
	merged, err := MergeRegionText(string(base), overlay)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseRegion(strings.NewReader(merged), "more-hub.yaml", nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, merged)
	}
	if !strings.Contains(merged, "extends: south-east") || !strings.Contains(merged, "# D: NAO £318,400") || !strings.HasPrefix(merged, "# What if the South East's councils commission together") {
		t.Errorf("the merged file lost its extends or its notes:\n%s", merged)
	}
	if got.Name != "more-hub" || len(got.Interventions) != 4 || got.Interventions[3].Action.String() != "provider_exit" {
		t.Errorf("merged: %s with %d interventions", got.Name, len(got.Interventions))
	}
	kent := got.Councils[0].Scenario.Interventions
	if n := len(kent); n < 2 || kent[n-1].PerYear != 5 || kent[n-2].PerYear != 10.5 {
		t.Errorf("kent's interventions: the hub's and the overlay's, in order, want 10.5 then 5")
	}
	if p := got.Markets[0].Providers[0]; p.Name != "agencies-kent" || p.Places != 900 {
		t.Errorf("agencies-kent: %+v", p)
	}
}
