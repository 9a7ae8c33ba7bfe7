package ssda903

import (
	"bytes"
	"container/heap"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/placesim/placesim/model"
)

// truth is what the test generator simulates: a council whose children enter, move and
// leave at known rates. Ages are in years, rates per year, stays in days.
type truth struct {
	// from and to are the collection years written: from 1 April of fromYear to 1 April of
	// toYear. Children enter from warmup years before, so that a stock in care exists.
	fromYear, toYear, warmup int
	// perYear is the entry rate on 1 April of toYear; trend its yearly relative change;
	// season the monthly multipliers (January first, averaging 1).
	perYear, trend float64
	season         [12]float64
	// bandShares is the age mix at entry over bands; maleShare the share of boys.
	bandShares []float64
	maleShare  float64
	// meanStay is the mean of the time in care of each band (before the 18th birthday ends
	// it): exponential, or Weibull when stayShape is set and not 1.
	meanStay []float64
	// stayShape is the Weibull shape of the stays of children who are not UASC (0 or 1 for
	// exponential stays; below 1 the rate of leaving falls the longer a child is in care).
	stayShape float64
	// exits are the route shares before 18 of each band.
	exits [][5]float64
	// first is the share of each kind of first placement, for each band.
	first [][numKinds]float64
	// moves is the rate of moves out of each kind.
	moves [numKinds]float64
	// uascPerYear is the rate of UASC arrivals, all aged 16 or 17, with meanUASCStay.
	uascPerYear, meanUASCStay float64
	// stayingPut is the share of young people in foster care at 18 who stay on (E17).
	stayingPut float64
	// shortBreaks is the rate of short-break episodes (legal status V3) a year.
	shortBreaks float64
	// ownCarerPlaces, when set, is the number of children the council's own foster carers
	// (unrelated to the children) can hold on average, their households coming and going
	// (carerPool): a child drawn to foster care with unrelated carers,
	// the council's or agencies' (inhouseFoster or ifa in first), goes to the council's carers
	// when one of their places is free and to agencies' when none is, as councils place them.
	// When 0, the shares of first are each kind's whatever the others hold.
	ownCarerPlaces int
	// stopEntries, when set, is the day from which no child enters care: the children who
	// would have entered from it are drawn as before and left out, so that the return up to it
	// is the same, and after it holds the children in care on it alone (the starting stock of a
	// backtest from that day, as they would have fared with no child entering after them).
	stopEntries day
	// stepAt, when set, is the day before which the entry rate is stepBefore times what
	// perYear, trend and season make it: a one-off step in entries.
	stepAt     day
	stepBefore float64
}

// typical returns a truth like a county's: 300 entries a year with a 5% yearly rise and a
// winter peak, the national age mix, stays of one to three years, 20 UASC a year.
func typical() truth {
	return truth{
		fromYear: 2019, toYear: 2024, warmup: 15,
		perYear: 300, trend: 0.05,
		season:     [12]float64{1.2, 1.1, 1.05, 0.95, 0.9, 0.85, 0.8, 0.9, 1.1, 1.05, 1.0, 1.1},
		bandShares: []float64{0.2, 0.18, 0.2, 0.3, 0.12},
		maleShare:  0.52,
		meanStay:   []float64{700, 600, 900, 1200, 300},
		exits: [][5]float64{
			{0.2, 0.5, 0.25, 0.05, 0},
			{0.35, 0.3, 0.25, 0.05, 0.05},
			{0.5, 0.05, 0.25, 0.1, 0.1},
			{0.6, 0, 0.15, 0.05, 0.2},
			{0.5, 0, 0, 0, 0.5},
		},
		first: [][numKinds]float64{
			{kinship: 0.25, inhouseFoster: 0.3, ifa: 0.2, otherSettings: 0.25},
			{kinship: 0.3, inhouseFoster: 0.3, ifa: 0.3, otherSettings: 0.1},
			{kinship: 0.25, inhouseFoster: 0.35, ifa: 0.35, externalResidential: 0.05},
			{kinship: 0.2, inhouseFoster: 0.3, ifa: 0.3, inhouseHome: 0.05, externalResidential: 0.15},
			{kinship: 0.1, inhouseFoster: 0.2, ifa: 0.2, externalResidential: 0.1, supportedAccommodation: 0.4},
		},
		moves: [numKinds]float64{
			kinship: 0.1, inhouseFoster: 0.2, ifa: 0.25, inhouseHome: 0.4,
			externalResidential: 0.5, supportedAccommodation: 0.3, otherSettings: 0.15,
		},
		uascPerYear: 20, meanUASCStay: 500,
		stayingPut:  0.4,
		shortBreaks: 15,
	}
}

// genChild is a simulated child.
type genChild struct {
	id       string
	dob      day
	male     bool
	uasc     bool
	episodes []genEpisode
}

// genEpisode is an episode as the council records it.
type genEpisode struct {
	decom, dec      day // dec noDay while open at the end of the simulation
	rne, ls, rec    string
	place, provider string
}

// codesOf returns a PLACE and PLACE_PROVIDER for a kind: several codes for the same kind, so
// that the mapping is exercised. H5 before 2024/25, K3 from then.
func codesOf(k kind, start day, rng *rand.Rand) (string, string) {
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	switch k {
	case kinship:
		return pick("U1", "U2", "U3"), pick("PR1", "PR4")
	case inhouseFoster:
		return pick("U4", "U5", "U6"), "PR1"
	case ifa:
		return pick("U4", "U5", "U6"), pick("PR4", "PR5", "PR2")
	case inhouseHome:
		return "K2", "PR1"
	case externalResidential:
		return pick("K2", "K2", "K1", "S1"), pick("PR4", "PR5")
	case supportedAccommodation:
		if start >= dayOf(time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)) {
			return "K3", "PR4"
		}
		return pick("H5", "P2"), "PR4"
	}
	return pick("P1", "A4", "R3"), pick("PR0", "PR1")
}

// recOf returns a REC code for a route before 18.
func recOf(r route, rng *rand.Rand) string {
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	switch r {
	case returnHome:
		return pick("E4A", "E4B", "E13")
	case adoption:
		return pick("E11", "E12")
	case sgo:
		return pick("E45", "E46", "E47", "E48")
	case cao:
		return "E41"
	}
	return pick("E3", "E8", "E5", "E16")
}

// generated is what the generator wrote and what it knows.
type generated struct {
	episodes, header, uasc [][]byte
	names                  []string
	// stock is the number of children in care on 1 April of toYear who are not UASC, by
	// kind; stockTotal is every child in care then, UASC included.
	stock      [numKinds]int
	stockTotal int
	// stockAll is every child in care on 1 April of toYear by kind, UASC included.
	stockAll [numKinds]int
	// rows is the number of episode rows written.
	rows int
	// leftAt18 is the day each child who left care at their 18th birthday, or within
	// eighteenTolerance days before it, not staying put (not E17), left.
	leftAt18 []day
	// stayedPutAt18 is the day each child whose period ended at their 18th birthday, or within
	// eighteenTolerance days before it, staying put (E17), left.
	stayedPutAt18 []day
}

// generate simulates the children of t with the seed and writes one episodes, header and UASC
// file for each collection year, with dates as DD/MM/YYYY.
func generate(t truth, seed uint64) *generated {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	start := dayOf(time.Date(t.fromYear-t.warmup, 4, 1, 0, 0, 0, 0, time.UTC))
	end := dayOf(time.Date(t.toYear, 4, 1, 0, 0, 0, 0, time.UTC))
	var children []*genChild
	// Entries: a Poisson process with a rate that follows the trend and the season, drawn by
	// thinning a process at the highest rate.
	var peak float64
	for _, s := range t.season {
		peak = max(peak, s)
	}
	rateAt := func(d day) float64 {
		years := float64(d-end) / 365.25
		r := t.perYear * math.Pow(1+t.trend, years) * t.season[d.time().Month()-1]
		if d < t.stepAt {
			r *= t.stepBefore
		}
		return r
	}
	maxRate := t.perYear * peak * math.Max(1, math.Pow(1+t.trend, float64(end-start)/365.25))
	if t.trend < 0 {
		maxRate = t.perYear * peak * math.Pow(1+t.trend, float64(start-end)/365.25)
	}
	if t.stepAt != 0 {
		maxRate *= max(1, t.stepBefore)
	}
	// Without a pool of the council's carers each child's placements are drawn as it enters;
	// with one, after every child has entered, in the order of their days.
	var pooled []*placing
	place := func(id string, d day, uasc bool) *genChild {
		if t.ownCarerPlaces == 0 {
			ch := t.child(rng, id, d, end, uasc)
			if t.stopEntries != 0 && d >= t.stopEntries {
				ch.episodes = nil
			}
			return ch
		}
		p := t.entrant(rng, id, d, uasc)
		if t.stopEntries == 0 || d < t.stopEntries {
			pooled = append(pooled, p)
		}
		return p.ch
	}
	n := 0
	for clock := float64(start); ; {
		clock += rng.ExpFloat64() / maxRate * 365.25
		d := day(clock)
		if d >= end {
			break
		}
		if rng.Float64()*maxRate > rateAt(d) {
			continue
		}
		n++
		children = append(children, place(fmt.Sprintf("C%06d", n), d, false))
	}
	for clock := float64(start); ; {
		clock += rng.ExpFloat64() / t.uascPerYear * 365.25
		d := day(clock)
		if d >= end {
			break
		}
		n++
		children = append(children, place(fmt.Sprintf("U%06d", n), d, true))
	}
	for clock := float64(start); ; {
		clock += rng.ExpFloat64() / t.shortBreaks * 365.25
		d := day(clock)
		if d >= end {
			break
		}
		n++
		dob := d - day(rng.IntN(15*365)+365)
		ch := &genChild{id: fmt.Sprintf("S%06d", n), dob: dob, male: rng.Float64() < 0.5}
		ch.episodes = []genEpisode{{decom: d, dec: min(d+day(rng.IntN(5)+1), end), rne: "S", ls: "V3", rec: "E8", place: "U4", provider: "PR1"}}
		if ch.episodes[0].dec == end {
			ch.episodes[0].dec = noDay
		}
		children = append(children, ch)
	}
	if t.ownCarerPlaces > 0 {
		placeInOrder(rng, t, pooled, end)
	}
	if t.stopEntries != 0 {
		children = slices.DeleteFunc(children, func(ch *genChild) bool { return ch.id[0] != 'S' && len(ch.episodes) == 0 })
	}
	g := &generated{}
	for _, ch := range children {
		if n := len(ch.episodes); n > 0 && ch.id[0] != 'S' {
			last := ch.episodes[n-1]
			if last.dec != noDay && last.dec >= ch.dob.addYears(18)-eighteenTolerance {
				if last.rec == recStayingPut {
					g.stayedPutAt18 = append(g.stayedPutAt18, last.dec)
				} else {
					g.leftAt18 = append(g.leftAt18, last.dec)
				}
			}
		}
		if ch.id[0] == 'S' {
			continue
		}
		for _, e := range ch.episodes {
			if e.dec == noDay {
				if !ch.uasc {
					g.stock[placeKind(e.place, e.provider)]++
				}
				g.stockAll[placeKind(e.place, e.provider)]++
				g.stockTotal++
			}
		}
	}
	g.write(t, children)
	return g
}

// child simulates one child entering care on day d, its placements drawn at once: the truth's
// shares of first placements and moves hold whatever the other children's placements are.
func (t truth) child(rng *rand.Rand, id string, d, end day, uasc bool) *genChild {
	p := t.entrant(rng, id, d, uasc)
	_, p.k = p.firstKind(rng, t, d, nil)
	for {
		next, moves := p.placeAt(rng, t, end, nil)
		if !moves {
			break
		}
		p.moveKind(rng, t, next, nil)
	}
	p.closeAtEnd(end)
	return p.ch
}

// placing is a child on its way through its placements while the generator places it.
type placing struct {
	ch         *genChild
	band       int
	leave      day
	rec        string
	atEighteen bool
	k          kind
	at         day
	rne        string
}

// entrant draws what is decided when a child enters care on day d: sex, age, the time in care
// and how it ends. Its placements are drawn after.
func (t truth) entrant(rng *rand.Rand, id string, d day, uasc bool) *placing {
	ch := &genChild{id: id, uasc: uasc, male: rng.Float64() < t.maleShare}
	var b int
	var age float64
	mean := t.meanUASCStay
	if uasc {
		age = 16 + 2*rng.Float64()
		ch.male = rng.Float64() < 0.9
	} else {
		u := rng.Float64()
		for b = 0; b < len(t.bandShares)-1 && u >= t.bandShares[b]; b++ {
			u -= t.bandShares[b]
		}
		lo, hi := bands[b].FromYears, bands[b].ToYears+1
		age = float64(lo) + rng.Float64()*float64(hi-lo)
		mean = t.meanStay[b]
	}
	ch.dob = d - day(math.Round(age*365.25))
	if ch.dob.addYears(18) <= d { // rounding put the child at 18: a day younger
		ch.dob++
	}
	eighteen := ch.dob.addYears(18)
	draw := rng.ExpFloat64()
	if k := t.stayShape; k != 0 && k != 1 && !uasc {
		draw = math.Pow(draw, 1/k) / math.Gamma(1+1/k)
	}
	p := &placing{ch: ch, band: b, leave: d + day(math.Ceil(draw*mean)), at: d, rne: "S"}
	if p.leave >= eighteen {
		p.leave, p.atEighteen = eighteen, true
	} else if uasc {
		p.rec = recOf(otherExit, rng)
	} else {
		p.rec = recOf(route(pickShare(rng, t.exits[b][:])), rng)
	}
	return p
}

// firstKind draws the kind of a placement starting on day at from the mix of the band of the
// child's age then, and returns it with the kind the child is placed in. With a pool of the
// council's own carers, a child drawn to foster care with unrelated carers (the council's or
// agencies') goes to the council's carers when one of their places is free, and to agencies'
// carers when none is; without one, the two are the same.
func (p *placing) firstKind(rng *rand.Rand, t truth, at day, pool *carerPool) (drawn, placed kind) {
	if p.ch.uasc {
		drawn = [3]kind{supportedAccommodation, ifa, inhouseFoster}[rng.IntN(3)]
	} else {
		bi := max(0, bandOf(ageYears(p.ch.dob, at), bands))
		drawn = kind(pickShare(rng, t.first[bi][:]))
	}
	placed = drawn
	if pool != nil && (drawn == inhouseFoster || drawn == ifa) {
		placed = ifa
		if pool.used < pool.places {
			placed = inhouseFoster
		}
	}
	return drawn, placed
}

// moveKind draws the kind a child moves to on day at: a move that draws the child's own kind
// draws again seven times in ten. With a pool of the council's carers, the kind drawn is
// compared, not the kind placed in, so that moves between foster care with unrelated carers and
// the other kinds are as frequent whether the council's carers have room or not.
func (p *placing) moveKind(rng *rand.Rand, t truth, at day, pool *carerPool) {
	for {
		drawn, placed := p.firstKind(rng, t, at, pool)
		if drawn != p.k || rng.Float64() < 0.3 {
			p.k, p.at, p.rne = placed, at, "P"
			return
		}
	}
}

// placeAt writes the child's placement in its kind from its day on, up to its next move or its
// leaving care, and returns the day of the move and whether there is one. A placement with the
// council's carers holds one of the pool's places until it ends, or, for a young person staying
// put with them, until their staying-put stay ends.
func (p *placing) placeAt(rng *rand.Rand, t truth, end day, pool *carerPool) (day, bool) {
	k, at, rne := p.k, p.at, p.rne
	if at >= p.leave || at >= end {
		return 0, false
	}
	next := at + day(math.Ceil(rng.ExpFloat64()/t.moves[k]*365.25))
	stop := min(next, p.leave)
	// A young person leaving foster care at 18 stays on with their carers (E17) at the truth's
	// share, decided here so that the council's carers' place is held as long as they stay:
	// their staying-put stay, ended by the 21st birthday.
	stayingPut := next >= p.leave && p.atEighteen && k.category() == model.Foster && rng.Float64() < t.stayingPut
	if pool != nil && k == inhouseFoster {
		held := stop
		if stayingPut {
			held = min(stop+stayingPutStay(rng), p.ch.dob.addYears(21))
		}
		pool.hold(held)
	}
	place, prov := codesOf(k, at, rng)
	// A change of legal status part way through a placement: a new episode in the same
	// placement, not a move; half way to the next move drawn, whether or not the child
	// leaves before it, so that the episodes do not foretell when the child leaves (half way
	// to leaving, a child in care when the return begins would show the start of the period
	// more often the later the child leaves).
	if rng.Float64() < 0.2 && stop-at > 2 && at+(next-at)/2 < min(end, stop) {
		mid := at + (next-at)/2
		p.ch.episodes = append(p.ch.episodes, genEpisode{decom: at, dec: mid, rne: rne, ls: "C2", rec: recContinues, place: place, provider: prov})
		at, rne = mid, "L"
	}
	e := genEpisode{decom: at, rne: rne, ls: "C1", place: place, provider: prov}
	if next < p.leave {
		e.dec, e.rec = next, recContinues
		p.ch.episodes = append(p.ch.episodes, e)
		return next, true
	}
	e.dec, e.rec = p.leave, p.rec
	if p.atEighteen {
		e.rec = "E8"
		if stayingPut {
			e.rec = recStayingPut
		}
	}
	p.ch.episodes = append(p.ch.episodes, e)
	return 0, false
}

// stayingPutMeanDays and stayingPutSigma are the lognormal time a young person stays put with
// their carers after 18: the base scenario's staying_put.stay (scenarios/default.yaml: about a
// year; DfE 2018, 31% still there at 19 and 21% at 20), which the calibrated scenarios keep.
const (
	stayingPutMeanDays = 365
	stayingPutSigma    = 0.7
)

// stayingPutStay draws the days a young person stays put with their carers after 18, before the
// 21st birthday cuts it: lognormal with mean stayingPutMeanDays, as the simulator draws it.
func stayingPutStay(rng *rand.Rand) day {
	mu := math.Log(stayingPutMeanDays) - stayingPutSigma*stayingPutSigma/2
	return day(math.Ceil(math.Exp(mu + stayingPutSigma*rng.NormFloat64())))
}

// closeAtEnd leaves open the episodes still going on at the end of the simulation.
func (p *placing) closeAtEnd(end day) {
	for i := range p.ch.episodes {
		if e := &p.ch.episodes[i]; e.dec != noDay && e.dec >= end {
			e.dec, e.rec = noDay, ""
		}
	}
}

// carerPool is the council's own foster carers' places (with unrelated carers): filled first,
// the children they have no room for placed with agencies. Carers come and go: households are
// approved one at a time as a Poisson process, each with one to four places a child can take
// (carerHouseholdPlaces), and each leaves at carerLeavingPerYear, so that the pool holds the
// truth's places on average (a stationary birth-death process of households). A household that
// leaves while it holds children takes no other child and its places close as theirs end.
type carerPool struct {
	places, used int
	// households holds the places of each household; approve is their approvals a year.
	households []int
	approve    float64
	// clock is the day the pool was last brought up to.
	clock float64
	// ends holds the day each held place is freed, earliest first.
	ends dayHeap
}

// carerLeavingPerYear is the share of the council's carer households that leave a year: about
// one in seven deregisters each year (Ofsted 2022-23 and 2024-25; the base scenario's
// deregistration and retirement).
const carerLeavingPerYear = 0.14

// carerHouseholdPlaces is the share of households with one, two, three and four places a child
// can take alone: the base scenario's households (a third with one place, a third with two, a
// third with three, a few with four), the places beyond the first of the seven in ten that keep
// them for brothers and sisters counted out, as the calibration writes them (usablePlaces).
var carerHouseholdPlaces = [4]float64{0.79, 0.099, 0.105, 0.006}

// newCarerPool returns a pool holding places on average: as many households as hold them at
// carerHouseholdPlaces' mean, each of a size drawn from it.
func newCarerPool(rng *rand.Rand, places int) *carerPool {
	var mean float64
	for i, sh := range carerHouseholdPlaces {
		mean += float64(i+1) * sh
	}
	households := float64(places) / mean
	c := &carerPool{approve: households * carerLeavingPerYear}
	for range int(math.Round(households)) {
		c.approveOne(rng)
	}
	return c
}

func (c *carerPool) approveOne(rng *rand.Rand) {
	n := pickShare(rng, carerHouseholdPlaces[:]) + 1
	c.households = append(c.households, n)
	c.places += n
}

// advance brings the pool's households up to day d: approvals and leavings drawn as the events
// of a birth-death process (memoryless, so the next event's time is drawn afresh each time).
func (c *carerPool) advance(rng *rand.Rand, d day) {
	for {
		rate := c.approve + float64(len(c.households))*carerLeavingPerYear
		next := c.clock + rng.ExpFloat64()/rate*365.25
		if next > float64(d) {
			c.clock = float64(d)
			return
		}
		c.clock = next
		if rng.Float64()*rate < c.approve {
			c.approveOne(rng)
			continue
		}
		i := rng.IntN(len(c.households))
		c.places -= c.households[i]
		c.households[i] = c.households[len(c.households)-1]
		c.households = c.households[:len(c.households)-1]
	}
}

// hold takes a place until day stop.
func (c *carerPool) hold(stop day) {
	c.used++
	heap.Push(&c.ends, stop)
}

// freeUpTo frees the places held until day d or before.
func (c *carerPool) freeUpTo(d day) {
	for len(c.ends) > 0 && c.ends[0] <= d {
		heap.Pop(&c.ends)
		c.used--
	}
}

type dayHeap []day

func (h dayHeap) Len() int           { return len(h) }
func (h dayHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h dayHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *dayHeap) Push(x any)        { *h = append(*h, x.(day)) }
func (h *dayHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// placeInOrder places the children with a pool of the council's own carers: each placement is
// decided on its day, in the order of days (children in the order they entered on the same day),
// so that a child finds the pool as the children placed before left it.
func placeInOrder(rng *rand.Rand, t truth, ps []*placing, end day) {
	pool := newCarerPool(rng, t.ownCarerPlaces)
	var due placingHeap
	for i, p := range ps {
		heap.Push(&due, placingEvent{p.at, i, true})
	}
	if len(ps) > 0 {
		pool.clock = float64(ps[0].at)
	}
	for len(due) > 0 {
		ev := heap.Pop(&due).(placingEvent)
		p := ps[ev.i]
		pool.freeUpTo(ev.at)
		pool.advance(rng, ev.at)
		if ev.first {
			_, p.k = p.firstKind(rng, t, ev.at, pool)
		} else {
			p.moveKind(rng, t, ev.at, pool)
		}
		if next, moves := p.placeAt(rng, t, end, pool); moves && next < end {
			heap.Push(&due, placingEvent{next, ev.i, false})
		}
	}
	for _, p := range ps {
		p.closeAtEnd(end)
	}
}

// placingEvent is a child's placement due on a day: its first (on entering care) or a move.
type placingEvent struct {
	at    day
	i     int
	first bool
}

type placingHeap []placingEvent

func (h placingHeap) Len() int { return len(h) }
func (h placingHeap) Less(i, j int) bool {
	return h[i].at < h[j].at || h[i].at == h[j].at && h[i].i < h[j].i
}
func (h placingHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *placingHeap) Push(x any)   { *h = append(*h, x.(placingEvent)) }
func (h *placingHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func pickShare(rng *rand.Rand, shares []float64) int {
	u := rng.Float64()
	for i, s := range shares {
		if u < s {
			return i
		}
		u -= s
	}
	return len(shares) - 1
}

// write writes the returns: each collection year holds the episodes open during it, with
// the end and reason of those still open at its end left blank, as councils send them; the
// header and UASC files hold the children of the year's episodes.
func (g *generated) write(t truth, children []*genChild) {
	dmy := func(d day) string {
		if d == noDay {
			return ""
		}
		return d.time().Format("02/01/2006")
	}
	for y := t.fromYear; y < t.toYear; y++ {
		ys := dayOf(time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC))
		ye := dayOf(time.Date(y+1, 4, 1, 0, 0, 0, 0, time.UTC))
		var ep, hd, ua bytes.Buffer
		ep.WriteString("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n")
		hd.WriteString("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n")
		ua.WriteString("CHILD,SEX,DOB,DUC\n")
		for _, ch := range children {
			in := false
			for _, e := range ch.episodes {
				if e.decom >= ye || (e.dec != noDay && e.dec < ys) {
					continue
				}
				in = true
				dec, rec := e.dec, e.rec
				if dec != noDay && dec >= ye {
					dec, rec = noDay, ""
				}
				fmt.Fprintf(&ep, "%s,%s,%s,%s,N1,%s,%s,%s,%s,,AB1 2CD,EF3 4GH,SC000001\n", ch.id, dmy(e.decom), e.rne, e.ls, e.place, e.provider, dmy(dec), rec)
				g.rows++
			}
			if !in {
				continue
			}
			sx := "2"
			if ch.male {
				sx = "1"
			}
			fmt.Fprintf(&hd, "%s,%s,%s,WBRI,A123456789012,,\n", ch.id, sx, dmy(ch.dob))
			if ch.uasc {
				fmt.Fprintf(&ua, "%s,%s,%s,%s\n", ch.id, sx, dmy(ch.dob), dmy(ch.dob.addYears(18)))
			}
		}
		g.episodes = append(g.episodes, ep.Bytes())
		g.header = append(g.header, hd.Bytes())
		g.uasc = append(g.uasc, ua.Bytes())
		g.names = append(g.names, fmt.Sprintf("%d", y))
	}
}

// files returns the generated files as inputs.
func (g *generated) files() Files {
	var f Files
	for i, name := range g.names {
		f.Episodes = append(f.Episodes, Input{Name: name + "-episodes.csv", R: bytes.NewReader(g.episodes[i])})
		f.Header = append(f.Header, Input{Name: name + "-header.csv", R: bytes.NewReader(g.header[i])})
		f.UASC = append(f.UASC, Input{Name: name + "-uasc.csv", R: bytes.NewReader(g.uasc[i])})
	}
	return f
}

// steadyTruth returns a truth in steady state: perYear entries a year with no trend and no
// season, the national age mix, stays of the typical council's means times stayScale, UASC
// at a fifteenth of the entries, and a window of years collection years ending on 1 April
// 2024 after a warm-up long enough (20 years and more before its end) that no child of the
// stationary process is missing from it.
func steadyTruth(perYear, stayScale float64, years int) truth {
	t := typical()
	t.stayShape = 1
	t.toYear = 2024
	t.fromYear = t.toYear - years
	t.warmup = max(0, 20-years)
	t.perYear, t.trend = perYear, 0
	t.season = [12]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	t.meanStay = slices.Clone(t.meanStay)
	for i := range t.meanStay {
		t.meanStay[i] *= stayScale
	}
	t.uascPerYear = perYear / 15
	t.meanUASCStay *= stayScale
	t.shortBreaks = perYear / 20
	return t
}

// truncatedStay returns the mean of min(T, time to 18) in days, for T exponential with mean
// days and an age at entry uniform between lo and hi years (hi excluded); or Weibull with
// that mean and shape, when shape is set and not 1.
func truncatedStay(mean, lo, hi, shape float64) float64 {
	if shape != 0 && shape != 1 {
		// E[min(T, x)] is the integral of S up to x; averaged over x uniform on [x1, x2], by
		// the midpoint rule on a grid of a day.
		scale := mean / math.Gamma(1+1/shape)
		x1, x2 := (18-hi)*365.25, (18-lo)*365.25
		var sum float64
		for t := 0.5; t < x2; t++ {
			// Each day counts for the share of ages whose time to 18 is beyond it.
			w := 1.0
			if t > x1 {
				w = (x2 - t) / (x2 - x1)
			}
			sum += w * math.Exp(-math.Pow(t/scale, shape))
		}
		return sum
	}
	x1, x2 := (18-hi)*365.25, (18-lo)*365.25
	// The mean of exp(-x/mean) for x uniform on [x1, x2].
	e := mean / (x2 - x1) * (math.Exp(-x1/mean) - math.Exp(-x2/mean))
	return mean * (1 - e)
}

// steadyState returns the children in care of t's stationary process (Little's law with the
// 18th-birthday cut: entries a day times the mean truncated stay), by band of age at entry
// (UASC last) and in all. It holds for a truth with no trend.
func (t truth) steadyState() (total float64, byBand []float64) {
	for b, share := range t.bandShares {
		lo, hi := float64(bands[b].FromYears), float64(bands[b].ToYears+1)
		byBand = append(byBand, t.perYear*share/365.25*truncatedStay(t.meanStay[b], lo, hi, t.stayShape))
	}
	byBand = append(byBand, t.uascPerYear/365.25*truncatedStay(t.meanUASCStay, 16, 18, 1))
	for _, v := range byBand {
		total += v
	}
	return total, byBand
}
