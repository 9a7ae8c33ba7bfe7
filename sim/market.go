package sim

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/placesim/placesim/model"
)

// The shared market of a region (model.SharedMarket): providers' places of one provision kind
// that every council of the region buys from. A council's Market kind of that name takes its
// places here in place of its own cap (see model.Region.CouncilScenario).
//
// A council looking for a place gets one from the first provider, in its search order, with a
// free place that accepts the child (the provider's Accepts, and MaxMiles from the council's
// zone): the pooled blocks first (places the region has already paid for), then the spot
// providers, each nearest first by the zone distance Zones[council].Miles[provider's zone],
// ties by the order the providers were given in (opened providers after). The place is local
// when it lies within 20 miles (by the zone distance; a provider's FarShare of the placements
// that distance makes local are drawn over 20 miles, from the council's stream
// streamRegionMiles), and out of the council's area when it lies in another zone (in
// another region's zone, when the zones name their regions: model.Zone.Region). A place one
// council takes is not there for the next: the councils run in one time order (see
// regionRun), so placements are taken in the order they happen across the region.
//
// A provider offers target places: its places on the region's start date, held through the
// warm-up so that the warm-up's length does not change the places at the start, then changed
// month by month by GrowthPerYear (deterministically: its places are the nearest whole number
// to Places·(1+GrowthPerYear)^years, years from the start date or the date it opened, whichever
// is later, plus any resizes), and to 0 when it exits. A place in use is never closed under
// its child: a provider holds max(target, used) places, and an occupied place beyond its
// target closes when its child leaves.

// localMiles is the distance within which a placement is local (not "distant").
const localMiles = 20

// streamRegionMiles is the stream of a council's draws of whether a shared market's placement
// the zones' distance makes local lies over 20 miles (model.Provider's FarShare), beside the
// stream identifiers of rand.go: it draws only for providers with a FarShare.
const streamRegionMiles uint64 = 65

// over10kWeekly is the weekly cost above which a placement counts in PlacementsOver10k.
const over10kWeekly = 10_000

// provider is a provider's places during a replication.
type provider struct {
	name     string
	zone     int
	capacity float64 // places as a real number, grown month by month; target is its rounding
	target   int     // places it offers (0 once exited)
	used     int
	growth   float64
	accepts  model.Selector
	maxMiles float64
	price    float64 // model.Provider's PriceFactor (1: the councils' own price)
	farShare float64 // model.Provider's FarShare
	exited   bool
	// pooled is 1 + the index in Region.Interventions of the pooled block these places are, or 0
	// for a spot provider.
	pooled int
}

// places is the places the provider holds: its target, or more while children fill places
// beyond it.
func (p *provider) places() int { return max(p.target, p.used) }

// free is the places it could give a child now.
func (p *provider) free() int { return max(p.target-p.used, 0) }

// marketState is a shared market during a replication.
type marketState struct {
	kind    string
	pricing model.Pricing
	prov    []provider
	// room is each provider's free places (provider.free), beside each other so that a
	// search passes over the full providers reading a cache line or two, not each provider's.
	room []int32
	// order lists, for each zone a council may live in, the providers in the order a council
	// there searches them, leaving out those beyond their MaxMiles.
	order [][]int32
	// places and used are the market's places held and in use; the levels keep their
	// integrals, in all and by zone.
	places, used   int
	free           int // places a child could take now, over every provider
	placesLvl      level
	usedLvl        level
	zPlaces, zUsed []level
	// inCare, out and far are the children in care in its places, and those of them placed
	// outside their council's zone and over 20 miles away.
	inCare, out, far level
	// councils lists, for each council that buys the kind, its index and its kind.
	councils []councilKind
	// refused holds, for each provider, each buying council's last refusal of it (see
	// regionRun.offerFreed), in the order of councils.
	refused [][]refusal
}

type councilKind struct{ council, kind int }

// newMarketState sets up market m of the region at the start of a replication.
func newMarketState(reg *model.Region, m *model.SharedMarket, councils []councilKind) *marketState {
	ms := &marketState{kind: m.Kind, pricing: m.Pricing, councils: councils}
	nz := len(reg.Zones)
	ms.zPlaces, ms.zUsed = make([]level, nz), make([]level, nz)
	for _, p := range m.Providers {
		ms.addProvider(reg, p, 0, 0)
	}
	return ms
}

// addProvider adds provider p (a pooled block when pooled > 0) at day t and makes the search
// orders again.
func (ms *marketState) addProvider(reg *model.Region, p model.Provider, pooled int, t float64) int {
	acc := p.Accepts
	if acc.Ages == (model.AgeRange{}) {
		acc.Ages = model.AllAges
	}
	ms.prov = append(ms.prov, provider{
		name: p.Name, zone: p.Zone, capacity: float64(p.Places), growth: p.GrowthPerYear,
		accepts: acc, maxMiles: p.MaxMiles, pooled: pooled, price: cmp.Or(p.PriceFactor, 1),
		farShare: p.FarShare,
	})
	ms.room = append(ms.room, 0)
	i := len(ms.prov) - 1
	ms.setTarget(i, p.Places, t)
	ms.order = ms.order[:0]
	for z := range reg.Zones {
		miles := reg.Zones[z].Miles
		var list []int32
		for j := range ms.prov {
			if mm := ms.prov[j].maxMiles; mm > 0 && miles[ms.prov[j].zone] > mm {
				continue
			}
			list = append(list, int32(j))
		}
		slices.SortStableFunc(list, func(a, b int32) int {
			pa, pb := &ms.prov[a], &ms.prov[b]
			if (pa.pooled > 0) != (pb.pooled > 0) {
				if pa.pooled > 0 {
					return -1
				}
				return 1
			}
			return cmp.Compare(miles[pa.zone], miles[pb.zone])
		})
		ms.order = append(ms.order, list)
	}
	return i
}

// change sets provider i's target and used places at day t, keeping the market's totals and
// levels.
func (ms *marketState) change(i, target, used int, t float64) {
	p := &ms.prov[i]
	dPlaces := max(target, used) - p.places()
	dUsed := used - p.used
	ms.free -= p.free()
	p.target, p.used = target, used
	ms.free += p.free()
	ms.room[i] = int32(p.free())
	if dPlaces != 0 {
		ms.places += dPlaces
		ms.placesLvl.set(t, float64(ms.places))
		ms.zPlaces[p.zone].add(t, float64(dPlaces))
	}
	if dUsed != 0 {
		ms.used += dUsed
		ms.usedLvl.set(t, float64(ms.used))
		ms.zUsed[p.zone].add(t, float64(dUsed))
	}
}

func (ms *marketState) setTarget(i, target int, t float64) {
	ms.change(i, max(target, 0), ms.prov[i].used, t)
}

// occupancy is the share of the market's places in use.
func (ms *marketState) occupancy() float64 {
	if ms.places == 0 {
		return 1
	}
	return float64(ms.used) / float64(ms.places)
}

// multiplier is the price multiplier (model.Pricing) of a spot placement starting at day t,
// years after the region's start, placed from an emergency when urgent.
func (ms *marketState) multiplier(years float64, urgent bool) float64 {
	pr := &ms.pricing
	m := 1.0
	if pr.RealGrowthPerYear != 0 {
		m = math.Pow(1+pr.RealGrowthPerYear, max(years, 0)) // compounding, as a yearly rate does
	}
	if occ := ms.occupancy(); occ > pr.Threshold && pr.PremiumAtFull > 0 {
		m += pr.PremiumAtFull * (occ - pr.Threshold) / (1 - pr.Threshold)
	}
	if urgent {
		m += pr.UrgentPremium
	}
	return m
}

// grow applies a span of days of each provider's growth, at day t, calling opened for each
// provider with more free places than before.
func (ms *marketState) grow(days, t float64, opened func(i int)) {
	for i := range ms.prov {
		p := &ms.prov[i]
		if p.growth == 0 || p.exited || p.pooled > 0 {
			continue
		}
		p.capacity *= math.Pow(1+p.growth, days/model.DaysPerYear)
		if n := int(math.Round(p.capacity)); n != p.target {
			before := p.free()
			ms.setTarget(i, n, t)
			if p.free() > before {
				opened(i)
			}
		}
	}
}

// placed is where a child holds a shared market place: see councilMarket.
type placed struct {
	mult   float64 // the price multiplier of the placement, the provider's price in it (0 in a pooled block)
	market int16   // the market, or -1 for none
	out    bool    // outside the council's area (its zone, or its zone's region: regionPlan.area)
	far    bool    // over 20 miles
	inCare bool    // counted in the council's out-of-area levels (not yet staying put)
	own    bool    // a placement of the council's own outside its boundary (see placeOwn)
}

// councilMarket is one council's side of the region's shared markets during a replication:
// the engine's hooks (find, take, release, leaveCare, flushCosts) call it for the kinds it
// shares.
type councilMarket struct {
	rr     *regionRun
	ci     int
	zone   int
	market []int16 // for each kind (and the emergency placement): its shared market, or -1
	// draws marks the shared kinds that are unlimited in the council's own scenario, whose
	// placements there draw whether they are local from the matching stream: a shared
	// market's placement draws that number too, and discards it, so that the council's other
	// draws stay those of its scenario run alone.
	draws []bool
	at    []placed
	// urgentID is the child just taken out of an emergency placement, at urgentAt with
	// version urgentVer: the placement they take next is urgent (model.Pricing).
	urgentID  int32
	urgentVer uint32
	urgentAt  float64
	// premium holds, for each kind and need, the sum of (multiplier − 1) over the children
	// placed: what they cost beyond the council's own price, in units of that price.
	premium []level
	// out and far are the children in care placed out of area and over 20 miles away;
	// pooledUse, for each market, the children in its pooled blocks.
	out, far  level
	pooledUse []level
	// pooledFee is what the council pays in the reported month under way for its share of
	// its markets' pooled blocks, at the month's prices, by kind (nil until a fee is paid):
	// booked to the market kind's spending (cost_<kind>) but counted in the spending split
	// with the council's own provision, a block contract paid whether used or not (see
	// recordSpending).
	pooledFee []float64
	// x holds the extra monthly metrics (councilExtras) of each reported month, and xIntg
	// the integrals of out and far over each.
	x, xIntg []float64
	// own holds, for each kind, the shares of its own placements outside the boundary within
	// and over 20 miles ({-1, -1}: never), and area the stream they are drawn from (see
	// region_area.go).
	own  [][2]float64
	area stream
	// spread is the stream of the draws of whether a placement with a provider with a
	// FarShare lies over 20 miles (streamRegionMiles).
	spread stream
	// lastRefusal is the last refusal refusalOf made of the council's children waiting.
	lastRefusal refusal
	// since holds, for each child in an emergency placement, the day they came to wait there,
	// by which offerFreed offers a place freed first come first served across the councils.
	since []float64
}

// waitFrom notes that child id came to wait in an emergency placement at day t.
func (cm *councilMarket) waitFrom(id int32, t float64) {
	for int(id) >= len(cm.since) {
		cm.since = append(cm.since, 0)
	}
	cm.since[id] = t
}

// The council's extra monthly metrics, in the order of councilMetrics.
const (
	xOut = iota
	xFar
	xPlacements
	xSpot
	xMultSum
	xOver10k
	nX
)

// councilMetrics are the names of a council's extra monthly metrics.
var councilMetrics = [nX]string{ChildrenOutOfArea, ChildrenOver20Miles, MarketPlacements, SpotPlacements, SpotPriceMultiplierSum, PlacementsOver10k}

// shares reports whether kind k of the council is a shared market's.
func (cm *councilMarket) shares(k int) bool { return cm.market[k] >= 0 }

func (cm *councilMarket) reset(r *run) {
	cm.at = cm.at[:0]
	cm.since = cm.since[:0]
	cm.urgentID, cm.urgentAt = -1, -1
	cm.lastRefusal = refusal{}
	clear(cm.premium)
	cm.out, cm.far = level{}, level{}
	clear(cm.pooledUse)
	clear(cm.pooledFee)
	clear(cm.x)
	clear(cm.xIntg)
	cm.spread = newStream(r.seed, r.rep, streamRegionMiles, 0)
	cm.ownShares(r)
}

// find looks for places for the children ids in council r's shared kind k: it returns the
// provider (-1 when none has room) and whether the place is local (within 20 miles by the zone
// distance: take decides a provider's FarShare). A child moving from a provider's place may
// take another of its places, as with any market: a provider is many carers or homes.
func (cm *councilMarket) find(r *run, k int, ids []int32) (int32, bool) {
	ms := cm.rr.mk[cm.market[k]]
	n := len(ids)
	if ms.free < n {
		return -1, false // no provider has room: most searches of a full market end here
	}
	miles := cm.rr.p.reg.Zones[cm.zone].Miles
	room := ms.room
	stock := r.settingUp || cm.rr.settling // the stock's placements began before the start
	for _, i := range ms.order[cm.zone] {
		r.steps++
		if int(room[i]) < n {
			continue
		}
		p := &ms.prov[i]
		ok := true
		for _, id := range ids {
			ch := &r.children[id]
			age := ch.ageAt(r.now)
			if stock {
				age = r.stockAge(id)
			}
			if !p.accepts.Matches(age, ch.need, ch.uasc) {
				ok = false
				break
			}
		}
		if ok {
			return i, miles[p.zone] <= localMiles
		}
	}
	return -1, false
}

// take places child id in provider unit of shared kind k, fixing the placement's price, and
// returns whether the place is local: within 20 miles by the zone distance and, with a
// provider's FarShare, not drawn over 20 miles.
func (cm *councilMarket) take(r *run, id int32, k int, unit int32) bool {
	mi := cm.market[k]
	ms := cm.rr.mk[mi]
	p := &ms.prov[unit]
	if p.free() < 1 {
		panic(fmt.Sprintf("sim: child placed with provider %s of %s without room", p.name, ms.kind))
	}
	if cm.draws[k] {
		r.matching.float64()
	}
	ch := &r.children[id]
	urgent := cm.urgentID == id && cm.urgentAt == r.now && cm.urgentVer+1 == ch.ver
	cm.urgentID = -1
	far := cm.rr.p.reg.Zones[cm.zone].Miles[p.zone] > localMiles
	if !far && p.farShare > 0 {
		far = cm.spread.float64() < p.farShare
	}
	pl := placed{market: mi, out: cm.rr.p.area[p.zone] != cm.rr.p.area[cm.zone], far: far, inCare: true}
	// The starting stock's placements began before the start: with no warm-up the first
	// reported month counts only the placements made in it, as a council's own kinds do.
	i := r.reported()
	if r.settingUp || r.stocking || cm.rr.settling {
		i = -1
	}
	if p.pooled > 0 {
		pl.mult = 0
		cm.pooledUse[mi].add(r.now, 1)
	} else {
		pl.mult = ms.multiplier((r.now-r.c.cal.StartDay)/model.DaysPerYear, urgent) * p.price
		weekly := (r.c.s.Kinds[k].WeeklyCostGBP[ch.need]*r.priceMult[k]*pl.mult + r.allowance[k]) * r.c.monthFactor[r.month]
		if i >= 0 {
			x := cm.x[i*nX:]
			x[xSpot]++
			x[xMultSum] += pl.mult
			if weekly > over10kWeekly {
				x[xOver10k]++
			}
		}
	}
	if i >= 0 {
		cm.x[i*nX+xPlacements]++
	}
	cm.premium[k*int(model.NumNeeds)+int(ch.need)].add(r.now, pl.mult-1)
	ms.inCare.add(r.now, 1)
	cm.countWhere(&pl, ms, r.now, 1)
	for int(id) >= len(cm.at) {
		cm.at = append(cm.at, placed{market: -1})
	}
	cm.at[id] = pl
	ms.change(int(unit), p.target, p.used+1, r.now)
	return !far
}

// holdStayingPut gives young person id, staying put at the start in council r's shared kind k,
// a place with the nearest provider with room in the council's search order, whatever the ages
// it takes (they are no longer children), and returns it, or -1 when no provider has room. They
// are placed as a child of the council who went on to stay put there: not in care (leaveCare),
// with no price of their own and no placement counted.
func (cm *councilMarket) holdStayingPut(r *run, id int32, k int) int32 {
	mi := cm.market[k]
	ms := cm.rr.mk[mi]
	if ms.free < 1 {
		return -1
	}
	for _, i := range ms.order[cm.zone] {
		r.steps++
		p := &ms.prov[i]
		if p.free() < 1 {
			continue
		}
		pl := placed{market: mi, out: cm.rr.p.area[p.zone] != cm.rr.p.area[cm.zone],
			far: cm.rr.p.reg.Zones[cm.zone].Miles[p.zone] > localMiles, mult: 1}
		if p.pooled > 0 {
			pl.mult = 0
			cm.pooledUse[mi].add(r.now, 1)
		}
		for int(id) >= len(cm.at) {
			cm.at = append(cm.at, placed{market: -1})
		}
		cm.at[id] = pl
		ms.change(int(i), p.target, p.used+1, r.now)
		return i
	}
	return -1
}

// hasRoom reports whether a provider of shared kind k that the council searches has a free
// place (holdStayingPut would find one).
func (cm *councilMarket) hasRoom(k int) bool {
	ms := cm.rr.mk[cm.market[k]]
	if ms.free < 1 {
		return false
	}
	for _, i := range ms.order[cm.zone] {
		if ms.prov[i].free() > 0 {
			return true
		}
	}
	return false
}

// release is called as child id leaves their place in unit of kind k: it frees a shared
// market's place, waking the children waiting in every council, and notes a child leaving an
// emergency placement, whose next placement is urgent.
func (cm *councilMarket) release(r *run, k int, unit, id int32) {
	if k == r.c.nKinds {
		cm.urgentID, cm.urgentVer, cm.urgentAt = id, r.children[id].ver, r.now
		return
	}
	if !cm.shares(k) {
		cm.leaveOwn(r, id, true)
		return
	}
	cm.leaveCare(r, id)
	pl := &cm.at[id]
	mi := pl.market
	ms := cm.rr.mk[mi]
	p := &ms.prov[unit]
	if p.pooled > 0 {
		cm.pooledUse[mi].add(r.now, -1)
	}
	before := p.free()
	ms.change(int(unit), p.target, p.used-1, r.now)
	pl.market = -1
	if p.free() > before {
		cm.rr.freed(int(mi), int(unit))
	}
}

// countWhere adds d to the council's and market ms's counts of children placed out of area
// and over 20 miles away, as placement pl is, at time now.
func (cm *councilMarket) countWhere(pl *placed, ms *marketState, now, d float64) {
	if pl.out {
		cm.out.add(now, d)
		ms.out.add(now, d)
	}
	if pl.far {
		cm.far.add(now, d)
		ms.far.add(now, d)
	}
}

// leaveCare is called as child id leaves care while keeping their shared market place
// (staying put with agency foster carers): they no longer cost the placement's price, nor
// count as placed out of area.
func (cm *councilMarket) leaveCare(r *run, id int32) {
	if int(id) >= len(cm.at) {
		return
	}
	pl := &cm.at[id]
	if pl.own {
		cm.leaveOwn(r, id, false)
		return
	}
	if pl.market < 0 || !pl.inCare {
		return
	}
	ch := &r.children[id]
	pl.inCare = false
	cm.premium[int(ch.kind)*int(model.NumNeeds)+int(ch.need)].add(r.now, -(pl.mult - 1))
	ms := cm.rr.mk[pl.market]
	ms.inCare.add(r.now, -1)
	cm.countWhere(pl, ms, r.now, -1)
}

// flushCosts adds, at a flush of council r's costs, what its shared market placements cost
// beyond the council's own price: the price multiplier's premium (or, in a pooled block, the
// price not paid).
func (cm *councilMarket) flushCosts(r *run) {
	c, s := r.c, r.c.s
	i := r.reported()
	for k := range c.nKinds {
		if !cm.shares(k) {
			continue
		}
		var cost float64
		for n := range model.NumNeeds {
			l := &cm.premium[k*int(model.NumNeeds)+int(n)]
			l.set(r.now, l.v)
			d := l.area - l.costMark
			l.costMark = l.area
			cost += d * s.Kinds[k].WeeklyCostGBP[n] * r.priceMult[k] / model.DaysPerWeek
		}
		if i >= 0 {
			r.rec[i*len(c.lay.monthly)+c.lay.mCostKind[k]] += cost * c.monthFactor[r.month]
		}
	}
}

// refusal is a shared market's note that the children waiting in a council's emergency
// placements, offered a provider's free place, did not take it: the last child waiting then
// (a child joining them changes it), and when the first of them has a birthday. While neither
// has happened the provider still has nothing for any of them: the ages kinds and providers
// take are in whole years, and nothing else a provider looks at changes while a child waits.
// seq and n are the council's count of children who joined the list so far (waiting.seq) and
// how many waited then: while both stand, the same children wait, and the last child is the
// same without reading the list (see same).
type refusal struct {
	last  waitTail
	until float64
	seq   uint64
	n     int
	ok    bool
}

// same reports whether the children waiting in council r, which offerFreed noted as w, are
// among the refusal's: none has joined them since (the same count of children who joined,
// whatever left), or the last child waiting is the refusal's (the list keeps the order they
// joined in, so a child who joined since has left again). Either way the refusal holds for
// them.
func (rf *refusal) same(w waitSig, r *run) bool {
	return rf.seq == w.seq || rf.last == tailOf(r)
}

// refusalOf notes that the children waiting in council r at day t refused a provider.
//
// The council's market side keeps the last refusal it made (councilMarket.lastRefusal): while
// the same children wait (none joined, none left) and none of them has had a birthday since,
// it is the refusal at t too, and the children's records need not be read again. A place
// freed by one provider after another, each refused, finds them so.
func refusalOf(r *run, t float64) refusal {
	cm := r.market
	if cm != nil {
		if rf := cm.lastRefusal; rf.ok && rf.seq == r.wait.seq && rf.n == len(r.emergency) && t < rf.until {
			return rf
		}
	}
	rf := refusal{last: tailOf(r), until: math.Inf(1), seq: r.wait.seq, n: len(r.emergency), ok: true}
	for _, id := range r.emergency {
		ch := &r.children[id]
		rf.until = min(rf.until, ch.birth+(math.Floor(ch.ageAt(t))+1)*model.DaysPerYear)
	}
	if cm != nil {
		cm.lastRefusal = rf
	}
	return rf
}

// waitTail is the last child on a council's list of children waiting in emergency
// placements: a child joining the list changes it.
type waitTail struct {
	id  int32
	ver uint32
}

// tailOf returns the last child waiting in run r's emergency placements.
func tailOf(r *run) waitTail {
	if n := len(r.emergency); n > 0 {
		id := r.emergency[n-1]
		return waitTail{id, r.children[id].ver}
	}
	return waitTail{-1, 0}
}
