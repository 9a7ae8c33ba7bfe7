package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestMergePrintsPartYearNote requires a merge of the shards of a run that does not start on
// 1 April to print the note of part years the whole run prints, for a scenario and a region.
func TestMergePrintsPartYearNote(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"scenario", []string{"default", "--reps", "4", "--years", "2"}},
		{"region", []string{testRegionFile(t), "--reps", "2", "--years", "2"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			args := append(append([]string{"run"}, tt.args...), "--set", "start=2026-10-15")
			whole := mustRun(t, append(args, "--charts=false", "--out", filepath.Join(dir, "whole"))...)
			const note = "placesim: note: the run does not start on 1 April, so summary.csv and kpis.csv hold part years: "
			if !strings.Contains(whole.stderr, note) {
				t.Fatalf("run printed no part-year note: %q", whole.stderr)
			}
			var shards []string
			for i := range 2 {
				sd := filepath.Join(dir, "shard"+strconv.Itoa(i))
				mustRun(t, append(args, "--shard", strconv.Itoa(i)+"/2", "--out", sd, "-q")...)
				shards = append(shards, sd)
			}
			o := mustRun(t, append([]string{"merge", "--charts=false", "--out", filepath.Join(dir, "merged")}, shards...)...)
			wantLine := whole.stderr[strings.Index(whole.stderr, note):]
			wantLine = wantLine[:strings.Index(wantLine, "\n")+1]
			if !strings.Contains(o.stderr, wantLine) {
				t.Errorf("merge printed %q, without the run's note %q", o.stderr, wantLine)
			}
		})
	}
}
