package ssda903

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"

	"github.com/placesim/placesim/model"
)

// resample returns a Poisson bootstrap resample of the return: each period of care, with its
// placements, taken k times over, k drawn for each period from a Poisson distribution of mean
// 1. The number of entries in any span of the window is then Poisson around the return's own,
// as a council's entries vary from one run of years to the next, and every rate estimated from
// the periods varies as its estimate would between councils alike. The resample shares its
// bounds with the return and has a Quality of its own, so that calibrating it leaves the
// return's report as it was.
func (r *Return) resample(rng *rand.Rand) *Return {
	q := *r.Quality
	out := &Return{Quality: &q, start: r.start, end: r.end,
		periods: make([]period, 0, len(r.periods)), places: make([]placement, 0, len(r.places))}
	for i := range r.periods {
		p := r.periods[i]
		pl := r.placements(&p)
		for range poisson1(rng) {
			c := p
			c.first, c.n = int32(len(out.places)), int32(len(pl))
			out.places = append(out.places, pl...)
			out.periods = append(out.periods, c)
		}
	}
	return out
}

// poisson1 draws from a Poisson distribution of mean 1, by inversion.
func poisson1(rng *rand.Rand) int {
	u := rng.Float64()
	p := math.Exp(-1)
	cum, k := p, 0
	for u > cum && k < 20 {
		k++
		p /= float64(k)
		cum += p
	}
	return k
}

// trendPriorSD is the standard deviation of the prior of the yearly log-trend of entries a resample
// draws: English councils' entries into care change by a few per cent a year, by more than 14% a
// year in about one council in twenty (the rates of children in care of the north west's councils
// changed by -12% to +82% from 2013 to 2017). A prior of 5% drew a council growing 5% a year, the
// change it holds at one standard deviation, a third of the way towards none (half of it in a
// council of 60 entries a year), and the entries of the forecast's start fell short with it (the
// rate on the start date is refitted with the trend carried): all children in care came 2-5% too
// few in the second and third years of councils of 60 and 120 entries a year in the coverage study,
// and held 84% of the third year's months inside the 90% band with long stays. At 7%, 1-4% too few
// and 87%; at 8%, a council of 60 held 96% of its third year's months, too wide.
const trendPriorSD = 0.07

// maxResampleTries bounds the resamples drawn for each one kept: a resample too thin to
// calibrate, or whose scenario the simulator would refuse (a trend beyond its bounds, fitted
// to the few entries of a small council), is drawn again.
const maxResampleTries = 10

// Resamples returns n scenarios, each calibrated as c was (the same window, base and trend choice)
// on a Poisson bootstrap resample of c's return: every period of care is taken k times, k drawn
// from a Poisson distribution of mean 1. A resample carries a draw of the trend's posterior,
// neither tested nor shrunk as c's is: its fitted trend, which varies around c's as c's varies
// around the council's, taken to the posterior of a normal prior of no change (standard deviation
// trendPriorSD) and c's fit. The prior speaks of the years after the window: the resample's rate
// on the start date is its own fit's at the window's end, the trend the window shows being what
// happened in it (fitEntryRate). Over the few years of a backtest the bands then hold the trend's
// uncertainty, for a small council drawn towards none and narrower than its fit, where c's scenario
// carries a trend only on strong evidence, as a ten-year forecast should. Their spread is the
// uncertainty of the calibrated rates (entries and their trend, ages, stays, exits, first
// placements, moves): simulating a few replications of each and pooling them gives bands that hold
// both that uncertainty and the simulation's own chance. What the return states as a fact on the
// scenario's start is not resampled: every scenario starts from c's stock of children, as the
// return holds it with no group of 1 to 4 children merged and by single year of age (the
// scenarios are simulated, never written: a child's age is drawn evenly within their cell, and
// drawn over 16-17 the young people in supported accommodation, mostly 17, reached 18 too late,
// 12-19% too many of them in care through the first year of the coverage study's councils of 350
// and of 120 with long stays), and commissions places for c's peak counts, as c's scenario does. So do the council's
// own carers: filled first, and with agencies taking the children they have no room for, they
// hold as many children as they have places, and the return's usual month is the pool's size,
// not an estimate from its children's periods (sized from each resample's own count, they spread
// by its bootstrap error: in the coverage study, on councils whose carers were such a pool, the
// council's foster care held 95-100% of the months inside its 90% band, 99-100% in most councils
// and years; on 60 returns of the council of 350 entries a year, 97-100%, while agencies' bands
// held 89% and 84% of the second and third years' months, as with the return's count: the
// uncertainty agencies' bands leave out there is not the carers' number). Their growth, carried
// through the run, is each resample's own fit: resampling the periods spreads it more than the
// returns' own fits spread (on 40 returns of the coverage study's council of 350 entries a
// year, 2.4 points a year within a return against 1.9 between the returns' fits), and it does
// not explain agencies' bands being too narrow there (0.07 the correlation of a return's fitted
// growth with agencies' error in the third year): that shortfall is in all the children placed
// with unrelated carers, the council's and agencies' together (their 90% band 94.7 children
// wide in the third year where the months need 107.4), whose error follows that of all
// children in care (a correlation of 0.89 over the returns), while the band of all children
// in care is as wide as its months need (145 against 139) and those of external residential
// care and other settings wider: the bands spread the uncertainty of the whole count over the
// kinds otherwise than the returns do. The entries over the horizon
// explain about half of agencies' third-year variance, in the bands and in the returns' errors
// alike (R² 0.47 and 0.53 on 60 returns of that council, 20 resamples of 2 replications each):
// the part they explain is 20.0 children's standard deviation in the bands against 24.8 in the
// returns (the horizon's entries spread 83.5 against 88.5, agencies' count moving 0.24 of a child
// with each against 0.28, kinship care 0.12 against 0.09), the rest 20.7 against 23.0. Both parts
// fall short, the entries' more, by about two of its standard errors: the bands send a little
// too much of an extra entrant's weight to kinship care and too little to agencies.
// The council's homes are another matter: the return does not say how many beds there are, only
// how many children they held, so each resample sizes them from its own typical count (its beds
// rounded down or up at random, as often as the count's fraction says), and the bands hold that
// estimate's uncertainty (without it, the bands of the council's homes are a few beds wide and miss
// most months of a count that varies as children come and go). The homes, which the council fills
// first, hold no more children than their beds, where the return's count goes above its usual month
// and below it: each resample's homes are sized for a month of the return's window drawn at random,
// the beds by which that month's count lay above or below the window's line through them,
// scaled to the count's swings over the run (homesSwings: a window of a few stays in the homes
// shows a third to a half of them), opening or closing one at a time through the run, at times
// as the count's variance grows from its start (builder.spareBeds), so that the bands widen
// with the horizon as the count moves from the children in the homes at the start. Scenario i
// depends only on seed and i, from a random stream of its own; a resample too thin to
// calibrate, or whose scenario does not validate, is drawn again from that stream, up to 10
// times before Resamples fails. workers resamples are calibrated side by side (0 means one);
// opt names the scenarios as Scenario does.
func (c *Calibration) Resamples(n int, seed uint64, workers int, opt ScenarioOptions) ([]*model.Scenario, error) {
	if n < 0 {
		return nil, fmt.Errorf("resamples: %d is below 0", n)
	}
	copt := c.resampleOptions()
	out := make([]*model.Scenario, n)
	errs := make([]error, n)
	devs := c.homesSwings()
	one := func(i int) {
		rng := rand.New(rand.NewPCG(seed, 0x5eed_903b_0000_0000+uint64(i)))
		for range maxResampleTries {
			if out[i], errs[i] = c.resampled(rng, copt, opt, devs); errs[i] == nil {
				return
			}
		}
		errs[i] = fmt.Errorf("resample %d of the return: %w", i+1, errs[i])
	}
	sideBySide(n, workers, one)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// sideBySide calls do for each of 0 to n-1, on up to workers goroutines side by side.
func sideBySide(n, workers int, do func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, min(workers, n)) {
		wg.Go(func() {
			for i := range next {
				do(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// resampled calibrates one resample of c's return with copt and returns its scenario, from
// c's stock and peak counts, its homes sized for a month that deviates from the usual as one
// of devs does (c's deviations of its homes' children), or why it cannot be used.
func (c *Calibration) resampled(rng *rand.Rand, copt Options, opt ScenarioOptions, devs []float64) (*model.Scenario, error) {
	rc, err := Calibrate(c.ret.resample(rng), copt)
	if err != nil {
		return nil, err
	}
	rc.Estimates.Stock = c.Estimates.Stock
	rc.exactStock = c.exactStock
	rc.Estimates.Peaks = c.Estimates.Peaks
	// The young people staying put on the start day are part of its position, as the stock is:
	// the council's own carers are sized with room for them in every resample alike.
	rc.Estimates.StayingPutStock = c.Estimates.StayingPutStock
	rc.Estimates.StayingPutStockN = c.Estimates.StayingPutStockN
	rc.Estimates.StayingPutStockYears = c.Estimates.StayingPutStockYears
	// The council's own carers, filled first, are as many as the return's usual month shows in
	// every resample: the size of a pool, not a rate the children's periods estimate.
	rc.Estimates.Typical[inhouseFoster.String()] = c.Estimates.Typical[inhouseFoster.String()]
	rc.bedsDither = 1 - rng.Float64()
	if len(devs) > 0 {
		rc.homesShift = devs[rng.IntN(len(devs))]
		rc.homesRand = rand.New(rand.NewPCG(rng.Uint64(), rng.Uint64()))
	}
	opt.exactStock = true
	s, _ := rc.Scenario(opt)
	if err := s.Validate().Err(); err != nil {
		return nil, fmt.Errorf("its scenario does not hold: %w", err)
	}
	return s, nil
}

// resampleOptions returns the options each resample is calibrated with: the return's window,
// base and choices, and what its trend decision makes of a resample's entries (Resamples).
func (c *Calibration) resampleOptions() Options {
	copt := Options{From: c.Estimates.From, To: c.Estimates.To, Base: c.base, NoTrend: c.noTrend, HomesFilledFirst: c.homesFirst,
		resample: true, averageNone: c.Estimates.Entries.Averaged}
	if e := c.Estimates.Entries; e.offTrend() {
		// The return's trend is not carried, its months not following it: each resample
		// starts from its own last 12 months' rate, with no trend, as the scenario does, and
		// its stays are estimated as the scenario's are, without the Little's-law target of
		// a steady council.
		copt.NoTrend, copt.notSteady = true, true
	} else if !c.noTrend && !e.TrendFixed && e.Trend.High > e.Trend.Low {
		// Each resample's fitted trend, which varies around the return's as the return's
		// varies around the council's, is taken to a draw of the trend's posterior given
		// the return: a normal prior of no change with a standard deviation of
		// trendPriorSD or more, and the fit's normal likelihood. A small council's trend, a few
		// standard errors wide, is then drawn near the change councils see, neither as
		// wide as its fit nor as sure as the calibrated scenario's test of none.
		b := math.Log1p(e.Trend.Value)
		se := (math.Log1p(e.Trend.High) - math.Log1p(e.Trend.Low)) / (2 * z90)
		// The prior is as wide as the return's own trend shows, when wider (b²-se², the
		// empirical-Bayes estimate): a trend on strong evidence is then drawn around the
		// one the calibrated scenario carries, shrunk by 1-1/z².
		tau2 := max(trendPriorSD*trendPriorSD, b*b-se*se)
		k := tau2 / (tau2 + se*se)
		copt.trendDraw = &trendDraw{Fitted: b, Center: k * b, Scale: math.Sqrt(k)}
	}
	return copt
}
