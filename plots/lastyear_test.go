package plots_test

import (
	"testing"
	"time"

	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/sim"
)

// TestLastWholeYear checks the year a comparison's "last year" columns show: the last whole
// financial year of a run that ends in a part year, the last year of one from 1 April, and the
// part year when no year is whole.
func TestLastWholeYear(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tc := range []struct {
		start   string
		years   int
		periods []string
		want    string
	}{
		{"2026-04-15", 2, []string{"2026/27", "2027/28", "2028/29", sim.WholeRun}, "2027/28"},
		{"2026-10-01", 3, []string{"2026/27", "2027/28", "2028/29", "2029/30"}, "2028/29"},
		{"2026-04-01", 2, []string{"2026/27", "2027/28", sim.WholeRun}, "2027/28"},
		{"2026-10-01", 1, []string{"2026/27", "2027/28", sim.WholeRun}, "2027/28"},
		{"2026-04-01", 1, []string{sim.WholeRun}, ""},
	} {
		if got := plots.LastWholeYear(day(tc.start), tc.years, tc.periods); got != tc.want {
			t.Errorf("%s, %d years, %v: %q, want %q", tc.start, tc.years, tc.periods, got, tc.want)
		}
	}
}
