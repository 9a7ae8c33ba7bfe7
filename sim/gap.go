package sim

import (
	"fmt"
	"math"
	"slices"

	"github.com/placesim/placesim/model"
)

// The sufficiency gap by age band and need. For each kind whose places are units the council
// holds (carer households, children's homes, block-contracted beds), every month's end records
// three things that add up:
//
//   - the children who need the kind: children in care whose first choice it is, by age band
//     and need, and how many of them are placed elsewhere (waiting);
//   - its places: the places that could take a child of each age band (filled or empty), and
//     the empty ones that could take such a child now;
//   - its empty places that could not, by reason: approved for other ages (band by band),
//     kept for brothers and sisters, or held by a child who must live alone.
//
// Children who need a kind are counted in cells: the age bands the kind's accepted ages reach,
// by the needs it accepts; children placed in it, and its places, by band. A child outside
// every cell or band (aged past the kind's range since their last match, or a first choice
// that fell back to a ladder's first rung) is counted under "other", so that the cells and
// "other" add up to first_choice_<kind>, and the bands and "other" to children_<kind>.

// gapCell holds, for a child of one first choice, placement, need and age band, the counts
// they add one to: indices into the monthly record, or past its end for a count that does not
// exist.
type gapCell struct{ need, waiting, placed int32 }

// gapCellTable returns the gapCell of every first choice (-1 for none, then each kind),
// placement (-1, each kind, the emergency placement), need and band, in that order.
func (c *compiled) gapCellTable() []gapCell {
	stride := c.nKinds + 2
	spare := int32(len(c.lay.monthly))
	out := make([]gapCell, stride*stride*int(model.NumNeeds)*len(bandNames))
	gapOf := func(k int) *gapLayout {
		if k < 0 || c.gapIndex[k] < 0 {
			return nil
		}
		return &c.lay.gaps[c.gapIndex[k]]
	}
	for w := -1; w < stride-1; w++ {
		for k := -1; k < stride-1; k++ {
			for n := range model.NumNeeds {
				for b := range bandNames {
					cell := gapCell{spare, spare + 1, spare + 2}
					if g := gapOf(w); g != nil && w < c.nKinds {
						cell.need, cell.waiting = int32(g.needOther), int32(g.waitingOther)
						if m := g.need[b][n]; m >= 0 {
							cell.need, cell.waiting = int32(m), int32(g.waiting[b][n])
						}
						if k == w {
							cell.waiting = spare + 1
						}
					}
					if g := gapOf(k); g != nil {
						cell.placed = int32(g.placedOther)
						if m := g.placed[b]; m >= 0 {
							cell.placed = int32(m)
						}
					}
					out[(((w+1)*stride+k+1)*int(model.NumNeeds)+int(n))*len(bandNames)+b] = cell
				}
			}
		}
	}
	return out
}

// childTag is what recordGaps needs to know of a child in care, kept beside run.inCare: their
// entry of the gap cell table (compiled.gapCells), by their first choice, the kind they are
// placed in (-1 for none; the emergency placement is nKinds), their need and their age band.
// The band, the tag modulo len(bandNames), is as the last month's end recorded found it (or as
// they came into care since): it is brought up to date at each recorded month's end
// (run.moveBands). run.count keeps the rest up to date.
type childTag int32

// tagOf returns the tag of a child of first choice want, placed in kind, of need need, in the
// first age band.
func (c *compiled) tagOf(want, kind int16, need model.Need) childTag {
	stride := c.nKinds + 2
	return childTag((((int(want)+1)*stride+int(kind)+1)*int(model.NumNeeds) + int(need)) * len(bandNames))
}

// verifyTags panics if a child's tag differs from the child (a bug in the bookkeeping), or the
// children counted by entry differ from the tags.
func (r *run) verifyTags() {
	n := make([]int32, len(r.c.gapCells))
	tags, _ := r.tagsAndBirths()
	for i, id := range r.inCare {
		ch := &r.children[id]
		t := tags[i]
		if t-t%childTag(len(bandNames)) != r.c.tagOf(ch.want, ch.kind, ch.need) {
			panic(fmt.Sprintf("sim: child %d tagged %d, is want %d kind %d need %d", id, t, ch.want, ch.kind, ch.need))
		}
		if r.gapKids.live && childTag(ch.tag) != t {
			panic(fmt.Sprintf("sim: child %d tagged %d, holds %d", id, t, ch.tag))
		}
		n[t]++
	}
	if h := &r.gapKids; h.live && !slices.Equal(n, h.n) {
		panic(fmt.Sprintf("sim: children by gap cell %v, counted %v", n, h.n))
	}
}

// childCounts counts the children in care by their entry of the gap cell table (compiled.gapCells),
// their tag (run.tags; with live counts child.tag). With compiled.liveCells, the counts are kept as
// children come into care, change and leave, rather than found in a pass over every child at each
// month's end: a child's band moves on only at a recorded month's end, and only for the children
// listed as due to (a band begins years after the last). Without, the tags stay in the first band,
// and recordGaps counts the children in n and counted, its scratch.
type childCounts struct {
	live bool
	n    []int32
	// The entries counted since the last month's end recorded, or whose count was not 0 then:
	// list, with listed set for each.
	listed []bool
	list   []int32
	// due lists, for each month of the calendar, the children whose age band may move on by its
	// end (moveBands); next is the first month not yet moved on. A month's list goes back to
	// spare once moved on, so that the lists held are those of the months ahead, not of every
	// month of the run.
	due   [][]int32
	spare [][]int32
	next  int
	// Scratch of the pass over the children, and of the check of the counts against one.
	check, counted []int32
}

// resetCells empties the counts of children by gap cell for a new replication.
func (r *run) resetCells() {
	h := &r.gapKids
	if len(h.n) != len(r.c.gapCells) {
		h.n = make([]int32, len(r.c.gapCells))
		h.listed = make([]bool, len(r.c.gapCells))
		h.due = make([][]int32, len(r.c.cal.MonthStarts))
		h.counted = make([]int32, 0, len(h.n)+1)
	}
	// A child holds their tag in 16 bits (child.tag): a scenario of more entries (kinds
	// enough for 65,536: about 60) counts its children in a pass at each month's end.
	h.live = r.c.liveCells && len(r.c.gapCells) <= 1<<16
	for _, x := range h.list {
		h.n[x], h.listed[x] = 0, false
	}
	h.list = h.list[:0]
	for m := range h.due {
		h.release(m)
	}
	h.next = 0
}

// bandOfDays returns the age band of a child born days ago: the number of later bands whose
// first day (bandDays) days reach, four comparisons, where working out their age takes a
// division.
func bandOfDays(d float64) int {
	return b2i(d >= bandDays[0]) + b2i(d >= bandDays[1]) + b2i(d >= bandDays[2]) + b2i(d >= bandDays[3])
}

// countCell adds d to the children counted in entry x.
func (h *childCounts) countCell(x childTag, d int32) {
	if !h.listed[x] {
		h.listed[x] = true
		h.list = append(h.list, int32(x))
	}
	h.n[x] += d
}

// tagIn puts child id, who has just come into care at the end of run.inCare, of tag t in the
// first band, on the tags in the band they are in now, counts them, and lists them for the
// month by whose end their band may move on.
func (r *run) tagIn(id int32, t childTag) {
	if !r.gapKids.live {
		r.tags = append(r.tags, t)
		r.births = append(r.births, r.children[id].birth)
		return
	}
	r.tagInLive(id, t)
}

// tagInLive is tagIn with live counts, out of line.
func (r *run) tagInLive(id int32, t childTag) {
	ch := &r.children[id]
	b := bandOfDays(r.now - ch.birth)
	x := t + childTag(b)
	ch.tag = uint16(x)
	r.gapKids.countCell(x, 1)
	r.dueAt(id, ch.birth, b, r.gapKids.next)
}

// retagLive gives child ch, in care, tag t (in the first band), keeping their band, with
// live counts (run.count gives a child their tag without them).
func (r *run) retagLive(ch *child, t childTag) {
	old := childTag(ch.tag)
	x := t + old%childTag(len(bandNames))
	if x != old {
		h := &r.gapKids
		h.n[old]--
		h.countCell(x, 1)
		ch.tag = uint16(x)
	}
}

// tagsAndBirths returns the tag and the day of birth of each child in care, in the order of
// run.inCare: run.tags and run.births, or with live counts, which keep neither (the children
// hold their tags and days of birth), lists made from the children, for the checks.
func (r *run) tagsAndBirths() ([]childTag, []float64) {
	if !r.gapKids.live {
		return r.tags, r.births
	}
	tags, births := make([]childTag, len(r.inCare)), make([]float64, len(r.inCare))
	for i, id := range r.inCare {
		ch := &r.children[id]
		tags[i], births[i] = childTag(ch.tag), ch.birth
	}
	return tags, births
}

// dueAt lists child id, born on day birth and counted in band b, for the first month from
// month from on whose end can find them in the next band. The month is found a day early, so
// that a day's rounding never makes it late; moveBands lists them again for the next month if
// it was early.
func (r *run) dueAt(id int32, birth float64, b, from int) {
	if b+1 >= len(bandNames) {
		return
	}
	day := math.Ceil(birth + bandDays[b] - 1)
	if day >= float64(len(r.c.monthBy)) {
		return // after the run
	}
	m := from
	if day > 0 {
		m = max(m, int(r.c.monthBy[int(day)]))
	}
	if h := &r.gapKids; m < len(h.due) {
		d := h.due[m]
		if d == nil && len(h.spare) > 0 {
			d = h.spare[len(h.spare)-1]
			h.spare = h.spare[:len(h.spare)-1]
		}
		h.due[m] = append(d, id)
	}
}

// release empties month m's list of children due, keeping its space in spare.
func (h *childCounts) release(m int) {
	if d := h.due[m]; d != nil {
		h.spare = append(h.spare, d[:0])
		h.due[m] = nil
	}
}

// moveBands brings the band of every child in care up to date at the current month's end,
// which is recorded: the children listed as due by the end of this month or an earlier one
// move on to the band their days since birth reach now, and are listed for their next.
func (r *run) moveBands() {
	h := &r.gapKids
	now, m := r.now, r.month
	// A long list (at 100 times the county, a few thousand children a month) is read ahead in
	// a pass of its own, as a busy day's events are (readAhead), so that the processor
	// fetches the children side by side rather than one wait a child.
	var sum uint32
	for due := h.next; due <= m; due++ {
		if d := h.due[due]; len(d) >= aheadFrom {
			for _, id := range d {
				sum += r.children[id].ver
			}
		}
	}
	r.fetched += sum
	for due := h.next; due <= m; due++ {
		for _, id := range h.due[due] {
			ch := &r.children[id]
			pos := ch.pos
			if pos < 0 {
				continue // left care; or their slot holds another child, listed on their own
			}
			x := childTag(ch.tag)
			b := int(x) % len(bandNames)
			switch nb := bandOfDays(now - ch.birth); {
			case nb > b:
				y := x + childTag(nb-b)
				h.n[x]--
				h.countCell(y, 1)
				ch.tag = uint16(y)
				r.dueAt(id, ch.birth, nb, m+1)
			case nb == b && b+1 < len(bandNames) && ch.birth+bandDays[b]-1 <= now:
				r.dueAt(id, ch.birth, b, m+1) // a day early, or another child's
			}
		}
		h.release(due)
	}
	h.next = m + 1
}

// gapLayout is where the sufficiency gap of one kind is recorded: indices into the monthly
// record (m*) and the KPIs (k*), -1 where a cell does not exist.
type gapLayout struct {
	kind          int
	from, to      int // the kind's accepted ages, in completed years (inclusive)
	accepts       [model.NumNeeds]bool
	need, waiting [len(bandNames)][model.NumNeeds]int
	placed        [len(bandNames)]int
	usable        [len(bandNames)]int // for a child who can live with others
	usableSolo    [len(bandNames)]int // for a child who must live alone, in kinds that take them
	places        [len(bandNames)]int
	otherAges     [len(bandNames)]int

	needOther, waitingOther, placedOther int
	filled, empty                        int
	siblings, solo, windingDown          int // -1 when the kind cannot have them

	kNeed, kWaiting, kEmpty, kSiblings, kSolo int
	kBandNeed, kBandWaiting, kBandPlaces      [len(bandNames)]int
	kBandUsable, kBandOtherAges               [len(bandNames)]int
	// kNeedWaiting are the KPIs of the children placed elsewhere by need (GapWaitingNeed), -1
	// for a need the kind does not take or when it takes only one.
	kNeedWaiting [model.NumNeeds]int
}

// bandNames are the names of ageBands, for array sizes known at compile time.
var bandNames = [...]string{"under_1", "1_4", "5_9", "10_15", "16_17"}

// gapKind reports whether kind k's sufficiency gap is recorded: its places are households,
// homes or block beds, which can be empty for a reason.
func gapKind(kd *model.Kind) bool {
	return kd.Supply == model.Carers || kd.Supply == model.Homes || kd.Supply == model.Block
}

// addGaps adds the sufficiency gap's monthly metrics and KPIs of every gap kind to l.
func (l *layout) addGaps(c *compiled) {
	for k := range c.s.Kinds {
		kd := &c.s.Kinds[k]
		if !gapKind(kd) {
			continue
		}
		g := gapLayout{kind: k, from: kd.Accepts.Ages.FromYears, to: kd.Accepts.Ages.ToYears}
		name := kd.Name
		for n := range model.NumNeeds {
			g.accepts[n] = kd.Accepts.Needs.Has(n)
		}
		for b := range bandNames {
			g.places[b], g.otherAges[b], g.placed[b], g.usable[b], g.usableSolo[b] = -1, -1, -1, -1, -1
			g.kBandNeed[b], g.kBandWaiting[b], g.kBandPlaces[b], g.kBandUsable[b], g.kBandOtherAges[b] = -1, -1, -1, -1, -1
			for n := range model.NumNeeds {
				g.need[b][n], g.waiting[b][n] = -1, -1
			}
		}
		for b, bn := range bandNames {
			if !g.bandAccepted(b) {
				continue
			}
			for n := range model.NumNeeds {
				if !g.accepts[n] {
					continue
				}
				g.need[b][n] = l.addM(GapNeedCell(name, bn, n))
				g.waiting[b][n] = l.addM(GapWaitingCell(name, bn, n))
			}
			g.placed[b] = l.addM(GapPlacedAged(name, bn))
			g.places[b] = l.addM(GapPlacesAged(name, bn))
			g.usable[b] = l.addM(GapUsableAged(name, bn))
			if g.accepts[model.NeedSolo] {
				// A child who must live alone needs a home, household or block contract with
				// no one in it.
				g.usableSolo[b] = l.addM(GapUsableAgedSolo(name, bn))
			}
			g.otherAges[b] = l.addM(GapOtherAges(name, bn))
		}
		g.needOther = l.addM(GapNeedOther(name))
		g.waitingOther = l.addM(GapWaitingOther(name))
		g.placedOther = l.addM(GapPlacedOther(name))
		g.filled = l.addM(GapFilled(name))
		g.empty = l.addM(GapEmpty(name))
		g.siblings, g.solo, g.windingDown = -1, -1, -1
		if kd.Supply == model.Carers {
			g.siblings = l.addM(EmptyForSiblings(name))
		}
		// Only a kind that takes solo children can have one, but the metric is kept for every
		// kind of homes, households and block beds so that the reasons always add up.
		g.solo = l.addM(EmptyForSolo(name))
		if kd.Supply == model.Carers {
			g.windingDown = l.addM(GapWindingDown(name))
		}

		g.kNeed = l.addK(GapNeed(name))
		g.kWaiting = l.addK(GapWaiting(name))
		g.kEmpty = l.addK(GapEmpty(name))
		g.kSiblings, g.kSolo = -1, -1
		if g.siblings >= 0 {
			g.kSiblings = l.addK(EmptyForSiblings(name))
		}
		if g.solo >= 0 {
			g.kSolo = l.addK(EmptyForSolo(name))
		}
		for b, bn := range bandNames {
			if g.places[b] < 0 {
				continue
			}
			g.kBandNeed[b] = l.addK(GapNeedAged(name, bn))
			g.kBandWaiting[b] = l.addK(GapWaitingAged(name, bn))
			g.kBandPlaces[b] = l.addK(GapPlacesAged(name, bn))
			g.kBandUsable[b] = l.addK(GapUsableAged(name, bn))
			g.kBandOtherAges[b] = l.addK(GapOtherAges(name, bn))
		}
		// By need, where the kind takes more than one: the children whose first choice it is
		// then differ in their needs (specialist carers for complex needs, say, who take
		// standard needs too).
		many := len(kd.Accepts.Needs.Needs()) > 1
		for n := range model.NumNeeds {
			g.kNeedWaiting[n] = -1
			if many && g.accepts[n] {
				g.kNeedWaiting[n] = l.addK(GapWaitingNeed(name, n))
			}
		}
		l.gaps = append(l.gaps, g)
	}
}

// bandAccepted reports whether the kind takes children of some age in band b.
func (g *gapLayout) bandAccepted(b int) bool {
	return overlap(g.from, g.to, b) > 0
}

// overlap returns the share of band b's years (0-1) within ages from-to (completed years,
// inclusive).
func overlap(from, to, b int) float64 {
	band := ageBands[b]
	lo := max(float64(from), band.from)
	hi := min(float64(to)+1, band.to)
	if hi <= lo {
		return 0
	}
	return (hi - lo) / (band.to - band.from)
}

// recordGaps adds the children in care by age band, and the sufficiency gap of every gap
// kind, at the month's end to row.
func (r *run) recordGaps(row []float64) {
	lay := &r.c.lay
	// Children: one pass over the children in care, each counted in their age band, in the
	// gap of the kind that is their first choice and in the gap of the kind they are placed
	// in. A child's four counts are found in a table by their first choice, placement, need and
	// band (counts that do not exist lie past the record's end): the pass adds one to the
	// child's entry of the table, and the entries counted then add to their four counts. Most
	// children share a few entries, so the pass makes one addition a child, not four.
	cells := r.c.gapCells
	h := &r.gapKids
	if len(h.n) != len(cells) {
		r.resetCells() // a run never reset: no child in care
	}
	if h.live {
		r.moveBands()
		if r.check {
			r.verifyCells()
		}
	} else {
		h.list = countCells(r.tags, r.births, r.now, h.n, h.counted[:0])
	}
	// Each entry counted adds its children to its four metrics in the row at once: whole
	// numbers, so the sums are exact in any order. The counts that do not exist are past the
	// row's end. The entries left with no children are taken off the list (all of them, when
	// the children were counted in a pass).
	mAge := lay.mAge
	list, kept := h.list, h.list[:0]
	for _, x := range list {
		c := h.n[x]
		if c == 0 {
			h.listed[x] = false
			continue
		}
		if h.live {
			kept = append(kept, x)
		} else {
			h.n[x] = 0
		}
		k := float64(c)
		cell := &cells[x]
		row[mAge[int(x)%len(bandNames)]] += k
		if m := int(cell.need); m < len(row) {
			row[m] += k
		}
		if m := int(cell.waiting); m < len(row) {
			row[m] += k
		}
		if m := int(cell.placed); m < len(row) {
			row[m] += k
		}
	}
	h.list = kept
	for gi := range lay.gaps {
		g := &lay.gaps[gi]
		var t unitTotals
		switch r.c.s.Kinds[g.kind].Supply {
		case model.Carers:
			if r.check {
				r.verifyHouseholdGap(g)
			}
			hg := &r.hhGaps[g.kind]
			t = hg.t
			row[g.windingDown] += float64(t.windingDown)
			row[g.siblings] += float64(t.siblings)
			r.recordTotals(row, g, t)
			shareUnits(row, g, r.orderOf(g.kind), &hg.sums)
			continue
		case model.Homes:
			for i := range r.homes {
				if h := &r.homes[i]; int(h.kind) == g.kind && h.open {
					r.gapUnit(&t, g, int(h.beds), int(h.used), h.solo, false, g.from, g.to)
				}
			}
		case model.Block:
			for i := range r.blocks {
				if b := &r.blocks[i]; int(b.kind) == g.kind && b.active {
					r.gapUnit(&t, g, int(b.beds), int(b.used), b.solo, false, g.from, g.to)
				}
			}
		}
		r.recordTotals(row, g, t)
		r.flushUnits(row, g)
	}
}

// recordTotals adds the places t of g's kind that do not depend on the age band to row.
func (r *run) recordTotals(row []float64, g *gapLayout, t unitTotals) {
	row[g.filled] += float64(t.filled)
	row[g.empty] += float64(t.empty)
	// The places a child could be placed in now: empty, in no solo child's home, household or
	// block contract (and in no household winding down, left out of the totals).
	row[r.c.lay.mVacant[g.kind]] = float64(t.empty - t.solo)
	if g.solo >= 0 {
		row[g.solo] += float64(t.solo)
	}
}

// bandDays holds, for each age band but the first, the fewest days since birth whose age, as
// ageBandOf(days/model.DaysPerYear) finds it, is in that band or an older one: the band of a
// child is the number of them their days since birth reach. An age worked out so grows with
// the days (a rounded division by a positive number keeps order), so each is the first of the
// days whose age reaches the band's first year.
var bandDays = func() [len(bandNames) - 1]float64 {
	var th [len(bandNames) - 1]float64
	for j := range th {
		from := ageBands[j+1].from
		d := from * model.DaysPerYear
		for d/model.DaysPerYear < from {
			d = math.Nextafter(d, math.Inf(1))
		}
		for math.Nextafter(d, math.Inf(-1))/model.DaysPerYear >= from {
			d = math.Nextafter(d, math.Inf(-1))
		}
		th[j] = d
	}
	return th
}()

// verifyCells panics if the children counted by gap cell, their bands brought up to date by
// moveBands, differ from a pass over the children in care (a bug in the bookkeeping); tests run
// with it on.
func (r *run) verifyCells() {
	h := &r.gapKids
	check := zeroed(&h.check, len(h.n))
	if cap(h.counted) < len(h.n)+1 {
		h.counted = make([]int32, 0, len(h.n)+1)
	}
	held, births := r.tagsAndBirths()
	tags := make([]childTag, len(held))
	for i, t := range held {
		tags[i] = t - t%childTag(len(bandNames))
	}
	h.counted = countCells(tags, births, r.now, check, h.counted[:0])
	for i, t := range held {
		if b := bandOfDays(r.now - births[i]); int(t)%len(bandNames) != b {
			panic(fmt.Sprintf("sim: child %d in band %d at the month's end, counted in %d", r.inCare[i], b, int(t)%len(bandNames)))
		}
	}
	if !slices.Equal(check, h.n) {
		panic(fmt.Sprintf("sim: children by gap cell %v, counted %v", check, h.n))
	}
}

// countCells adds one to n[x] for the entry x of the gap cell table of each child in care, of
// tag tags[i] (in the first band) and born on day births[i], at day now, and appends to counted
// each entry it counts first, which it returns. It stays out of line: inlined into
// recordGaps, its loop is left no registers.
//
//go:noinline
func countCells(tags []childTag, births []float64, now float64, n, counted []int32) []int32 {
	// The bands' first days in locals: read from bandDays, they are read again for each child,
	// the counts' writes could have changed them.
	th0, th1, th2, th3 := bandDays[0], bandDays[1], bandDays[2], bandDays[3]
	births = births[:len(tags)]
	for i, tag := range tags {
		d := now - births[i]
		x := int(tag) + b2i(d >= th0) + b2i(d >= th1) + b2i(d >= th2) + b2i(d >= th3)
		if n[x] == 0 {
			counted = append(counted, int32(x))
		}
		n[x]++
	}
	return counted
}

// unitTotals are the places of one kind that do not depend on the age band: filled, empty,
// and empty for each reason that holds for every child.
type unitTotals struct{ filled, empty, solo, siblings, windingDown int }

// gapUnit adds one household, home or block contract with places places, used of them taken,
// approved for ages from-to, to the totals t of its kind. solo says a child who must live
// alone is there; siblings that its free places are kept for the brothers and sisters of a
// child there. A unit takes a solo child only when no one lives there, and a solo child
// there holds all its places: a block contract's beds as a home's (run.room). Places that
// depend on the age band are added up by approval range, and shared out among the bands by
// flushUnits: there are far fewer ranges than households.
func (r *run) gapUnit(t *unitTotals, g *gapLayout, places, used int, solo, siblings bool, from, to int) {
	free := places - used
	t.filled += used
	t.empty += free
	key := min(max(from, 0), maxAge)*(maxAge+1) + min(max(to, 0), maxAge)
	a := &r.gapAcc[key]
	if *a == (unitSums{}) {
		r.gapKeys = append(r.gapKeys, int16(key))
	}
	a.places += int32(places)
	switch {
	case solo:
		t.solo += free
	case siblings:
		t.siblings += free
	default:
		a.free += int32(free)
		if used == 0 {
			a.soloFree += int32(free)
		}
	}
}

// gapHouseholds adds the carer households of g's kind to the totals t, in the order of their
// pool, as gapUnit does each of them (one household after another, without a call each: the
// pool can hold hundreds). The month's end keeps these sums as the households change
// (run.hhGaps); verifyHouseholdGap checks them against it.
func (r *run) gapHouseholds(t *unitTotals, g *gapLayout) {
	// The totals are kept in locals, not through t, and a run of households approved for the
	// same ages (most of a pool) finds its sums once.
	tt := *t
	var a *unitSums
	key := -1
	var lo, hi int8 // the ages of the households a is for
	for _, i := range r.pools[g.kind] {
		h := &r.households[i]
		places, used := int(h.places), int(h.used)
		if h.leaving {
			tt.windingDown += places
			continue
		}
		free := places - used
		tt.filled += used
		tt.empty += free
		if a == nil || h.minAge != lo || h.maxAge != hi {
			// The approval range within the kind's ages: gapUnit's key.
			lo, hi = h.minAge, h.maxAge
			from := min(max(max(g.from, int(lo)), 0), maxAge)
			to := min(max(min(g.to, int(hi)), 0), maxAge)
			key = from*(maxAge+1) + to
			a = &r.gapAcc[key]
		}
		if *a == (unitSums{}) {
			r.gapKeys = append(r.gapKeys, int16(key))
		}
		a.places += int32(places)
		switch {
		case h.solo:
			tt.solo += free
		case h.sibOnly && used > 0:
			tt.siblings += free
		default:
			a.free += int32(free)
			if used == 0 {
				a.soloFree += int32(free)
			}
		}
	}
	*t = tt
}

// maxAge is the oldest age, in completed years, a child in care can be.
const maxAge = 17

// unitSums are the places, and the free places open to a child, of one kind's units approved
// for one range of ages; soloFree are the free places open to a child who must live alone.
type unitSums struct{ places, free, soloFree int32 }

// bandShare[from*(maxAge+1)+to][b] is overlap(from, to, b).
var bandShare = func() (t [(maxAge + 1) * (maxAge + 1)][len(bandNames)]float64) {
	for from := range maxAge + 1 {
		for to := range maxAge + 1 {
			for b := range bandNames {
				t[from*(maxAge+1)+to][b] = overlap(from, to, b)
			}
		}
	}
	return t
}()

// flushUnits shares out the places gapUnit added up among the age bands of g, and clears the
// sums for the next kind.
func (r *run) flushUnits(row []float64, g *gapLayout) {
	shareUnits(row, g, r.gapKeys, &r.gapAcc)
	for _, key := range r.gapKeys {
		r.gapAcc[key] = unitSums{}
	}
	r.gapKeys = r.gapKeys[:0]
}

// shareUnits shares out the places of sums, approval range by range in the order of keys,
// among the age bands of g. The carer households' running sums (hhGap) are read where they
// are kept.
func shareUnits(row []float64, g *gapLayout, keys []int16, sums *[(maxAge + 1) * (maxAge + 1)]unitSums) {
	for _, key := range keys {
		a := &sums[key]
		places, free, soloFree := float64(a.places), float64(a.free), float64(a.soloFree)
		for b := range bandNames {
			if g.places[b] < 0 {
				continue
			}
			w := bandShare[key][b]
			row[g.places[b]] += w * places
			row[g.otherAges[b]] += (1 - w) * free
			row[g.usable[b]] += w * free
			if m := g.usableSolo[b]; m >= 0 {
				row[m] += w * soloFree
			}
		}
	}
}

// gapKPIs works out the sufficiency gap's KPIs of each period from the sum of its months'
// records (sums, one row a period) and its number of months: each KPI is the average of the
// month-end counts over the period.
func (r *run) gapKPIs(out, sums []float64, months []float64) {
	lay := &r.c.lay
	nM, nK := len(lay.monthly), len(lay.kpis)
	for p, n := range months {
		if n == 0 {
			continue
		}
		row, sum := out[p*nK:(p+1)*nK], sums[p*nM:(p+1)*nM]
		for gi := range lay.gaps {
			g := &lay.gaps[gi]
			need, waiting := sum[g.needOther], sum[g.waitingOther]
			var needWaiting [model.NumNeeds]float64
			for b := range bandNames {
				var bandNeed, bandWaiting float64
				for nd := range model.NumNeeds {
					if m := g.need[b][nd]; m >= 0 {
						bandNeed += sum[m]
						bandWaiting += sum[g.waiting[b][nd]]
						needWaiting[nd] += sum[g.waiting[b][nd]]
					}
				}
				need, waiting = need+bandNeed, waiting+bandWaiting
				if g.kBandNeed[b] < 0 {
					continue
				}
				row[g.kBandNeed[b]] = bandNeed / n
				row[g.kBandWaiting[b]] = bandWaiting / n
				row[g.kBandPlaces[b]] = sum[g.places[b]] / n
				row[g.kBandUsable[b]] = sum[g.usable[b]] / n
				row[g.kBandOtherAges[b]] = sum[g.otherAges[b]] / n
			}
			row[g.kNeed] = need / n
			row[g.kWaiting] = waiting / n
			for nd, k := range g.kNeedWaiting {
				if k >= 0 {
					row[k] = needWaiting[nd] / n
				}
			}
			row[g.kEmpty] = sum[g.empty] / n
			if g.kSiblings >= 0 {
				row[g.kSiblings] = sum[g.siblings] / n
			}
			if g.kSolo >= 0 {
				row[g.kSolo] = sum[g.solo] / n
			}
		}
	}
}

// hhGapState is what a carer household adds to its kind's sufficiency gap: what gapHouseholds
// reads of it. counted says it has been added, and key is then its approval range (hhGap.key),
// which a household keeps as long as it exists.
type hhGapState struct {
	key                             int16
	places, used                    int8
	leaving, solo, sibOnly, counted bool
	// plain says counted, and neither leaving, nor with a solo child, nor keeping places for
	// siblings: a change of its children alone is then added as a difference (regapUsed).
	plain bool
}

// hhGap is the sufficiency gap of one kind's carer households, kept up to date as they change
// (run.regap) rather than summed over the pool at each month's end: the totals and sums by
// approval range that gapHouseholds adds up, and the approval ranges in the order that a pass
// over the pool, in order of approval, first meets them among households not leaving (the
// order recordGaps shares the ranges out in, which can change the sums' last bits).
type hhGap struct {
	from, to int // the kind's accepted ages, in completed years
	t        unitTotals
	sums     [(maxAge + 1) * (maxAge + 1)]unitSums
	// in counts the households not leaving by approval range, and first is the one a pass
	// over the pool meets first; order lists the ranges with any, in the order the pass meets
	// them. Unless stale: when the first of its range leaves and others stay, the next is
	// found by a pass over the pool, at the month's end.
	in    [(maxAge + 1) * (maxAge + 1)]int32
	first [(maxAge + 1) * (maxAge + 1)]int32
	order []int16
	stale bool
}

// reset empties the gap for a new replication.
func (g *hhGap) reset() {
	g.t = unitTotals{}
	g.sums = [len(g.sums)]unitSums{}
	g.in = [len(g.in)]int32{}
	g.order, g.stale = g.order[:0], false
}

// key returns the approval range of a household approved for ages lo-hi within the kind's
// ages: gapUnit's key.
func (g *hhGap) key(lo, hi int8) int {
	from := min(max(max(g.from, int(lo)), 0), maxAge)
	to := min(max(min(g.to, int(hi)), 0), maxAge)
	return from*(maxAge+1) + to
}

// add adds what a household in state s, approved for the approval range key, adds to the gap,
// times d (1 or -1).
func (g *hhGap) add(s hhGapState, key int, d int32) {
	places, used := int32(s.places), int32(s.used)
	if s.leaving {
		g.t.windingDown += int(d * places)
		return
	}
	free := places - used
	g.t.filled += int(d * used)
	g.t.empty += int(d * free)
	a := &g.sums[key]
	a.places += d * places
	switch {
	case s.solo:
		g.t.solo += int(d * free)
	case s.sibOnly && used > 0:
		g.t.siblings += int(d * free)
	default:
		a.free += d * free
		if used == 0 {
			a.soloFree += d * free
		}
	}
}

// regap brings what household i adds to its kind's sufficiency gap up to date with it. Every
// change to a household's places, children, solo child or leaving is followed by refreshOpen,
// which calls it.
func (r *run) regap(i int32) {
	// The household's state is compared, and its running copy updated, a field at a time
	// on the common paths: an hhGapState built on the stack and copied whole is one 8-byte
	// read of narrower writes, which waits for them to reach memory.
	h := &r.households[i]
	was := h.gap
	if was.plain && was.places == h.places && !h.leaving && !h.solo && !h.sibOnly {
		if was.used != h.used {
			r.regapUsed(h)
		}
		return
	}
	now := hhGapState{key: was.key, places: h.places, used: h.used, leaving: h.leaving, solo: h.solo, sibOnly: h.sibOnly, counted: true}
	now.plain = !now.leaving && !now.solo && !now.sibOnly
	if was == now {
		return
	}
	g := &r.hhGaps[h.kind]
	if !was.counted {
		now.key = int16(g.key(h.minAge, h.maxAge))
	}
	key := int(now.key)
	if was.counted {
		g.add(was, key, -1)
	}
	g.add(now, key, 1)
	h.gap = now
	switch wasIn, in := was.counted && !was.leaving, !now.leaving; {
	case in && !wasIn:
		// A household joins its pool at the end, and never comes back from leaving: its range
		// is met last if no other household has it.
		if g.in[key]++; g.in[key] == 1 {
			g.order = append(g.order, int16(key))
			g.first[key] = i
		}
	case wasIn && !in:
		g.in[key]--
		if g.in[key] == 0 {
			g.order = slices.DeleteFunc(g.order, func(k int16) bool { return int(k) == key })
		} else if g.first[key] == i {
			// The range is now met later, perhaps after another.
			g.stale = true
		}
	}
}

// regapUsed is regap for household h, counted and plain (hhGapState.plain) as it was and
// still, whose children alone have changed (most changes): it adds the difference.
func (r *run) regapUsed(h *household) {
	was := h.gap.used
	g := &r.hhGaps[h.kind]
	du := int(h.used) - int(was)
	g.t.filled += du
	g.t.empty -= du
	a := &g.sums[h.gap.key]
	a.free -= int32(du)
	// Open to a solo child while no one lives there (the two counts differ: one is not 0).
	if was == 0 {
		a.soloFree -= int32(h.places)
	} else if h.used == 0 {
		a.soloFree += int32(h.places)
	}
	h.gap.used = h.used
}

// orderOf returns the approval ranges of the households of kind k not leaving, in the order a
// pass over its pool meets them (in either order when there are two: they add up the same).
func (r *run) orderOf(k int) []int16 {
	g := &r.hhGaps[k]
	if !g.stale || len(g.order) <= 2 {
		return g.order
	}
	g.order = g.order[:0]
	var seen [len(g.in)]bool
	for _, i := range r.pools[k] {
		if h := &r.households[i]; !h.leaving {
			if key := g.key(h.minAge, h.maxAge); !seen[key] {
				seen[key] = true
				g.order = append(g.order, int16(key))
				g.first[key] = i
			}
		}
	}
	g.stale = false
	return g.order
}

// verifyHouseholdGap panics if the running sufficiency gap of g's carer households differs
// from a pass over its pool (a bug in the bookkeeping); tests run with it on. gapAcc and
// gapKeys must be empty, and are left so.
func (r *run) verifyHouseholdGap(g *gapLayout) {
	hg := &r.hhGaps[g.kind]
	var t unitTotals
	r.gapHouseholds(&t, g)
	var keys []int16 // the ranges the pass met, each once
	for _, key := range r.gapKeys {
		if !slices.Contains(keys, key) {
			keys = append(keys, key)
		}
		if r.gapAcc[key] != hg.sums[key] {
			panic(fmt.Sprintf("sim: carer households of kind %d approved for range %d sum %+v, counted %+v", g.kind, key, hg.sums[key], r.gapAcc[key]))
		}
		r.gapAcc[key] = unitSums{}
	}
	r.gapKeys = r.gapKeys[:0]
	if !hg.stale {
		var seen [len(hg.in)]bool
		for _, i := range r.pools[g.kind] {
			if h := &r.households[i]; !h.leaving {
				if key := hg.key(h.minAge, h.maxAge); !seen[key] {
					seen[key] = true
					if hg.first[key] != i {
						panic(fmt.Sprintf("sim: carer households of kind %d approved for range %d first met %d, not %d", g.kind, key, i, hg.first[key]))
					}
				}
			}
		}
	}
	order := r.orderOf(g.kind)
	if t != hg.t || len(order) != len(keys) {
		panic(fmt.Sprintf("sim: carer households of kind %d total %+v in ranges %v, counted %+v in ranges %v", g.kind, hg.t, order, t, keys))
	}
	// Two ranges add up the same in either order; more must be in the pass's.
	if len(order) > 2 && !slices.Equal(order, keys) || len(order) == 2 && !slices.Contains(keys, order[0]) {
		panic(fmt.Sprintf("sim: carer households of kind %d in ranges %v, met in order %v", g.kind, order, keys))
	}
	for key, a := range hg.sums {
		if a != (unitSums{}) && !slices.Contains(keys, int16(key)) {
			panic(fmt.Sprintf("sim: carer households of kind %d approved for range %d sum %+v, counted none", g.kind, key, a))
		}
	}
}
