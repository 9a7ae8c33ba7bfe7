package main

import (
	"fmt"
	"math"

	"github.com/placesim/placesim/cmd/placesim/workspace"
	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
	"github.com/placesim/placesim/sim/shard"
)

// machineMemoryBytes is the memory a batch may hold, in bytes: the machine's (the smaller of
// its physical memory and the limits of its control group and those above it, on Linux), or defaultMachineMemory where
// it cannot be read. Tests set it.
var machineMemoryBytes = machineMemory

// defaultMachineMemory is the memory a batch may hold where the machine's cannot be read:
// 16 GiB.
const defaultMachineMemory = 16 << 30

// perRepOverhead is what a replication kept holds beside its KPIs, in bytes: its entry in the
// results, the mark of its being written, and the rounding of its KPIs' allocation, with room
// to spare.
const perRepOverhead = 512

// batchMemory estimates the memory, in bytes, of a batch that keeps held results of reps
// replications each of a scenario shaped as res (its periods and KPIs, every replication's
// kept until the files are written), with workers replications of s running at once, and
// extra bytes beside. What is kept is counted twice: the Go runtime lets its heap grow to
// twice what it holds before it collects the garbage (compare of the default county and
// recruit-12-net-carers, 2 results kept, held 106 MB at 1,000 replications and 261 MB at
// 4,000: 52 KB more a replication, against 2 × 13.6 KB of KPIs).
func batchMemory(s *model.Scenario, res *sim.Results, reps, workers, held int, extra int64) float64 {
	perRep := 2 * float64(held) * (8*float64(len(res.Periods))*float64(len(res.KPIs)) + perRepOverhead)
	return float64(workspace.WorkingMemory(s, max(1, min(reps, 1<<20)), workers)) + float64(reps)*perRep + float64(extra)
}

// checkBatchMemory refuses, before anything runs or is written, a batch of reps replications
// (asked for by what: "--reps 1000", "--max-reps 5000"; of a shard when shards > 0) whose estimated memory (batchMemory)
// is more than the machine's (machineMemoryBytes), naming the most replications that fit.
func checkBatchMemory(cmd, what string, s *model.Scenario, res *sim.Results, reps, workers, shards, held int, extra int64) error {
	return checkMemory(cmd, what, "every replication's KPIs are kept until the files are written", reps, workers, shards, func(n, w int) float64 { return batchMemory(s, res, n, w, held, extra) })
}

// mergeMemory estimates the memory, in bytes, of merging reps replications of a scenario
// shaped as res: every replication's KPIs, kept until the files are written, counted twice as
// batchMemory counts them, and memoryBudget for the monthly records read back from the
// shards' files.
func mergeMemory(res *sim.Results, reps int) float64 {
	return float64(reps)*2*(8*float64(len(res.Periods))*float64(len(res.KPIs))+perRepOverhead) + float64(memoryBudget)
}

// checkMergeMemory refuses, before any of their replications is read, to merge the shards
// whose replications (as their shard.json records them) would hold more memory than the
// machine's (mergeMemory), naming their total and the most that fit.
func checkMergeMemory(res *sim.Results, shards []shard.Part) error {
	return checkShardsMemory(shards, "whose KPIs", "merge keeps every replication's KPIs until the files are written", func(n int) float64 { return mergeMemory(res, n) })
}

// checkRegionMergeMemory is checkMergeMemory for the shards of a region's run, whose results
// are shaped as rr (regionMergeMemory).
func checkRegionMergeMemory(rr *sim.RegionResults, shards []shard.Part) error {
	return checkShardsMemory(shards, "which", "merge keeps every council's replications until the files are written, their KPIs in the shards' files past 32 MB", func(n int) float64 { return regionMergeMemory(rr, n) })
}

// checkShardsMemory refuses to merge the shards whose replications would hold more memory,
// as memory estimates it for a number of them, than the machine's, naming their total and the
// most that fit; which names what would hold it ("whose KPIs"), and held says what is held.
func checkShardsMemory(shards []shard.Part, which, held string, memory func(reps int) float64) error {
	total := 0
	for _, sh := range shards {
		total += sh.Info.Count
	}
	limit := machineMemoryBytes()
	need := memory(total)
	if need <= float64(limit) {
		return nil
	}
	lo, hi := 0, total
	for lo < hi {
		mid := lo + (hi-lo)/2 + (hi-lo)%2
		if memory(mid) <= float64(limit) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return usagef("merge", "the %s hold %s, %s would hold about %s of memory (%s), more than the %s of this machine, where at most %s fit: merge needs every shard of the run at once, so merge them on a machine with more memory, or run fewer replications",
		plural(len(shards), "shard"), thousands(total)+" "+pluralWord(total, "replication"), which, memoryText(need), held, memoryText(float64(limit)), thousands(lo)+" "+pluralWord(lo, "replication"))
}

// regionRepEntry is what a region's replication holds in memory for each council's results
// and the region's beside its KPIs, in bytes: its entry in the results (a sim.Replication, 64
// bytes), twice over for the room the results' list takes as it grows.
const regionRepEntry = 128

// packedRecordMetric is what a monthly record kept in a temporary file (sim.PackedStore)
// still holds in memory for each of its metrics, in bytes: the place of each metric in the
// packing (4) and the value of each that held one value in every month (8), with room for
// the lists' rounding, as measured (see regionMemory).
const packedRecordMetric = 20

// regionMemory estimates the memory, in bytes, of a run of reps replications of the region
// reg, whose results are shaped as rr, with workers replications running at once. A region
// keeps its replications' KPIs in memory only while they are within memoryBudget; past it
// they wait in temporary files, read back through a cache of memoryBudget beside one period
// of every replication of one council's results in use (addRegionReps, sim's SetKPIStores).
// Its monthly records wait in files too, packed, each keeping its packing and the values that
// did not move in memory. What grows with the replications is then, for each council's
// results and the region's, a replication's entry and its record's packing, and the period
// in use, not the KPIs: the South East's peak was 183 MiB at 200 replications and 230 MiB at
// 600 (/usr/bin/time -v, --charts=false), 121 KB more a replication, which this counts as
// 133 KB. What is held is counted twice, as batchMemory does, for the Go runtime's garbage
// collector. placesim run of a region checks it (checkRegionRunMemory); a comparison of regions,
// which keeps every KPI in memory, is checked by checkRegionMemory.
func regionMemory(reg *model.Region, rr *sim.RegionResults, reps, workers int) float64 {
	// Beside what is held: the monthly records before they go to their files, and the
	// councils' summary.csv and timeseries.csv texts, each within memoryBudget before they too
	// wait on disk.
	return float64(workspace.RegionWorkingMemory(reg, max(1, min(reps, 1<<20)), workers)) + regionHeld(rr, reps, packedRecordMetric) + 2*float64(memoryBudget)
}

// regionHeld is what reps replications of a region whose results are shaped as rr hold, in
// bytes, counted twice for the garbage collector (regionMemory): for each council's results
// and the region's, a replication's entry, record bytes for each of its metrics, and its KPIs,
// or past memoryBudget the cache of memoryBudget and the period in use.
func regionHeld(rr *sim.RegionResults, reps int, record float64) float64 {
	var kpis, period, entries float64
	for _, res := range rr.Each() {
		kpis += 8 * float64(len(res.Periods)) * float64(len(res.KPIs))
		period = max(period, 8*float64(len(res.KPIs)))
		entries += regionRepEntry + record*float64(len(res.Metrics))
	}
	n := float64(reps)
	held := n * (kpis + entries)
	if n*kpis > float64(memoryBudget) {
		held = float64(memoryBudget) + n*(period+entries)
	}
	return 2 * held
}

// regionMergeMemory estimates the memory, in bytes, of merging reps replications of a region
// whose results are shaped as rr: what regionMemory counts held, but for the monthly records,
// which merge reads where they lie in the shards' files (none is packed in memory), and no
// worker's working memory; beside it, memoryBudget for the monthly records read back
// (mergeMemory) and twice memoryBudget for the councils' texts (regionMemory).
func regionMergeMemory(rr *sim.RegionResults, reps int) float64 {
	return regionHeld(rr, reps, 0) + 3*float64(memoryBudget)
}

// checkRegionMemory is checkBatchMemory for cmd's runs of reps replications of the regions
// regs, one after another, whose results are shaped as rrs: every council's KPIs and each
// region's are kept, of every region (a comparison keeps them all until it is written), with
// extra bytes beside.
func checkRegionMemory(cmd, what string, regs []*model.Region, rrs []*sim.RegionResults, reps, workers int, extra int64) error {
	perRep := 0.0
	for _, rr := range rrs {
		for _, res := range rr.Each() {
			perRep += 2 * (8*float64(len(res.Periods))*float64(len(res.KPIs)) + perRepOverhead)
		}
	}
	return checkMemory(cmd, what, "every replication's KPIs, every council's and each region's, are kept until the files are written", reps, workers, 0, func(n, w int) float64 {
		var working int64 // the regions run one at a time
		for _, reg := range regs {
			working = max(working, workspace.RegionWorkingMemory(reg, max(1, min(n, 1<<20)), w))
		}
		return float64(working) + float64(n)*perRep + float64(extra)
	})
}

// checkRegionRunMemory is checkBatchMemory for placesim run of reps replications of the region
// reg, whose results are shaped as rr (regionMemory).
func checkRegionRunMemory(what string, reg *model.Region, rr *sim.RegionResults, reps, workers, shards int) error {
	return checkMemory("run", what, "every council's replications are kept until the files are written, their KPIs and monthly records on disk past 32 MB", reps, workers, shards, func(n, w int) float64 { return regionMemory(reg, rr, n, w) })
}

// checkMemory refuses reps replications, with workers running at once, whose memory, as
// memory estimates it, is more than the machine's; held says what is held. Where the workers'
// working memory is what does not fit (reps replications fit with fewer workers), it names
// --workers and the most workers that fit; otherwise the most replications that fit, and, for
// a shard (shards > 0, the run's number of shards), what that makes the whole run's --reps.
func checkMemory(cmd, what, held string, reps, workers, shards int, memory func(reps, workers int) float64) error {
	limit := machineMemoryBytes()
	need := memory(reps, workers)
	if need <= float64(limit) {
		return nil
	}
	// most is the largest n in [0, hi] for which fits(n), fits shrinking as n grows.
	most := func(hi int, fits func(n int) bool) int {
		lo := 0
		for lo < hi {
			mid := lo + (hi-lo)/2 + (hi-lo)%2 // hi-lo+1 could overflow
			if fits(mid) {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo
	}
	if workers > 1 && memory(reps, 1) <= float64(limit) {
		w := most(workers, func(n int) bool { return n >= 1 && memory(reps, n) <= float64(limit) })
		fit := fmt.Sprintf("at most %s workers fit", thousands(w))
		if w == 1 {
			fit = "only 1 worker fits"
		}
		return usagef(cmd, "%s with --workers %d: the replications and the workers' working memory would hold about %s of memory (%s), more than the %s of this machine: %s; give --workers %d or fewer",
			what, workers, memoryText(need), held, memoryText(float64(limit)), fit, w)
	}
	lo := most(reps, func(n int) bool { return memory(n, workers) <= float64(limit) })
	fit := fmt.Sprintf("at most %s %s fit; give fewer", thousands(lo), pluralWord(lo, "replication"))
	switch {
	case lo < 1:
		fit = "not even 1 fits; give fewer"
	case shards > 0:
		fit = fmt.Sprintf("at most %s %s fit in a shard; with %d shards, --reps up to %s: give fewer, or more shards", thousands(lo), pluralWord(lo, "replication"), shards, thousands(lo*shards))
	}
	return usagef(cmd, "%s: the replications would hold about %s of memory (%s), more than the %s of this machine: %s",
		what, memoryText(need), held, memoryText(float64(limit)), fit)
}

// memoryText writes bytes in MiB, or in TiB from 1 TiB: "24,105 MiB", "1,391 TiB".
func memoryText(bytes float64) string {
	if bytes >= 1<<40 {
		return thousands(int(min(math.Ceil(bytes/(1<<40)), 1e18))) + " TiB"
	}
	return thousands(int(math.Ceil(bytes/(1<<20)))) + " MiB"
}
