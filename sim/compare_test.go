package sim

import (
	"math"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

func TestCompare(t *testing.T) {
	s := richScenario()
	base, err := Run(s, Options{Reps: 40, Seed: 8, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("self", func(t *testing.T) {
		diffs, err := Compare(base, base, 0.9)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diffs {
			if d.N > 0 && (d.DiffMean != 0 || d.DiffLo != 0 || d.DiffHi != 0) {
				t.Fatalf("%s %s: a scenario differs from itself by %v [%v, %v]", d.Period, d.KPI, d.DiffMean, d.DiffLo, d.DiffHi)
			}
		}
	})
	t.Run("fewer entries", func(t *testing.T) {
		// Cutting entries by 10% from the start: the same children arrive (by inversion of the
		// rate, later), so paired differences in entries are tight around -10%.
		// UASC are left out: the lever does not act on them, and entries counts them too.
		noUASC := func() *model.Scenario {
			s := richScenario()
			s.UASC.PerYear = 0
			var ivs []model.Intervention
			for _, iv := range s.Interventions {
				if iv.Action != model.UASCSurge {
					ivs = append(ivs, iv)
				}
			}
			s.Interventions = ivs
			return s
		}
		base, err := Run(noUASC(), Options{Reps: 40, Seed: 8, KPIsOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		alt := noUASC()
		alt.Interventions = append(alt.Interventions, model.Intervention{Action: model.EntryRate, From: alt.Start.AddDate(-1, 0, 0), Factor: 0.9})
		res, err := Run(alt, Options{Reps: 40, Seed: 8, KPIsOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		diffs, err := Compare(base, res, 0.9)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diffs {
			if d.Period != "all" || d.KPI != "entries" {
				continue
			}
			rel := d.DiffMean / d.BaseMean
			t.Logf("entries %.1f -> %.1f: %.3f, paired half-width %.1f, unpaired %.1f", d.BaseMean, d.AltMean, rel, (d.DiffHi-d.DiffLo)/2, d.UnpairedHalf)
			// The same unit-exponential draws stretched by 1/0.9: over 5 years the count falls
			// by 10% give or take the one arrival at the boundary, so 0.01 is generous.
			if math.Abs(rel+0.1) > 0.01 {
				t.Errorf("entries changed by %.4f, want -0.10 ± 0.01", rel)
			}
			if !((d.DiffHi-d.DiffLo)/2 < d.UnpairedHalf) {
				t.Errorf("the paired interval is no narrower than the unpaired one")
			}
		}
	})
	t.Run("mismatch", func(t *testing.T) {
		other, err := Run(s, Options{Reps: 40, Seed: 9, KPIsOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Compare(base, other, 0.9); err == nil || !strings.Contains(err.Error(), "same seed") {
			t.Errorf("comparing different seeds: %v", err)
		}
		short := richScenario()
		short.Years = 2
		res, err := Run(short, Options{Reps: 40, Seed: 8, KPIsOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Compare(base, res, 0.9); err == nil || !strings.Contains(err.Error(), "same start and years") {
			t.Errorf("comparing different horizons: %v", err)
		}
	})
}

func TestMeanInterval(t *testing.T) {
	// Known values: mean 2, sd 1 over 4 values, t(0.95, 3) = 3.182446.
	m, half, n := MeanInterval([]float64{1, 2, 3, 2, math.NaN()}, 0.95)
	if n != 4 || m != 2 || math.Abs(half-3.182446*math.Sqrt(2.0/3)/2) > 1e-5 {
		t.Errorf("MeanInterval = %v ± %v (n %d)", m, half, n)
	}
}

// TestCompareKindOnlyInAlternative checks that a provision kind only the alternative names is
// compared with none of it in the baseline: its spending, occupied places and share of its
// category appear, at 0 in the baseline, right after the kind before it.
func TestCompareKindOnlyInAlternative(t *testing.T) {
	base, err := Run(sharesScenario(0), Options{Reps: 4, Seed: 5, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	s := sharesScenario(0)
	s.Kinds = append(s.Kinds, model.Kind{Name: "d", Category: model.Foster, Supply: model.Market, Accepts: s.Kinds[0].Accepts,
		LocalShare: 1, WeeklyCostGBP: [model.NumNeeds]float64{700, 700, 700}})
	s.Ladders[0].Try, s.Ladders[0].Shares = []model.KindID{0, 1, 2, 4}, []float64{0.2, 0.3, 0.3, 0.2}
	alt, err := Run(s, Options{Reps: 4, Seed: 5, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	diffs, err := Compare(base, alt, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Difference{}
	var order []string
	for _, d := range diffs {
		if d.Period == WholeRun {
			got[d.KPI] = d
			order = append(order, d.KPI)
		}
	}
	for _, name := range []string{"cost_d", "occupied_d", "d_share"} {
		d, ok := got[name]
		if !ok {
			t.Errorf("%s: not compared", name)
			continue
		}
		if d.BaseMean != 0 || !(d.AltMean > 0) || d.DiffMean != d.AltMean || d.N != 4 {
			t.Errorf("%s: baseline %v, alternative %v, difference %v over %d pairs; want 0 in the baseline and the alternative's value as the difference over 4", name, d.BaseMean, d.AltMean, d.DiffMean, d.N)
		}
	}
	for i, name := range order {
		if name == "cost_d" && (i == 0 || order[i-1] != "cost_r") {
			t.Errorf("cost_d compared after %v, want right after cost_r, the kind before it", order[max(i-1, 0)])
		}
	}
}

// TestRangeRuns checks the fewest runs a central range takes: one run beyond each end
// expected, 2 / (1 - level) rounded up, and never fewer than 2.
func TestRangeRuns(t *testing.T) {
	for _, tt := range []struct {
		level float64
		want  int
	}{{0.9, 20}, {0.95, 40}, {0.8, 10}, {0.5, 4}, {0.99, 200}, {0.1, 3}, {0, 2}, {1, 2}, {math.NaN(), 2}} {
		if got := RangeRuns(tt.level); got != tt.want {
			t.Errorf("RangeRuns(%v) = %d, want %d", tt.level, got, tt.want)
		}
	}
}

// TestPercentileRuns checks the fewest runs one percentile takes to be more than the least or
// the greatest run: one run beyond it expected, as for a central range with that end.
func TestPercentileRuns(t *testing.T) {
	for _, tt := range []struct {
		p    float64
		want int
	}{{10, 10}, {90, 10}, {5, 20}, {95, 20}, {2.5, 40}, {97.5, 40}, {1, 100}, {25, 4}, {75, 4}, {49, 3}, {33, 4},
		{50, 1}, {0, 1}, {100, 1}, {math.NaN(), 1}} {
		if got := PercentileRuns(tt.p); got != tt.want {
			t.Errorf("PercentileRuns(%v) = %d, want %d", tt.p, got, tt.want)
		}
		if tt.p > 0 && tt.p < 50 {
			if r := RangeRuns(1 - 2*tt.p/100); r != tt.want {
				t.Errorf("PercentileRuns(%v) = %d, but RangeRuns of p%v to p%v = %d", tt.p, tt.want, tt.p, 100-tt.p, r)
			}
		}
	}
}
