package sim

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
)

// event is an entry of the future-event list. id names the child, household, pool or
// intervention it concerns; ver is the version of a child's or household's state the event was
// scheduled against, so that an event made stale by a later change is skipped when it fires.
// key packs the event's type (its low typeBits bits) with its insertion number above them, and
// the notMonth bit on top, so that an event takes 24 bytes.
type event struct {
	t   float64
	key uint64
	id  int32
	ver uint32
}

// typeBits is the number of low bits of an event's key that hold its type.
const typeBits = 5

// notMonth is set in the key of every event but a month boundary, so that at equal times
// month boundaries fire first.
const notMonth = 1 << 63

// typ returns what the event does when it fires.
func (a *event) typ() eventType { return eventType(a.key & (1<<typeBits - 1)) }

// before reports whether a fires before b: earlier time first; at the same time the month
// boundary first (so whatever happens on the 1st counts in the month it begins), then
// insertion order.
func (a *event) before(b *event) bool {
	return a.t < b.t || (a.t == b.t && a.key < b.key)
}

// eventList is the future-event list: a 4-ary min-heap of events ordered by time, month
// boundaries before other events at the same time, then insertion number, so simultaneous
// events fire in the order they were scheduled and ties never depend on floating-point
// equality or map order. push and pop cost O(log n) (a 4-ary heap is half as deep as a binary
// one, which saves comparisons on the pops that dominate); the zero value is an empty list.
type eventList struct {
	h   []event
	seq uint64
}

func (q *eventList) len() int { return len(q.h) }

func (q *eventList) reset() {
	q.h = q.h[:0]
	q.seq = 0
}

// push schedules an event of type typ at time t, stamping it with the next insertion number.
// It sifts a hole up from the end rather than swapping, which halves the writes.
func (q *eventList) push(t float64, typ eventType, id int32, ver uint32) {
	e := event{t: t, key: q.seq<<typeBits | uint64(typ), id: id, ver: ver}
	if typ != evMonth {
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

// pop removes and returns the earliest event. The list must not be empty. It moves the hole
// the earliest event leaves down to a leaf along the earliest children, then sifts the last
// event up from there (Floyd's bottom-up heap): the last event nearly always belongs near the
// bottom, so this saves the comparison with it at every level on the way down.
func (q *eventList) pop() event {
	h := q.h
	top := h[0]
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	q.h = h
	if n == 0 {
		return top
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
	return top
}

// Every event type must fit in the key's typeBits low bits: this fails to compile otherwise.
var _ = [1 << typeBits]struct{}{}[evMoveOn]
