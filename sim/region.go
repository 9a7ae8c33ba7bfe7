package sim

import (
	"hash/fnv"

	"github.com/placesim/placesim/model"
)

// RegionResults is every replication of a region: each council's results and the region's as a
// whole.
type RegionResults struct {
	// Region is the region run.
	Region *model.Region
	// Seed is the master seed.
	Seed uint64
	// Councils holds each council's results, in the order of Region.Councils: each is the
	// Results of the council's scenario as run in the region, paired by replication with the
	// others (replication i of every council is the same future of the region).
	Councils []*Results
	// Total is the region as a whole: every metric and KPI summed over the councils (a name a
	// council lacks counts as 0), with shares as ratios of the summed totals. Its Scenario is
	// named after the region and holds the union of the councils' provision kinds.
	Total *Results
}

// CouncilSeed is the master seed of council name's own random streams in a region run with
// seed: a council's children, carers and matching draw from streams of its own, so that
// councils added to or taken from a region leave the others' draws alone, and two variants of a
// region see the same children arriving in each council (common random numbers per council).
// A region of one council run with seed is that council's scenario run alone with
// CouncilSeed(seed, name).
func CouncilSeed(seed uint64, name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return splitmix64(seed ^ splitmix64(h.Sum64()))
}
