package sim_test

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
	"gonum.org/v1/gonum/stat"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// figures runs the checks of files the model's figures are written into that take seconds
// (TestRegionStock): make figures-check gives it.
var figures = flag.Bool("figures", false, "check the files of the model's figures that take seconds to check (make figures-check)")

// TestDefaultGolden pins the default scenario's summary for a fixed seed: any change to the
// model, the default scenario or the random streams shows up here, to be looked at and
// accepted with -update.
func TestDefaultGolden(t *testing.T) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := res.WriteSummary(&got, sim.DefaultPercentiles); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "default_summary.golden.csv")
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./sim -run DefaultGolden -update to create it)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		gl, wl := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("summary differs from %s at line %d:\n got  %s\n want %s\n(rerun with -update if the change is intended)", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("summary differs from %s in length: %d lines, want %d", golden, len(gl), len(wl))
	}
}

// TestDefaultFirstYear checks that the first simulated year of the default scenario looks like
// the published figures it was built from (docs/sources.md §6 and §1-§3).
// Each check states its tolerance: the simulator has to reproduce a county's figures the way a
// council's own forecast would, so the tolerances are calibration tolerances (how far a plausible
// county sits from the national-derived figure), far wider than the Monte Carlo error of the
// mean over 200 replications (under 1% for every quantity here).
func TestDefaultFirstYear(t *testing.T) {
	if testing.Short() {
		t.Skip("calibration check; runs without -short")
	}
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 200, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	mean := func(name string) float64 { return stat.Mean(kpi(t, res, 0, name), nil) }
	sum := func(names ...string) float64 {
		var v float64
		for _, n := range names {
			v += mean(n)
		}
		return v
	}
	cla := mean("children_in_care")
	exits := mean("exits")
	foster := sum("occupied_kinship", "occupied_inhouse_foster", "occupied_specialist_foster", "occupied_ifa")
	residential := sum("occupied_inhouse_home", "occupied_block_residential", "occupied_external_residential")
	fosterCost := sum("cost_kinship", "cost_inhouse_foster", "cost_specialist_foster", "cost_ifa", "cost_carer_support", "cost_recruitment")
	residentialCost := sum("cost_inhouse_home", "cost_block_residential", "cost_external_residential")
	weeks := 365.0 / 7

	checks := []struct {
		what      string
		got, want float64
		tol       float64 // relative, or absolute for shares when abs is set
		abs       bool
		basis     string
	}{
		{"children in care (time-average)", cla, 840, 0.05, false, "§6: ~840 (the county median rate, 56 per 10,000 of 150,000)"},
		{"entries", mean("entries"), 315, 0.05, false, "§6: ~315 a year"},
		{"exits", exits, 330, 0.10, false, "§6: ~330 a year"},
		{"UASC share of children in care", mean("uasc_in_care") / cla, 0.08, 0.02, true, "§6: ~8%"},
		{"exits at 18 (share)", sum("exits_age_18", "exits_staying_put") / exits, 0.40, 0.05, true, "§6: 18+ 40%"},
		{"exits home (share)", mean("exits_return_home") / exits, 0.19, 0.05, true, "§6: home 19%"},
		{"exits by SGO (share)", mean("exits_sgo") / exits, 0.12, 0.04, true, "§6: SGO 12%"},
		{"exits by adoption (share)", mean("exits_adoption") / exits, 0.09, 0.03, true, "§6: adoption 9%"},
		{"exits by CAO (share)", mean("exits_cao") / exits, 0.03, 0.02, true, "§6: CAO 3%"},
		{"foster care (share)", foster / cla, 0.67, 0.05, true, "§1: all foster 67% (2025)"},
		{"kinship (share of foster)", mean("occupied_kinship") / foster, 0.24, 0.05, true, "§6: kinship 24%"},
		{"IFA (share of foster)", mean("occupied_ifa") / foster, 0.40, 0.05, true, "§6: IFA ~40%"},
		{"residential (share)", residential / cla, 0.10, 0.03, true, "§1: homes + secure ~10-11%"},
		{"supported accommodation (share)", mean("occupied_supported_accommodation") / cla, 0.08, 0.03, true, "§1: 7.5-9%"},
		{"carer households at year end", mean("carer_households_end"), 166, 0.10, false, "§6: ~160 mainstream + specialist"},
		{"approvals", mean("approvals"), 20, 0.25, false, "§6: ~12% of households a year"},
		{"deregistrations", mean("deregistrations"), 23, 0.25, false, "§6: ~14% of households a year"},
		{"fostering spend per foster child-week (£)", fosterCost / (foster * weeks), 806, 0.15, false, "§3: RO3 2024-25 ~£760, ×1.03² to 2026/27's prices"},
		{"residential spend per residential child-week (£)", residentialCost / (residential * weeks), 7214, 0.15, false, "§3: RO3 2024-25 ~£6,800, ×1.03² to 2026/27's prices"},
	}
	for _, c := range checks {
		off := math.Abs(c.got - c.want)
		limit := c.tol
		if !c.abs {
			limit = c.tol * c.want
		}
		line := fmt.Sprintf("%-50s %10.3f  want %10.3f ± %.3g%s (%s)", c.what, c.got, c.want, c.tol, map[bool]string{true: "", false: " relative"}[c.abs], c.basis)
		if off > limit {
			t.Errorf("%s: outside tolerance", line)
		} else {
			t.Log(line)
		}
	}
}
