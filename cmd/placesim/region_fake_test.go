package main

import (
	"slices"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// The tests run regions without a shared market: each council alone with its own seed, and
// the total summed.
func init() {
	newRegionRunner = func(reg *model.Region, opt sim.Options) (regionRunner, error) {
		fr := &fakeRunner{reg: reg}
		for _, c := range reg.Councils {
			o := opt
			o.Seed = sim.CouncilSeed(opt.Seed, c.Name)
			rn, err := sim.NewRunner(c.Scenario, o)
			if err != nil {
				return nil, err
			}
			fr.runners = append(fr.runners, rn)
		}
		fr.rr = &sim.RegionResults{Region: reg, Seed: opt.Seed}
		return fr, nil
	}
	prepareRegion = func(reg *model.Region, seed uint64) (*sim.RegionResults, error) {
		rr := &sim.RegionResults{Region: reg, Seed: seed}
		for _, c := range reg.Councils {
			res, err := sim.Prepare(c.Scenario, sim.CouncilSeed(seed, c.Name))
			if err != nil {
				return nil, err
			}
			rr.Councils = append(rr.Councils, res)
		}
		rr.Total = fakeTotal(reg, rr.Councils)
		return rr, nil
	}
}

type fakeRunner struct {
	reg     *model.Region
	runners []*sim.Runner
	rr      *sim.RegionResults
}

func (f *fakeRunner) SetProgress(func(int)) {}

func (f *fakeRunner) Add(n int) error {
	for _, rn := range f.runners {
		if err := rn.Add(n); err != nil {
			return err
		}
	}
	return nil
}

func (f *fakeRunner) Results() *sim.RegionResults {
	f.rr.Councils = nil
	for _, rn := range f.runners {
		f.rr.Councils = append(f.rr.Councils, rn.Results())
	}
	f.rr.Total = fakeTotal(f.reg, f.rr.Councils)
	return f.rr
}

// fakeTotal sums councils of one layout, replication by replication, with shares the ratios
// of the summed totals.
func fakeTotal(reg *model.Region, councils []*sim.Results) *sim.Results {
	total := *councils[0]
	s := *total.Scenario
	s.Name = reg.Name
	total.Scenario = &s
	total.Reps = nil
	for r, rep0 := range councils[0].Reps {
		rep := sim.Replication{Index: rep0.Index}
		for _, res := range councils {
			rep.KPIs = addTo(rep.KPIs, res.Reps[r].KPIs)
			rep.Monthly = addTo(rep.Monthly, res.Reps[r].Monthly)
		}
		for p := range total.Periods {
			row := rep.KPIs[p*len(total.KPIs) : (p+1)*len(total.KPIs)]
			for _, ra := range total.Ratios {
				row[ra.KPI] = row[ra.Num] / row[ra.Den]
			}
		}
		total.Reps = append(total.Reps, rep)
	}
	return &total
}

func addTo(sum, xs []float64) []float64 {
	if sum == nil {
		return slices.Clone(xs)
	}
	for i, x := range xs {
		sum[i] += x
	}
	return sum
}
