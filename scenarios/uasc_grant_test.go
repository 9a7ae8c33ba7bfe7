package scenarios_test

import (
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
)

// TestUASCGrantField checks uasc.grant_per_night_gbp: a rate reads and writes back, and one
// out of range is refused with its file, line, column and range.
func TestUASCGrantField(t *testing.T) {
	for _, tt := range []struct {
		name, uasc, want string
	}{
		{"a rate", "  grant_per_night_gbp: 143\n", ""},
		{"a rate as money", "  grant_per_night_gbp: £143\n", ""},
		{"a rate as quoted money", "  grant_per_night_gbp: \"£143.00\"\n", ""},
		{"negative", "  grant_per_night_gbp: -143\n", "grant.yaml:4:24: uasc.grant_per_night_gbp: must be between £0 and £10,000 a night"},
		{"a year's grant, not a night's", "  grant_per_night_gbp: 52195\n", "grant.yaml:4:24: uasc.grant_per_night_gbp: must be between £0 and £10,000 a night"},
		{"not a number", "  grant_per_night_gbp: lots\n", "grant.yaml:4:24: uasc.grant_per_night_gbp:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := "name: grant\nextends: default\nuasc:\n" + tt.uasc
			s, err := scenarios.Parse(strings.NewReader(src), "grant.yaml", nil)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if s.UASC.GrantPerNightGBP != 143 {
					t.Errorf("read %v, want 143", s.UASC.GrantPerNightGBP)
				}
				var b strings.Builder
				if err := scenarios.Encode(&b, s, scenarios.EncodeOptions{}); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(b.String(), "grant_per_night_gbp: 143") {
					t.Errorf("the scenario written back has no grant_per_night_gbp: 143")
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
	// A scenario without the rate writes none, as before the field was added.
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := scenarios.Encode(&b, s, scenarios.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "grant_per_night_gbp") {
		t.Errorf("default, which gives no rate, is written with one")
	}
}
