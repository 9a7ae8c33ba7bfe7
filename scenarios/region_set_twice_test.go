package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRegionSetTwiceNamesItsItem checks that a council's set: list that gives a field twice,
// or a field after a part of it, names the other item as the region file's entry
// (councils.a.set[1]), not as a --set, and is said at the item at fault: the second, however
// alike the two are written.
func TestRegionSetTwiceNamesItsItem(t *testing.T) {
	dir := t.TempDir()
	write := fileWriter(t, dir)
	head := "name: reg\nstart: 2026-04-01\nyears: 1\nwarmup_years: 1\nzones:\n  - {name: north, miles: {north: 5}}\ncouncils:\n"
	for _, second := range []string{"stock[0].count=5", "stock[0].count=0"} {
		council := `  - {name: a, zone: north, set: [uasc.per_year=40, "stock[0].count=0", entries.per_year=300, "` + second + `", kinds.ifa.weekly_gbp.standard=800, kinds.ifa.weekly_gbp=900]}` + "\n"
		_, err := LoadRegion(write("reg.yaml", head+council), nil)
		if err == nil {
			t.Fatal("a field set twice is not refused")
		}
		got := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
		for _, want := range []string{
			"reg.yaml:8:94: councils.a.set[3]: sets stock[0].count, which councils.a.set[1] sets too: give it once",
			"reg.yaml:8:149: councils.a.set[5]: sets kinds.ifa.weekly_gbp, which holds kinds.ifa.weekly_gbp.standard, which councils.a.set[4] sets before it: this value would replace that one whole; give this one first",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: the problems\n%s\ndo not say\n%s", second, got, want)
			}
		}
		if strings.Contains(got, "--set") {
			t.Errorf("%s: the problems of a region file's set: name --set:\n%s", second, got)
		}
	}
}
