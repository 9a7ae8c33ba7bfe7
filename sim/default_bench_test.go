package sim_test

import (
	"io"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// BenchmarkDefaultReplication measures one 10-year replication of the default scenario on one
// core.
func BenchmarkDefaultReplication(b *testing.B) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	rep := 0
	for b.Loop() {
		if _, err := sim.Run(s, sim.Options{Reps: 1, Seed: 1, FirstRep: rep, Workers: 1}); err != nil {
			b.Fatal(err)
		}
		rep++
	}
}

// BenchmarkDefaultReplications measures 200 replications of the default scenario on one
// core, as a run of many does them: the scenario compiled once, each worker's memory used
// again for the next replication, every record packed and every KPI worked out. It reports
// the cost of a replication.
func BenchmarkDefaultReplications(b *testing.B) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		b.Fatal(err)
	}
	const reps = 200
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sim.Run(s, sim.Options{Reps: reps, Seed: 1, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*reps), "ns/rep")
}

// BenchmarkDefault1000 measures what `placesim run --reps 1000` does for the default scenario:
// 1,000 replications on every core, then the three CSV files (written to io.Discard).
func BenchmarkDefault1000(b *testing.B) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := sim.Run(s, sim.Options{Reps: 1000, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		if err := res.WriteSummary(io.Discard, sim.DefaultPercentiles); err != nil {
			b.Fatal(err)
		}
		if err := res.WriteKPIs(io.Discard); err != nil {
			b.Fatal(err)
		}
		if err := res.WriteTimeseries(io.Discard, sim.DefaultPercentiles); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefaultWrite1000 measures writing the three CSV files of 1,000 replications of the
// default scenario (to io.Discard), the simulation left out: what full-precision numbers and
// quoted fields cost.
func BenchmarkDefaultWrite1000(b *testing.B) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		b.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 1000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := res.WriteSummary(io.Discard, sim.DefaultPercentiles); err != nil {
			b.Fatal(err)
		}
		if err := res.WriteKPIs(io.Discard); err != nil {
			b.Fatal(err)
		}
		if err := res.WriteTimeseries(io.Discard, sim.DefaultPercentiles); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefaultScaled100Replication measures one replication of the default county made 100
// times as large (about England's children in care), 10 reported years after its warm-up, on
// one core, its KPIs only: make bench -scale 100's workload.
func BenchmarkDefaultScaled100Replication(b *testing.B) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		b.Fatal(err)
	}
	model.Scale(s, 100)
	b.ReportAllocs()
	rep := 0
	for b.Loop() {
		if _, err := sim.Run(s, sim.Options{Reps: 1, Seed: 1, FirstRep: rep, Workers: 1, KPIsOnly: true}); err != nil {
			b.Fatal(err)
		}
		rep++
	}
}
