package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestServeHelpMaxRuns checks that serve's help says what --max-runs does to the runs beyond
// its turns: up to 4×N wait, each at most 30 seconds, and one more is refused at once.
func TestServeHelpMaxRuns(t *testing.T) {
	o := mustRun(t, "serve", "--help")
	want := regexp.MustCompile(`--max-runs N +run at most N simulations at once; up to 4×N more wait, each at most 30 seconds, then are refused as busy, and a run beyond those 4×N waiting is refused as busy at once`)
	if !want.MatchString(o.stdout) {
		t.Errorf("serve --help does not say that runs beyond 4×N waiting are refused at once:\n%s", o.stdout)
	}
}

// TestServeRepsBeyondMemory checks that serve refuses as it starts replications whose every
// run of the default scenario (or of the south-east, for a region's) the memory limit would
// refuse, naming the limit and the most
// that fit, rather than starting and refusing each run.
func TestServeRepsBeyondMemory(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"serve", "--reps", "100000000"}, []string{"placesim serve: --reps 100000000: a full run of the default scenario would hold about ", " of memory, more than the 2,048 MiB --max-memory lets a run hold, so every one would be refused: at most ", " fit; give fewer, or raise --max-memory\n"}},
		{[]string{"serve", "--reps", "1000000", "--quick-reps", "500000"}, []string{"placesim serve: --quick-reps 500000: a quick run of ", "\n--reps 1000000: a full run of "}},
		{[]string{"serve", "--max-memory", "64", "--reps", "100000", "--quick-reps", "100"}, []string{"--reps 100000: a full run ", "more than the 64 MiB --max-memory lets"}},
		// The memory is thousands separated as the replications that fit are (was "about
		// 18773 MiB ... at most 1,045 fit").
		{[]string{"serve", "--max-memory", "200", "--reps", "100000"}, []string{"would hold about 19,139 MiB of memory, more than the 200 MiB", "at most 1,025 fit"}},
		// A region's runs are measured on the south-east, the region the region page opens on.
		{[]string{"serve", "--max-memory", "64", "--reps", "100", "--quick-reps", "20"}, []string{"placesim serve: --region-quick-reps 10: a quick run of the south-east region would hold about ", "\n--region-reps 100: a full run of the south-east region would hold about ", "more than the 64 MiB --max-memory lets a run hold, so every one would be refused: "}},
		{[]string{"serve", "--region-quick-reps", "100000"}, []string{"placesim serve: --region-quick-reps 100000: a quick run of the south-east region would hold about ", " more than the 2,048 MiB --max-memory lets a run hold, so every one would be refused: at most "}},
	} {
		o := placesim(t, c.args...)
		for _, w := range c.want {
			if o.code != exitUsage || !strings.Contains(o.stderr, w) {
				t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d and %q", c.args, o.code, o.stderr, exitUsage, w)
			}
		}
		if strings.Contains(o.stderr, "--quick-reps 100:") {
			t.Errorf("%v refused --quick-reps 100, which fits in 64 MiB:\n%s", c.args, o.stderr)
		}
	}
}
