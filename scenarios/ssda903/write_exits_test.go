package ssda903

import (
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
