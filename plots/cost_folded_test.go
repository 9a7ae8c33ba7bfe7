package plots_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestCostChartKeepsTheStrategysKinds checks that the spending chart keeps a series of its own
// for the beds a strategy block-books, however small a share of spending they are (4 beds from
// October were once folded into "Other placements"), and that where kinds are folded together
// the series and the chart's note name them.
func TestCostChartKeepsTheStrategysKinds(t *testing.T) {
	text := "name: block\nextends: default\ninterventions:\n" +
		"  - {action: block_beds, kind: block_residential, from: 2026-10-01, count: 4, fixed_cost_per_year_gbp: 260000}\n"
	path := filepath.Join(t.TempDir(), "block.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Load(path, []string{"years=1"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	d, err := plots.FromResults(res)
	if err != nil {
		t.Fatal(err)
	}
	names := d.SeriesNames(plots.CostByYear)
	if !strings.Contains(strings.Join(names, ","), sim.CostOf("block_residential")) {
		t.Errorf("cost-by-year series %v: no series of the block-booked beds", names)
	}
	other := d.Series(plots.CostByYear, "cost_other")
	if len(other) == 0 {
		t.Fatalf("no kinds folded together: %v", names)
	}
	want := plots.OtherPlacementsLabel + ": specialist foster care for complex teenagers"
	if !strings.HasPrefix(other[0].Label, want) {
		t.Errorf("the folded series is labelled %q, want it to name its kinds (%q...)", other[0].Label, want)
	}
	c, err := plots.CostByYearChart(d, plots.Source{Reps: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Note, "Other placements: specialist foster care") {
		t.Errorf("the chart's note %q does not say which kinds Other placements holds", c.Note)
	}
}
