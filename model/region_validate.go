package model

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

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

// ProviderNames returns the names of the providers of market mi (an index of Markets): those
// it starts with, then those its interventions open, whenever they open, each once.
func (reg *Region) ProviderNames(mi int) []string {
	var names []string
	for _, p := range reg.Markets[mi].Providers {
		if !slices.Contains(names, p.Name) {
			names = append(names, p.Name)
		}
	}
	for _, iv := range reg.Interventions {
		if iv.Action == ProviderOpen && iv.Market == reg.Markets[mi].Kind && !slices.Contains(names, iv.Provider.Name) {
			names = append(names, iv.Provider.Name)
		}
	}
	return names
}

// ValidateClock returns the problems with the region's clock (Start, Years and WarmupYears),
// or nil, as Validate reports them. Every council runs on the clock and every dated change is
// checked against it: a reader may stop at a clock that is wrong rather than report what
// follows from it.
func (reg *Region) ValidateClock() Problems {
	c := &checker{}
	if reg.Start.IsZero() {
		c.add("start", "must be a date")
	} else if d := dateOnly(reg.Start); d.Before(EarliestStart) || d.After(LatestStart) {
		c.add("start", "must be between %s and %s", EarliestStart.Format(time.DateOnly), LatestStart.Format(time.DateOnly))
	}
	c.whole("years", reg.Years, limYears)
	c.whole("warmup_years", reg.WarmupYears, limWarmupYears)
	return c.ps
}

// Validate returns every problem with the region, or nil: its clock, zones, councils (each
// council's scenario validated on the region's clock, its problems under
// "councils[i].scenario."), shared markets, pricing and interventions. A region that validates
// can be simulated.
func (reg *Region) Validate() Problems {
	c := &checker{}
	if strings.TrimSpace(reg.Name) == "" {
		c.add("name", "must not be empty")
	}
	c.ps = append(c.ps, reg.ValidateClock()...)

	nz := len(reg.Zones)
	if nz == 0 {
		c.add("zones", "must list at least one zone")
	}
	zoneNames := map[string]bool{}
	for i, z := range reg.Zones {
		f := fmt.Sprintf("zones[%d]", i)
		c.name(f+".name", z.Name, zoneNames)
		if len(z.Miles) != nz {
			c.add(f+".miles", "must give %d distances, one to each zone, not %d", nz, len(z.Miles))
		}
		for j, m := range z.Miles {
			c.num(fmt.Sprintf("%s.miles[%d]", f, j), m, limRegionMiles)
		}
	}
	named := -1 // a zone that names its region
	for i, z := range reg.Zones {
		if z.Region != "" {
			named = i
			break
		}
	}
	if named >= 0 {
		for i, z := range reg.Zones {
			if strings.TrimSpace(z.Region) == "" {
				c.add(fmt.Sprintf("zones[%d].region", i), "must be given, as zone %s's is: the zones name their regions all or none", reg.Zones[named].Name)
			}
		}
	}
	zone := func(field string, z int) {
		if z < 0 || z >= nz {
			c.add(field, "names no zone")
		}
	}

	if len(reg.Councils) == 0 {
		c.add("councils", "must list at least one council")
	}
	councilNames := map[string]bool{}
	for i, co := range reg.Councils {
		f := fmt.Sprintf("councils[%d]", i)
		c.name(f+".name", co.Name, councilNames)
		zone(f+".zone", co.Zone)
		if co.Scenario == nil {
			c.add(f+".scenario", "must be given")
			continue
		}
		for _, p := range reg.CouncilScenario(i).Validate() {
			if p.Field == "start" || p.Field == "years" || p.Field == "warmup_years" {
				continue // the region's clock, reported above
			}
			c.add(f+".scenario."+p.Field, "%s", p.Message)
		}
		for j, iv := range co.Scenario.Interventions {
			if iv.Action == Capacity && int(iv.Kind) >= 0 && int(iv.Kind) < len(co.Scenario.Kinds) && reg.MarketOf(co.Scenario.Kinds[iv.Kind].Name) >= 0 {
				c.add(fmt.Sprintf("%s.scenario.interventions[%d]", f, j), "capacity of %s, a kind the shared market supplies: change the providers' places instead", co.Scenario.Kinds[iv.Kind].Name)
			}
		}
	}

	marketKinds := map[string]bool{}
	for i, m := range reg.Markets {
		f := fmt.Sprintf("markets[%d]", i)
		if c.name(f+".kind", m.Kind, marketKinds) {
			buyers := 0
			for j, co := range reg.Councils {
				if co.Scenario == nil {
					continue
				}
				for _, kd := range co.Scenario.Kinds {
					if kd.Name != m.Kind {
						continue
					}
					buyers++
					if kd.Supply != Market {
						c.add(f+".kind", "council %s's %s is not a market kind: only places bought from providers can be shared", reg.Councils[j].Name, m.Kind)
					}
				}
			}
			if buyers == 0 {
				c.add(f+".kind", "no council has a provision kind %s", m.Kind)
			}
		}
		providerNames := map[string]bool{}
		for j, p := range m.Providers {
			c.provider(fmt.Sprintf("%s.providers[%d]", f, j), p, providerNames, nz)
		}
		pr := m.Pricing
		pf := f + ".pricing"
		c.num(pf+".threshold", pr.Threshold, limPriceThreshold)
		c.num(pf+".premium_at_full", pr.PremiumAtFull, limPricePremium)
		c.num(pf+".urgent_premium", pr.UrgentPremium, limPriceUrgent)
		c.num(pf+".real_growth_per_year", pr.RealGrowthPerYear, limPriceGrowth)
	}

	ownKinds := map[string]bool{}
	for i, o := range reg.OwnPlacements {
		f := fmt.Sprintf("own_placements[%d]", i)
		if c.name(f+".kind", o.Kind, ownKinds) {
			found := false
			for _, co := range reg.Councils {
				if co.Scenario == nil {
					continue
				}
				for _, kd := range co.Scenario.Kinds {
					found = found || kd.Name == o.Kind
				}
			}
			switch {
			case reg.MarketOf(o.Kind) >= 0:
				c.add(f+".kind", "%s is supplied by a shared market, whose providers' zones say where its places are", o.Kind)
			case !found:
				c.add(f+".kind", "no council has a provision kind %s", o.Kind)
			}
		}
		c.num(f+".outside_within_20_miles", o.OutsideNearShare, limOwnNear)
		c.num(f+".outside_over_20_miles", o.OutsideFarShare, limOwnFar)
	}

	// Interventions, in date order, so that a provider opened by one can be changed by a later
	// one.
	start := dateOnly(reg.Start)
	first, end := start.AddDate(-reg.WarmupYears, 0, 0), start.AddDate(reg.Years, 0, 0)
	opened := map[string]time.Time{} // market/provider opened by an intervention: its date
	for _, iv := range reg.Interventions {
		if iv.Action == ProviderOpen {
			opened[iv.Market+"\x00"+iv.Provider.Name] = iv.On
		}
	}
	room := reg.resizeRoom()
	ivNames := map[string]bool{}
	for i, iv := range reg.Interventions {
		f := fmt.Sprintf("interventions[%d]", i)
		c.name(f+".name", iv.Name, ivNames)
		if iv.On.IsZero() {
			c.add(f+".on", "must be a date")
		} else if d := dateOnly(iv.On); d.Before(first) || !d.Before(end) {
			c.add(f+".on", "%s", outsideRunOf(d, start, reg.Years, reg.WarmupYears, "the region years"))
		}
		mi := reg.MarketOf(iv.Market)
		if mi < 0 {
			c.add(f+".market", "names no shared market")
		}
		known := func() bool {
			if mi < 0 {
				return false
			}
			for _, p := range reg.Markets[mi].Providers {
				if p.Name == iv.Provider.Name {
					return true
				}
			}
			on, ok := opened[iv.Market+"\x00"+iv.Provider.Name]
			return ok && !on.After(iv.On)
		}
		switch iv.Action {
		case ProviderExit, ProviderResize:
			if j := reg.exitBefore(i); j >= 0 && mi >= 0 && known() {
				what, fix := "a resize after its exit", "date it before the exit, or remove it"
				if iv.Action == ProviderExit {
					what, fix = "a second exit", "remove it" // dated before the first, it would be the first
				}
				ex := reg.Interventions[j]
				c.add(f+".provider.name", "%s left the %s market on %s (interventions[%d]): %s changes nothing, as it holds no places then: %s",
					iv.Provider.Name, iv.Market, dateOnly(ex.On).Format(time.DateOnly), j, what, fix)
				break
			}
			if mi >= 0 && !known() {
				if iv.Provider.Name != "" && !slices.Contains(reg.ProviderNames(mi), iv.Provider.Name) {
					c.add(f+".provider.name", "no provider of %s is named %q", iv.Market, iv.Provider.Name)
				} else {
					c.add(f+".provider.name", "names no provider of %s open by then", iv.Market)
				}
			}
			if iv.Action == ProviderResize && iv.Places == 0 {
				c.add(f+".places", "must change the places (not 0)")
			} else if iv.Action == ProviderResize {
				c.whole(f+".places", iv.Places, limRegionIvResize)
			}
			if r, ok := room[i]; ok && iv.Places < 0 && float64(-iv.Places) > r.places {
				grown := ""
				if r.grows {
					grown = " with its growth"
				}
				c.add(f+".places", "cuts %s places, more than the %s %s holds by %s%s: cut at most %s, or close it with provider_exit",
					FormatNumber(float64(-iv.Places)), FormatNumber(r.places), iv.Provider.Name, dateOnly(iv.On).Format(time.DateOnly), grown, FormatNumber(r.places))
			}
		case ProviderOpen:
			names := map[string]bool{}
			if mi >= 0 {
				for _, p := range reg.Markets[mi].Providers {
					names[p.Name] = true
				}
			}
			c.provider(f+".provider", iv.Provider, names, nz)
		case PooledBlock:
			c.whole(f+".places", iv.Places, limRegionIvBlock)
			zone(f+".zone", iv.Zone)
			c.num(f+".cost_per_place_year_gbp", iv.CostPerPlaceYearGBP, limRegionIvBlockGBP)
		default:
			c.add(f+".action", "unknown region action %d", iv.Action)
		}
		pc := iv.Cost
		c.num(f+".cost.one_off_gbp", pc.OneOffGBP, limCostOneOff)
		c.num(f+".cost.per_year_gbp", pc.PerYearGBP, limCostPerYear)
		c.num(f+".cost.per_unit_gbp", pc.PerUnitGBP, limCostPerUnit)
		if pc.UnitsPerYear != 0 {
			c.add(f+".cost.units_per_year", "is not for region interventions")
		}
		if pc.OwnInflation {
			c.add(f+".cost.inflation_per_year", "region interventions' costs rise with each council's inflation")
		}
		if pc.PerUnitGBP != 0 && (iv.Action == ProviderExit) {
			c.add(f+".cost.per_unit_gbp", "provider_exit serves no unit (give one_off_gbp or per_year_gbp)")
		}
		for _, d := range []struct {
			field string
			on    time.Time
		}{{"one_off_on", pc.OneOffOn}, {"per_year_from", pc.PerYearFrom}, {"per_year_to", pc.PerYearTo}} {
			if x := dateOnly(d.on); !d.on.IsZero() && (x.Before(first) || x.After(end)) {
				c.add(f+".cost."+d.field, "%s", outsideRunOf(x, start, reg.Years, reg.WarmupYears, "the region years"))
			}
		}
		// As a council's: a one-off cost in the warm-up falls before the first financial year a
		// business case counts, so it would be left out of every figure.
		if on := pc.OneOffOn; pc.OneOffGBP != 0 {
			how := ""
			if on.IsZero() {
				on, how = iv.On, " (not given, so its on date)"
			}
			if x := dateOnly(on); !on.IsZero() && !x.Before(first) && x.Before(start) {
				c.add(f+".cost.one_off_on", "%s%s is in the warm-up, before the start (%s), and the business case counts costs from the start only: date the one-off cost on or after %s, or leave out a cost already sunk",
					x.Format(time.DateOnly), how, start.Format(time.DateOnly), start.Format(time.DateOnly))
			}
		}
	}
	return c.ps
}

// exitBefore returns the position of the provider_exit by which the provider that
// intervention i exits or resizes has left its market by i's date (an exit dated earlier, or
// on the same date and listed before i, with no provider_open of that name between), or -1.
func (reg *Region) exitBefore(i int) int {
	iv := reg.Interventions[i]
	before := func(j int) bool {
		o := reg.Interventions[j].On
		return o.Before(iv.On) || o.Equal(iv.On) && j < i
	}
	exit := -1
	for j, x := range reg.Interventions {
		if j == i || x.Market != iv.Market || x.Provider.Name != iv.Provider.Name || !before(j) {
			continue
		}
		if x.Action == ProviderExit && (exit < 0 || reg.Interventions[exit].On.Before(x.On)) {
			exit = j
		}
	}
	if exit < 0 {
		return -1
	}
	for j, x := range reg.Interventions {
		if x.Action == ProviderOpen && x.Market == iv.Market && x.Provider.Name == iv.Provider.Name && before(j) && x.On.After(reg.Interventions[exit].On) {
			return -1
		}
	}
	return exit
}

// resizeRoom returns, for each provider_resize of reg by its position, the most places its
// provider can hold on its date: its places at the start or on opening, grown by its growth a
// year (when it grows) from then or the start to the date, with the earlier resizes' changes,
// rounded as the run rounds places. The run's places grow month by month from the start and
// are never below 0, so that they are never more than this. A resize of a provider unknown by
// then, or closed, has none.
func (reg *Region) resizeRoom() map[int]resize {
	type key struct{ market, name string }
	type held struct {
		places, growth float64
		since          time.Time
	}
	start := dateOnly(reg.Start)
	provs := map[key]*held{}
	for _, m := range reg.Markets {
		for _, p := range m.Providers {
			provs[key{m.Kind, p.Name}] = &held{float64(p.Places), p.GrowthPerYear, start}
		}
	}
	order := make([]int, len(reg.Interventions))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return reg.Interventions[a].On.Compare(reg.Interventions[b].On) })
	room := map[int]resize{}
	for _, i := range order {
		iv := reg.Interventions[i]
		k := key{iv.Market, iv.Provider.Name}
		on := dateOnly(iv.On)
		switch iv.Action {
		case ProviderOpen:
			provs[k] = &held{float64(iv.Provider.Places), iv.Provider.GrowthPerYear, maxTime(on, start)}
		case ProviderExit:
			delete(provs, k)
		case ProviderResize:
			h := provs[k]
			if h == nil {
				continue
			}
			if h.growth > 0 && on.After(h.since) {
				h.places *= math.Pow(1+h.growth, on.Sub(h.since).Hours()/24/DaysPerYear)
				h.since = on
			}
			room[i] = resize{math.Round(h.places), h.growth > 0}
			h.places = max(h.places+float64(iv.Places), 0)
		}
	}
	return room
}

// resize is the most places a provider can hold on the date of a change of its places, and
// whether it grows.
type resize struct {
	places float64
	grows  bool
}

// maxTime returns the later of a and b.
func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// Areas returns, for each zone of the region, the position of the area its councils' children
// count as out of when placed elsewhere (Zone.Region): the first zone of its region when the
// zones name their regions, or the zone itself when they do not.
func (reg *Region) Areas() []int {
	areas := make([]int, len(reg.Zones))
	first := map[string]int{}
	for i, z := range reg.Zones {
		areas[i] = i
		if z.Region == "" {
			continue
		}
		if j, ok := first[z.Region]; ok {
			areas[i] = j
		} else {
			first[z.Region] = i
		}
	}
	return areas
}

// name reports field when name is empty or already in seen, and adds it to seen.
func (c *checker) name(field, name string, seen map[string]bool) bool {
	switch {
	case strings.TrimSpace(name) == "":
		c.add(field, "must not be empty")
		return false
	case seen[name]:
		c.add(field, "%q is given twice", name)
		return false
	}
	seen[name] = true
	return true
}

// provider checks a shared market's provider.
func (c *checker) provider(f string, p Provider, names map[string]bool, zones int) {
	c.name(f+".name", p.Name, names)
	if p.Zone < 0 || p.Zone >= zones {
		c.add(f+".zone", "names no zone")
	}
	c.whole(f+".places", p.Places, limProviderPlaces)
	c.num(f+".growth_per_year", p.GrowthPerYear, limProviderGrowth)
	c.num(f+".max_miles", p.MaxMiles, limProviderMaxMiles)
	if p.PriceFactor != 0 { // 0: the councils' own price
		c.num(f+".price_factor", p.PriceFactor, limProviderPrice)
	}
	c.num(f+".over_20_miles_share", p.FarShare, limProviderFar)
	if p.Accepts.Ages != (AgeRange{}) {
		c.ages(f+".accepts.ages", p.Accepts.Ages)
	}
}

// Warnings returns what is allowed in a region but most likely a mistake, as problems by
// field: a council that will have no children in care (none at the start, no entries, no
// UASC arrivals and no surge that adds some), whose standing costs still count in the
// region's; and a shared market whose providers hold no places at the start (none given, or
// every one of 0 places), so that every child of its kind waits in an emergency placement
// until a change opens some. A region with warnings still validates and runs.
func (reg *Region) Warnings() Problems {
	var ps Problems
	for i, co := range reg.Councils {
		if co.Scenario != nil && noChildren(co.Scenario) {
			ps = append(ps, Problem{Field: fmt.Sprintf("councils[%d].scenario", i),
				Message: fmt.Sprintf("council %s will have no children in care: its scenario has none at the start (no stock), no entries and no UASC arrivals (entries.per_year and uasc.per_year are 0), yet what it pays whatever the children (its carers' fees, its homes) still counts in the region's spending; give it children, or leave it out of the region", co.Name)})
		}
	}
	for i, m := range reg.Markets {
		places := 0
		for _, p := range m.Providers {
			places += max(p.Places, 0)
		}
		if places > 0 {
			continue
		}
		opens := ""
		var first *RegionIntervention
		for j := range reg.Interventions {
			iv := &reg.Interventions[j]
			if iv.Market == m.Kind && (iv.Action == ProviderOpen || iv.Action == PooledBlock) && (first == nil || iv.On.Before(first.On)) {
				first = iv
			}
		}
		if first != nil {
			opens = fmt.Sprintf(" until %s opens some on %s", first.Name, first.On.Format(time.DateOnly))
		}
		what := "no provider"
		if len(m.Providers) > 0 {
			what = fmt.Sprintf("%d providers of 0 places", len(m.Providers))
			if len(m.Providers) == 1 {
				what = "one provider of 0 places"
			}
		}
		ps = append(ps, Problem{Field: fmt.Sprintf("markets[%d].providers", i),
			Message: fmt.Sprintf("the shared market of %s has %s: it holds no places, so a child the councils would place in %s takes another rung of their ladder or waits in an emergency placement%s", m.Kind, what, m.Kind, opens)})
	}
	return ps
}

// noChildren reports whether scenario s will never have a child in care: no stock, no
// entries, no UASC arrivals and no UASC surge that adds some.
func noChildren(s *Scenario) bool {
	return s.StockCount() <= 0 && !(s.Entries.PerYear > 0) && !(s.UASC.PerYear > 0) && !s.addsUASC()
}
