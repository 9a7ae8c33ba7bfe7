package sim

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"unsafe"

	"github.com/placesim/placesim/model"
)

// ValidateRegion returns every problem with the region, or nil (model.Region.Validate): a
// region that validates can be run.
func ValidateRegion(reg *model.Region) model.Problems { return reg.Validate() }

// regionPlan is a region prepared for simulation: each council's scenario compiled on the
// region's clock, the councils' shared kinds, and the layout of the results. It is read-only
// once built, so replications running side by side share one.
type regionPlan struct {
	reg   *model.Region
	names []string // the councils' names
	cs    []*compiled
	cal   model.Calendar
	// marketOf gives, for each council and kind (the emergency placement last), the shared
	// market the kind buys from, or -1; buyers lists each market's councils and kinds.
	marketOf [][]int16
	buyers   [][]councilKind
	shares   []bool // councils with a shared kind: their results carry the market's metrics
	ivs      []int  // region interventions in date order (stable)
	// area gives, for each zone, the area a child placed there is within (model.Region.Areas):
	// a shared market's child is out of area when their place's area is not their council's.
	area  []int
	ivDay []float64

	// Layout of the results: each council's names, the total's, and where each council's
	// metric and KPI lands in the total's.
	councilRes []*Results
	total      *Results
	mapM, mapK [][]int
	// The market's metrics and KPIs in the total: from mBase and kBase on, for each market,
	// places, occupied and occupancy, in all and then by zone.
	mBase, kBase int
	totalCost    [5]int // positions of cost_total and its four parts in the total's KPIs
	totalCostM   [5]int // and in its metrics
}

// nMarketCols is the number of market metrics of one market: places, occupied, occupancy, in
// all and in each zone (nZoneCols), then its children in care, out of area and over 20 miles
// (nPlacedCols).
func (p *regionPlan) nMarketCols() int { return p.nZoneCols() + nPlacedCols }

func (p *regionPlan) nZoneCols() int { return 3 * (1 + len(p.reg.Zones)) }

// nPlacedCols is the number of a market's metrics of where its children come from: children in
// care, out of area, its share, over 20 miles, its share.
const nPlacedCols = 5

func planRegion(reg *model.Region, seed uint64) (*regionPlan, error) {
	if ps := reg.Validate(); ps != nil {
		return nil, fmt.Errorf("region %s: %w", reg.Name, ps.Err())
	}
	p := &regionPlan{reg: reg, area: reg.Areas()}
	for _, c := range reg.Councils {
		p.names = append(p.names, c.Name)
	}
	p.buyers = make([][]councilKind, len(reg.Markets))
	var first *compiled
	for i := range reg.Councils {
		s := reg.CouncilScenario(i)
		if first != nil {
			shareScenario(s, first.s)
		}
		c, err := compile(s)
		if err != nil {
			return nil, fmt.Errorf("region %s: council %s: %w", reg.Name, reg.Councils[i].Name, err)
		}
		// A region's councils take turns, each finding its data out of the processor's caches:
		// the children in care are counted in a pass at each month's end, which reads them
		// in one sweep, rather than as they change (compiled.liveCells), which reaches the
		// council's counts at every change. The records are the same either way.
		c.setLiveCells(false)
		if first == nil {
			first = c
		} else {
			shareTables(c, first)
		}
		p.cs = append(p.cs, c)
		mo := make([]int16, c.nKinds+1)
		shared := false
		for k := range mo {
			mo[k] = -1
			if k < c.nKinds {
				if mi := reg.MarketOf(c.s.Kinds[k].Name); mi >= 0 {
					mo[k] = int16(mi)
					p.buyers[mi] = append(p.buyers[mi], councilKind{i, k})
					shared = true
				}
			}
		}
		p.marketOf = append(p.marketOf, mo)
		p.shares = append(p.shares, shared)
	}
	p.cal = p.cs[0].cal
	for i := range reg.Interventions {
		p.ivs = append(p.ivs, i)
	}
	slices.SortStableFunc(p.ivs, func(a, b int) int {
		return reg.Interventions[a].On.Compare(reg.Interventions[b].On)
	})
	for _, i := range p.ivs {
		p.ivDay = append(p.ivDay, p.cal.DayOf(reg.Interventions[i].On))
	}
	p.layout(seed)
	return p, nil
}

// The positions of a council's extra KPIs after its own, in the order of councilKPIs.
const (
	xkOut = iota
	xkOutShare
	xkFar
	xkFarShare
	xkPlacements
	xkSpot
	xkMultSum
	xkMult
	xkOver10k
	nXK
)

// councilKPIs are the names of a council's extra KPIs.
var councilKPIs = [nXK]string{ChildrenOutOfArea, OutOfAreaShare, ChildrenOver20Miles, Over20MilesShare, MarketPlacements, SpotPlacements, SpotPriceMultiplierSum, SpotPriceMultiplier, PlacementsOver10k}

// layout names every council's results and the total's.
func (p *regionPlan) layout(seed uint64) {
	reg := p.reg
	for i, c := range p.cs {
		res := c.results(seed)
		if p.shares[i] {
			res.Metrics = append(slices.Clip(res.Metrics), councilMetrics[:]...)
			base := len(res.KPIs)
			res.KPIs = append(slices.Clip(res.KPIs), councilKPIs[:]...)
			res.Ratios = append(slices.Clip(res.Ratios),
				Ratio{KPI: base + xkOutShare, Num: base + xkOut, Den: c.lay.kCLA},
				Ratio{KPI: base + xkFarShare, Num: base + xkFar, Den: c.lay.kCLA},
				Ratio{KPI: base + xkMult, Num: base + xkMultSum, Den: base + xkSpot})
		}
		p.councilRes = append(p.councilRes, res)
	}
	// The total: the union of the councils' names, in order of first appearance.
	tot := &Results{Seed: seed, Months: p.councilRes[0].Months, Periods: p.councilRes[0].Periods}
	s := *p.cs[0].s
	s.Name, s.Description = reg.Name, reg.Description
	s.Kinds, s.Interventions = nil, nil
	kinds := map[string]bool{}
	for _, c := range p.cs {
		for _, kd := range c.s.Kinds {
			if !kinds[kd.Name] {
				kinds[kd.Name] = true
				s.Kinds = append(s.Kinds, kd)
			}
		}
	}
	tot.Scenario = &s
	union := func(names *[]string, index map[string]int, of []string) []int {
		m := make([]int, len(of))
		for j, n := range of {
			at, ok := index[n]
			if !ok {
				at = len(*names)
				index[n] = at
				*names = append(*names, n)
			}
			m[j] = at
		}
		return m
	}
	mIndex, kIndex := map[string]int{}, map[string]int{}
	ratios := map[int]bool{}
	for _, res := range p.councilRes {
		p.mapM = append(p.mapM, union(&tot.Metrics, mIndex, res.Metrics))
		mk := union(&tot.KPIs, kIndex, res.KPIs)
		p.mapK = append(p.mapK, mk)
		for _, r := range res.Ratios {
			if !ratios[mk[r.KPI]] {
				ratios[mk[r.KPI]] = true
				tot.Ratios = append(tot.Ratios, Ratio{KPI: mk[r.KPI], Num: mk[r.Num], Den: mk[r.Den]})
			}
		}
	}
	p.mBase, p.kBase = len(tot.Metrics), len(tot.KPIs)
	for _, m := range reg.Markets {
		names := []string{MarketPlaces(m.Kind), MarketOccupied(m.Kind), MarketOccupancy(m.Kind)}
		for _, z := range reg.Zones {
			names = append(names, MarketPlacesIn(m.Kind, z.Name), MarketOccupiedIn(m.Kind, z.Name), MarketOccupancyIn(m.Kind, z.Name))
		}
		for j := 0; j < len(names); j += 3 {
			at := len(tot.KPIs)
			tot.Ratios = append(tot.Ratios, Ratio{KPI: at + 2, Num: at + 1, Den: at})
			tot.Metrics = append(tot.Metrics, names[j:j+3]...)
			tot.KPIs = append(tot.KPIs, names[j:j+3]...)
		}
		at := len(tot.KPIs)
		placed := []string{MarketChildren(m.Kind), MarketOutOfArea(m.Kind), MarketOutOfAreaShare(m.Kind), MarketOver20Miles(m.Kind), MarketOver20MilesShare(m.Kind)}
		tot.Ratios = append(tot.Ratios, Ratio{KPI: at + 2, Num: at + 1, Den: at}, Ratio{KPI: at + 4, Num: at + 3, Den: at})
		tot.Metrics = append(tot.Metrics, placed...)
		tot.KPIs = append(tot.KPIs, placed...)
	}
	for j, n := range []string{CostTotal, CostPlacements, CostCarers, CostOwnProvision, CostProgramme} {
		p.totalCost[j], p.totalCostM[j] = kIndex[n], mIndex[n]
	}
	p.total = tot
}

// results returns the region's empty results.
func (p *regionPlan) results() *RegionResults {
	out := &RegionResults{Region: p.reg, Seed: p.total.Seed}
	for _, res := range p.councilRes {
		cp := *res
		out.Councils = append(out.Councils, &cp)
	}
	tot := *p.total
	out.Total = &tot
	return out
}

// PrepareRegion returns the empty results of region reg run with seed: the names of everything
// each council and the total record, and no replications (for merging shards). It returns an
// error if the region does not validate.
func PrepareRegion(reg *model.Region, seed uint64) (*RegionResults, error) {
	p, err := planRegion(reg, seed)
	if err != nil {
		return nil, err
	}
	return p.results(), nil
}

// regionRun is one replication of a region: a run of each council's scenario, the shared
// markets, and the order they run in.
//
// The councils run in one time order: the next event fired is always the earliest of any
// council's, ties going to the council that comes first in the replication's order of turns
// (turnOrder: a draw keyed by the councils' names, not their order in the region's file), so
// that a place one council takes at a time is not there for a council whose search comes
// later. A tournament tree of councils, keyed by their next event's time and their place in
// that order, finds it in log2(councils) comparisons a change. The region's own changes (a month's end, when the shared markets are recorded and
// providers' places grow, and the region's interventions) come before every council's events
// at the same time.
//
// A council cannot run ahead of the others through a stretch of its own events: a place freed
// in any council is offered at once to the children waiting in every council that buys the
// kind (offerFreed), and in the South East some child waits in a council's emergency
// placements at 98% of its events, so the next event of any council may place a child in any
// other. Even counted generously, the events that never use the markets (a month's
// bookkeeping, applications, approvals, care leavers' ends, exits from the council's own
// places) are 22% of a council's events there, in stretches of 1.3 on average. And
// even councils sharing nothing (BenchmarkRegion15Unshared), run a month at a time (the
// longest stretch the region's month ends allow), cost 1.75 times the CPU of the same
// councils run alone, against 1.95 times event by event: what the one time order costs is
// the councils' data falling out of the processor's caches between months as much as
// between events.
//
// The South East's councils take turns of 1.15 events on average. Run with no shared market
// (their results then do not depend on the order), event by event they cost 1.45 times the
// CPU of each council's run taken whole, which costs what the councils cost alone; in turns
// of 64 events, 1.2 times; the shared markets add 1.13 times on top. What is read ahead of a
// council's turn (its next event and the child it concerns, while the council before it
// fires) costs more than it saves: 6% more CPU. What a council's next event will read is
// asked for instead at the end of its own turn, when its list of events is at hand, with the
// processor's prefetch, which does not wait for the line (nextAhead): the line comes while the
// other councils take their turns, and a South East replication takes about 7% less CPU (a
// plain read there saves nothing: it waits as the event would). A place freed is offered to
// 1.9 councils on average, and 97% of them leave it free.
//
// What the one time order costs grows with the number of councils rather than with how often
// they take turns: 3 of those councils run together with no shared market cost 1.23 times the
// CPU of the same councils run alone (BenchmarkRegion3Unshared against BenchmarkRegion3Alone),
// 15 of them 1.81 times (BenchmarkRegion15Unshared against BenchmarkRegion15Alone, whole
// processes on a busy machine), their turns as short. One council's children, carer
// households and events ahead fit in the processor's second-level cache, and 15 councils' do
// not: the extra CPU is spread over every kind of event, most of it in reading the child an
// event concerns (24 times the CPU of the councils run alone) and in scheduling events days
// ahead (3.7 times). A council running ahead of the others, batches of its own events or a
// cheaper turn leave that as it is; less memory a council shrinks it (the event list's
// buckets of 16 days rather than 1: regionBucketShift), and so does asking for a council's
// next lines before its turn comes (nextAhead): with both, those 15 councils cost 1.60 times
// their CPU alone rather than 2.06 (whole processes, on a busy machine).
type regionRun struct {
	p    *regionPlan
	runs []*run
	cms  []*councilMarket // each council's side of the shared markets, or nil
	mk   []*marketState
	// tree is a tournament tree of the councils, each node a council and its key, the time of its
	// next event (+Inf for none left to fire): leaf len(tree)/2+rank[i] holds council i (a leaf
	// past the last council holds len(runs) at +Inf), and each node above it the winner of its two
	// children, the council whose next event comes first, the left one (the council first in the
	// order of turns) on a tie. The root, tree[1], is the council to fire next; when a council's
	// key changes, setKey plays again the log2(councils) matches on its way to the root. The keys
	// lie in the nodes, side by side with the councils, so that a match reads one pair of
	// neighbouring nodes.
	tree []treeNode
	// order is the order the councils take their turns in this replication (turnOrder), the
	// same whatever order the region's file lists them in; rank gives each council's position
	// in it.
	order, rank []int32
	cur         int // the council firing an event, or -1
	// pending lists the providers with places newly free, to offer once the event under way
	// is over (offerFreed).
	pending []freedPlace
	// awaiting lists the refusals waiting for the moveOn of the council that freed the place
	// (offerFreed).
	awaiting []awaited
	// offers is offerFreed's list of the councils to offer a place to, kept from one place to
	// the next.
	offers []offer
	// waits holds each council's children waiting in emergency placements as offerFreed reads
	// them (noteWait), side by side, so that offering a place reads a line or two of them
	// rather than a line of each council's run.
	waits []waitSig
	now   float64 // the time of the event or change under way
	// next is the time of the region's next change (nextChange), kept up to date by start and
	// change so that the loop over events need not work it out at every event.
	next float64
	// month is the region's current month; nextIv the next of p.ivs to apply.
	month, nextIv int
	// startCLA is each council's children in care at the region's Start (after the warm-up;
	// at the first day of the warm-up until then), which shares the region's programme costs
	// and the cost of pooled places no child used.
	startCLA []float64
	// mrec and mintg hold the markets' metrics at each reported month's end and their
	// integrals over it (places, occupied, for each market, in all and by zone).
	mrec, mintg []float64
	check       bool
	// offering is the position in pending of the place offerFreed is offering, or -1. With
	// the check on, a council's moveOn run for it while places after it are still to be
	// offered leaves its children's check to the end of the offers (checkLater, verifyLater).
	offering   int
	checkLater []int
	// settling is set while settleStock places the starting stock's children in the shared
	// markets: providers take them by the age their placement began (run.stockAge).
	settling bool
	stop     func() bool
	stopped  bool
	events   int
	// merged holds each council's monthly record with its market columns, and mergedTotal the
	// total's, reused from one replication to the next while the records go to stores (record).
	merged      [][]float64
	mergedTotal []float64
}

// regionBucketShift makes a council's event list's buckets span 16 days in a region
// (eventList.setBucketShift), where a day's bucket costs the list a line of memory a day that
// has left the processor's caches by the council's next turn: a South East replication takes
// about 12% less CPU than with buckets of a day (8 days: 6%; 32 days: as 16; 64 days: 4% more
// than 16).
const regionBucketShift = 4

func newRegionRun(p *regionPlan) *regionRun {
	rr := &regionRun{p: p, offering: -1}
	for i, c := range p.cs {
		r := newRun(c)
		r.q.setBucketShift(regionBucketShift)
		rr.runs = append(rr.runs, r)
		var cm *councilMarket
		if p.shares[i] {
			months := c.cal.ReportedMonths()
			cm = &councilMarket{
				rr: rr, ci: i, zone: p.reg.Councils[i].Zone, market: p.marketOf[i],
				draws:     make([]bool, c.nKinds+1),
				premium:   make([]level, (c.nKinds+1)*int(model.NumNeeds)),
				pooledUse: make([]level, len(p.reg.Markets)),
				x:         make([]float64, months*nX),
				xIntg:     make([]float64, months*2),
			}
		}
		if cm != nil {
			for k, kd := range p.reg.Councils[i].Scenario.Kinds {
				cm.draws[k] = cm.market[k] >= 0 && kd.CapacityPlaces == 0
			}
		}
		rr.cms = append(rr.cms, cm)
		r.market = cm
	}
	rr.waits = make([]waitSig, len(p.cs))
	rr.startCLA = make([]float64, len(p.cs))
	months := p.cal.ReportedMonths()
	n := len(p.reg.Markets) * p.nMarketCols()
	rr.mrec = make([]float64, months*n)
	rr.mintg = make([]float64, months*n)
	return rr
}

// simulate runs replication rep of the region with master seed seed.
func (rr *regionRun) simulate(seed uint64, rep int) error {
	if err := rr.start(seed, rep); err != nil {
		return err
	}
	for ci := range rr.runs {
		rr.noteWait(ci)
	}
	end := rr.p.cal.EndDay
	for {
		ci, t := int(rr.tree[1].ci), rr.tree[1].t()
		if math.IsInf(t, 1) {
			break
		}
		if t >= rr.next && !rr.monthFirst(ci, t) {
			rr.change()
			rr.offerFreed()
			continue
		}
		if t < rr.now {
			panic("sim: region clock went back")
		}
		r := rr.runs[ci]
		rr.cur, rr.now = ci, t
		r.step()
		rr.cur = -1
		if r.err != nil {
			return r.err
		}
		rr.noteWait(ci)
		rr.setKey(ci, r.nextAhead(end))
		if len(rr.pending) > 0 {
			rr.offerFreed()
		}
		if len(rr.awaiting) > 0 {
			rr.refusals(ci)
		}
		rr.events++
		if rr.stop != nil && rr.events%stopEvery == 0 && rr.stop() {
			rr.stopped = true
			return nil
		}
	}
	for rr.next <= end {
		rr.change()
		rr.offerFreed()
	}
	return nil
}

// start sets up replication rep: the order of turns, every council's starting state, in that
// order, and the shared markets' providers.
func (rr *regionRun) start(seed uint64, rep int) error {
	p := rr.p
	reg := p.reg
	rr.now, rr.month, rr.nextIv, rr.cur, rr.stopped, rr.events = 0, 0, 0, -1, false, 0
	clear(rr.mrec)
	clear(rr.mintg)
	rr.order = turnOrder(seed, rep, p.names)
	if rr.rank == nil {
		rr.rank = make([]int32, len(rr.order))
	}
	for at, ci := range rr.order {
		rr.rank[ci] = int32(at)
	}
	rr.initTree()
	rr.mk = rr.mk[:0]
	for mi := range reg.Markets {
		// A market's buyers in the order of turns: the small model of settleStock, the
		// shares of pooled blocks and the offers of a freed place to councils whose children
		// came to wait at the same time go in that order.
		buyers := slices.Clone(p.buyers[mi])
		slices.SortFunc(buyers, func(a, b councilKind) int {
			return cmp.Compare(rr.rank[a.council], rr.rank[b.council])
		})
		rr.mk = append(rr.mk, newMarketState(reg, &reg.Markets[mi], buyers))
	}
	for i, r := range rr.runs {
		r.reset(CouncilSeed(seed, reg.Councils[i].Name), rep)
		if cm := rr.cms[i]; cm != nil {
			cm.reset(r)
		}
	}
	for _, i := range rr.order {
		r := rr.runs[i]
		rr.cur = int(i)
		r.setup()
		if r.err != nil {
			return r.err
		}
		rr.startCLA[i] = float64(len(r.inCare))
	}
	// The stock's children settle in the shared markets, and take the places that frees,
	// before the run's first day: none of it is a flow of the first month (run.stocking).
	for _, r := range rr.runs {
		r.stocking = true
	}
	defer func() {
		for _, r := range rr.runs {
			r.stocking = false
		}
	}()
	opened := rr.settleStock(seed, rep)
	rr.cur = -1
	rr.pending, rr.awaiting = rr.pending[:0], rr.awaiting[:0]
	rr.next = rr.nextChange()
	m := len(rr.tree) / 2
	for i, r := range rr.runs {
		rr.tree[m+int(rr.rank[i])].key = math.Float64bits(r.nextAt(rr.p.cal.EndDay))
	}
	rr.playAll()
	// The places the stock's children left as they settled go to the children waiting.
	if len(opened) > 0 {
		for ci := range rr.runs {
			rr.noteWait(ci)
		}
		rr.pending = append(rr.pending, opened...)
		rr.offerFreed()
	}
	return nil
}

// nextChange returns the time of the region's next change: the end of its current month, or
// an intervention's day if earlier.
func (rr *regionRun) nextChange() float64 {
	t := math.Inf(1)
	if rr.month < len(rr.p.cal.MonthStarts) {
		t = rr.p.cal.MonthEnd(rr.month)
	}
	if rr.nextIv < len(rr.p.ivs) {
		t = min(t, rr.p.ivDay[rr.nextIv])
	}
	return t
}

// monthFirst reports whether council ci's next event, at t, the time of the region's next
// change, is the council's month boundary, which goes first when that change is an
// intervention: a change dated the 1st of a month starts in that month, as a council's own
// interventions do, and what it brings about (the places a provider opening offers the
// children waiting) counts in that month and its financial year, not the month before. The
// region's own month end keeps its place before the councils' month boundaries.
func (rr *regionRun) monthFirst(ci int, t float64) bool {
	if t != rr.next || (rr.month < len(rr.p.cal.MonthStarts) && rr.p.cal.MonthEnd(rr.month) <= rr.next) {
		return false
	}
	r := rr.runs[ci]
	if r.q.len() == 0 {
		return false
	}
	return r.q.peek().month()
}

// change makes the region's next change: a month's end first, then the interventions of that
// day in order.
func (rr *regionRun) change() {
	p := rr.p
	if rr.month < len(p.cal.MonthStarts) && p.cal.MonthEnd(rr.month) <= rr.next {
		rr.endMonth()
	} else {
		i := p.ivs[rr.nextIv]
		rr.now = p.ivDay[rr.nextIv]
		rr.nextIv++
		rr.intervene(i)
	}
	rr.next = rr.nextChange()
}

// nextAt returns the time of the run's next event within the horizon, the day end (the
// region's last, which is every council's), or +Inf when it has none left to fire.
func (r *run) nextAt(end float64) float64 {
	if r.err != nil || r.q.len() == 0 {
		return math.Inf(1)
	}
	e := r.q.peek()
	if e.t > end || (e.t == end && e.typ() != evMonth) {
		return math.Inf(1)
	}
	return e.t
}

// nextAhead returns nextAt(end), and asks the processor for the lines of the child or
// household the run's next event concerns (prefetch): the council's turn comes again after the
// other councils' turns, by when the lines have come from memory, rather than the turn waiting
// for them. What it fetches changes nothing the run computes.
func (r *run) nextAhead(end float64) float64 {
	if r.err != nil || r.q.len() == 0 {
		return math.Inf(1)
	}
	e := r.q.peek()
	if e.t > end || (e.t == end && e.typ() != evMonth) {
		return math.Inf(1)
	}
	id := e.id()
	switch e.typ() {
	case evExit, evStayingPutEnd:
		r.prefetchChild(id, false)
	case evCareLeaverEnd:
		prefetch(unsafe.Pointer(&r.children[id]))
	case evBreakdown, evReview, evRetry:
		r.prefetchChild(id, true)
	case evArrival, evUASCArrival:
		if n := len(r.free); n > 0 {
			r.prefetchChild(r.free[n-1], true)
		}
	case evHouseholdClose, evDeregister:
		prefetch(unsafe.Pointer(&r.households[id]))
	}
	return e.t
}

// prefetchChild asks for the lines of child id that an event of theirs reads: the child, their
// shared market place, and with cold the rest of the child, which a search reads.
func (r *run) prefetchChild(id int32, cold bool) {
	prefetch(unsafe.Pointer(&r.children[id]))
	if cold {
		prefetch(unsafe.Pointer(&r.cold[id]))
	}
	if cm := r.market; cm != nil && int(id) < len(cm.at) {
		prefetch(unsafe.Pointer(&cm.at[id]))
	}
}

// step fires the run's next event, as simulate's loop does.
func (r *run) step() {
	e := r.q.pop()
	if e.t < r.now {
		panic("sim: clock went back")
	}
	r.now = e.t
	r.fire(e)
	r.events++
	r.steps++
	if r.steps > r.budget.Steps {
		r.overBudget("steps", r.budget.Steps)
	}
}

// freed notes that provider prov of market mi has a place free that it had not: once the
// event or change under way is over, the place is offered to the children waiting in every
// council that buys the kind (offerFreed).
func (rr *regionRun) freed(mi, prov int) {
	f := freedPlace{mi, prov, rr.cur}
	if !slices.Contains(rr.pending, f) {
		rr.pending = append(rr.pending, f)
	}
}

// offerFreed offers each place freed (freed) to the children waiting in emergency
// placements in the councils that buy the kind, first come first served: the council whose
// child has waited longest of those who could take the place (waitedFor) is offered it first,
// then the next, until none of the provider's places is free; councils whose children came to
// wait at the same time, or none of whose children could take it, go in the order of turns
// (turnOrder). Neither the order the region's file lists the councils in nor their names gives
// one a place before another. A council's children are offered it as a place of its own coming
// free would be, at once: placesFreed, then its moveOn, which places its own children longest
// waiting first. The council whose child freed the place offers it to its own children at its
// own moveOn, due already: at once when a council after it is to be offered the place, and
// otherwise after the others' offers, when the moveOn comes in its turn.
//
// A council none of whose children waits for a place of the kind (placesFreed marks none),
// with no birthday due and no moveOn due, is passed over without its placesFreed: at 90% of
// the offers the South East's councils have not refused before, this reads three lines of the
// council's run rather than its list of events and its children waiting.
//
// When a council's children leave the place free, the market notes that the provider has
// nothing for them (a refusal, see refusal), and passes the council over when a place is
// freed there again, until a child has joined those waiting in it or one of them has had a
// birthday.
func (rr *regionRun) offerFreed() {
	for n := 0; n < len(rr.pending); n++ {
		rr.offering = n
		f := rr.pending[n]
		ms := rr.mk[f.mi]
		for len(ms.refused) <= f.prov {
			ms.refused = append(ms.refused, nil)
		}
		if ms.refused[f.prov] == nil {
			ms.refused[f.prov] = make([]refusal, len(ms.councils))
		}
		refs := ms.refused[f.prov]
		pv := &ms.prov[f.prov]
		if pv.free() == 0 {
			continue
		}
		// The councils to offer the place to: those with children waiting who have not
		// refused it, in the order of turns.
		offers := rr.offers[:0]
		for j, ck := range ms.councils {
			w := rr.waits[ck.council]
			r := rr.runs[ck.council]
			if rr.check && w != (waitSig{r.wait.seq, len(r.emergency)}) {
				panic(fmt.Sprintf("sim: council %d's children waiting noted as %+v, not as they are", ck.council, w))
			}
			if w.n == 0 {
				continue
			}
			if rf := &refs[j]; rf.ok && rr.now < rf.until && rf.same(w, r) {
				if rr.check {
					rr.verifyRefusal(f, ck)
				}
				continue
			}
			offers = append(offers, offer{j: int32(j)})
		}
		if len(offers) > 1 {
			// First come first served: by the day the council's child who has waited
			// longest for the place came to wait, the order of turns on a tie.
			for x := range offers {
				ck := ms.councils[offers[x].j]
				r := rr.runs[ck.council]
				r.now = max(r.now, rr.now)
				offers[x].since = rr.waitedFor(f, ck)
			}
			slices.SortStableFunc(offers, func(a, b offer) int { return cmp.Compare(a.since, b.since) })
		}
		for x, o := range offers {
			if pv.free() == 0 {
				break
			}
			j := int(o.j)
			ck := ms.councils[j]
			r := rr.runs[ck.council]
			free := pv.free()
			if ck.council == f.by && r.moveOnDue && x == len(offers)-1 {
				// Its own moveOn, already due, offers the place to its children.
				rr.awaiting = append(rr.awaiting, awaited{f, j, free})
				continue
			}
			r.now = max(r.now, rr.now)
			if !r.moveOnDue && r.wait.filled[ck.kind] == 0 && !r.birthdayDue() {
				// placesFreed would do nothing, and no moveOn runs: the council is left as it
				// is, its children refusing the place.
				refs[j] = refusalOf(r, rr.now)
				continue
			}
			rr.cur = ck.council
			r.placesFreed(ck.kind)
			if r.moveOnDue {
				r.moveOn()
			}
			rr.cur = -1
			rr.noteWait(ck.council)
			if t := r.nextAhead(rr.p.cal.EndDay); t != rr.keyOf(ck.council) {
				rr.setKey(ck.council, t)
			}
			if pv.free() == free {
				refs[j] = refusalOf(r, rr.now)
			}
		}
		rr.offers = offers[:0]
	}
	rr.offering = -1
	rr.pending = rr.pending[:0]
	if rr.check {
		rr.verifyLater()
	}
}

// laterToOffer reports whether offerFreed is offering a place with more places after it to
// offer: places of another market, or of another provider, that a council's children waiting
// may take when they are offered them, and not at the moveOn of the place before (see
// run.moveOn).
func (rr *regionRun) laterToOffer() bool {
	return rr.offering >= 0 && rr.offering+1 < len(rr.pending)
}

// verifyLater checks, once offerFreed has offered every place freed, that the children
// waiting in the councils whose moveOn it ran with places still to offer (checkLater) have no
// room on their ladders, as moveOn checks when no place is left to offer. A council whose own
// moveOn is still due (the place it freed awaits it) is checked there.
func (rr *regionRun) verifyLater() {
	for _, ci := range rr.checkLater {
		if r := rr.runs[ci]; !r.moveOnDue {
			r.verifyWaiting(r.emergency)
		}
	}
	rr.checkLater = rr.checkLater[:0]
}

// offer is a council offered a place freed (offerFreed): its position j among the market's
// buyers, and the day its child who has waited longest for the place came to wait (waitedFor).
type offer struct {
	j     int32
	since float64
}

// waitedFor returns the day the child of council ck's who has waited longest in an emergency
// placement, of those who could take provider f's place freed, came to wait there: a child whom
// the provider and the kind accept, for whom the kind is an option and on their ladder from the
// rung their search starts at, in the council's reach of the provider. It returns +Inf when
// none could.
func (rr *regionRun) waitedFor(f freedPlace, ck councilKind) float64 {
	ms := rr.mk[f.mi]
	pv := &ms.prov[f.prov]
	r, cm := rr.runs[ck.council], rr.cms[ck.council]
	if !slices.Contains(ms.order[cm.zone], int32(f.prov)) {
		return math.Inf(1)
	}
	// r.emergency keeps the order the children came to wait in: the first who could take the
	// place has waited longest.
	for _, id := range r.emergency {
		ch := &r.children[id]
		age := ch.ageAt(rr.now)
		if !r.accepts(ck.kind, ch) || !r.option(ck.kind, id) || !pv.accepts.Matches(age, ch.need, ch.uasc) {
			continue
		}
		if l := r.c.ladderFor(age, ch.need, ch.uasc); l != nil && slices.Contains(l.Try[firstRung(l, &r.cold[id]):], model.KindID(ck.kind)) {
			return cm.since[id]
		}
	}
	return math.Inf(1)
}

// waitSig is what offerFreed reads of a council's children waiting in emergency placements:
// the council's count of children who joined them so far (waiting.seq) and how many wait.
type waitSig struct {
	seq uint64
	n   int
}

// noteWait notes council ci's children waiting in emergency placements (regionRun.waits),
// after anything that may have changed them: an event of the council's, a place offered to
// them, the council's set-up.
func (rr *regionRun) noteWait(ci int) {
	r := rr.runs[ci]
	rr.waits[ci] = waitSig{r.wait.seq, len(r.emergency)}
}

// awaited is a place left free by the other councils' children, waiting for the council that
// freed it (the j-th buyer of its kind) to offer it to its own children (its moveOn); free is
// the provider's free places then.
type awaited struct {
	f    freedPlace
	j    int
	free int
}

// refusals notes the refusals that waited for council ci's moveOn, now that it has run, if
// no child took a place there meanwhile.
func (rr *regionRun) refusals(ci int) {
	r := rr.runs[ci]
	if r.moveOnDue {
		return
	}
	kept := rr.awaiting[:0]
	for _, a := range rr.awaiting {
		switch ms := rr.mk[a.f.mi]; {
		case a.f.by != ci:
			kept = append(kept, a)
		case ms.prov[a.f.prov].free() == a.free:
			ms.refused[a.f.prov][a.j] = refusalOf(r, rr.now)
		}
	}
	rr.awaiting = kept
}

// verifyRefusal checks what offerFreed assumes when it passes over a council whose children
// refused a provider: that none of them could take its place freed now. It panics otherwise
// (a bug); tests run with it on.
func (rr *regionRun) verifyRefusal(f freedPlace, ck councilKind) {
	ms := rr.mk[f.mi]
	pv := &ms.prov[f.prov]
	r := rr.runs[ck.council]
	for _, id := range r.emergency {
		ch := &r.children[id]
		if !r.accepts(ck.kind, ch) || !r.option(ck.kind, id) || !pv.accepts.Matches(ch.ageAt(rr.now), ch.need, ch.uasc) || !slices.Contains(ms.order[rr.cms[ck.council].zone], int32(f.prov)) {
			continue
		}
		l := r.c.ladderFor(ch.ageAt(rr.now), ch.need, ch.uasc)
		if l != nil && slices.Contains(l.Try[firstRung(l, &r.cold[id]):], model.KindID(ck.kind)) {
			panic(fmt.Sprintf("sim: provider %s of %s passed over with a place free while council %d's child %d waits for it", pv.name, ms.kind, ck.council, id))
		}
	}
}

// freedPlace is a provider of a shared market with a place newly free, and the council whose
// child freed it (-1 for none).
type freedPlace struct{ mi, prov, by int }

// treeNode is a node of regionRun.tree: a council and the time of its next event, as the
// bits of the float64 (math.Float64bits): for times of 0 or more, +Inf among them, the bits
// as unsigned numbers are ordered as the times are, so that a match compares two integers
// and its winner is chosen by two conditional moves, without a branch (which council wins is a
// coin toss to the processor's branch predictor). A council's clock starts at day 0, the
// warm-up's first, and never goes back, nor does it reach -0 or NaN.
type treeNode struct {
	key uint64
	ci  int32
}

// t returns the node's time.
func (n treeNode) t() float64 { return math.Float64frombits(n.key) }

// initTree makes the tree of the councils in the order of turns rr.order (see
// regionRun.tree), every key +Inf.
func (rr *regionRun) initTree() {
	n := len(rr.order)
	m := 1
	for m < n {
		m *= 2
	}
	if len(rr.tree) != 2*m {
		rr.tree = make([]treeNode, 2*m)
	}
	for i := range m {
		ci := int32(n)
		if i < n {
			ci = rr.order[i]
		}
		rr.tree[m+i] = treeNode{key: math.Float64bits(math.Inf(1)), ci: ci}
	}
	rr.playAll()
}

// streamRegionTurns is the stream of the draws of the order a region's councils take their
// turns in (turnOrder), beside the stream identifiers of rand.go.
const streamRegionTurns uint64 = 67

// turnOrder returns the order in which the councils named names take their turns in
// replication rep of master seed: at events of the same time, at the start as each sets up
// its stock, and where two children who wait for a place of a shared market came to wait at
// the same time (offerFreed). Each council's place is a draw of its own, from its own seed
// (CouncilSeed), so the order is the same whatever order the region's file lists the councils
// in, and changes from one replication to the next: no council comes first by its name or its
// place in the file.
func turnOrder(seed uint64, rep int, names []string) []int32 {
	keys := make([]uint64, len(names))
	order := make([]int32, len(names))
	for i, n := range names {
		s := newStream(CouncilSeed(seed, n), rep, streamRegionTurns, 0)
		keys[i] = s.pcg.Uint64()
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := cmp.Compare(keys[a], keys[b]); c != 0 {
			return c
		}
		return strings.Compare(names[a], names[b])
	})
	return order
}

// playAll plays every match of the tree again, after any of the keys changed.
func (rr *regionRun) playAll() {
	t := rr.tree
	for k := len(t)/2 - 1; k >= 1; k-- {
		t[k] = winner(t[2*k], t[2*k+1])
	}
}

// winner returns whichever of the nodes a and b, a the left one, fires first: the left one on
// a tie, since its council comes first in the order of turns.
func winner(a, b treeNode) treeNode {
	if b.key < a.key {
		a = b
	}
	return a
}

// keyOf returns council ci's key: the time of its next event.
func (rr *regionRun) keyOf(ci int) float64 { return rr.tree[len(rr.tree)/2+int(rr.rank[ci])].t() }

// setKey sets council ci's key to t and plays again its matches, from its leaf to the root:
// log2(councils) comparisons. The council's node is carried up in registers, each match
// against the node beside it on the way (the left one winning a tie: it wins when its key is
// less than the carried one's plus one), so that no match waits to read back the node the
// match below it has just written.
func (rr *regionRun) setKey(ci int, t float64) {
	tr := rr.tree
	k := len(tr)/2 + int(rr.rank[ci])
	key, c := math.Float64bits(t), tr[k].ci
	tr[k].key = key
	for ; k > 1; k >>= 1 {
		s := tr[k^1]
		if s.key < key+uint64(k&1) {
			key, c = s.key, s.ci
		}
		tr[k>>1] = treeNode{key, c}
	}
}

// endMonth ends the region's current month: providers' places grow or shrink by the month's
// growth (from the start date on: through the warm-up they hold the places the region gives
// them, those of the start date), the markets and the councils' market metrics are recorded,
// and pooled blocks and the region's programme costs are paid.
func (rr *regionRun) endMonth() {
	p := rr.p
	m := rr.month
	t := p.cal.MonthEnd(m)
	rr.now = t
	days := t - p.cal.MonthStarts[m]
	i := m - p.cal.FirstReported
	nc, nz := p.nMarketCols(), p.nZoneCols()
	if i >= 0 {
		for mi, ms := range rr.mk {
			ms.grow(days, t, func(i int) { rr.freed(mi, i) })
		}
	}
	for mi, ms := range rr.mk {
		ms.placesLvl.set(t, ms.placesLvl.v)
		ms.usedLvl.set(t, ms.usedLvl.v)
		if i >= 0 {
			row := rr.mrec[(i*len(rr.mk)+mi)*nc:]
			in := rr.mintg[(i*len(rr.mk)+mi)*nc:]
			row[0], row[1] = ms.placesLvl.v, ms.usedLvl.v
			in[0], in[1] = ms.placesLvl.area, ms.usedLvl.area
			for z := range ms.zPlaces {
				zp, zu := &ms.zPlaces[z], &ms.zUsed[z]
				zp.set(t, zp.v)
				zu.set(t, zu.v)
				row[3*(z+1)], row[3*(z+1)+1] = zp.v, zu.v
				in[3*(z+1)], in[3*(z+1)+1] = zp.area, zu.area
			}
		}
		placed := [3]*level{&ms.inCare, &ms.out, &ms.far}
		for j, lv := range placed {
			lv.set(t, lv.v)
			if i >= 0 {
				at := (i*len(rr.mk)+mi)*nc + nz + [3]int{0, 1, 3}[j] // children, out of area, over 20 miles
				rr.mrec[at], rr.mintg[at] = lv.v, lv.area
			}
			lv.area = 0
		}
		ms.placesLvl.area, ms.usedLvl.area = 0, 0
		for z := range ms.zPlaces {
			ms.zPlaces[z].set(t, ms.zPlaces[z].v)
			ms.zUsed[z].set(t, ms.zUsed[z].v)
			ms.zPlaces[z].area, ms.zUsed[z].area = 0, 0
		}
	}
	for ci, cm := range rr.cms {
		if cm == nil {
			continue
		}
		cm.out.set(t, cm.out.v)
		cm.far.set(t, cm.far.v)
		if i >= 0 {
			cm.x[i*nX+xOut], cm.x[i*nX+xFar] = cm.out.v, cm.far.v
			cm.xIntg[i*2], cm.xIntg[i*2+1] = cm.out.area, cm.far.area
		}
		cm.out.area, cm.far.area = 0, 0
		_ = ci
	}
	rr.payPooled(m, t)
	rr.payProgrammes(m)
	if rr.check {
		rr.verify()
	}
	rr.month++
	if rr.month == p.cal.FirstReported {
		for ci, r := range rr.runs {
			rr.startCLA[ci] = float64(len(r.inCare))
		}
	}
}

// payPooled shares the cost of each pooled block over month m (its places at its price a
// place a year, for the days it held them) among the councils by their children's days in
// it, or by their children in care at the start in a month no child used it (in equal shares if
// none had any). A council's share
// is spending on the market's kind, and, in the spending split, on its own provision: a block
// contract, paid whether used or not, as a council's own block-contracted beds are (the
// children placed in the block cost nothing more: flushCosts takes their price off).
func (rr *regionRun) payPooled(m int, t float64) {
	p := rr.p
	start := p.cal.MonthStarts[m]
	for mi, ms := range rr.mk {
		var use float64
		for _, ck := range ms.councils {
			l := &rr.cms[ck.council].pooledUse[mi]
			l.set(t, l.v)
			use += l.area
		}
		var cost float64
		for j := range ms.prov {
			pv := &ms.prov[j]
			if pv.pooled == 0 {
				continue
			}
			iv := &p.reg.Interventions[pv.pooled-1]
			from := max(start, p.cal.DayOf(iv.On))
			if t > from {
				cost += float64(iv.Places) * iv.CostPerPlaceYearGBP * (t - from) / p.cal.YearDays(m)
			}
		}
		if cost > 0 {
			var cla float64
			for _, ck := range ms.councils {
				cla += rr.startCLA[ck.council]
			}
			for _, ck := range ms.councils {
				r := rr.runs[ck.council]
				share := 1 / float64(len(ms.councils)) // no child in care in any of them: equal shares
				if cla > 0 {
					share = rr.startCLA[ck.council] / cla
				}
				if use > 0 {
					share = rr.cms[ck.council].pooledUse[mi].area / use
				}
				fee := cost * share * r.c.monthFactor[m]
				r.bumpMonth(r.c.lay.mCostKind[ck.kind], fee)
				if r.recRow >= 0 {
					cm := rr.cms[ck.council]
					if cm.pooledFee == nil {
						cm.pooledFee = make([]float64, r.c.nKinds+1)
					}
					cm.pooledFee[ck.kind] += fee
				}
			}
		}
		for _, ck := range ms.councils {
			rr.cms[ck.council].pooledUse[mi].area = 0
		}
	}
}

// payProgrammes pays what the region's interventions cost to run in month m (their
// model.ProgrammeCost: one-off costs in the month they fall, yearly costs day by day, costs
// per place for the places they open, resize or contract), shared among the councils by their
// children in care at the start, at each council's prices.
func (rr *regionRun) payProgrammes(m int) {
	p := rr.p
	reg := p.reg
	start, end := p.cal.MonthStarts[m], p.cal.MonthEnd(m)
	var amount float64
	for _, iv := range reg.Interventions {
		pc := iv.Cost
		if !pc.Any() {
			continue
		}
		on := p.cal.DayOf(iv.On)
		if pc.OneOffGBP != 0 {
			d := on
			if !pc.OneOffOn.IsZero() {
				d = p.cal.DayOf(pc.OneOffOn)
			}
			if d >= start && d < end {
				amount += pc.OneOffGBP
			}
		}
		if pc.PerUnitGBP != 0 && on >= start && on < end {
			places := iv.Places
			if iv.Action == model.ProviderOpen {
				places = iv.Provider.Places
			}
			amount += pc.PerUnitGBP * math.Abs(float64(places))
		}
		if pc.PerYearGBP != 0 {
			from, to := on, p.cal.EndDay
			if !pc.PerYearFrom.IsZero() {
				from = p.cal.DayOf(pc.PerYearFrom)
			}
			if !pc.PerYearTo.IsZero() {
				to = p.cal.DayOf(pc.PerYearTo)
			}
			if lo, hi := max(from, start), min(to, end); hi > lo {
				amount += pc.PerYearGBP * (hi - lo) / p.cal.YearDays(m)
			}
		}
	}
	if amount == 0 {
		return
	}
	var cla float64
	for _, v := range rr.startCLA {
		cla += v
	}
	for ci, r := range rr.runs {
		share := 1 / float64(len(rr.runs))
		if cla > 0 {
			share = rr.startCLA[ci] / cla
		}
		r.bumpMonth(r.c.lay.mCostProgramme, amount*share*r.c.monthFactor[m])
	}
}

// intervene applies region intervention i now.
func (rr *regionRun) intervene(i int) {
	reg := rr.p.reg
	iv := &reg.Interventions[i]
	mi := reg.MarketOf(iv.Market)
	ms := rr.mk[mi]
	named := func() int {
		for j := range ms.prov {
			if ms.prov[j].name == iv.Provider.Name && ms.prov[j].pooled == 0 {
				return j
			}
		}
		return -1
	}
	switch iv.Action {
	case model.ProviderExit:
		if j := named(); j >= 0 {
			ms.prov[j].exited = true
			ms.setTarget(j, 0, rr.now)
		}
	case model.ProviderOpen:
		rr.freed(mi, ms.addProvider(reg, iv.Provider, 0, rr.now))
	case model.ProviderResize:
		if j := named(); j >= 0 && !ms.prov[j].exited {
			pv := &ms.prov[j]
			pv.capacity = max(pv.capacity+float64(iv.Places), 0)
			before := pv.free()
			ms.setTarget(j, int(math.Round(pv.capacity)), rr.now)
			if pv.free() > before {
				rr.freed(mi, j)
			}
		}
	case model.PooledBlock:
		rr.freed(mi, ms.addProvider(reg, model.Provider{Name: iv.Name, Zone: iv.Zone, Places: iv.Places}, i+1, rr.now))
	}
}

// verify checks the shared markets' invariants: every provider's children, recounted from
// every council's, are its count of places in use, which never exceeds the places it holds;
// the market's totals are the sums of its providers'. It panics on a broken invariant (a bug);
// tests run with it on (Options.Check).
func (rr *regionRun) verify() {
	for mi, ms := range rr.mk {
		count := make([]int, len(ms.prov))
		for _, ck := range ms.councils {
			r, cm := rr.runs[ck.council], rr.cms[ck.council]
			for id := range r.children {
				ch := &r.children[id]
				if (ch.state != inCare && ch.state != stayingPut) || int(ch.kind) != ck.kind {
					continue
				}
				if cm.at[id].market != int16(mi) || ch.unit < 0 || int(ch.unit) >= len(ms.prov) {
					panic(fmt.Sprintf("sim: council %d's child %d in %s holds no provider's place", ck.council, id, ms.kind))
				}
				count[ch.unit]++
			}
		}
		var places, used int
		for j := range ms.prov {
			pv := &ms.prov[j]
			if count[j] != pv.used || pv.used > pv.places() || pv.target < 0 {
				panic(fmt.Sprintf("sim: provider %s of %s holds %d children, counts %d, has %d places", pv.name, ms.kind, count[j], pv.used, pv.places()))
			}
			places += pv.places()
			used += pv.used
		}
		free := 0
		for j := range ms.prov {
			free += ms.prov[j].free()
			if int(ms.room[j]) != ms.prov[j].free() {
				panic(fmt.Sprintf("sim: provider %s of %s has %d places free, noted %d", ms.prov[j].name, ms.kind, ms.prov[j].free(), ms.room[j]))
			}
		}
		if places != ms.places || used != ms.used || ms.used > ms.places || free != ms.free {
			panic(fmt.Sprintf("sim: market %s holds %d of %d places, counts %d of %d", ms.kind, used, places, ms.used, ms.places))
		}
	}
}

// RegionRunner runs the replications of a region in batches, adding each batch to its
// results, as Runner does for one scenario.
type RegionRunner struct {
	p      *regionPlan
	opt    Options
	res    *RegionResults
	runs   []*regionRun
	stores []MonthlyStore // see SetStores
	// kpiStores and kpiCache keep the KPIs out of memory (SetKPIStores).
	kpiStores []MonthlyStore
	kpiCache  *kpiCache
}

// NewRegionRunner prepares to run reg with opt (opt.Reps is ignored: Add says how many). It
// returns an error if the region does not validate, or if opt.Store is set: a region's
// records are kept in memory, in stores of their own (SetStores), or dropped with
// opt.KPIsOnly.
func NewRegionRunner(reg *model.Region, opt Options) (*RegionRunner, error) {
	if opt.Store != nil {
		return nil, fmt.Errorf("region %s: a region's monthly records go in a store for each council and the total (RegionRunner.SetStores), not in Options.Store", reg.Name)
	}
	p, err := planRegion(reg, opt.Seed)
	if err != nil {
		return nil, err
	}
	return &RegionRunner{p: p, opt: opt, res: p.results()}, nil
}

// Results returns the results so far.
func (rr *RegionRunner) Results() *RegionResults { return rr.res }

// SetStores keeps the monthly records of council i (in the order of Region.Councils) in
// stores[i], and the total's in stores[len(Region.Councils)], in place of
// Replication.Monthly, as Options.Store does for one scenario; a nil store keeps its records
// in memory. It is called before the first Add.
func (rr *RegionRunner) SetStores(stores []MonthlyStore) error {
	if len(stores) != len(rr.res.Councils)+1 {
		return fmt.Errorf("region %s: %d stores for %d councils and the total", rr.p.reg.Name, len(stores), len(rr.res.Councils))
	}
	rr.stores = stores
	for i, r := range append(rr.res.Councils, rr.res.Total) {
		r.Store = stores[i]
	}
	return nil
}

// SetProgress sets the function told, after each replication of the next Add, how many of
// that batch are done (Options.Progress).
func (rr *RegionRunner) SetProgress(f func(done int)) { rr.opt.Progress = f }

// RunRegion simulates opt.Reps replications of region reg and returns their results. It
// returns an error if the region does not validate or a replication goes over its work budget
// (*BudgetError).
func RunRegion(reg *model.Region, opt Options) (*RegionResults, error) {
	rn, err := NewRegionRunner(reg, opt)
	if err != nil {
		return nil, err
	}
	if err := rn.Add(opt.Reps); err != nil {
		return nil, err
	}
	return rn.Results(), nil
}

// Add runs n more replications of the region, numbered on from the last, and adds them to
// every council's results and the total. Errors, stopping and panics are as Runner.Add's.
func (rr *RegionRunner) Add(n int) error {
	opt := rr.opt
	res := rr.res
	first := len(res.Total.Reps)
	for _, c := range res.Councils {
		c.Reps = append(c.Reps, make([]Replication, n)...)
	}
	res.Total.Reps = append(res.Total.Reps, make([]Replication, n)...)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(min(workers, n), 1)
	if rr.kpiCache != nil {
		rr.kpiCache.clear()
	}
	for len(rr.runs) < workers {
		rr.runs = append(rr.runs, newRegionRun(rr.p))
	}
	for _, x := range rr.runs {
		x.check, x.stop = opt.Check, opt.Stop
		for i, r := range x.runs {
			r.check = opt.Check
			r.budget = opt.Budget.fill(rr.p.cs[i].budget)
		}
	}
	return batch(opt, n, first, workers, func(w, pos int) (bool, error) {
		x := rr.runs[w]
		if err := x.simulate(opt.Seed, opt.FirstRep+pos); err != nil || x.stopped {
			return x.stopped, err
		}
		x.record(res, pos, opt.FirstRep+pos, opt.KPIsOnly, rr.stores)
		return false, nil
	}, func(_, pos int, failed bool) error {
		for i, r := range res.Each() {
			if rr.stores != nil && rr.stores[i] != nil {
				// The record is the worker's own memory (record): stored, or dropped with the
				// batch that failed, it is not left in the results.
				if !failed {
					if err := rr.stores[i].Put(pos, r.Reps[pos].Monthly); err != nil {
						return err
					}
				}
				r.Reps[pos].Monthly = nil
			}
			if rr.kpiStores != nil && rr.kpiStores[i] != nil {
				if !failed {
					if err := rr.kpiStores[i].Put(pos, r.Reps[pos].KPIs); err != nil {
						return err
					}
				}
				r.Reps[pos].KPIs = nil
			}
		}
		return nil
	})
}

// record puts the replication just run, number rep, at position pos of every council's
// results and the total. A monthly record bound for a store (stores[i] not nil, for council
// i or the total after the councils) is the run's own memory, written again by its next
// replication: the store copies it before then (RegionRunner.Add keeps each replication
// before the worker runs its next).
func (rr *regionRun) record(res *RegionResults, pos, rep int, kpisOnly bool, stores []MonthlyStore) {
	p := rr.p
	cal := &p.cal
	months := cal.ReportedMonths()
	periods := len(cal.Periods)
	tot := p.total
	nTM, nTK := len(tot.Metrics), len(tot.KPIs)
	stored := func(i int) bool { return stores != nil && stores[i] != nil }
	if rr.merged == nil {
		rr.merged = make([][]float64, len(rr.runs))
	}
	var tm []float64
	switch {
	case kpisOnly:
	case stored(len(rr.runs)):
		if rr.mergedTotal == nil {
			rr.mergedTotal = make([]float64, months*nTM)
		}
		tm = rr.mergedTotal
		clear(tm)
	default:
		tm = make([]float64, months*nTM)
	}
	tk := make([]float64, (periods+1)*nTK)
	// The councils are summed into the total in the order of turns, as every council's place
	// in the region is: the total's sums are the same whatever order the file lists them in.
	for _, c := range rr.order {
		ci, r := int(c), rr.runs[c]
		kpis := r.kpis()
		monthly := r.rec
		nM := len(r.c.lay.monthly)
		if cm := rr.cms[ci]; cm != nil {
			kpis = cm.kpis(r, kpis)
			if !kpisOnly {
				if !stored(ci) {
					monthly = make([]float64, months*(nM+nX))
				} else if monthly = rr.merged[ci]; monthly == nil {
					monthly = make([]float64, months*(nM+nX))
					rr.merged[ci] = monthly
				}
				for i := range months {
					copy(monthly[i*(nM+nX):], r.rec[i*nM:(i+1)*nM])
					copy(monthly[i*(nM+nX)+nM:], cm.x[i*nX:(i+1)*nX])
				}
			}
		} else if !kpisOnly && !stored(ci) {
			r.rec = nil // the record now belongs to the results
		}
		if kpisOnly {
			monthly = nil
		}
		res.Councils[ci].Reps[pos] = Replication{Index: rep, Monthly: monthly, KPIs: kpis}
		if tm != nil {
			w := len(p.councilRes[ci].Metrics)
			mm := p.mapM[ci]
			for i := range months {
				row, src := tm[i*nTM:], monthly[i*w:(i+1)*w]
				for j, v := range src {
					row[mm[j]] += v
				}
			}
		}
		w := len(p.councilRes[ci].KPIs)
		mk := p.mapK[ci]
		for q := 0; q <= periods; q++ {
			row, src := tk[q*nTK:], kpis[q*w:(q+1)*w]
			for j, v := range src {
				row[mk[j]] += v
			}
		}
	}
	// The markets, from their own records.
	nc, nz := p.nMarketCols(), p.nZoneCols()
	nMk := len(rr.mk)
	for mi := range nMk {
		for i := range months {
			src := rr.mrec[(i*nMk+mi)*nc:]
			if tm != nil {
				row := tm[i*nTM+p.mBase+mi*nc:]
				for j := 0; j < nz; j += 3 {
					row[j], row[j+1] = src[j], src[j+1]
					row[j+2] = ratioOrNaN(src[j+1], src[j])
				}
				copy(row[nz:nc], src[nz:nc])
				row[nz+2] = ratioOrNaN(src[nz+1], src[nz])
				row[nz+4] = ratioOrNaN(src[nz+3], src[nz])
			}
			in := rr.mintg[(i*nMk+mi)*nc:]
			days := cal.MonthEnd(cal.FirstReported+i) - cal.MonthStarts[cal.FirstReported+i]
			for _, q := range [2]int{cal.Period[i], periods} {
				row := tk[q*nTK+p.kBase+mi*nc:]
				for j := 0; j < nz; j += 3 {
					row[j] += in[j]
					row[j+1] += in[j+1]
				}
				for _, j := range [3]int{nz, nz + 1, nz + 3} {
					row[j] += in[j]
				}
				tk[q*nTK+p.kBase+mi*nc+2] += days // scratch: the span's days, divided out below
			}
		}
	}
	for q := 0; q <= periods; q++ {
		for mi := range nMk {
			row := tk[q*nTK+p.kBase+mi*nc:]
			days := row[2]
			for j := 0; j < nz; j += 3 {
				row[j] /= days
				row[j+1] /= days
				row[j+2] = 0
			}
			for _, j := range [3]int{nz, nz + 1, nz + 3} {
				row[j] /= days
			}
			row[nz+2], row[nz+4] = 0, 0
		}
	}
	// Shares as ratios of the totals, and spending as the sum of its split.
	fixCosts := func(row []float64, at [5]int) {
		row[at[0]] = row[at[1]] + row[at[2]] + row[at[3]] + row[at[4]]
	}
	// (A region of one council is that council: its shares stand as they are, worked out
	// from the integrals rather than from the time-averages.)
	for q := 0; q <= periods; q++ {
		row := tk[q*nTK : (q+1)*nTK]
		for j, rt := range tot.Ratios {
			if len(rr.runs) > 1 || j >= len(p.councilRes[0].Ratios) {
				row[rt.KPI] = ratioOrNaN(row[rt.Num], row[rt.Den])
			}
		}
		fixCosts(row, p.totalCost)
	}
	for i := range months {
		if tm != nil {
			fixCosts(tm[i*nTM:(i+1)*nTM], p.totalCostM)
		}
	}
	res.Total.Reps[pos] = Replication{Index: rep, Monthly: tm, KPIs: tk}
}

// kpis appends the council's market KPIs (councilKPIs) to each period's row of its own KPIs.
func (cm *councilMarket) kpis(r *run, own []float64) []float64 {
	cal := &r.c.cal
	periods := len(cal.Periods)
	nK := len(r.c.lay.kpis)
	w := nK + nXK
	out := make([]float64, (periods+1)*w)
	for q := 0; q <= periods; q++ {
		copy(out[q*w:], own[q*nK:(q+1)*nK])
	}
	days := make([]float64, periods+1)
	for i := range cal.ReportedMonths() {
		d := cal.MonthEnd(cal.FirstReported+i) - cal.MonthStarts[cal.FirstReported+i]
		x := cm.x[i*nX : (i+1)*nX]
		for _, q := range [2]int{cal.Period[i], periods} {
			row := out[q*w+nK:]
			days[q] += d
			row[xkOut] += cm.xIntg[i*2]
			row[xkFar] += cm.xIntg[i*2+1]
			row[xkPlacements] += x[xPlacements]
			row[xkSpot] += x[xSpot]
			row[xkMultSum] += x[xMultSum]
			row[xkOver10k] += x[xOver10k]
		}
	}
	for q := 0; q <= periods; q++ {
		row := out[q*w:]
		x := row[nK:]
		x[xkOut] /= days[q]
		x[xkFar] /= days[q]
		x[xkOutShare] = ratioOrNaN(x[xkOut], row[r.c.lay.kCLA])
		x[xkFarShare] = ratioOrNaN(x[xkFar], row[r.c.lay.kCLA])
		x[xkMult] = ratioOrNaN(x[xkMultSum], x[xkSpot])
	}
	return out
}
