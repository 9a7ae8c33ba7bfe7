package sim

import (
	"math"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestPeriodDays checks the days of each period a UASC grant is reckoned over: whole
// financial years from 1 April, part years of a run from 15 April, and the whole run.
func TestPeriodDays(t *testing.T) {
	april1 := &model.Scenario{Start: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Years: 2}
	april15 := &model.Scenario{Start: time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC), Years: 2}
	for _, c := range []struct {
		s      *model.Scenario
		period string
		want   float64
	}{
		{april1, "2026/27", 365}, {april1, "2027/28", 366}, {april1, WholeRun, 731}, {april1, "2028/29", 0},
		{april15, "2026/27", 351}, {april15, "2027/28", 366}, {april15, "2028/29", 14}, {april15, WholeRun, 731},
	} {
		if got := periodDays(c.s, c.period); got != c.want {
			t.Errorf("run from %s: %s has %v days, want %v", c.s.Start.Format("2 January"), c.period, got, c.want)
		}
	}
}

// TestUASCGrantsNeedARate checks that a comparison whose scenarios give no grant rate has no
// grant rows, and that one with only the leaving-care rate has only its rows.
func TestUASCGrantsNeedARate(t *testing.T) {
	s := richScenario()
	run := func(s *model.Scenario) *Results {
		res, err := Run(s, Options{Reps: 2, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := run(s)
	if g, err := UASCGrants(res, res, 0.9); err != nil || g != nil {
		t.Errorf("no rates: %v, %v", g, err)
	}
	alt := *s
	alt.UASC.LeavingCareGrantPerWeekGBP = 270
	g, err := UASCGrants(res, run(&alt), 0.9)
	if err != nil || len(g) == 0 {
		t.Fatalf("a leaving-care rate: %v, %v", g, err)
	}
	for _, d := range g {
		if d.KPI != UASCLeavingCareGrantNotCounted {
			t.Errorf("a leaving-care rate alone gives a row %s", d.KPI)
		}
	}
}

// TestUASCGrantsEachAtItsOwnRate checks that each run's UASC are priced at its own scenario's
// rate: two runs with the same children, one at £143 a night and one at £200, differ by the
// rates' difference, in every period; a run with no rate takes the other's.
func TestUASCGrantsEachAtItsOwnRate(t *testing.T) {
	s := richScenario()
	run := func(s *model.Scenario) *Results {
		res, err := Run(s, Options{Reps: 2, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	at := func(night, week float64) *Results {
		c := *s
		c.UASC.GrantPerNightGBP, c.UASC.LeavingCareGrantPerWeekGBP = night, week
		return run(&c)
	}
	g, err := UASCGrants(at(143, 270), at(200, 0), 0.9)
	if err != nil || len(g) == 0 {
		t.Fatalf("two rates: %v, %v", g, err)
	}
	// Within rounding: the same child-days times two rates.
	const tol = 1e-9
	for _, d := range g {
		want := 200.0 / 143
		if d.KPI == UASCLeavingCareGrantNotCounted {
			want = 1 // the alternative gives no weekly rate: the baseline's
		}
		if d.BaseMean == 0 {
			continue
		}
		if got := d.AltMean / d.BaseMean; math.Abs(got-want) > tol {
			t.Errorf("%s %s: the alternative's grant is %v times the baseline's, want %v", d.Period, d.KPI, got, want)
		}
	}
}
