package sim_test

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// ExampleRunRegion runs two tiny councils, twenty-five miles apart, that buy agency foster
// places from the same two providers: a small one in the north, a larger one in the south.
// The north's children overflow into the south's places, out of their area and far from home.
func ExampleRunRegion() {
	council := func(name string, entries string) model.Council {
		s, err := scenarios.Parse(strings.NewReader(tinyYAML), "tiny.yaml", []string{"entries.per_year=" + entries})
		if err != nil {
			panic(err)
		}
		zone := 0
		if name == "south" {
			zone = 1
		}
		return model.Council{Name: name, Zone: zone, Scenario: s}
	}
	reg := &model.Region{
		Name: "two-shires", Start: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Years: 2, WarmupYears: 2,
		Zones: []model.Zone{
			{Name: "north", Miles: []float64{8, 25}},
			{Name: "south", Miles: []float64{25, 8}},
		},
		Councils: []model.Council{council("north", "60"), council("south", "30")},
		Markets: []model.SharedMarket{{
			Kind: "ifa",
			Providers: []model.Provider{
				{Name: "north-agency", Zone: 0, Places: 10},
				{Name: "south-agency", Zone: 1, Places: 60},
			},
			Pricing: model.Pricing{Threshold: 0.8, PremiumAtFull: 0.5, UrgentPremium: 0.2},
		}},
	}
	res, err := sim.RunRegion(reg, sim.Options{Reps: 20, Seed: 1})
	if err != nil {
		panic(err)
	}
	// The mean over the replications of the whole run: a share's is the ratio of the totals.
	mean := func(r *sim.Results, name string) float64 {
		return r.Summary(len(r.Periods)-1, slices.Index(r.KPIs, name), sim.DefaultPercentiles).Mean
	}
	for i, r := range append(res.Councils, res.Total) {
		name := reg.Name
		if i < len(reg.Councils) {
			name = reg.Councils[i].Name
		}
		fmt.Printf("%-10s placed out of area %4.1f%%, mean price multiplier %.2f\n", name,
			100*mean(r, sim.OutOfAreaShare), mean(r, sim.SpotPriceMultiplier))
	}
	fmt.Printf("agency places in use: %.0f%%\n", 100*mean(res.Total, sim.MarketOccupancy("ifa")))
	// Output:
	// north      placed out of area 47.8%, mean price multiplier 1.03
	// south      placed out of area  0.0%, mean price multiplier 1.03
	// two-shires placed out of area 32.2%, mean price multiplier 1.03
	// agency places in use: 64%
}
