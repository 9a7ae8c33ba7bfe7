package sim

import (
	"bytes"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestSharesAreRatios checks, on the scenario that uses every feature, that every KPI named
// as a share is listed in Results.Ratios; that in every replication and period a share equals
// its numerator over its denominator (NaN when the denominator is 0); and that the summary's
// mean of a share is the ratio of the totals while its percentiles are the replications' own.
func TestSharesAreRatios(t *testing.T) {
	res, err := Run(richScenario(), Options{Reps: 12, Seed: 4, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for k, name := range res.KPIs {
		_, ok := res.RatioOf(k)
		if strings.HasSuffix(name, "_share") != ok {
			t.Errorf("%s: listed as a ratio %v", name, ok)
		}
	}
	if len(res.Ratios) < 4 {
		t.Fatalf("%d ratios, want at least first_choice, placed_distant, three_plus_moves and a kind", len(res.Ratios))
	}
	for _, r := range res.Ratios {
		name := res.KPIs[r.KPI]
		t.Run(name, func(t *testing.T) {
			var mixed bool // some replication's share differs from the ratio of totals
			for p, period := range res.Periods {
				num, den, share := res.KPI(p, r.Num), res.KPI(p, r.Den), res.KPI(p, r.KPI)
				var sn, sd float64
				for i := range share {
					sn, sd = sn+num[i], sd+den[i]
					if den[i] == 0 {
						if !math.IsNaN(share[i]) {
							t.Errorf("%s rep %d: %v with a denominator of 0, want NaN", period, i, share[i])
						}
						continue
					}
					// The share and its parts come from the same totals: they agree to rounding.
					if want := num[i] / den[i]; math.Abs(share[i]-want) > 1e-12*math.Max(1, want) {
						t.Errorf("%s rep %d: %v, numerator / denominator %v", period, i, share[i], want)
					}
				}
				st := res.Summary(p, r.KPI, DefaultPercentiles)
				plain := Summarise(share, DefaultPercentiles)
				if sd == 0 {
					if !math.IsNaN(st.Mean) {
						t.Errorf("%s: mean %v with no denominator, want NaN", period, st.Mean)
					}
					continue
				}
				if st.Mean != sn/sd {
					t.Errorf("%s: mean %v, want the ratio of totals %v", period, st.Mean, sn/sd)
				}
				if !slices.Equal(st.Percentiles, plain.Percentiles) || st.SD != plain.SD || st.N != plain.N {
					t.Errorf("%s: percentiles %v sd %v n %d, want the replications' own %v %v %d", period, st.Percentiles, st.SD, st.N, plain.Percentiles, plain.SD, plain.N)
				}
				mixed = mixed || math.Abs(plain.Mean-st.Mean) > 1e-12
			}
			if !mixed && name == "first_choice_share" {
				t.Errorf("the mean of the replications' shares equals the ratio of totals in every period: the test does not tell them apart")
			}
		})
	}
}

// TestRatioIntervalCoverage checks the delta-method intervals on synthetic replications whose
// true ratio is known: each replication has Poisson(n) matches (n small, so that the ratio of
// each is far from normal), and each match is turned away with a probability that rises with
// the matches of the replication, as in a busy year. The ratio of totals converges to
// E[turned away] / E[matches]; the mean of per-replication ratios does not. Over 1,000 trials
// of 200 replications, a 90% interval must cover the truth in 900 ± 3 sd of a binomial
// (sd = sqrt(1000 × 0.9 × 0.1) = 9.5, so 872-928).
func TestRatioIntervalCoverage(t *testing.T) {
	const (
		trials = 1000
		reps   = 200
		level  = 0.9
		lambda = 6.0
	)
	turnedAway := func(m int) float64 { return math.Min(0.9, 0.02*float64(m)) }
	// E[X] / E[N] with X | N binomial(N, p(N)): sum over N of N p(N) P(N) / lambda.
	var truth float64
	pmf := math.Exp(-lambda)
	for m := 0; m < 100; m++ {
		if m > 0 {
			pmf *= lambda / float64(m)
		}
		truth += float64(m) * turnedAway(m) * pmf
	}
	truth /= lambda
	// Paired: the alternative turns away a fifth fewer of the same replication's matches.
	diffTruth := -0.2 * truth
	rng := rand.New(rand.NewPCG(1, 2))
	poisson := func() int {
		k, p := 0, rng.Float64()
		for l := math.Exp(-lambda); p > l; k++ {
			p *= rng.Float64()
		}
		return k
	}
	var cover, coverDiff, coverNaive int
	num, den, alt := make([]float64, reps), make([]float64, reps), make([]float64, reps)
	for range trials {
		for i := range reps {
			m := poisson()
			var x, y float64
			for range m {
				u := rng.Float64()
				if u < turnedAway(m) {
					x++
				}
				if u < 0.8*turnedAway(m) {
					y++
				}
			}
			num[i], den[i], alt[i] = x, float64(m), y
		}
		r, half, n := RatioInterval(num, den, level)
		if n != reps {
			t.Fatalf("n = %d, want %d", n, reps)
		}
		if math.Abs(r-truth) <= half {
			cover++
		}
		d := ratioDifference("all", "turned_away_share", num, den, alt, den, level)
		if d.DiffLo <= diffTruth && diffTruth <= d.DiffHi {
			coverDiff++
		}
		var ratios []float64
		for i := range reps {
			ratios = append(ratios, num[i]/den[i])
		}
		if m, h, _ := MeanInterval(ratios, level); math.Abs(m-truth) <= h {
			coverNaive++
		}
	}
	t.Logf("truth %.5f; 90%% coverage: ratio of totals %d, paired difference %d, mean of ratios %d (of %d)", truth, cover, coverDiff, coverNaive, trials)
	for _, c := range []struct {
		what string
		n    int
	}{{"ratio of totals", cover}, {"paired difference", coverDiff}} {
		if c.n < 872 || c.n > 928 {
			t.Errorf("%s: the 90%% interval covered the truth in %d of %d trials, want 872-928", c.what, c.n, trials)
		}
	}
	// The mean of per-replication ratios is biased here: its interval misses far more often.
	if coverNaive >= 872 {
		t.Errorf("the mean of ratios covered the truth in %d of %d trials: the test does not show its bias", coverNaive, trials)
	}
}

// TestResultsMeanInterval checks that the interval --precision stops on is the ratio
// estimator's for a share and Student's t for any other KPI.
func TestResultsMeanInterval(t *testing.T) {
	res, err := Run(richScenario(), Options{Reps: 10, Seed: 2, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	all := len(res.Periods) - 1
	share, cost := slices.Index(res.KPIs, "first_choice_share"), slices.Index(res.KPIs, "cost_total")
	r, _ := res.RatioOf(share)
	gm, gh, gn := res.MeanInterval(all, share, 0.9)
	wm, wh, wn := RatioInterval(res.KPI(all, r.Num), res.KPI(all, r.Den), 0.9)
	if gm != wm || gh != wh || gn != wn || !(gh > 0) {
		t.Errorf("share: %v ± %v (n %d), want %v ± %v (n %d)", gm, gh, gn, wm, wh, wn)
	}
	gm, gh, gn = res.MeanInterval(all, cost, 0.9)
	wm, wh, wn = MeanInterval(res.KPI(all, cost), 0.9)
	if gm != wm || gh != wh || gn != wn || !(gh > 0) {
		t.Errorf("cost: %v ± %v (n %d), want %v ± %v (n %d)", gm, gh, gn, wm, wh, wn)
	}
}

func TestRatioInterval(t *testing.T) {
	// Known values: R = 6 / 12 = 0.5; the terms num - R den are 0, 1, -1 (sd 1), mean(den) 4,
	// so the standard error is 1 / (4 sqrt(3)) and t(0.95, 2) = 4.302653.
	r, half, n := RatioInterval([]float64{1, 3, 2}, []float64{2, 4, 6}, 0.95)
	if n != 3 || r != 0.5 || math.Abs(half-4.302653/(4*math.Sqrt(3))) > 1e-6 {
		t.Errorf("RatioInterval = %v ± %v (n %d)", r, half, n)
	}
	if r, half, _ := RatioInterval([]float64{0, 0}, []float64{0, 0}, 0.95); !math.IsNaN(r) || !math.IsNaN(half) {
		t.Errorf("no denominator: %v ± %v, want NaN", r, half)
	}
	if r, half, _ := RatioInterval([]float64{1}, []float64{4}, 0.95); r != 0.25 || !math.IsInf(half, 1) {
		t.Errorf("one replication: %v ± %v, want 0.25 ± Inf", r, half)
	}
}

// TestCompareShares checks that a comparison takes a share's means as ratios of totals and
// its difference as theirs.
func TestCompareShares(t *testing.T) {
	s := richScenario()
	base, err := Run(s, Options{Reps: 20, Seed: 8, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	alt := richScenario()
	alt.Kinds[1].Carers.Households += 15
	res, err := Run(alt, Options{Reps: 20, Seed: 8, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	diffs, err := Compare(base, res, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	k := slices.Index(base.KPIs, "first_choice_share")
	for p, period := range base.Periods {
		i := slices.IndexFunc(diffs, func(d Difference) bool { return d.Period == period && d.KPI == "first_choice_share" })
		if i < 0 {
			t.Fatalf("%s: no first_choice_share in the comparison", period)
		}
		d := diffs[i]
		b, a := base.Summary(p, k, nil).Mean, res.Summary(p, k, nil).Mean
		if d.BaseMean != b || d.AltMean != a || d.DiffMean != a-b || d.N != 20 {
			t.Errorf("%s: %v -> %v (%v, n %d), want %v -> %v (%v, n 20)", period, d.BaseMean, d.AltMean, d.DiffMean, d.N, b, a, a-b)
		}
		if !(d.DiffLo < d.DiffMean && d.DiffMean < d.DiffHi) {
			t.Errorf("%s: interval [%v, %v] does not hold %v", period, d.DiffLo, d.DiffHi, d.DiffMean)
		}
	}
}

func TestAppendNum(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{1, "1"},
		{-2.5, "-2.5"},
		{0.1, "0.1"},
		{1.0 / 3, "0.3333333333333333"},
		{0.00001234, "0.00001234"},
		{62505601.09312345, "62505601.09312345"},
		{1e21, "1000000000000000000000"},
		{math.NaN(), "NA"},
		{math.Inf(1), "NA"},
		{math.Inf(-1), "NA"},
	} {
		if got := FormatNum(tt.v); got != tt.want {
			t.Errorf("FormatNum(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
	// Every finite number reads back exactly.
	rng := rand.New(rand.NewPCG(3, 4))
	for range 10000 {
		v := math.Float64frombits(rng.Uint64())
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		got, err := strconv.ParseFloat(FormatNum(v), 64)
		if err != nil || (got != v && !(v == 0 && got == 0)) {
			t.Fatalf("%v written %s reads back as %v (%v)", v, FormatNum(v), got, err)
		}
	}
}

// TestCSVQuoting writes every CSV of a run and a comparison for a scenario whose name holds a
// comma and quotes, and reads them back with encoding/csv: every row has the header's columns
// and the scenario's name as it was.
func TestCSVQuoting(t *testing.T) {
	const name = `a "quoted", name`
	s := erlangScenario(3, 10, model.Distribution{Kind: model.Exponential, MeanDays: 146}, 2, 0)
	s.Name = name
	res, err := Run(s, Options{Reps: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	diffs, err := Compare(res, res, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		file  string
		write func(*bytes.Buffer) error
		name  []int // the columns that hold the scenario's name
	}{
		{"summary.csv", func(b *bytes.Buffer) error { return res.WriteSummary(b, []float64{5, 50, 97.5}) }, []int{0}},
		{"kpis.csv", func(b *bytes.Buffer) error { return res.WriteKPIs(b) }, []int{0}},
		{"timeseries.csv", func(b *bytes.Buffer) error { return res.WriteTimeseries(b, DefaultPercentiles) }, []int{0}},
		{"comparison.csv", func(b *bytes.Buffer) error { return WriteComparison(b, name, name, diffs, true) }, []int{0, 1}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			cr := csv.NewReader(&b) // FieldsPerRecord 0: every row must have the header's columns
			rows, err := cr.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) < 2 {
				t.Fatalf("%d rows", len(rows))
			}
			for i, row := range rows[1:] {
				for _, c := range tt.name {
					if row[c] != name {
						t.Fatalf("row %d column %d: %q, want %q", i+2, c, row[c], name)
					}
				}
				if last := row[len(row)-1]; last != "NA" {
					if _, err := strconv.ParseFloat(last, 64); err != nil {
						t.Fatalf("row %d column %s: %q is not a number", i+2, rows[0][len(row)-1], last)
					}
				}
			}
		})
	}
}

// TestRatioDifferenceEdges checks the paired comparison of shares where it has little to go on.
func TestRatioDifferenceEdges(t *testing.T) {
	nan := math.NaN()
	for _, tt := range []struct {
		name                    string
		bn, bd, an, ad          []float64
		base, alt, diff, lo, hi float64
	}{
		{"no denominator anywhere", []float64{0, 0}, []float64{0, 0}, []float64{0, 0}, []float64{0, 0}, nan, nan, nan, nan, nan},
		{"no denominator in the alternative", []float64{1, 1}, []float64{2, 4}, []float64{0, 0}, []float64{0, 0}, 1.0 / 3, nan, nan, nan, nan},
		{"one pair", []float64{1}, []float64{4}, []float64{3}, []float64{4}, 0.25, 0.75, 0.5, nan, nan},
		{"the same run", []float64{1, 2, 0}, []float64{4, 4, 0}, []float64{1, 2, 0}, []float64{4, 4, 0}, 0.375, 0.375, 0, 0, 0},
		// Ratios 2/4 against 1/4 in every pair: the difference is the same in each, so exact.
		{"a constant difference", []float64{1, 2}, []float64{4, 8}, []float64{2, 4}, []float64{4, 8}, 0.25, 0.5, 0.25, 0.25, 0.25},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := ratioDifference("all", "x_share", tt.bn, tt.bd, tt.an, tt.ad, 0.9)
			for _, c := range []struct {
				what      string
				got, want float64
			}{{"base", d.BaseMean, tt.base}, {"alt", d.AltMean, tt.alt}, {"diff", d.DiffMean, tt.diff}, {"lo", d.DiffLo, tt.lo}, {"hi", d.DiffHi, tt.hi}} {
				same := c.got == c.want || math.IsNaN(c.got) && math.IsNaN(c.want) || math.Abs(c.got-c.want) <= 1e-15
				if !same {
					t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
				}
			}
			if d.N != len(tt.bn) {
				t.Errorf("N = %d, want %d", d.N, len(tt.bn))
			}
		})
	}
}
