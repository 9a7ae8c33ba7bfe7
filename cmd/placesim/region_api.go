package main

import (
	"errors"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// regionRunner runs a region's replications, as sim.RegionRunner does.
type regionRunner interface {
	Add(n int) error
	Results() *sim.RegionResults
	SetProgress(f func(done int))
}

// The region API of scenarios and sim that the commands use.
var (
	isRegion        = scenarios.IsRegion
	loadRegion      = scenarios.LoadRegion
	newRegionRunner = func(reg *model.Region, opt sim.Options) (regionRunner, error) {
		return nil, errors.New("regions are not built into this placesim")
	}
	prepareRegion = func(reg *model.Region, seed uint64) (*sim.RegionResults, error) {
		return nil, errors.New("regions are not built into this placesim")
	}
)
