package model

import (
	"fmt"
	"math"
)

// SteadyInCare returns the children in care that the scenario's own flows keep in care once
// steady, by Little's law: the children entering a year (Entries.PerYear and UASC.PerYear, the
// rates at the start, before any trend, seasonality or intervention, and before the National
// Transfer Scheme moves any UASC on) times their mean time in care in years. A child's age at
// entry is drawn uniformly within its band of the mix, as the simulator draws it; the first
// stay rule that selects the child gives their stay, and the 18th birthday ends a longer one.
// It returns 0 for a scenario in which nobody enters, and ignores a child no stay rule
// selects (validation refuses such a scenario).
func (s *Scenario) SteadyInCare() float64 {
	return s.inCareAfter(math.Inf(1))
}

// FilledShare returns the share of SteadyInCare that care starting with nobody in it holds
// after years: children who entered within years and are still in care. It is 1 for a
// scenario in which nobody enters.
func (s *Scenario) FilledShare(years float64) float64 {
	steady := s.SteadyInCare()
	if steady <= 0 {
		return 1
	}
	return s.inCareAfter(years*DaysPerYear) / steady
}

// inCareAfter is the children in care after days from an empty start (SteadyInCare when
// days is infinite).
func (s *Scenario) inCareAfter(days float64) float64 {
	return s.Entries.PerYear*s.meanYearsInCare(s.Entries.Ages, false, days) +
		s.UASC.PerYear*s.meanYearsInCare(s.UASC.Ages, true, days)
}

// meanYearsInCare is the mean time in care, in years, of a child of mix, counting only the
// first within days of each stay.
func (s *Scenario) meanYearsInCare(mix []AgeShare, uasc bool, within float64) float64 {
	const steps = 8 // points within each year of age: the mean moves by well under 1% with more
	var sum, total float64
	for _, b := range mix {
		total += b.Share
	}
	if total <= 0 {
		return 0
	}
	for _, b := range mix {
		if b.Share <= 0 || b.Ages.ToYears < b.Ages.FromYears {
			continue
		}
		years := float64(b.Ages.ToYears + 1 - b.Ages.FromYears)
		for n := range Need(NumNeeds) {
			if b.NeedShares[n] <= 0 {
				continue
			}
			var band float64
			for y := b.Ages.FromYears; y <= b.Ages.ToYears; y++ {
				var d *Distribution
				for i := range s.Stays {
					if s.Stays[i].Who.Matches(float64(y)+0.5, n, uasc) {
						d = &s.Stays[i].Stay
						break
					}
				}
				if d == nil {
					continue
				}
				for k := range steps {
					age := float64(y) + (float64(k)+0.5)/steps
					band += d.meanCutAt(math.Min((18-age)*DaysPerYear, within)) / DaysPerYear
				}
			}
			sum += b.Share / total * b.NeedShares[n] * band / (years * steps)
		}
	}
	return sum
}

// meanCutAt returns the mean of min(X, t) in days, X drawn from d: the mean stay of a child
// whose stay the 18th birthday, t days away, ends.
func (d Distribution) meanCutAt(t float64) float64 {
	if t <= 0 {
		return 0
	}
	m := d.MeanDays
	switch d.Kind {
	case Exponential:
		return m * -math.Expm1(-t/m)
	case Gamma:
		k := d.Shape
		theta := m / k
		return m*lowerGamma(k+1, t/theta) + t*(1-lowerGamma(k, t/theta))
	case Lognormal:
		sg := d.Sigma
		if sg <= 0 {
			return math.Min(m, t)
		}
		mu := math.Log(m) - sg*sg/2
		phi := func(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }
		z := (math.Log(t) - mu) / sg
		return m*phi(z-sg) + t*(1-phi(z))
	case Empirical:
		var sum, lo float64
		for _, b := range d.Table {
			hi := b.UpToDays
			switch {
			case t >= hi:
				sum += b.Share * (lo + hi) / 2
			case t <= lo:
				sum += b.Share * t
			default:
				sum += b.Share * ((t*t-lo*lo)/2 + t*(hi-t)) / (hi - lo)
			}
			lo = hi
		}
		return sum
	}
	return math.Min(m, t) // Fixed
}

// lowerGamma returns the regularized lower incomplete gamma function P(a, x), by its series
// for x < a+1 and its continued fraction otherwise (Numerical Recipes, §6.2), to about 1e-12.
func lowerGamma(a, x float64) float64 {
	if x <= 0 {
		return 0
	}
	lg, _ := math.Lgamma(a)
	if x < a+1 {
		sum, term := 1/a, 1/a
		for n := 1.0; n < 1000; n++ {
			term *= x / (a + n)
			sum += term
			if math.Abs(term) < math.Abs(sum)*1e-14 {
				break
			}
		}
		return sum * math.Exp(-x+a*math.Log(x)-lg)
	}
	const tiny = 1e-300
	b := x + 1 - a
	c, d := 1/tiny, 1/b
	h := d
	for i := 1.0; i < 1000; i++ {
		an := -i * (i - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-14 {
			break
		}
	}
	return 1 - math.Exp(-x+a*math.Log(x)-lg)*h
}

// StockFarFactor is how far, as a ratio either way, the children in care at the start may be
// from those the scenario's flows keep in care (SteadyInCare) before Warnings says so.
const StockFarFactor = 1.5

// StockFarPrefix and StockEmptyPrefix begin the messages of StockWarning: of a stock far from
// the flows, and of an empty one.
const (
	StockFarPrefix   = "the scenario starts with "
	StockEmptyPrefix = "the scenario's stock is empty"
)

// StockFilledShare is the share of SteadyInCare that a warm-up must fill (FilledShare) for a
// scenario with no stock to start without a warning.
const StockFilledShare = 0.95

// StockWarning warns of a stock far from what the scenario's own flows keep in care
// (SteadyInCare): more than StockFarFactor times it, or less than 1/StockFarFactor of it; or
// of no stock at all, unless the warm-up fills at least StockFilledShare of it (FilledShare).
// ok is false when there is nothing to say. It is apart from Warnings, which warns of values
// a scenario most likely does not mean: this warns of a start that does not go with the rest.
//
// A scenario with StockStays is not warned of: its stock is a council's own position on the
// start day (placesim calibrate writes one), whose children leave by their own rules, and a
// care population far from what the entries keep is then the council's own forecast.
func (s *Scenario) StockWarning() (p Problem, ok bool) {
	if len(s.StockStays) > 0 {
		return Problem{}, false
	}
	steady := s.SteadyInCare()
	have := s.StockCount()
	if steady < 1 {
		return Problem{}, false // nobody enters for long: nothing to compare with
	}
	if have == 0 {
		fill := "the first years show care filling up from nobody, which is no council's position"
		if s.WarmupYears > 0 {
			share := s.FilledShare(float64(s.WarmupYears))
			if share >= StockFilledShare {
				return Problem{}, false // the warm-up fills care before the start
			}
			fill = fmt.Sprintf("its warm-up of %d year%s fills care to about %s%% of that by the start, so the first years show care still filling up", s.WarmupYears, map[bool]string{true: "s"}[s.WarmupYears != 1], FormatNumber(math.Floor(share*100)))
		}
		return Problem{Field: "stock", Message: fmt.Sprintf(
			"the scenario's stock is empty, nobody in care at the start, where its entries and stays keep about %s in care: %s; give the stock (extends: default with size: {children_in_care: N} scales the default county's to N; placesim calibrate writes a council's own from its SSDA903 return), or a warm-up long enough to fill care (warmup_years)",
			FormatNumber(math.Round(steady)), fill)}, true
	}
	ratio := float64(have) / steady
	if ratio <= StockFarFactor && ratio >= 1/StockFarFactor {
		return Problem{}, false
	}
	way := "falling"
	// How far: "2.3 times the 356" above; "4% of the 819" below, where a ratio rounded to a
	// tenth would read "0 times" for a stock of a few children.
	far := FormatNumber(math.Round(ratio*10)/10) + " times"
	if ratio < 1 {
		way = "rising"
		far = FormatNumber(math.Max(1, math.Round(ratio*100))) + "% of"
	}
	return Problem{Field: "stock", Message: fmt.Sprintf(
		"the scenario starts with %s children in care, %s the %s its entries (%s a year, UASC %s) and stays keep in care: the forecast will show children in care %s towards %s, a change that comes from the start, not from the council or its strategy; give the stock that goes with the entries: size: {children_in_care: N} beside extends scales the scenario extended to N children in care, its entries, carers and places with them (then give the council's own figures); placesim calibrate writes a council's own from its SSDA903 return; or scale the stock's counts to about %s",
		FormatNumber(float64(have)), far, FormatNumber(math.Round(steady)),
		FormatNumber(math.Round(s.Entries.PerYear*10)/10), FormatNumber(math.Round(s.UASC.PerYear*10)/10), way, FormatNumber(math.Round(steady)), FormatNumber(math.Round(steady)))}, true
}
