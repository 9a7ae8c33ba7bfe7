package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestNextBirthday checks that nextBirthday is the first day on which the age in completed
// years, as the engine reckons it (math.Floor of ageAt), passes the given age: the day before
// it, by the smallest step a float64 takes, is not.
func TestNextBirthday(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		birth := -20*model.DaysPerYear + rng.Float64()*40*model.DaysPerYear
		age := rng.IntN(19)
		got := nextBirthday(birth, age)
		ch := child{birth: birth}
		if math.Floor(ch.ageAt(got)) <= float64(age) {
			t.Fatalf("born %v: aged %v on day %v, want past %d", birth, ch.ageAt(got), got, age)
		}
		if before := math.Nextafter(got, math.Inf(-1)); math.Floor(ch.ageAt(before)) > float64(age) {
			t.Fatalf("born %v: already past %d on day %v, before %v", birth, age, before, got)
		}
	}
}

// crowded returns the scenario that uses every feature made factor times as large, with its
// markets and residential places kept as they are, so that many children wait in emergency
// placements at once.
func crowded(factor int) *model.Scenario {
	s := richScenario()
	s.Years, s.WarmupYears = 3, 1
	f := float64(factor)
	s.Entries.PerYear *= f
	s.UASC.PerYear *= f
	s.ChildPopulation *= factor
	for i := range s.Stock {
		s.Stock[i].Count *= factor
	}
	for i := range s.Kinds {
		if p := s.Kinds[i].Carers; p != nil {
			p.Households *= factor
			p.ApprovalsPerYear *= f
		}
	}
	return s
}

// TestWaitingChecked runs a crowded scenario, in which tens of children wait in emergency
// placements at once for households, homes, block beds and capped markets, with the engine's
// checks on: after every moveOn no child left in an emergency placement has room on their
// ladder (verifyNoRoom), and at every month's end every place's occupants, the open lists and
// the waiting list add up (verifyMonth). Any broken invariant panics.
func TestWaitingChecked(t *testing.T) {
	reps := 6
	if testing.Short() {
		reps = 2
	}
	res, err := Run(crowded(6), Options{Reps: reps, Seed: 5, Check: true, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	k := -1
	for i, n := range res.KPIs {
		if n == EmergencyPlacements {
			k = i
		}
	}
	var emergencies float64
	for _, rep := range res.Reps {
		for p := range res.Periods {
			emergencies += rep.KPIs[p*len(res.KPIs)+k]
		}
	}
	if emergencies < float64(reps)*100 {
		t.Errorf("%v emergency placements in %d replications: the scenario does not crowd the places", emergencies, reps)
	}
}

// TestHouseholdSlotsReused checks that a long replication holds slots for the carer households
// there at once, not for every household it has approved: the scenario that uses every
// feature over 40 years approves about 280 households, while about 60 are there at a time.
func TestHouseholdSlotsReused(t *testing.T) {
	s := richScenario()
	s.Years = 40
	c, err := compile(s)
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(c)
	r.check = true
	if _, err := r.replicate(1, 0); err != nil {
		t.Fatal(err)
	}
	if r.approvedHH < 200 {
		t.Fatalf("approved %d households in 40 years, want about 280", r.approvedHH)
	}
	if len(r.households) > 120 {
		t.Errorf("%d household slots for %d households approved: slots of households that left are not reused", len(r.households), r.approvedHH)
	}
}
