package sim_test

import (
	"math"
	"slices"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestCareLeaversAtStart follows the young people in care leavers' accommodation on the start
// day (care_leavers.stock) with no one joining them: no children in care and none coming in.
// Each was given the time since they left care as the steady state of their stay holds it, so
// the share still there t days on is, for a fixed stay of d days (the time since uniform over
// [0, d)), 1 - t/d; and for an exponential stay of mean m cut by the 21st birthday, T = 3
// years after leaving (the time since distributed as exp(-e/m) over [0, T), the time left
// exponential but cut at T - e),
//
//	exp(-t/m) (1 - exp(-(T-t)/m)) / (1 - exp(-T/m)).
//
// Each month's end is checked against it within 4 standard errors of a binomial share of the
// young people over the replications, and 0.5% more. With the accommodation empty at the
// start, as it was before care_leavers.stock, every month fails.
func TestCareLeaversAtStart(t *testing.T) {
	const n, reps = 1000, 20
	for _, tt := range []struct {
		name, stay string
		share      func(t float64) float64
	}{
		{"fixed 1000 days", "{distribution: fixed, mean_days: 1000}", func(t float64) float64 { return max(1-t/1000, 0) }},
		{"exponential 730 days", "{distribution: exponential, mean_days: 730}", cutExponentialShare(730)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := scenarios.Load("default", []string{
				"warmup_years=0", "years=3", "entries.per_year=0", "uasc.per_year=0", "stock=[]",
				"care_leavers.places=0", "care_leavers.stock=1000", "care_leavers.stay=" + tt.stay,
			})
			if err != nil {
				t.Fatal(err)
			}
			stillThere(t, s, sim.CareLeavers, n, reps, tt.share, "of the young people there at the start are still there")
		})
	}
}

// TestStayingPutAtStart follows the young people staying put on the start day
// (staying_put.stock) with no one joining them: no children in care and none coming in, and
// no carer households of the council's own, whose leaving would end a stay early (the young
// people hold places with kinship carers and agencies). Each was given the time since their
// 18th birthday as the steady state of their stay holds it, so the share still staying put t
// days on is that of TestCareLeaversAtStart: for a fixed stay of d days 1 - t/d, and for an
// exponential stay of mean m cut by the 21st birthday, T = 3 years after it,
//
//	exp(-t/m) (1 - exp(-(T-t)/m)) / (1 - exp(-T/m)).
//
// Each month's end is checked against it within 4 standard errors of a binomial share of the
// young people over the replications, and 0.5% more. With nobody staying put at the start, as
// before staying_put.stock, every month fails.
func TestStayingPutAtStart(t *testing.T) {
	const n, reps = 1000, 20
	for _, tt := range []struct {
		name, stay string
		share      func(t float64) float64
	}{
		{"fixed 600 days", "{distribution: fixed, mean_days: 600}", func(t float64) float64 { return max(1-t/600, 0) }},
		{"exponential 365 days", "{distribution: exponential, mean_days: 365}", cutExponentialShare(365)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := scenarios.Load("default", []string{
				"warmup_years=0", "years=3", "entries.per_year=0", "uasc.per_year=0", "stock=[]",
				"care_leavers.stock=0", "kinds.inhouse_foster.carers.households=0",
				"kinds.specialist_foster.carers.households=0",
				"staying_put.stock=1000", "staying_put.stay=" + tt.stay,
			})
			if err != nil {
				t.Fatal(err)
			}
			stillThere(t, s, sim.StayingPut, n, reps, tt.share, "of the young people staying put at the start still stay put")
		})
	}
}

// stillThere runs reps replications of scenario s, whose n young people at the start metric
// counts are joined by no one, and checks the share of them counted at each month's end against
// share of the days since the start: within 4 standard errors of a binomial share of the young
// people over the replications, and 0.5% more. what says what the share is of.
func stillThere(t *testing.T, s *model.Scenario, metric string, n, reps int, share func(day float64) float64, what string) {
	t.Helper()
	res, err := sim.Run(s, sim.Options{Reps: reps, Seed: 5, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(res.Metrics, metric)
	if col < 0 {
		t.Fatalf("no metric %s", metric)
	}
	row := make([]float64, len(res.Metrics))
	all := float64(n * reps)
	for m := range res.Months {
		end := s.Start.AddDate(s.Years, 0, 0)
		if m+1 < len(res.Months) {
			end = res.Months[m+1]
		}
		day := end.Sub(s.Start).Hours() / 24
		var sum float64
		for i := range res.Reps {
			if err := res.MonthlyRows(i, m, m+1, row); err != nil {
				t.Fatal(err)
			}
			sum += row[col]
		}
		got, want := sum/all, share(day)
		tol := 4*math.Sqrt(want*(1-want)/all) + 0.005
		if math.Abs(got-want) > tol {
			t.Errorf("day %.0f: %.4f %s, want %.4f ± %.4f", day, got, what, want, tol)
		}
	}
}

// cutExponentialShare returns the share of young people after care at the start still there t
// days on, when each was given the time since their 18th birthday as the steady state of an
// exponential stay of mean m cut by their 21st birthday, T = 3 years after it, holds it:
// exp(-t/m) (1 - exp(-(T-t)/m)) / (1 - exp(-T/m)), and 0 from T.
func cutExponentialShare(m float64) func(t float64) float64 {
	const span = 3 * model.DaysPerYear
	return func(t float64) float64 {
		if t >= span {
			return 0
		}
		return math.Exp(-t/m) * (1 - math.Exp(-(span-t)/m)) / (1 - math.Exp(-span/m))
	}
}
