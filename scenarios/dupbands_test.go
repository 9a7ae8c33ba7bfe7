package scenarios_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestAgeBandTwice checks that a list of ages (carers' ages, the age mix of entries and of
// UASC arrivals, a carer pool's approvals) that gives the same band twice, as written or in
// other digits, is refused at the second, naming the first by its line and column, and that
// approvals whose bands overlap (scenarios/README.md) without being the same are read.
func TestAgeBandTwice(t *testing.T) {
	text, err := os.ReadFile("default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, old, new, want string
	}{
		{"ages, other digits", "        - {ages: 30-34, share: 0.066}\n", "        - {ages: 25-029, share: 0.066}\n",
			"default.yaml:325:18: kinds[1].carers.ages[1].ages: 25-029 is the band of ages[0] (line 324, column 18) again: give each band once, with the two shares added"},
		{"new_carer_ages, as written", "        - {ages: 40-49, share: 0.35}\n", "        - {ages: 25-39, share: 0.35}\n",
			"default.yaml:338:18: kinds[1].carers.new_carer_ages[1].ages: 25-39 is the band of new_carer_ages[0] (line 337, column 18) again: give each band once, with the two shares added"},
		{"entries.ages, other digits", "    - {ages: 16-17, share: 0.116,", "    - {ages: 10 - 015, share: 0.116,",
			"default.yaml:37:14: entries.ages[4].ages: 10 - 015 is the band of ages[3] (line 36, column 14) again: give each band once: its share the two added, its needs and male_share the mix of the two"},
		{"uasc.ages, as written", "    - {ages: 16-17, share: 0.89,", "    - {ages: 10-15, share: 0.89,",
			"default.yaml:45:14: uasc.ages[1].ages: 10-15 is the band of ages[0] (line 44, column 14) again: give each band once: its share the two added, its needs and male_share the mix of the two"},
		{"approvals, as written", "        - {ages: 0-10, share: 0.35}\n", "        - {ages: 0-4, share: 0.35}\n",
			"default.yaml:318:18: kinds[1].carers.approvals[1].ages: 0-4 is the band of approvals[0] (line 317, column 18) again: give each band once, with the two shares added (bands that overlap, such as 0-4 and 0-10, may both be given)"},
		// A file that extends another numbers its kinds its own way: the first band is named
		// within its list, which the problem names as the file numbers it.
		{"approvals in a file of one kind", "", "",
			"mine.yaml:7:18: kinds[0].carers.approvals[1].ages: 0-4 is the band of approvals[0] (line 6, column 18) again: give each band once, with the two shares added (bands that overlap, such as 0-4 and 0-10, may both be given)"},
		{"approvals that overlap", "        - {ages: 0-10, share: 0.35}\n", "        - {ages: 0-5, share: 0.35}\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src, name := strings.Replace(string(text), tt.old, tt.new, 1), "default.yaml"
			if tt.old == "" {
				src, name = "extends: default\nkinds:\n  - name: inhouse_foster\n    carers:\n      approvals:\n"+
					"        - {ages: 0-4, share: 0.5}\n        - {ages: 0-4, share: 0.2}\n        - {ages: 0-10, share: 0.3}\n", "mine.yaml"
			} else if src == string(text) {
				t.Fatalf("default.yaml has no line %q", tt.old)
			}
			_, err := scenarios.Parse(strings.NewReader(src), name, nil)
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

// TestCarerAgeBandsOverlap checks that a carer pool's ages or new_carer_ages, a profile that
// counts each carer in one band, refuses a band that overlaps an earlier one, at the second,
// naming the first by its line and column and within its list as the file numbers it, where
// approvals' bands may overlap; and that a file that extends another names its own kinds[0]
// in a band given twice, not the kind's place among the merged kinds.
func TestCarerAgeBandsOverlap(t *testing.T) {
	mine := func(list string, bands ...string) string {
		s := "extends: default\nkinds:\n  - name: specialist_foster\n    carers:\n      " + list + ":\n"
		for i, b := range bands {
			s += fmt.Sprintf("        - {ages: %s, share: %g}\n", b, []float64{0.5, 0.3, 0.2}[i])
		}
		return s
	}
	for _, tt := range []struct{ name, text, want string }{
		{"ages that overlap", mine("ages", "25-29", "30-34", "32-36"),
			"mine.yaml:8:18: kinds[0].carers.ages[2].ages: 32-36 overlaps 30-34, the band of ages[1] (line 7, column 18): give bands that do not overlap, as each carer's age lies in one band (30-34 and 35-36, say)"},
		{"new_carer_ages that overlap, below", mine("new_carer_ages", "30-34", "25-31", "40-49"),
			"mine.yaml:7:18: kinds[0].carers.new_carer_ages[1].ages: 25-31 overlaps 30-34, the band of new_carer_ages[0] (line 6, column 18): give bands that do not overlap, as each carer's age lies in one band (25-29 and 30-34, say)"},
		{"ages within another", mine("ages", "25-49", "30-34", "50-60"),
			"mine.yaml:7:18: kinds[0].carers.ages[1].ages: 30-34 overlaps 25-49, the band of ages[0] (line 6, column 18): give bands that do not overlap, as each carer's age lies in one band"},
		{"ages given twice in other digits", mine("ages", "25-29", `"35"`, `"035"`),
			"mine.yaml:8:18: kinds[0].carers.ages[2].ages: 035 is the band of ages[1] (line 7, column 18) again: give each band once, with the two shares added"},
		{"ages that touch", mine("ages", "25-29", "30-34", "35-36"), ""},
		{"approvals that overlap", mine("approvals", "10-17", "12-15", "14-17"), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scenarios.Parse(strings.NewReader(tt.text), "mine.yaml", nil)
			var got []string
			for _, e := range scenarios.Problems(err) {
				if e != nil {
					got = append(got, e.Error())
				}
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// TestAgeBandSign checks that an age band written as text with a sign is refused with what to
// write, and that an age YAML reads as a number with a sign is that number.
func TestAgeBandSign(t *testing.T) {
	for _, tt := range []struct{ band, want string }{
		{`"+5"`, `t.yaml:2:28: escalation_by_age[0].ages: must be an age band in whole years such as 12-17 or 16 without a sign, not "+5"`},
		{`+5-10`, `t.yaml:2:28: escalation_by_age[0].ages: must be an age band in whole years such as 12-17 or 16 without a sign, not "+5-10"`},
		{`5-+10`, `t.yaml:2:28: escalation_by_age[0].ages: must be an age band in whole years such as 12-17 or 16 without a sign, not "5-+10"`},
		{`5-x`, `t.yaml:2:28: escalation_by_age[0].ages: must be an age band in whole years such as 12-17 or 16, not "5-x"`},
		{`+5`, ``},
	} {
		_, err := scenarios.Parse(strings.NewReader("extends: default\nescalation_by_age: [{ages: "+tt.band+", share: 0.1}]\n"), "t.yaml", nil)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("ages %s: got\n%s\nwant\n%s", tt.band, got, tt.want)
		}
	}
}
