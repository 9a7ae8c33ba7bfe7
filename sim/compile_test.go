package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestLadderTable checks that the ladder looked up by a child's whole years of age, need and
// UASC status is the one trying each ladder in turn finds, at ages within a year, on the
// birthdays themselves, and outside the table.
func TestLadderTable(t *testing.T) {
	c, err := compile(richScenario())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.s.Ladders) < 2 {
		t.Fatalf("the rich scenario has %d ladders: too few to test the table", len(c.s.Ladders))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	ages := []float64{-1, -1e-9, 0, 1 - 1e-12, 1, 10.5, 17.999999, 18, ageSlots - 1e-9, ageSlots, 25, math.NaN(), math.Inf(1)}
	for range 2000 {
		ages = append(ages, rng.Float64()*21-1)
	}
	for y := range ageSlots + 1 {
		ages = append(ages, float64(y), math.Nextafter(float64(y), -1))
	}
	seen := map[int]bool{}
	for _, age := range ages {
		for need := range model.NumNeeds {
			for _, uasc := range []bool{false, true} {
				got, want := c.ladderIndex(age, need, uasc), c.ladderScan(age, need, uasc)
				if got != want {
					t.Fatalf("age %v, need %v, UASC %v: ladder %d, trying each %d", age, need, uasc, got, want)
				}
				seen[got] = true
			}
		}
	}
	if len(seen) < 2 {
		t.Fatalf("every child met the same ladder: %v", seen)
	}
}
