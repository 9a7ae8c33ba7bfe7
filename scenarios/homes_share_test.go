package scenarios

import (
	"strings"
	"testing"
)

// TestStockHomesShare checks that a stock group's homes_share is read and that a share out of
// range, on a group in the homes already, or more than the homes' beds hold is said at its
// file, line and field.
func TestStockHomesShare(t *testing.T) {
	const base = "name: t\nextends: default\n"
	for _, tc := range []struct{ name, text, want string }{
		{"out of range", base + "stock: [{kind: external_residential, ages: 10-17, count: 10, needs: {complex: 1}, homes_share: 1.5}]\n",
			"f.yaml:3:96: stock[0].homes_share: must be a share between 0 and 1"},
		{"in the homes already", base + "stock: [{kind: inhouse_home, ages: 10-17, count: 2, needs: {complex: 1}, homes_share: 0.5}]\n",
			"f.yaml:3:87: stock[0].homes_share: must be 0 in a group placed in the council's own homes (inhouse_home) already"},
		{"more than the beds", base + "stock: [{kind: external_residential, ages: 10-17, count: 500, needs: {complex: 1}, homes_share: 0.5}]\n",
			"f.yaml:3:97: stock[0].homes_share: 0.5 of 500 children is 250 in the council's own homes (inhouse_home), more than the homes' 8 beds"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.text), "f.yaml", nil)
			if got := problemsOf(err); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
	s, err := Parse(strings.NewReader(base+"stock: [{kind: external_residential, ages: 10-17, count: 10, needs: {complex: 1}, homes_share: 0.2}]\n"), "f.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Stock[0].HomesShare; got != 0.2 {
		t.Errorf("homes_share read as %v, want 0.2", got)
	}
}
