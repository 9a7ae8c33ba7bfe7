package sim

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/placesim/placesim/model"
)

// addHousehold approves a household in carer kind k, its carer's age drawn from mix. Its
// places are room that has come free (placesFreed), however the household came: approved,
// added by an intervention, or there at the start.
func (r *run) addHousehold(k int, mix []model.CarerAgeShare) {
	kd := &r.c.s.Kinds[k]
	p := kd.Carers
	// The weights of each pick, in a buffer on the stack: a mix of more shares than it holds
	// (a carer age mix of 5-year bands has 9 or more) would otherwise make one on the heap for
	// every household.
	var buf [32]float64
	w := buf[:0]
	for _, ps := range p.PlacesMix {
		w = append(w, ps.Share)
	}
	places := min(p.PlacesMix[r.carers.pick(w)].Places, maxPlaces)
	w = w[:0]
	for _, a := range mix {
		w = append(w, a.Share)
	}
	band := mix[r.carers.pick(w)]
	age := float64(band.FromYears) + r.carers.float64()*float64(band.ToYears+1-band.FromYears)
	approved := kd.Accepts.Ages
	if len(p.ApprovalMix) > 0 {
		w = w[:0]
		for _, a := range p.ApprovalMix {
			w = append(w, a.Share)
		}
		approved = p.ApprovalMix[r.carers.pick(w)].Ages
	}
	h := household{
		kind: int16(k), places: int8(places), local: r.carers.float64() < kd.LocalShare,
		minAge: int8(approved.FromYears), maxAge: int8(approved.ToYears),
		rng:     uint8(slices.Index(r.ranges[k], ageRangeOf(approved))),
		sibOnly: r.carers.float64() < p.SiblingOnlyShare,
		active:  true, openPos: -1, pooled: true,
	}
	clock := hhClock{birth: r.now - age*model.DaysPerYear, mass: r.carers.exp()}
	i := r.householdSlot()
	if i < 0 {
		i = int32(len(r.households))
		r.households = append(r.households, h)
		r.clocks = append(r.clocks, clock)
	} else {
		// The slot keeps counting its ver, so that events of the household that left are
		// stale for the next one.
		h.ver = r.households[i].ver + 1
		r.households[i] = h
		r.clocks[i] = clock
	}
	r.pools[k] = append(r.pools[k], i)
	r.approvedHH++
	if r.approvedHH > r.budget.Households {
		r.overBudget("carer households", int64(r.budget.Households))
	}
	r.refreshOpen(i)
	r.hh[k].add(r.now, 1)
	r.places[k].add(r.now, float64(places))
	if r.now > 0 && r.c.churn[k] {
		// A household approved mid-month may deregister before the month is out.
		r.drawDeregistration(int(i), r.c.cal.MonthEnd(r.month))
	}
	r.placesFreed(k)
}

// deregistrationPerYear is household i's yearly deregistration rate now: the base rate plus
// retirement from RetirementFromAge, rising with the carer's age, times any retention factor.
func (r *run) deregistrationPerYear(i int) float64 {
	h := &r.households[i]
	p := r.c.s.Kinds[h.kind].Carers
	rate := p.DeregistrationPerYear
	if age := (r.now - r.clocks[i].birth) / model.DaysPerYear; age >= p.RetirementFromAge && p.RetirementPerYear+p.RetirementIncreasePerYearOfAge > 0 {
		rate += p.RetirementPerYear + p.RetirementIncreasePerYearOfAge*(age-p.RetirementFromAge)
	}
	return rate * r.retention[h.kind]
}

// drawDeregistration spends household i's deregistration hazard from now until until, at its
// rate now: each household draws one unit-exponential mass when approved and deregisters when
// its accumulated hazard uses it up. With the rate held for a month at a time this is exact for
// a piecewise-constant hazard, and needs no random draw month by month.
func (r *run) drawDeregistration(i int, until float64) {
	rate := r.deregistrationPerYear(i) / model.DaysPerYear
	if rate <= 0 {
		return
	}
	h := &r.clocks[i]
	if span := rate * (until - r.now); h.mass > span {
		h.mass -= span
		return
	}
	r.schedule(r.now+h.mass/rate, evDeregister, int32(i), r.households[i].ver)
	h.mass = 0
}

// drawDeregistrations is drawDeregistration for every household of kind k not winding down,
// at the start of a month that ends on day until: the same arithmetic, with what the kind's
// households share worked out once for them all.
func (r *run) drawDeregistrations(k int, until float64) {
	p := r.c.s.Kinds[k].Carers
	base, from := p.DeregistrationPerYear, p.RetirementFromAge
	retires := p.RetirementPerYear+p.RetirementIncreasePerYearOfAge > 0
	retention, span := r.retention[k], until-r.now
	for _, i := range r.pools[k] {
		// A household winding down, or gone, has an infinite mass: it is passed over.
		h := &r.clocks[i]
		rate := base
		if age := (r.now - h.birth) / model.DaysPerYear; age >= from && retires {
			rate += p.RetirementPerYear + p.RetirementIncreasePerYearOfAge*(age-from)
		}
		rate = rate * retention / model.DaysPerYear
		if rate <= 0 {
			continue
		}
		if s := rate * span; h.mass > s {
			h.mass -= s
			continue
		}
		r.schedule(r.now+h.mass/rate, evDeregister, i, r.households[i].ver)
		h.mass = 0
	}
}

// deregister starts household i's deregistration: it counts at once and takes no new children;
// it leaves when its last child does, or after the wind-down period, moving anyone still there.
func (r *run) deregister(i int) {
	h := &r.households[i]
	if !h.active || h.leaving {
		return
	}
	h.leaving = true
	r.clocks[i].mass = math.Inf(1) // never drawn again
	h.ver++
	r.refreshOpen(int32(i))
	r.bumpMonth(r.c.lay.mDeregs, 1)
	r.hh[h.kind].add(r.now, -1)
	r.places[h.kind].add(r.now, -float64(h.places))
	if h.used == 0 {
		r.finishHousehold(i)
		return
	}
	r.schedule(r.now+r.c.s.Kinds[h.kind].Carers.WindDownDays, evHouseholdClose, int32(i), h.ver)
}

// closeHousehold ends a wind-down: children still there move, and staying-put young people's
// arrangements end.
func (r *run) closeHousehold(i int) {
	k := r.households[i].kind
	var buf [maxPlaces]int32 // a household's children: no allocation
	for _, id := range r.occupants(buf[:0], int(k), int32(i)) {
		switch r.children[id].state {
		case inCare:
			r.move(id, int(k), int32(i))
		case stayingPut:
			r.endStayingPut(id)
		}
	}
	if r.households[i].active {
		r.finishHousehold(i)
	}
}

// finishHousehold ends household i, which has deregistered and has no one living there: it
// leaves its pool, and its slot is reused once no child waiting in an emergency placement
// passes it over in their searches (see avoid).
func (r *run) finishHousehold(i int) {
	h := &r.households[i]
	h.active = false
	h.ver++
	// It stays in its pool, with no places, until the pool is next compacted: the pool keeps
	// its order of approval (the monthly record sums over it in that order) at a cost a
	// household rather than a pool's length.
	h.places = 0
	r.refreshOpen(int32(i))
	k := h.kind
	r.poolDead[k]++
	if r.poolDead[k] > len(r.pools[k])/8+8 {
		r.compactPool(int(k))
	}
	r.steps++
}

// compactPool takes the households that have left out of the pool of carer kind k, keeping
// the others in order of approval, and offers their slots for reuse.
func (r *run) compactPool(k int) {
	pool := r.pools[k]
	live := pool[:0]
	for _, i := range pool {
		if h := &r.households[i]; h.active {
			live = append(live, i)
		} else {
			h.pooled = false
			r.freeHousehold(i)
		}
	}
	r.steps += int64(len(pool))
	clear(pool[len(live):])
	r.pools[k] = live
	r.poolDead[k] = 0
}

// freeHousehold offers the slot of household i, which has left, for reuse if it is out of its
// pool and no child passes it over.
func (r *run) freeHousehold(i int32) {
	if h := &r.households[i]; !h.active && !h.pooled && h.avoiders == 0 && !h.spare {
		h.spare = true
		r.spareHH = append(r.spareHH, i)
	}
}

// householdSlot returns the slot of a household that has left, to reuse, or -1.
func (r *run) householdSlot() int32 {
	for n := len(r.spareHH); n > 0; n-- {
		i := r.spareHH[n-1]
		r.spareHH = r.spareHH[:n-1]
		h := &r.households[i]
		h.spare = false
		if h.avoiders == 0 {
			return i
		}
		// A child has come to pass it over since it left: freeHousehold offers it again
		// once no one does.
	}
	return -1
}

// avoid counts d children in emergency placements passing over unit of kind k (the placement
// they left) in their searches: a household's slot is not reused while one does.
func (r *run) avoid(k int, unit int32, d int32) {
	if unit < 0 || k < 0 || k >= r.c.nKinds || r.c.s.Kinds[k].Supply != model.Carers {
		return
	}
	r.households[unit].avoiders += d
	if d < 0 {
		r.freeHousehold(unit)
	}
}

// occupants appends to ids the children (in care, or staying put with carers) placed in unit
// of kind k, in the order they were made so that moving them is deterministic, and returns it.
func (r *run) occupants(ids []int32, k int, unit int32) []int32 {
	if r.c.s.Kinds[k].Supply == model.Carers {
		h := &r.households[unit]
		ids = append(ids, h.who[:h.used]...)
	} else {
		for _, id := range r.inCare {
			if ch := &r.children[id]; int(ch.kind) == k && ch.unit == unit {
				ids = append(ids, id)
			}
		}
	}
	// In the order the children were made (slots are reused, so ids are not).
	slices.SortFunc(ids, func(a, b int32) int { return cmp.Compare(r.children[a].made, r.children[b].made) })
	return ids
}

// application is an application to foster in carer kind k; it becomes an approval after the
// assessment time. An application made under an ExtraApprovals intervention carries the
// intervention's number (plus one) so its approval is costed at the intervention's price.
func (r *run) application(k int) {
	kd := &r.c.s.Kinds[k]
	base := kd.Carers.ApprovalsPerYear
	total, _ := r.rateAt(procApplications, k, r.now)
	total *= model.DaysPerYear
	var tag uint32
	if u := r.appStream(k).float64() * total; u >= base {
		u -= base
		for i, iv := range r.c.ivs {
			if iv.Action == model.ExtraApprovals && int(iv.Kind) == k && iv.from <= r.now && r.now < iv.to {
				if u < iv.PerYear {
					tag = uint32(i + 1)
					break
				}
				u -= iv.PerYear
			}
		}
	}
	r.schedule(r.now+kd.Carers.AssessmentDays, evApproval, int32(k), tag)
	r.scheduleApplication(k, r.now)
}

// approve adds a newly approved household to carer kind k and pays for its recruitment.
func (r *run) approve(k int, tag uint32) {
	p := r.c.s.Kinds[k].Carers
	r.addHousehold(k, p.NewCarerAgeMix)
	r.bumpMonth(r.c.lay.mApprovals, 1)
	cost := p.RecruitmentCostPerApprovalGBP
	if tag > 0 {
		iv := &r.c.ivs[tag-1]
		if iv.Cost.PerUnitGBP > 0 {
			// The programme pays for recruiting its households, in place of the pool.
			r.payProgramme(int(tag-1), iv.Cost.PerUnitGBP)
			return
		}
		if c := iv.RecruitmentCostGBP; c > 0 {
			cost = c
		}
	}
	r.bumpMonth(r.c.lay.mCostRecruit, cost*r.c.monthFactor[r.month])
}

// payProgramme pays amount pounds, at start-date prices, for intervention j's programme in the
// current month.
func (r *run) payProgramme(j int, amount float64) {
	r.bumpMonth(r.c.lay.mCostProgramme, amount*r.c.costFactor(j, r.month))
}

// openHome opens a children's home of kind k.
func (r *run) openHome(k int, name string, beds int, local bool, fixed float64) {
	r.homesOf[k] = append(r.homesOf[k], int32(len(r.homes)))
	r.homes = append(r.homes, home{kind: int16(k), beds: int8(min(beds, math.MaxInt8)), local: local, open: true, name: name, fixed: fixed})
	r.kinds[k].homeRoom += int32(b2i(r.homes[len(r.homes)-1].room()))
	r.places[k].add(r.now, float64(beds))
	r.fixed[k].add(r.now, fixed)
	r.placesFreed(k)
}

// closeHome closes the open home of kind k called name and returns its beds (none when no
// such home is open); its children move.
func (r *run) closeHome(k int, name string) int {
	for _, i := range r.homesOf[k] {
		h := &r.homes[i]
		if h.name != name || !h.open {
			continue
		}
		r.kinds[k].homeRoom -= int32(b2i(h.room()))
		h.open = false
		r.places[k].add(r.now, -float64(h.beds))
		r.fixed[k].add(r.now, -h.fixed)
		r.moveAllFrom(k, i)
		return int(h.beds)
	}
	return 0
}

// addBlock contracts beds in block kind k and returns the contract's index.
func (r *run) addBlock(k, beds int, local bool, costPerBed float64) int {
	r.blocks = append(r.blocks, block{kind: int16(k), beds: int16(beds), local: local, active: true, fixed: costPerBed * float64(beds)})
	r.places[k].add(r.now, float64(beds))
	r.fixed[k].add(r.now, costPerBed*float64(beds))
	r.placesFreed(k)
	return len(r.blocks) - 1
}

// endBlock ends block contract i; children in its beds move.
func (r *run) endBlock(i int) {
	b := &r.blocks[i]
	if !b.active {
		return
	}
	b.active = false
	r.places[b.kind].add(r.now, -float64(b.beds))
	r.fixed[b.kind].add(r.now, -b.fixed)
	r.moveAllFrom(int(b.kind), int32(i))
}

// moveAllFrom moves every child in care placed in unit of kind k.
func (r *run) moveAllFrom(k int, unit int32) {
	for _, id := range r.occupants(nil, k, unit) {
		if r.children[id].state == inCare {
			r.move(id, k, unit)
		}
	}
}

// findStock finds room in carer kind k for n children of the starting stock, who are placed
// where the scenario says: the first household of the pool (in order of approval: none has
// left yet) with n free places, empty for a child who must live alone (solo), and no child
// there who must; a local one if there is one. No place comes free while the stock is placed,
// so a household passed over once is passed over for good: cursors into the pool, one for
// each kind of search, make placing the stock cost the households rather than the stock times
// the households.
func (r *run) findStock(k, n int, solo bool) (unit int32, local, ok bool) {
	pool := r.pools[k]
	fits := func(i int32) bool {
		h := &r.households[i]
		return !h.leaving && !h.solo && int(h.places-h.used) >= n && !(solo && h.used > 0)
	}
	// One cursor for each of local or not, alone or not, and group sizes up to maxPlaces.
	cur := r.stockAt[k][(min(n, maxPlaces+1)-1)*4+b2i(solo)*2:]
	for cur[0] < len(pool) && !(r.households[pool[cur[0]]].local && fits(pool[cur[0]])) {
		r.steps++
		cur[0]++
	}
	if cur[0] < len(pool) {
		return pool[cur[0]], true, true
	}
	for cur[1] < len(pool) && !fits(pool[cur[1]]) {
		r.steps++
		cur[1]++
	}
	if cur[1] < len(pool) {
		return pool[cur[1]], false, true
	}
	return -1, false, false
}

// room reports whether the home could take a child now: open, with a free bed and no child
// there who must live alone.
func (h *home) room() bool { return h.open && !h.solo && h.used < h.beds }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// refreshOpen puts household i on its kind's open list, or takes it off, as it now could or
// could not take a child: active, not leaving, with a free place, no solo child, and not a
// household keeping its other places for brothers and sisters with a child already there.
func (r *run) refreshOpen(i int32) {
	h := &r.households[i]
	var can bool
	if g := &h.gap; g.plain && g.places == h.places && !h.leaving && !h.solo && !h.sibOnly {
		// Most changes: a child came to or left a household with neither a solo child nor
		// places kept for siblings, which is not leaving.
		if g.used != h.used {
			r.regapUsed(h)
		}
		can = h.active && h.used < h.places
	} else {
		r.regap(i)
		can = h.active && !h.leaving && !h.solo && h.used < h.places && !(h.sibOnly && h.used > 0)
	}
	switch {
	case can && h.openPos < 0:
		o := &r.opens[h.kind]
		h.openPos = int32(len(o.list))
		o.list = append(o.list, i)
		o.mark(o.setOf(h), h.openPos, 1)
	case !can && h.openPos >= 0:
		o := &r.opens[h.kind]
		list := o.list
		n := int32(len(list) - 1)
		last := list[n]
		lh := &r.households[last]
		set, lset := o.setOf(h), o.setOf(lh)
		switch {
		case last == i:
			o.mark(set, h.openPos, -1)
		case lset == set:
			// The last takes h's position, in the same set (approved for the same range of
			// ages, and local or not as h is): only the last position's bit and h's count go.
			o.mark(lset, n, -1)
		default:
			o.mark(set, h.openPos, -1)
			o.mark(lset, n, -1)
			o.mark(lset, h.openPos, 1)
		}
		list[h.openPos] = last
		lh.openPos = h.openPos
		o.list = list[:n]
		h.openPos = -1
	}
}

// openList is the households of one carer kind that could take a child now, in list (each
// at its openPos), and an index of them by the range of ages they are approved for
// (household.rng, an index into run.ranges[kind]) and by whether they are local: a set for
// each range of the local households and one of the others (set j and stride+j for range j,
// setOf). cover counts the households of each set, and bits holds word w of position p/64 of
// the list and set j at w*2*stride+j (stride: the kind's number of ranges), bit p%64 set when
// the household at position p is in the set. A household opening or closing sets or clears
// one bit, and a search ORs the words of the ranges that take its children: first those of
// the local households' sets, then, only if none of them has room, the others'. Each pass
// meets its households in the order of the open list, so a search finds the first local
// household with room, else the first with room, without meeting the others.
//
// fitAt holds, for each youngest and eldest age of the children of a search (at
// young*ageSlots+old), the ranges that hold both, worked out once a run.
type openList struct {
	list   []int32
	cover  []int32
	bits   []uint64
	stride int
	fitAt  []fitSpan
	fits   []int32
}

// setOf returns the set of household h, open in the list's kind: its range's set of local
// households, or of the others.
func (o *openList) setOf(h *household) int {
	if h.local {
		return int(h.rng)
	}
	return o.stride + int(h.rng)
}

// fitSpan is the ranges that hold a youngest and an eldest age: n of them, the first, and the
// others at openList.fits[rest:rest+n-1]. A range holds at most 19 ages, so at most 190 ranges
// hold any two.
type fitSpan struct {
	n, first uint8
	rest     int32
}

// index sets the list up for a kind whose households are approved for ranges.
func (o *openList) index(ranges []ageRange) {
	o.cover = make([]int32, 2*len(ranges))
	o.stride = len(ranges)
	o.fitAt = make([]fitSpan, ageSlots*ageSlots)
	o.fits = o.fits[:0]
	for young := range ageSlots {
		for old := young; old < ageSlots; old++ {
			span := fitSpan{rest: int32(len(o.fits))}
			for j, g := range ranges {
				if g.has(young) && g.has(old) {
					if span.n == 0 {
						span.first = uint8(j)
					} else {
						o.fits = append(o.fits, int32(j))
					}
					span.n++
				}
			}
			o.fitAt[young*ageSlots+old] = span
		}
	}
}

// mark adds d (1 or -1) to the count of open households in set set (setOf), and sets (or
// clears) the bit of position pos of the list in the set.
func (o *openList) mark(set int, pos, d int32) {
	o.cover[set] += d
	// Positions are never negative: unsigned, the division and remainder are a shift and a
	// mask.
	at := uint(pos)
	j := int(at/64)*2*o.stride + set
	if d < 0 {
		o.bits[j] &^= 1 << (at % 64)
		return
	}
	for len(o.bits) <= j {
		o.bits = append(o.bits, make([]uint64, 2*o.stride)...)
	}
	o.bits[j] |= 1 << (at % 64)
}

// ageRange is a range of ages, in completed years, clamped to those a child in care can be
// (0 to ageSlots-1).
type ageRange struct{ lo, hi int8 }

func ageRangeOf(a model.AgeRange) ageRange {
	return ageRange{int8(min(max(a.FromYears, 0), ageSlots-1)), int8(min(max(a.ToYears, 0), ageSlots-1))}
}

// has reports whether the range holds age a.
func (g ageRange) has(a int) bool { return int(g.lo) <= a && a <= int(g.hi) }

// verifyCover panics if the counts of open households by age differ from the open lists, or
// the counts of homes with room from the homes (a bug in the bookkeeping); tests run with it
// on.
func (r *run) verifyCover() {
	for k := range r.opens {
		o := &r.opens[k]
		list := o.list
		stride := len(r.ranges[k])
		want := make([]int32, 2*stride)
		if o.stride != stride {
			panic(fmt.Sprintf("sim: open households of kind %d indexed by %d ranges, not %d", k, o.stride, stride))
		}
		for pos, i := range list {
			h := &r.households[i]
			if g := r.ranges[k][h.rng]; g != ageRangeOf(model.AgeRange{FromYears: int(h.minAge), ToYears: int(h.maxAge)}) {
				panic(fmt.Sprintf("sim: household %d approved for %d-%d, in range %v", i, h.minAge, h.maxAge, g))
			}
			want[o.setOf(h)]++
			for j := range 2 * stride {
				if set := o.bits[pos/64*2*stride+j]&(1<<(pos%64)) != 0; set != (j == o.setOf(h)) {
					panic(fmt.Sprintf("sim: open household %d of kind %d (local %v) set %v in set %d", pos, k, h.local, set, j))
				}
			}
		}
		if !slices.Equal(want, o.cover) {
			panic(fmt.Sprintf("sim: open households of kind %d by set %v, counted %v", k, want, o.cover))
		}
		for w, m := range o.bits {
			for ; m != 0; m &= m - 1 {
				if p := w/(2*stride)*64 + bits.TrailingZeros64(m); p >= len(list) {
					panic(fmt.Sprintf("sim: open household %d of kind %d past the end of its list", p, k))
				}
			}
		}
	}
	room := make([]int32, len(r.kinds))
	for i := range r.homes {
		if h := &r.homes[i]; h.room() {
			room[h.kind]++
		}
	}
	for k, n := range room {
		if n != r.kinds[k].homeRoom {
			panic(fmt.Sprintf("sim: homes with room of kind %d %d, counted %d", k, n, r.kinds[k].homeRoom))
		}
	}
}
