package sim

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestPricesAtCarriesPrices checks that a scenario's amounts of money are taken as the prices of
// the year prices_at names: a yearly programme cost of £365,000, with prices rising 25% each
// April, costs £365,000 in that year, 1.25 times as much a year after it and 1/1.25 as much a
// year before it, whatever the start.
func TestPricesAtCarriesPrices(t *testing.T) {
	iv := model.Intervention{Action: model.EntryRate, From: day(2026, 4, 1), Factor: 0.95,
		Cost: model.ProgrammeCost{OneOffGBP: 200_000, PerYearGBP: 365_000, PerYearTo: day(2028, 4, 1)}}
	// 2026/27: £200,000 and the whole year's £365,000; 2027/28: the whole year's £365,000 (of
	// 366 days); 2028/29: nothing; each at the factor of its year.
	tests := []struct {
		name     string
		pricesAt time.Time
		factors  [2]float64
	}{
		{"the start's prices, unset", time.Time{}, [2]float64{1, 1.25}},
		{"the start's prices, set", day(2026, 4, 1), [2]float64{1, 1.25}},
		{"prices two Aprils after the start", day(2028, 4, 1), [2]float64{1 / 1.5625, 1 / 1.25}},
		{"prices two Aprils before the start", day(2024, 4, 1), [2]float64{1.5625, 1.953125}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := programmeScenario(iv)
			s.PricesAt = tt.pricesAt
			res, err := Run(s, Options{Reps: 1, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			k := slices.Index(res.KPIs, "cost_programme")
			want := []float64{565_000 * tt.factors[0], 365_000 * tt.factors[1], 0}
			for p, w := range want {
				// Tolerance: the month-by-month sums of a factor that is not exact in binary
				// (1/1.5625) differ from the product by rounding alone, a few parts in 1e15.
				if got := res.Reps[0].KPIs[p*len(res.KPIs)+k]; math.Abs(got-w) > 1e-9*w {
					t.Errorf("%s: cost_programme %v, want %v", res.Periods[p], got, w)
				}
			}
		})
	}
}

// TestPricesAtStartChangesNothing checks that prices_at set to 1 April of the start's year
// gives, bit for bit, what prices_at unset gives: every KPI of every year of a run with every
// kind of supply, programme and an inflation intervention.
func TestPricesAtStartChangesNothing(t *testing.T) {
	s := richScenario()
	a, err := Run(s, Options{Reps: 2, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	s.PricesAt = day(2026, 4, 1)
	b, err := Run(s, Options{Reps: 2, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	for r := range a.Reps {
		if !slices.Equal(a.Reps[r].KPIs, b.Reps[r].KPIs) {
			t.Fatalf("replication %d: the KPIs differ with prices_at set to the start", r)
		}
	}
}

// TestPriceIndexFromStart checks that the business case's price index, by which the net
// present value is brought to the first year's prices, is 1 in the first year whatever year's
// prices the scenario is written in.
func TestPriceIndexFromStart(t *testing.T) {
	s := programmeScenario()
	s.PricesAt = day(2029, 4, 1)
	prices, _ := yearCosts(s, []string{"2026/27", "2027/28", "2028/29"})
	// Tolerance: the index is a ratio of factors not exact in binary (1/1.953125), so it is
	// right to rounding alone.
	for p, want := range []float64{1, 1.25, 1.5625} {
		if math.Abs(prices[p]-want) > 1e-12 {
			t.Errorf("year %d: price index %v, want %v", p, prices[p], want)
		}
	}
}
