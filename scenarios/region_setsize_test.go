package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRegionSetScaledBySize checks that a sized council's set of a value its size scales (a
// yearly number of arrivals, a count of children or carers) is warned of at the set, saying
// what the value becomes and what to give instead, since set applies before size; and that a
// rate, a value with nothing to scale (0, unlimited) or that scaling leaves as it is (a cap of
// 1 place stays 1), a council with no size, and a size of the scenario's own count are not.
func TestRegionSetScaledBySize(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	head := "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 1\nzones:\n  - {name: north, miles: {north: 5}}\ncouncils:\n"
	for _, tt := range []struct {
		name, council string
		want          []string
	}{
		{"counts and a rate", "  - {name: a, zone: north, size: {children_in_care: 300}, set: [uasc.per_year=40, entries.trend_per_year=0.01, kinds.inhouse_foster.carers.households=200, child_population=90000, kinds.inhouse_foster.carers.approvals_per_year=30]}\n", []string{
			"reg.yaml:8:65: councils.a.set[0]: uasc.per_year=40 is read at default's size (821 children in care at the start), as set applies before size, and scaled by size: {children_in_care: 300} to 14.6; for 40 in the council, set uasc.per_year=109.5, or give it in a scenario file of the council's own size",
			"reg.yaml:8:112: councils.a.set[2]: kinds.inhouse_foster.carers.households=200 is read at default's size (821 children in care at the start), as set applies before size, and scaled by size: {children_in_care: 300} to 73; for 200 in the council, set kinds.inhouse_foster.carers.households=547, or give it in a scenario file of the council's own size",
			"reg.yaml:8:156: councils.a.set[3]: child_population=90000 is read at default's size (821 children in care at the start), as set applies before size, and scaled by size: {children_in_care: 300} to 32,887; for 90000 in the council, set child_population=246300, or give it in a scenario file of the council's own size",
			"reg.yaml:8:180: councils.a.set[4]: kinds.inhouse_foster.carers.approvals_per_year=30 is read at default's size (821 children in care at the start), as set applies before size, and scaled by size: {children_in_care: 300} with its pool's households (about ×0.365)",
		}},
		{"nothing to scale, a cap, a stock count", "  - {name: a, zone: north, size: {children_in_care: 300}, set: [uasc.per_year=0, kinds.kinship.capacity_places=unlimited, kinds.ifa.capacity_places=1, 'stock[0].count=10']}\n", []string{
			"reg.yaml:8:152: councils.a.set[3]: stock[0].count=10 is read at default's size (827 children in care at the start), as set applies before size, and scaled by size: {children_in_care: 300} to about 4; for 10 in the council, set stock[0].count=28, or give it in a scenario file of the council's own size",
		}},
		// A cap of 1 or 2 places in a council six times the size: the value meant would be
		// under the least a cap takes, 1 place, so no value reaches it; 40 can be reached.
		{"a cap no value reaches", "  - {name: b, zone: north, size: {children_in_care: 5000}, set: [kinds.ifa.capacity_places=1, kinds.external_residential.capacity_places=2, kinds.kinship.capacity_places=40]}\n", []string{
			"reg.yaml:8:66: councils.b.set[0]: kinds.ifa.capacity_places=1 is read at default's size (821 children in care at the start), as set applies before size, and scaled by size: {children_in_care: 5000} to 6; no value gives 1 in the council, as the least it takes, 1, becomes 6: give it in a scenario file of the council's own size",
			"reg.yaml:8:95: councils.b.set[1]: kinds.external_residential.capacity_places=2 is read at default's size (821 children in care at the start), as set applies before size, and scaled by size: {children_in_care: 5000} to 12; no value gives 2 in the council, as the least it takes, 1, becomes 6: give it in a scenario file of the council's own size",
			"reg.yaml:8:141: councils.b.set[2]: kinds.kinship.capacity_places=40 is read at default's size (821 children in care at the start), as set applies before size, and scaled by size: {children_in_care: 5000} to 244; for 40 in the council, set kinds.kinship.capacity_places=7, or give it in a scenario file of the council's own size",
		}},
		{"no size", "  - {name: a, zone: north, set: [uasc.per_year=40]}\n", nil},
		{"the scenario's own size", "  - {name: a, zone: north, size: {children_in_care: 821}, set: [uasc.per_year=40]}\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, warns, err := LoadRegionWarnings(write("reg.yaml", head+tt.council), nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range warns {
				if s := strings.TrimPrefix(w.Error(), dir+string(filepath.Separator)); strings.Contains(s, "set applies before size") {
					got = append(got, s)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestRegionSetRefusedNotScaled checks that a sized council's set of a value the field refuses
// (past its range, or written with _) gets its error and no advice on what to set instead,
// which would be no less refused.
func TestRegionSetRefusedNotScaled(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	head := "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 1\nzones:\n  - {name: north, miles: {north: 5}}\ncouncils:\n"
	for _, v := range []string{"1_000_000", "1000000", "90_000", "-5"} {
		t.Run(v, func(t *testing.T) {
			council := "  - {name: a, zone: north, size: {children_in_care: 1960}, set: [kinds.inhouse_foster.carers.households=" + v + "]}\n"
			_, warns, err := LoadRegionWarnings(write("reg.yaml", head+council), nil)
			if err == nil || !strings.Contains(err.Error(), "councils.a.set[0]: kinds.inhouse_foster.carers.households: ") {
				t.Errorf("households=%s: error %v", v, err)
			}
			for _, w := range warns {
				if strings.Contains(w.Error(), "set applies before size") {
					t.Errorf("households=%s, refused, was given advice: %v", v, w)
				}
			}
		})
	}
}
