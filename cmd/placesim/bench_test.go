package main

import (
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkRunDefault1000 is the yardstick for the whole command: placesim run of the
// default scenario, 1000 replications of 10 years on every CPU, with all four files written.
func BenchmarkRunDefault1000(b *testing.B) {
	out := filepath.Join(b.TempDir(), "out")
	b.ReportAllocs()
	for b.Loop() {
		err := newApp(io.Discard, io.Discard).Run([]string{"placesim", "run", "default", "--reps", "1000", "--out", out, "-q"})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompareDefault1000 times placesim compare of two scenarios at 1000 replications
// each: at most 2.2 times BenchmarkRunDefault1000.
func BenchmarkCompareDefault1000(b *testing.B) {
	out := filepath.Join(b.TempDir(), "out")
	for b.Loop() {
		err := newApp(io.Discard, io.Discard).Run([]string{"placesim", "compare", "default", "early-help", "--reps", "1000", "--out", out, "-q"})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkShard8Merge times the default scenario's 1000 replications run as 8 shards one
// after another, then merged: set against BenchmarkRunDefault1000, the cost of sharding.
func BenchmarkShard8Merge(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		merge := []string{"placesim", "merge", "--out", filepath.Join(dir, "merged"), "-q"}
		for i := range 8 {
			sd := filepath.Join(dir, "s"+string(rune('0'+i)))
			err := newApp(io.Discard, io.Discard).Run([]string{"placesim", "run", "default", "--reps", "1000", "--shard", string(rune('0'+i)) + "/8", "--out", sd, "-q"})
			if err != nil {
				b.Fatal(err)
			}
			merge = append(merge, sd)
		}
		if err := newApp(io.Discard, io.Discard).Run(merge); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunQueueing times the command on make bench's queueing workload (the Erlang check,
// c=20, 40 a year, 146-day stays) at 2000 replications on one worker, its CSV files written and
// no charts: set against sim's BenchmarkErlang-like engine runs, the cost of the output.
func BenchmarkRunQueueing(b *testing.B) {
	out := filepath.Join(b.TempDir(), "out")
	b.ReportAllocs()
	for b.Loop() {
		err := newApp(io.Discard, io.Discard).Run([]string{"placesim", "run", "../../scenarios/validation/erlang.yaml", "--reps", "2000", "--workers", "1",
			"--charts=false", "-q", "--out", out,
			"--set", "kinds.inhouse_foster.carers.households=20", "--set", "entries.per_year=40", "--set", "stays[0].stay.mean_days=146"})
		if err != nil {
			b.Fatal(err)
		}
	}
}
