package sim

import (
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/placesim/placesim/model"
)

// childState is where a child is in their journey through care.
type childState uint8

const (
	inCare     childState = iota + 1
	stayingPut            // left care at 18 and stays on with former foster carers
	careLeaver            // left care at 18 and lives in care-leaver accommodation
	gone                  // left
)

// child is what the events of a child read: one cache line (64 bytes), so that an event reads
// one line of a child, and the children of a large run or of a region's many councils crowd
// the processor's caches less. What only matching and the emergency placements' queue read is
// in childCold, beside it in run.cold. Each child carries its own random stream, seeded from
// the replication and the child's serial number, so the same child draws the same age, need
// and stay in every scenario run with the same seed.
type child struct {
	state childState
	need  model.Need
	route model.ExitRoute
	uasc  bool
	male  bool
	ready bool // found ready to step down
	local bool
	fyPl  uint8 // placements in the reported financial year of fy
	ver   uint32
	kind  int16 // provision kind; nKinds is the emergency placement
	want  int16 // the first rung of the ladder at the last match
	unit  int32 // household, home or block contract within kind; -1 for a market place
	pos   int32 // index in run.inCare while in care
	fy    int16 // run.fyResets when fyPl was last counted; -1 for never
	// tag is the child's entry of the gap cell table while in care with live counts (see
	// childCounts), which keep it here, where an event reads the child's line anyway, rather
	// than in run.tags: an array that, at 100 times the county, is rarely in the processor's
	// caches.
	tag    uint16
	made   int32   // the number of children made before this one in the replication
	birth  float64 // day of birth
	rng    stream
	exitAt float64 // day care is planned to end
}

// childCold is what matching and the queue of emergency placements read of a child, kept
// apart from child (run.cold, by the same id) so that the events that only read a child's
// state, stream and plans touch one cache line of it.
type childCold struct {
	key    uint64  // a number fixed for the child, for draws that must not depend on history
	sought float64 // day of the last search that found no place (in an emergency placement)
	// eseq is the child's place in the queue of emergency placements (run.emergency); sleep
	// is the token of their filing while they wait there (0 for none), sleepLadder and
	// sleepAge the index of their ladder (-1 for none) and their age in completed years at the
	// search it follows: see waiting.
	eseq        uint64
	sleep       uint32
	sleepLadder int16
	sleepAge    int8
	choice      uint8 // matches so far, for the first choice on a ladder with shares
	// fromKind and fromUnit are the placement a child in an emergency placement left, which
	// their searches pass over; fromKind is -1 when none.
	fromUnit int32
	fromKind int16
	// stepped says the child stepped down into the placement they are in (review): a
	// breakdown within a year of placedAt is counted (StepdownBreakdowns12m).
	stepped bool
	// placedAt is the day the child's current placement began (assign; for a child of a steady
	// starting stock, the day their history has it begin), and entered the day they entered
	// care, for the long-term stability measure (countYearEnd). They fill the record's room
	// to 48 bytes, as steppedAt alone did.
	placedAt float32
	entered  float32
}

// setState puts child id in state s.
func (r *run) setState(id int32, s childState) { r.children[id].state = s }

// current reports whether an event of child id, scheduled for them in state s at version ver,
// still holds: they have not moved or left since. It reads the first cache line of the child,
// which an event that holds reads next.
func (r *run) current(id int32, s childState, ver uint32) bool {
	ch := &r.children[id]
	return ch.state == s && ch.ver == ver
}

func (c *child) ageAt(t float64) float64 { return (t - c.birth) / model.DaysPerYear }

// avoidIn returns the unit of kind k that a child in an emergency placement's searches pass
// over (the placement they left), or -1.
func (c *childCold) avoidIn(k model.KindID) int32 {
	if k == model.KindID(c.fromKind) {
		return c.fromUnit
	}
	return -1
}

// maxPlaces is the most places a carer household can be approved for.
const maxPlaces = 10

// household is one of the council's own carer households.
type household struct {
	leaving bool // deregistered, winding down
	kind    int16
	places  int8
	used    int8 // children and staying-put young people living there: who[:used]
	solo    bool // a solo child lives there
	sibOnly bool // places beyond the first are for brothers and sisters only
	local   bool
	active  bool
	minAge  int8 // the youngest and oldest children (in completed years) it is approved for
	maxAge  int8
	rng     uint8 // minAge-maxAge's index in run.ranges[kind]
	ver     uint32
	who     [maxPlaces]int32
	openPos int32 // index in run.opens[kind].list while it could take a child, else -1
	pooled  bool  // on run.pools[kind]: active, or gone and not yet compacted out
	// avoiders counts the children in emergency placements whose searches pass it over (the
	// placement they left); spare says its slot, the household gone, is on run.spareHH.
	avoiders int32
	spare    bool
	// gap is what the household adds to its kind's running sufficiency gap (run.hhGaps), as
	// it was when last counted.
	gap hhGapState
}

// hhClock is what each month's start reads of a carer household (drawDeregistrations), in
// run.clocks by the household's slot, apart from the household: the month's pass over every
// household reads four of them a cache line rather than a line each (at 100 times the county,
// tens of thousands of households a month).
type hhClock struct {
	birth float64 // the carer's day of birth
	// mass is the unit-exponential mass left before the household deregisters: +Inf once it
	// has, so that the pass leaves it be.
	mass float64
}

// home is one of the council's own children's homes.
type home struct {
	kind  int16
	beds  int8
	used  int8
	solo  bool
	local bool
	open  bool
	name  string
	fixed float64 // pounds a year at start prices
}

// block is a block contract of beds.
type block struct {
	kind   int16
	beds   int16
	used   int16
	solo   bool // a solo child has the beds to themselves
	local  bool
	active bool
	fixed  float64 // pounds a year for all its beds at start prices
}

// kindState is what the events of a replication read and count of one provision kind, on
// one cache line: the fields of its model.Kind a search for a place and a placement read,
// and its running counts. Kept side by side rather than in an array for each count, an
// event that places a child or frees a place reads one line for its kind rather than one
// line of each array and two or three of the model.Kind; a region's councils, whose events
// take turns, each keep a few lines a kind in the processor's caches rather than dozens.
type kindState struct {
	accepts model.Selector // model.Kind.Accepts
	// n counts the children in care placed in the kind, want those whose first choice it is.
	n, want int32
	// used counts the children in the kind's market places (an emergency placement's too),
	// capacity is the market's places (0 for no cap), localUsed the children in the local
	// places of a capped market.
	used, capacity, localUsed int32
	homeRoom                  int32 // the kind's homes that could take a child now (home.room)
	supply                    model.Supply
	category                  model.Category
	localShare                float64 // model.Kind.LocalShare
}

// level is a piecewise-constant quantity (children placed, households, places) with its
// integral over time, kept lazily: each change adds the area since the last one.
type level struct {
	v, last, area, costMark float64
}

func (l *level) set(t, v float64) {
	l.area += l.v * (t - l.last)
	l.last = t
	l.v = v
}

func (l *level) add(t, dv float64) { l.set(t, l.v+dv) }

// run is one replication of a scenario.
type run struct {
	c    *compiled
	seed uint64
	rep  int
	q    eventList
	now  float64

	// children holds every child in care, staying put or in care-leaver accommodation; the
	// slot of a child who has left for good is reused (free), so memory is bounded by the
	// children there at once, not by all the children of the replication. A reused slot keeps
	// counting its ver, so that events of the child who left are stale for the next one.
	children []child
	cold     []childCold // beside children, by the same id
	free     []int32
	made     int        // children made (stock included), for the budget
	inCare   []int32    // children in care, in no particular order
	births   []float64  // the day of birth of each of inCare, for counting by age (empty with live counts)
	tags     []childTag // the first choice, placement and need of each of inCare (empty with live counts: see child.tag)
	// kinds holds what events read and count of each provision kind, the emergency
	// placement last (nKinds+1 of them).
	kinds []kindState
	nNeed [model.NumNeeds]int
	nMale int // boys in care
	// households holds the carer households; the slot of a household that has left is reused
	// (spareHH), so memory is bounded by the households there at once.
	households []household
	clocks     []hhClock // beside households, by the same slot
	spareHH    []int32
	approvedHH int // households approved (those at the start included), for the budget
	// pools holds the households of each kind in order of approval: the active ones, and
	// those that have left since the pool was last compacted (not active, leaving, with no
	// places: passed over by whatever counts leaving households' places); poolDead counts
	// the latter.
	pools    [][]int32
	poolDead []int
	// opens holds, for each kind, the households that could take a child now (openList).
	opens []openList
	// ranges lists the ranges of ages each kind's households can be approved for
	// (household.rng).
	ranges  [][]ageRange
	homes   []home
	homesOf [][]int32 // the homes of each kind, in the order opened
	// stockAt holds, for each kind, the cursors into its pool of findStock.
	stockAt [][(maxPlaces + 1) * 4]int
	blocks  []block
	// emergency lists the children in emergency placements, longest waiting first; waiting
	// is scratch space for moveOn.
	emergency, waiting []int32
	moveOnDue          bool    // a moveOn event is pending
	wait               waiting // the children in emergency placements by what could end their wait

	arrivals, uascArr, carers, matching stream
	apps                                []stream // one per kind, used by carer kinds
	nextEntrySerial, nextUASCSerial     uint64
	// childPrefix and uascPrefix are the streamPrefix of streamChild and streamUASCChild.
	childPrefix, uascPrefix uint64
	// whoPrefix and extraPrefix are those of streamEntryWho and streamEntryExtra, the draws of
	// the entry_rate interventions that select some children; nextExtraSerial counts the
	// draws of extra children, extraArr draws their times and which are kept, extraRate is
	// their rate last worked out (see rateAt) and extraMax the largest factor then.
	whoPrefix, extraPrefix uint64
	nextExtraSerial        uint64
	extraArr               stream
	extraRate              rateSpan
	extraMax               float64
	entryRate              rateSpan // the entry rate last worked out (see rateAt)
	// uascKeepPrefix and uascExtraPrefix are the streamPrefix of streamUASCKeep and
	// streamUASCExtra, the draws of the uasc_surge interventions; nextUASCExtraSerial counts
	// the UASC they add, and uascExtraArr draws their times.
	uascKeepPrefix, uascExtraPrefix uint64
	nextUASCExtraSerial             uint64
	uascExtraArr                    stream

	retention []float64 // multiplier of each carer kind's deregistration rates
	priceMult []float64
	allowance []float64 // pounds a week added to each kind's price
	// weekly is each kind's weekly price by need (the emergency placement's last), and
	// unpriced says a kind's prices are all 0: the scenario's, for flushCosts.
	weekly      [][model.NumNeeds]float64
	unpriced    []bool
	stepdownMul float64
	// steppingIn says the placement assign is making is a step-down (review): assign marks
	// the child stepped and, when stepInRate is above zero, draws its breakdown at that rate
	// for the placement's first year (stepDownBreakdown).
	steppingIn bool
	stepInRate float64
	clPlaces   int    // care leavers' places (0 for no cap): the scenario's, or a care_leaver_places
	ivActive   []bool // interventions whose factors are in force
	ivUnit     []int  // the block contract each BlockBeds intervention made

	// Levels: children in care by kind and need; staying put by kind; households, places and
	// fixed costs by kind; care leavers, distant placements and UASC in care.
	occ                       []level
	sp, hh, places, fixed     []level
	cl, distant, uascLvl, cla *level
	// uascLeft is the former UASC the council supports after care: staying put or in
	// care-leaver accommodation (UASCCareLeavers).
	uascLeft *level
	levels   []level // every level above, in one slice

	month   int       // index in cal.MonthStarts of the current month
	rec     []float64 // the current replication's monthly record
	nRec    int       // its length
	intg    []float64 // per reported month: integrals (see intg* constants) then occ by kind, places by kind
	flows   []float64 // per reported month: matches, first choices
	fyKids  []float64 // per reported financial year: children in care at its end
	fyThree []float64 // per reported financial year: of them, children with 3+ placements in it
	// Per reported financial year: of the children in care at its end, those under 16 in care
	// for 2.5 years or more, and of them those in the same placement for 2 years or more.
	fyLTElig, fyLTStable []float64
	// recRow is the index in rec of the current month's first metric, and curFY the index of its
	// financial year among the reported ones; both -1 in the warm-up (see setMonth).
	recRow, curFY int
	// fyResets counts the starts of reported financial years so far, and fyMade is r.made at
	// the last: a child's count of placements in the year (child.fyPl) is for the year of
	// its fyResets (child.fy); made before that start and still in care, their count there
	// began at one, for the placement they were in.
	fyResets int16
	fyMade   int32
	// fyThreeNow counts the children in care with three or more placements in the reported
	// financial year under way (child.fy is fyResets and child.fyPl 3): kept as placements are
	// counted and children leave care, so that the year's end reads it rather than every
	// child in care (at 100 times the county, a pass over some 80,000 lines of memory).
	fyThreeNow int32
	settingUp  bool // placing the starting stock, who are where the scenario says
	// stocking is set while the starting stock is placed, in its council's own places and, in
	// a region, its shared markets' (settleStock and the offers of the places it frees): the
	// stock's children are already somewhere on the start day, so neither where they are put
	// nor a move or an emergency placement on the way is a flow of the first month (flow,
	// record), though they count in the stock's counts and their cost is paid.
	stocking bool
	// stockBegan holds, by id, the age at which each child of a steady starting stock began
	// their placement (settleStock; NaN for a child given none), while the stock is placed:
	// a shared market's provider took them at that age (stockAge).
	stockBegan []float64
	// stockLocal holds, for the scenario stockLocalOf, the chance that a child of a steady
	// stock placed in each capped market kind has a local place (settleLocal).
	stockLocal   []float64
	stockLocalOf *compiled
	entered      int // children who have entered care (stock included)
	left         int // children who have left care
	readyN       int // children in care found ready to step down who have not yet moved
	check        bool
	group        []int32
	gapKeys      []int16 // the approval ranges gapAcc holds
	hhGaps       []hhGap // by kind: the carer households' running sufficiency gap
	events       int     // events fired, for benchmarks
	steps        int64   // events fired and places looked at while matching, for the budget
	budget       Budget  // the most work the replication may do
	err          error   // why the replication stopped early (its budget), or nil
	// stop, if set, is asked every stopEvery events whether to give up the replication;
	// stopped says it did.
	stop    func() bool
	stopped bool
	// fetched is what fetchAhead read, kept so that its reads are not optimised away.
	fetched uint32
	// market is the council's side of a region's shared markets (region_run.go), or nil.
	market *councilMarket

	// Scratch space of a month's end and of the KPIs, last, so that the fields every event
	// reads lie on fewer cache lines.
	gapAcc     [(maxAge + 1) * (maxAge + 1)]unitSums // scratch for recordGaps, by approval range
	gapKids    childCounts                           // children in care by gap cell
	kpiScratch kpiScratch                            // scratch for kpis
}

// stopEvery is how many events a replication fires between two questions to Options.Stop:
// a few milliseconds of work.
const stopEvery = 1 << 12

const (
	intgDays = iota
	intgCLA
	intgUASC
	intgSP
	intgDistant
	intgUASCLeft
	intgKinds
)

const (
	flowMatches = iota
	flowFirst
	nFlows
)

func (r *run) nIntg() int { return intgKinds + 2*(r.c.nKinds+1) }

func newRun(c *compiled) *run {
	r := &run{c: c, budget: c.budget}
	nk := c.nKinds
	r.kinds = make([]kindState, nk+1)
	for k := range c.s.Kinds {
		kd := &c.s.Kinds[k]
		r.kinds[k].accepts, r.kinds[k].supply, r.kinds[k].category = kd.Accepts, kd.Supply, kd.Category
		r.kinds[k].localShare = kd.LocalShare
	}
	r.retention = make([]float64, nk)
	r.priceMult = make([]float64, nk+1)
	r.allowance = make([]float64, nk+1)
	r.weekly = make([][model.NumNeeds]float64, nk+1)
	r.unpriced = make([]bool, nk+1)
	for k := range r.weekly {
		if k < nk {
			r.weekly[k] = c.s.Kinds[k].WeeklyCostGBP
		} else {
			for n := range r.weekly[k] {
				r.weekly[k][n] = c.s.Emergency.WeeklyCostGBP
			}
		}
		r.unpriced[k] = r.weekly[k] == [model.NumNeeds]float64{}
	}
	// All levels share one backing slice, so bringing them up to date at a month's end is
	// one pass over contiguous memory.
	nOcc := (nk + 1) * int(model.NumNeeds)
	r.levels = make([]level, nOcc+(nk+1)+3*nk+5)
	lv := r.levels
	r.occ, lv = lv[:nOcc:nOcc], lv[nOcc:]
	r.sp, lv = lv[:nk+1:nk+1], lv[nk+1:]
	r.hh, lv = lv[:nk:nk], lv[nk:]
	r.places, lv = lv[:nk:nk], lv[nk:]
	r.fixed, lv = lv[:nk:nk], lv[nk:]
	r.cl, r.distant, r.uascLvl, r.cla, r.uascLeft = &lv[0], &lv[1], &lv[2], &lv[3], &lv[4]
	r.pools = make([][]int32, nk)
	r.hhGaps = make([]hhGap, nk)
	for k := range r.hhGaps {
		ages := c.s.Kinds[k].Accepts.Ages
		r.hhGaps[k].from, r.hhGaps[k].to = ages.FromYears, ages.ToYears
	}
	r.poolDead = make([]int, nk)
	r.opens = make([]openList, nk)
	r.ranges = make([][]ageRange, nk)
	for k := range c.s.Kinds {
		if p := c.s.Kinds[k].Carers; p != nil {
			r.ranges[k] = append(r.ranges[k], ageRangeOf(c.s.Kinds[k].Accepts.Ages))
			for _, a := range p.ApprovalMix {
				if g := ageRangeOf(a.Ages); !slices.Contains(r.ranges[k], g) {
					r.ranges[k] = append(r.ranges[k], g)
				}
			}
		}
	}
	for k := range r.opens {
		r.opens[k].index(r.ranges[k])
	}
	r.homesOf = make([][]int32, nk)
	r.stockAt = make([][(maxPlaces + 1) * 4]int, nk)
	r.ivActive = make([]bool, len(c.ivs))
	r.ivUnit = make([]int, len(c.ivs))
	months := c.cal.ReportedMonths()
	r.nRec = months * len(c.lay.monthly)
	r.intg = make([]float64, months*r.nIntg())
	r.flows = make([]float64, months*nFlows)
	r.fyKids = make([]float64, len(c.cal.Periods))
	r.fyThree = make([]float64, len(c.cal.Periods))
	r.fyLTElig = make([]float64, len(c.cal.Periods))
	r.fyLTStable = make([]float64, len(c.cal.Periods))
	return r
}

func (r *run) schedule(t float64, typ eventType, id int32, ver uint32) {
	if t < r.now {
		panic(fmt.Sprintf("sim: event scheduled in the past (%v < %v)", t, r.now))
	}
	if t >= r.c.cal.EndDay && typ != evMonth {
		return // beyond the horizon: it would never fire
	}
	r.q.push(t, typ, id, ver)
}

// simulate runs replication rep with the given master seed, recording into r. It returns a
// *BudgetError if the replication goes over its work budget.
func (r *run) simulate(seed uint64, rep int) error {
	r.reset(seed, rep)
	r.setup()
	end := r.c.cal.EndDay
	for r.q.len() > 0 && r.err == nil {
		e := r.q.pop()
		if e.t < r.now {
			panic("sim: clock went back")
		}
		if r.q.busy {
			r.readAhead()
		}
		r.now = e.t
		if e.t > end || (e.t == end && e.typ() != evMonth) {
			break
		}
		r.fire(e)
		r.events++
		r.steps++
		if r.steps > r.budget.Steps {
			r.overBudget("steps", r.budget.Steps)
		}
		if r.stop != nil && r.events%stopEvery == 0 && r.stop() {
			r.stopped = true
			return nil
		}
	}
	return r.err
}

// readAhead, at the first event of a busy day (the event list says which: eventList.busy),
// reads a word of each child and household that the day's events concern (fetchAhead), so
// that the processor fetches them from memory side by side, while the day's first events fire,
// rather than one event at a time, each its own wait: a run too large for the processor's
// caches (100 times the county, a few hundred events a day) spends 5-10% less CPU. A quiet day
// costs the loop one test of a flag an event.
func (r *run) readAhead() {
	r.q.busy = false
	r.fetchAhead(r.q.today())
}

// aheadFrom is the fewest events a day must hold, after its first, for readAhead to read its
// children ahead: a day of a few events (a county's) gains nothing from it.
const aheadFrom = 32

// fetchAhead reads a word of each child and household that events concern. It passes over
// the events twice: first what an event's id alone names (the child's line, the rest of a
// child a search reads, the household a close or a deregistration concerns), none of it
// waiting on another read, so that the processor has as many of them under way at once as it
// can; then what is found through the child's line (the carer household an exit, a breakdown
// or the end of staying put frees, the child's entry on the list of children in care), which
// by then the processor mostly holds.
func (r *run) fetchAhead(events []event) {
	var sum uint32
	for i := range events {
		e := &events[i]
		id := e.id()
		switch e.typ() {
		case evStayingPutEnd, evCareLeaverEnd, evExit:
			sum += r.children[id].ver
		case evBreakdown, evReview, evRetry:
			// These search for a place, which reads the rest of the child.
			sum += r.children[id].ver + r.coldWords(id)
		case evHouseholdClose, evDeregister:
			sum += r.households[id].ver
		}
	}
	for i := range events {
		e := &events[i]
		switch t := e.typ(); t {
		case evExit, evBreakdown, evStayingPutEnd:
			// These free the child's place: in a carer household, its line is read too.
			id := e.id()
			ch := &r.children[id]
			k := ch.kind
			if ch.unit >= 0 && k >= 0 && int(k) < len(r.kinds) && r.kinds[k].supply == model.Carers {
				sum += uint32(r.households[ch.unit].used)
			}
			if t == evExit {
				// An exit takes the child off the list of children in care, writing their
				// entry, and frees an emergency placement, which reads the rest of the child.
				if p := ch.pos; p >= 0 && int(p) < len(r.inCare) {
					sum += uint32(r.inCare[p])
				}
				if int(k) == r.c.nKinds {
					sum += r.coldWords(id)
				}
			}
		}
	}
	r.fetched += sum
}

// coldWords reads the first and the last word of child id's childCold: a record of 40 bytes
// spans two cache lines every other time, and matching reads both ends (the key first).
func (r *run) coldWords(id int32) uint32 {
	cd := &r.cold[id]
	return uint32(cd.key) + uint32(cd.fromUnit)
}

func (r *run) reset(seed uint64, rep int) {
	c := r.c
	r.seed, r.rep, r.now = seed, rep, 0
	r.q.reset()
	r.children, r.cold, r.free, r.made = r.children[:0], r.cold[:0], r.free[:0], 0
	r.inCare = r.inCare[:0]
	r.births = r.births[:0]
	r.tags = r.tags[:0]
	r.resetCells()
	for k := range r.kinds {
		kd := &r.kinds[k]
		kd.n, kd.want, kd.used, kd.capacity, kd.localUsed, kd.homeRoom = 0, 0, 0, 0, 0, 0
	}
	r.nNeed = [model.NumNeeds]int{}
	r.nMale = 0
	r.households, r.clocks, r.spareHH, r.approvedHH = r.households[:0], r.clocks[:0], r.spareHH[:0], 0
	for k := range r.opens {
		clear(r.opens[k].cover)
		clear(r.opens[k].bits)
	}
	clear(r.poolDead)
	for k := range r.hhGaps {
		r.hhGaps[k].reset()
	}
	for k := range r.pools {
		r.pools[k] = r.pools[k][:0]
		r.opens[k].list = r.opens[k].list[:0]
		r.homesOf[k] = r.homesOf[k][:0]
	}
	r.homes = r.homes[:0]
	r.blocks = r.blocks[:0]
	r.arrivals = newStream(seed, rep, streamArrivals, 0)
	r.uascArr = newStream(seed, rep, streamUASCArrivals, 0)
	r.carers = newStream(seed, rep, streamCarers, 0)
	r.matching = newStream(seed, rep, streamMatching, 0)
	r.apps = r.apps[:0]
	for k := range c.nKinds {
		r.apps = append(r.apps, newStream(seed, rep, streamApplications, uint64(k)))
	}
	r.nextEntrySerial, r.nextUASCSerial = 0, 0
	r.childPrefix = streamPrefix(seed, rep, streamChild)
	r.uascPrefix = streamPrefix(seed, rep, streamUASCChild)
	if c.whoIvs {
		r.whoPrefix = streamPrefix(seed, rep, streamEntryWho)
		r.extraPrefix = streamPrefix(seed, rep, streamEntryExtra)
		r.extraArr = newStream(seed, rep, streamEntryExtraTimes, 0)
	}
	r.nextExtraSerial = 0
	if c.uascIvs {
		r.uascKeepPrefix = streamPrefix(seed, rep, streamUASCKeep)
		r.uascExtraPrefix = streamPrefix(seed, rep, streamUASCExtra)
		r.uascExtraArr = newStream(seed, rep, streamUASCExtraTimes, 0)
	}
	r.nextUASCExtraSerial = 0
	r.entryRate, r.extraRate = rateSpan{}, rateSpan{}
	r.emergency, r.moveOnDue = r.emergency[:0], false
	r.wait.reset(c.nKinds)
	for k := range c.nKinds + 1 {
		r.kinds[k].used, r.kinds[k].capacity, r.kinds[k].localUsed = 0, 0, 0
		if k < c.nKinds {
			r.kinds[k].capacity = int32(c.s.Kinds[k].CapacityPlaces)
		}
	}
	clear(r.ivActive)
	r.setFactors()
	r.clPlaces = c.s.CareLeavers.Places
	clear(r.levels)
	r.setMonth(0)
	if r.rec == nil {
		r.rec = make([]float64, r.nRec)
	} else {
		clear(r.rec)
	}
	clear(r.intg)
	clear(r.flows)
	clear(r.fyKids)
	clear(r.fyThree)
	clear(r.fyLTElig)
	clear(r.fyLTStable)
	r.fyResets, r.fyMade, r.fyThreeNow = 0, 0, 0
	r.entered, r.left, r.events, r.steps = 0, 0, 0, 0
	r.readyN = 0
	r.err = nil
	r.stopped = false
}

// setup builds the starting state: carer households, homes, block beds, the stock of children
// and the carers' assessment pipeline; and schedules the first events of every process.
func (r *run) setup() {
	c, s := r.c, r.c.s
	r.reserve()
	for k, kd := range s.Kinds {
		switch kd.Supply {
		case model.Carers:
			for range kd.Carers.Households {
				if r.err != nil {
					return
				}
				r.addHousehold(k, kd.Carers.AgeMix)
			}
		case model.Homes:
			for _, h := range kd.Homes {
				r.openHome(k, h.Name, h.Beds, h.Local, h.FixedCostPerYearGBP)
			}
		case model.Block:
			for _, b := range kd.BlockBeds {
				r.addBlock(k, b.Beds, b.Local, b.CostPerBedPerYearGBP)
			}
		case model.Market:
			if kd.CapacityPlaces > 0 {
				r.places[k].set(0, float64(kd.CapacityPlaces))
			}
		}
	}
	clear(r.stockAt)
	r.stockBegan = r.stockBegan[:0]
	r.settingUp, r.stocking = true, true
	r.setupStock()
	r.settingUp, r.stocking = false, false
	r.setupLeavers()
	r.setupStayingPut()
	if r.err != nil {
		return
	}
	// Approvals in the first assessment period come from applications made before the start:
	// with a fixed assessment time they fall uniformly over it.
	for k, kd := range s.Kinds {
		if kd.Supply != model.Carers {
			continue
		}
		if kd.Carers.ApprovalsPerYear > 0 {
			lag := kd.Carers.AssessmentDays
			n := r.carers.poisson(kd.Carers.ApprovalsPerYear * lag / model.DaysPerYear)
			for range n {
				r.schedule(r.carers.float64()*lag, evApproval, int32(k), 0)
			}
		}
		// A pool with no approvals of its own still has those of its extra_approvals.
		if kd.Carers.ApprovalsPerYear > 0 || c.extraApprovals(k) {
			r.scheduleApplication(k, 0)
		}
	}
	r.scheduleArrival(0, false)
	r.scheduleArrival(0, true)
	if c.whoUp {
		r.scheduleExtra(0)
	}
	if c.uascIvs {
		r.scheduleUASCExtra(0)
	}
	for i, iv := range c.ivs {
		switch iv.Action {
		case model.EntryRate, model.UASCSurge, model.ExtraApprovals, model.Inflation, model.BreakdownRate, model.EscalationRate:
			continue // read where rates and prices are worked out
		}
		r.schedule(iv.from, evIntervention, int32(i), 0)
		if !math.IsInf(iv.to, 1) {
			r.schedule(iv.to, evInterventionEnd, int32(i), 0)
		}
	}
	r.startMonth(0)
	r.schedule(c.cal.MonthEnd(0), evMonth, 0, 0)
}

// reserve makes room, once, for the starting stock of children and carer households and a
// margin for those to come, and for their pending events, so that a large run's first
// replication does not copy them over and over as they grow; the room is taken by grown, so
// that the margin is not written until it is used.
func (r *run) reserve() {
	s := r.c.s
	stock := min(s.StockCount(), r.budget.Children)
	if n := stock + stock/4; cap(r.children) < n {
		r.children = grown(r.children, n)
		r.cold = grown(r.cold, n)
	}
	// The list holds about two events a child in care at once (an exit, and a review, a
	// breakdown or a search), four to a chunk.
	r.q.reserve(stock / 2)
	if cap(r.inCare) < stock+stock/8 {
		r.inCare = grown(r.inCare, stock+stock/8)
		r.births = grown(r.births, stock+stock/8)
		r.tags = grown(r.tags, stock+stock/8)
	}
	hh := 0
	for _, kd := range s.Kinds {
		if kd.Supply == model.Carers {
			hh += kd.Carers.Households
		}
	}
	if hh = min(hh, r.budget.Households); cap(r.households) < hh+hh/8 {
		r.households = grown(r.households, hh+hh/8)
		r.clocks = grown(r.clocks, hh+hh/8)
	}
}

func (r *run) setupStock() {
	s := r.c.s
	var serial uint64
	prefix := streamPrefix(r.seed, r.rep, streamStockChild)
	for _, g := range s.Stock {
		for range g.Count {
			if r.err != nil {
				return
			}
			rng := streamAt(prefix, serial)
			serial++
			age := float64(g.Ages.FromYears) + rng.float64()*float64(g.Ages.ToYears+1-g.Ages.FromYears)
			need := model.Need(rng.pick(g.NeedShares[:]))
			male := rng.float64() < g.MaleShare
			id := r.newChild(rng, age, need, g.UASC)
			ch := &r.children[id]
			ch.male = male
			r.entered++
			if g.UASC {
				r.uascLvl.add(0, 1)
			}
			r.cla.add(0, 1)
			k := int(g.Kind)
			if g.HomesShare > 0 && r.c.homesKind >= 0 && ch.rng.float64() < g.HomesShare {
				k = int(r.c.homesKind) // validation makes sure the scenario has the homes
			}
			r.placeStock(id, k, g.Kind)
		}
	}
}

// setupLeavers places the young people in care leavers' accommodation on the start day
// (care_leavers.stock), each from a random stream of their own, after the children in care:
// the children's draws are the same with or without them. In the steady state of a steady
// stream of young people leaving care at their 18th birthday, one in the accommodation has been
// there a time e and stays d in all with a density in proportion to the stay's density of d
// where e < min(d, 3 years), the 21st birthday ending any longer stay: e drawn uniformly over
// the three years and d from the stay, both drawn again until d > e, have that density. They
// are 18 years and e old, and leave when d, or their 21st birthday, comes.
func (r *run) setupLeavers() {
	s := r.c.s
	if s.CareLeavers.Stock == 0 {
		return
	}
	const span = 3 * model.DaysPerYear // from the 18th birthday to the 21st
	prefix := streamPrefix(r.seed, r.rep, streamStockLeaver)
	for i := range s.CareLeavers.Stock {
		if r.err != nil {
			return
		}
		rng := streamAt(prefix, uint64(i))
		e, d := sinceAndStay(&rng, &r.c.careLeave)
		// A new slot: none has been freed before the start.
		id := int32(len(r.children))
		r.children = append(r.children, child{})
		r.cold = append(r.cold, childCold{})
		ch := &r.children[id]
		ch.state = careLeaver
		ch.kind, ch.want, ch.unit, ch.fy = -1, -1, -1, -1
		ch.birth = r.now - 18*model.DaysPerYear - e
		ch.rng = rng
		r.made++
		if r.made > r.budget.Children {
			r.overBudget("children", int64(r.budget.Children))
		}
		r.cl.add(r.now, 1)
		r.schedule(r.now+min(d, span)-e, evCareLeaverEnd, id, ch.ver)
	}
}

// sinceAndStay draws a young person's time e since their 18th birthday and their stay d from
// stay, as the steady state holds those still there: e uniform over the three years to their
// 21st birthday and d from stay, both drawn again until d > e (setupLeavers says why).
func sinceAndStay(rng *stream, stay *sampler) (e, d float64) {
	const span = 3 * model.DaysPerYear
	for {
		e, d = rng.float64()*span, stay.draw(rng)
		if d > e {
			return e, d
		}
	}
}

// setupStayingPut places the young people staying put on the start day (staying_put.stock),
// each from a random stream of their own, after the children in care and the care leavers: the
// draws of those are the same with or without them. Their time since their 18th birthday e and
// their stay d are drawn as setupLeavers draws a care leaver's, from staying_put.stay. Each
// holds a place of a foster kind (a kind whose children at 18 may stay put) that has room: the
// kind is drawn in proportion to the children of the stock aged 17 placed in it, the foster
// kinds with room only (with none aged 17 in those kinds, in proportion to all the stock's
// children there; with none at all, each alike), as the young people staying put in a steady
// state came from where 17-year-olds live; in a carers' kind, a household drawn among those
// with room (active, not leaving, no solo child, a free place), each free place alike; in a
// market kind, one of its places, within its cap; in a region's shared market, a place with the
// nearest provider with room (councilMarket.holdStayingPut), which the region's settling of
// its stock (settleStock) then leaves where it is. A young person for whom no
// foster kind has room is left out (Validate refuses more of them than the foster kinds have
// places on average). They hold the place until their stay, or their 21st birthday, ends it,
// or the household leaves, as a young person who stays put in the run does.
func (r *run) setupStayingPut() {
	s := r.c.s
	if s.StayingPut.Stock == 0 {
		return
	}
	const span = 3 * model.DaysPerYear // from the 18th birthday to the 21st
	nk := r.c.nKinds
	foster := make([]bool, nk)
	for k := range nk {
		kd := &s.Kinds[k]
		foster[k] = kd.Category == model.Foster && (kd.Supply == model.Carers || kd.Supply == model.Market)
	}
	// The stock's children aged 17 in each foster kind, and all of them.
	seventeen, all := make([]float64, nk), make([]float64, nk)
	for _, id := range r.inCare {
		ch := &r.children[id]
		if k := int(ch.kind); k >= 0 && k < nk && foster[k] {
			all[k]++
			if ch.ageAt(r.now) >= 17 {
				seventeen[k]++
			}
		}
	}
	weights := make([]float64, nk)
	// The free places of each carers' kind's households, counted once: no event fires while
	// they are placed, so a household's room changes only as one of them takes it.
	free := make([]freePlaces, nk)
	for k := range nk {
		if foster[k] && r.kinds[k].supply == model.Carers {
			free[k].count(r, r.pools[k])
		}
	}
	prefix := streamPrefix(r.seed, r.rep, streamStockStayingPut)
	for i := range s.StayingPut.Stock {
		if r.steps > r.budget.Steps {
			// Each young person looks over the kinds: a scenario of very many of them stops
			// here, as the events would stop it.
			r.overBudget("steps", r.budget.Steps)
		}
		if r.err != nil {
			return
		}
		rng := streamAt(prefix, uint64(i))
		e, d := sinceAndStay(&rng, &r.c.stayingPut)
		// The foster kinds with room, weighted.
		var sum float64
		for _, w := range [][]float64{seventeen, all, nil} {
			sum = 0
			for k := range nk {
				weights[k] = 0
				if !foster[k] || !r.stayingPutRoom(k, &free[k]) {
					continue
				}
				weights[k] = 1
				if w != nil {
					weights[k] = w[k]
				}
				sum += weights[k]
			}
			if sum > 0 {
				break
			}
		}
		if sum == 0 {
			return // no foster kind has room for anyone else
		}
		k := rng.pickSum(weights, sum)
		unit, local := int32(-1), false
		kd := &r.kinds[k]
		shared := r.market != nil && r.market.shares(k)
		switch {
		case shared:
		case kd.supply == model.Carers:
			unit = r.stayingPutHousehold(k, &free[k], &rng)
			local = r.households[unit].local
		case kd.capacity > 0:
			local = int(kd.localUsed) < r.marketLocalCap(k)
		}
		// A new slot: none has been freed before the start.
		id := int32(len(r.children))
		r.children = append(r.children, child{})
		r.cold = append(r.cold, childCold{})
		ch := &r.children[id]
		ch.state, ch.need = stayingPut, model.NeedStandard
		ch.kind, ch.want, ch.unit, ch.fy = int16(k), -1, unit, -1
		ch.local = local
		ch.birth = r.now - 18*model.DaysPerYear - e
		ch.rng = rng
		r.made++
		if r.made > r.budget.Children {
			r.overBudget("children", int64(r.budget.Children))
		}
		switch {
		case shared:
			ch.unit = r.market.holdStayingPut(r, id, k)
			ch.local = !r.market.at[id].far
			kd.used++
		case kd.supply == model.Carers:
			h := &r.households[unit]
			h.who[h.used] = id
			h.used++
			r.refreshOpen(unit)
		default:
			kd.used++
			if local && kd.capacity > 0 {
				kd.localUsed++
			}
		}
		r.sp[k].add(r.now, 1)
		r.schedule(r.now+min(d, span)-e, evStayingPutEnd, id, ch.ver)
	}
}

// stayingPutRoom reports whether foster kind k has a place for a young person staying put at
// the start: a household with room (free counts them in a carers' kind), or a market place
// within its cap.
func (r *run) stayingPutRoom(k int, free *freePlaces) bool {
	r.steps++
	kd := &r.kinds[k]
	if r.market != nil && r.market.shares(k) {
		return r.market.hasRoom(k)
	}
	if kd.supply == model.Market {
		return kd.capacity == 0 || kd.used < kd.capacity
	}
	return free.total > 0
}

// stayingPutHousehold draws a household of carers' kind k with room for a young person staying
// put at the start, each of the kind's free places alike, and takes the place from free; the
// kind has one (stayingPutRoom).
func (r *run) stayingPutHousehold(k int, free *freePlaces, rng *stream) int32 {
	j := free.find(int(rng.float64() * float64(free.total)))
	free.take(j)
	r.steps++
	return r.pools[k][j]
}

// freePlaces counts the places free for young people staying put at the start in the
// households of a pool, in the pool's order: a Fenwick tree of each household's free places
// (those of a household that is active, not leaving and holds no solo child), so that the
// household of the n-th free place is found, and a place taken, in steps logarithmic in the
// pool's size, where a walk of the pool took steps in proportion to it for each young person.
type freePlaces struct {
	tree  []int32 // tree[j] sums the free places of households (j - j&-j, j], 1-based
	total int
}

// count sets f to the free places of the households of pool.
func (f *freePlaces) count(r *run, pool []int32) {
	f.tree, f.total = make([]int32, len(pool)+1), 0
	for j, i := range pool {
		r.steps++
		if h := &r.households[i]; h.active && !h.leaving && !h.solo && h.used < h.places {
			f.tree[j+1] = int32(h.places - h.used)
			f.total += int(h.places - h.used)
		}
	}
	for j := 1; j < len(f.tree); j++ {
		if up := j + j&-j; up < len(f.tree) {
			f.tree[up] += f.tree[j]
		}
	}
}

// find returns the position in the pool of the household that holds free place n (from 0,
// in the pool's order): the first whose free places, with those of the households before it,
// are more than n. n must be less than f.total.
func (f *freePlaces) find(n int) int {
	pos := 0
	for step := 1 << (bits.Len(uint(len(f.tree)-1)) - 1); step > 0; step >>= 1 {
		if next := pos + step; next < len(f.tree) && int(f.tree[next]) <= n {
			pos = next
			n -= int(f.tree[next])
		}
	}
	return pos
}

// take takes a free place from the household at position j of the pool.
func (f *freePlaces) take(j int) {
	f.total--
	for j++; j < len(f.tree); j += j & -j {
		f.tree[j]--
	}
}

// newChild adds a child aged ageYears now and returns their id: the slot of a child who has
// left, or a new one.
func (r *run) newChild(rng stream, ageYears float64, need model.Need, uasc bool) int32 {
	var id int32
	var ver uint32
	if n := len(r.free); n > 0 {
		id, r.free = r.free[n-1], r.free[:n-1]
		ver = r.children[id].ver + 1
	} else {
		id = int32(len(r.children))
		r.children = append(r.children, child{})
		r.cold = append(r.cold, childCold{})
	}
	// The child is written where they will live, a field at a time after their slot is
	// cleared: a composite literal is built on the stack and copied 16 bytes at a time, and
	// each of those reads waits for the narrower writes it overlaps to reach memory.
	ch := &r.children[id]
	*ch = child{}
	ch.state, ch.need, ch.uasc, ch.ver = inCare, need, uasc, ver
	ch.kind, ch.want, ch.unit, ch.fy = -1, -1, -1, -1
	ch.pos, ch.made = int32(len(r.inCare)), int32(r.made)
	ch.birth = r.now - ageYears*model.DaysPerYear
	ch.rng = rng
	cd := &r.cold[id]
	*cd = childCold{}
	cd.entered = float32(r.now)
	cd.key = ch.rng.pcg.Uint64()
	r.made++
	r.inCare = append(r.inCare, id)
	r.tagIn(id, r.c.tagOf(-1, -1, need))
	if r.made > r.budget.Children {
		r.overBudget("children", int64(r.budget.Children))
	}
	return id
}

// leave frees the slot of child id, who has left for good, for a child yet to come; a child
// who still holds a place (none should) keeps it.
func (r *run) leave(id int32) {
	if ch := &r.children[id]; ch.state == gone && ch.kind < 0 {
		r.free = append(r.free, id)
	}
}

// forget takes child id, who is leaving care, off the list of children in care.
func (r *run) forget(id int32) {
	ch := &r.children[id]
	r.readyN -= b2i(ch.ready)
	n := len(r.inCare) - 1
	last := r.inCare[n]
	if r.gapKids.live {
		r.gapKids.n[ch.tag]--
	} else {
		r.births[ch.pos], r.tags[ch.pos] = r.births[n], r.tags[n]
		r.births, r.tags = r.births[:n], r.tags[:n]
	}
	r.fyThreeNow -= int32(b2i(ch.fy == r.fyResets && ch.fyPl >= 3))
	r.inCare[ch.pos] = last
	r.children[last].pos = ch.pos
	r.inCare = r.inCare[:n]
	ch.pos = -1
}

// count adds d to the counts of children in care by kind, need and first choice.
func (r *run) count(ch *child, d int) {
	r.kinds[ch.kind].n += int32(d)
	r.nNeed[ch.need] += d
	r.nMale += d * b2i(ch.male) // half the children: a branch would mispredict half the time
	if ch.want >= 0 {
		r.kinds[ch.want].want += int32(d)
	}
	if ch.pos >= 0 {
		if t := r.c.tagOf(ch.want, ch.kind, ch.need); r.gapKids.live {
			r.retagLive(ch, t)
		} else {
			r.tags[ch.pos] = t
		}
	}
}

// planExit sets when and how child id leaves care: after stay days, or on their 18th
// birthday if that comes first.
func (r *run) planExit(id int32, rule *stayRule, stay float64) {
	ch := &r.children[id]
	ch.route = rule.route(&ch.rng)
	ch.exitAt = r.now + stay
	if eighteen := ch.birth + 18*model.DaysPerYear; ch.exitAt >= eighteen {
		ch.exitAt = eighteen
		ch.route = model.AgeEighteen
	}
	if ch.exitAt < r.now {
		ch.exitAt = r.now
	}
	r.schedule(ch.exitAt, evExit, id, 0)
}

func (r *run) fire(e event) {
	id := e.id()
	switch e.typ() {
	case evMonth:
		r.endMonth(int(id))
	case evArrival:
		r.arrive(false)
	case evUASCArrival:
		r.arrive(true)
	case evExtraArrival:
		r.arriveExtra()
	case evUASCExtraArrival:
		r.arriveUASCExtra()
	case evApplication:
		r.application(int(id))
	case evApproval:
		r.approve(int(id), e.ver)
	case evExit:
		r.exit(id)
	case evBreakdown:
		if r.current(id, inCare, e.ver) {
			r.breakdown(id)
		}
	case evReview:
		if r.current(id, inCare, e.ver) {
			r.review(id)
		}
	case evRetry:
		if r.current(id, inCare, e.ver) {
			r.retry(id)
		}
	case evMoveOn:
		r.moveOn()
	case evHouseholdClose:
		if h := &r.households[id]; h.active && h.ver == e.ver {
			r.closeHousehold(int(id))
		}
	case evStayingPutEnd:
		if r.current(id, stayingPut, e.ver) {
			r.endStayingPut(id)
		}
	case evCareLeaverEnd:
		if r.current(id, careLeaver, e.ver) {
			r.setState(id, gone)
			r.cl.add(r.now, -1)
			if r.children[id].uasc {
				r.uascLeft.add(r.now, -1)
			}
			r.leave(id)
		}
	case evDeregister:
		if h := &r.households[id]; h.ver == e.ver {
			r.deregister(int(id))
		}
	case evIntervention:
		r.intervene(int(id), true)
	case evInterventionEnd:
		r.intervene(int(id), false)
	case evHomeOpen:
		iv := r.c.ivs[id]
		r.openHome(int(iv.Kind), iv.Name, iv.Count, iv.Local, iv.FixedCostPerYearGBP)
		r.payProgramme(int(id), float64(iv.Count)*iv.Cost.PerUnitGBP)
	}
}
