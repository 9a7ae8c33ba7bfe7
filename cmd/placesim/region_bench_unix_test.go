//go:build unix

package main

import (
	"io"
	"io/fs"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"testing"
	"time"
)

// BenchmarkRegionSouthEast1000 is the yardstick of a region's run: placesim run of the built-in
// South East region, 1000 replications of 10 years on every CPU, with the files a user gets by
// default. The aim is a minute on two CPUs. Besides the time, it reports the CPU seconds, the
// process's peak memory and the MB written; run it alone (make bench-region) for a true peak.
func BenchmarkRegionSouthEast1000(b *testing.B) {
	benchmarkRegionRun(b, "south-east", "1000")
}

// BenchmarkRegionEngland10 is the yardstick of England: placesim run of the built-in england
// region (every council), 10 replications of 10 years, with the files a user gets by default.
// The aim is two minutes on one machine.
func BenchmarkRegionEngland10(b *testing.B) {
	benchmarkRegionRun(b, "england", "10")
}

func benchmarkRegionRun(b *testing.B, region, reps string) {
	out := filepath.Join(b.TempDir(), "out")
	// The collector's aim of the placesim command (main), so that the peak is a user's.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(softMemoryLimit))
	var cpu time.Duration
	for b.Loop() {
		before := cpuTime(b)
		err := newApp(io.Discard, io.Discard).Run([]string{"placesim", "run", region, "--reps", reps, "--out", out, "-q"})
		if err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime(b) - before
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	var bytes int64
	filepath.WalkDir(out, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				bytes += fi.Size()
			}
		}
		return nil
	})
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(ru.Maxrss)/1024, "peak-MB") // Maxrss is in KB on Linux
	b.ReportMetric(float64(bytes)/1e6, "MB-written")
}

// cpuTime returns the CPU time, user and system, the process has taken.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
