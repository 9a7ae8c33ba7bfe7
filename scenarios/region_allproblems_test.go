package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRegionCouncilProblemsTogether checks that validate's one reading of a region file gives
// every problem of a council: its size out of range beside a scenario that cannot be found,
// not after the scenario is fixed; and that a council named twice is an error naming both
// lines, with no warning that names it twice over.
func TestRegionCouncilProblemsTogether(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	head := "name: reg\nstart: 2026-04-01\nyears: 1\nzones:\n  - {name: north, miles: {north: 5}}\ncouncils:\n"
	for _, tt := range []struct {
		name, councils string
		want           []string // in the error
		notWarned      string   // in no warning
	}{
		{"scenario and size", "  - {name: a, zone: north, scenario: defualt, size: {children_in_care: -5}}\n",
			[]string{`reg.yaml:7:38: councils.a.scenario: no file "defualt"`, "reg.yaml:7:72: councils.a.size.children_in_care: must be between 1 and 100,000 children"}, ""},
		{"named twice", "  - {name: a, zone: north, scenario: default}\n  - {name: a, zone: north, scenario: default}\n",
			[]string{`reg.yaml:8:12: councils[1].name: "a" is given twice (first on line 7): give each council once`}, "councils a and a"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, warns, err := LoadRegionWarnings(write("reg.yaml", head+tt.councils), nil)
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("the error has no %q:\n%s", w, got)
				}
			}
			for _, w := range warns {
				if tt.notWarned != "" && strings.Contains(w.Error(), tt.notWarned) {
					t.Errorf("warned %q", w)
				}
			}
		})
	}
}

// TestRegionSetCapOfSharedKind checks that a council's set of the cap of a kind the region's
// shared market supplies gets only the warning that it changes nothing, not advice on the
// value to give at the council's size, which would contradict it; a kind of no shared
// market still gets the advice.
func TestRegionSetCapOfSharedKind(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	text := "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 1\nzones:\n  - {name: north, miles: {north: 5}}\ncouncils:\n" +
		"  - {name: a, zone: north, scenario: default, size: {children_in_care: 400}, set: [kinds.ifa.capacity_places=100, kinds.external_residential.capacity_places=100]}\n" +
		"markets:\n  - kind: ifa\n    providers:\n      - {name: p, zone: north, places: 300}\n"
	_, warns, err := LoadRegionWarnings(write("reg.yaml", text), nil)
	if err != nil {
		t.Fatal(err)
	}
	var ifaScaled, ifaNothing, resScaled bool
	for _, w := range warns {
		s := w.Error()
		ifaScaled = ifaScaled || strings.Contains(s, "kinds.ifa.capacity_places=100 is read at")
		ifaNothing = ifaNothing || strings.Contains(s, "set[0]: kinds.ifa.capacity_places") && strings.Contains(s, "changes nothing")
		resScaled = resScaled || strings.Contains(s, "kinds.external_residential.capacity_places=100 is read at")
	}
	if ifaScaled || !ifaNothing || !resScaled {
		t.Errorf("the ifa cap's advice on its size: %v (want none), its changing nothing: %v (want it), the external_residential cap's advice: %v (want it); warnings:\n%v", ifaScaled, ifaNothing, resScaled, warns)
	}
}
