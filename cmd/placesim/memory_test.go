package main

import (
	"fmt"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"os"
	"path/filepath"
	"slices"
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
		{"run", "south-east", "--reps", "1000000000", "--charts=false"},
		{"run", "south-east", "--reps", "1000000000", "--shard", "3/4"},
		{"compare", "default", "recruit-12-net-carers", "--reps", "1000000000", "--charts=false"},
		{"compare", "south-east", "regional-care-cooperative", "--reps", "1000000000", "--charts=false"},
		{"sweep", "default", "--vary", "kinds.inhouse_foster.carers.approvals_per_year=19:23:4", "--reps", "1000000000", "--charts=false"},
		{"sensitivity", "default", "--reps", "1000000000", "--charts=false"},
	} {
		o := placesim(t, append(args, "--out", out)...)
		first, _, _ := strings.Cut(o.stderr, "\n")
		if o.code == exitOK || !strings.Contains(first, "of memory") || !strings.Contains(first, "replications fit") || !strings.Contains(first, "give fewer") {
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

// TestNumberFlagGivenTwice checks that a number flag given twice is refused, naming both
// values: the last had replaced the first without a word (--reps 10 --reps 20 ran 20).
func TestNumberFlagGivenTwice(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--reps", "10", "--reps", "20"}, "placesim run: --reps is given twice (\"10\", then \"20\"): give it once\n"},
		{[]string{"run", "default", "--seed=4", "--seed", "4"}, "placesim run: --seed is given twice (\"4\", then \"4\"): give it once\n"},
		{[]string{"compare", "default", "recruit-12-net-carers", "--interval", "0.8", "--interval", "0.95"}, "placesim compare: --interval is given twice (\"0.8\", then \"0.95\"): give it once\n"},
	} {
		o := placesim(t, append(tt.args, "--out", filepath.Join(t.TempDir(), "x"))...)
		if o.code != exitUsage || !strings.HasPrefix(o.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tt.args, o.code, o.stderr, tt.want)
		}
	}
}

// numberFlagsTaken are the number flags withFlags lets a later value replace.
var numberFlagsTaken = []string{"--reps", "--seed", "--years", "--workers", "--interval", "--max-reps"}

// withFlags returns args with each number flag (numberFlagsTaken) given once, at its last value:
// a test's extra flags replace those of its base arguments, which placesim itself refuses to do.
func withFlags(args ...string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		if slices.Contains(numberFlagsTaken, args[i]) && i+1 < len(args) {
			for j := 0; j+1 < len(out); j++ {
				if out[j] == args[i] {
					out = slices.Delete(out, j, j+2)
					break
				}
			}
			out = append(out, args[i], args[i+1])
			i++
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// limitMemoryTo sets the machine's memory, as the checks read it, to what a run of default
// with sets, workers 1 and memoryBudget beside, would hold at reps replications, and
// restores it at the end of the test.
func limitMemoryTo(t *testing.T, reps int, sets ...string) {
	t.Helper()
	r, err := scenarios.Resolve("default", sets)
	if err != nil {
		t.Fatal(err)
	}
	prep, err := sim.Prepare(r.Scenario, 1)
	if err != nil {
		t.Fatal(err)
	}
	limit := int64(batchMemory(r.Scenario, prep, reps, 1, 1, memoryBudget))
	old := machineMemoryBytes
	t.Cleanup(func() { machineMemoryBytes = old })
	machineMemoryBytes = func() int64 { return limit }
}

// TestPrecisionCheckedForWhatIsAsked checks that a run to a precision is checked for the
// replications asked of it explicitly, its first batch and a given --max-reps, not for the
// default --max-reps it will most likely never reach (the README's own example was refused in
// a 2 GiB container), and that it stops, with a warning naming the interval reached, before a
// batch that would not fit.
func TestPrecisionCheckedForWhatIsAsked(t *testing.T) {
	limitMemoryTo(t, 12, "years=1")
	base := []string{"run", "--years", "1", "--workers", "1", "--precision", "0.0001", "--charts=false", "-q"}

	o := placesim(t, append(base, "--reps", "10", "--out", filepath.Join(t.TempDir(), "x"))...)
	if o.code != exitOK || !strings.Contains(o.stderr, "placesim: warning: default: stopped at 10 replications, short of --precision: the next batch, to ") ||
		!strings.Contains(o.stderr, "the 90% interval of cost_total in all is within ") {
		t.Errorf("a run whose second batch does not fit: exit %d, stderr:\n%s", o.code, o.stderr)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--reps", "20"}, "--reps 20: the replications would hold about "},
		{[]string{"--reps", "10", "--max-reps", "100"}, "--max-reps 100: the replications would hold about "},
		{nil, "--precision's first batch of 100: the replications would hold about "},
	} {
		dir := t.TempDir()
		o := placesim(t, append(append(base, tt.args...), "--out", filepath.Join(dir, "x"))...)
		if o.code == exitOK || !strings.Contains(o.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr:\n%s", tt.args, o.code, o.stderr)
		}
		if ents, _ := os.ReadDir(dir); len(ents) > 0 {
			t.Errorf("%v left %v behind", tt.args, ents)
		}
	}
}

// TestShardCheckedForItsOwnReps checks that a shard is checked for its own replications, not
// the whole run's: --reps 2000000 --shard 0/10 was refused, saying 200,000 were in the shard
// and that more than that fit.
func TestShardCheckedForItsOwnReps(t *testing.T) {
	limitMemoryTo(t, 3, "years=1")
	o := placesim(t, "run", "--years", "1", "--workers", "1", "--reps", "20", "--shard", "0/10", "-q", "--out", filepath.Join(t.TempDir(), "x"))
	if o.code != exitOK {
		t.Errorf("a shard of 2 replications that fit: exit %d, stderr:\n%s", o.code, o.stderr)
	}
	o = placesim(t, "run", "--years", "1", "--workers", "1", "--reps", "40", "--shard", "0/10", "-q", "--out", filepath.Join(t.TempDir(), "x"))
	if o.code == exitOK || !strings.Contains(o.stderr, "--reps 40 (4 in shard 0 of 10): the replications would hold about ") || !strings.Contains(o.stderr, "at most 3 replications fit in a shard; with 10 shards, --reps up to 30: give fewer, or more shards") {
		t.Errorf("a shard of 4 replications that do not fit: exit %d, stderr:\n%s", o.code, o.stderr)
	}
}

// TestWorkersThatDoNotFitNamed checks that a refusal caused by the workers' working memory
// names --workers and the most workers that fit, not --reps: run england --reps 200
// --workers 128 was told "at most 79 replications fit; give fewer" though --workers 64 ran.
func TestWorkersThatDoNotFitNamed(t *testing.T) {
	limitMemoryTo(t, 6, "years=1")
	o := placesim(t, "run", "--years", "1", "--workers", "6", "--reps", "6", "-q", "--out", filepath.Join(t.TempDir(), "x"))
	first, _, _ := strings.Cut(o.stderr, "\n")
	if o.code == exitOK || !strings.Contains(first, "--reps 6 with --workers 6: ") || !strings.Contains(first, "give --workers ") || strings.Contains(first, "replications fit") {
		t.Errorf("6 replications that fit with 1 worker, run by 6: exit %d, stderr:\n%s", o.code, o.stderr)
	}
	// The most workers named fit.
	_, after, _ := strings.Cut(first, "give --workers ")
	w, _, _ := strings.Cut(after, " ")
	o = placesim(t, "run", "--years", "1", "--workers", w, "--reps", "6", "-q", "--charts=false", "--out", filepath.Join(t.TempDir(), "x"))
	if o.code != exitOK {
		t.Errorf("--workers %s, as the refusal said: exit %d, stderr:\n%s", w, o.code, o.stderr)
	}
}

// TestMergeMemoryChecked checks that merge refuses, before reading any replication, shards
// whose replications together would not fit, though each shard fitted: run --reps 3600000
// --shard 0/4 (to 3/4) were each accepted and merge then loaded every replication's KPIs.
func TestMergeMemoryChecked(t *testing.T) {
	dir := t.TempDir()
	var shards []string
	for i := range 2 {
		d := filepath.Join(dir, fmt.Sprintf("s%d", i))
		o := placesim(t, "run", "--years", "1", "--workers", "1", "--reps", "4", "--shard", fmt.Sprintf("%d/2", i), "-q", "--out", d)
		if o.code != exitOK {
			t.Fatalf("shard %d: exit %d, stderr:\n%s", i, o.code, o.stderr)
		}
		shards = append(shards, d)
	}
	r, err := scenarios.Resolve("default", []string{"years=1"})
	if err != nil {
		t.Fatal(err)
	}
	prep, err := sim.Prepare(r.Scenario, 1)
	if err != nil {
		t.Fatal(err)
	}
	old := machineMemoryBytes
	t.Cleanup(func() { machineMemoryBytes = old })
	machineMemoryBytes = func() int64 { return int64(mergeMemory(prep, 3)) }
	out := filepath.Join(dir, "merged")
	o := placesim(t, append([]string{"merge", "-q", "--out", out}, shards...)...)
	if o.code == exitOK || !strings.Contains(o.stderr, "the 2 shards hold 4 replications, whose KPIs would hold about ") || !strings.Contains(o.stderr, "where at most 3 replications fit: merge needs every shard of the run at once") {
		t.Errorf("merge of 4 replications where 3 fit: exit %d, stderr:\n%s", o.code, o.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("the refused merge wrote %s", out)
	}
	machineMemoryBytes = func() int64 { return int64(mergeMemory(prep, 4)) }
	if o := placesim(t, append([]string{"merge", "-q", "--charts=false", "--out", out}, shards...)...); o.code != exitOK {
		t.Errorf("merge of 4 replications that fit: exit %d, stderr:\n%s", o.code, o.stderr)
	}
}

// TestRegionMemoryCountsWhatIsHeld checks that a region's estimate counts the KPIs it keeps in
// memory, not those that wait on disk past memoryBudget: run south-east --reps 60000 was
// refused on a machine of 24,106 MiB as holding about 25,997 MiB, every council's KPIs counted.
// Past memoryBudget the estimate grows by what each council's replication keeps in memory
// (its entry, its monthly record's packing), less than their KPIs, which it counted twice.
func TestRegionMemoryCountsWhatIsHeld(t *testing.T) {
	reg, err := scenarios.LoadRegion("south-east", nil)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := sim.PrepareRegion(reg, 1)
	if err != nil {
		t.Fatal(err)
	}
	old := machineMemoryBytes
	t.Cleanup(func() { machineMemoryBytes = old })
	machineMemoryBytes = func() int64 { return 24106 << 20 }
	if err := checkRegionRunMemory("--reps 60000", reg, rr, 60000, 2, 0); err != nil {
		t.Errorf("south-east --reps 60000: %v", err)
	}
	var kpis float64
	for _, res := range rr.Each() {
		kpis += 8 * float64(len(res.Periods)*len(res.KPIs))
	}
	a, b := regionMemory(reg, rr, 10000, 2), regionMemory(reg, rr, 20000, 2)
	if grow := (b - a) / 10000; grow >= kpis {
		t.Errorf("the estimate grows by %.0f bytes a replication past memoryBudget, against %.0f of KPIs on disk", grow, kpis)
	}
	if err := checkRegionRunMemory("--reps 1000000000", reg, rr, 1000000000, 2, 0); err == nil {
		t.Error("south-east --reps 1000000000 was not refused")
	}
}

// TestRegionMergeMemoryChecked checks that merge refuses, before reading any replication, a
// region's shards whose replications together would not fit, as it refuses a scenario's
// (TestMergeMemoryChecked), with its KPIs in memory and, past memoryBudget, in the shards' files.
func TestRegionMergeMemoryChecked(t *testing.T) {
	dir := t.TempDir()
	file := testRegionFile(t)
	var shards []string
	for i := range 2 {
		d := filepath.Join(dir, fmt.Sprintf("s%d", i))
		mustRun(t, "run", file, "--reps", "4", "--workers", "1", "--shard", fmt.Sprintf("%d/2", i), "-q", "--out", d)
		shards = append(shards, d)
	}
	reg, err := scenarios.LoadRegion(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := sim.PrepareRegion(reg, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, budget := range []int64{memoryBudget, 1} {
		t.Run(fmt.Sprintf("memoryBudget %d", budget), func(t *testing.T) {
			defer func(b int64) { memoryBudget = b }(memoryBudget)
			memoryBudget = budget
			old := machineMemoryBytes
			t.Cleanup(func() { machineMemoryBytes = old })
			machineMemoryBytes = func() int64 { return int64(regionMergeMemory(rr, 3)) }
			out := filepath.Join(t.TempDir(), "merged")
			o := placesim(t, append([]string{"merge", "-q", "--out", out}, shards...)...)
			if o.code != exitUsage || !strings.Contains(o.stderr, "placesim merge: the 2 shards hold 4 replications, which would hold about ") || !strings.Contains(o.stderr, "where at most 3 replications fit: merge needs every shard of the run at once") {
				t.Errorf("merge of 4 replications where 3 fit: exit %d, stderr:\n%s", o.code, o.stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("the refused merge wrote %s", out)
			}
			machineMemoryBytes = func() int64 { return int64(regionMergeMemory(rr, 4)) }
			if o := placesim(t, append([]string{"merge", "-q", "--charts=false", "--out", out}, shards...)...); o.code != exitOK {
				t.Errorf("merge of 4 replications that fit: exit %d, stderr:\n%s", o.code, o.stderr)
			}
		})
	}
}
