package ssda903

import (
	"slices"
	"strconv"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestShownExitsHideSmallCounts checks that no exit share a scenario shows stands for fewer
// than 5 children.
func TestShownExitsHideSmallCounts(t *testing.T) {
	for _, tt := range []struct {
		counts [model.NumEarlyExitRoutes]int
		want   [model.NumEarlyExitRoutes]float64
	}{
		{[model.NumEarlyExitRoutes]int{10, 5, 5, 0, 5}, [model.NumEarlyExitRoutes]float64{0.4, 0.2, 0.2, 0, 0.2}},
		{[model.NumEarlyExitRoutes]int{10, 2, 5, 1, 2}, [model.NumEarlyExitRoutes]float64{0.5, 0, 0.25, 0, 0.25}},
		{[model.NumEarlyExitRoutes]int{8, 1, 0, 0, 0}, [model.NumEarlyExitRoutes]float64{1, 0, 0, 0, 0}},
	} {
		got := shownExits(tt.counts)
		var total int
		for _, c := range tt.counts {
			total += c
		}
		for r := range got {
			if n := got[r] * float64(total); got[r] > 0 && n < MinChildren-1e-9 {
				t.Errorf("counts %v: route %d shows a share standing for %.1f children", tt.counts, r, n)
			}
			if got[r] != tt.want[r] {
				t.Errorf("counts %v: shares %v, want %v", tt.counts, got, tt.want)
				break
			}
		}
	}
}

// TestAboutShares checks that exit shares over a count written "about" fit every count it
// stands for, so that none is given away: 5, 6, 11 and 30 of 52 exits (written 0.096, 0.115,
// 0.212 and 0.577, which fit 52 alone of 48 to 52) are written to one decimal; and that shares
// no rounding can make fit (two routes of 5 or more where "about 10" may be 8) are refused.
func TestAboutShares(t *testing.T) {
	for _, tt := range []struct {
		counts [model.NumEarlyExitRoutes]int
		about  int
		want   [model.NumEarlyExitRoutes]float64
		ok     bool
	}{
		{[model.NumEarlyExitRoutes]int{6, 5, 11, 0, 30}, 50, [model.NumEarlyExitRoutes]float64{0.1, 0.1, 0.2, 0, 0.6}, true},
		{[model.NumEarlyExitRoutes]int{0, 0, 0, 0, 12}, 10, [model.NumEarlyExitRoutes]float64{0, 0, 0, 0, 1}, true},
		{[model.NumEarlyExitRoutes]int{0, 5, 0, 0, 7}, 10, [model.NumEarlyExitRoutes]float64{}, false},
	} {
		got, ok := aboutShares(tt.counts, tt.about)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("counts %v, about %d: %v %v, want %v %v", tt.counts, tt.about, got, ok, tt.want, tt.ok)
		}
		if !ok {
			continue
		}
		var shares []string
		for _, v := range got {
			if v > 0 {
				shares = append(shares, strconv.FormatFloat(v, 'f', -1, 64))
			}
		}
		for n := max(MinChildren, tt.about-2); n <= tt.about+2; n++ {
			if !sharesFit(shares, n) {
				t.Errorf("counts %v: shares %v fit no counts of %d exits", tt.counts, shares, n)
			}
		}
	}
}

// TestPooledSteps checks that the points a table of time in care follows step by no child
// leaving or by 5 or more, the last point kept where a step of 5 or more can take the leavers
// before it, and that a curve whose only leavers up to the tail's start are 1 to 4 is not
// followed at all.
func TestPooledSteps(t *testing.T) {
	// Leavers at 20 days (3), 50 (2), 100 (6) and 200 (2); the edges 30, 61, 122, 243.
	var obs []observation
	for _, l := range []struct {
		t float64
		n int
	}{{20, 3}, {50, 2}, {100, 6}, {200, 2}, {400, 10}} {
		for range l.n {
			obs = append(obs, observation{t: l.t, event: true, w: 1})
		}
	}
	pts := []SurvivalPoint{{Days: 30}, {Days: 61}, {Days: 122}, {Days: 243}}
	keep, ok := pooledSteps(pts, obs, 243)
	var days []float64
	var left []int
	for _, p := range keep {
		days, left = append(days, p.Days), append(left, p.Left)
	}
	// 30: 3 leavers, pooled; 61: 5, kept; 122: 6, kept; 243: 2, taking 122's: 8.
	if !ok || !slices.Equal(days, []float64{61, 243}) || !slices.Equal(left, []int{5, 8}) {
		t.Errorf("kept %v with leavers %v (%v), want [61 243] with [5 8]", days, left, ok)
	}
	// 1 to 4 leavers up to the tail's start: not followed.
	if keep, ok := pooledSteps(pts[:2], obs[:4], 61); ok {
		t.Errorf("a curve of 4 leavers is followed: %v", keep)
	}
	// The same children observed twice (a child in care at two quarters' starts) leave once.
	p := &period{}
	twice := []observation{{t: 10, event: true, w: 0.5, who: p}, {t: 20, event: true, w: 0.5, who: p}}
	if n := leavers(twice, 0, 30); n != 1 {
		t.Errorf("one child observed twice: %d leavers", n)
	}
}
