package sim_test

import (
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// BenchmarkRegionSouthEastReplication measures one replication of the built-in South East (14
// councils sharing two markets, ten years after its warm-up) on one core, its KPIs only:
// the simulation behind placesim run south-east, without its files.
func BenchmarkRegionSouthEastReplication(b *testing.B) { benchmarkBuiltinRegion(b, "south-east") }

// BenchmarkRegionEnglandReplication measures one replication of the built-in england region
// (every council) on one core, its KPIs only.
func BenchmarkRegionEnglandReplication(b *testing.B) { benchmarkBuiltinRegion(b, "england") }

func benchmarkBuiltinRegion(b *testing.B, name string) {
	reg, err := scenarios.LoadRegion(name, nil)
	if err != nil {
		b.Fatal(err)
	}
	benchmarkRegionReplications(b, reg)
}

// benchmarkRegionReplications measures one replication of region reg at a time on one core,
// its KPIs only.
func benchmarkRegionReplications(b *testing.B, reg *model.Region) {
	rn, err := sim.NewRegionRunner(reg, sim.Options{Seed: 1, Workers: 1, KPIsOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := rn.Add(1); err != nil {
			b.Fatal(err)
		}
	}
}
