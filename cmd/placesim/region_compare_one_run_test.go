package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRegionCompareOneRunWorkbook checks that the workbook of a regional comparison of one
// paired run speaks of that run: its How to read names no mean over paired runs, confidence
// interval or middle 90% of the paired runs, and says that one run gives no range; its Changes
// sheet heads the run's figures, with no columns of an interval.
func TestRegionCompareOneRunWorkbook(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML, "strategy.yaml": `name: test-more-carers
extends: test-region.yaml
councils:
  - {name: south-shire, set: [entries.per_year=45, kinds.ifa.weekly_gbp=900, kinds.inhouse_foster.carers.households=8]}
`})
	out := filepath.Join(dir, "cmp")
	mustRun(t, "compare", filepath.Join(dir, "test-region.yaml"), filepath.Join(dir, "strategy.yaml"), "--reps", "1", "--formats", "svg", "-q", "--out", out)
	book := filepath.Join(out, "results.xlsx")
	var about []string
	for _, r := range sheetRows(t, book, "How to read") {
		about = append(about, strings.Join(r, " | "))
	}
	text := strings.Join(about, "\n")
	for _, bad := range []string{"the mean over paired runs", "confidence interval of the mean change", "The middle 90% of the paired runs", "shares of paired runs", "figures of the means"} {
		if strings.Contains(text, bad) {
			t.Errorf("How to read of one paired run says %q:\n%s", bad, text)
		}
	}
	for _, want := range []string{"in the one paired run", "One run gives no range"} {
		if !strings.Contains(text, want) {
			t.Errorf("How to read of one paired run does not say %q:\n%s", want, text)
		}
	}
	if head := strings.Join(sheetRows(t, book, "Changes")[0], ","); head != "Council,Scenario,Baseline,KPI code,Measure,Baseline figure,Scenario figure,Change" {
		t.Errorf("Changes of one paired run is headed %s", head)
	}
}

// TestRegionRunOneRunWorkbook checks that the workbook of a region's run of one replication
// gives the run's figure alone in Summary and Time series, without the mean, sd, percentiles
// and n of runs.
func TestRegionRunOneRunWorkbook(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"test-region.yaml": testRegionYAML})
	out := filepath.Join(dir, "run")
	mustRun(t, "run", filepath.Join(dir, "test-region.yaml"), "--reps", "1", "--formats", "svg", "-q", "--out", out)
	book := filepath.Join(out, "results.xlsx")
	for sheet, want := range map[string]string{
		"Summary":     "council,scenario,period,kpi,label,unit,the run's figure",
		"Time series": "council,scenario,date,metric,the run's figure",
	} {
		if head := strings.Join(sheetRows(t, book, sheet)[0], ","); head != want {
			t.Errorf("%s of one run is headed %s, want %s", sheet, head, want)
		}
	}
}
