package plots

import (
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
