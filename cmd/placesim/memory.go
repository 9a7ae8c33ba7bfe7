package main

import (
	"fmt"
	"math"

	"github.com/placesim/placesim/cmd/placesim/workspace"
	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// machineMemoryBytes is the memory a batch may hold, in bytes: the machine's (the smaller of
// its physical memory and its control group's limit, on Linux), or defaultMachineMemory where
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
// (asked for by what: "--reps 1000", "--max-reps 5000") whose estimated memory (batchMemory)
// is more than the machine's (machineMemoryBytes), naming the most replications that fit.
func checkBatchMemory(cmd, what string, s *model.Scenario, res *sim.Results, reps, workers, held int, extra int64) error {
	return checkMemory(cmd, what, reps, func(n int) float64 { return batchMemory(s, res, n, workers, held, extra) })
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
	return checkMemory(cmd, what, reps, func(n int) float64 {
		var working int64 // the regions run one at a time
		for _, reg := range regs {
			working = max(working, workspace.RegionWorkingMemory(reg, max(1, min(n, 1<<20)), workers))
		}
		return float64(working) + float64(n)*perRep + float64(extra)
	})
}

// checkMemory refuses reps replications whose memory, as memory estimates it, is more than
// the machine's, naming the most that fit.
func checkMemory(cmd, what string, reps int, memory func(reps int) float64) error {
	limit := machineMemoryBytes()
	need := memory(reps)
	if need <= float64(limit) {
		return nil
	}
	// The most that fit: memory grows with the replications.
	lo, hi := 0, reps
	for lo < hi {
		mid := lo + (hi-lo)/2 + (hi-lo)%2 // hi-lo+1 could overflow
		if memory(mid) <= float64(limit) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	most := fmt.Sprintf("at most %s %s fit", thousands(lo), pluralWord(lo, "replication"))
	if lo < 1 {
		most = "not even 1 fits"
	}
	return usagef(cmd, "%s: the replications would hold about %s of memory (every replication's KPIs are kept until the files are written), more than the %s of this machine: %s; give fewer",
		what, memoryText(need), memoryText(float64(limit)), most)
}

// memoryText writes bytes in MiB, or in TiB from 1 TiB: "24,105 MiB", "1,391 TiB".
func memoryText(bytes float64) string {
	if bytes >= 1<<40 {
		return thousands(int(min(math.Ceil(bytes/(1<<40)), 1e18))) + " TiB"
	}
	return thousands(int(math.Ceil(bytes/(1<<20)))) + " MiB"
}
