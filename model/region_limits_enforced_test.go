package model

import (
	"math"
	"strings"
	"testing"
)

// fullRegion is a small valid region with two zones, a council, a shared market with a
// provider and pricing, and an own placement, so that every field with a range is in use.
func fullRegion() *Region {
	s := minimal()
	s.Kinds = append(s.Kinds, Kind{Name: "kin", Supply: Market, Accepts: Everyone})
	return &Region{
		Name: "r", Start: s.Start, Years: 2,
		Zones:         []Zone{{Name: "north", Miles: []float64{0, 10}}, {Name: "south", Miles: []float64{10, 0}}},
		Councils:      []Council{{Name: "a", Scenario: s}},
		Markets:       []SharedMarket{{Kind: "ifa", Providers: []Provider{{Name: "p", Zone: 1, Places: 10}}}},
		OwnPlacements: []OwnPlacement{{Kind: "kin"}},
	}
}

// TestEveryRegionLimitEnforced checks, for every range in RegionLimits, that Region.Validate
// accepts each end the range includes and refuses the nearest value beyond it, refuses an end
// the range leaves out and accepts the nearest value inside it, and says the range in its
// message, as the schema and the reference give it. A range added to RegionLimits must be
// added here too.
func TestEveryRegionLimitEnforced(t *testing.T) {
	iv := func(a RegionAction, set func(*RegionIntervention, float64)) func(*Region, float64) {
		return func(r *Region, v float64) {
			x := RegionIntervention{Name: "x", Action: a, On: r.Start, Market: "ifa", Provider: Provider{Name: "p"}, Places: 1}
			set(&x, v)
			r.Interventions = []RegionIntervention{x}
		}
	}
	market := func(r *Region) *SharedMarket { return &r.Markets[0] }
	provider := func(r *Region) *Provider { return &r.Markets[0].Providers[0] }
	type setter struct {
		path  string
		whole bool // the field holds whole numbers
		set   func(r *Region, v float64)
	}
	setters := map[string]setter{
		"years":                            {"years", true, func(r *Region, v float64) { r.Years = int(v) }},
		"warmup_years":                     {"warmup_years", true, func(r *Region, v float64) { r.WarmupYears = int(v) }},
		"zones":                            {}, // the counts of lists and a council's size: the region file's reader's (scenarios)
		"councils":                         {},
		"councils[].size.children_in_care": {},
		"markets":                          {},
		"markets[].providers":              {},
		"interventions":                    {},
		"own_placements":                   {},
		"zones[].miles.<zone>":             {"zones[0].miles[1]", false, func(r *Region, v float64) { r.Zones[0].Miles[1] = v }},
		"markets[].providers[].places":     {"markets[0].providers[0].places", true, func(r *Region, v float64) { provider(r).Places = int(v) }},
		"markets[].providers[].growth_per_year": {"markets[0].providers[0].growth_per_year", false, func(r *Region, v float64) {
			provider(r).GrowthPerYear = v
		}},
		"markets[].providers[].max_miles":    {"markets[0].providers[0].max_miles", false, func(r *Region, v float64) { provider(r).MaxMiles = v }},
		"markets[].providers[].price_factor": {"markets[0].providers[0].price_factor", false, func(r *Region, v float64) { provider(r).PriceFactor = v }},
		"markets[].providers[].over_20_miles_share": {"markets[0].providers[0].over_20_miles_share", false, func(r *Region, v float64) {
			provider(r).FarShare = v
		}},
		"markets[].pricing.threshold":       {"markets[0].pricing.threshold", false, func(r *Region, v float64) { market(r).Pricing.Threshold = v }},
		"markets[].pricing.premium_at_full": {"markets[0].pricing.premium_at_full", false, func(r *Region, v float64) { market(r).Pricing.PremiumAtFull = v }},
		"markets[].pricing.urgent_premium":  {"markets[0].pricing.urgent_premium", false, func(r *Region, v float64) { market(r).Pricing.UrgentPremium = v }},
		"markets[].pricing.real_growth_per_year": {"markets[0].pricing.real_growth_per_year", false, func(r *Region, v float64) {
			market(r).Pricing.RealGrowthPerYear = v
		}},
		// The provider holds the most places a provider may, so that the largest cut the field
		// takes is one it can make (a cut of more than the provider holds is refused on its own).
		"interventions[].places (provider_resize)": {"interventions[0].places", true, func(r *Region, v float64) {
			provider(r).Places = int(limProviderPlaces.Max)
			iv(ProviderResize, func(x *RegionIntervention, v float64) { x.Places = int(v) })(r, v)
		}},
		"interventions[].places (pooled_block)": {"interventions[0].places", true, iv(PooledBlock, func(x *RegionIntervention, v float64) { x.Places = int(v) })},
		"interventions[].cost_per_place_per_year_gbp": {"interventions[0].cost_per_place_year_gbp", false, iv(PooledBlock, func(x *RegionIntervention, v float64) {
			x.CostPerPlaceYearGBP = v
		})},
		"interventions[].cost.one_off_gbp":  {"interventions[0].cost.one_off_gbp", false, iv(ProviderExit, func(x *RegionIntervention, v float64) { x.Cost.OneOffGBP = v })},
		"interventions[].cost.per_year_gbp": {"interventions[0].cost.per_year_gbp", false, iv(ProviderExit, func(x *RegionIntervention, v float64) { x.Cost.PerYearGBP = v })},
		"own_placements[].outside_within_20_miles": {"own_placements[0].outside_within_20_miles", false, func(r *Region, v float64) {
			r.OwnPlacements[0].OutsideNearShare = v
		}},
		"own_placements[].outside_over_20_miles": {"own_placements[0].outside_over_20_miles", false, func(r *Region, v float64) {
			r.OwnPlacements[0].OutsideFarShare = v
		}},
	}
	if ps := fullRegion().Validate(); ps != nil {
		t.Fatalf("the full region does not validate: %v", ps)
	}
	for _, l := range RegionLimits() {
		st, ok := setters[l.Field]
		if !ok {
			t.Errorf("%s: no setter in this test: add one", l.Field)
			continue
		}
		if st.set == nil {
			continue
		}
		t.Run(l.Field, func(t *testing.T) {
			// next is the nearest value to end in the direction of to that the field holds.
			next := func(end, to float64) float64 {
				if st.whole {
					return end + math.Copysign(1, to-end)
				}
				return math.Nextafter(end, to)
			}
			check := func(v float64, want bool) {
				t.Helper()
				r := fullRegion()
				st.set(r, v)
				ps := r.Validate()
				var refused bool
				for _, p := range ps {
					if p.Field == st.path && strings.Contains(p.Message, l.Range()) {
						refused = true
					}
				}
				switch {
				case want && ps != nil:
					t.Errorf("%v refused, though within %s: %v", v, l.Range(), ps)
				case !want && !refused:
					t.Errorf("%v not refused at %s with %q: %v", v, st.path, l.Range(), r.Validate())
				}
			}
			check(l.Min, !l.MinExcluded)
			check(next(l.Min, math.Inf(-1)), false)
			check(next(l.Min, math.Inf(1)), true)
			check(l.Max, !l.MaxExcluded)
			check(next(l.Max, math.Inf(1)), false)
			check(next(l.Max, math.Inf(-1)), true)
			if !st.whole {
				check(math.NaN(), false)
			}
		})
	}
}
