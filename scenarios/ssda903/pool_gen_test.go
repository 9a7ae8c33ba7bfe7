package ssda903

import (
	"math"
	"testing"
	"time"
)

// TestGeneratedCarersPool checks the study's synthetic councils' own foster carers, a pool filled
// first: over the months of eight returns of the council of 60 entries a year, the council's
// foster care holds the pool's 31 places on average, as a pool of households coming and going
// holds them with more children wanting them than it has (within 12%: the mean of eight returns
// whose pool drifts over years lies within about 6% of it by chance); agencies hold the children
// beyond it, some 20 of them; and with a pool of 10 places, the children the council's carers no
// longer hold (about 19) are with agencies (within 4 children: the moves out of the two kinds
// differ, 0.2 and 0.25 a year, so the two counts need not match exactly).
func TestGeneratedCarersPool(t *testing.T) {
	st := studyTruths(true)[0]
	if st.truth.ownCarerPlaces != 31 {
		t.Fatalf("the council of 60 entries a year has %d places with its own carers, want 31", st.truth.ownCarerPlaces)
	}
	index := func(name string) int {
		for i, ck := range ComparedKinds {
			if ck.Name == name {
				return i
			}
		}
		t.Fatalf("no compared kind %s", name)
		return -1
	}
	own, ifaAt := index("inhouse_foster"), index("ifa")
	// means returns the council's and agencies' foster care's mean count over the month ends of
	// the five years of calibration of eight returns of tr.
	means := func(tr truth) (float64, float64) {
		var o, f, months float64
		for i := range uint64(8) {
			ret, err := Read(generate(tr, 1101+i).files(), ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			a, err := ret.Actual(time.Date(2016, 4, 1, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			for m := range 60 {
				o += float64(a.Counts[own][m])
				f += float64(a.Counts[ifaAt][m])
				months++
			}
		}
		return o / months, f / months
	}
	o31, f31 := means(st.truth)
	small := st.truth
	small.ownCarerPlaces = 10
	o10, f10 := means(small)
	t.Logf("the council's foster care holds %.1f children and agencies' %.1f with 31 places; %.1f and %.1f with 10", o31, f31, o10, f10)
	if math.Abs(o31/31-1) > 0.12 || f31 < 10 {
		t.Errorf("with 31 places, the council's foster care holds %.1f children on average and agencies' %.1f: want 31 within 12%% and agencies 10 or more", o31, f31)
	}
	if moved := o31 - o10; math.Abs(f10-f31-moved) > 4 {
		t.Errorf("with 10 places rather than 31, the council's foster care holds %.1f fewer children and agencies' %.1f more: want as many", moved, f10-f31)
	}
}
