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

// richScenario is a small council that exercises every part of the model: sibling groups,
// seasonality and trend, UASC with the National Transfer Scheme, every supply (market with and
// without a cap, carers, homes with solo children, block beds), breakdowns, step-down, staying
// put, capped care-leaver accommodation, emergency placements, and every intervention.
func richScenario() *model.Scenario {
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	needs := func(st, cx, so float64) [model.NumNeeds]float64 { return [model.NumNeeds]float64{st, cx, so} }
	ages := []model.AgeShare{
		{Ages: model.AgeRange{FromYears: 0, ToYears: 4}, Share: 0.35, NeedShares: needs(1, 0, 0), MaleShare: 0.5},
		{Ages: model.AgeRange{FromYears: 5, ToYears: 11}, Share: 0.3, NeedShares: needs(0.8, 0.2, 0), MaleShare: 0.5},
		{Ages: model.AgeRange{FromYears: 12, ToYears: 17}, Share: 0.35, NeedShares: needs(0.5, 0.35, 0.15), MaleShare: 0.55},
	}
	pool := func(households int, approvals float64) *model.CarerPool {
		return &model.CarerPool{
			Households:                        households,
			PlacesMix:                         []model.PlacesShare{{Places: 1, Share: 0.3}, {Places: 2, Share: 0.4}, {Places: 3, Share: 0.3}},
			AgeMix:                            []model.CarerAgeShare{{FromYears: 30, ToYears: 49, Share: 0.4}, {FromYears: 50, ToYears: 59, Share: 0.35}, {FromYears: 60, ToYears: 75, Share: 0.25}},
			NewCarerAgeMix:                    []model.CarerAgeShare{{FromYears: 30, ToYears: 55, Share: 1}},
			ApprovalsPerYear:                  approvals,
			AssessmentDays:                    270,
			DeregistrationPerYear:             0.09,
			RetirementFromAge:                 60,
			RetirementPerYear:                 0.1,
			RetirementIncreasePerYearOfAge:    0.02,
			WindDownDays:                      60,
			SupportCostPerHouseholdPerYearGBP: 6000,
			RecruitmentCostPerApprovalGBP:     12000,
		}
	}
	all := model.Everyone
	teen := model.Selector{Ages: model.AgeRange{FromYears: 11, ToYears: 17}, Needs: model.NeedsOf(model.NeedStandard, model.NeedComplex)}
	kinds := []model.Kind{
		{Name: "kinship", Category: model.Foster, Supply: model.Market, Accepts: all, WeeklyCostGBP: needs(300, 300, 300), BreakdownPerYear: needs(0.05, 0.1, 0.1), LocalShare: 0.9},
		{Name: "inhouse_foster", Category: model.Foster, Supply: model.Carers, Accepts: model.Selector{Ages: model.AllAges, Needs: model.NeedsOf(model.NeedStandard)}, WeeklyCostGBP: needs(700, 700, 900), BreakdownPerYear: needs(0.15, 0.3, 0.5), LocalShare: 0.9, Carers: pool(40, 5)},
		{Name: "specialist_foster", Category: model.Foster, Supply: model.Carers, Accepts: teen, WeeklyCostGBP: needs(1000, 1100, 1200), BreakdownPerYear: needs(0.2, 0.3, 0.3), LocalShare: 0.8, Carers: pool(4, 1)},
		{Name: "ifa", Category: model.Foster, Supply: model.Market, Accepts: all, WeeklyCostGBP: needs(900, 1000, 1200), BreakdownPerYear: needs(0.15, 0.3, 0.5), CapacityPlaces: 40, LocalShare: 0.5},
		{Name: "inhouse_home", Category: model.Residential, Supply: model.Homes, Accepts: model.Selector{Ages: model.AgeRange{FromYears: 8, ToYears: 17}}, WeeklyCostGBP: needs(500, 500, 500), BreakdownPerYear: needs(0.3, 0.4, 0.4),
			Homes: []model.Home{{Name: "Oak", Beds: 3, Local: true, FixedCostPerYearGBP: 900000}, {Name: "Elm", Beds: 2, Local: false, FixedCostPerYearGBP: 700000}}},
		{Name: "block_residential", Category: model.Residential, Supply: model.Block, Accepts: model.Selector{Ages: model.AgeRange{FromYears: 8, ToYears: 17}}, WeeklyCostGBP: needs(0, 0, 0), BreakdownPerYear: needs(0.3, 0.4, 0.4),
			BlockBeds: []model.BlockContract{{Beds: 1, Local: false, CostPerBedPerYearGBP: 280000}}},
		{Name: "external_residential", Category: model.Residential, Supply: model.Market, Accepts: all, WeeklyCostGBP: needs(6000, 7000, 11000), BreakdownPerYear: needs(0.3, 0.4, 0.4), LocalShare: 0.3},
		{Name: "supported", Category: model.Supported, Supply: model.Market, Accepts: model.Selector{Ages: model.AgeRange{FromYears: 16, ToYears: 17}}, WeeklyCostGBP: needs(620, 900, 1500), BreakdownPerYear: needs(0.2, 0.3, 0.3), CapacityPlaces: 12, LocalShare: 0.7},
	}
	const (
		kinship model.KindID = iota
		inhouse
		specialist
		ifa
		home
		blockK
		external
		supported
	)
	stay := func(mean float64) model.Distribution {
		return model.Distribution{Kind: model.Lognormal, MeanDays: mean, Sigma: 1.1}
	}
	exits := [model.NumEarlyExitRoutes]float64{0.5, 0.1, 0.2, 0.05, 0.15}
	return &model.Scenario{
		Name: "rich", Start: d(2026, 4, 1), Years: 4, WarmupYears: 1, ChildPopulation: 40000,
		Entries: model.Entries{PerYear: 80, TrendPerYear: 0.03, SiblingShare: 0.3, MeanGroupSize: 2.5,
			Seasonality: [12]float64{0.9, 1, 1.1, 1, 1, 1, 0.8, 0.9, 1.2, 1.1, 1, 1}, Ages: ages},
		UASC: model.UASCStream{PerYear: 12, TransferThresholdShare: 0.0003, Ages: []model.AgeShare{
			{Ages: model.AgeRange{FromYears: 14, ToYears: 15}, Share: 0.2, NeedShares: needs(1, 0, 0), MaleShare: 0.9},
			{Ages: model.AgeRange{FromYears: 16, ToYears: 17}, Share: 0.8, NeedShares: needs(1, 0, 0), MaleShare: 0.95},
		}},
		Stock: []model.StockGroup{
			{Kind: inhouse, Ages: model.AgeRange{FromYears: 0, ToYears: 9}, Count: 40, NeedShares: needs(1, 0, 0), MaleShare: 0.5},
			{Kind: ifa, Ages: model.AgeRange{FromYears: 5, ToYears: 15}, Count: 30, NeedShares: needs(0.7, 0.3, 0), MaleShare: 0.5},
			{Kind: home, Ages: model.AgeRange{FromYears: 12, ToYears: 16}, Count: 6, NeedShares: needs(0.4, 0.4, 0.2), MaleShare: 0.6},
			{Kind: external, Ages: model.AgeRange{FromYears: 12, ToYears: 17}, Count: 15, NeedShares: needs(0.2, 0.6, 0.2), MaleShare: 0.6},
			{Kind: supported, Ages: model.AgeRange{FromYears: 16, ToYears: 17}, Count: 8, NeedShares: needs(1, 0, 0), MaleShare: 0.9, UASC: true},
			{Kind: kinship, Ages: model.AgeRange{FromYears: 0, ToYears: 17}, Count: 25, NeedShares: needs(1, 0, 0), MaleShare: 0.5},
		},
		Stays: []model.StayRule{
			{Who: model.Selector{Ages: model.AgeRange{FromYears: 0, ToYears: 4}}, Stay: stay(900), ExitShares: [model.NumEarlyExitRoutes]float64{0.3, 0.35, 0.25, 0.05, 0.05}},
			{Who: model.Selector{Ages: model.AgeRange{FromYears: 5, ToYears: 17}}, Stay: model.Distribution{Kind: model.Empirical, Table: []model.Bin{{UpToDays: 56, Share: 0.2}, {UpToDays: 365, Share: 0.4}, {UpToDays: 1500, Share: 0.4}}}, ExitShares: exits},
		},
		StayingPut:  model.StayingPutScheme{Share: 0.5, Stay: model.Distribution{Kind: model.Exponential, MeanDays: 365}, WeeklyCostGBP: 300},
		CareLeavers: model.CareLeavers{Share: 0.6, Places: 6, Stay: model.Distribution{Kind: model.Gamma, MeanDays: 400, Shape: 2}, WeeklyCostGBP: 500},
		Kinds:       kinds,
		Ladders: []model.Ladder{
			{Who: model.Selector{Ages: model.AllAges, UASC: model.UASCOnly}, Try: []model.KindID{supported, inhouse, ifa}},
			{Who: model.Selector{Ages: model.AllAges, Needs: model.NeedsOf(model.NeedSolo)}, Try: []model.KindID{home, inhouse}},
			{Who: model.Selector{Ages: model.AgeRange{FromYears: 0, ToYears: 10}}, Try: []model.KindID{kinship, inhouse, ifa, external}},
			{Who: model.Selector{Ages: model.AgeRange{FromYears: 11, ToYears: 17}, Needs: model.NeedsOf(model.NeedComplex)}, Try: []model.KindID{specialist, ifa, home, blockK}},
			{Who: model.Selector{Ages: model.AgeRange{FromYears: 16, ToYears: 17}}, Try: []model.KindID{inhouse, supported, ifa, external}},
			{Who: model.Selector{Ages: model.AgeRange{FromYears: 11, ToYears: 17}}, Try: []model.KindID{inhouse, ifa, home, external}},
		},
		Emergency:        model.Emergency{WeeklyCostGBP: 10000, RetryDays: 14},
		StepDown:         model.StepDown{ReviewDays: 91, ReadyShare: [model.NumNeeds]float64{0.2, 0.2}, Try: []model.KindID{specialist, inhouse, ifa}},
		InflationPerYear: 0.03,
		Interventions: []model.Intervention{
			{Action: model.ExtraApprovals, From: d(2026, 7, 1), To: d(2029, 3, 31), Kind: inhouse, PerYear: 6, RecruitmentCostGBP: 15000},
			{Action: model.AddHouseholds, From: d(2027, 1, 15), Kind: specialist, Count: 2},
			{Action: model.Retention, From: d(2026, 10, 1), To: d(2028, 10, 1), Kind: inhouse, Factor: 0.8},
			{Action: model.AllowanceUplift, From: d(2027, 4, 1), Kind: inhouse, WeeklyGBP: 40, Factor: 0.9},
			{Action: model.OpenHome, From: d(2026, 6, 1), Kind: home, Count: 3, LeadTimeDays: 400, FixedCostPerYearGBP: 1000000, Local: true, Name: "Ash"},
			{Action: model.CloseHome, From: d(2028, 2, 1), Kind: home, Name: "Elm"},
			{Action: model.BlockBeds, From: d(2026, 9, 1), To: d(2029, 9, 1), Kind: blockK, Count: 2, FixedCostPerYearGBP: 260000},
			{Action: model.Capacity, From: d(2027, 6, 1), To: d(2028, 6, 1), Kind: ifa, Count: 20},
			{Action: model.StepDownRate, From: d(2027, 1, 1), Factor: 1.5},
			{Action: model.EntryRate, From: d(2027, 4, 1), Factor: 0.9},
			{Action: model.UASCSurge, From: d(2026, 11, 1), To: d(2027, 5, 1), Factor: 2, PerYear: 10},
			{Action: model.Price, From: d(2027, 10, 1), Kind: external, Factor: 1.1},
			{Action: model.Inflation, From: d(2028, 1, 1), Rate: 0.05},
		},
	}
}
