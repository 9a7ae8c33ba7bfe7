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

// push schedules e, stamping it with the next insertion number.
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
		if !q.less(i, p) {
			break
		}
		q.h[i], q.h[p] = q.h[p], q.h[i]
		i = p
	}
}

// pop removes and returns the earliest event. The list must not be empty.
func (q *eventList) pop() event {
	top := q.h[0]
	n := len(q.h) - 1
	q.h[0] = q.h[n]
	q.h = q.h[:n]
	i := 0
	for {
		l := 4*i + 1
		if l >= n {
			break
		}
		m := l
		for c := l + 1; c < l+4 && c < n; c++ {
			if q.less(c, m) {
				m = c
			}
		}
		if !q.less(m, i) {
			break
		}
		q.h[i], q.h[m] = q.h[m], q.h[i]
		i = m
	}
	return top
}
