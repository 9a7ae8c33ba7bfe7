package main

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// figureMachineMemory is the memory of the machine README.md's refusal of a run too large for
// it is quoted for (figures:memory-run-refusal): 24,106 MiB, with figureWorkers workers. A
// machine's refusal names its own memory, and the most replications that fit in it.
const figureMachineMemory = 24106 << 20

// figureWorkers is the workers, or cores, README.md's memory figures are for: each worker
// holds a replication of its own, so the most that fit depend on them.
const figureWorkers = "2"

// memoryFigures returns README.md's figures of the memory placesim estimates a run holds, as
// this build refuses too large a run: run's refusal on a machine of figureMachineMemory, and
// serve's of a --reps and a --region-reps that --max-memory cannot hold.
func memoryFigures(t *testing.T) map[string]string {
	t.Helper()
	old := machineMemoryBytes
	t.Cleanup(func() { machineMemoryBytes = old })
	machineMemoryBytes = func() int64 { return figureMachineMemory }
	refusal := func(args ...string) string {
		t.Helper()
		o := placesim(t, args...)
		if o.code != exitUsage {
			t.Fatalf("placesim %v: exit %d, want %d:\n%s", args, o.code, exitUsage, o.stderr)
		}
		first, _, _ := strings.Cut(o.stderr, "\n")
		return first
	}
	fit := regexp.MustCompile(`at most ([0-9,]+) (replications )?fit`)
	most := func(line string) string {
		t.Helper()
		m := fit.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("%q names no number of replications that fit", line)
		}
		return m[1]
	}
	serve := func(args ...string) string {
		t.Helper()
		return strings.TrimPrefix(refusal(append([]string{"serve", "--workers", figureWorkers}, args...)...), "placesim serve: ")
	}
	run := refusal("run", "--reps", "1000000000", "--workers", figureWorkers)
	reps := serve("--reps", "100000000")
	reps64 := serve("--reps", "100000", "--max-memory", "64")
	region := serve("--region-reps", "100000")
	small := []string{"--reps", "2", "--quick-reps", "2", "--region-quick-reps", "2", "--max-memory", "64"}
	region64 := serve(append(small, "--region-reps", "100")...)
	region64, _, _ = strings.Cut(region64, "; give fewer")
	return map[string]string{
		"memory-run-refusal":          "```\n" + run + "\n```",
		"memory-serve-refusal":        reps,
		"memory-serve-reps":           most(reps) + " at 2,048 MiB on " + figureWorkers + " cores, " + most(reps64) + " at 64 MiB",
		"memory-serve-region-refusal": region64,
		"memory-serve-region-reps": most(region) + " at 2,048 MiB on " + figureWorkers + " cores, " + most(region64) + " at 64 MiB: `--max-memory 64` wants `--region-quick-reps " +
			most(region64) + " --region-reps " + most(region64) + "` or fewer",
	}
}

// TestReadmeMemoryFigures checks README.md's figures of the memory a run holds (the most
// replications that fit, in run's refusal and serve's) against this build's estimates: each
// added KPI or metric moves them. It fails when one is stale; with -update it rewrites them,
// as make figures does.
func TestReadmeMemoryFigures(t *testing.T) {
	path := filepath.Join("..", "..", "README.md")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	regions := map[string]string{}
	maps.Copy(regions, memoryFigures(t))
	got := string(text)
	for name, body := range regions {
		got = replaceRegion(t, got, name, body)
	}
	check(t, path, string(text), got)
}
