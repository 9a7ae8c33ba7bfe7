package plots

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// TestSpotPremiumLastWholeYear checks that the subtitle of the region's spot premium chart, of
// a run of 2 years from 15 April, speaks of its last whole year, 2027/28, not of the 14 days of
// 2028/29 (to 14 April).
func TestSpotPremiumLastWholeYear(t *testing.T) {
	reg := &model.Region{Name: "two-counties", Start: time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC), Years: 2}
	total := &sim.Results{KPIs: []string{sim.SpotPriceMultiplier}, Periods: []string{"2026/27", "2027/28", "2028/29", sim.WholeRun}}
	for i, v := range []float64{1.1, 1.2, 1.3, 1.4, 1.5, 1.6} {
		// 2027/28's premium is 10% to 60%; 2028/29's 90% in every run.
		total.Reps = append(total.Reps, sim.Replication{Index: i, KPIs: []float64{1.1, v, 1.9, v}})
	}
	b := spotPremiumBands(&sim.RegionResults{Region: reg, Total: total}, Source{Scenario: "two-counties", Reps: 6, Seed: 1})
	if b == nil {
		t.Fatal("no spot premium chart")
	}
	if !strings.HasPrefix(b.Subtitle, "In 2027/28 a spot placement costs ") || strings.Contains(b.Subtitle, "90%") {
		t.Errorf("subtitle %q, want it to speak of 2027/28's premium, not 2028/29's 90%%", b.Subtitle)
	}
}

// TestSpotPremiumYearWithoutSpot checks that a year with no spot placement in any run (the 14
// days of 2028/29 (to 14 April) of a run from 15 April) is left out of the region's spot
// premium chart, which says so, rather than the chart being left out.
func TestSpotPremiumYearWithoutSpot(t *testing.T) {
	reg := &model.Region{Name: "two-counties", Start: time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC), Years: 2}
	total := &sim.Results{KPIs: []string{sim.SpotPriceMultiplier}, Periods: []string{"2026/27", "2027/28", "2028/29", sim.WholeRun}}
	nan := math.NaN()
	for i, v := range []float64{1.1, 1.2, 1.3, 1.4, 1.5, 1.6} {
		total.Reps = append(total.Reps, sim.Replication{Index: i, KPIs: []float64{1.1, v, nan, v}})
	}
	b := spotPremiumBands(&sim.RegionResults{Region: reg, Total: total}, Source{Scenario: "two-counties", Reps: 6, Seed: 1})
	if b == nil {
		t.Fatal("no spot premium chart")
	}
	var years []string
	for _, r := range b.Measures[0].Scenario {
		years = append(years, r.X)
	}
	if !slices.Equal(years, []string{"2026/27", "2027/28"}) {
		t.Errorf("years %v, want 2026/27 and 2027/28", years)
	}
	if !strings.HasPrefix(b.Subtitle, "In 2027/28 a spot placement costs ") ||
		!strings.HasSuffix(b.Subtitle, " 2028/29 (to 14 April) had no spot placement in any run and is left out.") {
		t.Errorf("subtitle %q", b.Subtitle)
	}
	// A run with no spot placement at all has no chart.
	for i := range total.Reps {
		total.Reps[i].KPIs = []float64{nan, nan, nan, nan}
	}
	if b := spotPremiumBands(&sim.RegionResults{Region: reg, Total: total}, Source{Scenario: "two-counties", Reps: 6, Seed: 1}); b != nil {
		t.Errorf("a chart of no spot placement: %q", b.Subtitle)
	}
}
