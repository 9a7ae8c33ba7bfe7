package model

import "time"

// PricesFrom returns the date s's amounts of money are written at: PricesAt, 1 April of the
// financial year whose prices they are, or the start when PricesAt is not set.
func (s *Scenario) PricesFrom() time.Time {
	if !s.PricesAt.IsZero() {
		return s.PricesAt
	}
	return s.Start
}

// InflationOn returns the yearly inflation rate by which s raises its prices on d, a 1 April:
// that of the last inflation intervention dated on or before d, or else InflationPerYear
// (which is also the rate of the Aprils before the start).
func (s *Scenario) InflationOn(d time.Time) float64 {
	rate := s.InflationPerYear
	for _, iv := range s.Interventions {
		if iv.Action == Inflation && !iv.From.After(d) {
			rate = iv.Rate
		}
	}
	return rate
}

// BaseInflation returns the yearly rate that carries s's prices from PricesAt to the start:
// InflationToStart when set, or else InflationPerYear. An inflation intervention never
// changes it: it changes prices from the first April on or after its date, within the run.
func (s *Scenario) BaseInflation() float64 {
	if s.InflationToStart != nil {
		return *s.InflationToStart
	}
	return s.InflationPerYear
}

// PriceFactorOn returns what s's amounts of money, written at PricesFrom, are multiplied by
// on d (on or after the start): the factor from PricesFrom to the start at BaseInflation for
// each April between them, times the factor from the start to d at the rate in force each
// April (InflationOn). So two scenarios of the same base rate pay the same prices up to the
// first April on which their inflation differs, whatever either does later. It is
// PriceFactor(PricesFrom, d, InflationOn) when every April between PricesFrom and the start
// has the base rate in force. Its cost is one step a year between the dates.
func (s *Scenario) PriceFactorOn(d time.Time) float64 {
	from, start, base := s.PricesFrom(), s.Start, s.BaseInflation()
	lo, hi := from, start
	if hi.Before(lo) {
		lo, hi = hi, lo
	}
	same := true
	for a := nextApril(lo); !a.After(hi); a = a.AddDate(1, 0, 0) {
		same = same && s.InflationOn(a) == base
	}
	if same {
		return PriceFactor(from, d, s.InflationOn)
	}
	toStart := PriceFactor(from, start, func(time.Time) float64 { return base })
	return toStart * PriceFactor(start, d, s.InflationOn)
}

// PriceFactor returns what a price written at from (a scenario's PricesFrom) is multiplied by
// on date d, when prices rise each 1 April by rate(that April): the product of 1+rate over
// the Aprils after from up to d, or, for a d before from, 1 over the product of 1+rate over
// the Aprils after d up to from. It is 1 from from to the day before the next April. Its
// cost is one step a year between the two dates.
func PriceFactor(from, d time.Time, rate func(time.Time) float64) float64 {
	from, d = dateOnly(from), dateOnly(d)
	f := 1.0
	if !d.Before(from) {
		for a := nextApril(from); !a.After(d); a = a.AddDate(1, 0, 0) {
			f *= 1 + rate(a)
		}
		return f
	}
	for a := nextApril(d); !a.After(from); a = a.AddDate(1, 0, 0) {
		f *= 1 + rate(a)
	}
	return 1 / f
}

// nextApril returns the first 1 April after d.
func nextApril(d time.Time) time.Time {
	a := time.Date(d.Year(), time.April, 1, 0, 0, 0, 0, time.UTC)
	if !a.After(d) {
		a = a.AddDate(1, 0, 0)
	}
	return a
}

// PricesIn returns, when s's amounts of money are written in another financial year's prices
// than its start's, that year ("2026/27"), and the factor that turns them into the start's
// prices (0.79 when the start is eight Aprils of 3% earlier); otherwise "" and 1.
func (s *Scenario) PricesIn() (year string, toStart float64) {
	from := s.PricesFrom()
	if s.PricesAt.IsZero() || FinancialYear(from) == FinancialYear(s.Start) {
		return "", 1
	}
	return FinancialYear(from), s.PriceFactorOn(s.Start)
}
