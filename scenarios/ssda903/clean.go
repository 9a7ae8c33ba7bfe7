package ssda903

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Return is a council's return as read and cleaned: every child's periods of care, with the
// placements in each, and what the cleaning found.
type Return struct {
	// Quality holds what was read, dropped and changed, and why.
	Quality *Quality
	// start is 1 April of the first collection year: the returns hold every episode open on
	// or after it, so entries before it are incomplete.
	start day
	// end is the first day of the month after the latest date in the years of the returns:
	// the data describe every day before it.
	end     day
	periods []period
	places  []placement
	// warnings are what Warnings returns.
	warnings []string
	// dropped counts the children the cleaning left out (DropWarning).
	dropped dropped
	// latestYear is the latest return the episodes' rows come from (order.year: the year to
	// March its dates reach, or its YEAR where yearColumn), 0 when unknown.
	latestYear int32
	yearColumn bool
	// joined says what a joined export of several years' returns holds (joinedReturns).
	joined joinedForm
}

// DataStart returns the first day of the first collection year the files cover: 1 April of
// the first financial year in which cleaned episodes end, stray years apart (see
// strayChildren). Every child in care from then on is in the data.
func (r *Return) DataStart() time.Time { return r.start.time() }

// DataEnd returns the day after the last month the files cover: the first day of the month
// after the latest date of the cleaned episodes, stray years apart. A stray date (mistyped,
// most likely) moves neither bound: its episode is dropped, or its end read as open, and
// counted.
func (r *Return) DataEnd() time.Time { return r.end.time() }

// period is one child's continuous period of care.
type period struct {
	start, end day // end is noDay while the period is open at the end of the data
	dob        day
	sex        sex
	uasc       bool
	// knownStart says the period began in the data (its first episode starts a period of
	// care); otherwise it was under way when the data begin and its start is not known.
	knownStart bool
	// unopened says the period began after a gap in the child's episodes (not after an exit)
	// with an episode that does not open a period (RNE not S): counted as an entry into care
	// all the same (knownStart), as the established tools count it.
	unopened bool
	// rec is the REC code of the last episode ("" while open).
	rec string
	// lost says the period ended without a reason (an X1 or empty REC with nothing after
	// it, or a gap before the next episode): it is censored at its end.
	lost bool
	// first and n locate its placements in Return.places.
	first, n int32
	// lastYear is the latest return (order.year) of its episodes' rows kept.
	lastYear int32
}

// placement is a stretch of a period in one placement.
type placement struct {
	start, end day // end is noDay while open
	kind       kind
	// move says the child moved to a new carer at the start of this placement (RNE P or T,
	// and not into or back from a temporary placement).
	move bool
}

// placements returns the period's placements.
func (r *Return) placements(p *period) []placement { return r.places[p.first : p.first+p.n] }

// route returns how a closed period ended; ok is false for a period still open or lost.
func (p *period) route() (rt route, ok bool) {
	if p.end == noDay || p.lost {
		return 0, false
	}
	if p.end >= p.dob.addYears(18)-eighteenTolerance {
		if p.rec == recStayingPut {
			return stayingPut, true
		}
		return age18, true
	}
	if c := lookupREC(p.rec); c != nil {
		return c.before18, true
	}
	return otherExit, true
}

// endedAt18 reports whether the period ended at (or around) the 18th birthday.
func (p *period) endedAt18() bool {
	rt, ok := p.route()
	return ok && (rt == age18 || rt == stayingPut)
}

// inCareOn reports whether the period holds day d.
func (p *period) inCareOn(d day) bool { return p.start <= d && (p.end == noDay || p.end > d) }

// clean turns the raw rows into periods of care, as the established tools do: one record of
// each episode (the latest return's), overlapping episodes cut at the next one's start, open
// episodes followed by another closed at its start, and episodes joined into periods.
func (r *reader) clean(files Files) (*Return, error) {
	q := r.q
	n := len(r.ids)
	dob := make([]day, n)
	sx := make([]sex, n)
	seen := make([]order, n)
	hasHeader := make([]bool, n)
	duc := make([]day, n)
	isUASC := make([]bool, n)
	for i := range dob {
		dob[i], duc[i] = noDay, noDay
	}
	// A child's date of birth and sex are the latest return's that gives them: an empty DOB
	// or a SEX that is neither 1 nor 2 leaves the one an earlier return gives.
	var dobConflicts, dobBlanks int
	sexSeen := make([]order, n)
	r.headerAt = make([]order, n)
	for _, h := range r.headers {
		c := h.child
		if !hasHeader[c] {
			hasHeader[c] = true
			r.headerAt[c] = h.order
		}
		if h.dob != noDay {
			switch {
			case dob[c] == noDay:
				dob[c], seen[c] = h.dob, h.order
			case h.dob == dob[c]:
				if h.order.after(seen[c]) {
					seen[c] = h.order
				}
			case h.order.after(seen[c]):
				dobConflicts++
				dob[c], seen[c] = h.dob, h.order
			default:
				dobConflicts++
			}
		}
		if h.sex != sexUnknown && (sx[c] == sexUnknown || h.order.after(sexSeen[c])) {
			sx[c], sexSeen[c] = h.sex, h.order
		}
	}
	for _, h := range r.headers {
		if h.dob == noDay && dob[h.child] != noDay {
			dobBlanks++
		}
	}
	uascSeen := make([]order, n)
	for _, u := range r.uascs {
		c := u.child
		if isUASC[c] && !u.order.after(uascSeen[c]) {
			continue
		}
		isUASC[c], duc[c], uascSeen[c] = true, u.duc, u.order
		if dob[c] == noDay && u.dob != noDay {
			dob[c] = u.dob
		}
		if sx[c] == sexUnknown {
			sx[c] = u.sex
		}
	}
	if dobConflicts > 0 {
		q.note("header rows of the same child that disagree on the date of birth (the latest return's is used)", dobConflicts)
	}
	q.note("header rows with an empty DOB whose child's date of birth another header row gives (that one is used)", dobBlanks)

	eps := r.episodes
	q.step("episode rows read", len(eps))
	if q.LA != "" {
		other := 0
		for _, f := range q.Files {
			other += f.OtherCouncils
		}
		if other > 0 {
			q.Steps[len(q.Steps)-1].What = fmt.Sprintf("episode rows read for %s (rows of other councils are left out)", q.LA)
		}
	}
	kept := eps[:0]
	short := 0
	for _, e := range eps {
		if isShortBreak(e.ls) {
			short++
			continue
		}
		kept = append(kept, e)
	}
	eps = kept
	q.drop("short breaks (legal status V3 or V4), not counted as looked after", short)
	// What each looked-after child's rows hold before the cleaning, to tell the children it
	// leaves out (dropSummary).
	spans := make([]span, len(eps))
	for i, e := range eps {
		spans[i] = span{e.child, e.decom, e.dec, e.order}
	}
	r.tallyCodes(eps)

	// Children with no date of birth cannot be placed in an age band.
	var missing, missingRows int
	var firstMissing *rawEpisode
	childSeen := make([]bool, n)
	var childrenInEpisodes int
	for i := range eps {
		c := eps[i].child
		if !childSeen[c] {
			childSeen[c] = true
			childrenInEpisodes++
			if dob[c] == noDay {
				missing++
			}
		}
		if dob[c] == noDay {
			missingRows++
			if firstMissing == nil || eps[i].order.file < firstMissing.order.file ||
				(eps[i].order.file == firstMissing.order.file && eps[i].order.line < firstMissing.order.line) {
				firstMissing = &eps[i]
			}
		}
	}
	if missing > 0 {
		if err := r.unmatchedHeaders(files, eps, dob, missing, childrenInEpisodes, firstMissing); err != nil {
			return nil, err
		}
	}
	if missing > 0 {
		kept = eps[:0]
		for _, e := range eps {
			if dob[e.child] != noDay {
				kept = append(kept, e)
			}
		}
		eps = kept
		q.dropAt("episodes of children with no header row or no date of birth",
			fmt.Sprintf("%s:%d", BaseName(files.Episodes[firstMissing.order.file].Name), firstMissing.order.line), missingRows, missing)
	}

	unknownSex := 0
	clear(childSeen)
	for _, e := range eps {
		if c := e.child; !childSeen[c] {
			childSeen[c] = true
			if sx[c] == sexUnknown {
				unknownSex++
			}
		}
	}
	q.note("children whose SEX is neither 1 (male) nor 2 (female): left out of the share of boys at entry, counted with the girls in the stock's share", unknownSex)

	slices.SortFunc(eps, func(a, b rawEpisode) int {
		return cmp.Or(cmp.Compare(a.child, b.child), cmp.Compare(a.decom, b.decom),
			cmp.Compare(a.order.year, b.order.year), cmp.Compare(a.order.file, b.order.file),
			cmp.Compare(a.order.line, b.order.line))
	})
	// First each child's episodes on their own: one record of each, those whose dates
	// cannot be right dropped. Only then are the data's first and last days decided, so
	// that a mistyped date does not move them.
	var c cleaning
	kept = eps[:0]
	forEachChild(eps, func(ce []rawEpisode) {
		kept = append(kept, c.sift(ce, dob[ce[0].child])...)
	})
	eps = kept
	start, end, ok := dataSpan(eps)
	if ok {
		kept = eps[:0]
		forEachChild(eps, func(ce []rawEpisode) {
			kept = append(kept, c.bound(ce, start, end)...)
		})
		eps = kept
	}
	q.drop("repeated in a later return (the latest return's row kept, whatever the order the files are given in: a file is the return of the last year its dates reach, or of its YEAR column)", c.repeatedReturns)
	q.drop("repeated in a later row of the same return (the later row kept)", c.repeated)
	q.drop("ending on the same day as a longer episode of the same child (the longer kept)", c.sameEnd)
	// firstAt names the first row dropped for reason why, as the report names files.
	firstAt := func(why dropReason) string {
		o := c.first[why]
		return fmt.Sprintf("%s:%d", BaseName(files.Episodes[o.file].Name), o.line)
	}
	q.dropAt("ending before they start", firstAt(dropBackwards), c.backwards, 0)
	q.dropAt("of an episode whose row in a later return was dropped for ending before it starts (its DECOM and DEC swapped?): the earlier return's row is not used in its place", firstAt(dropSuperseded), c.superseded, 0)
	q.dropAt("starting before the child's date of birth", firstAt(dropBeforeBirth), c.beforeBirth, 0)
	q.dropAt("starting on or after the child's 18th birthday", firstAt(dropAfter18), c.after18, 0)
	q.change("episodes ending after the 18th birthday: ended on it", c.endPast18)
	q.dropAt(fmt.Sprintf("ending before the first collection year the returns cover (%s): a mistyped date, or a year with too few children to be a return", start), firstAt(dropEarly), c.early, 0)
	q.dropAt(fmt.Sprintf("starting on or after the end of the data (%s): a mistyped date, or a year with too few children to be a return", end), firstAt(dropLate), c.late, 0)
	q.change(fmt.Sprintf("episodes ending on or after the end of the data (%s): read as still open", end), c.lateEnd)
	if !ok || len(eps) == 0 {
		return nil, r.nothingUsable(files)
	}
	ret := &Return{Quality: q, start: start, end: end}
	keptChild := make([]bool, n)
	forEachChild(eps, func(ce []rawEpisode) {
		ch := ce[0].child
		keptChild[ch] = true
		c.child(ret, ce, dob[ch], sx[ch], isUASC[ch], duc[ch])
	})
	ret.dropped = dropSummary(spans, keptChild, c.supersededAt)
	q.change("open episodes followed by another episode: closed when it starts", c.openClosed)
	q.change("episodes overlapping the next one: cut short when it starts", c.overlaps)
	q.change("open episodes past the 18th birthday: ended on it", c.openPast18)
	q.step("episodes used", c.used)
	q.Periods = len(ret.periods)
	for i := range ret.periods {
		p := &ret.periods[i]
		if !p.knownStart {
			q.UnderWay++
		}
		if p.lost {
			q.Lost++
		}
		if p.end == noDay {
			q.Open++
		}
	}
	q.Gaps = c.gaps
	q.Unopened, q.UnopenedDropped = c.unopened, c.unopenedDropped
	return ret, nil
}

// cleaning counts what the cleaning of each child's episodes did.
type cleaning struct {
	repeated, repeatedReturns                    int
	sameEnd, backwards, beforeBirth, after18     int
	endPast18, early, late, lateEnd              int
	openClosed, overlaps, openPast18, gaps, used int
	// unopened counts the periods that began after a gap with an episode that does not
	// open a period (period.unopened), and unopenedDropped those of them at a gap where an
	// episode ending before it starts was dropped.
	unopened, unopenedDropped int
	// dropped holds, by child, the start and end of each episode dropped for ending
	// before it starts.
	dropped map[int32][][2]day
	// superseded counts the rows of an earlier return dropped because a later return's row
	// of the same episode (starting on their start) was dropped for ending before it starts.
	superseded int
	// supersededAt holds the rows superseded so.
	supersededAt map[order]bool
	// first is the first row, by file and line, dropped for each reason, when has says one
	// was.
	first [dropReasons]order
	has   [dropReasons]bool
}

// dropReason is a reason the cleaning drops a row for, whose first row the report names.
type dropReason uint8

const (
	dropBackwards dropReason = iota
	dropSuperseded
	dropBeforeBirth
	dropAfter18
	dropEarly
	dropLate
	dropReasons
)

// at notes the row at o as dropped for reason why.
func (c *cleaning) at(why dropReason, o order) {
	f := c.first[why]
	if !c.has[why] || o.file < f.file || o.file == f.file && o.line < f.line {
		c.first[why], c.has[why] = o, true
	}
}

// earlierReturn reports whether the row at o is of an earlier return than the one at p: an
// earlier year, or an earlier file of the same year.
func earlierReturn(o, p order) bool {
	return o.year < p.year || o.year == p.year && o.file < p.file
}

// droppedIn reports whether an episode of child dropped for ending before it starts lay in
// the gap from from to to: either of its dates within it.
func (c *cleaning) droppedIn(child int32, from, to day) bool {
	for _, d := range c.dropped[child] {
		for _, x := range d {
			if x >= from && x <= to {
				return true
			}
		}
	}
	return false
}

// forEachChild calls f with each child's episodes in turn: eps sorted by child.
func forEachChild(eps []rawEpisode, f func([]rawEpisode)) {
	for i := 0; i < len(eps); {
		j := i + 1
		for j < len(eps) && eps[j].child == eps[i].child {
			j++
		}
		f(eps[i:j])
		i = j
	}
}

// backwards reports whether e ends before it starts: its DECOM and DEC swapped, most likely.
func (e rawEpisode) backwards() bool { return e.dec != noDay && e.dec < e.decom }

// sift keeps one record of each of a child's episodes, sorted by start and return, and drops
// those whose dates cannot be right; an episode ending after the 18th birthday is ended on
// it. It returns the episodes kept, in eps's storage.
func (c *cleaning) sift(eps []rawEpisode, dob day) []rawEpisode {
	// One record of each episode: the latest row with the same start. A row ending before
	// it starts (its dates swapped, most likely) starts, un-swapped, on its DEC: its DECOM
	// is its end, and a row that is not swapped starting on it is the next episode, not
	// the same one, in whichever order the rows come.
	k := 0
	for _, e := range eps {
		j := k - 1
		if j >= 0 && eps[j].decom == e.decom && eps[j].backwards() != e.backwards() {
			j-- // the sort keeps the rows of one start together: at most one of the other kind is between
		}
		if j >= 0 && eps[j].decom == e.decom && eps[j].backwards() == e.backwards() {
			if eps[j].order.year != e.order.year || eps[j].order.file != e.order.file {
				c.repeatedReturns++
			} else {
				c.repeated++
			}
			eps[j] = e
			continue
		}
		eps[k] = e
		k++
	}
	eps = eps[:k]
	// A later return's row ending before it starts is the latest record of the episode
	// starting on its DEC, its start with the dates un-swapped: an earlier return's row
	// starting on that day is not brought back in its place, still open. An earlier row
	// starting on its DECOM, its end, is the next episode and is kept.
	var superseded []bool
	for _, e := range eps {
		if !e.backwards() {
			continue
		}
		for i, f := range eps {
			if f.decom == e.dec && !f.backwards() && earlierReturn(f.order, e.order) {
				if superseded == nil {
					superseded = make([]bool, len(eps))
				}
				superseded[i] = true
			}
		}
	}
	eighteen := dob.addYears(18)
	k = 0
	for i, e := range eps {
		switch {
		case superseded != nil && superseded[i]:
			c.superseded++
			c.at(dropSuperseded, e.order)
			if c.supersededAt == nil {
				c.supersededAt = map[order]bool{}
			}
			c.supersededAt[e.order] = true
			continue
		case e.backwards():
			c.backwards++
			c.at(dropBackwards, e.order)
			if c.dropped == nil {
				c.dropped = map[int32][][2]day{}
			}
			c.dropped[e.child] = append(c.dropped[e.child], [2]day{e.decom, e.dec})
			continue
		case e.decom < dob:
			c.beforeBirth++
			c.at(dropBeforeBirth, e.order)
			continue
		case e.decom >= eighteen:
			c.after18++
			c.at(dropAfter18, e.order)
			continue
		}
		same := false
		for _, f := range eps[:k] {
			if e.dec != noDay && f.dec == e.dec {
				same = true
				break
			}
		}
		if same {
			c.sameEnd++
			continue
		}
		eps[k] = e
		k++
	}
	eps = eps[:k]
	for i := range eps {
		if e := &eps[i]; e.dec != noDay && e.dec > eighteen {
			e.dec = eighteen
			c.endPast18++
		}
	}
	return eps
}

// bound drops a child's episodes that end before start or begin on or after end, the
// bounds of the data, and reads an end on or after end as still open. It returns the
// episodes kept, in eps's storage.
func (c *cleaning) bound(eps []rawEpisode, start, end day) []rawEpisode {
	k := 0
	for _, e := range eps {
		switch {
		case e.dec != noDay && e.dec < start:
			c.early++
			c.at(dropEarly, e.order)
			continue
		case e.decom >= end:
			c.late++
			c.at(dropLate, e.order)
			continue
		case e.dec != noDay && e.dec >= end:
			e.dec, e.rec = noDay, ""
			c.lateEnd++
		}
		eps[k] = e
		k++
	}
	return eps[:k]
}

// A financial year at the edge of the data holds only stray dates (mistyped, most likely),
// and is not one of the years of the returns, when the children whose episodes start or end
// in it (only ends count for the first year) are fewer than 1 in strayShare of those of the
// busiest year, or fewer than strayChildren and the nearest year with a date (towards the
// others) is not next to it. One mistyped date is one child's; a small council's quietest year
// may hold a single child's end too, but next to the other years; a large council's last year
// of one month holds a twelfth of its busiest.
const (
	strayChildren = 2
	strayShare    = 20
)

// dataSpan returns the bounds of the data that eps describe, sorted by child: start is 1
// April of the first collection year (the first financial year in which episodes end that
// is not stray, see strayChildren; or in which any starts when none ends), and end the first
// day of the month after the latest date in the years of the returns (up to the last year
// that is not stray). ok is false when eps are empty.
func dataSpan(eps []rawEpisode) (start, end day, ok bool) {
	if len(eps) == 0 {
		return noDay, noDay, false
	}
	type yearCount struct {
		children, endChildren int
		last                  int32 // the last child counted, +1
		lastEnd               int32
	}
	years := map[int]*yearCount{}
	count := func(d day, child int32, isEnd bool) {
		y, m, _ := d.civil()
		if m < 4 {
			y--
		}
		yc := years[y]
		if yc == nil {
			yc = &yearCount{}
			years[y] = yc
		}
		if yc.last != child+1 {
			yc.last = child + 1
			yc.children++
		}
		if isEnd && yc.lastEnd != child+1 {
			yc.lastEnd = child + 1
			yc.endChildren++
		}
	}
	for _, e := range eps {
		count(e.decom, e.child, false)
		if e.dec != noDay {
			count(e.dec, e.child, true)
		}
	}
	ys := make([]int, 0, len(years))
	var busiest, busiestEnds int
	for y, yc := range years {
		ys = append(ys, y)
		busiest = max(busiest, yc.children)
		busiestEnds = max(busiestEnds, yc.endChildren)
	}
	slices.Sort(ys)
	// counts reports whether year y counts as one of the returns, with n children and the
	// busiest year's, and next the nearest year towards the others that has a date.
	counts := func(y, n, busiest, next int) bool {
		if n == 0 || n*strayShare < busiest {
			return false
		}
		return n >= strayChildren || next == y+1 || next == y-1
	}
	// The first year that counts by children's ends; failing that the first with an end, or
	// with a start when no episode ends.
	firstYear, lastYear := ys[0], ys[len(ys)-1]
	var withEnds []int
	for _, y := range ys {
		if years[y].endChildren > 0 {
			withEnds = append(withEnds, y)
		}
	}
	if len(withEnds) > 0 {
		firstYear = withEnds[0]
		for i, y := range withEnds {
			next := y
			if i+1 < len(withEnds) {
				next = withEnds[i+1]
			}
			if counts(y, years[y].endChildren, busiestEnds, next) {
				firstYear = y
				break
			}
		}
	}
	for i := len(ys) - 1; i >= 0; i-- {
		next := ys[i]
		if i > 0 {
			next = ys[i-1]
		}
		if counts(ys[i], years[ys[i]].children, busiest, next) {
			lastYear = ys[i]
			break
		}
	}
	if lastYear < firstYear {
		// The returns' years hold too few children on either side: take every date.
		firstYear, lastYear = ys[0], ys[len(ys)-1]
	}
	start = fromCivil(firstYear, 4, 1)
	limit := fromCivil(lastYear+1, 4, 1)
	latest := noDay
	for _, e := range eps {
		if e.decom < limit {
			latest = max(latest, e.decom)
		}
		if e.dec != noDay && e.dec < limit {
			latest = max(latest, e.dec)
		}
	}
	if latest == noDay {
		return noDay, noDay, false
	}
	return start, latest.monthStart().addMonths(1), true
}

// child cleans one child's sifted and bounded episodes and adds their periods of care to
// ret: an open episode followed by another is closed when it starts, an episode overlapping
// the next is cut short, and an episode open past the 18th birthday is ended on it.
func (c *cleaning) child(ret *Return, eps []rawEpisode, dob day, sx sex, uasc bool, duc day) {
	eighteen := dob.addYears(18)
	for i := 0; i+1 < len(eps); i++ {
		next := eps[i+1].decom
		switch e := &eps[i]; {
		case e.dec == noDay:
			e.dec = next
			if e.rec == "" {
				e.rec = recContinues
			}
			c.openClosed++
		case e.dec > next:
			e.dec = next
			c.overlaps++
		}
	}
	if last := &eps[len(eps)-1]; last.dec == noDay && eighteen < ret.end {
		last.dec = eighteen
		c.openPast18++
	}
	c.used += len(eps)

	firstPeriod := len(ret.periods)
	var p *period
	prevKind := noKind
	prevTemporary := false
	closePeriod := func(e *rawEpisode, lost bool) {
		p.end, p.rec, p.lost = e.dec, e.rec, lost
		if p.end != noDay && (e.rec == "" || e.rec == recContinues) {
			p.lost = true
		}
		p.n = int32(len(ret.places)) - p.first
	}
	for i := range eps {
		e := &eps[i]
		unopened := false
		if i > 0 {
			prev := &eps[i-1]
			gap := e.decom > prev.dec
			exited := prev.rec != "" && prev.rec != recContinues
			if gap || exited {
				if gap && !exited {
					c.gaps++
					if e.rne != "S" {
						unopened = true
						c.unopened++
						if c.droppedIn(e.child, prev.dec, e.decom) {
							c.unopenedDropped++
						}
					}
				}
				closePeriod(prev, gap && !exited)
				p = nil
			}
		}
		if p == nil {
			ret.periods = append(ret.periods, period{
				start: e.decom, dob: dob, sex: sx,
				uasc:       uasc && (duc == noDay || e.decom < duc),
				knownStart: e.rne == "S" || i > 0,
				unopened:   unopened,
				first:      int32(len(ret.places)),
			})
			p = &ret.periods[len(ret.periods)-1]
			prevKind, prevTemporary = noKind, false
		}
		p.lastYear = max(p.lastYear, e.order.year)
		ret.latestYear = max(ret.latestYear, e.order.year)
		k := placeKind(e.place, e.provider)
		temporary := k == noKind
		if temporary {
			k = prevKind
		}
		ret.places = append(ret.places, placement{start: e.decom, end: e.dec, kind: k,
			move: isMove(e.rne) && !temporary && !prevTemporary && len(ret.places) > int(p.first)})
		prevKind, prevTemporary = k, temporary
	}
	closePeriod(&eps[len(eps)-1], false)
	// A temporary placement at the start of a period takes the kind of the first placement
	// after it, or other settings when the period holds nothing else.
	for pi := firstPeriod; pi < len(ret.periods); pi++ {
		pls := ret.placements(&ret.periods[pi])
		fill := otherSettings
		for _, pl := range pls {
			if pl.kind != noKind {
				fill = pl.kind
				break
			}
		}
		for i := range pls {
			if pls[i].kind != noKind {
				break
			}
			pls[i].kind = fill
		}
	}
}

// placeKind maps a PLACE and PLACE_PROVIDER to a kind (noKind for a temporary placement).
func placeKind(place, provider string) kind {
	pc := lookupPlace(place)
	if pc == nil {
		return unknownPlace
	}
	if provider == providerOwn {
		return pc.own
	}
	return pc.bought
}

// nothingUsable returns the error of a return none of whose episodes is left after the
// cleaning: how many rows were read and what dropped them, by reason and count.
func (r *reader) nothingUsable(files Files) error {
	names := make([]string, len(files.Episodes))
	for i, in := range files.Episodes {
		names[i] = in.Name
	}
	var read int
	var reasons []string
	for _, s := range r.q.Steps {
		switch s.Kind {
		case "read":
			read = s.Rows
		case "drop":
			rows := countRows(s.Rows)
			if s.First != "" {
				rows += ", the first at " + s.First
			}
			reasons = append(reasons, fmt.Sprintf("%s (%s)", s.What, rows))
		}
	}
	msg := fmt.Sprintf("%s: no episode is left to calibrate from: of %s read", strings.Join(names, ", "), countRows(read))
	if len(reasons) > 0 {
		msg += ", dropped as " + strings.Join(reasons, "; ")
	}
	return errors.New(msg)
}

// countRows writes a number of episode rows, exactly: an error message goes to the analyst
// running the command, not into a report.
func countRows(n int) string {
	if n == 1 {
		return "1 episode row"
	}
	return strconv.Itoa(n) + " episode rows"
}

// unmatchedHeaders returns the error of header files that do not match the episodes, eps:
// more than half of their children without a date of birth (missing of childrenInEpisodes,
// the first of their rows firstMissing), or more than half of one episodes file's children
// (of one YEAR's, in a file with that column), MinChildren or more. Where the children's identifiers match a header row's once leading
// zeros are dropped, it says so, naming the rows (never the identifiers); where a header
// file has a DUC column, that it looks like a UASC file. A few children without a header row
// whose identifiers match so are said in a warning.
func (r *reader) unmatchedHeaders(files Files, eps []rawEpisode, dob []day, missing, childrenInEpisodes int, firstMissing *rawEpisode) error {
	// The children with a date of birth, by their identifier without leading zeros.
	stripped := map[string]int32{}
	for c, id := range r.ids {
		if dob[c] != noDay {
			stripped[strings.TrimLeft(id, "0")] = int32(c)
		}
	}
	// zeroMatch returns the child with a date of birth whose identifier is c's but for
	// leading zeros, or -1.
	zeroMatch := func(c int32) int32 {
		if m, ok := stripped[strings.TrimLeft(r.ids[c], "0")]; ok && m != c {
			return m
		}
		return -1
	}
	// The children of each file, or of each YEAR of a file with that column.
	type fileCount struct {
		name                     string // "2021-episodes.csv", "YEAR 2021 of episodes.csv"
		children, missing, zeros int
		first, firstZero         *rawEpisode
	}
	var counts []fileCount
	group := map[[2]int32]int{}
	seenIn := map[[2]int32]bool{}
	for i := range eps {
		e := &eps[i]
		f := int(e.order.file)
		key := [2]int32{int32(f), 0}
		if slices.Contains(r.withYear[episodesFile], files.Episodes[f].Name) {
			key[1] = e.order.year
		}
		g, ok := group[key]
		if !ok {
			g = len(counts)
			group[key] = g
			name := files.Episodes[f].Name
			if key[1] != 0 {
				name = fmt.Sprintf("YEAR %d of %s", key[1], name)
			}
			counts = append(counts, fileCount{name: name})
		}
		if seenIn[[2]int32{e.child, int32(g)}] {
			continue
		}
		seenIn[[2]int32{e.child, int32(g)}] = true
		fc := &counts[g]
		fc.children++
		if dob[e.child] != noDay {
			continue
		}
		fc.missing++
		if fc.first == nil {
			fc.first = e
		}
		if zeroMatch(e.child) >= 0 {
			fc.zeros++
			if fc.firstZero == nil {
				fc.firstZero = e
			}
		}
	}
	// groupOf returns the group of row e.
	groupOf := func(e *rawEpisode) int {
		key := [2]int32{int32(e.order.file), 0}
		if slices.Contains(r.withYear[episodesFile], files.Episodes[e.order.file].Name) {
			key[1] = e.order.year
		}
		return group[key]
	}
	names := make([]string, len(files.Header))
	var uascLike []string
	for i, h := range files.Header {
		names[i] = h.Name
		if slices.Contains(r.headerDUC, i) {
			uascLike = append(uascLike, h.Name)
		}
	}
	// zeros says how the identifiers of group g differ from the header files', at its row e.
	zeros := func(g int, e *rawEpisode) string {
		m := zeroMatch(e.child)
		what := "have leading zeros the header files lack"
		if len(r.ids[e.child]) < len(r.ids[m]) {
			what = "lack the leading zeros the header files have"
		}
		at := r.headerAt[m]
		return fmt.Sprintf("the child identifiers of %s %s: %d of its children match a header row once the zeros are dropped (this row's child matches %s:%d); write the identifiers alike in every file (a spreadsheet column formatted as a number drops the zeros)",
			counts[g].name, what, counts[g].zeros, files.Header[at.file].Name, at.line)
	}
	why := func(g int, e *rawEpisode, what string) string {
		switch {
		case len(uascLike) > 0:
			if len(uascLike) == 1 {
				return fmt.Sprintf("%s: %s has a DUC column: it looks like a UASC file, given as a header file (--header)", what, uascLike[0])
			}
			return fmt.Sprintf("%s: %s have a DUC column: they look like UASC files, given as header files (--header)", what, strings.Join(uascLike, ", "))
		case counts[g].zeros > 0 && zeroMatch(e.child) >= 0:
			return zeros(g, e)
		}
		return what + " (another council's or another year's?)"
	}
	if 2*missing > childrenInEpisodes {
		f := int(firstMissing.order.file)
		return fmt.Errorf("%s:%d: CHILD: no date of birth for this child in the header files (%s), nor for %d of the %d children in the episodes: %s",
			files.Episodes[f].Name, firstMissing.order.line, strings.Join(names, ", "), missing, childrenInEpisodes,
			why(groupOf(firstMissing), firstMissing, "the header files do not match the episodes"))
	}
	var errs []error
	for g, fc := range counts {
		if fc.missing < MinChildren || 2*fc.missing <= fc.children {
			continue
		}
		e := fc.first
		if fc.firstZero != nil {
			e = fc.firstZero
		}
		what := "the header files do not match this file"
		if fc.name != files.Episodes[e.order.file].Name {
			what = "the header files do not match this year"
		}
		errs = append(errs, fmt.Errorf("%s:%d: CHILD: no date of birth for this child in the header files (%s), nor for %d of the %d children of %s: %s",
			files.Episodes[e.order.file].Name, e.order.line, strings.Join(names, ", "), fc.missing, fc.children, fc.name,
			why(g, e, what)))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	for g, fc := range counts {
		if fc.zeros > 0 {
			r.warnings = append(r.warnings, fmt.Sprintf("%s:%d: CHILD: no date of birth for this child, whose episodes are dropped: %s",
				files.Episodes[fc.firstZero.order.file].Name, fc.firstZero.order.line, zeros(g, fc.firstZero)))
		}
	}
	return nil
}

// span is what one episode row says of a child's time in care.
type span struct {
	child      int32
	decom, dec day
	order      order
}

// dropped counts the looked-after children the cleaning left out: every row of theirs
// dropped.
type dropped struct {
	// children is the number of children in the episodes (short breaks apart), and gone
	// those of them left out, with rows their episode rows.
	children, gone, rows int
	// spans are the rows of the children left out that say where they were: each
	// episode's latest row, but for the rows a later return's superseded.
	spans []span
}

// dropSummary counts the children of spans not kept, and keeps their rows that say where
// they were: of each episode (a child's rows starting on the same day) the latest
// return's row, but for the rows a later return's superseded.
func dropSummary(spans []span, kept []bool, superseded map[order]bool) dropped {
	var d dropped
	const counted, gone = 1, 2
	mark := make([]uint8, len(kept))
	type episode struct {
		child int32
		decom day
	}
	latest := map[episode]int{}
	for _, s := range spans {
		m := &mark[s.child]
		if *m&counted == 0 {
			*m |= counted
			d.children++
			if !kept[s.child] {
				*m |= gone
				d.gone++
			}
		}
		if *m&gone == 0 {
			continue
		}
		d.rows++
		if superseded[s.order] {
			continue
		}
		k := episode{s.child, s.decom}
		if i, ok := latest[k]; ok {
			if d.spans[i].order.after(s.order) {
				continue
			}
			d.spans[i] = s
			continue
		}
		latest[k] = len(d.spans)
		d.spans = append(d.spans, s)
	}
	return d
}

// inCare returns how many of the children left out have a row open at the end of the day
// before end.
func (d *dropped) inCare(end day) int {
	seen := map[int32]bool{}
	for _, s := range d.spans {
		if !seen[s.child] && s.decom < end && (s.dec == noDay || s.dec >= end) {
			seen[s.child] = true
		}
	}
	return len(seen)
}

// dropShare is the share of the children in the episodes, 1 in dropShare, whose leaving
// out DropWarning says on the terminal, when none of them is in care at the end of the data.
const dropShare = 20

// DropWarning returns a warning, in a sentence, when the cleaning left out every row of
// 1 in 20 or more of the children in the episodes (short breaks apart), or of any child in
// care at the end of the window, on to (the data's last day when to is zero); "" otherwise.
// report names the data-quality report, where the rows dropped are counted by reason.
func (r *Return) DropWarning(report string, to time.Time) string {
	d := r.dropped
	end, last := r.end, "the data's last day"
	if !to.IsZero() {
		end, last = dayOf(to)+1, "the window's last day"
	}
	inCare := d.inCare(end)
	if d.gone == 0 || inCare == 0 && d.gone*dropShare < d.children {
		return ""
	}
	// Counts from 1 to 4 are written "fewer than 5", as the quality report writes them, so
	// that one child is never told apart: d.gone is 1 only as "fewer than 5 children". The
	// children in the episodes, all of them, are written as they are: "fewer than 5 of the
	// fewer than 5" would say nothing.
	what := fmt.Sprintf("%s children (%s episode rows) of the %s in the episodes were dropped", small(d.gone), small(d.rows), thousands(d.children))
	if inCare > 0 {
		what += fmt.Sprintf(", %s of them in care on %s, %s", small(inCare), (end - 1).time().Format("2 January 2006"), last)
	}
	return what + ": see " + report + ", \"Episodes read, dropped and changed\""
}
