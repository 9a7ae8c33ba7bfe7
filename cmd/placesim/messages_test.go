package main

import (
	"strings"
	"testing"
)

// messageCase is a command line that placesim refuses, and the exact message a user sees.
type messageCase struct {
	name   string
	args   []string
	stderr string
	code   int
}

// checkMessages runs each case and compares its exit status and stderr with the case's.
func checkMessages(t *testing.T, tests []messageCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := placesim(t, tt.args...)
			if o.code != tt.code {
				t.Errorf("exit %d, want %d", o.code, tt.code)
			}
			if o.stderr != tt.stderr {
				t.Errorf("placesim %s said\n%s\nwant\n%s", strings.Join(tt.args, " "), o.stderr, tt.stderr)
			}
		})
	}
}

// TestCompareScenarioWithRegion checks that compare names the region when a scenario and a
// region are given together, whichever comes first.
func TestCompareScenarioWithRegion(t *testing.T) {
	region := testRegionFile(t)
	help := "Run 'placesim compare --help' for usage.\n"
	checkMessages(t, []messageCase{
		{"built-in region second", []string{"compare", "default", "south-east"},
			"placesim compare: default is a scenario and south-east a region: compare regions with regions, scenarios with scenarios\n" + help, exitUsage},
		{"region file second", []string{"compare", "default", region},
			"placesim compare: default is a scenario and " + region + " a region: compare regions with regions, scenarios with scenarios\n" + help, exitUsage},
		{"region first", []string{"compare", "south-east", "erlang"},
			"placesim compare: erlang is a scenario and south-east a region: compare regions with regions, scenarios with scenarios\n" + help, exitUsage},
	})
}
