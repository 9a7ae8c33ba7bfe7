package sim_test

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// t2 is Student's t quantile at 0.95 with 2 degrees of freedom, in closed form: with two
// degrees of freedom the quantile at u is (2u - 1) / sqrt(2u(1 - u)).
var t2 = 0.9 / math.Sqrt(2*0.95*0.05)

func TestPair(t *testing.T) {
	nan := math.NaN()
	// Percentiles interpolate linearly (gonum's LinInterp): among 10, 12, 14 the 5th is 10,
	// the median 0.5×10 + 0.5×12 = 11 and the 95th 0.15×12 + 0.85×14 = 13.7; among 9, 10, 11
	// the median is 9.5.
	three := sim.Paired{Lo: 10, Median: 11, Hi: 13.7, Mean: 12, BaseMedian: 9.5, BaseMean: 10,
		Diff: 2, DiffLo: 2 - t2/math.Sqrt(3), DiffHi: 2 + t2/math.Sqrt(3), N: 3, Valid: true}
	for _, tc := range []struct {
		name      string
		alt, base []float64
		want      sim.Paired
	}{
		// Differences 1, 2, 3: mean 2, standard deviation 1.
		{"three pairs", []float64{10, 12, 14}, []float64{9, 10, 11}, three},
		// The pair with a NaN is left out of the differences, and the NaN out of the spread;
		// the baseline's centre is of all its values (5, 9, 10, 11: median 9, mean 8.75).
		{"a NaN", []float64{10, 12, 14, nan}, []float64{9, 10, 11, 5}, func() sim.Paired {
			p := three
			p.BaseMedian, p.BaseMean = 9, 8.75
			return p
		}()},
		// One pair: no interval, so both bounds are the difference.
		{"one pair", []float64{7}, []float64{4}, sim.Paired{Lo: 7, Median: 7, Hi: 7, Mean: 7, BaseMedian: 4, BaseMean: 4,
			Diff: 3, DiffLo: 3, DiffHi: 3, N: 1, Valid: true}},
		{"no values", nil, nil, sim.Paired{Diff: nan, DiffLo: nan, DiffHi: nan}},
		{"only NaN", []float64{nan}, []float64{1}, sim.Paired{Diff: nan, DiffLo: nan, DiffHi: nan}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := sim.Pair(tc.alt, tc.base, 0.9)
			// Tolerance: a few float64 roundings of values near 10.
			const tol = 1e-12
			near := func(a, b float64) bool {
				return (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) <= tol*math.Max(1, math.Abs(b))
			}
			w := tc.want
			if got.N != w.N || got.Valid != w.Valid ||
				!near(got.Lo, w.Lo) || !near(got.Median, w.Median) || !near(got.Hi, w.Hi) || !near(got.Mean, w.Mean) ||
				!near(got.BaseMedian, w.BaseMedian) || !near(got.BaseMean, w.BaseMean) ||
				!near(got.Diff, w.Diff) || !near(got.DiffLo, w.DiffLo) || !near(got.DiffHi, w.DiffHi) {
				t.Errorf("got %+v\nwant %+v", got, w)
			}
		})
	}
}

// results returns results by hand: two monthly metrics over February to May 2026 (the end of
// 2025/26 and the start of 2026/27) and one KPI, in two replications.
func results() *sim.Results {
	month := func(m time.Month) time.Time { return time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC) }
	return &sim.Results{
		Months:  []time.Time{month(2), month(3), month(4), month(5)},
		Metrics: []string{"a", "b"},
		KPIs:    []string{"k"},
		Periods: []string{"2025/26", "2026/27", sim.WholeRun},
		Reps: []sim.Replication{
			{Index: 0, Monthly: []float64{1, 10, 2, 20, 3, 30, 5, 50}, KPIs: []float64{1, 2, 3}},
			{Index: 1, Monthly: []float64{0, 0, 0, 0, 4, 40, 8, 80}, KPIs: []float64{4, 5, 6}},
		},
	}
}

func TestYearMean(t *testing.T) {
	res := results()
	for _, tc := range []struct {
		period, metric string
		want           []float64
	}{
		{"2025/26", "a", []float64{1.5, 0}},
		{"2026/27", "b", []float64{40, 60}},
		{"2027/28", "b", nil},
		{"2026/27", "c", nil},
	} {
		got, err := res.YearMean(tc.period, tc.metric)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("YearMean(%s, %s) = %v, %v; want %v", tc.period, tc.metric, got, err, tc.want)
		}
	}
	res.Reps[1].Monthly = nil
	if got, err := res.YearMean("2026/27", "a"); err == nil {
		t.Errorf("YearMean of a replication with no monthly record = %v, want an error", got)
	}
}

func TestKPIValuesAndYears(t *testing.T) {
	res := results()
	if got := res.KPIValues("2026/27", "k"); !slices.Equal(got, []float64{2, 5}) {
		t.Errorf("KPIValues(2026/27, k) = %v, want [2 5]", got)
	}
	if got := res.KPIValues(sim.WholeRun, "k"); !slices.Equal(got, []float64{3, 6}) {
		t.Errorf("KPIValues(all, k) = %v, want [3 6]", got)
	}
	if got := res.KPIValues("2026/27", "x"); got != nil {
		t.Errorf("KPIValues of a missing KPI = %v, want nil", got)
	}
	if got := res.Years(); !slices.Equal(got, []string{"2025/26", "2026/27"}) || len(res.Periods) != 3 {
		t.Errorf("Years() = %v (periods %v), want [2025/26 2026/27]", got, res.Periods)
	}
	alt := results()
	alt.Reps[0].KPIs[1] = 4 // differences 2 and 0 in 2026/27
	p, ok := sim.PairKPI(alt, res, "2026/27", "k", 0.9)
	if !ok || p.Diff != 1 || p.BaseMean != 3.5 || p.Mean != 4.5 {
		t.Errorf("PairKPI = %+v, %v; want a mean difference of 1 from 3.5 to 4.5", p, ok)
	}
	if _, ok := sim.PairKPI(alt, res, "2030/31", "k", 0.9); ok {
		t.Error("PairKPI of a missing period reports a figure")
	}
}

func TestDifferenceLookups(t *testing.T) {
	diffs := []sim.Difference{
		{Period: "2026/27", KPI: "cost_total", DiffLo: 1, DiffHi: 3, UnpairedHalf: 4},
		{Period: sim.WholeRun, KPI: "cost_total", DiffLo: 2, DiffHi: 2, UnpairedHalf: 4},
	}
	d, ok := sim.FindDifference(diffs, "2026/27", "cost_total")
	if !ok || d.UnpairedHalf != 4 {
		t.Errorf("FindDifference = %+v, %v", d, ok)
	}
	if _, ok := sim.FindDifference(diffs, "2027/28", "cost_total"); ok {
		t.Error("FindDifference found a missing period")
	}
	// A paired half-width of 1 against an unpaired one of 4.
	if g := diffs[0].PairingGain(); g != 4 {
		t.Errorf("PairingGain = %v, want 4", g)
	}
	if g := diffs[1].PairingGain(); !math.IsNaN(g) {
		t.Errorf("PairingGain of an interval with no width = %v, want NaN", g)
	}
}

func TestHeadlineGapKind(t *testing.T) {
	kind := func(name string, supply model.Supply, cat model.Category, from int) model.Kind {
		k := model.Kind{Name: name, Supply: supply, Category: cat}
		k.Accepts.Ages.FromYears = from
		return k
	}
	s := &model.Scenario{Kinds: []model.Kind{
		kind("ifa", model.Market, model.Foster, 0),
		kind("teen_foster", model.Carers, model.Foster, 11),
		kind("home", model.Homes, model.Residential, 0),
		kind("inhouse_foster", model.Carers, model.Foster, 0),
	}}
	if k, ok := sim.HeadlineGapKind(s); !ok || k != 3 {
		t.Errorf("HeadlineGapKind = %d, %v; want 3 (inhouse_foster)", k, ok)
	}
	s.Kinds = s.Kinds[:3]
	if k, ok := sim.HeadlineGapKind(s); ok {
		t.Errorf("HeadlineGapKind with no mainstream foster care = %d, want none", k)
	}
}

// TestSameInEveryPair checks that a paired interval whose width is rounding alone, relative to
// the means compared, counts as no width: the difference is the same in every pair, and the
// pairing gain is not a number rather than 10¹⁴.
func TestSameInEveryPair(t *testing.T) {
	tests := []struct {
		name string
		d    sim.Difference
		same bool
	}{
		{"rounding on £50m", sim.Difference{BaseMean: 5e7, AltMean: 5.1e7, DiffMean: 1e6, DiffLo: 1e6 - 1e-7, DiffHi: 1e6 + 1e-7, UnpairedHalf: 2e6}, true},
		{"no width", sim.Difference{BaseMean: 5e7, AltMean: 5.1e7, DiffMean: 1e6, DiffLo: 1e6, DiffHi: 1e6, UnpairedHalf: 2e6}, true},
		{"£1 on £50m", sim.Difference{BaseMean: 5e7, AltMean: 5.1e7, DiffMean: 1e6, DiffLo: 1e6 - 0.5, DiffHi: 1e6 + 0.5, UnpairedHalf: 2e6}, false},
		{"undefined", sim.Difference{BaseMean: 5e7, AltMean: 5.1e7, DiffMean: 1e6, DiffLo: math.NaN(), DiffHi: math.NaN()}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.SameInEveryPair(); got != tt.same {
				t.Errorf("SameInEveryPair = %v, want %v", got, tt.same)
			}
			if g := tt.d.PairingGain(); tt.same != math.IsNaN(g) && !math.IsNaN(tt.d.DiffLo) {
				t.Errorf("PairingGain = %v", g)
			}
		})
	}
}
