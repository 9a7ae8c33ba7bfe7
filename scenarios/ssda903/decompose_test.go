package ssda903

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// decomposeSeed is the first seed of the decomposition's returns: other returns than the
// study's, so that the two are independent measures.
const decomposeSeed = 50000

var decompose = flag.Int("decompose", 0, "run the forecast study's decomposition on this many returns per truth (with -study: every truth; else the small council's short stays)")

// stayIntegral returns the integral of a table's survival from 0 to x days: the mean of
// min(T, x) for T drawn as the simulator draws it, uniformly within each band.
func stayIntegral(tab []model.Bin, x float64) float64 {
	var total, lo, s float64
	s = 1
	for _, b := range tab {
		hi := b.UpToDays
		if hi <= lo {
			continue
		}
		slope := b.Share / (hi - lo)
		if x <= hi {
			dt := max(0, x-lo)
			return total + s*dt - slope*dt*dt/2
		}
		total += (hi - lo) * (s - b.Share/2)
		s -= b.Share
		lo = hi
	}
	return total + max(0, s)*max(0, x-lo)
}

// truthIntegral holds the integral of a truth's survival day by day, for interpolation.
type truthIntegral []float64

func newTruthIntegral(mean, shape float64) truthIntegral {
	if shape == 0 {
		shape = 1
	}
	scale := mean / math.Gamma(1+1/shape)
	n := 6940
	c := make(truthIntegral, n+1)
	for d := 1; d <= n; d++ {
		t := float64(d) - 0.5
		c[d] = c[d-1] + math.Exp(-math.Pow(t/scale, shape))
	}
	return c
}

func (c truthIntegral) at(x float64) float64 {
	if x <= 0 {
		return 0
	}
	i := int(x)
	if i >= len(c)-1 {
		return c[len(c)-1]
	}
	return c[i] + (x-float64(i))*(c[i+1]-c[i])
}

// bandParts are one band's children in care (entries a day times a mean stay): in the steady
// state, and ten years on from the entries of those ten years; and the steady state's part
// up to the last Kaplan-Meier point (the body) and beyond it (the tail).
type bandParts struct {
	steady, entries10, body, tail float64
	// rate is the entries a year of the band; stay the mean stay (steady over rate a day).
	rate, stay float64
}

// ageGrid is the number of ages a year of a band the integrals over ages at entry take.
const ageGrid = 48

// partsOf integrates the stays of entrants aged lo to hi years, entering at perYear, with
// integral giving the mean of min(T, x) for a child aged a, over ages uniform in the band;
// last is the last Kaplan-Meier point.
func partsOf(perYear, lo, hi, last float64, integral func(a, x float64) float64) bandParts {
	h := forecastYears * model.DaysPerYear
	p := bandParts{rate: perYear}
	n := int(math.Round((hi - lo) * ageGrid))
	for i := range n {
		a := lo + (float64(i)+0.5)/ageGrid
		x := (18 - a) * model.DaysPerYear
		all := integral(a, x)
		p.steady += all
		p.entries10 += integral(a, min(x, h))
		b := integral(a, min(x, last))
		p.body += b
		p.tail += all - b
	}
	k := perYear / model.DaysPerYear / float64(n)
	p.steady *= k
	p.entries10 *= k
	p.body *= k
	p.tail *= k
	if perYear > 0 {
		p.stay = p.steady / (perYear / model.DaysPerYear)
	}
	return p
}

// truthParts returns the truth's parts for its bands (UASC last).
func truthParts(tr truth, lasts []float64) []bandParts {
	var out []bandParts
	for b, share := range tr.bandShares {
		ti := newTruthIntegral(tr.meanStay[b], tr.stayShape)
		lo, hi := float64(bands[b].FromYears), float64(bands[b].ToYears+1)
		out = append(out, partsOf(tr.perYear*share, lo, hi, lasts[b], func(_, x float64) float64 { return ti.at(x) }))
	}
	ti := newTruthIntegral(tr.meanUASCStay, 1)
	out = append(out, partsOf(tr.uascPerYear, 16, 18, lasts[len(bands)], func(_, x float64) float64 { return ti.at(x) }))
	return out
}

// calibratedParts returns the parts of a calibrated scenario for the truth's bands (UASC
// last): its entries by age and the stay rule each age takes.
func calibratedParts(s *model.Scenario, lasts []float64) []bandParts {
	out := make([]bandParts, len(bands)+1)
	add := func(perYear float64, mix []model.AgeShare, uasc bool) {
		for _, a := range mix {
			lo, hi := float64(a.Ages.FromYears), float64(a.Ages.ToYears+1)
			// Each truth band within the calibrated band, at the calibrated band's density.
			for b := range out {
				blo, bhi := 16.0, 18.0
				if b < len(bands) {
					blo, bhi = float64(bands[b].FromYears), float64(bands[b].ToYears+1)
				}
				if (b == len(bands)) != uasc {
					continue
				}
				from, to := max(lo, blo), min(hi, bhi)
				if to <= from {
					continue
				}
				rate := perYear * a.Share * (to - from) / (hi - lo)
				p := partsOf(rate, from, to, lasts[b], func(age, x float64) float64 {
					for _, r := range s.Stays {
						if r.Who.Matches(age, model.NeedStandard, uasc) {
							return stayIntegral(r.Stay.Table, x)
						}
					}
					return math.NaN()
				})
				q := &out[b]
				q.steady += p.steady
				q.entries10 += p.entries10
				q.body += p.body
				q.tail += p.tail
				q.rate += p.rate
			}
		}
	}
	add(s.Entries.PerYear, s.Entries.Ages, false)
	add(s.UASC.PerYear, s.UASC.Ages, true)
	for b := range out {
		if out[b].rate > 0 {
			out[b].stay = out[b].steady / (out[b].rate / model.DaysPerYear)
		}
	}
	return out
}

// decomposition accumulates, over returns, the calibrated parts against the truth's.
type decomposition struct {
	n     int
	truth []bandParts
	// cal sums the calibrated parts by band; rateErr, stayErr, bodyE and tailE the errors,
	// in children, of the entry rate (at the truth's stay) and of the stay (at the calibrated
	// rate), the stay's of its body and its tail; lastDays the last points of the curves.
	cal                            []bandParts
	rateErr, stayErr, bodyE, tailE []float64
	lastDays                       []float64
	// full, noStock and noEntries sum the simulated children in care ten years on, of the
	// calibrated scenario, of it without its stock and without its entries; markov the
	// Markov model's.
	full, noStock, noEntries, markov float64
	// sq sums, over returns, the squares of each return's errors in children: the entry
	// rate's and the stay's (over the bands) and their sum's (the two cancel where a window's
	// count of entries moves the mean stay against it), the simulated entrants' and stock's
	// ten years on against the truth's, the full forecast's and the Markov model's against
	// the steady state.
	sq struct{ rate, stay, both, entrants, stock, full, markov float64 }
	// staySq sums, by band, the squares of each return's stay errors.
	staySq []float64
}

// TestForecastDecomposition decomposes the forecast study's errors: for each truth, the
// calibrated scenario's children in care by band of age at entry, its steady state
// (entries a year times mean stay, the stays cut at 18 as the simulator cuts them) against
// the truth's, split into the error of the entry rate and that of the stay, the stay's into
// its body (up to the last Kaplan-Meier point the table follows) and tail; and the simulated
// ten-year forecast split into the children of the stock and of the ten years' entries, each
// beside the truth's (entries of the ten years: their stays integrated up to ten years). It
// logs a table and checks nothing: go test -run TestForecastDecomposition -decompose 100 -v,
// with -study for every truth of the study (a few minutes).
func TestForecastDecomposition(t *testing.T) {
	if *decompose == 0 {
		t.Skip("the decomposition runs with -decompose N")
	}
	base := baseScenario(t)
	cases := []studyCase{{"60 a year, short stays, 5 years", 60, 0.5, 5, 1}}
	if *study {
		cases = studyCases()
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := c.truth()
			steady, _ := tr.steadyState()
			nb := len(bands) + 1
			d := decomposition{truth: truthParts(tr, make([]float64, nb)), cal: make([]bandParts, nb),

				rateErr: make([]float64, nb), stayErr: make([]float64, nb), bodyE: make([]float64, nb), tailE: make([]float64, nb), lastDays: make([]float64, nb), staySq: make([]float64, nb)}
			// The truth's entrants still in care ten years on, over its bands.
			var truthEntrants float64
			for _, p := range d.truth {
				truthEntrants += p.entries10
			}
			for r := range *decompose {
				g := generate(tr, uint64(decomposeSeed+r))
				ret, err := Read(g.files(), ReadOptions{})
				if err != nil {
					t.Fatal(err)
				}
				cal, err := Calibrate(ret, Options{Base: base})
				if err != nil {
					t.Fatal(err)
				}
				s, _ := cal.Scenario(ScenarioOptions{Name: "study", Extends: "default"})
				s.Years = forecastYears
				e := cal.Estimates.Entries
				s.Entries.PerYear, s.Entries.TrendPerYear = math.Round(float64(e.Count)/e.Years*10)/10, 0
				lasts := make([]float64, nb)
				for _, st := range cal.Estimates.Stays {
					b := bandOf(st.Ages.FromYears, bands)
					if st.UASC {
						if st.Ages.FromYears != 16 {
							continue
						}
						b = len(bands)
					}
					lasts[b] = st.Tail.LastDays
				}
				tp := truthParts(tr, lasts)
				cp := calibratedParts(s, lasts)
				var rateE, stayE float64
				for b := range nb {
					rateE += (cp[b].rate - tp[b].rate) / model.DaysPerYear * tp[b].stay
					stayE += cp[b].rate / model.DaysPerYear * (cp[b].stay - tp[b].stay)
					d.cal[b].steady += cp[b].steady
					d.cal[b].entries10 += cp[b].entries10
					d.cal[b].rate += cp[b].rate
					d.cal[b].stay += cp[b].stay
					d.cal[b].body += cp[b].body
					d.cal[b].tail += cp[b].tail
					d.rateErr[b] += (cp[b].rate - tp[b].rate) / model.DaysPerYear * tp[b].stay
					d.stayErr[b] += cp[b].rate / model.DaysPerYear * (cp[b].stay - tp[b].stay)
					d.staySq[b] += math.Pow(cp[b].rate/model.DaysPerYear*(cp[b].stay-tp[b].stay), 2)
					if cp[b].rate > 0 {
						k := cp[b].rate / tp[b].rate
						d.bodyE[b] += cp[b].body - k*tp[b].body
						d.tailE[b] += cp[b].tail - k*tp[b].tail
					}
					d.lastDays[b] += lasts[b]
				}
				run := func(s *model.Scenario) float64 {
					res, err := sim.Run(s, sim.Options{Reps: 4, Seed: uint64(r + 1), Workers: 1})
					if err != nil {
						t.Fatal(err)
					}
					col := slices.Index(res.Metrics, "children_in_care")
					nm, last := len(res.Metrics), len(res.Months)-1
					var sum float64
					row := make([]float64, nm)
					for pos := range res.Reps {
						if err := res.MonthlyRows(pos, last, last+1, row); err != nil {
							t.Fatal(err)
						}
						sum += row[col]
					}
					return sum / float64(len(res.Reps))
				}
				full := run(s)
				d.full += full
				ns := *s
				ns.Stock = nil
				entrants := run(&ns)
				d.noStock += entrants
				ne := *s
				ne.Entries.PerYear, ne.UASC.PerYear = 0, 0
				stock := run(&ne)
				d.noEntries += stock
				days := dayOf(cal.Estimates.Start.AddDate(forecastYears, 0, 0)) - dayOf(cal.Estimates.Start)
				w := window{from: dayOf(cal.Estimates.From), to: dayOf(cal.Estimates.Start)}
				markov := newMarkov(ret, w).project(int(days))
				d.markov += markov
				sq := func(x float64) float64 { return x * x }
				d.sq.rate += sq(rateE)
				d.sq.stay += sq(stayE)
				d.sq.both += sq(rateE + stayE)
				d.sq.entrants += sq(entrants - truthEntrants)
				d.sq.stock += sq(stock - (steady - truthEntrants))
				d.sq.full += sq(full - steady)
				d.sq.markov += sq(markov - steady)
				d.n++
			}
			n := float64(d.n)
			var b strings.Builder
			fmt.Fprintf(&b, "steady state %.2f; %d returns\n", steady, d.n)
			fmt.Fprintf(&b, "%-6s %8s %8s %8s %8s | %8s %8s | %8s %8s | %7s %7s %7s %8s\n", "band", "truth", "cal", "rateE", "stayE", "bodyE", "tailE", "trEnt10", "calEnt10", "last", "trStay", "calStay", "stayRMSE")
			var tot, ct, re, se, be, te, te10, ce10 float64
			for k := range nb {
				name := "uasc"
				if k < len(bands) {
					name = bands[k].String()
				}
				tb := d.truth[k]
				fmt.Fprintf(&b, "%-6s %8.3f %8.3f %+8.3f %+8.3f | %+8.3f %+8.3f | %8.3f %8.3f | %7.0f %7.1f %7.1f %8.3f\n", name, tb.steady, d.cal[k].steady/n, d.rateErr[k]/n, d.stayErr[k]/n,
					d.bodyE[k]/n, d.tailE[k]/n, tb.entries10, d.cal[k].entries10/n, d.lastDays[k]/n, tb.stay, d.cal[k].stay/n, math.Sqrt(d.staySq[k]/n))
				tot += tb.steady
				ct += d.cal[k].steady / n
				re += d.rateErr[k] / n
				se += d.stayErr[k] / n
				be += d.bodyE[k] / n
				te += d.tailE[k] / n
				te10 += tb.entries10
				ce10 += d.cal[k].entries10 / n
			}
			fmt.Fprintf(&b, "%-6s %8.3f %8.3f %+8.3f %+8.3f | %+8.3f %+8.3f | %8.3f %8.3f\n", "all", tot, ct, re, se, be, te, te10, ce10)
			fmt.Fprintf(&b, "calibrated steady state %+.2f%%; simulated: full %.2f (%+.2f%%), entries only %.2f (analytic %.2f, truth %.2f), stock only %.2f (truth %.2f); Markov %+.2f%%\n",
				100*(ct/steady-1), d.full/n, 100*(d.full/n/steady-1), d.noStock/n, ce10, te10, d.noEntries/n, steady-te10, 100*(d.markov/n/steady-1))
			rms := func(sum float64) float64 { return 100 * math.Sqrt(sum/n) / steady }
			fmt.Fprintf(&b, "root mean squared errors, %% of the steady state: entry rate %.2f, stay %.2f, together %.2f; simulated (4 replications) entrants %.2f, stock %.2f, full %.2f; Markov %.2f\n",
				rms(d.sq.rate), rms(d.sq.stay), rms(d.sq.both), rms(d.sq.entrants), rms(d.sq.stock), rms(d.sq.full), rms(d.sq.markov))
			t.Log("\n" + b.String())
		})
	}
}

// TestStaysOfSmallBand checks that the table of time in care drawn from a band of a small
// council is not too long on average: 54 children entering at a uniform time over a five-year
// window (a council of 60 entries a year, 18% of them aged 1-4), exponential stays of mean
// 300 days seen up to the window's end, 2,000 such windows. The mean of the table's stays
// (drawn as the simulator draws them) against the truth's: the curve followed to its last
// point, where a child or two is left, made it 3% too long. The standard error of the mean
// over the windows is about 0.2%; the tolerance, 1%, is five of them.
func TestStaysOfSmallBand(t *testing.T) {
	const children, mean, windowDays, windows = 54, 300.0, 1826.0, 2000
	g := stayGroup{ages: model.AgeRange{FromYears: 1, ToYears: 4}}
	rng := rand.New(rand.NewPCG(7, 8))
	u := untilEighteen(g.ages)
	var sum float64
	for range windows {
		var obs []observation
		for range children {
			limit := math.Ceil(rng.Float64() * windowDays)
			x := math.Ceil(rng.ExpFloat64() * mean)
			obs = append(obs, observation{t: min(x, limit), event: x <= limit, w: 1, limit: limit})
		}
		c := &Calibration{ret: &Return{Quality: &Quality{}}}
		est := StayEstimate{Ages: g.ages, Children: children}
		c.finishStay(&est, obs, g, false, nil, nil)
		sum += stayIntegral(est.Table, u)
	}
	got := sum / windows
	t.Logf("the tables' mean stay is %.1f days, the truth's %.1f", got, mean+0.5)
	if want := mean + 0.5; math.Abs(got/want-1) > 0.01 {
		t.Errorf("the tables' mean stay is %.1f days, the truth's %.1f: beyond 1%%", got, want)
	}
}
