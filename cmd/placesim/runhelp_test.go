package main

import (
	"regexp"
	"testing"
)

// TestRunHelpInterval checks that run's help says what --interval sets: the level of
// --precision's and --budget's intervals, not the report's or the workbook's, which keep 90%.
func TestRunHelpInterval(t *testing.T) {
	o := mustRun(t, "run", "--help")
	want := regexp.MustCompile(`--interval LEVEL +the confidence LEVEL of --precision's and --budget's intervals, such as 0\.9 for 90%, and refused without one of them \(the report, charts and workbook keep 90%\) \(default: 0\.9\)\n`)
	if !want.MatchString(o.stdout) {
		t.Errorf("run --help does not say what --interval sets:\n%s", o.stdout)
	}
}
