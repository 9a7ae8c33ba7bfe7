package plots_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// BenchmarkWorkbookDefault1000 measures writing results.xlsx of 1,000 replications of the
// default scenario (to io.Discard), from the text of its summary.csv and timeseries.csv, the
// simulation and those files left out: the longest file of placesim run's default output.
func BenchmarkWorkbookDefault1000(b *testing.B) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		b.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 1000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var summary, series bytes.Buffer
	if err := res.WriteSummary(&summary, sim.DefaultPercentiles); err != nil {
		b.Fatal(err)
	}
	if err := res.WriteTimeseries(&series, sim.DefaultPercentiles); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := plots.WriteWorkbook(io.Discard, res, summary.Bytes(), series.Bytes(), []byte("name: default\n")); err != nil {
			b.Fatal(err)
		}
	}
}
