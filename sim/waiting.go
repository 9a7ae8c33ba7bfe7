package sim

import (
	"math"
	"math/bits"

	"github.com/placesim/placesim/model"
)

// The children waiting in emergency placements, indexed by what could end their wait, so that
// a place coming free wakes only the children who could take it, and a moveOn costs what it
// places rather than the length of the queue.
//
// A child whose search from an emergency placement found no room goes to sleep on every rung
// of their ladder that accepts them and is an option for them: on the resource (kind, age in
// completed years) of each. A sleeper stays asleep until a place of that kind comes free
// (placesFreed marks the kind), they have a birthday (their ladder, and the ages that kinds and
// households take, are in whole years), or they leave the queue. A moveOn then offers room to
// the sleepers of the marked kinds in the order of the queue (longest waiting first), as a walk
// of the whole queue would: find draws no random number, so a search that finds no room
// changes nothing, and only a child who could find room needs to search. Room only shrinks
// within a moveOn (taking a place frees none), so a sleeper with no room at a resource when it
// is reached has none for the rest of the moveOn, and the child with room reached first is the
// first in the queue with room anywhere.

// ageSlots is the number of ages, in completed years, a waiting child can be: 0 to 18.
const ageSlots = maxAge + 2

// sleeper is a child asleep on a resource: their place in the queue, their id and the token of
// their filing (an entry whose token is not the child's is stale).
type sleeper struct {
	seq   uint64
	id    int32
	token uint32
}

// sleepers is a min-heap of sleepers by place in the queue.
type sleepers []sleeper

func (h *sleepers) push(s sleeper) {
	*h = append(*h, s)
	a := *h
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if a[p].seq <= s.seq {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = s
}

func (h *sleepers) pop() {
	a := *h
	n := len(a) - 1
	last := a[n]
	a = a[:n]
	*h = a
	if n == 0 {
		return
	}
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && a[c+1].seq < a[c].seq {
			c++
		}
		if last.seq <= a[c].seq {
			break
		}
		a[i] = a[c]
		i = c
	}
	a[i] = last
}

// heapify restores the heap order of a.
func (h sleepers) heapify() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		s := h[i]
		j := i
		for {
			c := 2*j + 1
			if c >= len(h) {
				break
			}
			if c+1 < len(h) && h[c+1].seq < h[c].seq {
				c++
			}
			if s.seq <= h[c].seq {
				break
			}
			h[j] = h[c]
			j = c
		}
		h[j] = s
	}
}

// birthday is the day a sleeper's age in completed years next changes.
type birthday struct {
	t     float64
	id    int32
	token uint32
}

// candidate is a resource whose first sleeper was, when it was queued, key in the queue.
type candidate struct {
	key uint64
	rid int32
}

// deferral is a sleeper taken off a resource during a moveOn, to go back after it.
type deferral struct {
	rid int32
	s   sleeper
}

// waiting is the index of the children in emergency placements.
type waiting struct {
	res       []sleepers // by resource: kind×ageSlots + age, and awake last
	compactAt []int      // the length at which each resource is next cleared of stale entries
	dirty     []bool     // by kind: a place may have come free since the last moveOn
	filled    []uint32   // by kind: a bit for each age with a resource that may hold sleepers
	marked    []int      // the kinds dirty
	birthdays []birthday // a min-heap by day
	nextBDays int        // the length at which birthdays is next cleared of stale entries
	cand      []candidate
	deferred  []deferral
	pending   []deferral // filings made during a moveOn, to take effect after it
	moving    bool       // a moveOn is under way
	token     uint32     // the last filing's token
	seq       uint64     // the next place in the queue
}

// awake returns the resource of the children who have had a birthday since they went to
// sleep: searched at the next moveOn whatever has come free.
func (w *waiting) awake() int { return len(w.res) - 1 }

// queueKind queues as candidates the resources of kind k that children are asleep on.
func (r *run) queueKind(k int) {
	for m := r.wait.filled[k]; m != 0; m &= m - 1 {
		r.queueCand(k*ageSlots + bits.TrailingZeros32(m))
	}
}

func (w *waiting) reset(nKinds int) {
	n := nKinds*ageSlots + 1
	if len(w.res) != n {
		w.res = make([]sleepers, n)
		w.compactAt = make([]int, n)
		w.dirty = make([]bool, nKinds)
		w.filled = make([]uint32, nKinds+1)
	}
	clear(w.filled)
	for i := range w.res {
		w.res[i] = w.res[i][:0]
		w.compactAt[i] = 64
	}
	clear(w.dirty)
	w.marked = w.marked[:0]
	w.birthdays = w.birthdays[:0]
	w.nextBDays = 64
	w.token, w.seq, w.moving = 0, 0, false
}

// mark notes that a place of kind k may have come free.
func (w *waiting) mark(k int) {
	if k < len(w.dirty) && !w.dirty[k] {
		w.dirty[k] = true
		w.marked = append(w.marked, k)
	}
}

// asleep reports whether s is still a filing of a child waiting.
func (r *run) asleep(id int32, token uint32) bool {
	return r.cold[id].sleep == token
}

// fileOn puts sleeper s on resource rid, after the moveOn under way if there is one.
func (r *run) fileOn(rid int, s sleeper) {
	w := &r.wait
	if w.moving {
		w.pending = append(w.pending, deferral{int32(rid), s})
		return
	}
	h := &w.res[rid]
	if len(*h) >= w.compactAt[rid] {
		live := (*h)[:0]
		for _, x := range *h {
			if r.asleep(x.id, x.token) {
				live = append(live, x)
			}
		}
		live.heapify()
		*h = live
		w.compactAt[rid] = max(2*len(live), 64)
	}
	h.push(s)
	w.filled[rid/ageSlots] |= 1 << (rid % ageSlots)
}

// sleep files child id, in an emergency placement after a search that found no room on ladder
// li (-1 for none) at age age in completed years, on the resources that could end their wait,
// replacing any earlier filing.
func (r *run) sleep(id int32, li int, age int) {
	w := &r.wait
	ch, cd := &r.children[id], &r.cold[id]
	w.token++
	cd.sleep, cd.sleepLadder, cd.sleepAge = w.token, int16(li), int8(age)
	s := sleeper{seq: cd.eseq, id: id, token: w.token}
	if li >= 0 {
		l := &r.c.s.Ladders[li]
		for _, k := range l.Try[firstRung(l, cd):] {
			// find has no room on a rung that does not accept the child or is no option for
			// them, until their birthday.
			if r.accepts(int(k), ch) && r.option(int(k), id) {
				r.fileOn(int(k)*ageSlots+min(age, ageSlots-1), s)
			}
		}
	}
	b := birthday{t: nextBirthday(ch.birth, age), id: id, token: w.token}
	if len(w.birthdays) >= w.nextBDays {
		live := w.birthdays[:0]
		for _, x := range w.birthdays {
			if r.asleep(x.id, x.token) {
				live = append(live, x)
			}
		}
		w.birthdays = live
		heapifyBirthdays(live)
		w.nextBDays = max(2*len(live), 64)
	}
	pushBirthday(&w.birthdays, b)
}

// resleep files child id again after a search from an emergency placement that found no room,
// unless their filing is still as it was (the same ladder and age).
func (r *run) resleep(id int32, li int, age int) {
	if cd := &r.cold[id]; cd.sleep == 0 || int(cd.sleepLadder) != li || int(cd.sleepAge) != age {
		r.sleep(id, li, age)
	}
}

// nextBirthday returns the first day on which a child born on day birth is aged more than age
// in completed years, as ageAt and math.Floor reckon it.
func nextBirthday(birth float64, age int) float64 {
	after := func(t float64) bool { return math.Floor((t-birth)/model.DaysPerYear) > float64(age) }
	t := birth + float64(age+1)*model.DaysPerYear
	for !after(t) {
		t = math.Nextafter(t, math.Inf(1))
	}
	for after(math.Nextafter(t, math.Inf(-1))) {
		t = math.Nextafter(t, math.Inf(-1))
	}
	return t
}

func pushBirthday(h *[]birthday, b birthday) {
	*h = append(*h, b)
	a := *h
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if a[p].t <= b.t {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = b
}

func popBirthday(h *[]birthday) birthday {
	a := *h
	top := a[0]
	n := len(a) - 1
	a[0] = a[n]
	a = a[:n]
	*h = a
	siftBirthday(a, 0)
	return top
}

func siftBirthday(a []birthday, i int) {
	if len(a) == 0 {
		return
	}
	b := a[i]
	for {
		c := 2*i + 1
		if c >= len(a) {
			break
		}
		if c+1 < len(a) && a[c+1].t < a[c].t {
			c++
		}
		if b.t <= a[c].t {
			break
		}
		a[i] = a[c]
		i = c
	}
	a[i] = b
}

func heapifyBirthdays(a []birthday) {
	for i := len(a)/2 - 1; i >= 0; i-- {
		siftBirthday(a, i)
	}
}

// birthdayDue reports whether a child waiting has had a birthday since their last search.
func (r *run) birthdayDue() bool {
	w := &r.wait
	for len(w.birthdays) > 0 && w.birthdays[0].t <= r.now {
		if b := w.birthdays[0]; r.asleep(b.id, b.token) {
			return true
		}
		popBirthday(&w.birthdays)
	}
	return false
}

// top returns the first live sleeper on resource rid, dropping stale ones before it.
func (r *run) top(rid int) (sleeper, bool) {
	h := &r.wait.res[rid]
	for len(*h) > 0 {
		if s := (*h)[0]; r.asleep(s.id, s.token) {
			return s, true
		}
		h.pop()
	}
	r.wait.filled[rid/ageSlots] &^= 1 << (rid % ageSlots)
	return sleeper{}, false
}

func (w *waiting) pushCand(c candidate) {
	w.cand = append(w.cand, c)
	a := w.cand
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if a[p].key <= c.key {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = c
}

func (w *waiting) popCand() candidate {
	a := w.cand
	top := a[0]
	n := len(a) - 1
	last := a[n]
	a = a[:n]
	w.cand = a
	if n > 0 {
		i := 0
		for {
			c := 2*i + 1
			if c >= n {
				break
			}
			if c+1 < n && a[c+1].key < a[c].key {
				c++
			}
			if last.key <= a[c].key {
				break
			}
			a[i] = a[c]
			i = c
		}
		a[i] = last
	}
	return top
}

// queueCand queues resource rid as a candidate if a child is asleep on it.
func (r *run) queueCand(rid int) {
	if s, ok := r.top(rid); ok {
		r.wait.pushCand(candidate{key: s.seq, rid: int32(rid)})
	}
}

// roomAt reports whether the kind of resource rid has room for child id now.
func (r *run) roomAt(rid int, id int32) bool {
	k := rid / ageSlots
	_, _, ok := r.find(k, []int32{id}, r.cold[id].avoidIn(model.KindID(k)))
	return ok
}
