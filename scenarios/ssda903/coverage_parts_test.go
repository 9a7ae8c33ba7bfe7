package ssda903

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// coverageParts runs TestBacktestParts: the bias of each kind's simulated mean split between
// the children in care at the backtest's start and those who entered after it.
var coverageParts = flag.Bool("coverage-parts", false, "split the backtests' biases between the starting stock and the entrants (with -coverage-returns, -coverage-seed)")

// TestBacktestParts splits the bias of the backtests' simulated means, by kind and year of
// horizon, between the children in care at the start and the children who entered after it:
// each return's resamples are simulated as the study simulates them (20 resamples of 2
// replications, fewer than its own, the mean being what is measured), and again with no entries,
// and the difference is the entrants' part; the return's months are split by when each child's
// period of care began. It logs beside them the entries over each year, simulated and actual.
// A bias in the stock's part lies in what the children in care at the start do (their remaining
// stays, their moves), one in the entrants' part in the entries and what follows them; a kind
// whose places are a pool filled first (the council's carers, and agencies' overflow from them)
// passes a bias from one part to the other, their sum holding: with no child entering, the
// stock's children take the places entrants would have taken. So the stock's part is also set
// beside the same return drawn with no child entering from the start ("stock alone",
// truth.stopEntries), which tells what the stock's children do. The council's homes are such a
// pool too: with no child entering, the stock's children who move into residential care take
// the beds its leavers free, so that beside the stock alone the homes run high and agencies'
// homes low, and residential care as a whole (a row of its own) says what the stock does.
// Last, the stock is simulated with no child entering and none moving (no breakdown, no
// step-down) beside the stock alone's children still in care by the kind they were in at the
// start ("stays"): their remaining stays by kind, apart from their moves (a child whom the
// council's carers or homes have no room for at the start is placed elsewhere: those kinds
// are read together). It runs with -coverage-parts on every council of the study,
// -coverage-returns of each (20 by default) from -coverage-seed.
func TestBacktestParts(t *testing.T) {
	if !*coverageParts {
		t.Skip("the split of the backtests' biases runs with -coverage-parts")
	}
	const resamples, reps = 20, 2
	returns := partsReturns()
	base := baseScenario(t)
	for _, st := range studyTruths(true) {
		t.Run(st.name, func(t *testing.T) {
			parts := make([]backtestParts, returns)
			errs := make([]error, returns)
			sideBySide(returns, *coverageWorkers, func(i int) {
				parts[i], errs[i] = splitReturn(base, st.truth, *coverageSeed+st.seeds+uint64(i), resamples, reps)
			})
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			t.Log(partsReport(parts, returns))
		})
	}
}

// backtestParts is one return's backtest split: for all children, those in care at the start
// and those who entered after, the simulated mean and the actual count of each group of
// ComparedKinds in each month; and the entries of each month.
type backtestParts struct {
	sim, act       [3][][]float64
	entSim, entAct []float64
	// alone is the actual count of the children in care at the start as they fare in the
	// same return with no child entering after it (truth.stopEntries).
	alone [][]float64
	// still is the count of those children still in care, by the kind they were in at the
	// start wherever they are now, and stay the simulated count of the stock with no child
	// entering and no child moving (no breakdown, no step-down): the stock's remaining stays by
	// kind, apart from its moves.
	still, stay [][]float64
}

// splitReturn backtests the return of truth tr drawn from seed as TestBacktestCoverage does,
// with resamples scenarios of reps replications each, and splits its counts (backtestParts).
func splitReturn(base *model.Scenario, tr truth, seed uint64, resamples, reps int) (backtestParts, error) {
	var out backtestParts
	ret, cal, actual, at, err := openReturn(base, tr, seed)
	if err != nil {
		return out, err
	}
	scs, err := cal.Resamples(resamples, seed, 1, ScenarioOptions{Name: "study"})
	if err != nil {
		return out, err
	}
	months, groups := len(actual.Months), len(ComparedKinds)
	for v := range out.sim {
		out.sim[v], out.act[v] = make([][]float64, groups), make([][]float64, groups)
		for g := range groups {
			out.sim[v][g], out.act[v][g] = make([]float64, months), make([]float64, months)
		}
	}
	out.entSim, out.entAct = make([]float64, months), make([]float64, months)
	// The return's months, as Actual counts them, each child with the stock (1) or the
	// entrants (2) by when their period began.
	index := comparedIndex()
	start := dayOf(at)
	for mi, mt := range actual.Months {
		m := dayOf(mt)
		last := m.addMonths(1) - 1
		for i := range ret.periods {
			p := &ret.periods[i]
			if p.start >= m && p.start <= last {
				out.entAct[mi]++
			}
			if !p.inCareOn(last) {
				continue
			}
			k := ret.kindOn(p, last)
			part := 1
			if p.start >= start {
				part = 2
			}
			for _, v := range []int{0, part} {
				out.act[v][index[k]][mi]++
				out.act[v][groups-1][mi]++
			}
		}
	}
	// The same return with no child entering from the start: what the simulation without
	// entries is compared with, the council's carers then taking the stock's children alone.
	alone := tr
	alone.stopEntries = start
	aret, err := Read(generate(alone, seed).files(), ReadOptions{})
	if err != nil {
		return out, err
	}
	out.alone, out.still, out.stay = make([][]float64, groups), make([][]float64, groups), make([][]float64, groups)
	for g := range groups {
		out.alone[g], out.still[g], out.stay[g] = make([]float64, months), make([]float64, months), make([]float64, months)
	}
	for mi, mt := range actual.Months {
		last := dayOf(mt).addMonths(1) - 1
		for i := range aret.periods {
			p := &aret.periods[i]
			if !p.inCareOn(last) {
				continue
			}
			out.alone[index[aret.kindOn(p, last)]][mi]++
			out.alone[groups-1][mi]++
			if p.inCareOn(start) {
				out.still[index[aret.kindOn(p, start)]][mi]++
				out.still[groups-1][mi]++
			}
		}
	}
	// The simulation, with entries (0) and without (1); the entrants' part is the difference.
	// Without entries and moves (2), the stock's remaining stays by kind.
	n := float64(resamples * reps)
	for v := range 3 {
		for i, s0 := range scs {
			s := *s0
			s.Interventions = slices.Clone(s0.Interventions)
			if v >= 1 {
				s.Entries.PerYear, s.UASC.PerYear = 1e-9, 1e-9
			}
			if v == 2 {
				s.Kinds = slices.Clone(s0.Kinds)
				for k := range s.Kinds {
					s.Kinds[k].BreakdownPerYear = [model.NumNeeds]float64{}
				}
				s.StepDown.ReadyShare = [model.NumNeeds]float64{}
			}
			SetYears(&s, 3)
			res, err := sim.Run(&s, sim.Options{Reps: reps, FirstRep: i * reps, Seed: seed, Workers: 1})
			if err != nil {
				return out, err
			}
			nm := len(res.Metrics)
			entries := slices.Index(res.Metrics, sim.Entries)
			for pos := range res.Reps {
				rec, err := res.MonthlyRecord(pos)
				if err != nil {
					return out, err
				}
				for m := range months {
					if v == 0 {
						out.entSim[m] += rec[m*nm+entries] / n
					}
					for g, ck := range ComparedKinds {
						for _, name := range ck.Metrics {
							if c := slices.Index(res.Metrics, name); c >= 0 {
								if v == 2 {
									out.stay[g][m] += rec[m*nm+c] / n
									continue
								}
								out.sim[v][g][m] += rec[m*nm+c] / n
							}
						}
					}
				}
			}
		}
	}
	for g := range groups {
		for m := range months {
			out.sim[2][g][m] = out.sim[0][g][m] - out.sim[1][g][m]
		}
	}
	return out, nil
}

// partsReport logs each kind's and year's bias in all, the stock's and the entrants' part, each
// with the simulated and actual mean count and the bias's standard error over the returns (as
// tally.biasSE), and the entries of each year.
func partsReport(parts []backtestParts, returns int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d returns: each kind's simulated and actual mean count, and the bias ± its standard error over the returns, of all children, of those in care at the start and of those who entered after", returns)
	bias := func(sum func(p backtestParts) (s, a float64)) string {
		var t tally
		for _, p := range parts {
			s, a := sum(p)
			t.mean += s
			t.actual += a
			t.perReturn = append(t.perReturn, [2]float64{s, a})
		}
		n := float64(len(parts))
		return fmt.Sprintf("%7.1f/%7.1f %+6.1f%%±%4.1f", t.mean/n, t.actual/n, 100*t.bias(), 100*t.biasSE())
	}
	// Each kind, and residential care as a whole: the council's homes are a pool filled
	// first, so that with no child entering the stock's children who move into residential
	// care take the beds the stock's leavers free, which entrants would have taken, and the
	// stock alone's split between the council's homes and agencies' is not what the stock's
	// children do; their sum is.
	home, external := slices.IndexFunc(ComparedKinds, func(c Compared) bool { return c.Name == "inhouse_home" }),
		slices.IndexFunc(ComparedKinds, func(c Compared) bool { return c.Name == "external_residential" })
	rows := make([][]int, 0, len(ComparedKinds)+1)
	names := make([]string, 0, len(ComparedKinds)+1)
	for g, ck := range ComparedKinds {
		rows, names = append(rows, []int{g}), append(names, ck.Name)
	}
	rows, names = append(rows, []int{home, external}), append(names, "residential")
	for r, gs := range rows {
		for y := range 3 {
			fmt.Fprintf(&b, "\n%-24s months %2d-%2d", names[r], 12*y+1, 12*y+12)
			for v, name := range []string{"all", "stock", "entrants"} {
				fmt.Fprintf(&b, "  %s %s", name, bias(func(p backtestParts) (s, a float64) {
					for _, g := range gs {
						for m := 12 * y; m < min(12*y+12, len(p.act[v][g])); m++ {
							s += p.sim[v][g][m] / 12
							a += p.act[v][g][m] / 12
						}
					}
					return s, a
				}))
			}
			fmt.Fprintf(&b, "  stock alone %s", bias(func(p backtestParts) (s, a float64) {
				for _, g := range gs {
					for m := 12 * y; m < min(12*y+12, len(p.alone[g])); m++ {
						s += p.sim[1][g][m] / 12
						a += p.alone[g][m] / 12
					}
				}
				return s, a
			}))
			fmt.Fprintf(&b, "  stays %s", bias(func(p backtestParts) (s, a float64) {
				for _, g := range gs {
					for m := 12 * y; m < min(12*y+12, len(p.still[g])); m++ {
						s += p.stay[g][m] / 12
						a += p.still[g][m] / 12
					}
				}
				return s, a
			}))
		}
	}
	for y := range 3 {
		fmt.Fprintf(&b, "\nentries in months %d-%d, a year: %s", 12*y+1, 12*y+12, bias(func(p backtestParts) (s, a float64) {
			for m := 12 * y; m < min(12*y+12, len(p.entAct)); m++ {
				s += p.entSim[m]
				a += p.entAct[m]
			}
			return s, a
		}))
	}
	return b.String()
}

// TestBacktestEntries measures the entries (not UASC) the backtests' resamples expect in each
// year of the horizon against those the council's own rate expects (its trend and season), not
// against the return's counts: a return's compared years hold their own Poisson chance, which
// at 40 returns of a council of 120 entries a year moved TestBacktestParts' entries by 2-3%,
// its standard error, where the rates themselves are what the calibration is answerable for.
// It logs beside them the return's fitted trend and the mean the resamples carry, and fails
// where the resamples' entries are off by more than three of their standard errors over the
// returns (a bias the returns' chance would show one time in 370). It runs with
// -coverage-parts on every council of the study, -coverage-returns of each (20 by default) from
// -coverage-seed.
func TestBacktestEntries(t *testing.T) {
	if !*coverageParts {
		t.Skip("the backtests' entries against the councils' rates run with -coverage-parts")
	}
	const resamples = 20
	returns := partsReturns()
	base := baseScenario(t)
	for _, st := range studyTruths(true) {
		t.Run(st.name, func(t *testing.T) {
			type result struct {
				truth, resampled [3]float64
				fitted, carried  float64
			}
			out := make([]result, returns)
			errs := make([]error, returns)
			sideBySide(returns, *coverageWorkers, func(i int) {
				seed := *coverageSeed + st.seeds + uint64(i)
				_, cal, _, at, err := openReturn(base, st.truth, seed)
				if err != nil {
					errs[i] = err
					return
				}
				scs, err := cal.Resamples(resamples, seed, 1, ScenarioOptions{Name: "study"})
				if err != nil {
					errs[i] = err
					return
				}
				r := result{fitted: cal.Estimates.Entries.Trend.Value}
				copy(r.truth[:], truthEntries(st.truth, at, 3))
				for _, s := range scs {
					for y, n := range expectedEntries(s, 3) {
						r.resampled[y] += n / resamples
					}
					r.carried += s.Entries.TrendPerYear / resamples
				}
				out[i] = r
			})
			if err := errors.Join(errs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			fmt.Fprintf(&b, "%d returns, %d resamples each: the entries the resamples expect against the council's rate, the bias ± its standard error over the returns", returns, resamples)
			for y := range 3 {
				var tl tally
				for _, r := range out {
					tl.mean += r.resampled[y]
					tl.actual += r.truth[y]
					tl.perReturn = append(tl.perReturn, [2]float64{r.resampled[y], r.truth[y]})
				}
				n := float64(len(out))
				fmt.Fprintf(&b, "\nmonths %2d-%2d: %6.1f/%6.1f %+5.1f%%±%3.1f", 12*y+1, 12*y+12, tl.mean/n, tl.actual/n, 100*tl.bias(), 100*tl.biasSE())
				if math.Abs(tl.bias()) > 3*tl.biasSE() {
					t.Errorf("the entries of months %d-%d are %+.1f%% off the council's rate, beyond three standard errors (%.1f%%)", 12*y+1, 12*y+12, 100*tl.bias(), 100*tl.biasSE())
				}
			}
			var fitted, carried float64
			for _, r := range out {
				fitted += r.fitted / float64(len(out))
				carried += r.carried / float64(len(out))
			}
			fmt.Fprintf(&b, "\nthe trend: the council's %+.1f%% a year, the returns' fits %+.1f%% on average, the resamples carry %+.1f%%", 100*st.truth.trend, 100*fitted, 100*carried)
			t.Log(b.String())
		})
	}
}

// expectedEntries returns the entries (not UASC) scenario s expects in each of its first years,
// month by month as the simulator sets the rate (its value on the month's first day).
func expectedEntries(s *model.Scenario, years int) []float64 {
	out := make([]float64, years)
	for m := range 12 * years {
		from, to := s.Start.AddDate(0, m, 0), s.Start.AddDate(0, m+1, 0)
		rate := s.Entries.PerYear * math.Pow(1+s.Entries.TrendPerYear, from.Sub(s.Start).Hours()/24/model.DaysPerYear)
		if s.Entries.Seasonality != ([12]float64{}) {
			rate *= s.Entries.Seasonality[from.Month()-1]
		}
		out[m/12] += rate * to.Sub(from).Hours() / 24 / model.DaysPerYear
	}
	return out
}

// truthEntries returns the entries (not UASC) truth tr expects in each of the years from at,
// day by day as generate draws them.
func truthEntries(tr truth, at time.Time, years int) []float64 {
	out := make([]float64, years)
	end := time.Date(tr.toYear, 4, 1, 0, 0, 0, 0, time.UTC)
	for y := range years {
		for d := at.AddDate(y, 0, 0); d.Before(at.AddDate(y+1, 0, 0)); d = d.AddDate(0, 0, 1) {
			out[y] += tr.perYear * math.Pow(1+tr.trend, d.Sub(end).Hours()/24/365.25) * tr.season[d.Month()-1] / 365.25
		}
	}
	return out
}

// TestStopEntries checks the return TestBacktestParts sets beside the simulated stock: drawn
// with no child entering from a day (truth.stopEntries), it holds the same children in care on
// that day, each in the same kind, as the return drawn with entries, and no period of care
// begins on or after it. The council's carers are a pool filled first, so that the stock's
// placements after the day differ between the two; before it they must not.
func TestStopEntries(t *testing.T) {
	tr := studyTruths(false)[0].truth
	tr.perYear, tr.uascPerYear, tr.ownCarerPlaces = 60, 4, 31
	at := dayOf(backtestStart(tr))
	read := func(tr truth) *Return {
		t.Helper()
		ret, err := Read(generate(tr, 11).files(), ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return ret
	}
	// The children in care on the day, by their birth, sex, status and start and their kind.
	onDay := func(ret *Return) map[string]int {
		in := map[string]int{}
		for i := range ret.periods {
			if p := &ret.periods[i]; p.inCareOn(at) {
				in[fmt.Sprintf("born %d, %v, uasc %v, from %d, in %v", p.dob, p.sex, p.uasc, p.start, ret.kindOn(p, at))]++
			}
		}
		return in
	}
	alone := tr
	alone.stopEntries = at
	with, without := read(tr), read(alone)
	a, b := onDay(with), onDay(without)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d children in care on the start day with entries after it, %d without", len(a), len(b))
	}
	for key, n := range a {
		if b[key] != n {
			t.Errorf("%d children %s on the start day with entries after it, %d without", n, key, b[key])
		}
	}
	for i := range without.periods {
		if p := &without.periods[i]; p.start >= at {
			t.Errorf("a period of care begins on day %d, on or after the start day %d, with no child entering from it", p.start, at)
		}
	}
}

// partsReturns is the returns of each council the parts tests backtest: -coverage-returns,
// or 20.
func partsReturns() int {
	if *coverageReturns > 0 {
		return *coverageReturns
	}
	return 20
}
