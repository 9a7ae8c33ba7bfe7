package sim

import (
	"math"
	"testing"

	"github.com/placesim/placesim/model"
	"gonum.org/v1/gonum/stat"
)

// erlangB returns the Erlang B blocking probability for c servers and offered load a, by the
// stable recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
func erlangB(c int, a float64) float64 {
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

func TestErlangB(t *testing.T) {
	// Published table values: B(10, 5) = 0.018385, B(20, 16) = 0.059966... checked against
	// the closed form (a^c/c!) / sum a^k/k!.
	for _, tt := range []struct {
		c int
		a float64
	}{{1, 1}, {10, 5}, {20, 16}, {50, 45}} {
		var sum, term float64 = 0, 1
		for k := 0; k <= tt.c; k++ {
			if k > 0 {
				term *= tt.a / float64(k)
			}
			sum += term
		}
		if got, want := erlangB(tt.c, tt.a), term/sum; math.Abs(got-want) > 1e-12 {
			t.Errorf("B(%d, %v) = %v, want %v", tt.c, tt.a, got, want)
		}
	}
}

// TestErlang checks the simulator against the loss system M/G/c/c: with one pool of c places,
// Poisson arrivals and any stay distribution of the same mean, the share of children turned
// away from the pool is Erlang B(c, a) and the time-average number placed in it is a(1 - B).
// Each check passes when the theoretical value lies inside the 99% confidence interval over
// replications (normal approximation, 2.576; the t quantile for 200 replications is 2.60, 1%
// wider): of the ratio of totals for the share turned away (see withinRatio), of the mean for
// the places occupied.
func TestErlang(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical check; runs without -short")
	}
	const (
		c    = 20
		lam  = 40.0
		mean = 146.0
		reps = 200
	)
	a := lam * mean / model.DaysPerYear
	b := erlangB(c, a)
	for _, stay := range []model.Distribution{
		{Kind: model.Exponential, MeanDays: mean},
		{Kind: model.Lognormal, MeanDays: mean, Sigma: 1},
		{Kind: model.Gamma, MeanDays: mean, Shape: 4},
		{Kind: model.Empirical, Table: []model.Bin{{UpToDays: 50, Share: 0.5}, {UpToDays: 250, Share: 0.3}, {UpToDays: 635, Share: 0.2}}},
	} {
		t.Run(stay.Kind.String(), func(t *testing.T) {
			if m := stay.Mean(); math.Abs(m-mean) > 1e-9 {
				t.Fatalf("test distribution has mean %v, want %v", m, mean)
			}
			s := erlangScenario(c, lam, stay, 10, 2)
			res, err := Run(s, Options{Reps: reps, Seed: 11, Check: true})
			if err != nil {
				t.Fatal(err)
			}
			all := len(res.Periods) - 1
			matched := column(res, all, "matches", nil)
			first := column(res, all, "first_choice_matches", nil)
			blocked := make([]float64, len(matched))
			for i := range blocked {
				blocked[i] = matched[i] - first[i]
			}
			occupied := column(res, all, "occupied_inhouse_foster", nil)
			withinRatio(t, "share turned away", blocked, matched, b)
			within(t, "time-average occupied places", occupied, a*(1-b))
		})
	}
}

// column returns KPI name of period p over the replications, transformed by f if given.
func column(res *Results, p int, name string, f func(float64) float64) []float64 {
	k := -1
	for i, n := range res.KPIs {
		if n == name {
			k = i
		}
	}
	if k < 0 {
		panic("no KPI " + name)
	}
	out := make([]float64, len(res.Reps))
	for i, rep := range res.Reps {
		v := rep.KPIs[p*len(res.KPIs)+k]
		if f != nil {
			v = f(v)
		}
		out[i] = v
	}
	return out
}

// within fails the test unless want lies in the 99% confidence interval of the mean of xs.
func within(t *testing.T, what string, xs []float64, want float64) {
	t.Helper()
	m, sd := stat.MeanStdDev(xs, nil)
	half := 2.576 * sd / math.Sqrt(float64(len(xs)))
	t.Logf("%s: mean %.5f ± %.5f (99%%), theory %.5f", what, m, half, want)
	if math.Abs(m-want) > half {
		t.Errorf("%s: mean %.5f ± %.5f (99%% CI) does not cover the theoretical %.5f", what, m, half, want)
	}
}

// withinRatio fails the test unless want lies in the 99% confidence interval of the ratio of
// totals sum(num) / sum(den) over independent replications: the ratio estimator's standard
// error (the delta method), sd(num - R den) / (mean(den) sqrt(n)), times 2.576.
func withinRatio(t *testing.T, what string, num, den []float64, want float64) {
	t.Helper()
	var x, m float64
	for i := range num {
		x, m = x+num[i], m+den[i]
	}
	r := x / m
	dev := make([]float64, len(num))
	for i := range dev {
		dev[i] = num[i] - r*den[i]
	}
	n := float64(len(num))
	half := 2.576 * stat.StdDev(dev, nil) / (m / n * math.Sqrt(n))
	t.Logf("%s: ratio of totals %.5f ± %.5f (99%%), theory %.5f", what, r, half, want)
	if math.Abs(r-want) > half {
		t.Errorf("%s: ratio of totals %.5f ± %.5f (99%% CI) does not cover the theoretical %.5f", what, r, half, want)
	}
}

// TestInfiniteServer checks M/G/inf: with an unlimited pool, the number of children placed at
// a moment in steady state is Poisson with mean a = lambda x mean stay, whatever the stay
// distribution. The mean must fall in the 99% confidence interval and the dispersion
// (variance / mean) within 1 ± 3 sqrt(2 / (n - 1)), the sampling spread of a variance.
func TestInfiniteServer(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical check; runs without -short")
	}
	const reps = 400
	for _, stay := range []model.Distribution{
		{Kind: model.Exponential, MeanDays: 300},
		{Kind: model.Lognormal, MeanDays: 300, Sigma: 1},
	} {
		t.Run(stay.Kind.String(), func(t *testing.T) {
			// A 15-year warm-up from empty: the lognormal's tail beyond it holds under 0.01
			// children on average, far inside the interval.
			s := erlangScenario(0, 60, stay, 2, 15)
			s.Kinds[0].Carers.Households = 0
			s.Ladders[0].Try = []model.KindID{1}
			res, err := Run(s, Options{Reps: reps, Seed: 2})
			if err != nil {
				t.Fatal(err)
			}
			a := 60 * 300 / model.DaysPerYear
			m := -1
			for i, n := range res.Metrics {
				if n == "children_ifa" {
					m = i
				}
			}
			xs, err := res.Metric(len(res.Months)-1, m)
			if err != nil {
				t.Fatal(err)
			}
			within(t, "children placed", xs, a)
			mean, sd := stat.MeanStdDev(xs, nil)
			disp, tol := sd*sd/mean, 3*math.Sqrt(2.0/(reps-1))
			t.Logf("dispersion %.3f (Poisson 1 ± %.3f)", disp, tol)
			if math.Abs(disp-1) > tol {
				t.Errorf("variance/mean %.3f, want 1 ± %.3f for a Poisson count", disp, tol)
			}
		})
	}
}
