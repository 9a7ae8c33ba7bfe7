package sim

import (
	"math"
	"slices"

	"github.com/placesim/placesim/model"
)

// Where a region's starting stock lies in its shared markets. Each council places its stock
// as its scenario says, council by council in the replication's order of turns (turnOrder:
// drawn, not the order of the region's file), and a shared market's children so placed take
// the nearest provider with room: the councils first in that order fill the providers near
// them, those after take what is left, and every child is as near home as the places allow. That is not how the market's own rules leave them after a long run. There
// children come and go across the region in one time order; a child who finds the providers
// near home full takes the nearest with room, further away, and stays there for years; a
// place coming free goes to the child who has waited longest for it, of whichever council. So after many years the full providers hold children of every council near
// them, and those with room hold the overflow from further away: in the South East after a
// 30-year warm-up, 199 of Hampshire's children, 197 of Oxfordshire's and 61 of West Sussex's
// are placed over 20 miles from home by the shared markets, against 45, 80 and 24 as the
// stock is first placed (40 replications).
//
// settleStock moves the stock's market children to where those rules leave them, by playing the
// market alone in a small model of it. Each council's children in the market come and go as a
// steady stream: children arrive in the region at a constant rate, each a copy of a child of the
// stock picked at random (so each council's share of the arrivals, and their ages, needs and UASC
// status, are the stock's), and each child in the model leaves at a constant rate, one stay on
// average, so that the region holds as many as the stock on average and each council about its own.
// An arrival takes the first provider with room in their council's search order that accepts them
// (councilMarket.find), or waits; a place freed goes to the child of any council who has waited
// longest for it and can take it, first come first served (as regionRun.offerFreed offers it).
// It starts from the stock as placed and runs for settleStays stays (the share of children there at
// the start still there at the end is e^-settleStays). Each child of the stock then takes a place
// where the model's children of their council whom the same providers accept lie at its end: the
// children of a council and kind of child (the providers that accept them) are shuffled, the
// model's and the stock's, and the stock's n-th takes the model's n-th child's provider; a child
// left without one (the model's held fewer of their kind, or waited), or whose provider has no room
// left, takes the nearest provider with room, as first placed, or, with none, a place that a child
// of the stock with room elsewhere gives up for them (makeRoom); failing that, they stay where
// first placed, beyond its places as a provider that shrinks under its children holds them. A child
// whose provider is the same as before draws nothing; one moved is moved without a new price (the
// provider's price factor only) and with its own draw of over 20 miles (a provider's FarShare,
// streamRegionMiles). The places the stock's children leave free are offered at once to the
// children of the stock waiting in emergency placements (regionRun.offerFreed), as any place coming
// free is.
//
// A provider takes a child of the stock, as the councils first place them and as the small model
// and placeSettled move them, by the age their placement began (run.stockAge: settleStock's
// draw), not by their age now: a provider that takes children up to 15 keeps the child it took
// at 14 past their 16th birthday, and the steady state has such children there. Asked by their
// age now, they found no place at the start and waited in emergency placements: in the South
// East with no warm-up, about 220 children waited at the end of the first month against 94
// after a 30-year warm-up, and now about 120 (TestRegionStartWaiting).
//
// What the small model leaves out (the children's own stays and moves, the ladders' other
// rungs for a child who finds no room, the councils' own carers and homes) the warm-up
// settles; TestRegionWarmupLength measures how long it takes from here.

// streamRegionStart is the stream of a region's draws of its small model of the shared
// markets at the start (settleStock), beside the stream identifiers of rand.go: one stream a
// market, from the region's master seed.
const streamRegionStart uint64 = 66

// settleStays is how many stays settleStock's small model runs for.
const settleStays = 6

// stockSlot is a child of the starting stock in a shared market, or a child of the small
// model: their council (the position in the market's buyers), their kind (the position in
// settleMarket's kinds: the providers that accept them), their zone, and their provider (-1
// while waiting); a stock child's id.
type stockSlot struct {
	buyer, kind, zone int
	id                int32
	prov              int32
	seq               int // the model's child's place in the order of arrivals
}

// settleStock places the starting stock's children of every shared market where the
// market's rules leave them (see above), at the start of replication rep of master seed, and
// returns the providers with more places free than before, to offer to the children waiting
// in emergency placements (regionRun.offerFreed) once every council is ready to run.
func (rr *regionRun) settleStock(seed uint64, rep int) []freedPlace {
	rr.settling = true
	defer func() { rr.settling = false }()
	var opened []freedPlace
	for mi, ms := range rr.mk {
		before := make([]int, len(ms.prov))
		for i := range ms.prov {
			before[i] = ms.prov[i].free()
		}
		rr.settleMarket(mi, ms, newStream(seed, rep, streamRegionStart, uint64(mi)))
		for i := range ms.prov {
			if ms.prov[i].free() > before[i] {
				opened = append(opened, freedPlace{mi, i, -1})
			}
		}
	}
	return opened
}

// settleMarket places the starting stock's children of shared market mi, ms, where the
// market's rules leave them, drawing from s.
func (rr *regionRun) settleMarket(mi int, ms *marketState, s stream) {
	np := len(ms.prov)
	if np < 2 {
		return
	}
	// kinds are the sets of providers that accept a child, as bit sets, each given once.
	var kinds [][]uint64
	words := (np + 63) / 64
	set := make([]uint64, words)
	// A provider accepts children by their age in completed years (model.AgeRange), their need
	// and UASC status: the kind of each such child is worked out once (known).
	type childKey struct {
		years int
		need  model.Need
		uasc  bool
	}
	known := map[childKey]int{}
	kindOfSet := func(age float64, need model.Need, uasc bool) int {
		clear(set)
		for i := range ms.prov {
			if ms.prov[i].accepts.Matches(age, need, uasc) {
				set[i/64] |= 1 << (i % 64)
			}
		}
	next:
		for k, o := range kinds {
			for w := range o {
				if o[w] != set[w] {
					continue next
				}
			}
			return k
		}
		kinds = append(kinds, slices.Clone(set))
		return len(kinds) - 1
	}
	kindOf := func(age float64, need model.Need, uasc bool) int {
		key := childKey{int(math.Floor(age)), need, uasc}
		if k, ok := known[key]; ok {
			return k
		}
		k := kindOfSet(age, need, uasc)
		known[key] = k
		return k
	}
	var stock []stockSlot
	for b, ck := range ms.councils {
		r, cm := rr.runs[ck.council], rr.cms[ck.council]
		for _, id := range r.inCare {
			ch := &r.children[id]
			if int(ch.kind) != ck.kind || int(id) >= len(cm.at) || cm.at[id].market != int16(mi) {
				continue
			}
			stock = append(stock, stockSlot{buyer: b, kind: kindOf(r.stockAge(id), ch.need, ch.uasc),
				zone: cm.zone, id: id, prov: ch.unit})
		}
	}
	n := len(stock)
	if n == 0 {
		return
	}
	// The small model's free places, as the market's (provider.free), and its children.
	room := make([]int, np)
	for i := range ms.prov {
		room[i] = ms.prov[i].free()
	}
	kids := slices.Clone(stock)
	accepts := func(i int, sl *stockSlot) bool { return kinds[sl.kind][i/64]&(1<<(i%64)) != 0 }
	// reach[z] marks the providers a council in zone z searches.
	reach := make([][]bool, len(ms.order))
	for z, list := range ms.order {
		reach[z] = make([]bool, np)
		for _, i := range list {
			reach[z][i] = true
		}
	}
	// waiting holds, for each buyer, the positions in kids of its children waiting, first
	// come first.
	waiting := make([][]int32, len(ms.councils))
	nWaiting := 0
	// place places kids[j], arrived, or has them wait.
	place := func(j int) {
		sl := &kids[j]
		for _, i := range ms.order[sl.zone] {
			if room[i] > 0 && accepts(int(i), sl) {
				room[i]--
				sl.prov = i
				return
			}
		}
		sl.prov = -1
		waiting[sl.buyer] = append(waiting[sl.buyer], int32(j))
		nWaiting++
	}
	// offer gives provider i's place freed to the child waiting longest, of any council,
	// whom it takes and who can reach it: first come first served.
	offer := func(i int) {
		bb, bx, first := -1, -1, 0
		for b, w := range waiting {
			for x, j := range w {
				if sl := &kids[j]; reach[sl.zone][i] && accepts(i, sl) {
					if bb < 0 || sl.seq < first {
						bb, bx, first = b, x, sl.seq
					}
					break
				}
			}
		}
		if bb < 0 {
			return
		}
		w := waiting[bb]
		room[i]--
		kids[w[bx]].prov = int32(i)
		waiting[bb] = append(w[:bx], w[bx+1:]...)
		nWaiting--
	}
	// dropWaiting takes kids[j] off its council's waiting list; renumber notes that the
	// child at position from is now at position to.
	dropWaiting := func(j int) {
		w := waiting[kids[j].buyer]
		for x, k := range w {
			if int(k) == j {
				waiting[kids[j].buyer] = append(w[:x], w[x+1:]...)
				break
			}
		}
		nWaiting--
	}
	renumber := func(from, to int) {
		if kids[from].prov >= 0 {
			return
		}
		for x, k := range waiting[kids[from].buyer] {
			if int(k) == from {
				waiting[kids[from].buyer][x] = int32(to)
				return
			}
		}
	}
	// leave takes kids[j] out of the model.
	leave := func(j int) {
		sl := kids[j]
		if sl.prov < 0 {
			dropWaiting(j)
		} else {
			room[sl.prov]++
		}
		last := len(kids) - 1
		if j != last {
			renumber(last, j)
			kids[j] = kids[last]
		}
		kids = kids[:last]
		if sl.prov >= 0 && nWaiting > 0 {
			offer(int(sl.prov))
		}
	}
	// Arrivals come at rate n, departures at rate 1 for each child in the model: the time to
	// the next event is exponential with rate n+len(kids), and settleStays stays are
	// settleStays units of time.
	arrived := 0
	for t := 0.0; ; {
		rate := float64(n + len(kids))
		if t -= math.Log(1-s.float64()) / rate; t > settleStays {
			break
		}
		if u := s.float64() * rate; u < float64(n) || len(kids) == 0 {
			kids = append(kids, stock[min(int(u), n-1)])
			arrived++
			kids[len(kids)-1].seq = arrived
			place(len(kids) - 1)
		} else {
			leave(min(int(u)-n, len(kids)-1))
		}
	}
	// Each council's kinds of children, the model's and the stock's, in random order: group
	// buyer*len(kinds)+kind, so that the groups go in the order of their buyers, then kinds.
	nk := len(kinds)
	provs := make([][]int32, len(ms.councils)*nk)
	for _, sl := range kids {
		if sl.prov >= 0 {
			g := sl.buyer*nk + sl.kind
			provs[g] = append(provs[g], sl.prov)
		}
	}
	shuffle := func(n int, swap func(i, j int)) {
		for i := n - 1; i > 0; i-- {
			swap(i, int(s.float64()*float64(i+1)))
		}
	}
	for _, p := range provs {
		shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	}
	shuffle(n, func(i, j int) { stock[i], stock[j] = stock[j], stock[i] })
	used := make([]int, len(provs))
	target := make([]int32, n)
	for x, sl := range stock {
		g := sl.buyer*nk + sl.kind
		target[x] = -1
		if p := provs[g]; used[g] < len(p) {
			target[x] = p[used[g]]
			used[g]++
		}
	}
	rr.placeSettled(mi, ms, stock, target)
}

// placeSettled moves each child of the stock of market mi, stock[x], to provider target[x]
// (-1: the nearest with room).
func (rr *regionRun) placeSettled(mi int, ms *marketState, stock []stockSlot, target []int32) {
	// Every child whose place changes leaves it first, so that the places the children move
	// to are free as they come to them.
	var moving []int
	lifted := make([]bool, len(stock)) // out of their place, not yet in another
	for x, sl := range stock {
		ck := ms.councils[sl.buyer]
		r := rr.runs[ck.council]
		if target[x] != r.children[sl.id].unit {
			rr.cms[ck.council].lift(r, sl.id, mi)
			moving = append(moving, x)
			lifted[x] = true
		}
	}
	var later []int
	for _, x := range moving {
		sl := stock[x]
		ck := ms.councils[sl.buyer]
		if t := target[x]; t >= 0 && ms.prov[t].free() > 0 {
			rr.cms[ck.council].drop(rr.runs[ck.council], sl.id, ck.kind, t)
			lifted[x] = false
		} else {
			later = append(later, x)
		}
	}
	for _, x := range later {
		sl := stock[x]
		ck := ms.councils[sl.buyer]
		r, cm := rr.runs[ck.council], rr.cms[ck.council]
		ids := [1]int32{sl.id}
		unit, _ := cm.find(r, ck.kind, ids[:])
		if unit < 0 {
			unit = rr.makeRoom(mi, ms, stock, lifted, sl)
		}
		if unit < 0 {
			unit = r.children[sl.id].unit
		}
		cm.drop(r, sl.id, ck.kind, unit)
		lifted[x] = false
	}
}

// makeRoom makes room for stock child sl, whom no provider in reach with room accepts, with
// the first provider in their council's search order that accepts them and holds a child of
// the stock who could take a place elsewhere (the nearest with room to their own home, which
// accepts them): it moves that child there and returns the provider, or returns -1 when there
// is no such child. lifted marks the children of the stock out of their place.
func (rr *regionRun) makeRoom(mi int, ms *marketState, stock []stockSlot, lifted []bool, sl stockSlot) int32 {
	r := rr.runs[ms.councils[sl.buyer].council]
	ch := &r.children[sl.id]
	for _, i := range ms.order[sl.zone] {
		if !ms.prov[i].accepts.Matches(r.stockAge(sl.id), ch.need, ch.uasc) {
			continue
		}
		for y, o := range stock {
			ck := ms.councils[o.buyer]
			ro, cm := rr.runs[ck.council], rr.cms[ck.council]
			if lifted[y] || ro.children[o.id].unit != i {
				continue
			}
			ids := [1]int32{o.id}
			if j, _ := cm.find(ro, ck.kind, ids[:]); j >= 0 {
				cm.lift(ro, o.id, mi)
				cm.drop(ro, o.id, ck.kind, j)
				return i
			}
		}
	}
	return -1
}

// lift takes child id of the starting stock out of their place in shared market mi, as
// placeSettled moves them: the provider's place and the counts of where they are placed, not
// the child's own counts of kind and need, which stay.
func (cm *councilMarket) lift(r *run, id int32, mi int) {
	pl := &cm.at[id]
	ms := cm.rr.mk[mi]
	cm.countWhere(pl, ms, r.now, -1)
	ch := &r.children[id]
	if !ch.local {
		r.distant.add(r.now, -1)
	}
	p := &ms.prov[ch.unit]
	ms.change(int(ch.unit), p.target, p.used-1, r.now)
	pl.mult /= p.price
}

// drop places child id of the starting stock, lifted, with provider unit of shared kind k.
func (cm *councilMarket) drop(r *run, id int32, k int, unit int32) {
	pl := &cm.at[id]
	ms := cm.rr.mk[pl.market]
	p := &ms.prov[unit]
	ch := &r.children[id]
	old := pl.mult * ms.prov[ch.unit].price
	pl.mult *= p.price
	cm.premium[k*int(model.NumNeeds)+int(ch.need)].add(r.now, pl.mult-old)
	far := cm.rr.p.reg.Zones[cm.zone].Miles[p.zone] > localMiles
	if !far && p.farShare > 0 {
		far = cm.spread.float64() < p.farShare
	}
	pl.out, pl.far = cm.rr.p.area[p.zone] != cm.rr.p.area[cm.zone], far
	cm.countWhere(pl, ms, r.now, 1)
	ch.unit, ch.local = unit, !far
	if far {
		r.distant.add(r.now, 1)
	}
	ms.change(int(unit), p.target, p.used+1, r.now)
}
