package workspace

import (
	"os"
	"path/filepath"
	"testing"
)

// fiveZones is a region of two councils whose shared market has places in five zones: more
// than its chart of occupancy draws.
const fiveZones = `name: five-zones
start: 2026-04-01
years: 1
warmup_years: 1
zones:
  - {name: z1, miles: {z1: 10, z2: 20, z3: 30, z4: 40, z5: 50}}
  - {name: z2, miles: {z2: 10, z3: 20, z4: 30, z5: 40}}
  - {name: z3, miles: {z3: 10, z4: 20, z5: 30}}
  - {name: z4, miles: {z4: 10, z5: 20}}
  - {name: z5, miles: {z5: 10}}
councils:
  - {name: oneshire, zone: z1, scenario: default, size: {children_in_care: 60}}
  - {name: twoshire, zone: z5, scenario: default, size: {children_in_care: 60}}
markets:
  - kind: ifa
    pricing: {threshold: 0.85, premium_at_full: 0.15, urgent_premium: 0.05}
    providers:
      - {name: a1, zone: z1, places: 6}
      - {name: a2, zone: z2, places: 6}
      - {name: a3, zone: z3, places: 6}
      - {name: a4, zone: z4, places: 6}
      - {name: a5, zone: z5, places: 6}
`

// TestRegionChartCaptions checks that a chart that draws some of a market's zones says where
// the others are in what the workspace offers (the run's workbook), not in a file of
// placesim run's that the workspace does not offer.
func TestRegionChartCaptions(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, srv, dir := regionServer(t)
	if err := os.WriteFile(filepath.Join(dir, "five-zones.yaml"), []byte(fiveZones), 0o644); err != nil {
		t.Fatal(err)
	}
	srv.cfg.RegionQuickReps = 2
	srv.cfg.RegionFiles = stubRegionFiles
	a := runRegionState(t, base, regionState{Tab: "t", Ref: "five-zones.yaml"})
	if a.Results == "" {
		t.Fatalf("no results: %v", a.Problems)
	}
	mustContain(t, "results", a.Results, `The zones drawn are the 4 fullest of its 5 with places (median of runs over the run); the workbook of the run (five-zones-results.xlsx, its &#34;Time series&#34; sheet) holds every zone&#39;s.`)
	mustNotContain(t, "results", a.Results, "timeseries.csv")
	// Without a workbook to offer, the caption names no file.
	srv.cfg.RegionFiles = nil
	a = runRegionState(t, base, regionState{Tab: "t", Ref: "five-zones.yaml"})
	mustContain(t, "results", a.Results, `The zones drawn are the 4 fullest of its 5 with places (median of runs over the run).`)
	mustNotContain(t, "results", a.Results, "timeseries.csv", "Time series")
}
