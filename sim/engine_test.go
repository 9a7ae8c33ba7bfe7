package sim

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/placesim/placesim/model"
)

// verify checks the heap invariant: no event fires before its parent.
func (q *eventList) verify(t *testing.T) {
	t.Helper()
	for i := 1; i < len(q.h); i++ {
		if q.h[i].before(&q.h[(i-1)/4]) {
			t.Fatalf("heap invariant broken at %d", i)
		}
	}
	for i := q.pos + 1; i < len(q.day); i++ {
		if q.day[i].sooner(&q.day[i-1]) {
			t.Fatalf("the day's events out of order at %d", i)
		}
	}
}

func TestEventList(t *testing.T) {
	var q eventList
	rng := rand.New(rand.NewPCG(1, 2))
	var popped []event
	for i := range 2000 {
		// Coarse times make many ties; month boundaries among them must come first.
		typ := evArrival
		if i%7 == 0 {
			typ = evMonth
		}
		q.push(float64(rng.IntN(50)), typ, int32(i), 0)
		q.verify(t)
		if i%3 == 0 {
			popped = append(popped, q.pop())
			q.verify(t)
		}
	}
	if len(popped) != 667 {
		t.Fatalf("popped %d events while pushing, want 667", len(popped))
	}
	// Once nothing more is pushed, the events come out in order.
	var drain []event
	for q.len() > 0 {
		drain = append(drain, q.pop())
		q.verify(t)
	}
	if len(drain) != 2000-667 {
		t.Fatalf("drained %d events, want %d", len(drain), 2000-667)
	}
	for i := 1; i < len(drain); i++ {
		if drain[i].sooner(&drain[i-1]) {
			t.Fatalf("event %v popped after %v", drain[i-1], drain[i])
		}
	}
}

func TestEventOrder(t *testing.T) {
	var q eventList
	q.push(5, evArrival, 1, 7)
	q.push(5, evExit, 2, 8)
	q.push(5, evMonth, 3, 9)
	q.push(4, evMoveOn, 4, 10)
	var got []int32
	var types []eventType
	var vers []uint32
	for q.len() > 0 {
		e := q.pop()
		got, types, vers = append(got, e.id()), append(types, e.typ()), append(vers, e.ver)
	}
	want := []int32{4, 3, 1, 2}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v (earlier first, month boundary first, then insertion order)", got, want)
		}
	}
	// The type and version come back as scheduled: the type is packed beside the id.
	if wantTypes := []eventType{evMoveOn, evMonth, evArrival, evExit}; !slices.Equal(types, wantTypes) {
		t.Fatalf("types %v, want %v", types, wantTypes)
	}
	if wantVers := []uint32{10, 9, 7, 8}; !slices.Equal(vers, wantVers) {
		t.Fatalf("versions %v, want %v", vers, wantVers)
	}
}

func TestAgeBandOf(t *testing.T) {
	for age := 0.0; age < 19; age += 0.25 {
		want := len(ageBands) - 1
		for b, band := range ageBands {
			if age < band.to {
				want = b
				break
			}
		}
		if got := ageBandOf(age); got != want {
			t.Errorf("ageBandOf(%v) = %d, want %d", age, got, want)
		}
	}
}

// TestEventListAcrossBuckets checks the order over many buckets, as the engine uses the list:
// each new event at or after the last one fired, some far ahead, some at the same time, with
// month boundaries among them. Every event must come out in the order of (time, month boundary
// first, insertion), as a sort of all of them gives, and the list must empty.
func TestEventListAcrossBuckets(t *testing.T) {
	var q eventList
	rng := rand.New(rand.NewPCG(3, 4))
	type ref struct {
		t     float64
		month bool
		seq   int
	}
	var all []ref
	now, seq := 0.0, 0
	push := func(at float64, typ eventType) {
		q.push(at, typ, int32(seq), 0)
		all = append(all, ref{at, typ == evMonth, seq})
		seq++
	}
	for i := range 300 {
		push(float64(rng.IntN(400)), evArrival)
		if i%10 == 0 {
			push(float64(i), evMonth)
		}
	}
	var got []int32
	for q.len() > 0 {
		e := q.pop()
		if e.t < now {
			t.Fatalf("event at %v popped after one at %v", e.t, now)
		}
		now = e.t
		got = append(got, e.id())
		q.verify(t)
		if len(got) < 2000 {
			switch rng.IntN(4) {
			case 0: // the same time
				push(now, evExit)
			case 1: // within the bucket or the next
				push(now+rng.Float64()*10, evReview)
			case 2: // months or years ahead
				push(now+rng.Float64()*3000, evExit)
			}
		}
	}
	slices.SortFunc(all, func(a, b ref) int {
		switch {
		case a.t != b.t:
			return cmp.Compare(a.t, b.t)
		case a.month != b.month:
			if a.month {
				return -1
			}
			return 1
		}
		return a.seq - b.seq
	})
	if len(got) != len(all) {
		t.Fatalf("popped %d events, pushed %d", len(got), len(all))
	}
	for i, r := range all {
		if got[i] != int32(r.seq) {
			t.Fatalf("event %d popped %d-th, want %d (%v)", got[i], i, r.seq, r)
		}
	}
}

// TestChildSlotsReused checks that a long replication holds slots for the children there at
// once, not for every child it has made: the Erlang check over 50 years makes about 2,000
// children, while about 16 are in care at a time (the offered load, 15.99) and fewer than 60
// at any time (Poisson tails: P(N > 40) is below 1e-6 for a mean of 16).
func TestChildSlotsReused(t *testing.T) {
	c, err := compile(erlangScenario(20, 40, model.Distribution{Kind: model.Exponential, MeanDays: 146}, 48, 2))
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(c)
	r.check = true
	if _, err := r.replicate(1, 0); err != nil {
		t.Fatal(err)
	}
	if r.made < 1500 {
		t.Fatalf("made %d children in 50 years, want about 2,000", r.made)
	}
	if len(r.children) > 60 {
		t.Errorf("%d child slots for %d children made: slots of children who left are not reused", len(r.children), r.made)
	}
}

// TestEventListFullDaysAndGaps checks days holding many events (more than one chunk), long
// runs of empty days between them, and a list emptied by reset while events still wait: the
// events come out in order of time, then insertion, and the list starts afresh.
func TestEventListFullDaysAndGaps(t *testing.T) {
	var q eventList
	days := []float64{5, 200, 201, 1000, 5000}
	for round := range 2 {
		for i := range 100 {
			for _, d := range days {
				// Later days first, and times within the day out of order; the second
				// round's days are not the first's.
				q.push(d+float64(10*round)+float64((i*7)%10)/10, evExit, int32(i), uint32(round))
			}
		}
		if q.len() != 100*len(days) {
			t.Fatalf("round %d: %d events waiting, want %d", round, q.len(), 100*len(days))
		}
		if round == 0 {
			// Fire a day's worth, then drop the rest as a new replication does.
			for range 100 {
				if e := q.pop(); e.t >= 6 {
					t.Fatalf("event at %v fired before those of day 5", e.t)
				}
			}
			q.reset()
			if q.len() != 0 {
				t.Fatalf("%d events left after reset", q.len())
			}
			continue
		}
		var last event
		for n := 0; q.len() > 0; n++ {
			e := q.pop()
			if e.ver != 1 {
				t.Fatalf("event of the first round fired after reset: %+v", e)
			}
			if n > 0 && e.sooner(&last) {
				t.Fatalf("event %+v fired after %+v", e, last)
			}
			last = e
		}
		if last.t < 5010 {
			t.Fatalf("last event at %v, want day 5010", last.t)
		}
	}
}

// TestBandDays checks that the band of a child found from the first day of each band
// (bandDays) is ageBandOf's of their age, at days since birth on and beside every band's first
// day and at random ones.
func TestBandDays(t *testing.T) {
	rng := newStream(1, 0, 1, 0)
	days := []float64{-1, 0, 19 * model.DaysPerYear, math.NaN()}
	for _, d := range bandDays {
		days = append(days, d, math.Nextafter(d, math.Inf(1)), math.Nextafter(d, math.Inf(-1)))
	}
	for range 10000 {
		days = append(days, rng.float64()*20*model.DaysPerYear)
	}
	for _, d := range days {
		got := b2i(d >= bandDays[0]) + b2i(d >= bandDays[1]) + b2i(d >= bandDays[2]) + b2i(d >= bandDays[3])
		if want := ageBandOf(d / model.DaysPerYear); got != want {
			t.Fatalf("%v days old: band %d from bandDays, %d from ageBandOf", d, got, want)
		}
	}
}

// TestEventListBusyDays checks the order of days of many events (as at 100 times the county,
// and beyond), whose events are dealt into slots of the day before they are sorted: times
// spread over the day, all at one time (more than a slot sorts by insertion), bunched in a
// sliver of the day, and on the last bucket, which takes every time beyond it. Each day's
// events must fire in the order of one sort of them all by time, month boundaries first, then
// the order they were scheduled in.
func TestEventListBusyDays(t *testing.T) {
	spread := func(rng *rand.Rand, day float64) float64 { return day + rng.Float64() }
	cases := []struct {
		name string
		n    int
		at   func(rng *rand.Rand, day float64) float64
	}{
		{"2 spread", 2, spread},
		{"5 spread", 5, spread},
		{"8 in fours", 8, func(rng *rand.Rand, day float64) float64 { return day + float64(rng.IntN(4))/4 }},
		{"13 spread", 13, spread},
		{"300 spread", 300, spread},
		{"5000 spread", 5000, spread},
		{"200 at one time", 200, func(_ *rand.Rand, day float64) float64 { return day + 0.5 }},
		{"400 in a sliver", 400, func(rng *rand.Rand, day float64) float64 { return day + 0.25 + rng.Float64()/1e6 }},
		// The day's first instant for most, a sliver of time after it for the others, dealt
		// into one slot among them: insertion would move them past too many, and a merge
		// sort takes over from where it stopped.
		{"600 at the day's start and 200 after", 800, func(rng *rand.Rand, day float64) float64 {
			if rng.IntN(4) == 0 {
				return day + rng.Float64()/1e6
			}
			return day
		}},
		{"300 in twos", 300, func(rng *rand.Rand, day float64) float64 { return day + float64(rng.IntN(150))/150 }},
		{"100 beyond the last bucket", 100, func(rng *rand.Rand, _ float64) float64 {
			return lastBucket*bucketDays + 1e6*rng.Float64()
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var q eventList
			rng := rand.New(rand.NewPCG(3, uint64(c.n)))
			type ref struct {
				e   event
				seq int
			}
			var want []ref
			for day := 10.0; day < 13; day++ {
				for i := range c.n {
					typ := evReview
					if i%50 == 49 { // none in a day of rankMax events or fewer: they sort by rank
						typ = evMonth
					}
					tm := c.at(rng, day)
					q.push(tm, typ, int32(i), uint32(day))
					want = append(want, ref{event{t: tm, it: uint32(i)<<typeBits | uint32(typ), ver: uint32(day)}, len(want)})
				}
			}
			slices.SortFunc(want, func(a, b ref) int {
				switch {
				case a.e.t != b.e.t:
					return cmp.Compare(a.e.t, b.e.t)
				case a.e.month() != b.e.month():
					if a.e.month() {
						return -1
					}
					return 1
				}
				return a.seq - b.seq
			})
			for i, w := range want {
				if got := q.pop(); got != w.e {
					t.Fatalf("event %d: got %+v, want %+v", i, got, w)
				}
				q.verify(t)
			}
			if q.len() != 0 {
				t.Fatalf("%d events left", q.len())
			}
		})
	}
}

// TestEventIDOutOfRange checks that an event whose id does not fit beside its type stops the
// replication rather than firing for another child.
func TestEventIDOutOfRange(t *testing.T) {
	for _, id := range []int32{-1, maxEventID + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("push of id %d did not panic", id)
				}
			}()
			var q eventList
			q.push(1, evExit, id, 0)
		}()
	}
	var q eventList
	q.push(1, evExit, maxEventID, 3)
	if e := q.pop(); e.id() != maxEventID || e.typ() != evExit || e.ver != 3 {
		t.Errorf("got id %d, type %d, version %d; want %d, %d, 3", e.id(), e.typ(), e.ver, maxEventID, evExit)
	}
}
