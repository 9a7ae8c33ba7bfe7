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
	return FinancialYear(from), PriceFactor(from, s.Start, s.InflationOn)
}
