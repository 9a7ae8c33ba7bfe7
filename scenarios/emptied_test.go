package scenarios

import (
	"strings"
	"testing"
)

// TestEmptiedListAtOwnLine: a file that extends another and leaves its kinds (a region's zones
// or councils) empty is refused at its own line, saying the list must be given, rather than
// with the problems, at lines of the file extended, of everything that needed the list; its
// own other problems are still reported.
func TestEmptiedListAtOwnLine(t *testing.T) {
	for _, c := range []struct {
		region bool
		text   string
		want   string
	}{
		{false, "name: t\nextends: default\nkinds: null\n", "b.yaml:3:8: kinds: must be given (an empty value here leaves no kinds)"},
		{false, "name: t\nextends: default\nkinds: ~\nstart: null\n", "b.yaml:3:8: kinds: must be given (an empty value here leaves no kinds)\nb.yaml:4:8: start: must be given (the first day reported, such as 2026-04-01)"},
		{true, "name: t\nextends: south-east\nzones: null\n", "b.yaml:3:8: zones: must be given (an empty value here leaves no zones)"},
		{true, "name: t\nextends: south-east\ncouncils:\n", "b.yaml:3:10: councils: must be given (an empty value here leaves no councils)"},
	} {
		var err error
		if c.region {
			_, err = ParseRegion(strings.NewReader(c.text), "b.yaml", nil)
		} else {
			_, err = Parse(strings.NewReader(c.text), "b.yaml", nil)
		}
		if err == nil || err.Error() != c.want {
			t.Errorf("%q: got\n%v\nwant\n%s", c.text, err, c.want)
		}
	}
}
