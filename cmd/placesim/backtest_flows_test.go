package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// checkFlows checks that a backtest of the la-sample from April 2020 printed (stdout) and
// wrote (summary, its backtest_summary.csv) the children entering and leaving care by year of
// horizon, the return's count against the simulated mean and 90% range, so that a good score
// of the children in care with wrong flows shows: the la-sample scored a MAPE of 2.4% with 3.8
// entries simulated in the first year where the return holds 20 (its entries' one-off fall of
// 2018 carried forward as a trend of -58% a year). TestBacktestSamples calls it.
func checkFlows(t *testing.T, stdout, summary string) {
	t.Helper()
	row := regexp.MustCompile(`(?m)^\s*entries\s+1-12\s+(\d+)\s+([0-9.]+)\s+(\d+)-(\d+)\s+(yes|no)\s*$`)
	m := row.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("stdout has no row of the first year's entries:\n%s", stdout)
	}
	// 18: the entries a calibration to March 2021 counts in its last 12 months (20 with two
	// children first seen in the return part way through a period of care).
	if m[1] != "18" {
		t.Errorf("the return's entries in the first year: %s, want 18", m[1])
	}
	// The return's rate of the last year before --at, 15 a year, and the UASC's 2.3, not a
	// trend's few.
	if mean, _ := strconv.ParseFloat(m[2], 64); mean < 12 || mean > 24 {
		t.Errorf("simulated entries in the first year: %s, want about 17", m[2])
	}
	for _, want := range []string{"exits    1-12", "entries   13-24", "exits   13-24"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout has no %q row:\n%s", want, stdout)
		}
	}
	for _, want := range []string{"\nentries,1-12,12,NA,NA,NA,", "\nexits,1-12,12,NA,NA,NA,", "\nentries,13-24,12,NA,NA,NA,", "\nexits,13-24,12,NA,NA,NA,"} {
		if !strings.Contains(summary, want) {
			t.Errorf("backtest_summary.csv does not hold %q:\n%s", want, summary)
		}
	}
	if !regexp.MustCompile(`\nentries,1-12,12,NA,NA,NA,[01],18,`).MatchString(summary) {
		t.Errorf("backtest_summary.csv does not give the first year's 18 entries:\n%s", summary)
	}
}
