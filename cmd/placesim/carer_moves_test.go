package main

import (
	"encoding/csv"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// windDownScenario is 300 children, each with in-house carers of their own who deregister at
// a rate of one a year; each household's wind-down ends 10 days on, and the children still
// there move. No child enters care, no placement breaks down and nobody steps down, so every
// move is of a child whose carers left.
const windDownScenario = `name: wind
start: 2026-04-01
years: 1
stock:
  - {kind: fost, ages: 0, count: 300}
stays:
  - stay: {distribution: exponential, mean_days: 10000}
    exits: {return_home: 1}
kinds:
  - name: fost
    category: foster
    supply: carers
    carers:
      households: 300
      places_mix: {1: 1}
      approvals_per_year: 300
      assessment_days: 0
      deregistration_per_year: 1
      wind_down_days: 10
  - {name: ifa, category: foster, supply: market, weekly_gbp: 1000}
ladders:
  - try: [fost, ifa]
`

// TestCarersLeavingMoveTheirChildren checks what the README's KPI table and Placement stability
// say of a child whose carers leave: the end of the household's wind-down moves them, and each
// such move is a move and a match (on their ladder: in-house carers again, or an agency), and a
// placement in three_plus_moves_share, but neither a breakdown nor a step-down.
func TestCarersLeavingMoveTheirChildren(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"wind.yaml": windDownScenario})
	out := filepath.Join(dir, "out")
	mustRun(t, "run", filepath.Join(dir, "wind.yaml"), "--reps", "2", "--charts=false", "--out", out, "-q")
	rows, err := csv.NewReader(strings.NewReader(readFile(t, out, "kpis.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// scenario,replication,period,kpi,value: each replication's whole run.
	got := map[string]map[string]float64{}
	for _, r := range rows[1:] {
		if r[2] != "all" {
			continue
		}
		if got[r[1]] == nil {
			got[r[1]] = map[string]float64{}
		}
		got[r[1]][r[3]], _ = strconv.ParseFloat(r[4], 64)
	}
	if len(got) != 2 {
		t.Fatalf("kpis.csv holds %d replications, want 2", len(got))
	}
	for rep, k := range got {
		for _, none := range []string{"entries", "breakdowns", "stepdowns", "emergency_placements"} {
			if k[none] != 0 {
				t.Errorf("replication %s: %s %v, want 0", rep, none, k[none])
			}
		}
		// About 300·(1 - e^-1) households deregister in the year, each with a child still there.
		if k["moves"] < 100 || k["matches"] != k["moves"] {
			t.Errorf("replication %s: %v moves and %v matches; want the same, over 100, one for each child whose carers left", rep, k["moves"], k["matches"])
		}
		if k["children_three_plus_placements"] == 0 {
			t.Errorf("replication %s: no child had 3 placements, where children whose carers left twice did", rep)
		}
	}
}
