package sim

import (
	"strconv"
	"strings"

	"github.com/placesim/placesim/model"
)

// The catalogue of results. Every monthly metric (Results.Metrics) and KPI (Results.KPIs) a
// run records has a name made here: a constant for the fixed ones, a function of the kind,
// category, exit route, age band or need for the others. KPIInfo and MetricInfo describe any
// name the layout makes: its label in plain English, its unit, and how its value over a span
// of time is formed.

// The fixed names of monthly metrics and KPIs. Most names are both; the comments say which
// ones are only one.
const (
	// ChildrenInCare is children in care: at a month's end (metric), the time-average over a
	// period (KPI).
	ChildrenInCare = "children_in_care"
	// UASCInCare is unaccompanied asylum-seeking children in care, as ChildrenInCare.
	UASCInCare = "uasc_in_care"
	// ChildrenFemale and ChildrenMale are girls and boys in care at a month's end (metrics).
	ChildrenFemale = "children_female"
	ChildrenMale   = "children_male"
	// ChildrenPlacedDistant is children placed more than 20 miles from home, as
	// ChildrenInCare; it is the numerator of PlacedDistantShare.
	ChildrenPlacedDistant = "children_placed_distant"
	// StayingPut is young people staying put with their foster carers after 18, as
	// ChildrenInCare.
	StayingPut = "staying_put"
	// CareLeavers is care leavers the council accommodates at a month's end (metric).
	CareLeavers = "care_leavers"
	// Entries is children entering care, a total over the month or period.
	Entries = "entries"
	// Exits is children leaving care, a total; ExitsBy names them by route.
	Exits = "exits"
	// Moves is moves of a child from one placement to another, a total.
	Moves = "moves"
	// Breakdowns is placements that broke down, a total.
	Breakdowns = "breakdowns"
	// Stepdowns is moves to a less intensive placement, a total.
	Stepdowns = "stepdowns"
	// StepdownsNoPlace is step-down reviews that found a child ready to step down but no place
	// on the step-down list free for them, a total: each such review books the next, so a
	// child who waits three reviews counts three times.
	StepdownsNoPlace = "stepdowns_no_place"
	// StepdownBreakdowns12m is step-down placements that broke down within 12 months of the
	// step-down, a total, counted in the month of the breakdown. Over a whole run,
	// 1 - StepdownBreakdowns12m/Stepdowns is close to the share of step-downs still in their
	// placement (or left care from it) at a year.
	StepdownBreakdowns12m = "stepdown_breakdowns_12m"
	// ChildrenReadyToStepDown is children in care found ready to step down who have not yet
	// moved, at a month's end (metric): most wait in residential care for a place.
	ChildrenReadyToStepDown = "children_ready_to_step_down"
	// UASCCareLeavers is former unaccompanied asylum-seeking children the council supports
	// after care, staying put with their foster carers or in care-leaver accommodation, as
	// ChildrenInCare: those for whom the Home Office pays its leaving-care grant (young people
	// who left care before the run began are not counted).
	UASCCareLeavers = "uasc_care_leavers"
	// EmergencyPlacements is children placed in an emergency because no suitable place was
	// free, a total.
	EmergencyPlacements = "emergency_placements"
	// Approvals is carer households approved, a total.
	Approvals = "approvals"
	// Deregistrations is carer households deregistered, a total.
	Deregistrations = "deregistrations"
	// SiblingSplits is sibling groups that could not be placed together (each then matched
	// one by one), a total of groups.
	SiblingSplits = "sibling_splits"
	// UASCTransferred is unaccompanied children transferred to another council, a total.
	UASCTransferred = "uasc_transferred"
	// CareLeaversUnmet is care leavers the council had no place for, a total.
	CareLeaversUnmet = "care_leavers_unmet"
	// CostTotal is all spending, in pounds: CostPlacements + CostCarers + CostOwnProvision +
	// CostProgramme, to the last bit.
	CostTotal = "cost_total"
	// CostPlacements, CostCarers, CostOwnProvision and CostProgramme split spending four ways,
	// in pounds: places bought (markets, emergency placements, staying put with agency carers,
	// care leavers' accommodation); the council's own carers (children placed with them,
	// staying put with them, their support and recruitment); the council's own homes and
	// block-contracted beds, its share of a region's pooled blocks included; and what
	// interventions cost to run (model.ProgrammeCost).
	CostPlacements   = "cost_placements"
	CostCarers       = "cost_carers"
	CostOwnProvision = "cost_own_provision"
	CostProgramme    = "cost_programme"
	// CostStayingPut, CostCareLeavers, CostCarerSupport and CostRecruitment are spending on
	// staying put, care leavers, support for the council's carers and recruiting them, in
	// pounds; CostKind names spending on each kind of placement.
	CostStayingPut   = "cost_staying_put"
	CostCareLeavers  = "cost_care_leavers"
	CostCarerSupport = "cost_carer_support"
	CostRecruitment  = "cost_recruitment"

	// FirstChoiceShare is the share of placements made in the child's first choice (KPI),
	// FirstChoiceMatches over Matches.
	FirstChoiceShare = "first_choice_share"
	// Matches is placements made, a total (KPI).
	Matches = "matches"
	// FirstChoiceMatches is placements made in the child's first choice, a total (KPI).
	FirstChoiceMatches = "first_choice_matches"
	// CarerHouseholdsEnd is the council's foster carer households at the period's end (KPI):
	// those of its kinds of category foster supplied by carers, not the hosts of a kind of
	// another category (supported lodgings, say), whose carer_households_<kind> counts them.
	CarerHouseholdsEnd = "carer_households_end"
	// PlacedDistantShare is the share of children in care placed more than 20 miles from
	// home (KPI), ChildrenPlacedDistant over ChildrenInCare.
	PlacedDistantShare = "placed_distant_share"
	// ThreePlusMovesShare is the share of the children in care at the financial year's end
	// (31 March) who had three or more placements in the year, the one they were in when it
	// began or entered care into counting as the first (KPI), ChildrenThreePlusPlacements over
	// ChildrenInCareYearEnd: the Department for Education's placement stability measure (three
	// placements are two moves). In a year the run cuts short, its end stands for 31 March.
	ThreePlusMovesShare = "three_plus_moves_share"
	// ChildrenThreePlusPlacements is the children in care at the financial year's end who had
	// three or more placements in the year (KPI); over the whole run, the sum of the years'.
	ChildrenThreePlusPlacements = "children_three_plus_placements"
	// ChildrenInCareYearEnd is the children in care at the financial year's end (KPI); over the
	// whole run, the sum of the years'.
	ChildrenInCareYearEnd = "children_in_care_year_end"
	// LongTermStableShare is the Department for Education's long-term placement stability
	// measure (KPI): of the children in care at the financial year's end (31 March) aged under
	// 16 who had been in care for 2.5 years or more (ChildrenLongTermEligible), the share who
	// had lived in the same placement for 2 years or more (ChildrenLongTermStable). The
	// Department also counts a child placed for adoption as stable; the model places none. In a
	// year the run cuts short, its end stands for 31 March.
	LongTermStableShare = "long_term_stable_share"
	// ChildrenLongTermStable is the children in care at the financial year's end aged under 16,
	// in care for 2.5 years or more and in the same placement for 2 years or more (KPI); over
	// the whole run, the sum of the years'.
	ChildrenLongTermStable = "children_long_term_stable"
	// ChildrenLongTermEligible is the children in care at the financial year's end aged under
	// 16 and in care for 2.5 years or more (KPI); over the whole run, the sum of the years'.
	ChildrenLongTermEligible = "children_long_term_eligible"
)

// The names of a region's shared markets (see RegionResults). A council's results in a
// region with a shared market of one of its kinds carry the first nine; the region's total
// carries them summed, and the markets' own (MarketPlaces and the names after it).
const (
	// ChildrenOutOfArea is children placed outside their council's area, as ChildrenInCare:
	// by a shared market outside their council's zone (outside its zone's region when the
	// zones name their regions, model.Zone.Region), or in a placement of the council's own
	// drawn outside its boundary (model.Region.OwnPlacements).
	ChildrenOutOfArea = "children_out_of_area"
	// OutOfAreaShare is the share of children in care placed outside their council's area
	// (KPI), ChildrenOutOfArea over ChildrenInCare.
	OutOfAreaShare = "out_of_area_share"
	// ChildrenOver20Miles is children in a shared market's places more than 20 miles from
	// home, as ChildrenInCare: only those the region's shared markets place, not those in the
	// council's other placements, whom ChildrenPlacedDistant counts with them (it is the measure of "placed over 20 miles away" in a region's report).
	ChildrenOver20Miles = "children_over_20_miles"
	// Over20MilesShare is ChildrenOver20Miles over all children in care (KPI): the share of a
	// council's children in care whom a shared market placed more than 20 miles from home, a
	// part of PlacedDistantShare, never to be quoted as the share placed over 20 miles away.
	Over20MilesShare = "over_20_miles_share"
	// MarketPlacements is placements made in a shared market's places, spot or pooled, a
	// total.
	MarketPlacements = "market_placements"
	// SpotPlacements is placements made at a shared market's spot price, a total.
	SpotPlacements = "spot_placements"
	// SpotPriceMultiplierSum is the sum of the price multipliers (model.Pricing, times the
	// provider's PriceFactor) of the spot placements made, a total; it is the numerator of
	// SpotPriceMultiplier.
	SpotPriceMultiplierSum = "spot_price_multiplier_sum"
	// SpotPriceMultiplier is the mean price multiplier of the spot placements made (KPI),
	// SpotPriceMultiplierSum over SpotPlacements: 1.25 is a quarter above the council's own
	// price.
	SpotPriceMultiplier = "spot_price_multiplier"
	// PlacementsOver10k is spot placements made whose weekly cost, at the prices of the day,
	// is over £10,000, a total.
	PlacementsOver10k = "placements_over_10k_week"
)

// MarketPlaces names the places the shared market of kind holds (the region's total): at the
// month's end (metric), the time-average over a period (KPI): "market_places_ifa".
func MarketPlaces(kind string) string { return "market_places_" + kind }

// MarketOccupied names the places in use of the shared market of kind, as MarketPlaces.
func MarketOccupied(kind string) string { return "market_occupied_" + kind }

// MarketOccupancy names the share of the places of the shared market of kind in use:
// MarketOccupied over MarketPlaces, at the month's end (metric) and as a ratio of
// time-averages (KPI).
func MarketOccupancy(kind string) string { return "market_occupancy_" + kind }

// MarketPlacesIn, MarketOccupiedIn and MarketOccupancyIn name the same for the places in zone:
// "market_places_ifa_in_kent".
func MarketPlacesIn(kind, zone string) string    { return MarketPlaces(kind) + "_in_" + zone }
func MarketOccupiedIn(kind, zone string) string  { return MarketOccupied(kind) + "_in_" + zone }
func MarketOccupancyIn(kind, zone string) string { return MarketOccupancy(kind) + "_in_" + zone }

// MarketChildren names the children in care placed in the places of the shared market of
// kind, from every council (children staying put with their carers after care are not
// counted), at the month's end (metric) or as a time-average (KPI): "market_children_ifa".
// MarketOutOfArea names those of them placed outside their council's zone (or its zone's
// region, when the zones name their regions: model.Zone.Region) and
// MarketOutOfAreaShare their share of MarketChildren; MarketOver20Miles and
// MarketOver20MilesShare the same for those placed more than 20 miles from home. With each
// council its own zone these are DfE's and the NAO's "outside the council's boundary" for
// one kind of place (the NAO counts children's homes).
func MarketChildren(kind string) string         { return "market_children_" + kind }
func MarketOutOfArea(kind string) string        { return "market_out_of_area_" + kind }
func MarketOutOfAreaShare(kind string) string   { return "market_out_of_area_share_" + kind }
func MarketOver20Miles(kind string) string      { return "market_over_20_miles_" + kind }
func MarketOver20MilesShare(kind string) string { return "market_over_20_miles_share_" + kind }

// EmergencyKind is the name per-kind metrics and KPIs give the emergency placement, after
// the scenario's kinds: "occupied_emergency", "cost_emergency".
const EmergencyKind = "emergency"

// ChildrenOf names the monthly metric of children placed in kind (or "emergency") at the
// month's end: "children_ifa".
func ChildrenOf(kind string) string { return "children_" + kind }

// ChildrenAged names the monthly metric of children in care in age band band (an AgeBands
// name) at the month's end: "children_age_5_9".
func ChildrenAged(band string) string { return "children_age_" + band }

// ChildrenWithNeed names the monthly metric of children in care with need n at the month's
// end: "children_need_complex".
func ChildrenWithNeed(n model.Need) string { return "children_need_" + n.String() }

// FirstChoiceOf names the monthly metric of children in care whose first choice is kind, at
// the month's end: "first_choice_inhouse_foster".
func FirstChoiceOf(kind string) string { return "first_choice_" + kind }

// PlacesOf names the places of a kind with a limited number of them: at the month's end
// (metric), the time-average over a period (KPI): "places_inhouse_home".
func PlacesOf(kind string) string { return "places_" + kind }

// VacanciesOf names the monthly metric of places of kind a child could be placed in at the
// month's end: "vacancies_ifa".
func VacanciesOf(kind string) string { return "vacancies_" + kind }

// CarerHouseholdsOf names the monthly metric of the council's carer households of kind at the
// month's end: "carer_households_inhouse_foster".
func CarerHouseholdsOf(kind string) string { return "carer_households_" + kind }

// CostOf names spending on placements of kind (or "emergency"), in pounds, a total:
// "cost_ifa".
func CostOf(kind string) string { return "cost_" + kind }

// ExitsBy names children leaving care by route, a total: "exits_adoption".
func ExitsBy(r model.ExitRoute) string { return "exits_" + r.String() }

// OccupiedKPI names the time-average of children placed in kind (or "emergency") over a
// period: "occupied_ifa".
func OccupiedKPI(kind string) string { return "occupied_" + kind }

// OccupiedCategoryKPI names the time-average of children placed in kinds of category c over
// a period: "occupied_category_residential".
func OccupiedCategoryKPI(c model.Category) string { return "occupied_category_" + c.String() }

// ShareKPI names the share of children placed in kinds of kind's category who are placed in
// kind, a ratio of time-averages: "ifa_share".
func ShareKPI(kind string) string { return kind + "_share" }

// The names of the sufficiency gap (see gap.go). Each is both a monthly metric (at the
// month's end) and a KPI (the average of the month-end counts over a period) unless its
// comment says otherwise.

// GapNeed names the children whose first choice is kind (KPI): "gap_need_inhouse_foster".
func GapNeed(kind string) string { return "gap_need_" + kind }

// GapWaiting names the children whose first choice is kind, placed elsewhere (KPI).
func GapWaiting(kind string) string { return "gap_waiting_" + kind }

// GapEmpty names the empty places of kind.
func GapEmpty(kind string) string { return "gap_empty_" + kind }

// GapFilled names the filled places of kind (metric).
func GapFilled(kind string) string { return "gap_filled_" + kind }

// GapWindingDown names the places of kind's carer households that are leaving (metric).
func GapWindingDown(kind string) string { return "gap_winding_down_" + kind }

// EmptyForSiblings names the empty places of kind kept for the brothers and sisters of a
// child there.
func EmptyForSiblings(kind string) string { return "empty_unusable_" + kind + "_siblings" }

// EmptyForSolo names the empty places of kind held by a child who must live alone.
func EmptyForSolo(kind string) string { return "empty_unusable_" + kind + "_solo" }

// GapNeedAged names the children aged band whose first choice is kind (KPI).
func GapNeedAged(kind, band string) string { return "gap_need_" + kind + "_" + band }

// GapWaitingAged names the children aged band whose first choice is kind, placed elsewhere
// (KPI).
func GapWaitingAged(kind, band string) string { return "gap_waiting_" + kind + "_" + band }

// GapWaitingNeed names the children with need n whose first choice is kind, placed elsewhere
// (KPI): "gap_waiting_specialist_foster_complex". It is recorded for a kind that takes children
// of more than one need, for each need it takes: the children whose first choice it is then
// differ in what support they need. Children outside its age bands (GapWaitingOther) are counted
// in no need, so over its needs these add up to GapWaiting less them.
func GapWaitingNeed(kind string, n model.Need) string {
	return "gap_waiting_" + kind + "_" + n.String()
}

// GapNeedCell names the children aged band with need n whose first choice is kind (metric).
func GapNeedCell(kind, band string, n model.Need) string {
	return "gap_need_" + kind + "_" + band + "_" + n.String()
}

// GapWaitingCell names the children aged band with need n whose first choice is kind, placed
// elsewhere (metric).
func GapWaitingCell(kind, band string, n model.Need) string {
	return "gap_waiting_" + kind + "_" + band + "_" + n.String()
}

// GapNeedOther, GapWaitingOther and GapPlacedOther name the children whose first choice is
// kind (placed elsewhere, for GapWaitingOther) or who are placed in it, outside its age bands
// and needs (metrics).
func GapNeedOther(kind string) string    { return "gap_need_" + kind + "_other" }
func GapWaitingOther(kind string) string { return "gap_waiting_" + kind + "_other" }
func GapPlacedOther(kind string) string  { return "gap_placed_" + kind + "_other" }

// GapPlacedAged names the children aged band placed in kind (metric).
func GapPlacedAged(kind, band string) string { return "gap_placed_" + kind + "_" + band }

// GapPlacesAged names the places of kind that could take a child aged band, filled or empty.
func GapPlacesAged(kind, band string) string { return "gap_places_" + kind + "_" + band }

// GapUsableAged names the empty places of kind that could take a child aged band now.
func GapUsableAged(kind, band string) string { return "gap_usable_empty_" + kind + "_" + band }

// GapUsableAgedSolo names the empty places of kind that could take a child aged band who
// must live alone now (metric).
func GapUsableAgedSolo(kind, band string) string { return GapUsableAged(kind, band) + "_solo" }

// GapOtherAges names the empty places of kind approved for ages other than band.
func GapOtherAges(kind, band string) string { return "gap_empty_other_ages_" + kind + "_" + band }

// AgeBand is an age band of the monthly metrics and the sufficiency gap.
type AgeBand struct {
	// Name is the band's name in metric and KPI names: "5_9".
	Name string
	// Label is the band in plain English: "5 to 9".
	Label string
}

// bandLabels are the labels of bandNames.
var bandLabels = [len(bandNames)]string{"under 1", "1 to 4", "5 to 9", "10 to 15", "16 and 17"}

// AgeBands returns the age bands, youngest first: under 1, 1 to 4, 5 to 9, 10 to 15, 16 and
// 17 (completed years).
func AgeBands() []AgeBand {
	out := make([]AgeBand, len(bandNames))
	for i, n := range bandNames {
		out[i] = AgeBand{Name: n, Label: bandLabels[i]}
	}
	return out
}

// Unit is what a monthly metric or KPI counts.
type Unit int

// The units of monthly metrics and KPIs.
const (
	// Children counts children or young people.
	Children Unit = iota
	// Households counts the council's carer households.
	Households
	// Places counts places: beds, or places with carers.
	Places
	// Placements counts placements made, moved or ended.
	Placements
	// Pounds is money, in pounds of the year it is spent.
	Pounds
	// Share is a share between 0 and 1.
	Share
	// Multiplier is a factor on a price: 1 is the price itself.
	Multiplier
	// SiblingGroups counts groups of brothers and sisters.
	SiblingGroups
	// Reviews counts step-down reviews.
	Reviews
)

var unitNames = [...]string{"children", "households", "places", "placements", "£", "share", "×", "sibling groups", "reviews"}

// String returns the unit as a reader writes it: "children", "£", "share".
func (u Unit) String() string {
	if int(u) < len(unitNames) {
		return unitNames[u]
	}
	return "unit(" + strconv.Itoa(int(u)) + ")"
}

// Aggregate says how a metric's or KPI's value over a span of time (a month, a financial
// year, the whole run: period "all" of kpis.csv and summary.csv) is formed.
type Aggregate int

// The ways a value over a span is formed.
const (
	// Average is the time-average of a stock over the span: over the whole run, over every
	// day of its years.
	Average Aggregate = iota
	// Total is the total of a flow over the span: over the whole run, the sum of its years.
	Total
	// RatioOfTotals is a share: its numerator's total over its denominator's (see Ratio);
	// over the whole run, the whole run's numerator over its denominator.
	RatioOfTotals
	// AtEnd is a stock at the span's end: over the whole run, at the end of its last year.
	AtEnd
)

var aggregateNames = [...]string{"average", "total", "ratio of totals", "at end"}

// String returns the way in words: "average", "total", "ratio of totals", "at end".
func (a Aggregate) String() string {
	if int(a) < len(aggregateNames) {
		return aggregateNames[a]
	}
	return "aggregate(" + strconv.Itoa(int(a)) + ")"
}

// Info describes a monthly metric or KPI.
type Info struct {
	// Label is its name in plain English: "Spending" for cost_total.
	Label string
	// Unit is what it counts.
	Unit Unit
	// Aggregate is how its value over a span is formed: for a monthly metric, over the
	// month (AtEnd for a stock, Total for a flow); for a KPI, over a financial year and the
	// whole run.
	Aggregate Aggregate
}

// entry is a fixed name's description as a KPI and as a monthly metric; a zero Label means
// the name is not one of them.
type entry struct{ kpi, metric Info }

func both(label string, u Unit, kpi, metric Aggregate) entry {
	return entry{Info{label, u, kpi}, Info{label, u, metric}}
}
func stock(label string, u Unit) entry { return both(label, u, Average, AtEnd) }
func flow(label string, u Unit) entry  { return both(label, u, Total, Total) }
func kpiOnly(label string, u Unit, a Aggregate) entry {
	return entry{kpi: Info{label, u, a}}
}

// fixed describes the fixed names.
var fixed = map[string]entry{
	ChildrenInCare:                 stock("Children in care", Children),
	UASCInCare:                     stock("Unaccompanied asylum-seeking children in care", Children),
	ChildrenFemale:                 {metric: Info{"Girls in care", Children, AtEnd}},
	ChildrenMale:                   {metric: Info{"Boys in care", Children, AtEnd}},
	ChildrenPlacedDistant:          stock("Children placed more than 20 miles away (number)", Children),
	StayingPut:                     stock("Young people staying put with their foster carers", Children),
	CareLeavers:                    {metric: Info{"Care leavers the council accommodates", Children, AtEnd}},
	Entries:                        flow("Children entering care", Children),
	Exits:                          flow("Children leaving care", Children),
	Moves:                          flow("Moves between placements", Placements),
	Breakdowns:                     flow("Placements that broke down", Placements),
	Stepdowns:                      flow("Moves to a less intensive placement", Placements),
	StepdownsNoPlace:               flow("Step-down reviews that found the child ready but no place", Reviews),
	StepdownBreakdowns12m:          flow("Step-down placements that broke down within 12 months", Placements),
	ChildrenReadyToStepDown:        {metric: Info{"Children ready to step down waiting for a place", Children, AtEnd}},
	UASCGrantNotCounted:            kpiOnly("Home Office grant for the UASC in care, not counted in spending", Pounds, Total),
	UASCLeavingCareGrantNotCounted: kpiOnly("Home Office leaving-care grant for former UASC, not counted in spending", Pounds, Total),
	UASCCareLeavers:                stock("Former unaccompanied asylum-seeking children supported after care (staying put or care leavers)", Children),
	EmergencyPlacements:            flow("Emergency placements", Placements),
	Approvals:                      flow("Carer households approved", Households),
	Deregistrations:                flow("Carer households deregistered", Households),
	SiblingSplits:                  flow("Sibling groups that could not be placed together", SiblingGroups),
	UASCTransferred:                flow("Unaccompanied children transferred to another council", Children),
	CareLeaversUnmet:               flow("Care leavers the council had no place for", Children),
	CostTotal:                      flow("Spending", Pounds),
	CostStayingPut:                 flow("Spending on staying put", Pounds),
	CostCareLeavers:                flow("Spending on care leavers", Pounds),
	CostCarerSupport:               flow("Spending on support for carers", Pounds),
	CostRecruitment:                flow("Spending on recruiting carers", Pounds),
	CostPlacements:                 flow("Spending on places bought", Pounds),
	CostCarers:                     flow("Spending on the council's own carers", Pounds),
	CostOwnProvision:               flow("Spending on the council's own homes and block-contracted beds", Pounds),
	CostProgramme:                  flow("Programme costs", Pounds),

	FirstChoiceShare:            kpiOnly("Share of placements made in the child's first choice", Share, RatioOfTotals),
	Matches:                     kpiOnly("Placements made", Placements, Total),
	FirstChoiceMatches:          kpiOnly("Placements made in the child's first choice", Placements, Total),
	CarerHouseholdsEnd:          kpiOnly(carerHouseholdsLabel(nil), Households, AtEnd),
	PlacedDistantShare:          kpiOnly("Children placed more than 20 miles away", Share, RatioOfTotals),
	ThreePlusMovesShare:         kpiOnly("Children in care at 31 March with 3 or more placements in the year (placesim's moves only: not calibrated to England's figure of about 10%)", Share, RatioOfTotals),
	ChildrenThreePlusPlacements: kpiOnly("Children in care at 31 March with 3 or more placements in the year (number)", Children, Total),
	ChildrenInCareYearEnd:       kpiOnly("Children in care at 31 March", Children, Total),
	LongTermStableShare:         kpiOnly("Children under 16 in care 2.5 years or more at 31 March in the same placement for 2 years or more", Share, RatioOfTotals),
	ChildrenLongTermStable:      kpiOnly("Children under 16 in care 2.5 years or more at 31 March in the same placement for 2 years or more (number)", Children, Total),
	ChildrenLongTermEligible:    kpiOnly("Children under 16 at 31 March in care for 2.5 years or more", Children, Total),

	ChildrenOutOfArea:      stock("Children placed outside their council's area (number)", Children),
	OutOfAreaShare:         kpiOnly("Children placed outside their council's area", Share, RatioOfTotals),
	ChildrenOver20Miles:    stock("Children in the shared market's places more than 20 miles away (number; not all placed that far)", Children),
	Over20MilesShare:       kpiOnly("Children in the shared market's places more than 20 miles away (of all in care; not all placed that far)", Share, RatioOfTotals),
	MarketPlacements:       flow("Placements made in the shared market", Placements),
	SpotPlacements:         flow("Placements made at the shared market's spot price", Placements),
	SpotPriceMultiplierSum: flow("Spot price multipliers, summed over placements", Multiplier),
	SpotPriceMultiplier:    kpiOnly("Spot price multiplier paid (mean)", Multiplier, RatioOfTotals),
	PlacementsOver10k:      flow("Placements costing over £10,000 a week", Placements),
}

// labels are the labels of names of the built-in county's kinds whose label is not the one
// their family makes; a catalogue uses them for a kind whose label is the built-in county's
// (builtInKinds), or that it does not know.
var labels = map[string]string{
	OccupiedKPI("ifa"):                     "Children with agency foster carers",
	OccupiedKPI("inhouse_foster"):          "Children with in-house foster carers",
	OccupiedKPI("inhouse_home"):            "Children in in-house children's homes",
	OccupiedKPI("block_residential"):       "Children in block-contracted beds",
	OccupiedKPI("external_residential"):    "Children in external children's homes",
	GapNeed("inhouse_foster"):              "Children whose first choice is in-house foster care",
	GapWaiting("inhouse_foster"):           "Children placed elsewhere whose first choice is in-house foster care",
	GapEmpty("inhouse_foster"):             "Empty in-house foster places",
	OccupiedKPI(EmergencyKind):             "Children in emergency placements",
	ChildrenOf(EmergencyKind):              "Children in emergency placements",
	OccupiedKPI("other_settings"):          "Children in other settings (placed with parents, for adoption and others)",
	OccupiedCategoryKPI(model.Foster):      "Children in foster care",
	OccupiedCategoryKPI(model.Supported):   "Children in supported accommodation",
	OccupiedCategoryKPI(model.Residential): "Children in residential care",
}

// builtInKinds are the labels of the built-in county's kinds (scenarios/default.yaml) whose
// names labels phrases its own way.
var builtInKinds = map[string]string{
	"ifa":                  "Independent fostering agency",
	"inhouse_foster":       "In-house foster care",
	"inhouse_home":         "In-house children's homes",
	"block_residential":    "Block-contracted residential beds",
	"external_residential": "External children's homes",
	"other_settings":       "Placed with parents, placed for adoption and other settings",
}

// exitLabels are the KPIs and metrics of children leaving care by each route (ExitsBy), in
// plain English.
var exitLabels = map[string]string{
	ExitsBy(model.ReturnHome):          "Children leaving care to return home",
	ExitsBy(model.Adoption):            "Children leaving care by adoption",
	ExitsBy(model.SpecialGuardianship): "Children leaving care by special guardianship order",
	ExitsBy(model.ChildArrangement):    "Children leaving care by child arrangements order",
	ExitsBy(model.OtherExit):           "Children leaving care by other routes",
	ExitsBy(model.AgeEighteen):         "Young people leaving care at 18",
	ExitsBy(model.StayingPut):          "Young people staying put with their foster carers at 18",
}

// Catalogue describes the names of one scenario's results (or a region's councils'), as
// KPIInfo and MetricInfo do, with each of its kinds named by its label, as its charts and
// report name it: "cost_ifa_north" of a kind labelled "Agency foster carers (North)" is
// "Spending on agency foster carers (North)". Its zero value knows no kind, and names each by
// its name with spaces for underscores.
type Catalogue struct {
	kinds      map[string]string         // a kind's name: its label
	carers     []string                  // the kinds carer_households_end counts, in order
	soloOnly   map[string]bool           // the kinds that take only children who must live alone
	categories map[string]model.Category // a kind's name: its category
}

// CatalogueOf returns the catalogue of the results of the scenarios ss (nil ones are skipped):
// where two give a kind of the same name different labels, the first one's.
func CatalogueOf(ss ...*model.Scenario) Catalogue {
	c := Catalogue{kinds: map[string]string{}, soloOnly: map[string]bool{}, categories: map[string]model.Category{}}
	seen := map[string]bool{}
	for _, s := range ss {
		if s == nil {
			continue
		}
		for _, k := range s.Kinds {
			if _, has := c.kinds[k.Name]; !has && k.Label != "" {
				c.kinds[k.Name] = k.Label
			}
			if !seen[k.Name] {
				seen[k.Name] = true
				if k.Category == model.Foster && k.Supply == model.Carers {
					c.carers = append(c.carers, k.Name)
				}
				c.soloOnly[k.Name] = k.Accepts.Needs == model.NeedSet(1)<<model.NeedSolo
				c.categories[k.Name] = k.Category
			}
		}
	}
	return c
}

// KindWords names kind k inside a sentence, as the catalogue's labels do: "the in-house solo
// placement home", "independent fostering agency foster care".
func (c Catalogue) KindWords(k string) string { return c.kind(k) }

// CarerKinds names, in words to stand inside a sentence, the kinds whose households
// carer_households_end counts: the catalogue's kinds of category foster supplied by carers
// ("in-house foster care", "specialist foster care for complex teenagers"); none for a
// catalogue that knows no scenario.
func (c Catalogue) CarerKinds() []string {
	out := make([]string, len(c.carers))
	for i, k := range c.carers {
		out[i] = c.kind(k)
	}
	return out
}

// carerHouseholdsLabel is carer_households_end's label, with the kinds whose households it
// counts (their words inside a sentence) in brackets when they are known: "The council's own
// foster carer households (in-house foster care and specialist foster care for complex
// teenagers) at the year's end". Where a kind's words hold brackets of their own, the kinds
// follow a comma instead, so that no brackets nest: "The council's own foster carer households,
// of in-house foster care (the pool), at the year's end".
func carerHouseholdsLabel(kinds []string) string {
	if len(kinds) == 0 {
		return "The council's own foster carer households at the year's end"
	}
	list := andList(kinds)
	if strings.ContainsAny(list, "()") {
		return "The council's own foster carer households, of " + list + ", at the year's end"
	}
	return "The council's own foster carer households (" + list + ") at the year's end"
}

// RegionTotalLabel returns KPI kpi's label on the rows of a region as a whole (RegionTotal),
// given label, its label in the catalogue of the region's kinds: carer_households_end there
// counts every council's own carer households together, "The councils' own foster carer
// households (in-house foster care), all councils together, at the year's end"; any other
// label is returned as it is.
func RegionTotalLabel(kpi, label string) string {
	if kpi != CarerHouseholdsEnd {
		return label
	}
	rest, ok := strings.CutPrefix(label, "The council's own foster carer households")
	if !ok {
		return label
	}
	if kinds, ok := strings.CutSuffix(rest, ", at the year's end"); ok {
		return "The councils' own foster carer households" + kinds + ", all councils together, at the year's end"
	}
	if kinds, ok := strings.CutSuffix(rest, " at the year's end"); ok {
		return "The councils' own foster carer households" + kinds + ", all councils together, at the year's end"
	}
	return "The councils' own foster carer households" + rest + ", all councils together"
}

// andList joins words as a list in a sentence: "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// KPIInfo describes the KPI name as KPIInfo does, each kind named by its label.
func (c Catalogue) KPIInfo(name string) (Info, bool) { return c.describe(name, true) }

// MetricInfo describes the monthly metric name as MetricInfo does, each kind named by its
// label.
func (c Catalogue) MetricInfo(name string) (Info, bool) { return c.describe(name, false) }

// kind returns kind k in words to stand inside a label: its label with its first letter
// lowered where that is a common word (LowerFirst), or its name with spaces for underscores.
func (c Catalogue) kind(k string) string {
	l, ok := c.kinds[k]
	if !ok {
		if k == EmergencyKind {
			return "emergency placements"
		}
		return strings.ReplaceAll(k, "_", " ")
	}
	for _, p := range kindPhrases {
		if rest, ok := strings.CutPrefix(l, p.label); ok && (rest == "" || strings.HasPrefix(rest, " (")) {
			return p.phrase + rest
		}
	}
	if w := LowerFirst(l); w != l {
		// A label of a place, in words that begin lower-case, whose noun is one home or
		// unit takes "the": "Spending on the in-house solo placement home".
		head, _, _ := strings.Cut(w, " (")
		head, _, _ = strings.Cut(head, ",")
		head, _, _ = strings.Cut(head, " for ")
		fields := strings.Fields(head)
		if len(fields) > 0 && singularPlaces[fields[len(fields)-1]] && fields[0] != "the" && fields[0] != "a" && fields[0] != "an" && fields[0] != "our" {
			return "the " + w
		}
		return w
	}
	return LowerFirst(l)
}

// singularPlaces are the nouns of one place of care that a kind's label may end in (before
// "for ..." or words in brackets), which inside a sentence take "the".
var singularPlaces = map[string]bool{"home": true, "house": true, "unit": true, "scheme": true, "service": true}

// kindPhrases are the built-in kinds' labels (and labels that begin with one and go on in
// brackets, as "Independent fostering agency (the overflow)") that do not read well inside a
// sentence ("Spending on ...", "Places in ...", "Children placed in ..."), each with the words
// that stand for it there.
var kindPhrases = []struct{ label, phrase string }{
	{"Independent fostering agency", "independent fostering agency foster care"},
	{"Placed with parents, placed for adoption and other settings", "other settings (placed with parents, for adoption and others)"},
}

// category returns kind k's category, as the catalogue's scenarios give it, or the built-in
// county's for one of its kinds the catalogue does not know.
func (c Catalogue) category(k string) (model.Category, bool) {
	if cat, ok := c.categories[k]; ok {
		return cat, true
	}
	if _, ok := c.kinds[k]; !ok {
		cat, ok := builtInCategories[k]
		return cat, ok
	}
	return 0, false
}

// categoryWords name each category of provision inside a sentence: "Share of children in
// foster care placed in ...".
var categoryWords = [model.NumCategories]string{
	model.Foster:        "foster care",
	model.Residential:   "residential care",
	model.Supported:     "supported accommodation",
	model.OtherCategory: "the other category",
}

// builtInCategories are the categories of the built-in county's kinds (scenarios/default.yaml),
// for a catalogue that knows no scenario.
var builtInCategories = map[string]model.Category{
	"kinship":                 model.Foster,
	"inhouse_foster":          model.Foster,
	"specialist_foster":       model.Foster,
	"ifa":                     model.Foster,
	"inhouse_home":            model.Residential,
	"block_residential":       model.Residential,
	"external_residential":    model.Residential,
	"supported_accommodation": model.Supported,
	"other_settings":          model.OtherCategory,
}

// builtIn reports whether kind k is the built-in county's, as far as c knows: unknown to it,
// or with the built-in county's label.
func (c Catalogue) builtIn(k string) bool {
	l, ok := c.kinds[k]
	return !ok || l == builtInKinds[k]
}

// KPIInfo describes the KPI name, any name a scenario's KPIs can have. It reports false for a
// name no scenario makes.
// Its labels name a kind by its name; a scenario's Catalogue names it by its label.
func KPIInfo(name string) (Info, bool) { return Catalogue{}.describe(name, true) }

// MetricInfo describes the monthly metric name, any name a scenario's metrics can have. It
// reports false for a name no scenario makes.
// Its labels name a kind by its name; a scenario's Catalogue names it by its label.
func MetricInfo(name string) (Info, bool) { return Catalogue{}.describe(name, false) }

func (c Catalogue) describe(name string, kpi bool) (Info, bool) {
	info, ok := c.family(name, kpi)
	if e, fixedName := fixed[name]; fixedName {
		info = e.metric
		if kpi {
			info = e.kpi
		}
		ok = info.Label != ""
	}
	if l, has := labels[name]; has && ok && c.builtIn(labelledKind(name)) {
		info.Label = l
	}
	if name == CarerHouseholdsEnd && kpi {
		info.Label = carerHouseholdsLabel(c.CarerKinds())
	}
	return info, ok
}

// labelledKind returns the kind a name of labels is of ("ifa" of "occupied_ifa"), or "" for
// one of a category.
func labelledKind(name string) string {
	for _, prefix := range []string{"occupied_category_", "occupied_", "children_", "gap_need_", "gap_waiting_", "gap_empty_"} {
		if k, ok := strings.CutPrefix(name, prefix); ok {
			if prefix == "occupied_category_" {
				return ""
			}
			return k
		}
	}
	return ""
}

// family describes a name made by one of the functions of a kind, category, route, band or
// need.
func (c Catalogue) family(name string, kpi bool) (Info, bool) {
	// A stock is a time-average over a period as a KPI, and its value at the month's end as a
	// metric; the sufficiency gap's KPIs are averages of month-end counts.
	st := AtEnd
	if kpi {
		st = Average
	}
	words := func(s string) string { return strings.ReplaceAll(s, "_", " ") }
	cut := func(prefix string) (string, bool) {
		rest, ok := strings.CutPrefix(name, prefix)
		return rest, ok && rest != ""
	}
	if rest, ok := cut("empty_unusable_"); ok {
		if k, ok := strings.CutSuffix(rest, "_siblings"); ok && k != "" {
			return Info{"Empty places in " + c.kind(k) + " kept for brothers and sisters", Places, st}, true
		}
		if k, ok := strings.CutSuffix(rest, "_solo"); ok && k != "" {
			if c.soloOnly[k] {
				// Its every child must live alone: the label need not say it again.
				return Info{"Empty places in " + c.kind(k) + " held by the child living there", Places, st}, true
			}
			return Info{"Empty places in " + c.kind(k) + " held by a child who must live alone", Places, st}, true
		}
		return Info{}, false
	}
	if rest, ok := cut("gap_"); ok {
		return c.gapFamily(rest, kpi, st)
	}
	for _, f := range []struct {
		prefix, label string
		unit          Unit
	}{
		{"market_places_", "Shared market places: ", Places},
		{"market_occupied_", "Shared market places in use: ", Places},
		{"market_occupancy_", "Shared market occupancy: ", Share},
		{"market_children_", "Children in care placed in the shared market: ", Children},
		{"market_out_of_area_share_", "Share of the shared market's children placed outside their council's area: ", Share},
		{"market_out_of_area_", "Children placed by the shared market outside their council's area: ", Children},
		{"market_over_20_miles_share_", "Share of the shared market's children placed more than 20 miles away: ", Share},
		{"market_over_20_miles_", "Children placed by the shared market more than 20 miles away: ", Children},
	} {
		if rest, ok := cut(f.prefix); ok {
			what := c.kind(rest)
			if k, zone, in := strings.Cut(rest, "_in_"); in {
				what = c.kind(k) + " in zone " + words(zone)
			}
			info := Info{f.label + what, f.unit, st}
			if f.unit == Share {
				info.Aggregate = AtEnd
				if kpi {
					info.Aggregate = RatioOfTotals
				}
			}
			return info, true
		}
	}
	if !kpi {
		for _, f := range []struct {
			prefix, label string
			unit          Unit
		}{
			{"children_age_", "Children in care aged ", Children},
			{"children_need_", "Children in care with need: ", Children},
			{"first_choice_", "Children whose first choice is ", Children},
			{"vacancies_", "Places a child could be placed in now: ", Places},
			{"carer_households_", "In-house carer households: ", Households},
			{"children_", "Children placed in ", Children},
		} {
			if rest, ok := cut(f.prefix); ok {
				if f.prefix == "children_age_" {
					if b := bandIndex(rest); b >= 0 {
						return Info{f.label + bandLabels[b], f.unit, st}, true
					}
					return Info{}, false
				}
				if f.prefix == "children_need_" {
					return Info{f.label + words(rest), f.unit, st}, true
				}
				return Info{f.label + c.kind(rest), f.unit, st}, true
			}
		}
	} else {
		if rest, ok := cut("occupied_category_"); ok {
			return Info{"Children in " + words(rest) + " placements", Children, st}, true
		}
		if rest, ok := cut("occupied_"); ok {
			return Info{"Children placed in " + c.kind(rest), Children, st}, true
		}
		if k, ok := strings.CutSuffix(name, "_share"); ok && k != "" {
			// The share is of the children placed in the kind's category, not of all in care:
			// the label says which where the catalogue knows it.
			if cat, known := c.category(k); known {
				return Info{"Share of children in " + categoryWords[cat] + " placed in " + c.kind(k), Share, RatioOfTotals}, true
			}
			return Info{"Children of its category placed in " + c.kind(k), Share, RatioOfTotals}, true
		}
	}
	if rest, ok := cut("places_"); ok {
		return Info{"Places in " + c.kind(rest), Places, st}, true
	}
	if rest, ok := cut("exits_"); ok {
		if l, ok := exitLabels[name]; ok {
			return Info{l, Children, Total}, true
		}
		return Info{"Children leaving care: " + words(rest), Children, Total}, true
	}
	if rest, ok := cut("cost_"); ok {
		return Info{"Spending on " + c.kind(rest), Pounds, Total}, true
	}
	return Info{}, false
}

// gapFamily describes the sufficiency gap's name "gap_" + rest.
func (c Catalogue) gapFamily(rest string, kpi bool, st Aggregate) (Info, bool) {
	// split parts a kind's name from what follows it: a band, a band and a need, "other"; a
	// kind's whole name where the catalogue knows it (a kind "home_solo" is not the solo
	// needs of "home"). A need with no band follows only waiting_ (GapWaitingNeed).
	split := func(s string, needOnly bool) (kind, band, need string, other bool) {
		if _, ok := c.kinds[s]; ok {
			return s, "", "", false
		}
		if k, ok := strings.CutSuffix(s, "_other"); ok {
			return k, "", "", true
		}
		for n := range model.NumNeeds {
			if k, ok := strings.CutSuffix(s, "_"+n.String()); ok {
				for b, bn := range bandNames {
					if kk, ok := strings.CutSuffix(k, "_"+bn); ok {
						return kk, bandLabels[b], n.String(), false
					}
				}
			}
		}
		for b, bn := range bandNames {
			if k, ok := strings.CutSuffix(s, "_"+bn); ok {
				return k, bandLabels[b], "", false
			}
		}
		// A need with no band: a KPI of one need over the kind's age bands (GapWaitingNeed).
		for n := range model.NumNeeds {
			if k, ok := strings.CutSuffix(s, "_"+n.String()); ok && needOnly && k != "" {
				return k, "", n.String(), false
			}
		}
		return s, "", "", false
	}
	children := func(what, s string, needOnly bool) (Info, bool) {
		kind, band, need, other := split(s, needOnly)
		if kind == "" {
			return Info{}, false
		}
		label := "Children"
		switch {
		case other:
			label += " outside its age bands"
		case band != "":
			label += " aged " + band
		}
		if need != "" {
			label += " with " + need + " needs"
		}
		return Info{label + " " + what + " " + c.kind(kind), Children, st}, true
	}
	places := func(what, s string) (Info, bool) {
		if s == "" {
			return Info{}, false
		}
		return Info{strings.Replace(what, "%", c.kind(s), 1), Places, st}, true
	}
	aged := func(what, s string) (Info, bool) {
		kind, band, _, _ := split(s, false)
		if kind == "" || band == "" {
			return Info{}, false
		}
		return Info{strings.NewReplacer("%k", c.kind(kind), "%b", band).Replace(what), Places, st}, true
	}
	cut := func(prefix string) (string, bool) { return strings.CutPrefix(rest, prefix) }
	if s, ok := cut("need_"); ok {
		return children("whose first choice is", s, false)
	}
	if s, ok := cut("waiting_"); ok {
		return children("placed elsewhere whose first choice is", s, true)
	}
	if s, ok := cut("placed_"); ok && !kpi {
		return children("placed in", s, false)
	}
	if s, ok := cut("places_"); ok {
		return aged("Places in %k that could take a child aged %b", s)
	}
	if s, ok := cut("usable_empty_"); ok {
		if t, ok := strings.CutSuffix(s, "_solo"); ok && !kpi {
			return aged("Empty places in %k that could take a child aged %b who must live alone", t)
		}
		return aged("Empty places in %k that could take a child aged %b", s)
	}
	if s, ok := cut("empty_other_ages_"); ok {
		return aged("Empty places in %k approved for ages other than %b", s)
	}
	if s, ok := cut("empty_"); ok {
		return places("Empty places in %", s)
	}
	if kpi {
		return Info{}, false
	}
	if s, ok := cut("filled_"); ok {
		return places("Filled places in %", s)
	}
	if s, ok := cut("winding_down_"); ok {
		return places("Places in % with carers who are leaving", s)
	}
	return Info{}, false
}

// bandIndex returns the position of the band named name in bandNames, or -1.
func bandIndex(name string) int {
	for i, n := range bandNames {
		if n == name {
			return i
		}
	}
	return -1
}

// LowerFirst returns s with its first letter in lower case, to stand inside a sentence, when
// its first word is a common word written with a capital only because it begins the label:
// "In-house foster care" becomes "in-house foster care". A label that begins with any other
// word, as a place or a home's name may ("Dorset in-house foster carers", "Oak House homes"),
// or with an abbreviation ("IFA", "UASC arrivals") stays as it is.
func LowerFirst(s string) string {
	end := strings.IndexAny(s, " :(,")
	if end < 0 {
		end = len(s)
	}
	first := s[:end]
	if first == "" || strings.ToLower(first[1:]) != first[1:] || !commonFirstWords[strings.ToLower(first)] {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// commonFirstWords are the words, in lower case, that LowerFirst lowers when they begin a
// label: those that begin the labels of the built-in scenarios and regions, of KPIs and of
// sensitivity inputs, and other common words of the labels of kinds of care.
var commonFirstWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a actual added aged agencies agencies' agency all an any approved average averages backtest
		baseline block block-contracted blocked boys breakdowns brothers business by care carer carers
		chance change children children's close closed comparison connected council councils cumulative
		day difference each early emergency empty enhanced every experienced external extra families
		family fees filled financial foster fostering friends from girls gross half home homes
		households how in in-area in-county in-house independent input intensive intervention keep kinds
		kinship leaving left local long mainstream mean median miles money more mother moves need needs
		net new not note nothing number on one open other our out out-of-area out-of-county over paired
		parent parents payback placed placement placements places pounds premium price private programme
		provider range recruit recruitment region regional replications residential respite retirement
		saving scenario scheme secure semi-independent share shared short shortfall sibling single
		sisters small so solo source specialist spending spot start staying step-down sufficiency
		summary supported the therapeutic time total unaccompanied unregistered waiting warm-up warning
		weekly what where whole wider years young zone`) {
		m[w] = true
	}
	return m
}()
