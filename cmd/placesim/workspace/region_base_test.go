package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestRegionAsBaseline checks that the workspace's loader of a baseline refuses a region, a
// built-in one or a region file of the folder, in the words placesim's commands use, rather than
// as no built-in scenario or with the problems of reading a region as a scenario.
func TestRegionAsBaseline(t *testing.T) {
	_, srv, dir := testServer(t)
	region := "name: two\nstart: 2026-04-01\nyears: 1\nzones: [{name: z, miles: {z: 10}}]\n" +
		"councils:\n  - {name: a, zone: z, size: {children_in_care: 100}}\n  - {name: b, zone: z, size: {children_in_care: 100}}\n"
	if err := os.WriteFile(filepath.Join(dir, "two.yaml"), []byte(region), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ ref, want string }{
		{"south-east", (&scenarios.RegionError{Ref: "south-east"}).Error()},
		{"two.yaml", (&scenarios.RegionError{Ref: "two.yaml", File: true}).Error()},
	} {
		_, err := srv.loadBase(tc.ref)
		var re *scenarios.RegionError
		if err == nil || err.Error() != tc.want || !errors.As(err, &re) {
			t.Errorf("%s: got\n%v\nwant\n%s", tc.ref, err, tc.want)
		}
	}
}
