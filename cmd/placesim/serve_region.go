package main

import (
	"fmt"
	"io"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/sim"
)

// defaultPercentiles are the percentiles summaries show unless --percentiles says otherwise,
// and those of the files the workspace offers.
const defaultPercentiles = "5,50,95"

// workspaceRegionFile writes file (report.html or results.xlsx) of region reg's run rr of reps
// replications on seed to w, as placesim run writes it for a region with the default
// percentiles and --council-charts=false (the workspace offers the region's own files, whose
// report links to no council's folder): the workspace's region page offers them for download.
func workspaceRegionFile(w io.Writer, file string, reg *model.Region, rr *sim.RegionResults, seed uint64, reps int) error {
	return forServe(writeWorkspaceRegionFile(w, file, reg, rr, seed, reps))
}

// writeWorkspaceRegionFile is workspaceRegionFile, its errors as placesim run words them.
func writeWorkspaceRegionFile(w io.Writer, file string, reg *model.Region, rr *sim.RegionResults, seed uint64, reps int) error {
	percentiles, err := parsePercentiles(defaultPercentiles)
	if err != nil {
		return err
	}
	run, err := newRegionRun(reg, rr, placesimVersion(), seed, reps, "")
	if err != nil {
		return err
	}
	src := plots.Source{Version: placesimVersion(), Scenario: reg.Name, Region: true, Reps: reps, Seed: seed}
	var texts diskTexts
	defer texts.close()
	files, err := regionFiles(run, rr, percentiles, regionOutputs{charts: true}, src, &texts)
	if err != nil {
		return err
	}
	for _, f := range files {
		if f.name == file {
			return f.write(w)
		}
	}
	return fmt.Errorf("a region's run writes no %s", file)
}
