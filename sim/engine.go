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
type event struct {
	t   float64
	key uint64 // insertion number, with the top bit set for every event but a month boundary
	id  int32
	ver uint32
	typ eventType
}

// notMonth is set in the key of every event but a month boundary, so that at equal times
// month boundaries fire first.
const notMonth = 1 << 63

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

func (q *eventList) less(i, j int) bool {
	return q.h[i].before(&q.h[j])
}

func (q *eventList) len() int { return len(q.h) }

func (q *eventList) reset() {
	q.h = q.h[:0]
	q.seq = 0
}

// push schedules e, stamping it with the next insertion number. It sifts a hole up from the
// end rather than swapping, which halves the writes.
func (q *eventList) push(e event) {
	e.key = q.seq
	if e.typ != evMonth {
		e.key |= notMonth
	}
	q.seq++
	q.h = append(q.h, e)
	i := len(q.h) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !e.before(&q.h[p]) {
			break
		}
		q.h[i] = q.h[p]
		i = p
	}
	q.h[i] = e
}

// pop removes and returns the earliest event. The list must not be empty.
func (q *eventList) pop() event {
	top := q.h[0]
	n := len(q.h) - 1
	last := q.h[n]
	q.h = q.h[:n]
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
		for j := c + 1; j < c+4 && j < n; j++ {
			if q.h[j].before(&q.h[m]) {
				m = j
			}
		}
		if !q.h[m].before(&last) {
			break
		}
		q.h[i] = q.h[m]
		i = m
	}
	q.h[i] = last
	return top
}
