package plots

import (
	"testing"

	"github.com/placesim/placesim/model"
)

// TestRegionMarketPricesNote checks what the note says of each shared market's pricing: its
// real growth, compounding, its scarcity and urgency premiums, and nothing of a market whose
// pricing adds nothing.
func TestRegionMarketPricesNote(t *testing.T) {
	s := &model.Scenario{Kinds: []model.Kind{{Name: "ifa", Label: "Independent fostering agency"}, {Name: "res", Label: "External children's homes"}}}
	reg := &model.Region{Councils: []model.Council{{Name: "a", Scenario: s}}, Markets: []model.SharedMarket{
		{Kind: "ifa"},
		{Kind: "res", Pricing: model.Pricing{Threshold: 0.8, PremiumAtFull: 0.5, UrgentPremium: 0.25, RealGrowthPerYear: 0.05}},
	}}
	want := "In the shared markets a council pays its own scenario's weekly price, with its own inflation, changed by the market's pricing. " +
		"External children's homes: its providers' prices rise 5% a year above inflation, compounding from the start (real_growth_per_year); " +
		"plus up to 50% more when over 80% of its places are in use (a scarcity premium); plus 25% more for a placement made from an emergency."
	if got := RegionMarketPricesNote(reg); got != want {
		t.Errorf("RegionMarketPricesNote =\n%q, want\n%q", got, want)
	}
	reg.Markets[1].Pricing = model.Pricing{RealGrowthPerYear: -0.01}
	want = "In the shared markets a council pays its own scenario's weekly price, with its own inflation, changed by the market's pricing. " +
		"External children's homes: its providers' prices fall 1% a year below inflation, compounding from the start (real_growth_per_year)."
	if got := RegionMarketPricesNote(reg); got != want {
		t.Errorf("RegionMarketPricesNote of a fall =\n%q, want\n%q", got, want)
	}
	reg.Markets[1].Pricing = model.Pricing{}
	if got := RegionMarketPricesNote(reg); got != "" {
		t.Errorf("RegionMarketPricesNote of markets that add nothing = %q, want none", got)
	}
}
