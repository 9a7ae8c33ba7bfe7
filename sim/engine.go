package sim

import (
	"math/bits"
	"slices"
)

// eventType says what an event does when it fires.
type eventType uint8

const (
	evMonth eventType = iota
	evArrival
	evUASCArrival
	evApplication
	evApproval
	evExit
	evBreakdown
	evReview
	evRetry
	evHouseholdClose
	evStayingPutEnd
	evCareLeaverEnd
	evIntervention
	evInterventionEnd
	evHomeOpen
	evDeregister
	evMoveOn
	evExtraArrival
	evUASCExtraArrival
)

// event is an entry of the future-event list, 16 bytes. it packs the event's type (its low
// typeBits bits) with id above them: id names the child, household, pool or intervention it
// concerns. ver is the version of a child's or household's state the event was scheduled
// against, so that an event made stale by a later change is skipped when it fires. An event
// carries no insertion number: the list keeps the events of a bucket in the order they were
// scheduled and sorts them stably, and the heap's events carry theirs beside them (heapEvent).
type event struct {
	t   float64
	it  uint32
	ver uint32
}

// typeBits is the number of low bits of an event's it that hold its type.
const typeBits = 5

// maxEventID is the largest id an event can carry beside its type.
const maxEventID = 1<<(32-typeBits) - 1

// typ returns what the event does when it fires.
func (a *event) typ() eventType { return eventType(a.it & (1<<typeBits - 1)) }

// id returns the child, household, pool or intervention the event concerns.
func (a *event) id() int32 { return int32(a.it >> typeBits) }

// month reports whether the event is a month boundary.
func (a *event) month() bool { return a.typ() == evMonth }

// sooner reports whether a fires before b, which was scheduled before it: earlier time
// first, and at the same time the month boundary first (so whatever happens on the 1st counts
// in the month it begins). Events equal by both fire in the order they were scheduled.
func (a *event) sooner(b *event) bool {
	return a.t < b.t || (a.t == b.t && a.month() && !b.month())
}

// heapEvent is an event of the heap, with its key: its insertion number, and the notMonth bit
// on top, so that at equal times month boundaries come first, then insertion order.
type heapEvent struct {
	event
	key uint64
}

// notMonth is set in the key of every event of the heap but a month boundary.
const notMonth = 1 << 63

// before reports whether a fires before b: earlier time first; at the same time the month
// boundary first, then insertion order.
func (a *heapEvent) before(b *heapEvent) bool {
	return a.t < b.t || (a.t == b.t && a.key < b.key)
}

// eventList is the future-event list, ordered by time, month boundaries before other events
// at the same time, then insertion order, so simultaneous events fire in the order they were
// scheduled and ties never depend on floating-point equality or map order. The zero value is
// an empty list.
//
// Time is cut into buckets of bucketDays days. The events of each bucket after the current one
// wait, unsorted but in the order they were scheduled, in chunks of their own until the
// current one runs out, when the next bucket that holds any becomes the current one: its
// events are sorted once, stably, into day, and fire from its front. Events scheduled into the
// current bucket (or before it) go to a 4-ary min-heap (half as deep as a binary one), and each
// pop takes the earlier of day's front and the heap's top, day's at a tie (its events were all
// scheduled before the heap's). Sorting a day once costs fewer comparisons than a heap's pop
// of each of its events. Every event of the day and the heap comes before every event still in
// a bucket, so the order is that of one list over all events, while the day holds only its
// events: most events (exits, reviews, deregistrations) are scheduled months ahead, and cost
// an append to schedule and O(log n) of a small n to fire. A bit for each bucket says whether
// it holds events, so the empty days of a quiet scenario are passed over 64 at a time.
//
// The events waiting in buckets are most of the list's memory, and at 100 times the county
// most of them have left the processor's caches by the time their day comes: an event of 16
// bytes rather than 24 (no insertion number, its type beside its id), chunks of one cache line
// each, and their links apart from them (so that a day's chunks are read side by side rather
// than one after the other) cost 100 times the county about 3-5% less CPU and memory, the
// county and the queueing check as much as before.
type eventList struct {
	h      []heapEvent // the heap: events scheduled into buckets up to cur once cur was reached
	heads  []bucket    // each bucket after cur: its first and last chunk and how full the last is
	full   []uint64    // bit b%64 of full[b/64] is set when bucket b holds events
	chunks []chunk     // the buckets' chunks, in one slice so that scheduling ahead allocates nothing
	links  []int32     // beside chunks: the next chunk of the same bucket, or free, plus one
	free   int32       // the first chunk free for reuse, plus one; 0 for none
	cur    int         // the bucket the heap has reached
	// waiting counts the events in buckets after cur.
	waiting int
	seq     uint64  // the heap's events scheduled
	day     []event // the events of the bucket cur, sorted; those from pos on are still to fire
	pos     int
	spare   []event // scratch for sortDay, which deals day into it
	count   []int32 // scratch for sortDay: events by slot of the day
	// busy says the day just poured holds aheadFrom events or more after its first: the
	// simulation reads ahead the children they concern (readAhead), and clears it.
	busy bool
	// shift makes a bucket span bucketDays<<shift days (setBucketShift); 0, the zero value's,
	// is a scenario's bucket of bucketDays.
	shift uint8
}

// bucket is where a bucket's events are: its first and last chunk, plus one (0 for none), and
// how many events the last chunk holds (the others are full), side by side so that scheduling
// an event reads one cache line of the list's and no chunk but the one it writes.
type bucket struct {
	head, tail int32
	fill       uint8
}

// chunkLen is the number of events a chunk holds: a cache line of them, so that a bucket of
// one event wastes little, and reading a chunk costs one line. Chunks of 16, 32 or 64 events
// of 24 bytes gained nothing at 100 times the county, nor do chunks of 8 events of 16 bytes,
// nor buckets of 8 bytes rather than 12 that link their chunks newest first (pour then reads
// them backwards; a region of councils none the faster).
const chunkLen = 4

// chunk holds up to chunkLen events of a bucket, in the order they were scheduled (its
// bucket says how many of the last chunk's are in use).
type chunk [chunkLen]event

// bucketDays is the span of a bucket of the event list, in days: the heap holds a day's events.
// Spans of 2, 4 and 8 days cost the default county about 3%, 7% and 10% more CPU a
// replication, and the county-sized pool of the queueing check 2-8% more.
const bucketDays = 1

// lastBucket takes every event from lastBucket×bucketDays days on (179 years: beyond any
// horizon), whatever the list's span of a bucket.
const lastBucket = 1 << 16

func (q *eventList) bucketOf(t float64) int {
	if t >= lastBucket*bucketDays {
		return lastBucket
	}
	if t < 0 {
		return 0
	}
	return int(t/bucketDays) >> q.shift
}

// setBucketShift makes the list's buckets span bucketDays<<shift days, for a list whose
// events are scheduled among other lists' (a region's councils): a list's events, read less
// often, are kept in fewer lines of memory. The order events fire in is the same whatever the
// span. The list must be empty.
func (q *eventList) setBucketShift(shift uint8) {
	if q.len() != 0 {
		panic("sim: bucket span set on a list in use")
	}
	q.shift = shift
}

func (q *eventList) len() int { return len(q.h) + len(q.day) - q.pos + q.waiting }

// today returns the events of the bucket the list has reached still to fire, in no
// particular order (the simulation reads ahead the children they concern).
func (q *eventList) today() []event { return q.day[q.pos:] }

// reset empties the list, keeping its chunks for the next replication's events.
func (q *eventList) reset() {
	q.h, q.day, q.pos = q.h[:0], q.day[:0], 0
	for w, m := range q.full {
		for ; m != 0; m &= m - 1 {
			q.heads[w*64+bits.TrailingZeros64(m)].head = 0
		}
	}
	clear(q.full)
	q.chunks, q.links = q.chunks[:0], q.links[:0]
	q.free, q.cur, q.waiting, q.seq = 0, 0, 0, 0
	q.busy = false
}

// push schedules an event of type typ at time t. Most events go to a bucket ahead with room
// in its last chunk: that path is kept short, and the others out of line, so that it spills
// nothing.
func (q *eventList) push(t float64, typ eventType, id int32, ver uint32) {
	if uint32(id) > maxEventID {
		panic("sim: event id out of range")
	}
	e := event{t: t, it: uint32(id)<<typeBits | uint32(typ), ver: ver}
	b := q.bucketOf(t)
	if b <= q.cur {
		q.heapPush(e)
		return
	}
	if b >= len(q.heads) {
		q.grow(b)
	}
	bk := &q.heads[b]
	c := bk.tail
	if bk.head == 0 || bk.fill == chunkLen {
		// A chunk after the bucket's last, which is full, or its first.
		n := q.free
		if n == 0 {
			n = q.newChunk()
		}
		q.free = q.links[n-1]
		q.links[n-1] = 0
		if bk.head == 0 {
			bk.head = n
			q.full[uint(b)/64] |= 1 << (uint(b) % 64)
		} else {
			q.links[c-1] = n
		}
		bk.tail, bk.fill, c = n, 0, n
	}
	q.chunks[c-1][bk.fill] = e
	bk.fill++
	q.waiting++
}

// grow makes room for buckets up to b.
//
//go:noinline
func (q *eventList) grow(b int) {
	q.heads = append(q.heads, make([]bucket, b+1-len(q.heads))...)
	q.full = append(q.full, make([]uint64, b/64+1-len(q.full))...)
}

// newChunk adds a chunk to the list's and returns it, plus one, as the first free one (its
// link is the free list, which is empty).
//
//go:noinline
func (q *eventList) newChunk() int32 {
	if len(q.chunks) == cap(q.chunks) {
		q.reserve(len(q.chunks) + len(q.chunks)/2 + 64)
	}
	q.chunks = append(q.chunks, chunk{})
	q.links = append(q.links, 0)
	return int32(len(q.chunks))
}

// reserve makes room for n chunks in all (grown), so that a large run's list does not copy its
// chunks over and over as it grows, each copy leaving memory written and then dropped. A list
// that outgrows it grows by half at a time.
func (q *eventList) reserve(n int) {
	if cap(q.chunks) < n {
		q.chunks = grown(q.chunks, n-len(q.chunks))
	}
	if cap(q.links) < n {
		q.links = grown(q.links, n-len(q.links))
	}
}

// heapPush adds e to the heap, stamped with the heap's next insertion number. It sifts a hole
// up from the end rather than swapping, which halves the writes. It stays out of push:
// inlined there, it makes push keep the event on the stack on its common path.
//
//go:noinline
func (q *eventList) heapPush(ev event) {
	e := heapEvent{event: ev, key: q.seq}
	if !ev.month() {
		e.key |= notMonth
	}
	q.seq++
	q.h = append(q.h, e)
	h := q.h
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !e.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

// nextBucket returns the first bucket after cur that holds events. Some bucket must hold one.
func (q *eventList) nextBucket() int {
	// Buckets are never negative: unsigned, the divisions are shifts.
	next := uint(q.cur + 1)
	w := next / 64
	m := q.full[w] &^ (1<<(next%64) - 1)
	for m == 0 {
		w++
		m = q.full[w]
	}
	return int(w*64) + bits.TrailingZeros64(m)
}

// peek returns the earliest event, leaving it in the list. The list must not be empty. A
// bucket of one event is left as it is, for pop to give up without the heap.
func (q *eventList) peek() *event {
	if len(q.h) == 0 && q.pos == len(q.day) {
		b := q.nextBucket()
		if bk := &q.heads[b]; bk.fill == 1 && bk.head == bk.tail {
			return &q.chunks[bk.head-1][0]
		}
		q.pour(b)
	}
	if q.dayFirst() {
		return &q.day[q.pos]
	}
	return &q.h[0].event
}

// dayFirst reports whether the front of day, if any, fires before the heap's top: at a tie,
// day's was scheduled first.
func (q *eventList) dayFirst() bool {
	return q.pos < len(q.day) && (len(q.h) == 0 || !q.h[0].sooner(&q.day[q.pos]))
}

// pour makes bucket b, the first after cur that holds events, the current one, its events
// sorted in day. day and the heap must be spent.
func (q *eventList) pour(b int) {
	q.full[uint(b)/64] &^= 1 << (uint(b) % 64)
	q.cur = b
	q.day, q.pos = q.day[:0], 0
	bk := &q.heads[b]
	for c := bk.head; c != 0; {
		n := chunkLen
		if c == bk.tail {
			n = int(bk.fill)
		}
		q.day = append(q.day, q.chunks[c-1][:n]...)
		q.waiting -= n
		next := q.links[c-1]
		q.links[c-1], q.free = q.free, c
		c = next
	}
	bk.head = 0
	q.sortDay()
	q.busy = len(q.day) > aheadFrom
}

// sortDay sorts day, the events of bucket cur in the order they were scheduled, into firing
// order, stably. A day of a few events (a
// county's) is sorted by rank (rankSort) where no month boundary is among them, and by
// insertion otherwise. A larger one (a few hundred at 100 times the
// county) is first dealt by time into slots of a fraction of the day, about two events a slot,
// a pass that reads each event's time once and compares none, and then sorted by insertion,
// which only moves an event within its slot: a comparison or two an event, where a comparison
// sort takes about log2 of the day's events. Events at one time share a slot, but insertion
// passes over them without a move (they are in the order they were scheduled): at 100 times
// the county every 14th day holds some 800 events, about 750 of them the searches, at its first
// instant, of children in emergency placements who came into them together, and were sorted
// by a stable merge sort, about 1% of a replication's CPU. Only a day that would cost
// insertion more than sortMoves moves an event gives way to the merge sort.
func (q *eventList) sortDay() {
	d := q.day
	n := len(d)
	if n <= rankMax && n > 1 && !hasMonth(d) {
		rankSort(d)
		return
	}
	if n <= 12 {
		insertionSort(d)
		return
	}
	slots := 1 << (bits.Len(uint(n)) - 1)
	if cap(q.count) < slots {
		q.count = make([]int32, slots)
	}
	count := q.count[:slots]
	clear(count)
	// slot maps a time to its slot, never decreasing with time: times outside the day (the
	// last bucket's, or before 0) go to the first or last slot.
	span := float64(int(bucketDays) << q.shift)
	base, per := float64(q.cur)*span, float64(slots)/span
	slot := func(t float64) int {
		x := (t - base) * per
		if !(x >= 0) {
			return 0
		}
		if x >= float64(slots) {
			return slots - 1
		}
		return int(x)
	}
	for i := range d {
		count[slot(d[i].t)]++
	}
	at := int32(0)
	for s, c := range count {
		count[s] = at
		at += c
	}
	dealt := slices.Grow(q.spare[:0], n)[:n]
	for i := range d {
		s := slot(d[i].t)
		dealt[count[s]] = d[i]
		count[s]++
	}
	q.day, q.spare = dealt, d
	if !insertionSortWithin(dealt, sortMoves*n) {
		// Times bunched in a slot out of order: insertion would cost too much. What insertion
		// has done keeps equal events in the order they were scheduled, so a stable sort
		// from here gives the same order as from the start.
		slices.SortStableFunc(dealt, func(a, b event) int {
			if a.sooner(&b) {
				return -1
			}
			if b.sooner(&a) {
				return 1
			}
			return 0
		})
	}
}

// sortMoves is the most moves an event insertion may make on average, sorting a dealt day,
// before sortDay gives it up for a stable merge sort.
const sortMoves = 32

// insertionSortWithin sorts d as insertionSort does, unless that takes more than moves moves
// of an event, when it stops and reports false, d sorted only in part (equal events still in
// the order they were scheduled).
func insertionSortWithin(d []event, moves int) bool {
	for i := 1; i < len(d); i++ {
		e := d[i]
		j := i
		for ; j > 0 && e.sooner(&d[j-1]); j-- {
			d[j] = d[j-1]
		}
		d[j] = e
		moves -= i - j
		if moves < 0 {
			return false
		}
	}
	return true
}

// rankMax is the most events a day may hold for sortDay to sort them by rank.
const rankMax = 8

// hasMonth reports whether d holds a month boundary.
func hasMonth(d []event) bool {
	m := false
	for i := range d {
		m = m || d[i].month()
	}
	return m
}

// rankSort sorts d, at most rankMax events in the order they were scheduled with no month
// boundary among them, into firing order, stably: each event goes to its rank, the events
// scheduled before it that fire no later and those scheduled after it that fire sooner. It
// makes n*n comparisons of times and no branch on them, where insertion sorting a few events
// of unrelated times mispredicts about one comparison in two.
func rankSort(d []event) {
	var from [rankMax]event // on the stack: no other memory for the caches to hold
	n := copy(from[:], d)
	d = d[:n]
	for i := range n {
		t, r := from[i].t, 0
		for j := range i {
			r += b2i(from[j].t <= t)
		}
		for j := i + 1; j < n; j++ {
			r += b2i(from[j].t < t)
		}
		d[r] = from[i]
	}
}

// insertionSort sorts d, in the order its events were scheduled, into firing order by
// insertion, stably: quick when every event is a few places from where it belongs.
func insertionSort(d []event) {
	for i := 1; i < len(d); i++ {
		e := d[i]
		j := i
		for ; j > 0 && e.sooner(&d[j-1]); j-- {
			d[j] = d[j-1]
		}
		d[j] = e
	}
}

// pop removes and returns the earliest event. The list must not be empty. It moves the hole
// the earliest event leaves down to a leaf along the earliest children, then sifts the last
// event up from there (Floyd's bottom-up heap): the last event nearly always belongs near the
// bottom, so this saves the comparison with it at every level on the way down. It takes the
// front of day instead when that comes first. Comparing four children as two pairs and then
// the pairs' winners, two comparisons independent of each other, is no faster at 100 times
// the county.
func (q *eventList) pop() event {
	if len(q.h) == 0 && q.pos == len(q.day) {
		// A bucket of one event (most days of a quiet scenario) gives it up at once, without
		// the heap.
		b := q.nextBucket()
		if bk := &q.heads[b]; bk.fill == 1 && bk.head == bk.tail {
			c := bk.head
			q.full[uint(b)/64] &^= 1 << (uint(b) % 64)
			q.cur = b
			bk.head = 0
			q.waiting--
			q.links[c-1], q.free = q.free, c
			return q.chunks[c-1][0]
		}
		q.pour(b)
	}
	if q.dayFirst() {
		q.pos++
		return q.day[q.pos-1]
	}
	h := q.h
	top := h[0]
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	q.h = h
	if n == 0 {
		return top.event
	}
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		for j := c + 1; j < min(c+4, n); j++ {
			if h[j].before(&h[m]) {
				m = j
			}
		}
		h[i] = h[m]
		i = m
	}
	for i > 0 {
		p := (i - 1) / 4
		if !last.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = last
	return top.event
}

// Every event type must fit in an event's typeBits low bits: this fails to compile otherwise.
var _ = [1 << typeBits]struct{}{}[evUASCExtraArrival]
