package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSweepWarnsOfItsValues checks that sweep warns of what each value it runs makes of the
// scenario, as run --set does: a threshold no UASC ever reach, a chance of being ready to
// step down lifted above 1; each once, naming the value it came from, and none for a value
// that gives none.
func TestSweepWarnsOfItsValues(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		scenario, vary string
		want           []string
		not            string
	}{
		{"default", "uasc.transfer_threshold_share=0.0005:0.0505:0.05", []string{
			"placesim: warning: --vary uasc.transfer_threshold_share at 0.0505: uasc.transfer_threshold_share: 0.0505 is 5.05% of the child population (7,575 children), more than the 174 UASC the run could ever have in care",
		}, "at 0.0005:"},
		{"step-down-programme", "step_down.ready_share=0.4:0.6:0.2", []string{
			"placesim: warning: --vary step_down.ready_share at 0.6: step-down-programme.yaml:",
			"interventions[1].factor: multiplies step_down.ready_share.standard 0.6 by 2 to 1.2, more than 1",
		}, "at 0.4:"},
	} {
		o := mustRun(t, "sweep", c.scenario, "--reps", "1", "--years", "2", "--set", "warmup_years=0", "--vary", c.vary, "--charts=false", "--out", filepath.Join(dir, c.scenario))
		for _, w := range c.want {
			if strings.Count(o.stderr, w) != 1 {
				t.Errorf("sweep --vary %s: want %q once on stderr:\n%s", c.vary, w, o.stderr)
			}
		}
		if strings.Contains(o.stderr, c.not) {
			t.Errorf("sweep --vary %s warns of a value that gives no warning:\n%s", c.vary, o.stderr)
		}
	}
}

// TestSweepWarnsOnlyOfSetupsItRuns checks that a warning the scenario gives before the lever is
// swept (a --set threshold beyond the UASC of the file's own arrivals) is not printed when
// the sweep never runs that setup: only the values that give it say it.
func TestSweepWarnsOnlyOfSetupsItRuns(t *testing.T) {
	o := mustRun(t, "sweep", "default", "--reps", "1", "--years", "2", "--set", "warmup_years=0", "--set", "uasc.transfer_threshold_share=0.002",
		"--vary", "uasc.per_year=10:400:390", "--charts=false", "--out", filepath.Join(t.TempDir(), "out"))
	if !strings.Contains(o.stderr, "--vary uasc.per_year at 10: ") {
		t.Errorf("want the warning of the value 10:\n%s", o.stderr)
	}
	if strings.Contains(o.stderr, "at 400:") || strings.Count(o.stderr, "uasc.transfer_threshold_share: 0.002 is") != 1 {
		t.Errorf("want the threshold's warning once, of the value 10 alone:\n%s", o.stderr)
	}
}
