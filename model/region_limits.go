package model

// The ranges of a region's numeric fields, by their paths in region files, as Region.Validate
// checks them (region_validate.go), for the reference and the schema of region files: wide
// enough for England as a whole (nine regions of zones, about 150 councils). The count of
// zones, councils, markets, providers and interventions is bounded by the region file's
// reader. The size of a council, councils[].size.children_in_care, is the reader's.
var (
	limRegionZones      = Limit{"zones", 1, 200, "zones"}
	limRegionMiles      = Limit{"zones[].miles.<zone>", 0, 1_000, "miles"}
	limRegionCouncils   = Limit{"councils", 1, 500, "councils"}
	limRegionSize       = Limit{"councils[].size.children_in_care", 1, 100_000, "children"}
	limRegionMarkets    = Limit{"markets", 0, 100, "markets"}
	limRegionProviders  = Limit{"markets[].providers", 0, 10_000, "providers"}
	limProviderPlaces   = Limit{"markets[].providers[].places", 0, 100_000, "places"}
	limProviderGrowth   = Limit{"markets[].providers[].growth_per_year", -0.99, 1, "a year"}
	limProviderMaxMiles = Limit{"markets[].providers[].max_miles", 0, 1_000, "miles"}
	limProviderPrice    = Limit{"markets[].providers[].price_factor", 0.1, 10, "(times the councils' price)"}
	limProviderFar      = Limit{"markets[].providers[].over_20_miles_share", 0, 1, "share"}
	limPriceThreshold   = Limit{"markets[].pricing.threshold", 0, 0.99, "(share of places in use)"}
	limPricePremium     = Limit{"markets[].pricing.premium_at_full", 0, 10, "(times the price)"}
	limPriceUrgent      = Limit{"markets[].pricing.urgent_premium", 0, 10, "(times the price)"}
	limPriceGrowth      = Limit{"markets[].pricing.real_growth_per_year", -0.5, 1, "a year"}
	limRegionIvs        = Limit{"interventions", 0, 1_000, "interventions"}
	limRegionIvResize   = Limit{"interventions[].places (provider_resize)", -100_000, 100_000, "places"}
	limRegionIvBlock    = Limit{"interventions[].places (pooled_block)", 1, 100_000, "places"}
	limRegionIvBlockGBP = Limit{"interventions[].cost_per_place_per_year_gbp", 0, 2_000_000, "£ a place a year"}
	limRegionOwn        = Limit{"own_placements", 0, 1_000, "kinds"}
	limOwnNear          = Limit{"own_placements[].outside_within_20_miles", 0, 1, "share"}
	limOwnFar           = Limit{"own_placements[].outside_over_20_miles", 0, 1, "share"}
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
