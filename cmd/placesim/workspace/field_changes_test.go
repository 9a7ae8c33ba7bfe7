package workspace

import (
	"slices"
	"strings"
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
			// The workspace says too which changes are the council as it is.
			got := withoutAsItIs(leverChanges(leversFor(base), base, alt, 0))
			if tc.want != nil && !slices.Equal(cli, tc.want) {
				t.Fatalf("placesim compare's pack lists %q, want %q", cli, tc.want)
			}
			if len(cli) != len(tc.set) || !slices.Equal(sorted(got), sorted(cli)) {
				t.Errorf("the workspace's pack lists %q, want what placesim compare's lists: %q", got, cli)
			}
		})
	}
}

// TestOnePriceForTheBandsInLeverWords checks that one price for every need in place of a
// kind's price bands (weekly_gbp: 1500) is said as a change of the bands is: the standard
// price in the IFA price lever's words, for standard needs (the lever moves every need's price
// by the same share, which one price does not), the other needs the kind accepts by their
// paths (an IFA takes no child with solo needs, so its solo price is no change).
func TestOnePriceForTheBandsInLeverWords(t *testing.T) {
	base, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Agency foster care (IFA) price for standard needs: £1,500 a week (baseline £979 a week; +£521 (+53%))",
		"kinds.ifa.weekly_gbp.complex: 1500 (baseline 1288)"}
	for _, set := range [][]string{
		{"kinds.ifa.weekly_gbp=1500"},
		{"kinds.ifa.weekly_gbp={standard: 1500, complex: 1500, solo: 1500}"},
	} {
		alt, err := scenarios.Load("default", set)
		if err != nil {
			t.Fatal(err)
		}
		got, err := FieldChanges(base, alt)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("--set %s:\n got %q\nwant %q", set[0], got, want)
		}
		if ws := withoutAsItIs(leverChanges(leversFor(base), base, alt, 0)); !slices.Equal(sorted(ws), sorted(got)) {
			t.Errorf("--set %s: the workspace's pack lists %q, placesim compare's %q", set[0], ws, got)
		}
	}
}

// withoutAsItIs returns the workspace's lines of changes without the words that say a lever
// changes the council as it is, which placesim compare's pack does not say.
func withoutAsItIs(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimSuffix(l, "; "+asItIsWords)
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
