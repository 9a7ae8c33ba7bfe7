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
