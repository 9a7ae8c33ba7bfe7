package scenarios_test

import (
	"os"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestCarerAgeBandTwice checks that a list of carers' ages that gives the same band twice, as
// written or in other digits, is refused at the second, naming the first by its line and
// column, and that the approvals of a kind, whose bands may overlap (scenarios/README.md), may
// still give one band twice.
func TestCarerAgeBandTwice(t *testing.T) {
	text, err := os.ReadFile("default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, old, new, want string
	}{
		{"ages, other digits", "        - {ages: 30-34, share: 0.066}\n", "        - {ages: 25-029, share: 0.066}\n",
			"default.yaml:322:18: kinds[1].carers.ages[1].ages: 25-029 is the band of kinds[1].carers.ages[0].ages (line 321, column 18) again: give each band once, with the two shares added"},
		{"new_carer_ages, as written", "        - {ages: 40-49, share: 0.35}\n", "        - {ages: 25-39, share: 0.35}\n",
			"default.yaml:335:18: kinds[1].carers.new_carer_ages[1].ages: 25-39 is the band of kinds[1].carers.new_carer_ages[0].ages (line 334, column 18) again: give each band once, with the two shares added"},
		{"approvals", "        - {ages: 0-10, share: 0.35}\n", "        - {ages: 0-4, share: 0.35}\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(text), tt.old, tt.new, 1)
			if src == string(text) {
				t.Fatalf("default.yaml has no line %q", tt.old)
			}
			_, err := scenarios.Parse(strings.NewReader(src), "default.yaml", nil)
			var got []string
			for _, e := range scenarios.Problems(err) {
				if e == nil {
					continue
				}
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}
