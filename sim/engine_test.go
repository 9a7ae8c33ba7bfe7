package sim

import (
	"math/rand/v2"
	"testing"
)

// verify checks the heap invariant: no event fires before its parent.
func (q *eventList) verify(t *testing.T) {
	t.Helper()
	for i := 1; i < len(q.h); i++ {
		if q.less(i, (i-1)/4) {
			t.Fatalf("heap invariant broken at %d", i)
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
		q.push(event{t: float64(rng.IntN(50)), typ: typ, id: int32(i)})
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
		if drain[i].before(&drain[i-1]) {
			t.Fatalf("event %v popped after %v", drain[i-1], drain[i])
		}
	}
}

func TestEventOrder(t *testing.T) {
	var q eventList
	q.push(event{t: 5, typ: evArrival, id: 1})
	q.push(event{t: 5, typ: evExit, id: 2})
	q.push(event{t: 5, typ: evMonth, id: 3})
	q.push(event{t: 4, typ: evExit, id: 4})
	var got []int32
	for q.len() > 0 {
		got = append(got, q.pop().id)
	}
	want := []int32{4, 3, 1, 2}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v (earlier first, month boundary first, then insertion order)", got, want)
		}
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
