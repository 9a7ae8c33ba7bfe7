package sim

import (
	"math/rand/v2"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// TestStayingPutHoldsPlaces checks that the young people staying put on the start day
// (staying_put.stock) hold places: with no children in care and none coming in, every place
// of a foster kind that is taken on the start day is a young person's, so a carers' kind's
// households hold them (each young person in their household's list, the household's count of
// those living there theirs), its vacancies (the vacancies metric) are its places less them,
// and a capped market's used places are theirs; that every one of them is in a foster kind;
// and that their places are freed as their stays end: a year on the places taken are those of
// the young people still staying put, and three years on, when the 21st birthday has ended
// every stay, none is taken.
func TestStayingPutHoldsPlaces(t *testing.T) {
	const n = 300
	s, err := scenarios.Load("default", []string{
		"warmup_years=0", "years=3", "entries.per_year=0", "uasc.per_year=0", "stock=[]",
		"care_leavers.stock=0", "staying_put.stock=300", "kinds.ifa.capacity_places=40",
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := compile(s)
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(c)
	r.reset(11, 0)
	r.setup()
	if r.err != nil {
		t.Fatal(r.err)
	}
	// check compares the places taken in each foster kind with the young people staying put
	// there, and returns how many there are.
	check := func(when string) int {
		t.Helper()
		byKind := make([]int, c.nKinds)
		var young int
		for id := range r.children {
			ch := &r.children[id]
			if ch.state != stayingPut {
				continue
			}
			young++
			k := int(ch.kind)
			if s.Kinds[k].Category != model.Foster {
				t.Fatalf("%s: young person %d staying put in %s, not a foster kind", when, id, s.Kinds[k].Name)
			}
			byKind[k]++
			if s.Kinds[k].Supply == model.Carers {
				h := &r.households[ch.unit]
				held := false
				for _, w := range h.who[:h.used] {
					held = held || w == int32(id)
				}
				if !held || !h.active || int(h.kind) != k {
					t.Fatalf("%s: young person %d staying put in household %d of %s, which does not hold them", when, id, ch.unit, s.Kinds[k].Name)
				}
			}
		}
		var total float64
		for k := range c.nKinds {
			total += r.sp[k].v
			if int(r.sp[k].v) != byKind[k] {
				t.Errorf("%s: %v counted staying put in %s, %d there", when, r.sp[k].v, s.Kinds[k].Name, byKind[k])
			}
			switch s.Kinds[k].Supply {
			case model.Carers:
				var used, places int
				for _, i := range r.pools[k] {
					if h := &r.households[i]; h.active && !h.leaving {
						used += int(h.used)
						places += int(h.places)
					}
				}
				var leaving int
				for _, i := range r.pools[k] {
					if h := &r.households[i]; h.active && h.leaving {
						leaving += int(h.used)
					}
				}
				if used+leaving != byKind[k] {
					t.Errorf("%s: %s's households hold %d, but %d young people stay put there", when, s.Kinds[k].Name, used+leaving, byKind[k])
				}
				if v := r.vacancies(k); int(v) != places-used {
					t.Errorf("%s: %s has %v vacancies, want its %d places less the %d held", when, s.Kinds[k].Name, v, places, used)
				}
			case model.Market:
				if int(r.kinds[k].used) != byKind[k] {
					t.Errorf("%s: %d of %s's places used, but %d young people stay put there", when, r.kinds[k].used, s.Kinds[k].Name, byKind[k])
				}
			}
		}
		if int(total) != young {
			t.Errorf("%s: %v counted staying put, %d there", when, total, young)
		}
		return young
	}
	if got := check("start"); got != n {
		t.Fatalf("%d young people staying put at the start, want %d", got, n)
	}
	ifa := -1
	for k, kd := range s.Kinds {
		if kd.Name == "ifa" {
			ifa = k
		}
	}
	if int(r.kinds[ifa].used) != 40 {
		t.Errorf("the agencies' 40 places hold %d young people at the start, want all 40: the kinds with room are drawn alike with no children in care", r.kinds[ifa].used)
	}
	// run plays the events up to day until, as simulate does; the first event after it is
	// held for the next call.
	var held *event
	run := func(until float64) {
		for r.err == nil && (held != nil || r.q.len() > 0) {
			var e event
			if held != nil {
				e, held = *held, nil
			} else {
				e = r.q.pop()
			}
			if e.t > until {
				held = &e
				return
			}
			if r.q.busy {
				r.readAhead()
			}
			r.now = e.t
			r.fire(e)
		}
	}
	run(model.DaysPerYear)
	if got := check("a year on"); got == 0 || got == n {
		t.Errorf("a year on, %d of %d young people still stay put: their stays have not ended as drawn", got, n)
	}
	run(3 * model.DaysPerYear)
	if got := check("three years on"); got != 0 {
		t.Errorf("three years on, %d young people still stay put: the 21st birthday ends every stay", got)
	}
}

// TestRegionStayingPutAtStart checks a region's councils' young people staying put on the
// start day: against the same region with none (the same seed: the children in care draw the
// same), each council counts its own more at the end of the first month, less those whose
// stays end in it, and the places they hold, with the councils' carers and kinship carers and
// with the shared market's agencies, pass the region's checks of every place (Options.Check).
func TestRegionStayingPutAtStart(t *testing.T) {
	const reps = 4
	// firstMonth returns each council's young people staying put at the end of the first month,
	// and last the region's agency places in use, on average over the replications.
	firstMonth := func(stock func(i int) int) []float64 {
		t.Helper()
		reg, err := scenarios.LoadRegion("south-east", []string{"years=1", "warmup_years=0"})
		if err != nil {
			t.Fatal(err)
		}
		for i := range reg.Councils {
			s := *reg.Councils[i].Scenario
			s.StayingPut.Stock = stock(i)
			reg.Councils[i].Scenario = &s
		}
		rr, err := RunRegion(reg, Options{Reps: reps, Seed: 3, Check: true})
		if err != nil {
			t.Fatal(err)
		}
		var out []float64
		for c, res := range append(rr.Councils, rr.Total) {
			metric := StayingPut
			if c == len(rr.Councils) {
				metric = MarketOccupied("ifa")
			}
			col := -1
			for j, m := range res.Metrics {
				if m == metric {
					col = j
				}
			}
			if col < 0 {
				t.Fatalf("no %s in the results", metric)
			}
			row := make([]float64, len(res.Metrics))
			var sum float64
			for rep := range res.Reps {
				if err := res.MonthlyRows(rep, 0, 1, row); err != nil {
					t.Fatal(err)
				}
				sum += row[col]
			}
			out = append(out, sum/reps)
		}
		return out
	}
	with, without := firstMonth(func(i int) int { return 10 + i }), firstMonth(func(int) int { return 0 })
	n := len(with) - 1
	var all float64
	for i := range n {
		all += float64(10 + i)
		// A stay of a year on average ends within the first month for about one in twelve:
		// fewer than three in four left is far beyond that.
		want := float64(10 + i)
		if got := with[i] - without[i]; got < 0.75*want || got > want {
			t.Errorf("council %d: %.1f more young people staying put at the end of the first month, want %v less those whose stays ended", i, got, want)
		}
	}
	// Most of the councils' 17-year-olds in foster care live with the shared market's
	// agencies, and so do most of the young people staying put at the start: their places
	// are in use.
	t.Logf("agencies' places in use: %.1f more with %v young people staying put at the start", with[n]-without[n], all)
	if got := with[n] - without[n]; got < 0.25*all || got > all {
		t.Errorf("the agencies' places in use at the end of the first month: %.1f more with %v young people staying put at the start, want at least a quarter of them", got, all)
	}
}

// TestFreePlaces checks freePlaces, the Fenwick tree of a pool's free places, against a walk of
// the pool in order: over random pools of households with room or none (active or not, leaving,
// with a solo child, full), each free place n is found in the household a walk finds it in,
// and taking places one by one keeps every find and the total as the walk gives them.
func TestFreePlaces(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 200 {
		size := rng.IntN(40)
		r := &run{households: make([]household, size)}
		pool := make([]int32, size)
		for j := range pool {
			pool[j] = int32(size - 1 - j) // not the households' own order
			h := &r.households[j]
			h.places = int8(1 + rng.IntN(4))
			h.used = int8(rng.IntN(int(h.places) + 1))
			h.active = rng.IntN(10) > 0
			h.leaving = rng.IntN(10) == 0
			h.solo = rng.IntN(10) == 0
		}
		// walk returns the position of the household holding free place n, and the total.
		free := make([]int, size)
		for j, i := range pool {
			if h := &r.households[i]; h.active && !h.leaving && !h.solo {
				free[j] = int(h.places - h.used)
			}
		}
		walk := func(n int) (at, total int) {
			at = -1
			for j, f := range free {
				if at < 0 && n < total+f {
					at = j
				}
				total += f
			}
			return at, total
		}
		var f freePlaces
		f.count(r, pool)
		for {
			_, total := walk(0)
			if f.total != total {
				t.Fatalf("trial %d: %d free places counted, the walk finds %d", trial, f.total, total)
			}
			if total == 0 {
				break
			}
			for n := range total {
				if want, _ := walk(n); f.find(n) != want {
					t.Fatalf("trial %d: free place %d found at position %d, the walk finds it at %d", trial, n, f.find(n), want)
				}
			}
			j := f.find(rng.IntN(total))
			f.take(j)
			free[j]--
		}
	}
}
