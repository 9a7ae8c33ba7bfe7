package model

import (
	"fmt"
	"strings"
	"time"
)

// Validate returns every problem with the region, or nil: its clock, its zones and their
// distances, its councils (names unique, zones that exist, scenarios that validate), its shared
// markets (each naming a market kind that every council's scenario has, providers in zones that
// exist with places and rates in range, pricing in range) and its interventions (dated within
// the run, naming markets and providers that exist). Field paths are in the vocabulary of
// region files: "zones[1].miles.sussex", "councils[3].scenario.entries.per_year",
// "markets[0].providers[2].places", "interventions[1].provider".
func (reg *Region) Validate() Problems {
	c := &checker{}
	if strings.TrimSpace(reg.Name) == "" {
		c.add("name", "must not be empty")
	}
	if reg.Start.IsZero() {
		c.add("start", "must be a date")
	} else if d := dateOnly(reg.Start); d.Before(EarliestStart) || d.After(LatestStart) {
		c.add("start", "must be between %s and %s", EarliestStart.Format(time.DateOnly), LatestStart.Format(time.DateOnly))
	}
	c.whole("years", reg.Years, limYears)
	c.whole("warmup_years", reg.WarmupYears, limWarmupYears)

	// Zones.
	if len(reg.Zones) == 0 {
		c.add("zones", "must list at least one zone")
	}
	zonesOK := c.length("zones", len(reg.Zones), limRegionZones)
	zoneNames := map[string]bool{}
	for i, z := range reg.Zones {
		f := fmt.Sprintf("zones[%d]", i)
		switch {
		case strings.TrimSpace(z.Name) == "":
			c.add(f+".name", "must not be empty")
		case zoneNames[z.Name]:
			c.add(f+".name", "zone %q is listed twice", z.Name)
		}
		zoneNames[z.Name] = true
		if !zonesOK {
			continue
		}
		if len(z.Miles) != len(reg.Zones) {
			c.add(f+".miles", "must give the miles to each of the %d zones, not %d", len(reg.Zones), len(z.Miles))
			continue
		}
		for j, m := range z.Miles {
			c.num(f+".miles."+reg.Zones[j].Name, m, limRegionMiles)
		}
	}
	zone := func(field string, z int) {
		if z < 0 || z >= len(reg.Zones) {
			c.add(field, "names no zone of the region")
		}
	}

	// Councils.
	if len(reg.Councils) == 0 {
		c.add("councils", "must list at least one council")
	}
	c.length("councils", len(reg.Councils), limRegionCouncils)
	councilNames := map[string]bool{}
	for i, co := range reg.Councils {
		f := fmt.Sprintf("councils[%d]", i)
		switch {
		case strings.TrimSpace(co.Name) == "":
			c.add(f+".name", "must not be empty")
		case strings.ToLower(co.Name) == "region":
			c.add(f+".name", "region names the region as a whole in outputs: call the council something else")
		case councilNames[co.Name]:
			c.add(f+".name", "council %q is listed twice", co.Name)
		}
		councilNames[co.Name] = true
		zone(f+".zone", co.Zone)
		if co.Scenario == nil {
			c.add(f+".scenario", "must be given")
			continue
		}
		for _, p := range co.Scenario.Validate() {
			c.add(f+".scenario."+p.Field, "%s", p.Message)
		}
	}

	// Markets.
	c.length("markets", len(reg.Markets), limRegionMarkets)
	markets := map[string]*SharedMarket{}
	providers := map[string]map[string]bool{}
	for i := range reg.Markets {
		m := &reg.Markets[i]
		f := fmt.Sprintf("markets[%d]", i)
		switch {
		case strings.TrimSpace(m.Kind) == "":
			c.add(f+".kind", "must name a provision kind")
		case markets[m.Kind] != nil:
			c.add(f+".kind", "market %q is listed twice", m.Kind)
		default:
			markets[m.Kind] = m
			for _, co := range reg.Councils {
				if co.Scenario == nil {
					continue
				}
				if msg := marketKindProblem(co.Scenario, m.Kind); msg != "" {
					c.add(f+".kind", "council %s: %s", co.Name, msg)
				}
			}
		}
		names := map[string]bool{}
		providers[m.Kind] = names
		c.length(f+".providers", len(m.Providers), limRegionProviders)
		for j, p := range m.Providers {
			pf := fmt.Sprintf("%s.providers[%d]", f, j)
			switch {
			case strings.TrimSpace(p.Name) == "":
				c.add(pf+".name", "must not be empty")
			case names[p.Name]:
				c.add(pf+".name", "provider %q is listed twice in this market", p.Name)
			}
			names[p.Name] = true
			c.provider(pf, p, zone)
		}
		c.pricing(f+".pricing", m.Pricing)
	}

	// Interventions.
	if c.length("interventions", len(reg.Interventions), limRegionIvs) {
		start := dateOnly(reg.Start)
		first, end := start.AddDate(-reg.WarmupYears, 0, 0), start.AddDate(reg.Years, 0, 0)
		inRun := func(field string, d time.Time) {
			if !d.IsZero() && (d.Before(first) || !d.Before(end)) {
				c.add(field, "%s is outside the run (%s to %s)", d.Format(time.DateOnly), first.Format(time.DateOnly), end.AddDate(0, 0, -1).Format(time.DateOnly))
			}
		}
		for i, iv := range reg.Interventions {
			f := fmt.Sprintf("interventions[%d]", i)
			if iv.On.IsZero() {
				c.add(f+".on", "must be a date")
			} else {
				inRun(f+".on", iv.On)
			}
			names, ok := providers[iv.Market]
			if markets[iv.Market] == nil {
				c.add(f+".market", "names no market of the region")
			}
			switch iv.Action {
			case ProviderExit, ProviderResize:
				if ok && !names[iv.Provider.Name] {
					c.add(f+".provider", "names no provider of market %s (its providers and those opened by earlier interventions)", iv.Market)
				}
				if iv.Action == ProviderResize {
					c.num(f+".places", float64(iv.Places), limRegionIvResize)
					if iv.Places == 0 {
						c.add(f+".places", "must not be 0: give the change in places")
					}
				}
			case ProviderOpen:
				switch {
				case strings.TrimSpace(iv.Provider.Name) == "":
					c.add(f+".provider", "must name the new provider")
				case ok && names[iv.Provider.Name]:
					c.add(f+".provider", "provider %q is already in market %s", iv.Provider.Name, iv.Market)
				case ok:
					names[iv.Provider.Name] = true
				}
				c.provider(f, iv.Provider, zone)
			case PooledBlock:
				c.num(f+".places", float64(iv.Places), limRegionIvBlock)
				zone(f+".zone", iv.Zone)
				c.num(f+".cost_per_place_per_year_gbp", iv.CostPerPlaceYearGBP, limRegionIvBlockGBP)
			default:
				c.add(f+".action", "unknown region action")
			}
			pc := iv.Cost
			c.num(f+".cost.one_off_gbp", pc.OneOffGBP, limCostOneOff)
			c.num(f+".cost.per_year_gbp", pc.PerYearGBP, limCostPerYear)
			if pc.PerUnitGBP != 0 {
				c.add(f+".cost.per_unit_gbp", "a region intervention serves no unit a programme pays for (give one_off_gbp or per_year_gbp)")
			}
			if pc.UnitsPerYear != 0 {
				c.add(f+".cost.units_per_year", "a region intervention serves no unit a programme pays for")
			}
			if pc.OwnInflation {
				c.num(f+".cost.inflation_per_year", pc.InflationPerYear, limCostInflation)
			}
			inRun(f+".cost.one_off_on", pc.OneOffOn)
			inRun(f+".cost.per_year_from", pc.PerYearFrom)
			from := pc.PerYearFrom
			if from.IsZero() {
				from = iv.On
			}
			if !pc.PerYearTo.IsZero() && !from.IsZero() && !pc.PerYearTo.After(from) {
				c.add(f+".cost.per_year_to", "must be after the date the yearly cost starts (%s)", from.Format(time.DateOnly))
			}
		}
	}
	if len(c.ps) == 0 {
		return nil
	}
	return c.ps
}

// provider checks a provider's zone, places and rules at field path f (a market's provider,
// or a provider_open intervention, whose fields sit beside its action).
func (c *checker) provider(f string, p Provider, zone func(string, int)) {
	zone(f+".zone", p.Zone)
	c.whole(f+".places", p.Places, limProviderPlaces)
	c.num(f+".growth_per_year", p.GrowthPerYear, limProviderGrowth)
	c.num(f+".max_miles", p.MaxMiles, limProviderMaxMiles)
	if p.Accepts.Ages != (AgeRange{}) {
		c.ages(f+".accepts.ages", p.Accepts.Ages)
	}
}

func (c *checker) pricing(f string, p Pricing) {
	c.num(f+".threshold", p.Threshold, limPriceThreshold)
	c.num(f+".premium_at_full", p.PremiumAtFull, limPricePremium)
	c.num(f+".urgent_premium", p.UrgentPremium, limPriceUrgent)
	c.num(f+".real_growth_per_year", p.RealGrowthPerYear, limPriceGrowth)
}

// marketKindProblem says why scenario s cannot buy kind from a shared market, or "".
func marketKindProblem(s *Scenario, kind string) string {
	for _, k := range s.Kinds {
		if k.Name == kind {
			if k.Supply != Market {
				return fmt.Sprintf("its kind %s is supplied by %s, and a shared market supplies only a kind supplied by market", kind, k.Supply)
			}
			return ""
		}
	}
	return fmt.Sprintf("its scenario has no provision kind %s", kind)
}

// CouncilScenario returns council i's scenario as the region runs it: a copy on the region's
// clock (Start, Years and WarmupYears), whose Market kinds named by a SharedMarket have no cap
// of their own (CapacityPlaces 0), since the shared market's providers hold their places. The
// council's own scenario is left as it is.
func (reg *Region) CouncilScenario(i int) *Scenario {
	src := reg.Councils[i].Scenario
	s := *src
	s.Start, s.Years, s.WarmupYears = reg.Start, reg.Years, reg.WarmupYears
	s.Kinds = append([]Kind(nil), src.Kinds...)
	for k := range s.Kinds {
		if reg.MarketOf(s.Kinds[k].Name) >= 0 && s.Kinds[k].Supply == Market {
			s.Kinds[k].CapacityPlaces = 0
		}
	}
	return &s
}

// MarketOf returns the position in Markets of the shared market of provision kind name, or -1.
func (reg *Region) MarketOf(kind string) int {
	for i := range reg.Markets {
		if reg.Markets[i].Kind == kind {
			return i
		}
	}
	return -1
}

// Validate returns every problem with the region, or nil: its clock, zones, councils (each
