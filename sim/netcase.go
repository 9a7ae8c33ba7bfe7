package sim

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/placesim/placesim/model"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// GreenBookDiscountRate is HM Treasury's social time preference rate for the first 30 years of
// an appraisal, 3.5% a year, applied to costs and savings in real terms (The Green Book, 2022,
// section A6 and table 8).
const GreenBookDiscountRate = 0.035

// GreenBookDiscountRateAfter30 is the Green Book's rate from year 31 to year 75 of an
// appraisal, 3.0% a year (table 8).
const GreenBookDiscountRateAfter30 = 0.03

// GreenBookYears is the last year of an appraisal (the first is year 0) that the Green Book
// discounts at GreenBookDiscountRate; from the year after it, GreenBookDiscountRateAfter30.
const GreenBookYears = 30

// Discount is how a business case discounts each year's net saving to its net present value:
// at Rate a year in years 0 to GreenBookYears (the first financial year is year 0) and at
// From31 a year after, the later years' factors compounding on year 30's rather than starting
// again. GreenBookDiscount is HM Treasury's schedule; FlatDiscount one rate for every year.
type Discount struct {
	// Rate is the real discount rate a year of years 0 to 30, such as 0.035.
	Rate float64
	// From31 is the real discount rate a year from year 31; Rate for one rate every year.
	From31 float64
}

// GreenBookDiscount is the Green Book's schedule: 3.5% a year to year 30, 3.0% from year 31.
// NetPosition's callers use it unless told otherwise.
var GreenBookDiscount = Discount{Rate: GreenBookDiscountRate, From31: GreenBookDiscountRateAfter30}

// FlatDiscount returns the Discount of one rate a year, rate, for every year.
func FlatDiscount(rate float64) Discount { return Discount{Rate: rate, From31: rate} }

// Flat reports whether d discounts every year at one rate.
func (d Discount) Flat() bool { return d.From31 == d.Rate }

// Factor returns what a pound in year t (the first year is year 0) is worth in year 0:
// 1/(1+Rate)^t to year 30, then 1/((1+Rate)^30 (1+From31)^(t-30)). A flat rate's is
// 1/(1+Rate)^t in every year.
func (d Discount) Factor(t int) float64 {
	return 1 / d.growth(t)
}

// growth returns (1+Rate)^t, or from year 31 under a second rate (1+Rate)^30 (1+From31)^(t-30).
func (d Discount) growth(t int) float64 {
	if t <= GreenBookYears || d.Flat() {
		return math.Pow(1+d.Rate, float64(t))
	}
	return math.Pow(1+d.Rate, GreenBookYears) * math.Pow(1+d.From31, float64(t-GreenBookYears))
}

// validate returns an error unless both of d's rates are shares a year above -1.
func (d Discount) validate() error {
	for _, r := range []float64{d.Rate, d.From31} {
		if !(r > -1) || math.IsInf(r, 0) {
			return fmt.Errorf("discount rate %v: must be a share a year above -1, such as 0.035", r)
		}
	}
	return nil
}

// CaseFigure is one figure of a business case worked out from paired replications: its mean over
// the pairs, the confidence interval of that mean ("how sure we are of the average effect"),
// the spread of the figure over single pairs ("what could happen in one future") and the
// share of pairs in which it is above 0.
type CaseFigure struct {
	// Mean is the mean over the pairs, in pounds.
	Mean float64
	// Lo and Hi bound the confidence interval of Mean (Student's t at the level asked); NaN
	// with fewer than two pairs, which give no interval (nor RunLo, RunHi and PPositive).
	Lo, Hi float64
	// RunLo and RunHi bound the central share of single pairs at the same level (their
	// percentiles 50(1 - level) and 50(1 + level), interpolated at (n-1)p as runSpread does,
	// so that negating the figure negates the range).
	RunLo, RunHi float64
	// PPositive is the share of pairs in which the figure is above 0.
	PPositive float64
	// N is the number of pairs.
	N int
}

// caseFigure works out a CaseFigure from one value a pair.
func caseFigure(xs []float64, level float64) CaseFigure {
	p := CaseFigure{N: len(xs)}
	p.Mean, p.Lo, p.Hi = math.NaN(), math.NaN(), math.NaN()
	p.RunLo, p.RunHi, p.PPositive = math.NaN(), math.NaN(), math.NaN()
	if len(xs) == 0 {
		return p
	}
	mean, half, n := MeanInterval(xs, level)
	p.Mean = mean
	if n < 2 { // one pair gives no interval, no range of futures and no share of them: NaN
		return p
	}
	p.Lo, p.Hi = mean-half, mean+half
	p.RunLo, p.RunHi, _, _ = runSpread(xs, level)
	var above int
	for _, x := range xs {
		if x > 0 {
			above++
		}
	}
	p.PPositive = float64(above) / float64(len(xs))
	return p
}

// NetYear is one financial year of a business case, in pounds of that year's prices: what
// the alternative spends less on (places bought), what it spends more on (the council's own
// provision and the programmes' costs, running and one-off apart), and the net saving, which
// is the first less the others. A saving is positive when the alternative comes out better
// for the council; a cost is positive when the alternative spends more.
type NetYear struct {
	// Period is the financial year, such as "2027/28".
	Period string
	// Placements is the saving on places bought (cost_placements: agency foster carers,
	// external residential homes, emergency placements, staying put with agency carers, care
	// leavers' accommodation): the baseline's spending on them less the alternative's, to
	// whole pence.
	Placements CaseFigure
	// OwnProvision is what the alternative spends more on the council's own provision: its
	// carers (fees, allowances, support and recruitment: cost_carers) and its own homes and
	// block-contracted beds, a region's pooled blocks among them (running costs, empty beds
	// included: cost_own_provision); the
	// alternative's spending on everything but places bought and programmes less the
	// baseline's, to whole pence.
	OwnProvision CaseFigure
	// Running is what the alternative's programmes cost to run beyond the baseline's, year by
	// year (cost_programme less its one-off costs), to whole pence.
	Running CaseFigure
	// OneOff is the programmes' one-off costs (capital and set-up) beyond the baseline's,
	// to whole pence: the same in every pair, except a council's share of its region's (see
	// RegionNetPositions), which follows its children in care at the start.
	OneOff CaseFigure
	// Net is Placements less OwnProvision, Running and OneOff: the baseline's total spending
	// less the alternative's.
	Net CaseFigure
	// Cumulative is the net saving from the first financial year to the end of this one.
	Cumulative CaseFigure
	// PPaidBack is the share of pairs that have paid back by the end of this year: whose
	// cumulative net saving is above 0 then, whatever it did before (a pair whose saving dips
	// to 0 or below after an early rise has not paid back while it is there, and has again
	// once it rises above 0). It is the chance that the strategy has paid back by then, and
	// does not depend on the years after it (nor so on the run's length); NaN from one pair.
	PPaidBack float64
}

// NetCase is the business case of an alternative against its baseline, from runs of both on
// the same seed: by financial year what it spends less on, what it spends more on, the net
// saving and the cumulative net position; the payback year and the net present value.
type NetCase struct {
	// Scenario and Baseline name the alternative and the baseline.
	Scenario, Baseline string
	// Level is the confidence level of the intervals and the share of single pairs their
	// spread covers.
	Level float64
	// Discount is how the net present value discounts each year: its rate to year 30 and
	// from year 31.
	Discount Discount
	// Inflation is the baseline's inflation_per_year.
	Inflation float64
	// Prices holds, for each of Years, the baseline's price index at its start: 1 in the
	// first year, then rising each April at the rate in force (inflation_per_year, or an
	// inflation intervention's). The net present value divides each year's net saving by it;
	// a region's is its councils' added up, each by its own index, and its Prices the index
	// implied in the baseline's spending (see RegionNetPositions).
	Prices []float64
	// Years holds the financial years in order. When Start is not 1 April, the first and the
	// last are part years.
	Years []NetYear
	// Total is the whole run (Period WholeRun, "all"), in cash: each figure of each pair added
	// up over the years, then summed up over the pairs as a year's figure is, so that its
	// interval is the paired one of the totals, not a sum of the years' intervals. Its
	// Cumulative is its Net, and its PPaidBack the last year's (PPaysBack).
	Total NetYear
	// Start is the run's start date and RunYears the years it simulates (as the baseline's
	// scenario says): fewer than len(Years) when the run does not start on 1 April.
	Start    time.Time
	RunYears int
	// NPV is the net present value of the net savings: each year's net saving brought back
	// to the first year's prices (divided by Prices) and discounted by Discount's factor of
	// year t (the first year is year 0: (1 + 3.5%)^t to year 30 under the Green Book's
	// schedule, then 3.0% a year on year 30's), then added up.
	NPV CaseFigure
	// Payback is the first financial year from which the mean cumulative net saving is above
	// 0 to the end of the run (the start of the mean's last stretch above 0), or "" if there
	// is none. PPayback is the chance that a single future has paid back by the end of that
	// year (its NetYear's PPaidBack: the share of pairs whose cumulative net saving is above 0
	// then), or, with no payback year, NaN.
	Payback  string
	PPayback float64
	// PPaysBack is the share of pairs that have paid back by the end of the run: whose
	// cumulative net saving is above 0 at its end (the last year's PPaidBack).
	PPaysBack float64
	// CareLeaversUnmet is the paired change over the whole run, alternative less baseline, in
	// young people leaving care whom the council had no accommodation for (the KPI
	// care_leavers_unmet), and BaseCareLeaversUnmet and AltCareLeaversUnmet are each run's
	// mean of it. placesim prices no accommodation for them, so a strategy that leaves more
	// of them without a place costs less: read a saving with CareLeaversUnmetMoves and
	// SavingLeavesCareLeavers.
	CareLeaversUnmet                          CaseFigure
	BaseCareLeaversUnmet, AltCareLeaversUnmet float64
}

// CareLeaversUnmetMoves reports whether the young people leaving care with no accommodation
// differ between the runs in any pair.
func (nc *NetCase) CareLeaversUnmetMoves() bool {
	c := nc.CareLeaversUnmet
	if c.N < 2 {
		return c.N == 1 && c.Mean != 0
	}
	return c.Mean != 0 || c.RunLo != 0 || c.RunHi != 0
}

// SavingLeavesCareLeavers reports whether the strategy saves money on average over the run
// (a cumulative net saving above 0 at its end) while leaving more young people leaving care
// with no accommodation: a saving placesim does not price, not a saving of the council's duty
// to accommodate them.
func (nc *NetCase) SavingLeavesCareLeavers() bool {
	return len(nc.Years) > 0 && nc.Years[len(nc.Years)-1].Cumulative.Mean > 0 && nc.CareLeaversUnmet.Mean > 0
}

// NetPosition works out the business case of alt against base. Both must be runs of the same
// seed, replications and years (as for Compare). level is the confidence level, such as
// 0.9; discount how its net present value discounts each year, such as GreenBookDiscount. A run without
// programme costs (no cost_programme KPI) has none.
func NetPosition(base, alt *Results, level float64, discount Discount) (*NetCase, error) {
	if err := checkPaired(base, alt); err != nil {
		return nil, err
	}
	years := len(base.Periods) - 1 // the last period is "all"
	nc, _, err := netPosition(base, alt, level, discount, runCosts(base.Scenario, base.Periods[:years], len(base.Reps)),
		runCosts(alt.Scenario, base.Periods[:years], len(alt.Reps)), nil)
	return nc, err
}

// caseCosts is what a business case takes from a run beside its KPIs: its price index and its
// one-off programme costs, in each financial year.
type caseCosts struct {
	// prices holds the price index at the start of each financial year (see yearCosts).
	prices []float64
	// oneOff holds, for each financial year, each replication's one-off programme costs in
	// it, at that year's prices.
	oneOff [][]float64
}

// runCosts returns the caseCosts of reps replications of a run of s (see yearCosts): the same
// one-off costs in every replication.
func runCosts(s *model.Scenario, periods []string, reps int) caseCosts {
	prices, oneOff := yearCosts(s, periods)
	cc := caseCosts{prices: prices}
	for _, v := range oneOff {
		xs := make([]float64, reps)
		for i := range xs {
			xs[i] = v
		}
		cc.oneOff = append(cc.oneOff, xs)
	}
	return cc
}

// netPosition is NetPosition with the runs' price indexes and one-off costs given (bc for
// base, ac for alt). The net present value deflates by bc's prices, or, when npv is not nil,
// is npv's figure of each pair (a region's, its councils' added up). It returns each pair's
// net present value too.
func netPosition(base, alt *Results, level float64, discount Discount, bc, ac caseCosts, npvOf []float64) (*NetCase, []float64, error) {
	cp, err := pairedCase(base, alt, level, discount, bc, ac)
	if err != nil {
		return nil, nil, err
	}
	if npvOf != nil {
		cp.npv = npvOf
	}
	nc := &NetCase{Scenario: alt.Scenario.Name, Baseline: base.Scenario.Name, Level: level,
		Discount: discount, Inflation: base.Scenario.InflationPerYear, Prices: bc.prices,
		Start: base.Scenario.Start, RunYears: base.Scenario.Years}
	cp.fill(nc, level)
	return nc, cp.npv, nil
}

// casePairs is a business case pair by pair, before its figures are summed up: each financial
// year's figures of each pair ([year][pair]), each pair's net present value and, where either
// run counts them, each pair's change in young people leaving care with no accommodation and
// each run's mean of them. Two councils' casePairs add up pair by pair (add).
type casePairs struct {
	periods                          []string
	place, own, running, oneOff, net [][]float64
	npv                              []float64
	unmet                            []float64
	baseUnmet, altUnmet              float64
}

// pairedCase works out the business case of alt against base pair by pair (see netPosition).
func pairedCase(base, alt *Results, level float64, discount Discount, bc, ac caseCosts) (*casePairs, error) {
	if err := checkPaired(base, alt); err != nil {
		return nil, err
	}
	if !(level > 0 && level < 1) {
		return nil, fmt.Errorf("confidence level %v: must be between 0 and 1", level)
	}
	if err := discount.validate(); err != nil {
		return nil, err
	}
	bTotal, aTotal := slices.Index(base.KPIs, CostTotal), slices.Index(alt.KPIs, CostTotal)
	if bTotal < 0 || aTotal < 0 {
		return nil, fmt.Errorf("a business case needs %s in both runs", CostTotal)
	}
	bProg, aProg := slices.Index(base.KPIs, CostProgramme), slices.Index(alt.KPIs, CostProgramme)
	bPlace, aPlace := slices.Index(base.KPIs, CostPlacements), slices.Index(alt.KPIs, CostPlacements)
	col := func(res *Results, p, k int) []float64 {
		if k < 0 {
			return make([]float64, len(res.Reps))
		}
		return res.KPI(p, k)
	}
	n := len(base.Reps)
	years := len(base.Periods) - 1 // the last period is "all"
	prices := bc.prices
	cp := &casePairs{periods: base.Periods[:years], npv: make([]float64, n)}
	// pence rounds a difference of sums to whole pence (and +0, not -0), so that a year with
	// no change in a figure has exactly none rather than a rounding residue.
	pence := func(x float64) float64 { return math.Round(x*100)/100 + 0 }
	for p := range years {
		bt, at := col(base, p, bTotal), col(alt, p, aTotal)
		bp, ap := col(base, p, bProg), col(alt, p, aProg)
		bpl, apl := col(base, p, bPlace), col(alt, p, aPlace)
		place, own, running, oneOff, net := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		factor := 1 / (prices[p] * discount.growth(p))
		for i := range n {
			place[i] = pence(bpl[i] - apl[i])
			own[i] = pence((at[i] - ap[i] - apl[i]) - (bt[i] - bp[i] - bpl[i]))
			oneOff[i] = pence(ac.oneOff[p][i] - bc.oneOff[p][i])
			running[i] = pence(ap[i] - bp[i] - oneOff[i])
			net[i] = bt[i] - at[i]
			cp.npv[i] += net[i] * factor
		}
		cp.place, cp.own, cp.running = append(cp.place, place), append(cp.own, own), append(cp.running, running)
		cp.oneOff, cp.net = append(cp.oneOff, oneOff), append(cp.net, net)
	}
	if bu, au := slices.Index(base.KPIs, CareLeaversUnmet), slices.Index(alt.KPIs, CareLeaversUnmet); bu >= 0 || au >= 0 {
		b, a := col(base, years, bu), col(alt, years, au)
		cp.unmet = make([]float64, n)
		for i := range n {
			cp.unmet[i] = a[i] - b[i]
			cp.baseUnmet += b[i] / float64(n)
			cp.altUnmet += a[i] / float64(n)
		}
	}
	return cp, nil
}

// add adds o's figures to cp's, pair by pair: two councils' business cases as one. Both are
// of the same pairs and years.
func (cp *casePairs) add(o *casePairs) {
	for _, f := range []struct{ to, from [][]float64 }{{cp.place, o.place}, {cp.own, o.own}, {cp.running, o.running}, {cp.oneOff, o.oneOff}, {cp.net, o.net}} {
		for p := range f.to {
			for i := range f.to[p] {
				f.to[p][i] += f.from[p][i]
			}
		}
	}
	for i := range cp.npv {
		cp.npv[i] += o.npv[i]
	}
	if o.unmet != nil {
		if cp.unmet == nil {
			cp.unmet = make([]float64, len(o.unmet))
		}
		for i := range cp.unmet {
			cp.unmet[i] += o.unmet[i]
		}
	}
	cp.baseUnmet += o.baseUnmet
	cp.altUnmet += o.altUnmet
}

// fill sums up cp's pairs into nc's years, net present value, payback and young people
// leaving care with no accommodation, at the confidence level given.
func (cp *casePairs) fill(nc *NetCase, level float64) {
	years := len(cp.periods)
	n := len(cp.npv)
	cum := make([]float64, n)
	cums := make([][]float64, years)
	for p := range years {
		for i := range n {
			cum[i] += cp.net[p][i]
		}
		cums[p] = slices.Clone(cum)
		nc.Years = append(nc.Years, NetYear{Period: cp.periods[p],
			Placements: caseFigure(cp.place[p], level), OwnProvision: caseFigure(cp.own[p], level),
			Running: caseFigure(cp.running[p], level), OneOff: caseFigure(cp.oneOff[p], level),
			Net: caseFigure(cp.net[p], level), Cumulative: caseFigure(cums[p], level)})
	}
	total := func(f [][]float64) []float64 {
		t := make([]float64, n)
		for p := range f {
			for i := range t {
				t[i] += f[p][i]
			}
		}
		return t
	}
	net := caseFigure(total(cp.net), level)
	nc.Total = NetYear{Period: WholeRun, Placements: caseFigure(total(cp.place), level), OwnProvision: caseFigure(total(cp.own), level),
		Running: caseFigure(total(cp.running), level), OneOff: caseFigure(total(cp.oneOff), level), Net: net, Cumulative: net, PPaidBack: math.NaN()}
	nc.NPV = caseFigure(cp.npv, level)
	if cp.unmet != nil {
		nc.CareLeaversUnmet = caseFigure(cp.unmet, level)
		nc.BaseCareLeaversUnmet, nc.AltCareLeaversUnmet = cp.baseUnmet, cp.altUnmet
	}
	// A pair has paid back by year p when its cumulative saving is above 0 at p's end: the
	// years after p do not count, so that a year's share is the same in a longer run. The share
	// of such pairs is the cumulative figure's PPositive (NaN from one pair).
	nc.PPayback = math.NaN()
	for p := range years {
		nc.Years[p].PPaidBack = nc.Years[p].Cumulative.PPositive
	}
	if years > 0 {
		nc.PPaysBack = nc.Years[years-1].PPaidBack
		nc.Total.PPaidBack = nc.PPaysBack
	}
	for p := years - 1; p >= 0 && nc.Years[p].Cumulative.Mean > 0; p-- {
		nc.Payback, nc.PPayback = nc.Years[p].Period, nc.Years[p].PPaidBack
	}
}

// yearCosts returns, for each financial year of periods that a run of s reports, its price
// index at the year's start (1 in the first year, then rising each April at the inflation rate
// in force, as the run prices everything) and the one-off programme costs that fall in it, at
// that year's prices. For a scenario it cannot compile (results built by hand, or a region's
// total, which has no interventions of its own), the index rises at its InflationPerYear and
// there are no one-off costs.
func yearCosts(s *model.Scenario, periods []string) (prices, oneOff []float64) {
	prices, oneOff = make([]float64, len(periods)), make([]float64, len(periods))
	for p := range prices {
		prices[p] = math.Pow(1+s.InflationPerYear, float64(p))
	}
	if s.Start.IsZero() {
		return prices, oneOff
	}
	c, err := compile(s)
	if err != nil {
		return prices, oneOff
	}
	seen := make([]bool, len(periods))
	// The index is the run's price path brought to 1 at the start, whatever year's prices
	// the scenario is written in (PricesAt).
	first := c.monthFactor[c.cal.FirstReported]
	for i := c.cal.FirstReported; i < len(c.cal.MonthDates); i++ {
		p := slices.Index(periods, model.FinancialYear(c.cal.MonthDates[i]))
		if p < 0 {
			continue
		}
		if !seen[p] {
			prices[p], seen[p] = c.monthFactor[i]/first, true
		}
		oneOff[p] += c.oneOffMonth[i]
	}
	return prices, oneOff
}

// checkPaired returns an error unless base and alt are runs of the same seed, replications
// and periods, paired replication by replication. Runs of the same name (a council in two
// regions) are named once, and then as the baseline and the alternative.
func checkPaired(base, alt *Results) error {
	lead, b, a := "", base.Scenario.Name, alt.Scenario.Name
	if b == a {
		lead, b, a = b+": ", "the baseline", "the alternative"
	}
	if base.Seed != alt.Seed {
		return fmt.Errorf("%s%s was run with seed %d and %s with seed %d: a comparison needs the same seed", lead, b, base.Seed, a, alt.Seed)
	}
	if len(base.Reps) != len(alt.Reps) {
		return fmt.Errorf("%s%s has %d replications and %s %d: a comparison needs the same number", lead, b, len(base.Reps), a, len(alt.Reps))
	}
	if !slices.Equal(base.Periods, alt.Periods) {
		return fmt.Errorf("%s%s reports %s to %s and %s reports %s to %s: a comparison needs the same start and years",
			lead, b, base.Periods[0], base.Periods[len(base.Periods)-2], a, alt.Periods[0], alt.Periods[len(alt.Periods)-2])
	}
	for i := range base.Reps {
		if base.Reps[i].Index != alt.Reps[i].Index {
			return fmt.Errorf("%sreplication %d of %s is paired with replication %d of %s", lead, base.Reps[i].Index+1, b, alt.Reps[i].Index+1, a)
		}
	}
	return nil
}

// BudgetCheck is the chance that a run's spending passes a budget in one financial year.
type BudgetCheck struct {
	// Period is the financial year.
	Period string
	// Budget is the budget, in pounds.
	Budget float64
	// Mean is the mean spending (cost_total) over the replications.
	Mean float64
	// PExceed is the share of replications whose spending is above Budget; Lo and Hi bound
	// its confidence interval (Wilson's score interval at the level asked).
	PExceed, Lo, Hi float64
	// N is the number of replications.
	N int
}

// ExceedsBudget returns the chance that spending (cost_total) in financial year period is above
// budget, with its confidence interval at level.
func (res *Results) ExceedsBudget(period string, budget, level float64) (BudgetCheck, error) {
	b := BudgetCheck{Period: period, Budget: budget}
	p := slices.Index(res.Periods, period)
	if p < 0 || period == WholeRun {
		return b, fmt.Errorf("budget for %s: the run covers the financial years %s to %s", period, res.Periods[0], res.Periods[len(res.Periods)-2])
	}
	if !(level > 0 && level < 1) {
		return b, fmt.Errorf("confidence level %v: must be between 0 and 1", level)
	}
	k := slices.Index(res.KPIs, CostTotal)
	if k < 0 {
		return b, fmt.Errorf("budget for %s: the run has no %s", period, CostTotal)
	}
	xs := res.KPI(p, k)
	var over int
	for _, x := range xs {
		if x > budget {
			over++
		}
	}
	b.N = len(xs)
	if b.N == 0 {
		nan := math.NaN()
		b.Mean, b.PExceed, b.Lo, b.Hi = nan, nan, nan, nan
		return b, nil
	}
	// The mean as summary.csv's cost_total finds it (stat.Mean), to the last digit.
	b.Mean = stat.Mean(xs, nil)
	b.PExceed = float64(over) / float64(b.N)
	b.Lo, b.Hi = wilson(over, b.N, level)
	return b, nil
}

// wilson returns Wilson's score interval at level for k successes in n trials.
func wilson(k, n int, level float64) (lo, hi float64) {
	z := distuv.UnitNormal.Quantile((1 + level) / 2)
	nf := float64(n)
	p := float64(k) / nf
	den := 1 + z*z/nf
	mid := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	lo, hi = math.Max(0, mid-half), math.Min(1, mid+half)
	// At k = 0 and k = n the interval reaches 0 and 1 exactly, not their rounding residue
	// (0.9999999999999999).
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return lo, hi
}

// NetCaseHeader is the header line of business_case.csv: one row for each financial year and
// figure (placements_saving, own_provision_cost, programme_running_cost,
// programme_one_off_cost, net_saving, cumulative_net_saving: NetYear's figures), the whole
// run's total of each but the cumulative saving (period "all", NetCase.Total: cash added up
// over the years, its interval the paired one of the totals) and its npv (period "all"); a
// region's file adds the rows WriteNetSplit writes, its figures split between the acting
// councils and the others. mean is the mean over paired
// replications, in pounds; mean_lo and mean_hi bound its confidence interval; run_lo and
// run_hi bound the central share of single replications; p_positive is the share of
// replications in which the figure is above 0; p_paid_back, on the cumulative rows only
// (cumulative_net_saving and both groups' cumulative_net_saving_), the share whose cumulative
// net saving is above 0 at the year's end (NetYear.PPaidBack: by definition the cumulative
// row's p_positive, repeated for scripts that read it; NA on the other rows, as every figure
// with no value).
const NetCaseHeader = "scenario,baseline,period,figure,mean,mean_lo,mean_hi,run_lo,run_hi,p_positive,p_paid_back,n"

// WriteNetCase writes business_case.csv rows (see NetCaseHeader) for nc, quoted as
// encoding/csv quotes and with numbers in full (AppendNum). With header set it writes the
// header line first.
func WriteNetCase(w io.Writer, nc *NetCase, header bool) error {
	bw := bufio.NewWriter(w)
	if header {
		bw.WriteString(NetCaseHeader + "\n")
	}
	prefix := csvField(nc.Scenario) + "," + csvField(nc.Baseline) + ","
	var b []byte
	row := func(period, figure string, p CaseFigure, paidBack float64) {
		b = writeCaseRow(bw, b, prefix, period, figure, p, paidBack)
	}
	na := math.NaN() // NA: the figure has no payback
	for _, y := range nc.Years {
		row(y.Period, "placements_saving", y.Placements, na)
		row(y.Period, "own_provision_cost", y.OwnProvision, na)
		row(y.Period, "programme_running_cost", y.Running, na)
		row(y.Period, "programme_one_off_cost", y.OneOff, na)
		row(y.Period, "net_saving", y.Net, na)
		row(y.Period, "cumulative_net_saving", y.Cumulative, y.PPaidBack)
	}
	t := nc.Total
	row(WholeRun, "placements_saving", t.Placements, na)
	row(WholeRun, "own_provision_cost", t.OwnProvision, na)
	row(WholeRun, "programme_running_cost", t.Running, na)
	row(WholeRun, "programme_one_off_cost", t.OneOff, na)
	row(WholeRun, "net_saving", t.Net, na)
	row(WholeRun, "npv", nc.NPV, na)
	return bw.Flush()
}

// writeCaseRow writes to bw one business_case.csv row of figure p in period, after prefix (the
// scenario's and baseline's fields and their commas), with paidBack its p_paid_back (NaN, NA,
// for a figure with no payback). It builds the row in b, which it returns for the next row.
func writeCaseRow(bw *bufio.Writer, b []byte, prefix, period, figure string, p CaseFigure, paidBack float64) []byte {
	b = append(b[:0], prefix...)
	b = append(b, csvField(period)...)
	b = append(append(b, ','), figure...)
	for _, v := range []float64{p.Mean, p.Lo, p.Hi, p.RunLo, p.RunHi, p.PPositive, paidBack} {
		b = AppendNum(append(b, ','), v)
	}
	b = strconv.AppendInt(append(b, ','), int64(p.N), 10)
	bw.Write(append(b, '\n'))
	return b
}

// WriteNetSplit writes, in business_case.csv's columns (without its header), the region's
// business case split between the councils a strategy changes and the others (RegionNetSplit):
// by financial year net_saving_acting_councils, net_saving_other_councils and their
// cumulative_net_saving_ (each group's with its chance of having paid back), then the whole
// run's npv_acting_councils and npv_other_councils, each with its paired interval and spread.
// It writes nothing unless both groups have a council.
func WriteNetSplit(w io.Writer, act, rest *NetCase) error {
	if act == nil || rest == nil {
		return nil
	}
	bw := bufio.NewWriter(w)
	prefix := csvField(act.Scenario) + "," + csvField(act.Baseline) + ","
	var b []byte
	row := func(period, figure string, p CaseFigure, paidBack float64) {
		b = writeCaseRow(bw, b, prefix, period, figure, p, paidBack)
	}
	for i, y := range act.Years {
		r := rest.Years[i]
		row(y.Period, "net_saving_acting_councils", y.Net, math.NaN())
		row(y.Period, "net_saving_other_councils", r.Net, math.NaN())
		row(y.Period, "cumulative_net_saving_acting_councils", y.Cumulative, y.PPaidBack)
		row(y.Period, "cumulative_net_saving_other_councils", r.Cumulative, r.PPaidBack)
	}
	row(WholeRun, "npv_acting_councils", act.NPV, math.NaN())
	row(WholeRun, "npv_other_councils", rest.NPV, math.NaN())
	return bw.Flush()
}

// BudgetHeader is the header line of budget.csv (see BudgetCheck).
const BudgetHeader = "period,budget,mean_spend,p_exceed,p_exceed_lo,p_exceed_hi,n"

// WriteBudgets writes budget.csv: a header (BudgetHeader) and one row for each check, with
// numbers in full (AppendNum).
func WriteBudgets(w io.Writer, checks []BudgetCheck) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(BudgetHeader + "\n")
	var b []byte
	for _, c := range checks {
		b = append(b[:0], csvField(c.Period)...)
		for _, v := range []float64{c.Budget, c.Mean, c.PExceed, c.Lo, c.Hi} {
			b = AppendNum(append(b, ','), v)
		}
		b = strconv.AppendInt(append(b, ','), int64(c.N), 10)
		bw.Write(append(b, '\n'))
	}
	return bw.Flush()
}
