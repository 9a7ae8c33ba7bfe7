package main

import (
	"path/filepath"
	"regexp"
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

// TestSweepAndSensitivityRefuseRegions checks that sweep and sensitivity, which take one
// scenario, say so when given a region, a built-in one or a file, rather than reading it as a
// scenario.
func TestSweepAndSensitivityRefuseRegions(t *testing.T) {
	region := testRegionFile(t)
	refused := func(cmd, verb, ref string) string {
		return "placesim " + cmd + ": " + ref + " is a region, and " + cmd + " takes one scenario: " + verb +
			" a council's scenario file, or see a lever's effect on the region by comparing it with a region file that extends it and changes the lever (placesim compare " +
			ref + " my-region.yaml)\nRun 'placesim " + cmd + " --help' for usage.\n"
	}
	checkMessages(t, []messageCase{
		{"sweep built-in region", []string{"sweep", "south-east", "--vary", "years=5:6:1"}, refused("sweep", "sweep", "south-east"), exitUsage},
		{"sweep region file", []string{"sweep", region, "--vary", "years=5:6:1"}, refused("sweep", "sweep", region), exitUsage},
		{"sensitivity built-in region", []string{"sensitivity", "south-east"}, refused("sensitivity", "analyse", "south-east"), exitUsage},
		{"sensitivity region file", []string{"sensitivity", region}, refused("sensitivity", "analyse", region), exitUsage},
	})
}

// TestEmptyShardSaysSo checks what a shard of a run with fewer replications than shards says it
// ran: the shards with none say "no replications", the others which ones.
func TestEmptyShardSaysSo(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ shard, want string }{
		{"0/10", "no replications of 8"},
		{"5/10", "no replications of 8"},
		{"6/10", "replications 4 of 8"},
	} {
		t.Run(tt.shard, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tt.shard, "/", "-"))
			o := mustRun(t, "run", "--reps", "8", "--years", "2", "--set", "warmup_years=1", "--charts=false", "--shard", tt.shard, "--out", out)
			want := regexp.MustCompile(`^placesim: default, shard ` + tt.shard + ` \(from --shard\): ` + tt.want + ` \(seed 1\) in [0-9.]+s; wrote ` +
				regexp.QuoteMeta(out+string(filepath.Separator)) + "\n$")
			if !want.MatchString(o.stderr) {
				t.Errorf("stderr %q does not match %s", o.stderr, want)
			}
		})
	}
}
