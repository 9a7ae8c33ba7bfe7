package ssda903

import (
	"flag"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/sim"
)

// mixStudy runs the full study of the placement mix: many synthetic returns, each backtested.
var mixStudy = flag.Bool("mixstudy", false, "run the full study of the placement mix by kind (slow)")

// mixHorizons are the months of horizon the study of the mix looks at.
var mixHorizons = []int{12, 24, 36}

// mixResult is one backtest of a synthetic return: for each compared group and horizon,
// whether the actual count fell inside the simulated 90% band, and the simulated mean and the
// actual count.
type mixResult struct {
	inside       [][]bool
	mean, actual [][]float64
}

// backtestMix generates the return of t with seed, calibrates on the data before at years
// before its end, simulates reps replications on and compares month by month.
func backtestMix(tb testing.TB, t truth, seed uint64, back, reps int) mixResult {
	tb.Helper()
	g := generate(t, seed)
	ret, err := Read(g.files(), ReadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	at := time.Date(t.toYear-back, 4, 1, 0, 0, 0, 0, time.UTC)
	cal, err := Calibrate(ret, Options{Base: baseScenario(tb), To: at})
	if err != nil {
		tb.Fatal(err)
	}
	s, _ := cal.Scenario(ScenarioOptions{Name: "mix", Extends: "default"})
	SetYears(s, back)
	actual, err := ret.Actual(at)
	if err != nil {
		tb.Fatal(err)
	}
	res, err := sim.Run(s, sim.Options{Reps: reps, Seed: seed, Workers: 1})
	if err != nil {
		tb.Fatal(err)
	}
	index := map[string]int{}
	for i, m := range res.Metrics {
		index[m] = i
	}
	nm := len(res.Metrics)
	out := mixResult{}
	vals := make([]float64, reps)
	for gi, ck := range ComparedKinds {
		var ins []bool
		var means, acts []float64
		for _, h := range mixHorizons {
			m := h - 1
			for r := range res.Reps {
				row := make([]float64, nm)
				if err := res.MonthlyRows(r, m, m+1, row); err != nil {
					tb.Fatal(err)
				}
				var v float64
				for _, name := range ck.Metrics {
					v += row[index[name]]
				}
				vals[r] = v
			}
			sort.Float64s(vals)
			lo, hi := quantile(vals, 0.05), quantile(vals, 0.95)
			var mean float64
			for _, v := range vals {
				mean += v
			}
			mean /= float64(len(vals))
			a := float64(actual.Counts[gi][m])
			ins = append(ins, a >= lo && a <= hi)
			means = append(means, mean)
			acts = append(acts, a)
		}
		out.inside = append(out.inside, ins)
		out.mean = append(out.mean, means)
		out.actual = append(out.actual, acts)
	}
	return out
}

// quantile returns the q-quantile of sorted values, interpolated.
func quantile(sorted []float64, q float64) float64 {
	p := q * float64(len(sorted)-1)
	i := int(p)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (p-float64(i))*(sorted[i+1]-sorted[i])
}

// mixTruth is the truth of the study: the typical county with eight years of returns, so
// that five years calibrate and three are forecast.
func mixTruth() truth {
	t := typical()
	t.fromYear, t.toYear = 2016, 2024
	return t
}

// mixSummary is the coverage and bias by group and horizon over many backtests.
type mixSummary struct {
	coverage, bias [][]float64
	n              int
}

func summariseMix(rs []mixResult) mixSummary {
	s := mixSummary{n: len(rs)}
	for gi := range ComparedKinds {
		cov := make([]float64, len(mixHorizons))
		bias := make([]float64, len(mixHorizons))
		for hi := range mixHorizons {
			var in int
			var sm, sa float64
			for _, r := range rs {
				if r.inside[gi][hi] {
					in++
				}
				sm += r.mean[gi][hi]
				sa += r.actual[gi][hi]
			}
			cov[hi] = float64(in) / float64(len(rs))
			bias[hi] = math.NaN()
			if sa > 0 {
				bias[hi] = sm/sa - 1
			}
		}
		s.coverage = append(s.coverage, cov)
		s.bias = append(s.bias, bias)
	}
	return s
}

func (s mixSummary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d backtests; 90%% band coverage and bias of the simulated mean at 12, 24, 36 months\n", s.n)
	for gi, ck := range ComparedKinds {
		fmt.Fprintf(&b, "%-24s", ck.Name)
		for hi := range mixHorizons {
			fmt.Fprintf(&b, "  %3.0f%% %+5.1f%%", 100*s.coverage[gi][hi], 100*s.bias[gi][hi])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestMixByKind backtests synthetic returns of known truth (mixTruth: five years calibrate,
// three are forecast) and checks that the calibrated scenario's children by placement kind
// follow the return's: a year on, the simulated mean of each kind, summed over the returns, is
// within 10% of the actual counts, give or take two standard errors of the mean relative error
// over the returns (a few returns of a few dozen children a kind are noisy). Calibrated on the
// base's ladders, first placements and moves missed it by 13-35% for five of the seven kinds.
// With -mixstudy it backtests 100 returns of 100 replications each and logs the coverage of
// the 90% bands and the bias by kind at 12, 24 and 36 months.
func TestMixByKind(t *testing.T) {
	t.Parallel() // one core: its replications run one at a time
	n, reps := 20, 30
	if *mixStudy {
		n, reps = 100, 100
	} else if testing.Short() {
		t.Skip("backtests 20 synthetic returns")
	}
	var rs []mixResult
	for seed := range uint64(n) {
		rs = append(rs, backtestMix(t, mixTruth(), seed+1, 3, reps))
	}
	sum := summariseMix(rs)
	t.Log("\n" + sum.String())
	const year = 0 // index of 12 months in mixHorizons
	for gi, ck := range ComparedKinds[:len(ComparedKinds)-1] {
		var e, e2 float64
		for _, r := range rs {
			d := r.mean[gi][year]/max(r.actual[gi][year], 1) - 1
			e += d
			e2 += d * d
		}
		mean := e / float64(n)
		se := math.Sqrt(max(e2/float64(n)-mean*mean, 0) / float64(n-1))
		tol := 0.08 + 2*se
		t.Logf("%s: bias %.3f tol %.3f", ck.Name, sum.bias[gi][year], tol)
		if math.Abs(sum.bias[gi][year]) > tol {
			t.Errorf("%s a year on: simulated %+.1f%% off the return's counts, beyond %.1f%%", ck.Name, 100*sum.bias[gi][year], 100*tol)
		}
	}
}
