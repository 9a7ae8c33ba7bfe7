package sim

import (
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/placesim/placesim/model"
)

// accepts reports whether kind k can take the child.
func (r *run) accepts(k int, ch *child) bool {
	return r.kinds[k].accepts.Matches(ch.ageAt(r.now), ch.need, ch.uasc)
}

// option reports whether kind k is an option at all for child id (see
// model.Kind.UnavailableShare): a fixed draw from the child's key, so the answer is the same at
// every match and in every scenario.
func (r *run) option(k int, id int32) bool {
	share := r.c.s.Kinds[k].UnavailableShare[r.children[id].need]
	if share == 0 {
		return true
	}
	u := float64(splitmix64(r.cold[id].key^uint64(k+1)*0x9e3779b97f4a7c15)>>11) * 0x1p-53
	return u >= share
}

// find looks for room for the children ids (one child, or a sibling group to keep together)
// in kind k, avoiding unit avoid (the place a child is moving from). It returns the unit (-1
// for a market place) and whether the place is local (for a market place, assign decides that
// as the place is taken). Among suitable households and homes it takes the first local one,
// and a distant one only when no local one has room. It draws no random number, so it can be
// asked whether there is room without changing what follows.
func (r *run) find(k int, ids []int32, avoid int32) (unit int32, local, ok bool) {
	for _, id := range ids {
		// The starting stock is placed where the scenario says, whether or not the kind would
		// be an option for the child today.
		if !r.accepts(k, &r.children[id]) || (!r.settingUp && !r.option(k, id)) {
			return -1, false, false
		}
	}
	return r.room(k, ids, avoid)
}

// room is find for children whom kind k accepts and for whom it is an option (matchOne's
// first choice, which firstOption has found so).
func (r *run) room(k int, ids []int32, avoid int32) (unit int32, local, ok bool) {
	n := len(ids)
	var solo bool
	var youngest, eldest float64
	if n == 1 {
		// One child (most searches): their age is the youngest's and the eldest's.
		ch := &r.children[ids[0]]
		solo = ch.need == model.NeedSolo
		youngest = ch.ageAt(r.now)
		eldest = youngest
	} else {
		youngest, eldest = 99, -1
		for _, id := range ids {
			ch := &r.children[id]
			if ch.need == model.NeedSolo {
				solo = true
			}
			age := ch.ageAt(r.now)
			youngest, eldest = min(youngest, age), max(eldest, age)
		}
		if solo {
			return -1, false, false
		}
	}
	switch r.kinds[k].supply {
	case model.Market:
		if r.market != nil && r.market.shares(k) {
			unit, local := r.market.find(r, k, ids)
			return unit, local, unit >= 0
		}
		if cap := r.kinds[k].capacity; cap > 0 && int(r.kinds[k].used)+n > int(cap) {
			return -1, false, false
		}
		return -1, false, true
	case model.Carers:
		if r.settingUp {
			// The starting stock is where the scenario says: any household with room will
			// do, whatever its approval range or its wish to keep places for siblings.
			return r.findStock(k, n, solo)
		}
		// The ranges of ages that hold the youngest and the eldest (and so every age between):
		// none, and no household is approved for them.
		young, old := min(int(youngest), ageSlots-1), min(int(eldest), ageSlots-1)
		o := &r.opens[k]
		fit := o.fitAt[young*ageSlots+old]
		if fit.n == 0 {
			return -1, false, false
		}
		rest := o.fits[fit.rest : fit.rest+int32(fit.n)-1]
		// The open households approved for them, in the order of the open list: their bits in
		// those ranges' sets, over the words the list covers now (the sets keep the words of a
		// longer list past its end, all clear, and a range with no open household has none set);
		// the local households' sets first, and the others' only if no local one has room.
		open, row, cb := o.list, 2*o.stride, o.bits
		for at := range 2 {
			for w := 0; w*64 < len(open); w++ {
				sets := w*row + at*o.stride
				m := cb[sets+int(fit.first)]
				for _, j := range rest {
					m |= cb[sets+int(j)]
				}
				for ; m != 0; m &= m - 1 {
					r.steps++
					i := open[w*64+bits.TrailingZeros64(m)]
					h := &r.households[i]
					if i == avoid {
						continue
					}
					if free := int(h.places) - int(h.used); free < n || (solo && h.used > 0) {
						continue
					}
					return i, at == 0, true
				}
			}
		}
		return -1, false, false
	case model.Homes:
		if r.kinds[k].homeRoom == 0 {
			return -1, false, false
		}
		best := int32(-1)
		for _, i := range r.homesOf[k] {
			r.steps++
			h := &r.homes[i]
			if !h.open || h.solo || i == avoid {
				continue
			}
			if free := int(h.beds) - int(h.used); free < n || (solo && h.used > 0) {
				continue
			}
			if h.local {
				return i, true, true
			}
			if best < 0 {
				best = i
			}
		}
		return best, best >= 0 && r.homes[best].local, best >= 0
	case model.Block:
		best := int32(-1)
		for i := range r.blocks {
			r.steps++
			b := &r.blocks[i]
			if int(b.kind) != k || !b.active || b.solo || int(b.beds-b.used) < n || int32(i) == avoid || (solo && b.used > 0) {
				continue
			}
			if b.local {
				return int32(i), true, true
			}
			if best < 0 {
				best = int32(i)
			}
		}
		return best, false, best >= 0
	}
	return -1, false, false
}

// wantOf returns child id's first choice now, or -1 with no ladder.
func (r *run) wantOf(id int32) int16 {
	ch := &r.children[id]
	if l := r.c.ladderFor(ch.ageAt(r.now), ch.need, ch.uasc); l != nil {
		return r.firstChoice(l, id)
	}
	return -1
}

// firstRung returns the index of the rung of ladder l the child's search starts at: the
// first, or on a ladder with shares (model.Ladder.Shares) the rung drawn for the child's
// current match, a fixed draw from the child's key and the number of their matches, so that
// every search of one match starts at the same rung.
func firstRung(l *model.Ladder, cd *childCold) int {
	if len(l.Shares) == 0 {
		return 0
	}
	u := float64(splitmix64(cd.key^(uint64(cd.choice)+1)*0xbf58476d1ce4e5b9)>>11) * 0x1p-53
	for i, s := range l.Shares {
		if u < s {
			return i
		}
		u -= s
	}
	return len(l.Shares) - 1
}

// newMatch starts a new match of the child: on a ladder with shares, a new first choice.
func (cd *childCold) newMatch() { cd.choice++ }

// firstChoice returns the first kind on ladder l, from the rung child id's search starts at,
// that accepts the child and is an option for them: the placement the council would choose if
// it had room. It falls back to that rung when none is.
func (r *run) firstChoice(l *model.Ladder, id int32) int16 {
	from := firstRung(l, &r.cold[id])
	if j := r.firstOption(l, from, id); j >= 0 {
		return int16(l.Try[j])
	}
	return int16(l.Try[from])
}

// firstOption returns the position in ladder l's Try of the first kind from position from on
// that accepts child id and is an option for them, or -1 if none is.
func (r *run) firstOption(l *model.Ladder, from int, id int32) int {
	ch := &r.children[id]
	for j := from; j < len(l.Try); j++ {
		if k := int(l.Try[j]); r.accepts(k, ch) && r.option(k, id) {
			return j
		}
	}
	return -1
}

// assign places child id in unit of kind k and schedules what follows from the placement:
// a breakdown, a step-down review, or, in an emergency placement, the next try to match. A
// market place is local or not child by child, as it is taken (see marketLocal), whatever
// local says.
func (r *run) assign(id int32, k int, unit int32, local bool, want int16) {
	c, s := r.c, r.c.s
	if r.market != nil && r.market.shares(k) {
		local = r.market.take(r, id, k, unit)
	} else if k < c.nKinds && r.kinds[k].supply == model.Market {
		local = r.marketLocal(k)
	}
	if r.market != nil && !r.market.shares(k) {
		r.market.placeOwn(r, id, k, local)
	}
	ch := &r.children[id]
	ch.kind, ch.unit, ch.local, ch.want = int16(k), unit, local, want
	ch.ver++
	cd := &r.cold[id]
	cd.stepped, cd.placedAt = r.steppingIn, float32(r.now)
	r.count(ch, 1)
	r.occ[k*int(model.NumNeeds)+int(ch.need)].add(r.now, 1)
	if !local {
		r.distant.add(r.now, 1)
	}
	solo := ch.need == model.NeedSolo
	switch {
	case k == c.nKinds:
		r.kinds[k].used++
		r.emergency = append(r.emergency, id)
		r.cold[id].eseq = r.wait.seq
		r.wait.seq++
		if r.market != nil {
			r.market.waitFrom(id, r.now)
		}
	case r.kinds[k].supply == model.Market:
		r.kinds[k].used++
		if local && r.kinds[k].capacity > 0 {
			r.kinds[k].localUsed++
		}
	case r.kinds[k].supply == model.Carers:
		h := &r.households[unit]
		h.who[h.used] = id
		h.used++
		h.solo = h.solo || solo
		if h.used > h.places || !h.active || h.leaving {
			panic("sim: child placed in a carer household without room")
		}
		r.refreshOpen(unit)
	case r.kinds[k].supply == model.Homes:
		h := &r.homes[unit]
		was := h.room()
		h.used++
		h.solo = h.solo || solo
		r.kinds[k].homeRoom += int32(b2i(h.room()) - b2i(was))
		if h.used > h.beds || !h.open {
			panic("sim: child placed in a children's home without room")
		}
	case r.kinds[k].supply == model.Block:
		b := &r.blocks[unit]
		b.used++
		b.solo = b.solo || solo
		if b.used > b.beds || !b.active {
			panic("sim: child placed in a block bed without room")
		}
	}
	// Placements in the financial year, for the share of children with three or more (counted
	// at the year's end: see countYearEnd); three is as many as it needs to know.
	if r.period() >= 0 {
		if ch.fy != r.fyResets {
			ch.fy, ch.fyPl = r.fyResets, 0
			if ch.made < r.fyMade {
				ch.fyPl = 1 // in care, in this placement, since before the year began
			}
		}
		r.fyThreeNow += int32(b2i(ch.fyPl == 2))
		ch.fyPl = min(ch.fyPl+1, 3)
	}
	if k == c.nKinds {
		r.schedule(r.now+s.Emergency.RetryDays, evRetry, id, ch.ver)
		return
	}
	kd := &s.Kinds[k]
	if first := r.stepInRate; r.steppingIn && first > 0 {
		// A step-down placement breaks down at the step-down rate for its first year and at
		// the kind's own from then on.
		if t := c.breakdownFrom(k, first, r.now+model.DaysPerYear, kd.BreakdownPerYear[ch.need], r.now, ch.rng.exp()); t < ch.exitAt {
			r.schedule(t, evBreakdown, id, ch.ver)
		}
	} else if rate := kd.BreakdownPerYear[ch.need]; rate > 0 {
		var t float64
		if c.breakdownIvs {
			t = c.breakdownAt(k, rate, r.now, ch.rng.exp())
		} else {
			t = r.now + ch.rng.exp()/rate*model.DaysPerYear
		}
		if t < ch.exitAt {
			r.schedule(t, evBreakdown, id, ch.ver)
		}
	}
	// A child of a steady stock has the reviews of their placement's history (settleReview),
	// the next one booked in its phase.
	if r.kinds[k].category == model.Residential && c.readyShare[k*int(model.NumNeeds)+int(ch.need)] > 0 &&
		!(r.settingUp && len(c.stockStays) == 0) {
		r.scheduleReview(id)
	}
}

// unassign takes child id out of their place, leaving them unplaced.
func (r *run) unassign(id int32) {
	ch := &r.children[id]
	k := int(ch.kind)
	r.count(ch, -1)
	r.occ[k*int(model.NumNeeds)+int(ch.need)].add(r.now, -1)
	if !ch.local {
		r.distant.add(r.now, -1)
	}
	r.release(k, ch.unit, id, ch.need == model.NeedSolo)
	ch.kind, ch.unit = -1, -1
	ch.ver++
}

// placesFreed books a moveOn once a place of kind k may have come free: a child waiting in an
// emergency placement for it moves on to it as soon as the current event is over. It marks
// kind k, so that the moveOn wakes only the children waiting for a kind with a place freed
// (see waiting). With no child waiting for kind k, and none who has had a birthday since their
// last search, the moveOn would search for no one, and none is booked.
func (r *run) placesFreed(k int) {
	if len(r.emergency) == 0 {
		return
	}
	w := &r.wait
	if w.filled[k] != 0 {
		w.mark(k)
	} else if !r.birthdayDue() {
		return
	}
	if !r.moveOnDue {
		r.moveOnDue = true
		r.schedule(r.now, evMoveOn, 0, 0)
	}
}

// marketLocal reports whether a new placement in market kind k is local: for a capped market,
// while its local places (LocalShare of its capacity) are not all taken; for an unlimited one,
// with probability LocalShare.
func (r *run) marketLocal(k int) bool {
	if r.kinds[k].capacity > 0 {
		return int(r.kinds[k].localUsed) < r.marketLocalCap(k)
	}
	return r.matching.float64() < r.kinds[k].localShare
}

// marketLocalCap is the number of local places of capped market kind k.
func (r *run) marketLocalCap(k int) int {
	return int(math.Round(float64(r.kinds[k].capacity) * r.kinds[k].localShare))
}

// release frees the place of child id in unit of kind k.
func (r *run) release(k int, unit, id int32, solo bool) {
	if r.market != nil {
		r.market.release(r, k, unit, id)
	}
	if k == r.c.nKinds {
		r.kinds[k].used--
		cd := &r.cold[id]
		cd.sleep = 0 // no longer waiting
		r.avoid(int(cd.fromKind), cd.fromUnit, -1)
		for i, e := range r.emergency {
			if e == id {
				r.emergency = append(r.emergency[:i], r.emergency[i+1:]...)
				break
			}
		}
		return
	}
	r.placesFreed(k)
	switch r.kinds[k].supply {
	case model.Market:
		r.kinds[k].used--
		if r.children[id].local && r.kinds[k].capacity > 0 && r.kinds[k].localUsed > 0 {
			r.kinds[k].localUsed--
		}
	case model.Carers:
		h := &r.households[unit]
		for i := range h.used {
			if h.who[i] == id {
				h.who[i] = h.who[h.used-1]
				break
			}
		}
		h.used--
		if solo {
			h.solo = false
		}
		if h.leaving && h.used == 0 && h.active {
			r.finishHousehold(int(unit))
		}
		r.refreshOpen(unit)
	case model.Homes:
		h := &r.homes[unit]
		was := h.room()
		h.used--
		if solo {
			h.solo = false
		}
		r.kinds[k].homeRoom += int32(b2i(h.room()) - b2i(was))
	case model.Block:
		b := &r.blocks[unit]
		b.used--
		if solo {
			b.solo = false
		}
	}
}

// record counts one match for the KPIs: whether it got the first rung.
func (r *run) record(first bool) {
	if i := r.reported(); i >= 0 && !r.stocking {
		r.flows[i*nFlows+flowMatches]++
		if first {
			r.flows[i*nFlows+flowFirst]++
		}
	}
}

// matchOne places child id on the first rung of their ladder with room, avoiding unit avoid of
// kind avoidKind, or in an emergency placement when no rung has room.
func (r *run) matchOne(id int32, avoidKind int, avoid int32) {
	ch, cd := &r.children[id], &r.cold[id]
	cd.newMatch()
	age := ch.ageAt(r.now)
	li := r.c.ladderIndex(age, ch.need, ch.uasc)
	want := int16(-1)
	if li >= 0 {
		l := &r.c.s.Ladders[li]
		from := firstRung(l, cd)
		j := r.firstOption(l, from, id)
		want = int16(l.Try[from])
		if j >= 0 {
			want = int16(l.Try[j])
		}
		// The kinds before the first choice neither take the child nor are an option for
		// them, so find would find no room there: the search starts at it (none, with no
		// first choice). The starting stock, placed wherever the scenario says, tries them all.
		if !r.settingUp {
			from = j
			if j < 0 {
				from = len(l.Try)
			}
		}
		ids := [1]int32{id}
		for i, k := range l.Try[from:] {
			av := int32(-1)
			if int(k) == avoidKind {
				av = avoid
			}
			var unit int32
			var local, ok bool
			if i == 0 && from == j {
				unit, local, ok = r.room(int(k), ids[:], av) // firstOption found the kind takes the child
			} else {
				unit, local, ok = r.find(int(k), ids[:], av)
			}
			if ok {
				r.assign(id, int(k), unit, local, want)
				r.record(int16(k) == want)
				return
			}
		}
	}
	cd.sought, cd.fromKind, cd.fromUnit = r.now, int16(avoidKind), avoid
	r.avoid(avoidKind, avoid, 1)
	r.assign(id, r.c.nKinds, -1, false, want)
	// The search just made is the child's first from the emergency placement.
	r.sleep(id, li, int(math.Floor(age)))
	r.record(false)
	r.flow(r.c.lay.mEmergency, 1)
}

// matchGroup places a sibling group together on the first rung of the eldest's ladder with
// room for them all; failing that, each is matched alone and the split counted.
func (r *run) matchGroup(ids []int32) {
	if len(ids) == 1 {
		r.matchOne(ids[0], -1, -1)
		return
	}
	eldest := ids[0]
	for _, id := range ids[1:] {
		if r.children[id].birth < r.children[eldest].birth {
			eldest = id
		}
	}
	for _, id := range ids {
		r.cold[id].newMatch()
	}
	ch := &r.children[eldest]
	if l := r.c.ladderFor(ch.ageAt(r.now), ch.need, ch.uasc); l != nil {
		for _, k := range l.Try[firstRung(l, &r.cold[eldest]):] {
			if unit, local, ok := r.find(int(k), ids, -1); ok {
				for _, id := range ids {
					want := r.wantOf(id)
					r.assign(id, int(k), unit, local, want)
					r.record(int16(k) == want)
				}
				return
			}
		}
	}
	r.flow(r.c.lay.mSplits, 1)
	for _, id := range ids {
		r.matchOne(id, -1, -1)
	}
}

// move takes child id out of their placement and matches them again, avoiding the unit they
// leave; the move is counted.
func (r *run) move(id int32, fromKind int, fromUnit int32) {
	r.unassign(id)
	r.flow(r.c.lay.mMoves, 1)
	r.matchOne(id, fromKind, fromUnit)
}

// breakdown ends child id's placement unplanned: the child moves, and a child of 10 or more
// may come out of it with their needs judged one level higher.
func (r *run) breakdown(id int32) {
	ch := &r.children[id]
	kind, unit := int(ch.kind), ch.unit
	r.flow(r.c.lay.mBreakdowns, 1)
	if cd := &r.cold[id]; cd.stepped && r.now-float64(cd.placedAt) <= model.DaysPerYear {
		r.flow(r.c.lay.mStepdownBreakdowns, 1)
	}
	r.unassign(id)
	if ch.need < model.NeedSolo && (r.c.s.EscalationShare > 0 || len(r.c.s.EscalationByAge) > 0) {
		share := r.c.s.EscalationAt(ch.ageAt(r.now))
		if r.c.escalationIvs {
			share *= r.c.escalationMul(r.now)
		}
		if share > 0 && ch.rng.float64() < share {
			ch.need++
		}
	}
	r.flow(r.c.lay.mMoves, 1)
	r.matchOne(id, kind, unit)
}

// retry is the regular search for a proper placement for a child in an emergency placement:
// failing it, the next search is booked.
//
// A child asleep in the queue (see waiting) who has had no birthday since their last search,
// with no moveOn pending, would find no room: a place that could end their wait books a
// moveOn, which wakes them. Their search is then not made (find draws no random number, so
// the run goes on as if it had been), and the next is booked. A council of a region's shared
// market always searches: its market's places come free by rules of their own.
func (r *run) retry(id int32) {
	ch, cd := &r.children[id], &r.cold[id]
	if cd.sleep != 0 && !r.moveOnDue && r.market == nil && math.Floor(ch.ageAt(r.now)) == math.Floor(ch.ageAt(cd.sought)) {
		if r.check {
			r.verifyNoRoom(id)
		}
		cd.sought = r.now
		r.schedule(r.now+r.c.s.Emergency.RetryDays, evRetry, id, ch.ver)
		return
	}
	if !r.placeFromEmergency(id) {
		r.schedule(r.now+r.c.s.Emergency.RetryDays, evRetry, id, ch.ver)
	}
}

// placeFromEmergency moves child id, in an emergency placement, to the first rung of their
// ladder with room, reporting whether one had room. Failing that, the child waits for a place
// that could end their wait (see waiting).
func (r *run) placeFromEmergency(id int32) bool {
	ch, cd := &r.children[id], &r.cold[id]
	cd.sought = r.now
	age := ch.ageAt(r.now)
	li := r.c.ladderIndex(age, ch.need, ch.uasc)
	if li >= 0 {
		l := &r.c.s.Ladders[li]
		ids := [1]int32{id}
		for _, k := range l.Try[firstRung(l, cd):] {
			if unit, local, ok := r.find(int(k), ids[:], cd.avoidIn(k)); ok {
				want := r.firstChoice(l, id) // only once a place is found: most searches find none
				r.unassign(id)
				r.assign(id, int(k), unit, local, want)
				r.record(int16(k) == want)
				r.flow(r.c.lay.mMoves, 1)
				return true
			}
		}
	}
	r.resleep(id, li, int(math.Floor(age)))
	return false
}

// moveOn offers the places freed since the last offer to the children in emergency
// placements, longest waiting first. Only the children asleep on a kind with a place freed
// since, and who have room there, search, and those who have had a birthday since their last
// search (see waiting): the others would find no room, and find draws no random number, so
// the run goes on as if every child had searched. A child who moves on keeps no pending
// search: the search event is stale once the child's placement changes.
func (r *run) moveOn() {
	r.moveOnDue = false
	w := &r.wait
	if r.check {
		r.waiting = append(r.waiting[:0], r.emergency...)
	}
	w.moving = true
	awake := w.awake()
	for len(w.birthdays) > 0 && w.birthdays[0].t <= r.now {
		if b := popBirthday(&w.birthdays); r.asleep(b.id, b.token) {
			w.res[awake].push(sleeper{seq: r.cold[b.id].eseq, id: b.id, token: b.token})
		}
	}
	w.cand = w.cand[:0]
	for _, k := range w.marked {
		w.dirty[k] = false
		r.queueKind(k)
	}
	w.marked = w.marked[:0]
	r.queueCand(awake)
	// Always the resource whose first sleeper is first in the queue: a sleeper with no room
	// there waits for the moveOn to end, one with room searches.
	for len(w.cand) > 0 {
		c := w.popCand()
		rid := int(c.rid)
		s, ok := r.top(rid)
		if !ok {
			continue
		}
		if s.seq != c.key {
			w.pushCand(candidate{key: s.seq, rid: c.rid})
			continue
		}
		w.res[rid].pop()
		if rid != awake && !r.roomAt(rid, s.id) {
			w.deferred = append(w.deferred, deferral{c.rid, s})
		} else if !r.placeFromEmergency(s.id) && rid != awake && r.asleep(s.id, s.token) {
			w.deferred = append(w.deferred, deferral{c.rid, s})
		}
		r.queueCand(rid)
	}
	w.moving = false
	for _, d := range w.deferred {
		r.fileOn(int(d.rid), d.s)
	}
	for _, d := range w.pending {
		r.fileOn(int(d.rid), d.s)
	}
	w.deferred, w.pending = w.deferred[:0], w.pending[:0]
	if r.check {
		r.verifyCover()
		if rr := r.regionRun(); rr != nil && rr.laterToOffer() {
			// A region offering several places freed at once (its start's, a month's
			// growth) offers them one after another: a child waiting here may take one still
			// to be offered, of a kind this moveOn did not wake, once it is offered.
			if !slices.Contains(rr.checkLater, r.market.ci) {
				rr.checkLater = append(rr.checkLater, r.market.ci)
			}
		} else {
			r.verifyWaiting(r.waiting)
		}
		r.waiting = r.waiting[:0]
	}
}

// verifyWaiting checks that each of ids still in an emergency placement has no room on their
// ladder (verifyNoRoom).
func (r *run) verifyWaiting(ids []int32) {
	for _, id := range ids {
		if ch := &r.children[id]; ch.state == inCare && int(ch.kind) == r.c.nKinds {
			r.verifyNoRoom(id)
		}
	}
}

// regionRun returns the region the run is a council of, or nil.
func (r *run) regionRun() *regionRun {
	if r.market == nil {
		return nil
	}
	return r.market.rr
}

// review is a step-down review of a child in residential care: once found ready (at the share
// of the kind they are in, model.Scenario.ReadyShare), the child moves to the first family
// placement on the step-down list that takes a child with their needs and has room. The child
// keeps their needs, and with them the price and breakdown risk of the new placement;
// otherwise the review is counted (StepdownsNoPlace) and the next is booked. A child found
// ready stays ready until they step down,
// through a breakdown and a move to another residential kind too: there the first review
// (booked when that kind's share for their need is above zero) tries the move again without
// a new draw.
func (r *run) review(id int32) {
	s := r.c.s
	ch := &r.children[id]
	if !ch.ready {
		ch.ready = ch.rng.float64() < r.c.readyShare[int(ch.kind)*int(model.NumNeeds)+int(ch.need)]*r.stepdownMul
		r.readyN += b2i(ch.ready)
	}
	if ch.ready {
		ids := [1]int32{id}
		// The child is matched with the needs they step down with (model.StepDown.EaseShare),
		// and keeps their own until they move.
		old, need := ch.need, ch.need
		if e := s.StepDown.EaseShare; e > 0 && need > model.NeedStandard && (e >= 1 || ch.rng.float64() < e) {
			need--
		}
		try, onList := s.StepDown.Try, false
		if s.StepDown.EaseShare > 0 {
			// Placed as at a move: on the ladder for the eased needs, from the rung drawn
			// for the child, among the kinds of the step-down list.
			ch.need = need
			l := r.c.ladderFor(ch.ageAt(r.now), need, ch.uasc)
			ch.need = old
			if l != nil {
				cd := &r.cold[id]
				cd.newMatch()
				try, onList = l.Try[firstRung(l, cd):], true
			}
		}
		for _, k := range try {
			if onList && !slices.Contains(s.StepDown.Try, k) {
				continue
			}
			ch.need = need
			unit, local, ok := r.find(int(k), ids[:], -1)
			ch.need = old
			if ok {
				r.unassign(id)
				ch.ready = false
				r.readyN--
				ch.need = need
				r.steppingIn, r.stepInRate = true, r.stepDownBreakdown()
				r.assign(id, int(k), unit, local, r.wantOf(id))
				r.steppingIn = false
				r.flow(r.c.lay.mStepdowns, 1)
				r.flow(r.c.lay.mMoves, 1)
				for _, j := range r.c.stepdownCostIvs {
					if r.ivActive[j] {
						r.payProgramme(j, r.c.ivs[j].Cost.PerUnitGBP)
					}
				}
				return
			}
		}
		r.flow(r.c.lay.mStepdownsNoPlace, 1)
	}
	r.scheduleReview(id)
}

// stepDownBreakdown returns the first-year breakdown rate of a placement a child steps down
// into now: that of the last stepdown_rate intervention in force that sets one (the later in
// the list, whichever started first), or step_down.first_year_breakdown_per_year; zero for the
// receiving kind's own rate.
func (r *run) stepDownBreakdown() float64 {
	rate := r.c.s.StepDown.FirstYearBreakdownPerYear
	for j := range r.c.ivs {
		if iv := &r.c.ivs[j]; r.ivActive[j] && iv.Action == model.StepDownRate && iv.StepDownBreakdownPerYear > 0 {
			rate = iv.StepDownBreakdownPerYear
		}
	}
	return rate
}

// scheduleReview schedules child id's next step-down review, unless it would come no earlier
// than the end of their care: their exit, scheduled first, would make it stale.
func (r *run) scheduleReview(id int32) {
	ch := &r.children[id]
	if t := r.now + r.c.s.StepDown.ReviewDays; t < ch.exitAt {
		r.schedule(t, evReview, id, ch.ver)
	}
}

// exit ends child id's period of care: at 18 they may stay put with their foster carers or
// move to care-leaver accommodation.
func (r *run) exit(id int32) {
	s, lay := r.c.s, &r.c.lay
	ch := &r.children[id]
	if ch.state != inCare {
		return
	}
	route := ch.route
	k := int(ch.kind)
	if route == model.AgeEighteen && k < r.c.nKinds && s.Kinds[k].Category == model.Foster &&
		s.StayingPut.Share > 0 && ch.rng.float64() < s.StayingPut.Share {
		route = model.StayingPut
		if r.market != nil {
			r.market.leaveCare(r, id)
		}
		r.count(ch, -1)
		r.occ[k*int(model.NumNeeds)+int(ch.need)].add(r.now, -1)
		if !ch.local {
			r.distant.add(r.now, -1)
		}
		r.forget(id)
		ch.state = stayingPut
		ch.ver++
		r.sp[k].add(r.now, 1)
		if ch.uasc {
			r.uascLeft.add(r.now, 1)
		}
		end := math.Min(r.now+r.c.stayingPut.draw(&ch.rng), ch.birth+21*model.DaysPerYear)
		r.schedule(end, evStayingPutEnd, id, ch.ver)
	} else {
		r.unassign(id)
		r.forget(id)
		r.setState(id, gone)
	}
	r.left++
	r.cla.add(r.now, -1)
	if ch.uasc {
		r.uascLvl.add(r.now, -1)
	}
	r.bumpMonth(lay.mExits, 1)
	r.bumpMonth(lay.mExitRoute[route], 1)
	if route == model.AgeEighteen && s.CareLeavers.Share > 0 && ch.rng.float64() < s.CareLeavers.Share {
		if r.clPlaces > 0 && r.cl.v >= float64(r.clPlaces) {
			r.bumpMonth(lay.mCLUnmet, 1)
			r.leave(id)
			return
		}
		r.setState(id, careLeaver)
		r.cl.add(r.now, 1)
		if ch.uasc {
			r.uascLeft.add(r.now, 1)
		}
		end := math.Min(r.now+r.c.careLeave.draw(&ch.rng), ch.birth+21*model.DaysPerYear)
		r.schedule(end, evCareLeaverEnd, id, ch.ver)
		return
	}
	r.leave(id)
}

// endStayingPut ends a staying-put arrangement, freeing the carer's place.
func (r *run) endStayingPut(id int32) {
	ch := &r.children[id]
	k := int(ch.kind)
	r.sp[k].add(r.now, -1)
	if ch.uasc {
		r.uascLeft.add(r.now, -1)
	}
	r.release(k, ch.unit, id, ch.need == model.NeedSolo)
	ch.kind, ch.unit = -1, -1
	ch.state = gone
	ch.ver++
	r.leave(id)
}

// verifyNoRoom checks what moveOn leaves behind: that a search by child id, still in an
// emergency placement, would find no room on their ladder. It panics otherwise (a place came
// free without placesFreed: a bug); tests run with it on.
func (r *run) verifyNoRoom(id int32) {
	ch := &r.children[id]
	l := r.c.ladderFor(ch.ageAt(r.now), ch.need, ch.uasc)
	if l == nil {
		return
	}
	cd := &r.cold[id]
	for _, k := range l.Try[firstRung(l, cd):] {
		if _, _, ok := r.find(int(k), []int32{id}, cd.avoidIn(k)); ok {
			panic(fmt.Sprintf("sim: child %d passed over in an emergency placement while %s has room", id, r.c.s.Kinds[k].Name))
		}
	}
}
