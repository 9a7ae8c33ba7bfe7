package sim

import (
	"fmt"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestRoomMeetsOpenListInOrder checks the search of carer households against a walk of the
// open list in its order: at the end of replications of the default county, and of the county
// made 20 times as large (carer kinds approved for several ranges of ages, open lists of many
// words), with the share of local households as the county has it and set to none, a third,
// nine in ten and all of them, for each child in care, each carer kind, and that child alone
// and with the next child in care, room must find the household the walk finds (the first
// local one with room, else the first with room), and again when the household found is the
// one the children move from, which neither may take.
func TestRoomMeetsOpenListInOrder(t *testing.T) {
	for _, tc := range []struct {
		scale float64
		local float64 // the carer kinds' share of local households; < 0: the county's own
		reps  int
	}{
		{1, -1, 3}, {1, 0, 2}, {1, 0.33, 2}, {1, 0.9, 3}, {1, 1, 2},
		{20, -1, 2}, {20, 0, 1}, {20, 0.33, 2},
	} {
		t.Run(fmt.Sprintf("scale %v local %v", tc.scale, tc.local), func(t *testing.T) {
			s, err := scenarios.Load("default", []string{"years=2"})
			if err != nil {
				t.Fatal(err)
			}
			model.Scale(s, tc.scale)
			for k := range s.Kinds {
				if s.Kinds[k].Supply == model.Carers && tc.local >= 0 {
					s.Kinds[k].LocalShare = tc.local
				}
			}
			c, err := compile(s)
			if err != nil {
				t.Fatal(err)
			}
			r := newRun(c)
			var searches, local, far, avoided int
			for rep := range tc.reps {
				if _, err := r.replicate(uint64(rep+1), rep); err != nil {
					t.Fatal(err)
				}
				for k := range r.opens {
					if r.opens[k].stride == 0 {
						continue
					}
					for x, id := range r.inCare {
						for _, ids := range [][]int32{{id}, {id, r.inCare[(x+1)%len(r.inCare)]}} {
							avoid := int32(-1)
							for range 2 {
								want, wantLocal, wantOK := r.walkOpen(k, ids, avoid)
								got, gotLocal, ok := r.room(k, ids, avoid)
								if got != want || gotLocal != wantLocal || ok != wantOK {
									t.Fatalf("replication %d, kind %d, children %v, avoiding %d: room found %d (local %v, %v), the open list's walk %d (local %v, %v)",
										rep, k, ids, avoid, got, gotLocal, ok, want, wantLocal, wantOK)
								}
								searches++
								switch {
								case !ok:
								case gotLocal:
									local++
								default:
									far++
								}
								if avoid >= 0 || !ok {
									break
								}
								avoid = want
								avoided++
							}
						}
					}
				}
			}
			// Both answers must have been put to the test, households found local and not, but
			// where no household or every household is local.
			if searches < 1000 || (local == 0 && tc.local != 0) || (far == 0 && tc.local != 1) || avoided == 0 {
				t.Errorf("%d searches, %d found a local household, %d a distant one, %d avoided one; want many of each", searches, local, far, avoided)
			}
		})
	}
}

// walkOpen is room for carer kind k, done the long way: every household on the open list in
// turn.
func (r *run) walkOpen(k int, ids []int32, avoid int32) (unit int32, local, ok bool) {
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
		if g := r.ranges[k][h.rng]; !g.has(youngest) || !g.has(eldest) || i == avoid {
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
