package model

import (
	"fmt"
	"time"
)

// Region is councils that buy places from one shared market of providers: a place one council
// takes is not there for the next, and where the place is decides how far the child lives from
// home. Each council keeps its own scenario (children, carers, homes, ladders, prices); the
// region adds where the councils are, the providers they share and how those providers price.
type Region struct {
	// Name identifies the region in outputs ("south-east").
	Name string
	// Description says what the region is, in plain English.
	Description string
	// Start, Years and WarmupYears are the region's clock: every council's scenario runs on it
	// (their own Start, Years and WarmupYears are replaced by these).
	Start       time.Time
	Years       int
	WarmupYears int
	// Zones are the sub-regional areas councils and providers' places lie in.
	Zones []Zone
	// Councils are the region's councils, each with its own scenario.
	Councils []Council
	// Markets are the shared markets, one for each provision kind the councils buy from
	// providers ("ifa", "external_residential").
	Markets []SharedMarket
	// Interventions are dated changes to the shared markets: a provider opening, growing or
	// leaving, places contracted for the whole region.
	Interventions []RegionIntervention
	// OwnPlacements says where the councils' own placements lie: for each provision kind no
	// shared market supplies (in-house and kinship carers, the councils' own homes, supported
	// accommodation), the share of its placements outside the council's boundary. A kind not
	// listed is never outside it. They count for the councils that buy a kind from a shared
	// market, whose results carry the region's out-of-area measures.
	OwnPlacements []OwnPlacement
}

// OwnPlacement is where a region's councils' placements of one provision kind lie that no
// shared market supplies: the share of them outside the council's boundary, as the DfE counts
// children "placed outside the LA boundary", among those within 20 miles of home and among
// those further away. Whether a placement is within 20 miles is the council's scenario's (its
// kind's LocalShare, its carers' and homes' places); whether it lies outside the boundary is
// drawn as the placement starts, from a random stream of the council's own that nothing else
// draws from, so the council's children are placed as they would be without it.
type OwnPlacement struct {
	// Kind names the provision kind of the councils' scenarios ("inhouse_foster").
	Kind string
	// OutsideNearShare is the share of its placements within 20 miles of home that lie
	// outside the council's boundary.
	OutsideNearShare float64
	// OutsideFarShare is the share of its placements more than 20 miles from home that lie
	// outside the council's boundary.
	OutsideFarShare float64
}

// Zone is a sub-regional area.
type Zone struct {
	// Name identifies the zone ("kent").
	Name string
	// Region names the wider area the zone lies in (one of England's nine regions, "london"),
	// or is empty. When the zones name their regions (every zone one, or none), the area a
	// council's children are out of is their zone's region: a shared market's child counts as
	// out of area when placed in a zone of another region than their council's zone, and a
	// place in another zone of the same region is within it. When they do not, the area is the
	// zone itself.
	Region string
	// Miles is the typical distance from a child's home in this zone to a place in each zone,
	// in the order of Region.Zones; Miles at the zone's own position is the typical distance
	// to a place within the zone.
	Miles []float64
}

// Council is one council of a region.
type Council struct {
	// Name identifies the council in outputs ("kent").
	Name string
	// Zone is the position in Region.Zones of the zone the council's children live in.
	Zone int
	// Scenario is the council's own scenario. Its Market kinds named by a SharedMarket take
	// their places from the shared market in place of their own CapacityPlaces and LocalShare
	// (see CouncilScenario): a placement there is local when the provider lies within 20 miles.
	// A capacity intervention on such a kind is an error.
	Scenario *Scenario
	// ScenarioName is the name of the scenario the council starts from ("default",
	// "nts-threshold-0.07"), before Scenario takes the council's name. A region's run record
	// (region.json) leaves it out: the scenario it keeps for each council is the one run.
	ScenarioName string `json:"-"`
	// Sets are the council's own changes to its scenario, the items of its set: in the region
	// file ("kinds.inhouse_foster.carers.sibling_only_share=0.3"), in order: Scenario has
	// them applied. The region's report says what they changed, as a council's own report
	// says what --set changed. A region's run record (region.json) keeps them as its own
	// field, set.
	Sets []string `json:"-"`
	// Idle is what in Scenario acts on nothing it has (Scenario.ActsOnNothing), as the region
	// was read: its interventions, and the fields the council's scenario file or the region's
	// set changed. The region's board pack says them. Left out of region.json, as ScenarioName.
	Idle Problems `json:"-"`
}

// SharedMarket is the providers of one provision kind that every council of a region buys
// from. A council looking for a place of the kind takes the first provider, in the order it
// searches them, with a free place that accepts the child: the pooled blocks first (nearest
// first), then the spot providers, nearest first by Zones[council's zone].Miles[provider's
// zone], ties going to the provider given first (providers opened by interventions after those
// given here, in the order they open). A place one council takes is not there for the next.
// A place that comes free is offered at once to the children waiting in emergency placements,
// first come first served: the child who has waited longest for it, of whichever council, has
// it first. The order the region lists its councils in gives none of them a place first.
type SharedMarket struct {
	// Kind names the Market kind of the councils' scenarios that these providers supply.
	Kind string
	// Providers are the providers and their places at the start.
	Providers []Provider
	// Pricing is how the market's price responds to how full it is.
	Pricing Pricing
}

// Provider is a provider's places of one shared market in one zone.
type Provider struct {
	// Name identifies the provider in outputs and interventions.
	Name string
	// Zone is the position in Region.Zones of the zone its places are in.
	Zone int
	// Places is the places it offers on the region's Start, and through the warm-up before it.
	Places int
	// GrowthPerYear is the yearly relative change in its places (0.03: 3% more each year,
	// -0.05: 5% fewer), applied as places open and close through the years from Start (none in
	// the warm-up): deterministically, at each month's end, the places are the nearest whole
	// number to Places·(1+GrowthPerYear)^(years since the start), resizes added as they come.
	// A place in use is never closed under its child: it closes when the child leaves.
	GrowthPerYear float64
	// Accepts is which children it takes, within what the councils' kind accepts; the zero
	// Selector's ages mean every age.
	Accepts Selector
	// MaxMiles is the furthest from a child's home it will place them; 0 means any distance.
	MaxMiles float64
	// PriceFactor is its price relative to the councils' own: a spot placement with it costs
	// the council's scenario's weekly price for the kind times PriceFactor (0.9: 10% less),
	// times the market's multiplier (Pricing). 0 means 1, the councils' own price, and is left
	// out of a region's JSON record (region.json), which then reads as it does without it.
	PriceFactor float64 `json:",omitzero"`
	// FarShare is the share of its places that lie more than 20 miles from the home of a child
	// whom the zones' Miles put within 20 miles of it: a zone is wider than its one typical
	// distance, and its places are spread across it. A placement with the provider that the
	// zones' Miles make local is over 20 miles with this chance, drawn as it starts from a
	// random stream of the council's own that nothing else draws from; one the Miles put over
	// 20 miles stays so. 0, every place at the zones' distance, is left out of a region's JSON
	// record (region.json), which then reads as it does without it.
	FarShare float64 `json:",omitzero"`
}

// Pricing is how a shared market's spot price responds to scarcity. A council pays its own
// scenario's weekly price for the kind, times the provider's PriceFactor, times a multiplier
// fixed when the placement starts:
//
//	(1 + RealGrowthPerYear)^(years since start)        (providers' prices above inflation)
//	  + PremiumAtFull·max(0, occupancy−Threshold)/(1−Threshold)   (scarcity)
//	  + UrgentPremium, when the child is placed from an emergency (an urgent search)
//
// where occupancy is the share of the market's places in use when the placement starts (before
// the child takes theirs) and years run from the region's Start (none in the warm-up). A child
// in a pooled block pays no spot price (the block's price is paid instead).
type Pricing struct {
	// Threshold is the occupancy up to which the price carries no scarcity premium.
	Threshold float64
	// PremiumAtFull is the scarcity premium when every place is in use.
	PremiumAtFull float64
	// UrgentPremium is the premium for a placement made from an emergency.
	UrgentPremium float64
	// RealGrowthPerYear is the yearly rise in providers' prices above the scenarios' inflation,
	// compounding: after 2.5 years at 0.05 the price is 1.05^2.5 times the start's.
	RealGrowthPerYear float64
}

// RegionAction is what a region intervention does.
type RegionAction uint8

// The region interventions.
const (
	// ProviderExit closes a provider's places: children placed there stay until their
	// placement ends, and no new child is placed there.
	ProviderExit RegionAction = iota
	// ProviderOpen adds a provider (Provider) to a market.
	ProviderOpen
	// ProviderResize changes a provider's places by Places (negative: fewer).
	ProviderResize
	// PooledBlock contracts places of a market for every council of the region together, at
	// a price a place a year paid whether used or not, shared among the councils by their use
	// (their children's days in its places each month; in a month no child used it, by their
	// children in care at the start). Its places are searched before any spot provider's, and
	// take every child the councils' kind takes, at any distance. It runs to the end.
	PooledBlock
)

var regionActionNames = []string{"provider_exit", "provider_open", "provider_resize", "pooled_block"}

// String returns the action's name as region files spell it.
func (a RegionAction) String() string {
	if int(a) < len(regionActionNames) {
		return regionActionNames[a]
	}
	return fmt.Sprintf("region_action(%d)", int(a))
}

// ParseRegionAction returns the action named s.
func ParseRegionAction(s string) (RegionAction, error) {
	for i, n := range regionActionNames {
		if n == s {
			return RegionAction(i), nil
		}
	}
	return 0, fmt.Errorf("unknown region action %q", s)
}

// RegionIntervention is a dated change to a region's shared markets.
type RegionIntervention struct {
	// Name identifies the intervention in outputs.
	Name string
	// Action is what it does.
	Action RegionAction
	// On is the date it takes effect.
	On time.Time
	// Market is the Kind of the shared market it changes.
	Market string
	// Provider is the provider it changes (ProviderExit, ProviderResize) or adds
	// (ProviderOpen: with Zone, Places, GrowthPerYear, Accepts, MaxMiles, PriceFactor and
	// FarShare as given here).
	Provider Provider
	// Places is the change in places (ProviderResize) or the places contracted (PooledBlock).
	Places int
	// Zone is the position in Region.Zones of a pooled block's places.
	Zone int
	// CostPerPlaceYearGBP is a pooled block's price a place a year, in pounds at the start.
	CostPerPlaceYearGBP float64
	// Cost is what running the intervention costs the region beyond its places, shared among
	// the councils in proportion to their children in care at the start, at each council's
	// prices (its inflation): OneOffGBP on OneOffOn (or On), PerYearGBP day by day from
	// PerYearFrom (or On) to PerYearTo (or the end), PerUnitGBP for each place opened,
	// resized or contracted, on On. UnitsPerYear and OwnInflation are not for regions.
	Cost ProgrammeCost
}
