package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRegionCouncilWithoutChildren checks that a council that will have no children in care (an
// empty stock, no entries and no UASC) is warned of by name at its scenario's line, since its
// standing costs still count in the region's spending; and that one with only UASC arrivals,
// only entries, only a stock or only a uasc_surge adding arrivals is not.
func TestRegionCouncilWithoutChildren(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	write("empty-scn.yaml", "name: empty-scn\nextends: default\nstock: []\n")
	write("surge-scn.yaml", "name: surge-scn\nextends: empty-scn.yaml\ninterventions:\n  - {action: uasc_surge, from: 2026-10-01, factor: 1, per_year: 30}\n")
	head := "name: nokids\nstart: 2026-04-01\nyears: 2\nwarmup_years: 1\nzones:\n  - {name: north, miles: {north: 10, south: 45}}\n  - {name: south, miles: {south: 12}}\n" +
		"councils:\n  - {name: beta, zone: south, size: {children_in_care: 100}}\n"
	market := "markets:\n  - kind: ifa\n    providers:\n      - {name: p1, zone: north, places: 30}\n"
	for _, tt := range []struct {
		name, council, want string
	}{
		{"no children", "  - {name: gamma, zone: north, scenario: empty-scn.yaml, set: [entries.per_year=0, uasc.per_year=0]}\n",
			"reg.yaml:10:42: councils.gamma.scenario: council gamma will have no children in care: its scenario has none at the start (no stock), no entries and no UASC arrivals (entries.per_year and uasc.per_year are 0), yet what it pays whatever the children (its carers' fees, its homes) still counts in the region's spending; give it children, or leave it out of the region"},
		{"UASC only", "  - {name: gamma, zone: north, scenario: empty-scn.yaml, set: [entries.per_year=0]}\n", ""},
		{"entries only", "  - {name: gamma, zone: north, scenario: empty-scn.yaml, set: [uasc.per_year=0]}\n", ""},
		{"a stock only", "  - {name: gamma, zone: north, set: [entries.per_year=0, uasc.per_year=0]}\n", ""},
		{"a UASC surge only", "  - {name: gamma, zone: north, scenario: surge-scn.yaml, set: [entries.per_year=0, uasc.per_year=0]}\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, warns, err := LoadRegionWarnings(write("reg.yaml", head+tt.council+market), nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range warns {
				if s := strings.TrimPrefix(w.Error(), dir+string(filepath.Separator)); strings.Contains(s, "no children in care") {
					got = append(got, s)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("warned %q, want no warning of no children", got)
			case tt.want != "" && (len(got) != 1 || got[0] != tt.want):
				t.Errorf("warnings\n%q\nwant\n%s", got, tt.want)
			}
		})
	}
}
