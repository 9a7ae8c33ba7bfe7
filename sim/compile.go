package sim

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/placesim/placesim/model"
)

// ageBands are the age bands children in care are counted by, as the DfE publishes them.
var ageBands = []struct {
	name     string
	from, to float64
}{{"under_1", 0, 1}, {"1_4", 1, 5}, {"5_9", 5, 10}, {"10_15", 10, 16}, {"16_17", 16, 18}}

// bandOfYear maps a completed year of age to its index in ageBands.
var bandOfYear = [18]uint8{0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4}

// ageBandOf returns the index in ageBands of a child aged ageYears.
func ageBandOf(ageYears float64) int {
	y := int(ageYears)
	if y < 0 {
		return 0
	}
	if y > 17 {
		return len(ageBands) - 1
	}
	return int(bandOfYear[y])
}

// compiled is a scenario prepared for simulation: distributions turned into samplers, rates
// into per-day units, dates into simulation days, and the layout of every metric recorded. It
// is read-only once built, so replications running side by side share one.
type compiled struct {
	s      *model.Scenario
	cal    model.Calendar
	nKinds int // len(s.Kinds); the emergency placement is kind nKinds
	// homesKind is the council's own homes (model.Scenario.HomesKind), where a stock group's
	// homes_share starts some of its children.
	homesKind model.KindID

	stays      []stayRule
	stockStays []stayRule
	stockKinds [][]model.KindID // each stock_stays rule's Kinds
	stayingPut sampler
	careLeave  sampler

	// entryNeed and uascNeed hold the only need of each share of s.Entries.Ages and
	// s.UASC.Ages, or -1 (see only).
	entryNeed, uascNeed []int
	// entrySum and uascSum are the sums of the shares of s.Entries.Ages and s.UASC.Ages.
	entrySum, uascSum float64

	entryEventFactor float64 // children per arrival event, on average
	groupShare       float64 // probability an arrival event is a sibling group
	seasonal         bool

	finite    []bool // kinds whose places are counted (not an unlimited market)
	carerKind []bool
	churn     []bool // carer kinds whose households can deregister

	monthFactor []float64 // price factor (inflation) of each month of cal.MonthStarts
	yearDays    []float64 // days in the financial year of each month of cal.MonthStarts (365 or 366)
	entryRate   []float64 // arrival events per day in each month, before interventions
	entryIvs    bool      // whether any intervention changes the entry rate
	uascIvs     bool      // whether any intervention changes UASC arrivals
	// breakdownIvs and escalationIvs say whether any intervention scales breakdown rates or
	// the escalation share: without one, breakdowns are drawn as they always were.
	breakdownIvs, escalationIvs bool
	// whoIvs says whether an entry_rate selects some children (Who): without one, entries are
	// drawn as they always were.
	whoIvs bool
	// whoUp says whether one of them raises the rate (Factor > 1): only then do extra children
	// arrive (see streamEntryExtra).
	whoUp bool

	ivs []ivTimes // interventions with their days

	// Programme costs (see programmeCosts).
	progMonth       []float64   // the costs known in advance (one-off, yearly, units a year) falling in each month, inflated
	oneOffMonth     []float64   // the one-off costs among them (capital and set-up), inflated
	ownFactor       [][]float64 // for an intervention whose cost has its own inflation, the factor of each month; nil otherwise
	unitYearIvs     []int       // interventions paid by the household-year or child-year served
	stepdownCostIvs []int       // stepdown_rate interventions paid by the child stepped down

	// costKinds lists the kinds (the emergency placement as nKinds) whose costs at a month's
	// end can be anything but 0: priced by the week, with fixed or support costs, or with
	// staying-put young people's costs; every kind when an intervention could set a price, an
	// allowance, a fixed or a programme cost. A month's end prices only these (run.flushCosts).
	costKinds []int

	lay      layout
	gapIndex []int     // index in lay.gaps of each kind's sufficiency gap (the emergency placement last), or -1
	gapCells []gapCell // see gapCellTable
	// liveCells says the children in care are counted by gap cell as they change (childCounts)
	// rather than in a pass over them at each month's end; monthBy holds then, for each whole
	// day from 0 to cal.EndDay, the first month of cal.MonthStarts whose end is that day or
	// later (run.dueAt).
	liveCells bool
	monthBy   []int32
	budget    Budget // the work budget of one replication, derived from the scenario

	// ladderAt holds ladderIndex for each whole year of age from 0 to ageSlots-1, need and
	// UASC status (selectorSlot): a selector's ages are whole years, so a child's ladder
	// changes only on a birthday, and a search looks it up rather than trying each ladder.
	ladderAt []int32
	// stayAt holds, in the same slots, the index in stays of the rule stayFor finds.
	stayAt []int32

	// readyShare holds, at k*NumNeeds+need, the probability that a step-down review of a child
	// with that need in kind k finds them ready (model.Scenario.ReadyShare), before stepdown_rate
	// interventions; 0 for a kind that is not residential, whose children are not reviewed.
	readyShare []float64
}

type stayRule struct {
	who     model.Selector
	stay    sampler
	exits   []float64
	exit    int     // the only exit route with a share, or -1 (see only)
	exitSum float64 // the sum of exits, added in order (pick's)
}

func newStayRule(who model.Selector, stay model.Distribution, exits []float64) stayRule {
	sr := stayRule{who: who, stay: newSampler(stay), exits: exits, exit: only(exits)}
	for _, w := range exits {
		sr.exitSum += w
	}
	return sr
}

// route draws the route by which a child under the rule leaves care: pickOnly of exits, with
// their sum added once.
func (sr *stayRule) route(s *stream) model.ExitRoute {
	if sr.exit >= 0 {
		s.pcg.Uint64()
		return model.ExitRoute(sr.exit)
	}
	return model.ExitRoute(s.pickSum(sr.exits, sr.exitSum))
}

type ivTimes struct {
	model.Intervention
	from, to float64 // to is +Inf when open-ended
}

func compile(s *model.Scenario) (*compiled, error) {
	if ps := s.Validate(); ps != nil {
		return nil, fmt.Errorf("scenario %s: %w", s.Name, ps.Err())
	}
	c := &compiled{s: s, cal: model.NewCalendar(s), nKinds: len(s.Kinds), homesKind: s.HomesKind()}
	for _, r := range s.Stays {
		c.stays = append(c.stays, newStayRule(r.Who, r.Stay, r.ExitShares[:]))
	}
	for _, r := range s.StockStays {
		c.stockStays = append(c.stockStays, newStayRule(r.Who, r.Stay, r.ExitShares[:]))
		c.stockKinds = append(c.stockKinds, r.Kinds)
	}
	if s.StayingPut.Share > 0 {
		c.stayingPut = newSampler(s.StayingPut.Stay)
	}
	if s.CareLeavers.Share > 0 {
		c.careLeave = newSampler(s.CareLeavers.Stay)
	}
	for _, a := range s.Entries.Ages {
		c.entryNeed = append(c.entryNeed, only(a.NeedShares[:]))
	}
	for _, a := range s.UASC.Ages {
		c.uascNeed = append(c.uascNeed, only(a.NeedShares[:]))
	}
	c.entrySum, c.uascSum = shareSum(s.Entries.Ages), shareSum(s.UASC.Ages)
	c.entryEventFactor = 1
	if sh, m := s.Entries.SiblingShare, s.Entries.MeanGroupSize; sh > 0 {
		// A share sh of children arrive in groups of mean size m: a share q of arrival events
		// are groups, where sh = q m / (q m + 1 - q).
		c.groupShare = sh / (m - sh*m + sh)
		c.entryEventFactor = c.groupShare*m + 1 - c.groupShare
	}
	c.seasonal = s.Entries.Seasonality != [12]float64{}

	for _, iv := range s.Interventions {
		it := ivTimes{Intervention: iv, from: c.cal.DayOf(iv.From), to: math.Inf(1)}
		if !iv.To.IsZero() {
			it.to = c.cal.DayOf(iv.To)
		}
		c.ivs = append(c.ivs, it)
	}
	c.finite = make([]bool, c.nKinds)
	c.carerKind = make([]bool, c.nKinds)
	c.churn = make([]bool, c.nKinds)
	c.readyShare = make([]float64, c.nKinds*int(model.NumNeeds))
	for k, kd := range s.Kinds {
		if kd.Category == model.Residential {
			for n := range model.NumNeeds {
				c.readyShare[k*int(model.NumNeeds)+int(n)] = s.ReadyShare(model.KindID(k), n)
			}
		}
		c.finite[k] = kd.Supply != model.Market || kd.CapacityPlaces > 0
		c.carerKind[k] = kd.Supply == model.Carers
		if p := kd.Carers; p != nil {
			c.churn[k] = p.DeregistrationPerYear > 0 || p.RetirementPerYear > 0 || p.RetirementIncreasePerYearOfAge > 0
		}
	}
	for _, iv := range s.Interventions {
		if iv.Action == model.Capacity {
			c.finite[iv.Kind] = true
		}
	}
	c.priceFactors()
	c.programmeCosts()
	c.entryRate = make([]float64, len(c.cal.MonthStarts))
	for m, start := range c.cal.MonthStarts {
		years := (start - c.cal.StartDay) / model.DaysPerYear
		rate := s.Entries.PerYear * math.Pow(1+s.Entries.TrendPerYear, years)
		if c.seasonal {
			rate *= s.Entries.Seasonality[c.cal.MonthDates[m].Month()-1]
		}
		c.entryRate[m] = rate / model.DaysPerYear / c.entryEventFactor
	}
	for _, iv := range s.Interventions {
		c.entryIvs = c.entryIvs || (iv.Action == model.EntryRate && iv.Who == nil)
		c.whoIvs = c.whoIvs || (iv.Action == model.EntryRate && iv.Who != nil)
		c.whoUp = c.whoUp || (iv.Action == model.EntryRate && iv.Who != nil && iv.Factor > 1)
		c.uascIvs = c.uascIvs || iv.Action == model.UASCSurge
		c.breakdownIvs = c.breakdownIvs || iv.Action == model.BreakdownRate
		c.escalationIvs = c.escalationIvs || iv.Action == model.EscalationRate
	}
	c.costKinds = costKinds(s)
	c.lay = newLayout(c)
	c.gapIndex = make([]int, c.nKinds+1)
	for k := range c.gapIndex {
		c.gapIndex[k] = -1
	}
	for i, g := range c.lay.gaps {
		c.gapIndex[g.kind] = i
	}
	c.gapCells = c.gapCellTable()
	c.setLiveCells(liveCells(s))
	c.budget = BudgetFor(s)
	c.ladderAt = make([]int32, selectorSlots)
	for i := range c.ladderAt {
		age, need, uasc := slotChild(i)
		c.ladderAt[i] = int32(c.ladderScan(age, need, uasc))
	}
	if len(c.stays) > 0 {
		c.stayAt = make([]int32, selectorSlots)
		for i := range c.stayAt {
			age, need, uasc := slotChild(i)
			c.stayAt[i] = int32(stayIndex(c.stays, age, need, uasc))
		}
	}
	return c, nil
}

// selectorSlots is the number of selectorSlot's slots.
const selectorSlots = ageSlots * int(model.NumNeeds) * 2

// selectorSlot returns the slot of a child aged ageYears with the given need and UASC status
// among those whose whole years of age are 0 to ageSlots-1, or -1 for any other age: every
// model.Selector gives all the children of a slot the same answer, since its ages are whole
// years.
func selectorSlot(ageYears float64, need model.Need, uasc bool) int {
	if !(ageYears >= 0 && ageYears < ageSlots) || need >= model.NumNeeds {
		return -1
	}
	return (int(ageYears)*int(model.NumNeeds)+int(need))*2 + b2i(uasc)
}

// slotChild returns a child of slot i (selectorSlot): their age, need and UASC status.
func slotChild(i int) (float64, model.Need, bool) {
	return float64(i / 2 / int(model.NumNeeds)), model.Need(i / 2 % int(model.NumNeeds)), i%2 == 1
}

// priceFactors sets the price factor of every month: what the scenario's prices, written at
// its PricesFrom, are multiplied by in that month (model.Scenario.PriceFactorOn: carried to
// the start at the base rate, then at the rate in force each April). The warm-up's months,
// before the start, take the start's prices.
func (c *compiled) priceFactors() {
	c.monthFactor = make([]float64, len(c.cal.MonthDates))
	c.yearDays = make([]float64, len(c.cal.MonthDates))
	for i, d := range c.cal.MonthDates {
		c.yearDays[i] = c.cal.YearDays(i)
		if d.Before(c.s.Start) {
			d = c.s.Start
		}
		c.monthFactor[i] = c.s.PriceFactorOn(d)
	}
}

// programmeCosts works out what the interventions cost to run that is known before anything
// is simulated: one-off costs in the month they fall, yearly costs and early help's units
// day by day over the days they run in each month; and lists the interventions whose costs
// depend on what happens.
func (c *compiled) programmeCosts() {
	c.progMonth = make([]float64, len(c.cal.MonthStarts))
	c.oneOffMonth = make([]float64, len(c.cal.MonthStarts))
	c.ownFactor = make([][]float64, len(c.ivs))
	c.unitYearIvs, c.stepdownCostIvs = nil, nil
	for j, iv := range c.ivs {
		pc := iv.Cost
		if pc.OwnInflation {
			c.ownFactor[j] = c.inflate(func(time.Time) float64 { return pc.InflationPerYear })
		}
		if pc.OneOffGBP != 0 {
			on := pc.OneOffOn
			if on.IsZero() {
				on = iv.From
			}
			if d := c.cal.DayOf(on); d >= 0 && d < c.cal.EndDay {
				m := c.monthOf(d, 0)
				c.progMonth[m] += pc.OneOffGBP * c.costFactor(j, m)
				c.oneOffMonth[m] += pc.OneOffGBP * c.costFactor(j, m)
			}
		}
		if pc.PerYearGBP != 0 {
			from, to := iv.from, iv.to
			if !pc.PerYearFrom.IsZero() {
				from = c.cal.DayOf(pc.PerYearFrom)
			}
			if !pc.PerYearTo.IsZero() {
				to = c.cal.DayOf(pc.PerYearTo)
			}
			c.accrueYearly(j, from, to, pc.PerYearGBP)
		}
		if pc.PerUnitGBP == 0 {
			continue
		}
		switch iv.Action {
		case model.EntryRate:
			c.accrueYearly(j, iv.from, iv.to, pc.PerUnitGBP*pc.UnitsPerYear)
		case model.Retention, model.AllowanceUplift:
			c.unitYearIvs = append(c.unitYearIvs, j)
		case model.StepDownRate:
			c.stepdownCostIvs = append(c.stepdownCostIvs, j)
		}
	}
}

// accrueYearly adds perYear pounds a year, day by day from day from to day to, to the months
// they cover, at the price factor of intervention j's cost: a day of a financial year costs
// perYear divided by the days in that year, so that a whole year costs exactly perYear.
func (c *compiled) accrueYearly(j int, from, to, perYear float64) {
	for m, start := range c.cal.MonthStarts {
		lo, hi := max(from, start), min(to, c.cal.MonthEnd(m))
		if hi > lo {
			c.progMonth[m] += (hi - lo) * perYear / c.yearDays[m] * c.costFactor(j, m)
		}
	}
}

// costFactor returns the price factor of intervention j's cost in month m: its own inflation's,
// or the scenario's.
func (c *compiled) costFactor(j, m int) float64 {
	if f := c.ownFactor[j]; f != nil {
		return f[m]
	}
	return c.monthFactor[m]
}

// inflate returns the price factor of every month, at the rate rateAt gives each April: 1
// from the scenario's PricesFrom to the next April, compounding each April after it and
// falling each April before it (model.PriceFactor). The warm-up's months, before the start,
// take the start's prices.
func (c *compiled) inflate(rateAt func(time.Time) float64) []float64 {
	start, from := c.s.Start, c.s.PricesFrom()
	out := make([]float64, len(c.cal.MonthDates))
	for i, d := range c.cal.MonthDates {
		if d.Before(start) {
			d = start
		}
		out[i] = model.PriceFactor(from, d, rateAt)
	}
	return out
}

// stayRule returns the rule of stays under which a child of that age, need and UASC status
// stays: stayFor's, looked up by their whole years of age.
func (c *compiled) stayRule(ageYears float64, need model.Need, uasc bool) *stayRule {
	if i := selectorSlot(ageYears, need, uasc); i >= 0 && c.stayAt != nil && c.stayAt[i] >= 0 {
		return &c.stays[c.stayAt[i]]
	}
	return stayFor(c.stays, ageYears, need, uasc)
}

// stayFor returns the first rule selecting a child of that age, need and UASC status.
// Validation makes sure every child who can be in care has one (model.Scenario.Validate): a
// child none selects is an error of the program, never given some other child's rule.
func stayFor(rules []stayRule, ageYears float64, need model.Need, uasc bool) *stayRule {
	i := stayIndex(rules, ageYears, need, uasc)
	if i < 0 {
		panic(fmt.Sprintf("sim: no stay rule selects a child aged %v of %s need (UASC %v), which validation should have refused", ageYears, need, uasc))
	}
	return &rules[i]
}

// stayIndex returns the index in rules of the first rule selecting the child, or -1.
func stayIndex(rules []stayRule, ageYears float64, need model.Need, uasc bool) int {
	for i := range rules {
		if rules[i].who.Matches(ageYears, need, uasc) {
			return i
		}
	}
	return -1
}

// ladderFor returns the first ladder selecting the child, or nil.
func (c *compiled) ladderFor(ageYears float64, need model.Need, uasc bool) *model.Ladder {
	if i := c.ladderIndex(ageYears, need, uasc); i >= 0 {
		return &c.s.Ladders[i]
	}
	return nil
}

// ladderIndex returns the index of the first ladder selecting the child, or -1.
func (c *compiled) ladderIndex(ageYears float64, need model.Need, uasc bool) int {
	if i := selectorSlot(ageYears, need, uasc); i >= 0 {
		return int(c.ladderAt[i])
	}
	return c.ladderScan(ageYears, need, uasc)
}

// ladderScan is ladderIndex by trying each ladder in turn.
func (c *compiled) ladderScan(ageYears float64, need model.Need, uasc bool) int {
	for i := range c.s.Ladders {
		if c.s.Ladders[i].Who.Matches(ageYears, need, uasc) {
			return i
		}
	}
	return -1
}

// extraApprovals reports whether an extra_approvals intervention adds approvals to carer
// kind k.
func (c *compiled) extraApprovals(k int) bool {
	for _, iv := range c.ivs {
		if iv.Action == model.ExtraApprovals && int(iv.Kind) == k && iv.PerYear > 0 {
			return true
		}
	}
	return false
}

// nextChange returns the first day after t on which an intervention of one of the given
// actions starts or ends, or +Inf.
func (c *compiled) nextChange(t float64, actions ...model.Action) float64 {
	next := math.Inf(1)
	for _, iv := range c.ivs {
		for _, a := range actions {
			if iv.Action != a {
				continue
			}
			if iv.from > t && iv.from < next {
				next = iv.from
			}
			if iv.to > t && iv.to < next {
				next = iv.to
			}
		}
	}
	return next
}

// monthOf returns the index in cal.MonthStarts of the month holding day t, looking forward
// from month from (the current month) first.
func (c *compiled) monthOf(t float64, from int) int {
	for m := from; m < from+3 && m < len(c.cal.MonthStarts); m++ {
		if t >= c.cal.MonthStarts[m] && t < c.cal.MonthEnd(m) {
			return m
		}
	}
	i := sort.SearchFloat64s(c.cal.MonthStarts, t)
	if i < len(c.cal.MonthStarts) && c.cal.MonthStarts[i] == t {
		return i
	}
	return i - 1
}

// liveStayDays is the mean stay from which children are counted by gap cell as they change
// rather than in a pass at each month's end (compiled.liveCells).
const liveStayDays = 2 * model.DaysPerYear

// setLiveCells sets whether children are counted by gap cell as they change
// (compiled.liveCells), and the table that needs.
func (c *compiled) setLiveCells(live bool) {
	c.liveCells, c.monthBy = live, nil
	if !live {
		return
	}
	c.monthBy = make([]int32, int(c.cal.EndDay)+1)
	m := 0
	for d := range c.monthBy {
		for c.cal.MonthEnd(m) < float64(d) {
			m++
		}
		c.monthBy[d] = int32(m)
	}
}

// liveCells reports whether the children in care of s are best counted by gap cell as they
// change. A pass at each month's end costs the children in care, each month; counting them as
// they change costs each child's coming, placements, birthdays that begin a band and leaving,
// and reaches memory a pass does not: it pays off when children stay two years or more on
// average (the longest mean stay of s.Stays). Measured side by side, CPU time: the default
// county (stays of 758 to 2,698 days) 2.3% less counted as they change; the county-sized
// queueing pool (400-day stays) 2% more, and the queueing check (146 days) 7% more.
func liveCells(s *model.Scenario) bool {
	for _, r := range s.Stays {
		if r.Stay.Mean() >= liveStayDays {
			return true
		}
	}
	return false
}

// costKinds returns the kinds of scenario s (the emergency placement as len(s.Kinds)) whose
// costs at a month's end can be anything but 0 (see compiled.costKinds).
func costKinds(s *model.Scenario) []int {
	var ks []int
	all := len(s.Interventions) > 0 || s.StayingPut.WeeklyCostGBP != 0
	for k := range len(s.Kinds) + 1 {
		priced := all
		if k == len(s.Kinds) {
			priced = priced || s.Emergency.WeeklyCostGBP != 0
		} else {
			kd := &s.Kinds[k]
			priced = priced || kd.WeeklyCostGBP != [model.NumNeeds]float64{} || len(kd.BlockBeds) > 0 ||
				(kd.Carers != nil && kd.Carers.SupportCostPerHouseholdPerYearGBP != 0)
			for _, h := range kd.Homes {
				priced = priced || h.FixedCostPerYearGBP != 0
			}
		}
		if priced {
			ks = append(ks, k)
		}
	}
	return ks
}

// breakdownAt returns the day a placement in kind k made at day t breaks down, for a draw
// mass of a unit exponential and the kind's breakdown rate perYear for the child's need,
// against the rate the breakdown_rate interventions make it from day to day (their factors
// multiply); +Inf when it never does.
func (c *compiled) breakdownAt(k int, perYear, t, mass float64) float64 {
	for {
		mul, next := c.breakdownMul(k, t, math.Inf(1))
		// The day is worked out as the baseline's is (match.go: mass/rate*DaysPerYear), so
		// that before any factor's From a breakdown falls on the same day, bit for bit.
		rate := perYear * mul
		if rate > 0 {
			if end := t + mass/rate*model.DaysPerYear; end <= next {
				return end
			}
		}
		if math.IsInf(next, 1) {
			return next
		}
		mass -= (next - t) * rate / model.DaysPerYear
		t = next
	}
}

// breakdownMul returns the product of the factors of the breakdown_rate interventions on kind k
// in force at day t, and the first day after t, before next, on which one of them starts or
// ends (next if none does).
func (c *compiled) breakdownMul(k int, t, next float64) (float64, float64) {
	mul := 1.0
	for _, iv := range c.ivs {
		if iv.Action != model.BreakdownRate || (iv.Kind != model.AnyKind && int(iv.Kind) != k) {
			continue
		}
		if iv.from <= t && t < iv.to {
			mul *= iv.Factor
		}
		if iv.from > t && iv.from < next {
			next = iv.from
		}
		if iv.to > t && iv.to < next {
			next = iv.to
		}
	}
	return mul, next
}

// breakdownFrom is breakdownAt for a placement whose rate is first until day until and perYear
// from then on (a step-down placement's first year): +Inf when it never breaks down.
func (c *compiled) breakdownFrom(k int, first, until, perYear, t, mass float64) float64 {
	for {
		mul, next := 1.0, until
		if t >= until {
			next = math.Inf(1)
		}
		if c.breakdownIvs {
			mul, next = c.breakdownMul(k, t, next)
		}
		rate := perYear * mul
		if t < until {
			rate = first * mul
		}
		if rate > 0 {
			if end := t + mass/rate*model.DaysPerYear; end <= next {
				return end
			}
		}
		if math.IsInf(next, 1) {
			return next
		}
		mass -= (next - t) * rate / model.DaysPerYear
		t = next
	}
}

// escalationMul returns the product of the factors of the escalation_rate interventions in
// force at day t.
func (c *compiled) escalationMul(t float64) float64 {
	mul := 1.0
	for _, iv := range c.ivs {
		if iv.Action == model.EscalationRate && iv.from <= t && t < iv.to {
			mul *= iv.Factor
		}
	}
	return mul
}

// whoExtra returns, at day t, the mean over the children the entries' mix brings of
// max(whoMul - 1, 0), the extra children an entry_rate with a Who adds for each child of the
// baseline's, and the largest whoMul of such a child (1 if none is larger). A child's age is
// drawn evenly within their band, and a Who selects by whole years, so each whole year of a
// band weighs alike.
func (c *compiled) whoExtra(t float64) (mean, mmax float64) {
	mmax = 1
	for _, b := range c.s.Entries.Ages {
		if b.Share <= 0 {
			continue
		}
		var needSum float64
		for _, sh := range b.NeedShares {
			needSum += sh
		}
		years := float64(b.Ages.ToYears + 1 - b.Ages.FromYears)
		for y := b.Ages.FromYears; y <= b.Ages.ToYears; y++ {
			for n, sh := range b.NeedShares {
				if sh <= 0 {
					continue
				}
				m := c.whoMul(t, float64(y)+0.5, model.Need(n))
				if m > 1 {
					mean += b.Share / c.entrySum / years * sh / needSum * (m - 1)
					mmax = max(mmax, m)
				}
			}
		}
	}
	return mean, mmax
}

// whoMul returns the product of the factors of the entry_rate interventions with a Who in
// force at day t that select a child entering at age years with need.
func (c *compiled) whoMul(t, age float64, need model.Need) float64 {
	mul := 1.0
	for _, iv := range c.ivs {
		if iv.Action == model.EntryRate && iv.Who != nil && iv.from <= t && t < iv.to && iv.Who.Matches(age, need, false) {
			mul *= iv.Factor
		}
	}
	return mul
}
