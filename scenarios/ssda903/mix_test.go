package ssda903

import (
	"flag"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
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

// TestSupportedAccommodationMoves checks that a calibrated scenario moves young people out of
// supported accommodation to another kind as often as the return does. A breakdown there is a
// new first choice from the ladder of 16-17-year-olds, which draws supported accommodation again
// as often as its share of their first placements (4 in 9 in the typical council, where one
// move in six out of it goes back to it): the rate written, times the share of breakdowns that
// draw another kind, is the rate at which young people leave the kind by moves in the scenario,
// and it must be the return's moves to another kind per child-year in it. Before the rate
// counted only those moves it came to two thirds of the return's (0.17 a year where the return
// shows 0.25). Tolerance: 2%, for the ladder's shares rounded to thousandths.
func TestSupportedAccommodationMoves(t *testing.T) {
	tr := typical()
	tr.perYear, tr.uascPerYear = 350, 0.01 // next to none: a UASC ladder would draw the kind otherwise
	ret, cal := calibrated(t, baseScenario(t), tr, 7, time.Time{})
	s, _ := cal.Scenario(ScenarioOptions{Name: "sa", Extends: "default"})
	// The return's moves out of supported accommodation to another kind, per child-year in it.
	w := window{from: dayOf(cal.Estimates.From), to: dayOf(cal.Estimates.To) + 1}
	var changes, all int
	var years float64
	for i := range ret.periods {
		pls := ret.placements(&ret.periods[i])
		for j, pl := range pls {
			if pl.kind == supportedAccommodation {
				end := pl.end
				if end == noDay || end > w.to {
					end = w.to
				}
				if lo := max(pl.start, w.from); end > lo {
					years += float64(end-lo) / model.DaysPerYear
				}
			}
			if j > 0 && pl.move && pls[j-1].kind == supportedAccommodation && pl.start >= w.from && pl.start < w.to {
				all++
				if pl.kind != supportedAccommodation {
					changes++
				}
			}
		}
	}
	want := float64(changes) / years
	var m MoveRate
	for _, mr := range cal.Estimates.Moves {
		if mr.Kind == supportedAccommodation.String() {
			m = mr
		}
	}
	again := math.NaN()
	for _, l := range s.Ladders {
		if l.Who.Ages.FromYears == 16 && l.Who.Needs == model.NeedsOf(model.NeedStandard) && l.Who.UASC == model.UASCNot {
			for j, k := range l.Try {
				if k == cal.kinds[supportedAccommodation] && j < len(l.Shares) {
					again = l.Shares[j]
				}
			}
			break
		}
	}
	if math.IsNaN(again) {
		t.Fatal("no calibrated ladder of 16-17-year-olds draws supported accommodation")
	}
	got := m.Rate.Value * (1 - again)
	t.Logf("supported accommodation: %d moves out of it, %d to another kind, in %.0f child-years; rate written %.3f, drawn again at a breakdown %.3f: left by moves at %.3f a year, the return %.3f",
		all, changes, years, m.Rate.Value, again, got, want)
	if math.Abs(got/want-1) > 0.02 {
		t.Errorf("young people leave supported accommodation by moves at %.3f a year in the scenario, %.3f in the return (beyond 2%%)", got, want)
	}
}
