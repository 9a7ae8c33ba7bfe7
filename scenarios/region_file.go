package scenarios

// The file structs of a region file (see README.md, "Regions"), in the manner of file.go.

// fileRegion is a whole region file.
type fileRegion struct {
	Name          text                     `yaml:"name"`
	Description   text                     `yaml:"description"`
	Extends       text                     `yaml:"extends"` // resolved by the loader before decoding
	Start         date                     `yaml:"start"`
	Years         count                    `yaml:"years"`
	WarmupYears   count                    `yaml:"warmup_years"`
	Zones         []fileZone               `yaml:"zones"`
	Councils      []fileCouncil            `yaml:"councils"`
	Markets       []fileMarket             `yaml:"markets"`
	Interventions []fileRegionIntervention `yaml:"interventions"`
	OwnPlacements []fileOwnPlacement       `yaml:"own_placements"`
	Stock         text                     `yaml:"stock"`
}

// fileRegionStock is a region's stock file: each council's children in care at the start.
type fileRegionStock struct {
	Councils []fileCouncilStock `yaml:"councils"`
}

type fileCouncilStock struct {
	Name  text        `yaml:"name"`
	Stock []fileStock `yaml:"stock"`
}

type fileOwnPlacement struct {
	Kind          text   `yaml:"kind"`
	OutsideNear20 number `yaml:"outside_within_20_miles"`
	OutsideOver20 number `yaml:"outside_over_20_miles"`
}

type fileZone struct {
	Name   text   `yaml:"name"`
	Region text   `yaml:"region"`
	Miles  shares `yaml:"miles"`
}

type fileCouncil struct {
	Name          text               `yaml:"name"`
	Zone          text               `yaml:"zone"`
	Scenario      text               `yaml:"scenario"`
	Set           names              `yaml:"set"`
	Size          fileSize           `yaml:"size"`
	Interventions []fileIntervention `yaml:"interventions"`
}

type fileSize struct {
	ChildrenInCare count `yaml:"children_in_care"`
}

type fileMarket struct {
	Kind      text           `yaml:"kind"`
	Pricing   filePricing    `yaml:"pricing"`
	Providers []fileProvider `yaml:"providers"`
}

type filePricing struct {
	Threshold         number `yaml:"threshold"`
	PremiumAtFull     number `yaml:"premium_at_full"`
	UrgentPremium     number `yaml:"urgent_premium"`
	RealGrowthPerYear number `yaml:"real_growth_per_year"`
}

type fileProvider struct {
	Name          text         `yaml:"name"`
	Zone          text         `yaml:"zone"`
	Places        count        `yaml:"places"`
	GrowthPerYear number       `yaml:"growth_per_year"`
	Accepts       fileSelector `yaml:"accepts"`
	MaxMiles      number       `yaml:"max_miles"`
	PriceFactor   number       `yaml:"price_factor"`
	FarShare      number       `yaml:"over_20_miles_share"`
}

type fileRegionIntervention struct {
	Action                 text         `yaml:"action"`
	Name                   text         `yaml:"name"`
	On                     date         `yaml:"on"`
	Market                 text         `yaml:"market"`
	Provider               text         `yaml:"provider"`
	Zone                   text         `yaml:"zone"`
	Places                 count        `yaml:"places"`
	GrowthPerYear          number       `yaml:"growth_per_year"`
	Accepts                fileSelector `yaml:"accepts"`
	MaxMiles               number       `yaml:"max_miles"`
	PriceFactor            number       `yaml:"price_factor"`
	FarShare               number       `yaml:"over_20_miles_share"`
	CostPerPlacePerYearGBP gbp          `yaml:"cost_per_place_per_year_gbp"`
	Cost                   fileCost     `yaml:"cost"`
}
