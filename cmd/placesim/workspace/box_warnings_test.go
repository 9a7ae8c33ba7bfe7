package workspace

import (
	"strings"
	"testing"
)

// TestWarningsInBoxUnits checks that the page's warnings of a value typed in a box speak in
// the box's units, not the file's: the National Transfer Scheme threshold box takes a
// percentage of children (a value no UASC could reach is warned of as a percentage; a share
// typed there is warned of; a percentage that can be reached is not told to be a share), and
// the step-down box takes a share of reviews in % (its largest is named in %, not as a
// factor).
func TestWarningsInBoxUnits(t *testing.T) {
	base, _, _ := testServer(t)
	for _, c := range []struct {
		id, value string
		want      string // "" for no warning
	}{
		{"nts", "7", "National Transfer Scheme threshold: 7% of children is 10,500 children, more than the 724 UASC who could ever be in care (64 at the start and 660 expected to arrive, were none to leave), so it is never reached; the scheme's threshold is 0.1%, or 0.07% before August 2022"},
		{"nts", "1.5", "National Transfer Scheme threshold: 1.5% of children is 2,250 children, more than the 724 UASC who could ever be in care"},
		{"nts", "0.0007", "National Transfer Scheme threshold: 0.0007% of children is 1 child; the scheme's threshold is 0.1%, or 0.07% before August 2022: the box takes a percentage, not a share"},
		{"nts", "0.07", ""},
		{"nts", "0.4", ""}, // 600 UASC: within the 724 who could be in care
		{"stepdown", "60", "Step-down to a family: 60% of reviews lifts step_down.ready_share.complex 0.15 to 1.125, more than 1: a chance stops at 1, so every review then finds every such child ready to step down, whatever the share above 53.3%: give at most 53.3% of reviews to keep it a chance"},
		{"stepdown", "50", ""},
		// A share typed in the inflation box, which takes a percentage, as in the threshold's.
		{"inflation", "0.03", "Inflation: 0.03% a year; the box takes a percentage: 3 is 3%"},
		{"inflation", "2", ""},
		{"inflation", "0", ""},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: c.id, Name: "box", Values: map[string]string{c.id: c.value}, Check: true}, &a)
		if len(a.Problems) > 0 {
			t.Fatalf("%s %s: problems %v", c.id, c.value, a.Problems)
		}
		got := strings.Join(a.Warnings, "\n")
		if c.want == "" && got != "" || c.want != "" && (len(a.Warnings) != 1 || !strings.HasPrefix(got, c.want)) {
			t.Errorf("%s %s: warnings %q, want one beginning %q", c.id, c.value, a.Warnings, c.want)
		}
		for _, file := range []string{"write the share", "factor of at most", "(0.001)"} {
			if strings.Contains(got, file) {
				t.Errorf("%s %s: a warning in the file's units (%q): %q", c.id, c.value, file, got)
			}
		}
	}
}
