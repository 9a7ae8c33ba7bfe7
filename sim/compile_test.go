package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestLadderTable checks that the ladder and the stay rule looked up by a child's whole years
// of age, need and UASC status are those trying each in turn finds, at ages within a year, on
// the birthdays themselves, and outside the table.
func TestLadderTable(t *testing.T) {
	c, err := compile(richScenario())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.s.Ladders) < 2 || len(c.stays) < 2 {
		t.Fatalf("the rich scenario has %d ladders and %d stay rules: too few to test the tables", len(c.s.Ladders), len(c.stays))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	ages := []float64{-1, -1e-9, 0, 1 - 1e-12, 1, 10.5, 17.999999, 18, ageSlots - 1e-9, ageSlots, 25, math.NaN(), math.Inf(1)}
	for range 2000 {
		ages = append(ages, rng.Float64()*21-1)
	}
	for y := range ageSlots + 1 {
		ages = append(ages, float64(y), math.Nextafter(float64(y), -1))
	}
	seen, rules := map[int]bool{}, map[*stayRule]bool{}
	for _, age := range ages {
		for need := range model.NumNeeds {
			for _, uasc := range []bool{false, true} {
				got, want := c.ladderIndex(age, need, uasc), c.ladderScan(age, need, uasc)
				if got != want {
					t.Fatalf("age %v, need %v, UASC %v: ladder %d, trying each %d", age, need, uasc, got, want)
				}
				seen[got] = true
				i := stayIndex(c.stays, age, need, uasc)
				if i < 0 {
					// No rule selects a child of this age (18 or more, or not a number).
					if age >= 0 && age < 18 {
						t.Fatalf("age %v, need %v, UASC %v: no stay rule", age, need, uasc)
					}
					continue
				}
				if got, want := c.stayRule(age, need, uasc), &c.stays[i]; got != want {
					t.Fatalf("age %v, need %v, UASC %v: stay rule %p, trying each %p", age, need, uasc, got, want)
				}
				rules[c.stayRule(age, need, uasc)] = true
			}
		}
	}
	if len(seen) < 2 || len(rules) < 2 {
		t.Fatalf("every child met the same ladder or stay rule: %d ladders, %d rules", len(seen), len(rules))
	}
}

// TestStayForNoFallback checks that a child no stay rule selects is never given a rule whose who
// leaves them out: a child of 5-9 who is not UASC, under the rules of default.yaml without
// its 5-9 rule, once took the rule for UASC of 0-15. Validation refuses such rules; the
// look-up finds none and stops.
func TestStayForNoFallback(t *testing.T) {
	var rules []stayRule
	for _, w := range []model.Selector{
		{Ages: model.AgeRange{FromYears: 0, ToYears: 15}, UASC: model.UASCOnly},
		{Ages: model.AgeRange{FromYears: 0, ToYears: 4}},
		{Ages: model.AgeRange{FromYears: 10, ToYears: 17}},
	} {
		rules = append(rules, newStayRule(w, model.Distribution{Kind: model.Exponential, MeanDays: 100}, []float64{1, 0, 0, 0, 0}))
	}
	if i := stayIndex(rules, 7, model.NeedStandard, true); i != 0 {
		t.Errorf("a UASC of 7 has stay rule %d, want 0", i)
	}
	if i := stayIndex(rules, 7, model.NeedStandard, false); i != -1 {
		t.Fatalf("a child of 7 who is not UASC has stay rule %d, want none (-1)", i)
	}
	defer func() {
		if recover() == nil {
			t.Error("stayFor gave a child of 7 who is not UASC a rule")
		}
	}()
	stayFor(rules, 7, model.NeedStandard, false)
}

// TestStockStayForNoFallback checks the same of stock_stays: a child of the stock no rule
// selects, by UASC status or by the kind their group is placed in, is given no other rule.
func TestStockStayForNoFallback(t *testing.T) {
	d := model.Distribution{Kind: model.Exponential, MeanDays: 100}
	c := &compiled{
		stockStays: []stayRule{
			newStayRule(model.Selector{Ages: model.AllAges, UASC: model.UASCOnly}, d, []float64{1, 0, 0, 0, 0}),
			newStayRule(model.Everyone, d, []float64{1, 0, 0, 0, 0}),
		},
		stockKinds: [][]model.KindID{nil, {1}},
	}
	if r := c.stockStayFor(0, 7, model.NeedStandard, true); r != &c.stockStays[0] {
		t.Error("a UASC of 7 in kind 0 was not given stock_stays[0]")
	}
	if r := c.stockStayFor(1, 7, model.NeedStandard, false); r != &c.stockStays[1] {
		t.Error("a child of 7 in kind 1 was not given stock_stays[1]")
	}
	defer func() {
		if recover() == nil {
			t.Error("stockStayFor gave a child of 7 in kind 0 who is not UASC a rule")
		}
	}()
	c.stockStayFor(0, 7, model.NeedStandard, false)
}
