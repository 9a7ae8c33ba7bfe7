package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTooManyRepsRefused checks that a batch asking for more replications than the machine's
// memory can keep is refused at once, in one line that names the most that fit, and leaves
// nothing behind: it had run out of memory (a billion) or panicked (the largest int) part way,
// leaving its temporary folder.
func TestTooManyRepsRefused(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "big")
	for _, args := range [][]string{
		{"run", "--reps", "1000000000", "--charts=false"},
		{"run", "--reps", "9223372036854775807", "--charts=false"},
		{"run", "--reps", "4000000000", "--shard", "0/2"},
		{"run", "--precision", "0.01", "--max-reps", "1000000000", "--charts=false"},
		{"compare", "default", "recruit-12-net-carers", "--reps", "1000000000", "--charts=false"},
		{"sweep", "default", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=19:23:4", "--reps", "1000000000", "--charts=false"},
		{"sensitivity", "default", "--reps", "1000000000", "--charts=false"},
	} {
		o := placesim(t, append(args, "--out", out)...)
		first, _, _ := strings.Cut(o.stderr, "\n")
		if o.code == exitOK || !strings.Contains(first, "of memory") || !strings.Contains(first, "replications fit; give fewer") {
			t.Errorf("placesim %s: exit %d, stderr:\n%s", strings.Join(args, " "), o.code, o.stderr)
		}
		if ents, _ := os.ReadDir(dir); len(ents) > 0 {
			t.Errorf("placesim %s left %v behind", strings.Join(args, " "), ents)
		}
	}
}

// TestBatchMemoryMostThatFit checks that the most replications named fit, and one more does
// not.
func TestBatchMemoryMostThatFit(t *testing.T) {
	old := machineMemoryBytes
	t.Cleanup(func() { machineMemoryBytes = old })
	machineMemoryBytes = func() int64 { return 1 << 30 }
	o := placesim(t, "run", "--reps", "1000000", "--charts=false", "--out", filepath.Join(t.TempDir(), "x"))
	if !strings.Contains(o.stderr, "more than the 1,024 MiB of this machine: at most ") {
		t.Fatalf("stderr:\n%s", o.stderr)
	}
}

// TestOneReplicationSDIsNA checks that summary.csv writes NA, not 0, for the standard
// deviation of one replication, which has none: every KPI's, those that stay 0 among them.
func TestOneReplicationSDIsNA(t *testing.T) {
	out := filepath.Join(t.TempDir(), "one")
	mustRun(t, "run", "--reps", "1", "--seed", "5", "--years", "2", "--set", "warmup_years=1", "--charts=false", "--out", out, "-q")
	lines := strings.Split(strings.TrimSpace(readFile(t, out, "summary.csv")), "\n")
	for _, line := range lines[1:] {
		if f := strings.Split(line, ","); f[4] != "NA" {
			t.Fatalf("one replication's sd is %s, want NA: %s", f[4], line)
		}
	}
}

// TestSeedZeroRefusedEverywhere checks that a seed of 0 means one thing in every command: run,
// compare, sweep, sensitivity and backtest took it, while serve refused it, its workspace's
// record of saved runs keeping 0 for no seed.
func TestSeedZeroRefusedEverywhere(t *testing.T) {
	for _, args := range [][]string{
		{"run"}, {"compare", "default", "recruit-12-net-carers"}, {"sweep", "default", "--vary", "years=1:2:1"},
		{"sensitivity", "default"}, {"backtest", "--at", "2026-04-01", "--out", filepath.Join(t.TempDir(), "x")}, {"serve", "--dir", filepath.Join(t.TempDir(), "missing")},
	} {
		if args[0] != "backtest" && args[0] != "serve" {
			args = append(args, "--out", filepath.Join(t.TempDir(), "x"))
		}
		o := placesim(t, append(args, "--seed", "0")...)
		if o.code != exitUsage || !strings.Contains(o.stderr, "--seed must be a whole number from 1 to 18446744073709551615, not \"0\"") {
			t.Errorf("%v --seed 0: exit %d, %s", args, o.code, o.stderr)
		}
	}
}
