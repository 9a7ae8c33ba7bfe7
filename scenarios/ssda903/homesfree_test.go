package ssda903

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// homesWindow simulates a council's placements in residential care of children aged 12, a
// Poisson stream of perYear from 12 years before start, each staying an exponential year: in
// the council's own homes when home says so (given the children there on the day), in agencies'
// homes otherwise. It returns the return and the window of the five years before start.
func homesWindow(rng *rand.Rand, start day, perYear float64, home func(held int) bool) (*Return, window) {
	r := &Return{Quality: &Quality{}}
	var inHomes []day // the days the homes' children leave
	for x := -12.0; ; {
		x += rng.ExpFloat64() / perYear
		if x >= 0 {
			break
		}
		in := start + day(math.Floor(x*model.DaysPerYear))
		out := in + 1 + day(math.Floor(rng.ExpFloat64()*model.DaysPerYear))
		inHomes = slices.DeleteFunc(inHomes, func(d day) bool { return d <= in })
		k := externalResidential
		if home(len(inHomes)) {
			k = inhouseHome
			inHomes = append(inHomes, out)
		}
		r.periods = append(r.periods, period{start: in, end: out, dob: in.addYears(-12), knownStart: true, first: int32(len(r.places)), n: 1})
		r.places = append(r.places, placement{start: in, end: out, kind: k})
	}
	return r, window{from: start.addYears(-5), to: start}
}

// TestHomesFree checks the placements homesFree counts on days the council's own homes had a bed
// free. Homes of 4 beds filled first, 25 children a year needing residential care for a year,
// are nearly always full: a child placed elsewhere on a day with a bed free is one of two who
// came on the same day for its last bed (about 3%: a second child comes on 3.4% of days), and
// no window of five years shows MinChildren, so that every one of them is calibrated as homes
// filled first. Homes that take each child with chance 0.3 whatever their beds pass on 0.7 of
// the children on the days counted: the share over 200 windows lies within four standard
// errors of 0.7, which the days left out, at the count's most of the half-year before, do not
// bias.
func TestHomesFree(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 903))
	start := dayOf(time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC))
	const windows = 200
	var elsewhere, placements, shown int
	for range windows {
		r, w := homesWindow(rng, start, 25, func(held int) bool { return held < 4 })
		c := &Calibration{ret: r}
		got := c.homesFree(w)
		if got[1].Placements != 0 {
			t.Fatalf("%d placements at 16-17, of children all aged 12", got[1].Placements)
		}
		e := got[0].Placements - got[0].Homes
		elsewhere += e
		placements += got[0].Placements
		if e >= MinChildren {
			shown++
		}
	}
	t.Logf("filled first: %d of %d placements on days with a bed free were elsewhere; %d windows of %d show %d or more", elsewhere, placements, shown, windows, MinChildren)
	if shown > 0 || float64(elsewhere) > 0.05*float64(placements) {
		t.Errorf("homes filled first: %d of %d placements on days with a bed free were elsewhere, and %d windows show %d or more; want under 5%% and none", elsewhere, placements, shown, MinChildren)
	}
	var sum, sum2 float64
	var counted, all int
	for range windows {
		r, w := homesWindow(rng, start, 25, func(int) bool { return rng.Float64() < 0.3 })
		c := &Calibration{ret: r}
		got := c.homesFree(w)[0]
		share := float64(got.Placements-got.Homes) / float64(got.Placements)
		sum += share
		sum2 += share * share
		counted += got.Placements
		for _, p := range r.periods {
			if p.start >= w.from && p.start < w.to {
				all++
			}
		}
	}
	mean := sum / windows
	se := math.Sqrt((sum2/windows - mean*mean) / (windows - 1))
	t.Logf("by a share of 0.3: %.3f±%.3f passed on; %d of %d placements counted", mean, se, counted, all)
	if math.Abs(mean-0.7) > 4*se {
		t.Errorf("homes that take a child with chance 0.3 pass on %.3f±%.3f of the children on days with a bed free, want 0.7", mean, se)
	}
	// A day is left out when the count is at its most of the half-year before, as a count of
	// seven children on average often is: 29% of the placements here.
	if counted < all*2/3 {
		t.Errorf("only %d of %d placements fell on days with a bed free, where the homes are never full", counted, all)
	}
}

// TestHomesPassOn checks what a calibrated scenario makes of homes that pass children on. The
// synthetic councils place a child in the council's homes by a share whatever the beds, and
// none of 16 or more: the scenario gives the homes the share of complex needs they pass on
// (their unavailable share, the return's, within a thousandth), leaves them out of the ladder of
// complex needs at 16-17, and sizes their beds as a ceiling above the latest year's busiest month. With
// Estimates.HomesFree showing no placement elsewhere on a day with a bed free, as a council that
// fills its homes first shows, the homes are filled first: no unavailable share, one ladder of
// complex needs from 10 to 17 that tries them first.
func TestHomesPassOn(t *testing.T) {
	base := baseScenario(t)
	_, cal := calibrated(t, base, typical(), 3, time.Time{})
	id := cal.kinds[inhouseHome]
	young := cal.Estimates.HomesFree[0]
	if young.Homes < MinChildren || young.Placements-young.Homes < MinChildren {
		t.Fatalf("the return shows %d placements in the homes and %d elsewhere on days with a bed free: too few for the test", young.Homes, young.Placements-young.Homes)
	}
	complexLadders := func(s *model.Scenario) []model.Ladder {
		var out []model.Ladder
		for _, l := range s.Ladders[:len(s.Ladders)-len(base.Ladders)] {
			if l.Who.Needs == model.NeedsOf(model.NeedComplex) && l.Who.Ages.ToYears >= 10 {
				out = append(out, l)
			}
		}
		return out
	}
	s, _ := cal.Scenario(ScenarioOptions{Name: "pass"})
	want := float64(young.Placements-young.Homes) / float64(young.Placements)
	if got := s.Kinds[id].UnavailableShare[model.NeedComplex]; math.Abs(got-want) > 0.0006 {
		t.Errorf("the homes' unavailable share of complex needs is %v, want the return's %.4f", got, want)
	}
	ls := complexLadders(s)
	if len(ls) != 2 || ls[0].Who.Ages != homeBands[0] || ls[1].Who.Ages != homeBands[1] || ls[0].Try[0] != id || slices.Contains(ls[1].Try, id) {
		t.Errorf("ladders of complex needs from 10: %+v; want 10-15 trying the council's homes first and 16-17 without them", ls)
	}
	// The ceiling is the latest year's busiest month, or its usual month with up to two
	// Poisson standard deviations more, whichever is more.
	peak, usual := cal.homesRecentPeak(), cal.Estimates.HomesAtStart
	if beds := openBeds(s, id); float64(beds) < peak || float64(beds) > math.Ceil(max(peak, usual+2*math.Sqrt(usual))) {
		t.Errorf("the homes open with %d beds for a busiest month of the latest year of %.1f children and a usual one of %.1f: want a ceiling at or above the busiest, and no more than two Poisson standard deviations above the usual", beds, peak, usual)
	}
	if err := s.Validate().Err(); err != nil {
		t.Errorf("the scenario does not validate: %v", err)
	}

	cal.Estimates.HomesFree[0].Placements = young.Homes
	s, _ = cal.Scenario(ScenarioOptions{Name: "first"})
	if got := s.Kinds[id].UnavailableShare[model.NeedComplex]; got != base.Kinds[id].UnavailableShare[model.NeedComplex] {
		t.Errorf("homes filled first have the unavailable share %v, want the base's %v", got, base.Kinds[id].UnavailableShare[model.NeedComplex])
	}
	ls = complexLadders(s)
	if len(ls) != 1 || ls[0].Who.Ages != (model.AgeRange{FromYears: 10, ToYears: 17}) || ls[0].Try[0] != id {
		t.Errorf("homes filled first: ladders of complex needs from 10: %+v; want one for 10-17 trying the council's homes first", ls)
	}
}

// openBeds returns the beds of kind id's homes that do not close on or before the scenario's
// start.
func openBeds(s *model.Scenario, id model.KindID) int {
	closed := map[string]bool{}
	for _, iv := range s.Interventions {
		if iv.Action == model.CloseHome && iv.Kind == id && !iv.From.After(s.Start) {
			closed[iv.Name] = true
		}
	}
	beds := 0
	for _, h := range s.Kinds[id].Homes {
		if !closed[h.Name] {
			beds += h.Beds
		}
	}
	return beds
}

// TestHomesPassOnWhatIf checks what a council's what-if of a new home of 4 beds shows on its
// calibrated scenario, against the same scenario without it, both run alike (common random
// numbers, 3 years, 30 replications; a quarter of a second). Homes filled first (Options.HomesFilledFirst) fill the new
// beds from agencies' homes: the homes' children in the third year rise by more than 3 of the 4
// beds. Homes the return shows passing children on while they had a bed free, whose beds are a
// ceiling above their busiest month, have beds to spare already: the new home takes less than
// one child more in the third year. Lowering their unavailable share, who the homes can take,
// raises them by more than a child.
func TestHomesPassOnWhatIf(t *testing.T) {
	base := baseScenario(t)
	tr := typical()
	at := backtestStart(tr)
	_, cal := calibrated(t, base, tr, 3, at)
	id := cal.kinds[inhouseHome]
	third := func(s *model.Scenario) float64 {
		SetYears(s, 3)
		res, err := sim.Run(s, sim.Options{Reps: 30, Seed: 5, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		mi := slices.Index(res.Metrics, "children_inhouse_home")
		row := make([]float64, len(res.Metrics))
		var sum float64
		for r := range res.Reps {
			for m := 24; m < 36; m++ {
				if err := res.MonthlyRows(r, m, m+1, row); err != nil {
					t.Fatal(err)
				}
				sum += row[mi]
			}
		}
		return sum / float64(12*len(res.Reps))
	}
	newHome := func(s *model.Scenario) *model.Scenario {
		c := *s
		c.Interventions = append(slices.Clone(s.Interventions), model.Intervention{Action: model.OpenHome, Label: "New home", From: s.Start, Kind: id, Count: 4, Name: "New home", Local: true})
		return &c
	}
	effect := func(s *model.Scenario) float64 { return third(newHome(s)) - third(s) }

	pass, _ := cal.Scenario(ScenarioOptions{Name: "pass"})
	u := pass.Kinds[id].UnavailableShare[model.NeedComplex]
	if u == 0 {
		t.Fatal("the calibrated homes pass no child on: not the case this test is written for")
	}
	cal.homesFirst = true
	first, _ := cal.Scenario(ScenarioOptions{Name: "first"})
	cal.homesFirst = false
	lower := *pass
	lower.Kinds = slices.Clone(pass.Kinds)
	lower.Kinds[id].UnavailableShare[model.NeedComplex] = u / 2
	eFirst, ePass := effect(first), effect(pass)
	eLower := third(&lower) - third(pass)
	t.Logf("a new home of 4 beds: %+.2f children in the homes in the third year when filled first, %+.2f when they pass on %.2f of children; passing on half as many: %+.2f", eFirst, ePass, u, eLower)
	if eFirst < 3 {
		t.Errorf("homes filled first take %.2f children more in a new home of 4 beds, want more than 3", eFirst)
	}
	if ePass > 1 || ePass < -0.5 {
		t.Errorf("homes that pass children on take %.2f children more in a new home of 4 beds, want less than one", ePass)
	}
	if eLower < 1 {
		t.Errorf("homes passing on half as many hold %.2f children more, want more than one", eLower)
	}
}
