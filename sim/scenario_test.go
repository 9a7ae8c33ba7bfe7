package sim

import (
	"time"

	"github.com/placesim/placesim/model"
)

// erlangScenario is the queueing check built in code: one pool of c single-place carer
// households, Poisson arrivals of lam children a year staying stay, a ladder of in-house
// then unlimited IFA, and nothing else moving.
func erlangScenario(c int, lam float64, stay model.Distribution, years, warmup int) *model.Scenario {
	pool := &model.CarerPool{
		Households:     c,
		PlacesMix:      []model.PlacesShare{{Places: 1, Share: 1}},
		AgeMix:         []model.CarerAgeShare{{FromYears: 40, ToYears: 40, Share: 1}},
		NewCarerAgeMix: []model.CarerAgeShare{{FromYears: 40, ToYears: 40, Share: 1}},
	}
	return &model.Scenario{
		Name:        "erlang",
		Start:       time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		Years:       years,
		WarmupYears: warmup,
		Entries: model.Entries{PerYear: lam, Ages: []model.AgeShare{
			{Ages: model.AgeRange{}, Share: 1, NeedShares: [model.NumNeeds]float64{1, 0, 0}, MaleShare: 0.5},
		}},
		Stays: []model.StayRule{{Who: model.Everyone, Stay: stay, ExitShares: [model.NumEarlyExitRoutes]float64{1, 0, 0, 0, 0}}},
		Kinds: []model.Kind{
			{Name: "inhouse_foster", Category: model.Foster, Supply: model.Carers, Accepts: model.Everyone,
				WeeklyCostGBP: [model.NumNeeds]float64{700, 700, 700}, LocalShare: 1, Carers: pool},
			{Name: "ifa", Category: model.Foster, Supply: model.Market, Accepts: model.Everyone,
				WeeklyCostGBP: [model.NumNeeds]float64{900, 900, 900}, LocalShare: 0.5},
		},
		Ladders:   []model.Ladder{{Who: model.Everyone, Try: []model.KindID{0, 1}}},
		Emergency: model.Emergency{WeeklyCostGBP: 10000, RetryDays: 14},
	}
}
