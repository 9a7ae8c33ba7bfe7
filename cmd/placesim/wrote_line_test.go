package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestClosingLineNamesFiles checks that the last line of run (of a scenario or a region, whole
// or a shard), merge (of a scenario's shards or a region's), sweep, sensitivity and compare
// names every file and folder the command wrote, charts or not, manifest.json with them.
func TestClosingLineNamesFiles(t *testing.T) {
	dir := t.TempDir()
	short := []string{"--reps", "2", "--years", "1", "--set", "warmup_years=0"}
	shard := filepath.Join(dir, "shard")
	mustRun(t, append([]string{"run", "--shard", "0/1", "--out", shard, "-q"}, short...)...)
	region := testRegionFile(t)
	regionShard := filepath.Join(dir, "region-shard-0-of-1")
	mustRun(t, append([]string{"run", region, "--shard", "0/1", "--out", regionShard, "-q"}, short...)...)
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(text)
	vary := []string{"--vary", "kinds.inhouse_foster.carers.approvals_per_year=19:25:6"}
	for _, tt := range []struct {
		name  string
		args  []string
		wrote string // after "wrote OUT/"
	}{
		{"run", []string{"run", "--formats", "svg"}, "{summary,kpis,timeseries,periods}.csv, scenario.yaml, report.html, results.xlsx, charts/ and manifest.json"},
		{"run without charts", []string{"run", "--charts=false"}, "{summary,kpis,timeseries,periods}.csv, scenario.yaml and manifest.json"},
		{"run with a budget", []string{"run", "--charts=false", "--budget", "2026/27=64m"}, "{summary,kpis,timeseries,budget,periods}.csv, scenario.yaml and manifest.json"},
		{"merge", []string{"merge", shard, "--formats", "svg"}, "{summary,kpis,timeseries,periods}.csv, scenario.yaml, report.html, results.xlsx, charts/ and manifest.json"},
		{"merge without charts", []string{"merge", shard, "--charts=false"}, "{summary,kpis,timeseries,periods}.csv, scenario.yaml and manifest.json"},
		{"sweep", append([]string{"sweep", "default", "--formats", "svg"}, vary...), "sweep.csv, charts/ and manifest.json"},
		{"sweep without charts", append([]string{"sweep", "default", "--charts=false"}, vary...), "sweep.csv and manifest.json"},
		{"sensitivity", []string{"sensitivity", "default", "--formats", "svg", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=19:25"}, "sensitivity.csv, charts/ and manifest.json"},
		{"compare without charts", []string{"compare", "default", "early-help", "--charts=false"}, "{comparison,business_case}.csv and manifest.json"},
		{"region", []string{"run", region, "--formats", "svg"}, "{summary,kpis,timeseries}.csv with a council column, periods.csv, region.json, report.html, results.xlsx, charts/, a folder for each council and manifest.json"},
		{"region without charts", []string{"run", region, "--charts=false"}, "{summary,kpis,timeseries}.csv with a council column, periods.csv, region.json, a folder for each council and manifest.json"},
		// A shard's line names its files as a whole run's does, not its folder alone.
		{"shard", []string{"run", "--shard", "0/2"}, "shard.json, scenario.yaml, replications.bin and manifest.json"},
		{"region shard", []string{"run", region, "--shard", "1/2"}, "shard.json, region.json, replications.bin, a folder for each council and manifest.json"},
		{"region merge", []string{"merge", regionShard, "--charts=false"}, "{summary,kpis,timeseries}.csv with a council column, periods.csv, region.json, a folder for each council and manifest.json"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			args := append(append(tt.args, "--out", out), short...)
			if tt.args[0] == "merge" {
				args = append(tt.args, "--out", out)
			}
			o := mustRun(t, args...)
			if want := "; wrote " + out + string(filepath.Separator) + tt.wrote + "\n"; !strings.HasSuffix(o.stderr, want) {
				t.Errorf("placesim %s said\n%s\nwant it to end %q", tt.name, o.stderr, want)
			}
			// README.md quotes the line make run prints, charts and all.
			if tt.name == "run" && !strings.Contains(readme, "; wrote out/default/"+tt.wrote+"\n") {
				t.Errorf("README.md does not quote make run's line as ending %q", "wrote out/default/"+tt.wrote)
			}
		})
	}
}
