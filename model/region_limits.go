package model

// The ranges of a region's numeric fields, by their paths in region files: Region.Validate
// checks each with its Limit (region_validate.go), and the reference and the schema of region
// files give them from here. They are wide enough for England as a whole (nine regions of
// zones, about 150 councils). The count of zones, councils, markets, providers and
// interventions is bounded by the region file's reader. The size of a council,
// councils[].size.children_in_care, is the reader's.
var (
	limRegionZones      = Limit{Field: "zones", Min: 1, Max: 200, Unit: "zones"}
	limRegionMiles      = Limit{Field: "zones[].miles.<zone>", Min: 0, Max: 1_000, Unit: "miles"}
	limRegionCouncils   = Limit{Field: "councils", Min: 1, Max: 500, Unit: "councils"}
	limRegionSize       = Limit{Field: "councils[].size.children_in_care", Min: 1, Max: 100_000, Unit: "children"}
	limRegionMarkets    = Limit{Field: "markets", Min: 0, Max: 100, Unit: "markets"}
	limRegionProviders  = Limit{Field: "markets[].providers", Min: 0, Max: 10_000, Unit: "providers"}
	limProviderPlaces   = Limit{Field: "markets[].providers[].places", Min: 0, Max: 100_000, Unit: "places"}
	limProviderGrowth   = Limit{Field: "markets[].providers[].growth_per_year", Min: -1, Max: 1, Unit: "a year", MinExcluded: true}
	limProviderMaxMiles = Limit{Field: "markets[].providers[].max_miles", Min: 0, Max: 1_000, Unit: "miles"}
	limProviderPrice    = Limit{Field: "markets[].providers[].price_factor", Min: 0.1, Max: 10, Unit: "(times the councils' price)"}
	limProviderFar      = Limit{Field: "markets[].providers[].over_20_miles_share", Min: 0, Max: 1, Unit: "share"}
	limPriceThreshold   = Limit{Field: "markets[].pricing.threshold", Min: 0, Max: 1, Unit: "(share of places in use)", MaxExcluded: true}
	limPricePremium     = Limit{Field: "markets[].pricing.premium_at_full", Min: 0, Max: 10, Unit: "(times the price)"}
	limPriceUrgent      = Limit{Field: "markets[].pricing.urgent_premium", Min: 0, Max: 10, Unit: "(times the price)"}
	limPriceGrowth      = Limit{Field: "markets[].pricing.real_growth_per_year", Min: -0.5, Max: 1, Unit: "a year", MinExcluded: true}
	limRegionIvs        = Limit{Field: "interventions", Min: 0, Max: 1_000, Unit: "interventions"}
	limRegionIvResize   = Limit{Field: "interventions[].places (provider_resize)", Min: -100_000, Max: 100_000, Unit: "places"}
	limRegionIvBlock    = Limit{Field: "interventions[].places (pooled_block)", Min: 1, Max: 100_000, Unit: "places"}
	limRegionIvBlockGBP = Limit{Field: "interventions[].cost_per_place_per_year_gbp", Min: 0, Max: 2_000_000, Unit: "£ a place a year"}
	limRegionOwn        = Limit{Field: "own_placements", Min: 0, Max: 1_000, Unit: "kinds"}
	limOwnNear          = Limit{Field: "own_placements[].outside_within_20_miles", Min: 0, Max: 1, Unit: "share"}
	limOwnFar           = Limit{Field: "own_placements[].outside_over_20_miles", Min: 0, Max: 1, Unit: "share"}
)

var regionLimits = []Limit{
	limYears, limWarmupYears, limRegionZones, limRegionMiles, limRegionCouncils, limRegionSize,
	limRegionMarkets, limRegionProviders, limProviderPlaces, limProviderGrowth,
	limProviderMaxMiles, limProviderPrice, limProviderFar, limPriceThreshold, limPricePremium, limPriceUrgent, limPriceGrowth,
	limRegionIvs, limRegionIvResize, limRegionIvBlock, limRegionIvBlockGBP,
	limCostOneOff, limCostPerYear, limRegionOwn, limOwnNear, limOwnFar,
}

// RegionLimits returns the range of every numeric field of a region file, in the order of the
// region-file reference. A council's scenario keeps the ranges of Limits.
func RegionLimits() []Limit { return append([]Limit(nil), regionLimits...) }

// RegionSizeLimit is the range of a council's size in a region file (councils[].size.
// children_in_care), which the region file's reader checks before scaling the council's
// scenario with Scale.
func RegionSizeLimit() Limit { return limRegionSize }
