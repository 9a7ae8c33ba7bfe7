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
				if got, want := c.stayRule(age, need, uasc), stayFor(c.stays, age, need, uasc); got != want {
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
