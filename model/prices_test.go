package model

import (
	"math"
	"strings"
	"testing"
	"time"
)

func ymd(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// TestPriceFactor checks the price path from prices_at: 1 from it to the next April, one
// April's rise a year after it and one April's fall a year before it.
func TestPriceFactor(t *testing.T) {
	three := func(time.Time) float64 { return 0.03 }
	tests := []struct {
		name     string
		from, on time.Time
		want     float64
	}{
		{"the same day", ymd(2026, 4, 1), ymd(2026, 4, 1), 1},
		{"later in the same year", ymd(2026, 4, 1), ymd(2027, 3, 31), 1},
		{"the next April", ymd(2026, 4, 1), ymd(2027, 4, 1), 1.03},
		{"eight years before", ymd(2026, 4, 1), ymd(2018, 4, 1), math.Pow(1.03, -8)},
		{"the March before", ymd(2026, 4, 1), ymd(2026, 3, 1), 1 / 1.03},
		{"from a start mid-year", ymd(2026, 9, 15), ymd(2027, 4, 1), 1.03},
		{"from a start mid-year, in its year", ymd(2026, 9, 15), ymd(2026, 4, 1), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Tolerance: a product of eight factors against math.Pow, rounding alone.
			if got := PriceFactor(tt.from, tt.on, three); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("PriceFactor(%s, %s) = %v, want %v", tt.from.Format(time.DateOnly), tt.on.Format(time.DateOnly), got, tt.want)
			}
		})
	}
}

// TestPricesIn checks what a scenario says of its prices' year: nothing when they are its
// start's, and the year and the factor to the start's otherwise.
func TestPricesIn(t *testing.T) {
	s := minimal()
	s.InflationPerYear = 0.03
	if y, f := s.PricesIn(); y != "" || f != 1 {
		t.Errorf("unset: %q, %v; want none", y, f)
	}
	s.PricesAt = s.Start
	if y, f := s.PricesIn(); y != "" || f != 1 {
		t.Errorf("the start's: %q, %v; want none", y, f)
	}
	s.Start = ymd(2018, 4, 1)
	s.PricesAt = ymd(2026, 4, 1)
	if y, f := s.PricesIn(); y != "2026/27" || math.Abs(f-math.Pow(1.03, -8)) > 1e-12 {
		t.Errorf("2026/27's from 2018: %q, %v; want 2026/27, %v", y, f, math.Pow(1.03, -8))
	}
}

// TestValidatePricesAt checks that prices_at must be a 1 April within MaxPricesAtYears of the
// start.
func TestValidatePricesAt(t *testing.T) {
	tests := []struct {
		on   time.Time
		want string
	}{
		{ymd(2026, 4, 1), ""},
		{ymd(2018, 4, 1), ""},
		{ymd(2126, 4, 1), ""},
		{ymd(1926, 4, 1), ""},
		{ymd(2026, 5, 1), "prices_at: must be 1 April of the financial year whose prices the amounts are in (2026-04-01 for 2026/27's), not 2026-05-01"},
		{ymd(2027, 3, 31), "prices_at: must be 1 April of the financial year whose prices the amounts are in (2026-04-01 for 2026/27's), not 2027-03-31"},
		{ymd(2127, 4, 1), "prices_at: must be within 100 years of the start (2026-04-01): between 1926-04-01 and 2126-04-01"},
		{ymd(1925, 4, 1), "prices_at: must be within 100 years of the start (2026-04-01): between 1926-04-01 and 2126-04-01"},
	}
	for _, tt := range tests {
		t.Run(tt.on.Format(time.DateOnly), func(t *testing.T) {
			s := minimal()
			s.PricesAt = tt.on
			err := s.Validate().Err()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("got %v, want no problem", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// TestPriceFactorOnBaseLeg checks that prices written at prices_at are carried to an earlier
// start at the base rate alone: an inflation intervention dated after the start, or a strategy
// whose base rate is pinned to its baseline's, pays the baseline's prices up to the first April
// on which its own inflation differs.
func TestPriceFactorOnBaseLeg(t *testing.T) {
	base := minimal()
	base.Start, base.PricesAt, base.InflationPerYear = ymd(2022, 4, 1), ymd(2026, 4, 1), 0.03
	later := *base
	later.Interventions = []Intervention{{Action: Inflation, From: ymd(2024, 4, 1), Rate: 0.08}}
	own := *base
	own.InflationPerYear = 0.05
	three := 0.03
	own.InflationToStart = &three
	later.Name, own.Name = "8% from April 2024", "5% pinned to 3% before the start"
	for s, dates := range map[*Scenario][]time.Time{
		&later: {ymd(2022, 4, 1), ymd(2023, 3, 31), ymd(2023, 4, 1), ymd(2024, 3, 31)},
		&own:   {ymd(2022, 4, 1), ymd(2023, 3, 31)},
	} {
		for _, d := range dates {
			// Tolerance: products of four factors in two orders, rounding alone.
			if got, want := s.PriceFactorOn(d), base.PriceFactorOn(d); math.Abs(got-want) > 1e-12 {
				t.Errorf("%s: PriceFactorOn(%s) = %v, want the baseline's %v", s.Name, d.Format(time.DateOnly), got, want)
			}
		}
	}
	// From April 2024 the intervention's 8% raises prices: 2024/25's are the start's times 1.03
	// (April 2023) times 1.08, the start's being 1.03⁻⁴ of 2026/27's.
	if got, want := later.PriceFactorOn(ymd(2024, 4, 1)), math.Pow(1.03, -3)*1.08; math.Abs(got-want) > 1e-12 {
		t.Errorf("2024/25 under 8%% from April 2024: %v, want %v", got, want)
	}
	if got, want := base.PriceFactorOn(ymd(2022, 4, 1)), math.Pow(1.03, -4); math.Abs(got-want) > 1e-12 {
		t.Errorf("the start's factor %v, want %v", got, want)
	}
	// Unpinned, a file's own rate carries its prices back: 1.05⁻⁴ at the start.
	own.InflationToStart = nil
	if got, want := own.PriceFactorOn(ymd(2022, 4, 1)), math.Pow(1.05, -4); math.Abs(got-want) > 1e-12 {
		t.Errorf("a file's own 5%%: the start's factor %v, want %v", got, want)
	}
}
