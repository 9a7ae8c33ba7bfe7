package plots

import (
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/model"
)

// TestPricesNote checks that a run's and a comparison's money say which year's prices the
// inputs are in when that is not the start's, and nothing more when it is.
func TestPricesNote(t *testing.T) {
	april := func(y int) time.Time { return time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name            string
		start, pricesAt time.Time
		rate            float64
		want            string
	}{
		{"unset", april(2018), time.Time{}, 0.03, ""},
		{"the start's", april(2018), april(2018), 0.03, ""},
		{"the start's year, a start in May", time.Date(2018, 5, 1, 0, 0, 0, 0, time.UTC), april(2018), 0.03, ""},
		{"later", april(2018), april(2026), 0.03, "Prices are 2026/27's, rising 3% each April: 2018/19's are 0.79 of them."},
		{"earlier", april(2026), april(2024), 0.03, "Prices are 2024/25's, rising 3% each April: 2026/27's are 1.06 times them."},
		{"no inflation", april(2018), april(2026), 0, "Prices are 2026/27's, with no inflation before the start: 2018/19's are 1.00 of them."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &model.Scenario{Name: "s", Start: tt.start, Years: 10, PricesAt: tt.pricesAt, InflationPerYear: tt.rate}
			if got := PricesNote(s); got != tt.want {
				t.Errorf("PricesNote = %q, want %q", got, tt.want)
			}
			want := CashTerms
			if tt.want != "" {
				want += " " + tt.want
			}
			if got := MoneyTerms(s); got != want {
				t.Errorf("MoneyTerms = %q, want %q", got, want)
			}
		})
	}
	base := &model.Scenario{Name: "base", Start: april(2018), Years: 10, PricesAt: april(2026), InflationPerYear: 0.03}
	alt := *base
	alt.PricesAt = april(2018)
	notes := PriceNotes(base, &alt)
	if want := "The strategy's amounts of money are written in 2018/19 prices, the baseline's in 2026/27 prices (prices_at): " +
		"the same amount written in both is a different price in each run."; len(notes) != 1 || notes[0] != want {
		t.Errorf("PriceNotes = %q, want [%q]", notes, want)
	}
}

// TestRegionMoneyTerms checks that a region's money names each council whose amounts are
// another year's prices than the region's start's, with what they are there.
func TestRegionMoneyTerms(t *testing.T) {
	april := func(y int) time.Time { return time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC) }
	own := &model.Scenario{Name: "own", Start: april(2026), PricesAt: april(2018), InflationPerYear: 0.03}
	def := &model.Scenario{Name: "default", Start: april(2026), PricesAt: april(2026), InflationPerYear: 0.03}
	reg := &model.Region{Name: "r", Start: april(2018), Years: 10,
		Councils: []model.Council{{Name: "northshire", Scenario: def}, {Name: "southshire", Scenario: own}}}
	want := CashTerms + " northshire: Prices are 2026/27's, rising 3% each April: 2018/19's are 0.79 of them."
	if got := RegionMoneyTerms(reg); got != want {
		t.Errorf("RegionMoneyTerms = %q, want %q", got, want)
	}
}

// TestRegionMarketPricesNote checks that a region's money says what a place in each shared
// market costs a council where it is not plainly the council's own weekly price for the kind:
// relative to it (each provider's price_factor, one a provider_open brings from its date), its
// growth above inflation (real_growth_per_year) and its premiums; and says nothing of a market
// at the councils' own prices.
func TestRegionMarketPricesNote(t *testing.T) {
	april := func(y int) time.Time { return time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC) }
	// The markets are named by their kinds' labels, as the charts name them; a kind with no
	// label (semi_independent here) by its name.
	def := &model.Scenario{Name: "default", Start: april(2026), PricesAt: april(2026), InflationPerYear: 0.03,
		Kinds: []model.Kind{
			{Name: "ifa", Label: "Independent fostering agency", Supply: model.Market},
			{Name: "external_residential", Label: "External children's homes", Supply: model.Market},
		}}
	reg := &model.Region{Name: "r", Start: april(2026), Years: 10,
		Councils: []model.Council{{Name: "northshire", Scenario: def}},
		Markets: []model.SharedMarket{
			{Kind: "supported", Providers: []model.Provider{{Name: "plain", Places: 5}, {Name: "same", Places: 5, PriceFactor: 1}}},
			{Kind: "ifa", Providers: []model.Provider{{Name: "Hearth Fostering", Places: 20, PriceFactor: 0.9}, {Name: "Own", Places: 20}},
				Pricing: model.Pricing{Threshold: 0.85, PremiumAtFull: 0.15, UrgentPremium: 0.05, RealGrowthPerYear: 0.01}},
			{Kind: "external_residential", Providers: []model.Provider{{Name: "Far Homes", Places: 8}},
				Pricing: model.Pricing{RealGrowthPerYear: -0.02}},
			{Kind: "semi_independent", Providers: []model.Provider{{Name: "Own", Places: 20}}, Pricing: model.Pricing{Threshold: 0.9, PremiumAtFull: 0.2}},
		},
		Interventions: []model.RegionIntervention{{Action: model.ProviderOpen, On: april(2028), Market: "ifa", Provider: model.Provider{Name: "New Carers", Places: 5, PriceFactor: 1.25}}},
	}
	for i, want := range []string{
		"",
		"The independent fostering agency market: each council pays its own weekly price for the kind (0.9 times it with Hearth Fostering, 1.25 times it with New Carers from April 2028), " +
			"rising by 1% a year above the council's inflation, compounded, for placements begun later (1.10 times it for one begun 10 years on), " +
			"up to 15% more as the market fills from 85% of its places to full, and 5% more for a placement from an emergency; " +
			"a placement keeps the rise and premiums it began with.",
		"The external children's homes market: each council pays its own weekly price for the kind, falling by 2% a year below the council's inflation, compounded, " +
			"for placements begun later (0.82 times it for one begun 10 years on); a placement keeps the fall it began with.",
		// A placement's price is fixed when it starts (sim's multiplier): the note said the
		// council's price rose every year, which a placement begun earlier does not see.
		"The semi_independent market: each council pays its own weekly price for the kind, up to 20% more as the market fills from 90% of its places to full; " +
			"a placement keeps the premium it began with.",
	} {
		if got := MarketPricesNote(reg, i); got != want {
			t.Errorf("the %s market:\n got %q\nwant %q", reg.Markets[i].Kind, got, want)
		}
	}
	terms := RegionMoneyTerms(reg)
	if !strings.HasPrefix(terms, CashTerms+" The independent fostering agency market: each council pays") || !strings.HasSuffix(terms, "a placement keeps the premium it began with.") {
		t.Errorf("RegionMoneyTerms = %q, want CashTerms then the markets' notes", terms)
	}
}

// TestAssumptionsAtStartPrices checks that the tables of what a run starts with (a report's,
// a board pack's) show the start's prices, as the run pays them in its first year, and say
// so, when the file's amounts are a later year's (prices_at): 2026/27's £1,000 a week is
// £888 in 2022/23 at 3% a year (1.03⁻⁴ = 0.888).
func TestAssumptionsAtStartPrices(t *testing.T) {
	april := func(y int) time.Time { return time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC) }
	s := &model.Scenario{Name: "s", Start: april(2022), Years: 5, PricesAt: april(2026), InflationPerYear: 0.03,
		Emergency: model.Emergency{WeeklyCostGBP: 10000, RetryDays: 7},
		Kinds: []model.Kind{
			{Name: "ifa", Label: "Agency foster care", Supply: model.Market, WeeklyCostGBP: [model.NumNeeds]float64{1000, 1500, 2000}},
			{Name: "home", Label: "Own home", Supply: model.Homes, Category: model.Residential, WeeklyCostGBP: [model.NumNeeds]float64{2000, 3000, 4000},
				Homes: []model.Home{{Name: "Oak", Beds: 4, FixedCostPerYearGBP: 1_000_000}}},
		}}
	rows := kindRows(s, nil)
	if rows[0].Price != "£888" || rows[1].Price != "£1,777" {
		t.Errorf("weekly prices at the start %q and %q, want £888 and £1,777", rows[0].Price, rows[1].Price)
	}
	if want := "plus £888k a home a year"; !strings.HasPrefix(rows[1].Fixed, want) {
		t.Errorf("a home's running cost %q, want it to begin %q", rows[1].Fixed, want)
	}
	var emergency, prices string
	for _, a := range assumptions(s, nil, nil, nil) {
		switch a[0] {
		case "Emergency placement":
			emergency = a[1]
		case "Prices":
			prices = a[1]
		}
	}
	if !strings.HasPrefix(emergency, "£8,885 a week") {
		t.Errorf("emergency placement %q, want £8,885 a week", emergency)
	}
	if want := "the money in these tables is at the start's prices, 2022/23's: 0.89 of the file's amounts, which are 2026/27 prices (prices_at)"; prices != want {
		t.Errorf("Prices row %q, want %q", prices, want)
	}
	// At the start's own prices, the amounts as written, and no row.
	s.PricesAt = s.Start
	if rows := kindRows(s, nil); rows[0].Price != "£1,000" {
		t.Errorf("weekly price %q at the start's own prices, want £1,000", rows[0].Price)
	}
	for _, a := range assumptions(s, nil, nil, nil) {
		if a[0] == "Prices" {
			t.Errorf("a Prices row at the start's own prices: %q", a[1])
		}
	}
}
