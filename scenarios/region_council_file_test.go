package scenarios

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestRegionCouncilFileRunAlone checks that a council's scenario.yaml a region's run wrote,
// whose opening comment names the kinds the region's shared market supplied, warns when read
// alone of each such kind it leaves without a cap, at its capacity_places; and that one given a
// cap, or a file without the note, does not.
func TestRegionCouncilFileRunAlone(t *testing.T) {
	note := "# Council \"kent\" of region \"south-east\", scenario \"default\" as run.\n#\n# " + fmt.Sprintf(SharedKindsNote, "ifa") + ": its\n# providers' places.\n"
	body := "name: kent\nextends: default\nkinds:\n  - name: ifa\n    capacity_places: %s\n"
	for _, tc := range []struct {
		name, text, want string
	}{
		{"unlimited", note + fmt.Sprintf(body, "unlimited"), "kent.yaml:9:22: kinds[0].capacity_places: this council scenario was written by a region's run, where ifa came from the region's shared market; run alone it is unlimited, at list prices, so its results differ from the region's: run the region to reproduce them, or give ifa a cap"},
		{"capped", note + fmt.Sprintf(body, "40"), ""},
		{"no note", fmt.Sprintf(body, "unlimited"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ParseResolved(bytes.NewReader([]byte(tc.text)), "kent.yaml", nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range r.Warnings {
				if strings.Contains(w.Error(), "region's run") {
					got = append(got, w.Error())
				}
			}
			if want := []string{tc.want}; tc.want == "" && len(got) > 0 || tc.want != "" && strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("warnings %q, want %q", got, tc.want)
			}
		})
	}
}
