package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDefaultOut(t *testing.T) {
	for _, tt := range []struct {
		prefix, name string
		want         string // "" for an error
	}{
		{"", "default", "out/default"},
		{"", "Recruit 12 net carers", "out/Recruit-12-net-carers"},
		{"compare-", "step-down_v2.1", "out/compare-step-down_v2.1"},
		{"", "../../etc/passwd", "out/etc-passwd"},
		{"", "..", ""},
		{"", ".", ""},
		{"", "", ""},
		{"", "£££", ""},
		{"sweep-", "..", ""},
		{"", "/abs/path", "out/abs-path"},
		{"", `C:\Windows\x`, "out/C-Windows-x"},
		{"", ".hidden", "out/hidden"},
		{"", "--flag", "out/flag"},
		{"", "a/../b", "out/a-..-b"},
		{"", "café £5 plan", "out/caf-5-plan"},
		{"", "nul\x00byte", "out/nul-byte"},
		{"", strings.Repeat("x", 300), "out/" + strings.Repeat("x", maxOutName)},
		{"", strings.Repeat("x", maxOutName-1) + " y", "out/" + strings.Repeat("x", maxOutName-1)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := defaultOut("run", tt.prefix, tt.name)
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), "give --out") {
					t.Errorf("defaultOut(%q) = %q, %v; want an error asking for --out", tt.name, got, err)
				}
				return
			}
			if err != nil || got != filepath.FromSlash(tt.want) {
				t.Errorf("defaultOut(%q, %q) = %q, %v; want %q", tt.prefix, tt.name, got, err, tt.want)
			}
		})
	}
}

// TestDefaultOutStaysUnderOut runs run, compare, sweep and merge without --out on a scenario
// whose name climbs out of out/, and requires every file they write to be under out/.
func TestDefaultOutStaysUnderOut(t *testing.T) {
	dir := t.TempDir()
	work := filepath.Join(dir, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	scenario := filepath.Join(dir, "climb.yaml")
	writeFiles(t, dir, map[string]string{"climb.yaml": "extends: default\nname: ../../../escaped\n"})
	t.Chdir(work)
	few := []string{"--reps", "2", "--years", "1", "--charts=false", "-q"}
	for _, tt := range []struct {
		name string
		args []string
		want string // the folder written, under work
	}{
		{"run", []string{"run", scenario}, "out/escaped"},
		{"shard", []string{"run", scenario, "--shard", "0/1"}, "out/escaped-shard-0-of-1"},
		{"compare", []string{"compare", scenario, scenario}, "out/compare-escaped"},
		{"sweep", []string{"sweep", scenario, "--vary", "entries.per_year=300:300:1"}, "out/sweep-escaped"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			mustRun(t, slices.Concat(tt.args, few)...)
			if _, err := os.Stat(filepath.Join(work, tt.want)); err != nil {
				t.Errorf("%s wrote no %s: %v", tt.name, tt.want, err)
			}
		})
	}
	t.Run("merge", func(t *testing.T) {
		// A shard's scenario.yaml names the scenario the merge's default folder is named after.
		mustRun(t, "merge", filepath.Join(work, "out/escaped-shard-0-of-1"), "--charts=false", "-q")
		if _, err := os.Stat(filepath.Join(work, "out/escaped/kpis.csv")); err != nil {
			t.Errorf("merge wrote no out/escaped: %v", err)
		}
	})
	// Nothing but work/ and the scenario beside it, and nothing in work but out/.
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("beside the working folder: %v", entries)
	}
	if entries, _ := os.ReadDir(work); len(entries) != 1 || entries[0].Name() != "out" {
		t.Errorf("in the working folder: %v", entries)
	}
}
