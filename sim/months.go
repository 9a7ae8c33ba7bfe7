package sim

import (
	"fmt"
	"math"

	"github.com/placesim/placesim/model"
)

// reported returns the index of the current month among the reported months, or -1 in the
// warm-up.
func (r *run) reported() int {
	return r.month - r.c.cal.FirstReported
}

// setMonth makes m the current month, and works out once what the events of the month ask of
// it (recRow, curFY).
func (r *run) setMonth(m int) {
	r.month = m
	r.recRow, r.curFY = -1, -1
	if i := r.reported(); i >= 0 {
		r.recRow = i * len(r.c.lay.monthly)
		r.curFY = r.c.cal.Period[i]
	}
}

// period returns the index of the current financial year among the reported ones, or -1 in
// the warm-up.
func (r *run) period() int { return r.curFY }

// bumpMonth adds v to monthly metric m of the current month (nothing in the warm-up).
func (r *run) bumpMonth(m int, v float64) {
	if r.recRow >= 0 {
		r.rec[r.recRow+m] += v
	}
}

// flow adds v to monthly flow m of the month under way, as bumpMonth does, unless the
// starting stock is being placed (stocking): its placements, moves and emergency placements
// are where the stock already is on the start day, not the first month's.
func (r *run) flow(m int, v float64) {
	if !r.stocking {
		r.bumpMonth(m, v)
	}
}

// startMonth begins month m: carer households draw whether they deregister during it, and at
// the start of a reported financial year every child's count of placements in the year starts
// again at one (as each child's next placement finds: see assign).
func (r *run) startMonth(m int) {
	r.setMonth(m)
	end := r.c.cal.MonthEnd(m)
	for k := range r.pools {
		if r.c.churn[k] {
			r.drawDeregistrations(k, end)
		}
	}
	i := r.reported()
	if i < 0 || (i > 0 && r.c.cal.Period[i] == r.c.cal.Period[i-1]) {
		return
	}
	r.fyResets++
	r.fyMade = int32(r.made)
	r.fyThreeNow = 0
}

// endMonth closes month m: costs are worked out, integrals and end-of-month counts recorded,
// and the next month begins.
func (r *run) endMonth(m int) {
	c := r.c
	if i := r.reported(); i >= 0 {
		r.flushCosts() // also brings every level up to date
		r.recordMonth(i)
		r.resetAreas()
		if i+1 == c.cal.ReportedMonths() || c.cal.Period[i+1] != c.cal.Period[i] {
			r.countYearEnd(c.cal.Period[i])
		}
	} else {
		// A warm-up month records nothing: its levels start afresh, with no need to bring
		// their integrals up to date first.
		if r.market != nil {
			r.market.flushCosts(r)
		}
		r.restartAreas()
	}
	if r.check {
		r.verifyMonth()
	}
	if m+1 < len(c.cal.MonthStarts) {
		r.startMonth(m + 1)
		r.schedule(c.cal.MonthEnd(m+1), evMonth, int32(m+1), 0)
	}
}

// countYearEnd counts, at the end of reported financial year p (31 March, or the run's end in
// a year it cuts short), the children in care and those of them who had three or more
// placements in the year, the one they were in when it began or entered care into counting as
// the first: the Department for Education's placement stability measure. In the same pass it
// counts the Department's long-term stability measure: of the children under 16 who have been
// in care for 2.5 years or more, those who have lived in the same placement for 2 years or
// more (ltEligible, ltStable).
func (r *run) countYearEnd(p int) {
	if r.check {
		three := 0
		for _, id := range r.inCare {
			ch := &r.children[id]
			three += b2i(ch.fy == r.fyResets && ch.fyPl >= 3)
		}
		if three != int(r.fyThreeNow) {
			panic(fmt.Sprintf("sim: %d children in care with three placements in the year, counted %d", three, r.fyThreeNow))
		}
		for _, id := range r.inCare {
			if cd := &r.cold[id]; cd.entered > cd.placedAt || cd.placedAt > float32(r.now) {
				panic(fmt.Sprintf("sim: a child in care entered care on day %v and was placed on day %v, today %v", cd.entered, cd.placedAt, r.now))
			}
		}
	}
	r.fyKids[p], r.fyThree[p] = float64(len(r.inCare)), float64(r.fyThreeNow)
	var elig, stable int
	for _, id := range r.inCare {
		e, s := r.longTermStable(id)
		elig += b2i(e)
		stable += b2i(s)
	}
	r.fyLTElig[p], r.fyLTStable[p] = float64(elig), float64(stable)
}

// The long-term stability measure's thresholds: children under ltUnderAge who have been in care
// for ltInCareDays or more are counted, and those of them in the same placement for
// ltPlacedDays or more are stable.
const (
	ltUnderAge   = 16
	ltInCareDays = 2.5 * model.DaysPerYear
	ltPlacedDays = 2 * model.DaysPerYear
)

// longTermStable reports whether child id, in care, counts in the long-term stability measure
// today (under 16, in care for 2.5 years or more) and, if so, whether they have lived in the
// same placement for 2 years or more. An emergency placement is a placement; the model places
// no child for adoption, which the Department counts as stable too.
func (r *run) longTermStable(id int32) (eligible, stable bool) {
	ch, cd := &r.children[id], &r.cold[id]
	if ch.ageAt(r.now) >= ltUnderAge || r.now-float64(cd.entered) < ltInCareDays {
		return false, false
	}
	return true, r.now-float64(cd.placedAt) >= ltPlacedDays
}

// resetAreas starts every level's integral afresh for a new month.
func (r *run) resetAreas() {
	levels := r.levels // in a local, so that the loop's writes do not read r.levels again
	for i := range levels {
		levels[i].area, levels[i].costMark = 0, 0
	}
}

// restartAreas starts every level's integral afresh at the current day, as flushCosts then
// resetAreas do, in one pass: the area each level's flush would add is cleared anyway.
func (r *run) restartAreas() {
	levels, now := r.levels, r.now
	for i := range levels {
		levels[i].area, levels[i].costMark, levels[i].last = 0, 0, now
	}
}

// flushCosts adds the costs accrued since the last flush, at the prices in force, to the
// current month. It runs at each month's end and before any price changes.
func (r *run) flushCosts() {
	c, s, lay := r.c, r.c.s, &r.c.lay
	levels, now := r.levels, r.now // in locals, so that the loop's writes do not read r again
	for j := range levels {
		l := &levels[j]
		l.set(now, l.v)
	}
	if r.market != nil {
		r.market.flushCosts(r)
	}
	i := r.reported()
	accrued := func(l *level) float64 {
		d := l.area - l.costMark
		l.costMark = l.area
		return d
	}
	if i < 0 {
		return
	}
	f, yearDays := c.monthFactor[r.month], c.yearDays[r.month]
	row := r.rec[i*len(lay.monthly):]
	// A cost at a price of 0 adds +0 to the row, which leaves it as it is: only its mark moves.
	spWeekly := s.StayingPut.WeeklyCostGBP
	// The other kinds' costs are all 0: adding them would leave the row as it is.
	for _, k := range c.costKinds {
		var cost, childDays, householdDays float64
		occ := r.occ[k*int(model.NumNeeds) : (k+1)*int(model.NumNeeds)]
		if r.unpriced[k] && r.allowance[k] == 0 {
			for n := range occ {
				childDays += accrued(&occ[n])
			}
		} else {
			weekly := &r.weekly[k]
			for n := range occ {
				price := weekly[n]*r.priceMult[k] + r.allowance[k]
				d := accrued(&occ[n])
				childDays += d
				cost += d * price / model.DaysPerWeek
			}
		}
		if k < c.nKinds {
			cost += accrued(&r.fixed[k]) / yearDays
			if p := s.Kinds[k].Carers; p != nil {
				householdDays = accrued(&r.hh[k])
				if p.SupportCostPerHouseholdPerYearGBP != 0 {
					row[lay.mCostSupport] += householdDays * p.SupportCostPerHouseholdPerYearGBP / yearDays * f
				}
			}
		}
		row[lay.mCostKind[k]] += cost * f
		if spWeekly == 0 {
			accrued(&r.sp[k])
		} else {
			sp := accrued(&r.sp[k]) * spWeekly / model.DaysPerWeek * f
			row[lay.mCostSP] += sp
			if k < c.nKinds && c.carerKind[k] {
				row[lay.mCostCarers] += sp
			} else {
				row[lay.mCostPlacements] += sp
			}
		}
		// Programmes paid by the household-year or child-year served, while in force.
		for _, j := range c.unitYearIvs {
			iv := &c.ivs[j]
			if int(iv.Kind) != k || !r.ivActive[j] {
				continue
			}
			units := childDays
			if iv.Action == model.Retention {
				units = householdDays
			}
			row[lay.mCostProgramme] += units * iv.Cost.PerUnitGBP / yearDays * c.costFactor(j, r.month)
		}
	}
	if w := s.CareLeavers.WeeklyCostGBP; w != 0 {
		row[lay.mCostCL] += accrued(r.cl) * w / model.DaysPerWeek * f
	} else {
		accrued(r.cl)
	}
}

// recordMonth records reported month i: integrals over the month and counts at its end. The
// levels must be up to date (flushCosts sees to it).
func (r *run) recordMonth(i int) {
	c, lay := r.c, &r.c.lay
	row := r.rec[i*len(lay.monthly) : (i+1)*len(lay.monthly)]
	in := r.intg[i*r.nIntg() : (i+1)*r.nIntg()]
	in[intgDays] = c.cal.MonthEnd(r.month) - c.cal.MonthStarts[r.month]
	in[intgCLA] = r.cla.area
	in[intgUASC] = r.uascLvl.area
	in[intgUASCLeft] = r.uascLeft.area
	in[intgDistant] = r.distant.area
	for k := range c.nKinds + 1 {
		in[intgSP] += r.sp[k].area
		var occ float64
		for n := range model.NumNeeds {
			occ += r.occ[k*int(model.NumNeeds)+int(n)].area
		}
		in[intgKinds+k] = occ
		if k < c.nKinds {
			in[intgKinds+c.nKinds+1+k] = r.places[k].area
		}
	}

	// Counts at the end of the month: by kind, need and first choice from the running counts,
	// by age from the days of birth (recordGaps, in its pass over the children).
	total := float64(len(r.inCare))
	for k := range r.kinds {
		row[lay.mKind[k]] = float64(r.kinds[k].n)
		if lay.mWanted[k] >= 0 {
			row[lay.mWanted[k]] = float64(r.kinds[k].want)
		}
	}
	for n, v := range r.nNeed {
		row[lay.mNeed[n]] = float64(v)
	}
	row[lay.mUASC] = r.uascLvl.v
	row[lay.mUASCLeft] = r.uascLeft.v
	row[lay.mSex[1]] = float64(r.nMale)
	row[lay.mSex[0]] = total - float64(r.nMale)
	row[lay.mDistant] = r.distant.v
	row[lay.mCLA] = total
	for k := range c.nKinds {
		if lay.mHouseholds[k] >= 0 {
			row[lay.mHouseholds[k]] = r.hh[k].v
		}
		if lay.mPlaces[k] >= 0 {
			row[lay.mPlaces[k]] = r.places[k].v
			if c.gapIndex[k] < 0 {
				row[lay.mVacant[k]] = r.vacancies(k) // the others': recordGaps, in its pass over the places
			}
		}
		row[lay.mStayingPut] += r.sp[k].v
	}
	row[lay.mCareLeavers] = r.cl.v
	row[lay.mReadyToStepDown] = float64(r.readyN)
	r.recordGaps(row)
	r.recordSpending(row)
}

// recordSpending splits a reported month's spending four ways, and makes the total their sum:
// placements (kinds bought from the market and emergency placements, young people staying put
// with their carers and care leavers' accommodation), the council's carers (what children
// placed with them cost, staying put with them, their support and recruitment), its own
// provision (homes and block-contracted beds, fixed costs included, and its share of a region's
// pooled blocks) and programmes (what interventions cost to run). Staying put is already split
// by flushCosts.
func (r *run) recordSpending(row []float64) {
	c, lay := r.c, &r.c.lay
	row[lay.mCostProgramme] += c.progMonth[r.month]
	placements, carers, own := row[lay.mCostPlacements], row[lay.mCostCarers], 0.0
	// A region's pooled blocks are block contracts: their fee is the council's own provision,
	// though booked to the market kind (see payPooled), and is left out of each kind's
	// spending on places bought, so that a kind bought only in the blocks adds exactly 0.
	var pooled []float64
	var fees float64
	if cm := r.market; cm != nil {
		pooled = cm.pooledFee
	}
	for k := range c.nKinds + 1 {
		v := row[lay.mCostKind[k]]
		if pooled != nil && pooled[k] != 0 {
			v -= pooled[k]
			fees += pooled[k]
			pooled[k] = 0
		}
		switch {
		case k == c.nKinds || c.s.Kinds[k].Supply == model.Market:
			placements += v
		case c.s.Kinds[k].Supply == model.Carers:
			carers += v
		default: // homes and block contracts
			own += v
		}
	}
	own += fees
	row[lay.mCostPlacements] = placements + row[lay.mCostCL]
	row[lay.mCostCarers] = carers + row[lay.mCostSupport] + row[lay.mCostRecruit]
	row[lay.mCostOwn] = own
	row[lay.mCostTotal] = row[lay.mCostPlacements] + row[lay.mCostCarers] + row[lay.mCostOwn] + row[lay.mCostProgramme]
}

// vacancies returns the free places of kind k that a child could be placed in now.
func (r *run) vacancies(k int) float64 {
	var v int
	switch r.c.s.Kinds[k].Supply {
	case model.Market:
		v = int(max(r.kinds[k].capacity-r.kinds[k].used, 0))
	case model.Carers:
		for _, i := range r.pools[k] {
			if h := &r.households[i]; !h.leaving && !h.solo {
				v += int(h.places - h.used)
			}
		}
	case model.Homes:
		for i := range r.homes {
			if h := &r.homes[i]; int(h.kind) == k && h.open && !h.solo {
				v += int(h.beds - h.used)
			}
		}
	case model.Block:
		for i := range r.blocks {
			if b := &r.blocks[i]; int(b.kind) == k && b.active && !b.solo {
				v += int(b.beds - b.used)
			}
		}
	}
	return float64(v)
}

// verifyMonth checks the engine's invariants: conservation of children, and every place's
// occupants recounted from the children match its count and fit its capacity. It panics on a
// broken invariant (a bug, not bad input); tests run with it on.
func (r *run) verifyMonth() {
	c := r.c
	var inCareN, cla int
	hh := make([]int, len(r.households))
	homes := make([]int, len(r.homes))
	blocks := make([]int, len(r.blocks))
	market := make([]int, c.nKinds+1)
	soloHH := make([]int, len(r.households))
	soloHomes := make([]int, len(r.homes))
	soloBlocks := make([]int, len(r.blocks))
	ready, left := 0, 0
	for id := range r.children {
		ch := &r.children[id]
		if ch.state == inCare {
			cla++
			ready += b2i(ch.ready)
		}
		if ch.uasc && (ch.state == careLeaver || ch.state == stayingPut) {
			left++
		}
		if ch.state != inCare && ch.state != stayingPut {
			continue
		}
		inCareN++
		k := int(ch.kind)
		if k < 0 {
			panic(fmt.Sprintf("sim: child %d in care with no placement", id))
		}
		solo := 0
		if ch.need == model.NeedSolo && ch.state == inCare {
			solo = 1
		}
		switch {
		case k == c.nKinds || c.s.Kinds[k].Supply == model.Market:
			market[k]++
		case c.s.Kinds[k].Supply == model.Carers:
			hh[ch.unit]++
			soloHH[ch.unit] += solo
		case c.s.Kinds[k].Supply == model.Homes:
			homes[ch.unit]++
			soloHomes[ch.unit] += solo
		case c.s.Kinds[k].Supply == model.Block:
			blocks[ch.unit]++
			soloBlocks[ch.unit] += solo
		}
	}
	if cla != len(r.inCare) {
		panic(fmt.Sprintf("sim: %d children in care, %d on the list", cla, len(r.inCare)))
	}
	if float64(left) != r.uascLeft.v {
		panic(fmt.Sprintf("sim: %d former UASC supported after care, counted %v", left, r.uascLeft.v))
	}
	if ready != r.readyN {
		panic(fmt.Sprintf("sim: %d children in care found ready to step down, counted %d", ready, r.readyN))
	}
	nKind := make([]int, c.nKinds+1)
	tags, births := r.tagsAndBirths()
	if len(tags) != len(r.inCare) || len(births) != len(r.inCare) {
		panic("sim: child tags out of step")
	}
	for i, id := range r.inCare {
		ch := &r.children[id]
		if ch.pos != int32(i) || births[i] != ch.birth || ch.state != inCare {
			panic("sim: in-care list out of step")
		}
		nKind[ch.kind]++
	}
	r.verifyTags()
	for k, n := range nKind {
		if n != int(r.kinds[k].n) {
			panic(fmt.Sprintf("sim: children placed in kind %d %d, running count %d", k, n, r.kinds[k].n))
		}
	}
	for k := range r.opens {
		for pos, i := range r.opens[k].list {
			h := &r.households[i]
			if int(h.kind) != k || h.openPos != int32(pos) {
				panic("sim: open list out of step")
			}
		}
	}
	for i, h := range r.households {
		can := h.active && !h.leaving && !h.solo && h.used < h.places && !(h.sibOnly && h.used > 0)
		if can != (h.openPos >= 0) {
			panic(fmt.Sprintf("sim: household %d could take a child %v, on the open list %v", i, can, h.openPos >= 0))
		}
		for _, id := range h.who[:h.used] {
			if ch := &r.children[id]; int(ch.kind) != int(h.kind) || ch.unit != int32(i) {
				panic(fmt.Sprintf("sim: household %d lists child %d placed elsewhere", i, id))
			}
		}
	}
	if r.entered != cla+r.left || float64(cla) != r.cla.v {
		panic(fmt.Sprintf("sim: conservation broken: %d entered, %d in care (level %v), %d left", r.entered, cla, r.cla.v, r.left))
	}
	for i, h := range r.households {
		if hh[i] != int(h.used) || h.used > h.places || (!h.active && h.used > 0) {
			panic(fmt.Sprintf("sim: household %d holds %d, counts %d, has %d places", i, hh[i], h.used, h.places))
		}
	}
	// A solo child has their home, household or block beds to themselves, whatever the flags say.
	for i, h := range r.homes {
		if soloHomes[i] > 0 && (h.used != 1 || !h.solo) {
			panic(fmt.Sprintf("sim: home %d has a solo child and %d children", i, h.used))
		}
	}
	for i, b := range r.blocks {
		if soloBlocks[i] > 0 && (b.used != 1 || !b.solo) {
			panic(fmt.Sprintf("sim: block %d has a solo child and %d children", i, b.used))
		}
	}
	for i, h := range r.households {
		if soloHH[i] > 0 && (h.used != 1 || !h.solo) {
			panic(fmt.Sprintf("sim: household %d has a solo child and %d living there", i, h.used))
		}
	}
	// Every child in an emergency placement is on the waiting list, and (unless a moveOn is
	// pending) no rung of their ladder has room for them, unless they have had a birthday since
	// their last search (their ladder and the places that accept them change with age).
	if len(r.emergency) != market[c.nKinds] {
		panic(fmt.Sprintf("sim: %d children in emergency placements, %d waiting", market[c.nKinds], len(r.emergency)))
	}
	if !r.moveOnDue {
		for _, id := range r.emergency {
			ch := &r.children[id]
			if int(ch.kind) != c.nKinds {
				panic(fmt.Sprintf("sim: child %d waits for a place but is not in an emergency placement", id))
			}
			cd := &r.cold[id]
			if math.Floor(ch.ageAt(r.now)) != math.Floor(ch.ageAt(cd.sought)) {
				continue
			}
			if l := c.ladderFor(ch.ageAt(r.now), ch.need, ch.uasc); l != nil {
				for _, k := range l.Try[firstRung(l, cd):] {
					if _, _, ok := r.find(int(k), []int32{id}, cd.avoidIn(k)); ok {
						panic(fmt.Sprintf("sim: child %d in an emergency placement while %s has room", id, c.s.Kinds[k].Name))
					}
				}
			}
		}
	}
	for k := range c.nKinds {
		if cap := r.kinds[k].capacity; cap > 0 && r.kinds[k].localUsed > r.kinds[k].used {
			panic(fmt.Sprintf("sim: market %s holds %d (%d local), capacity %d", c.s.Kinds[k].Name, r.kinds[k].used, r.kinds[k].localUsed, cap))
		}
	}
	for i, h := range r.homes {
		if homes[i] != int(h.used) || h.used > h.beds || (h.solo && h.used != 1) {
			panic(fmt.Sprintf("sim: home %d holds %d, counts %d, has %d beds", i, homes[i], h.used, h.beds))
		}
	}
	for i, b := range r.blocks {
		if blocks[i] != int(b.used) || b.used > b.beds {
			panic(fmt.Sprintf("sim: block %d holds %d, counts %d, has %d beds", i, blocks[i], b.used, b.beds))
		}
	}
	for k := range market {
		if market[k] != int(r.kinds[k].used) {
			panic(fmt.Sprintf("sim: market kind %d holds %d, counts %d", k, market[k], r.kinds[k].used))
		}
	}
}
