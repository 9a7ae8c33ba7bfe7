package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestPeriodsFile: every run writes periods.csv, each period of summary.csv and kpis.csv with
// its first and last day and its days, and lists it in manifest.json and its last line; a run
// with a part year says so on stderr.
func TestPeriodsFile(t *testing.T) {
	dir := t.TempDir()
	part := filepath.Join(dir, "part")
	o := mustRun(t, "run", "default", "--set", "start=2026-10-15", "--years", "1", "--reps", "2", "--charts=false", "--out", part)
	if got, want := readFile(t, part, "periods.csv"), "period,first_day,last_day,days\n"+
		"2026/27,2026-10-15,2027-03-31,168\n2027/28,2027-04-01,2027-10-14,197\nall,2026-10-15,2027-10-14,365\n"; got != want {
		t.Errorf("periods.csv:\n%s\nwant\n%s", got, want)
	}
	if want := "placesim: note: the run does not start on 1 April, so summary.csv and kpis.csv hold part years: 2026/27 is from 15 October, 168 days; 2027/28 is to 14 October, 197 days (periods.csv gives each period's days)\n"; !strings.Contains(o.stderr, want) {
		t.Errorf("stderr %q\nwants %q", o.stderr, want)
	}
	if !strings.Contains(o.stderr, "{summary,kpis,timeseries,periods}.csv") {
		t.Errorf("the last line does not name periods.csv: %q", o.stderr)
	}
	if _, ok := loadManifest(t, part).file("periods.csv"); !ok {
		t.Error("manifest.json does not list periods.csv")
	}
	// A run of whole years writes it too, and says nothing of part years.
	whole := filepath.Join(dir, "whole")
	o = mustRun(t, "run", "default", "--years", "2", "--reps", "2", "--charts=false", "--out", whole)
	if got, want := readFile(t, whole, "periods.csv"), "period,first_day,last_day,days\n"+
		"2026/27,2026-04-01,2027-03-31,365\n2027/28,2027-04-01,2028-03-31,366\nall,2026-04-01,2028-03-31,731\n"; got != want {
		t.Errorf("periods.csv:\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(o.stderr, "part years") {
		t.Errorf("a run of whole years: %q", o.stderr)
	}
	// A region's run writes one for the region, and each council's folder its own.
	region := filepath.Join(dir, "region")
	o = mustRun(t, "run", testRegionFile(t), "--set", "start=2026-10-15", "--years", "1", "--reps", "1", "--charts=false", "--out", region)
	if got := readFile(t, region, "periods.csv"); !strings.Contains(got, "2026/27,2026-10-15,2027-03-31,168\n") {
		t.Errorf("the region's periods.csv:\n%s", got)
	}
	if got := readFile(t, filepath.Join(region, testCouncils[0]), "periods.csv"); !strings.Contains(got, "2027/28,2027-04-01,2027-10-14,197\n") {
		t.Errorf("a council's periods.csv:\n%s", got)
	}
	if !strings.Contains(o.stderr, "hold part years") || !strings.Contains(o.stderr, "with a council column, periods.csv,") {
		t.Errorf("stderr %q", o.stderr)
	}
}
