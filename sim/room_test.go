package sim

import (
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestRoomMeetsOpenListInOrder checks the search of carer households against a walk of the
// open list in its order: at the end of replications of the default county (carer kinds
// approved for several ranges of ages), for each child in care, each carer kind, and that
// child alone and with the next child in care, room must find the household the walk finds
// (the first local one with room, else the first with room).
func TestRoomMeetsOpenListInOrder(t *testing.T) {
	s, err := scenarios.Load("default", nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := compile(s)
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(c)
	searches := 0
	for rep := range 3 {
		if _, err := r.replicate(1, rep); err != nil {
			t.Fatal(err)
		}
		for k := range r.opens {
			if r.opens[k].stride == 0 {
				continue
			}
			for x, id := range r.inCare {
				for _, ids := range [][]int32{{id}, {id, r.inCare[(x+1)%len(r.inCare)]}} {
					want, wantLocal, wantOK := r.walkOpen(k, ids)
					got, local, ok := r.room(k, ids, -1)
					if got != want || local != wantLocal || ok != wantOK {
						t.Fatalf("replication %d, kind %d, children %v: room found %d (local %v, %v), the open list's walk %d (local %v, %v)",
							rep, k, ids, got, local, ok, want, wantLocal, wantOK)
					}
					searches++
				}
			}
		}
	}
	if searches < 1000 {
		t.Errorf("%d searches, want many", searches)
	}
}

// walkOpen is room for carer kind k, done the long way: every household on the open list in
// turn.
func (r *run) walkOpen(k int, ids []int32) (unit int32, local, ok bool) {
	youngest, eldest, solo := 99, -1, false
	for _, id := range ids {
		ch := &r.children[id]
		a := min(int(ch.ageAt(r.now)), ageSlots-1)
		youngest, eldest = min(youngest, a), max(eldest, a)
		solo = solo || ch.need == model.NeedSolo
	}
	if solo && len(ids) > 1 {
		return -1, false, false
	}
	best := int32(-1)
	for _, i := range r.opens[k].list {
		h := &r.households[i]
		if g := r.ranges[k][h.rng]; !g.has(youngest) || !g.has(eldest) {
			continue
		}
		if int(h.places)-int(h.used) < len(ids) || (solo && h.used > 0) {
			continue
		}
		if h.local {
			return i, true, true
		}
		if best < 0 {
			best = i
		}
	}
	return best, false, best >= 0
}
