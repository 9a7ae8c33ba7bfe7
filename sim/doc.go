// Package sim runs scenarios: a discrete-event engine (a clock, a future-event list and
// seeded random streams), the care-system process on it (children entering, being matched to
// places, moving, stepping down and leaving; carers joining and leaving; homes opening and
// closing; costs accruing), and the Monte Carlo runner that repeats it over replications and
// summarises the results.
//
// Everything here is deterministic given the scenario, the master seed and the replication
// number: every random draw comes from a stream seeded from (seed, replication, stream), the
// event list breaks ties by insertion order, and replications never share state, so results do
// not depend on how many workers ran them or in what order. The package does no I/O beyond
// writing results to an io.Writer.
//
// Summaries over replications take a share (a KPI ending _share) as the ratio of totals of its
// numerator and denominator, which are KPIs of their own (see Ratio), and compare two shares by
// the delta method (see Difference); the spread from run to run stays that of each run's own
// share. The CSV files are quoted as encoding/csv quotes and hold every number in full
// (AppendNum), the same bytes whatever the number of workers.
//
// The names of the monthly metrics and KPIs are made in one place, the catalogue: a constant
// for each fixed name (CostTotal) and a function for each name of a kind, category, route, age
// band or need (OccupiedKPI). KPIInfo and MetricInfo give any name's label in plain English,
// its unit and how its value over a span is formed (an average of a stock, a total of a flow,
// a ratio of totals, a stock at the end), so that the outputs and charts read one catalogue.
// Figures derived from the results live beside them: a figure paired between two runs (Pair),
// a metric's mean over a financial year (YearMean).
//
// Spending (cost_total) splits four ways, to the last bit: cost_placements (places bought from
// markets and emergency placements, staying put with agency carers, care leavers'
// accommodation), cost_carers (what children placed with the council's own carers cost,
// staying put with them, their support and recruitment), cost_own_provision (the council's
// homes and block-contracted beds, its share of a region's pooled blocks included) and cost_programme (what interventions cost to run: their
// model.ProgrammeCost, one-off and yearly costs in the months they fall, costs per unit served
// as the units are served).
//
// A comparison (Compare) gives two ranges named apart: the confidence interval of the mean
// difference, and the spread of single paired runs' differences with the chance of each
// direction. NetPosition turns two runs into a business case: by financial year the saving on
// places bought, the extra spent on the council's own provision and on programmes (running
// and one-off apart), the net and cumulative net saving, the payback year with its chance, and the
// net present value at a discount rate (GreenBookDiscount, the Green Book's schedule, by default); ExceedsBudget gives
// the chance that a year's spending passes a budget.
//
// A region (model.Region, RunRegion, RegionRunner) is councils run together in one replication,
// each council's scenario on the region's clock with random streams of its own (CouncilSeed),
// sharing the providers' places of its shared markets. The councils' events fire in one time order,
// ties going to the council first in the replication's order of turns (drawn from the councils'
// own seeds, not the order the region lists them in), so a place one council takes is not there
// for the next council's search. A council searching a shared kind takes the first provider with a free place
// that accepts the child and lies within the provider's MaxMiles: pooled blocks first, then the
// nearest by zone distance; the place is out of area outside the council's zone and distant beyond
// 20 miles, or, within them, with the provider's FarShare (drawn from a stream of the council's
// own). A placement of a kind no shared market supplies is out of area with the region's
// OwnPlacements shares for its kind (within 20 miles of home or further), drawn from a stream of
// the council's own that nothing else draws from. A place freed is offered, once the event that
// freed it is over, to the children waiting in emergency placements, first come first served: to
// the council whose child has waited longest of those who could take it first, then the next (the
// order of turns on a tie), as a place of their own coming free would be, until it is taken; the
// council that freed it offers it to its own at its own moveOn, at once when its turn comes before
// another council's. Which council the region's file lists first changes no council's results. A spot placement costs the council's own price times the
// provider's PriceFactor times a multiplier fixed as it starts (model.Pricing: real growth,
// scarcity from the market's occupancy, urgency for a child placed from an emergency); a child in a
// pooled block pays no price of its own, the block's price being shared by use. Providers' places
// grow by GrowthPerYear month by month, deterministically. Each council's results are those of its
// own scenario plus the market's metrics (ChildrenOutOfArea and the names after it); the total sums
// the councils, recomputes shares from their sums, and adds each market's places and occupancy, in
// all and by zone, and its children in care with those placed out of area and over 20 miles
// (MarketChildren and the names after it). A region of one council and no shared market gives that
// council's scenario's results run alone with its council seed, byte for byte; with a shared market
// that never runs out, whose places are local as the council's own market's are and carry no
// premium, it gives them number for number, the market's metrics and KPIs added after them.
//
// Each replication has a work budget (Budget), derived from the scenario's own estimate of its
// work: the children and carer households it may hold and the steps it may take. A replication
// that goes over it stops, and the run returns a *BudgetError, rather than growing without
// bound.
package sim
