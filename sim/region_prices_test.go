package sim

import (
	"math"
	"slices"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestRegionCouncilsOwnPrices checks that each council of a region takes its amounts of money
// in the prices of its own scenario's year (prices_at): two councils with the same programme,
// one written in the start's prices and one in prices two Aprils later, pay for it as each
// would alone.
func TestRegionCouncilsOwnPrices(t *testing.T) {
	iv := model.Intervention{Action: model.EntryRate, From: day(2026, 4, 1), Factor: 0.95,
		Cost: model.ProgrammeCost{OneOffGBP: 200_000, PerYearGBP: 365_000, PerYearTo: day(2028, 4, 1)}}
	now, later := programmeScenario(iv), programmeScenario(iv)
	later.PricesAt = day(2028, 4, 1)
	reg := &model.Region{
		Name: "two", Start: now.Start, Years: now.Years,
		Zones: []model.Zone{{Name: "here", Miles: []float64{5}}},
		Councils: []model.Council{
			{Name: "now", Zone: 0, Scenario: now},
			{Name: "later", Zone: 0, Scenario: later},
		},
	}
	got, err := RunRegion(reg, Options{Reps: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	// 2026/27: £200,000 and the whole year's £365,000, at each council's factor: 1, or 1/1.25².
	for i, want := range []float64{565_000, 565_000 / 1.5625} {
		res := got.Councils[i]
		k := slices.Index(res.KPIs, "cost_programme")
		// Tolerance: 1/1.5625 is not exact in binary, so the month-by-month sum is right
		// to rounding alone.
		if v := res.Reps[0].KPIs[k]; math.Abs(v-want) > 1e-9*want {
			t.Errorf("%s: cost_programme in %s %v, want %v", reg.Councils[i].Name, res.Periods[0], v, want)
		}
	}
}
