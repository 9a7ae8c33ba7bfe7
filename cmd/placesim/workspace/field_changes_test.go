package workspace

import (
	"slices"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestBoardPackListsFieldsNoLeverIs checks that the workspace's board pack of a scenario that
// changes a field no lever is lists the field by its path, as placesim compare's pack does
// (FieldChanges), rather than saying the changes are in the scenario file; with a lever
// changed too, both are listed.
func TestBoardPackListsFieldsNoLeverIs(t *testing.T) {
	base, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		set  []string
		want []string
	}{
		{"a field alone", []string{"uasc.grant_per_night_gbp=143"}, []string{"uasc.grant_per_night_gbp: 143 (not in the baseline)"}},
		{"a field and a lever", []string{"uasc.grant_per_night_gbp=143", "kinds.ifa.weekly_gbp.standard=1500"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			alt, err := scenarios.Load("default", tc.set)
			if err != nil {
				t.Fatal(err)
			}
			cli, err := FieldChanges(base, alt)
			if err != nil {
				t.Fatal(err)
			}
			got := leverChanges(leversFor(base), base, alt, 0)
			if tc.want != nil && !slices.Equal(cli, tc.want) {
				t.Fatalf("placesim compare's pack lists %q, want %q", cli, tc.want)
			}
			if len(cli) != len(tc.set) || !slices.Equal(sorted(got), sorted(cli)) {
				t.Errorf("the workspace's pack lists %q, want what placesim compare's lists: %q", got, cli)
			}
		})
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
