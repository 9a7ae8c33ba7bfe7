package sim

import (
	"math/rand/v2"
	"testing"
)

// TestEventListBucketSpans checks that an event list whose buckets span more than a day, as a
// region's councils' do (regionBucketShift), fires its events in the order a list of buckets
// of a day fires them: by time, month boundaries first at a tie, then the order they were
// scheduled in. Events are scheduled as a run schedules them, at or after the time of the
// event firing, some at the same time as it, some a bucket or months ahead, some at the same
// times as each other and beyond the last bucket.
func TestEventListBucketSpans(t *testing.T) {
	for _, shift := range []uint8{1, 2, regionBucketShift, 6} {
		var ref, q eventList
		q.setBucketShift(shift)
		rng := rand.New(rand.NewPCG(11, uint64(shift)))
		id := int32(0)
		push := func(at float64) {
			typ := evReview
			if rng.IntN(40) == 0 {
				typ = evMonth
			}
			ref.push(at, typ, id, uint32(shift))
			q.push(at, typ, id, uint32(shift))
			id++
		}
		for range 200 {
			push(rng.Float64() * 400)
		}
		now := 0.0
		for n := 0; ref.len() > 0; n++ {
			if q.len() != ref.len() {
				t.Fatalf("shift %d: %d events waiting, want %d", shift, q.len(), ref.len())
			}
			if p := q.peek(); *p != *ref.peek() {
				t.Fatalf("shift %d, event %d: peek %+v, want %+v", shift, n, *p, *ref.peek())
			}
			want, got := ref.pop(), q.pop()
			if got != want {
				t.Fatalf("shift %d, event %d: fired %+v, want %+v", shift, n, got, want)
			}
			now = want.t
			if n < 20000 {
				for range rng.IntN(3) {
					switch rng.IntN(5) {
					case 0:
						push(now) // at once
					case 1:
						push(now + float64(rng.IntN(3))) // on the same time of a later day
					case 2:
						push(now + rng.Float64()*2)
					case 3:
						push(now + rng.Float64()*600)
					default:
						push(lastBucket*bucketDays + float64(rng.IntN(4)))
					}
				}
			}
		}
		if q.len() != 0 {
			t.Fatalf("shift %d: %d events left", shift, q.len())
		}
		// A new replication's list keeps its span.
		q.reset()
		if q.shift != shift {
			t.Fatalf("shift %d: reset made it %d", shift, q.shift)
		}
	}
}
