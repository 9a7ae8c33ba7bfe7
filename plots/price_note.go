package plots

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
)

// PriceNotes says, under a business case, when strategy s's amounts of money are written in
// another year's prices than its baseline base's (prices_at), and when its prices rise
// otherwise than the baseline's, so that part of every difference in spending is an assumption
// about prices, not what the strategy does with children and places. Two things make them
// rise otherwise: the inflation each April of the run (inflation_per_year, and from each
// inflation intervention's date its rate), and the price interventions, which multiply what the
// council pays a week for a kind: a price the strategy assumes it pays, higher or lower, is an
// assumption about the market, however the strategy would bring it about. It returns nothing
// when the two are priced alike.
func PriceNotes(base, s *model.Scenario) []string {
	var out []string
	br, sr := aprilRates(base), aprilRates(s)
	n := min(len(br), len(sr))
	same := true
	for i := range n {
		same = same && br[i].rate == sr[i].rate
	}
	if by, sy := model.FinancialYear(base.PricesFrom()), model.FinancialYear(s.PricesFrom()); by != sy {
		out = append(out, fmt.Sprintf("The strategy's amounts of money are written in %s prices, the baseline's in %s prices (prices_at): "+
			"the same amount written in both is a different price in each run.", sy, by))
	}
	if !same {
		out = append(out, fmt.Sprintf("Prices differ from the baseline's: the strategy's inflation is %s; the baseline's is %s. "+
			"So part of each difference in spending, and of the net saving, is this assumption about prices, not what the strategy does; "+
			"the net present value brings every year back to the first year's prices by the baseline's inflation.",
			inflationPath(sr[:n]), inflationPath(br[:n])))
	}
	if !samePrices(base, s) {
		out = append(out, fmt.Sprintf("Prices differ from the baseline's: the strategy %s; the baseline %s. "+
			"A price the council pays is an assumption about the market, not what the strategy does with children and places: "+
			"part of each difference in spending, and of the net saving, is that assumption.",
			priceChangesText(s), priceChangesText(base)))
	}
	return out
}

// priceChange is a price intervention of a run: from On, the weekly price of the kind named
// Kind is multiplied by Factor (on any before).
// Label says the kind in a sentence.
type priceChange struct {
	Kind, Label string
	On          time.Time
	Factor      float64
}

// priceChanges returns s's price interventions that fall within its run, in its order; one
// dated before the start counts from the start.
func priceChanges(s *model.Scenario) []priceChange {
	end := s.Start.AddDate(s.Years, 0, 0)
	var out []priceChange
	for _, iv := range s.Interventions {
		if iv.Action != model.Price || int(iv.Kind) < 0 || int(iv.Kind) >= len(s.Kinds) || (!s.Start.IsZero() && !iv.From.Before(end)) {
			continue
		}
		on := iv.From
		if on.Before(s.Start) {
			on = s.Start
		}
		out = append(out, priceChange{Kind: s.Kinds[iv.Kind].Name, Label: lowerFirst(labelOf(s.Kinds[iv.Kind])), On: on, Factor: iv.Factor})
	}
	return out
}

// samePrices reports whether base's and s's price interventions multiply the weekly price
// of every kind alike on every day of the run (kinds matched by name).
func samePrices(base, s *model.Scenario) bool {
	bc, sc := priceChanges(base), priceChanges(s)
	mult := func(cs []priceChange, kind string, on time.Time) float64 {
		m := 1.0
		for _, c := range cs {
			if c.Kind == kind && !c.On.After(on) {
				m *= c.Factor
			}
		}
		return m
	}
	for _, c := range append(slices.Clone(bc), sc...) {
		if math.Abs(mult(bc, c.Kind, c.On)-mult(sc, c.Kind, c.On)) > 1e-12 {
			return false
		}
	}
	return true
}

// priceChangesText says a run's price interventions: "pays 1.2 times the weekly price of
// independent fostering agency from April 2027", or "changes no price".
func priceChangesText(s *model.Scenario) string {
	var parts []string
	for _, c := range priceChanges(s) {
		parts = append(parts, fmt.Sprintf("%s times the weekly price of %s from %s", decimal(c.Factor), c.Label, c.On.Format("January 2006")))
	}
	if len(parts) == 0 {
		return "changes no price"
	}
	return "pays " + strings.Join(parts, " and ")
}

// aprilRate is the inflation rate a run applies on one April.
type aprilRate struct {
	on   time.Time
	rate float64
}

// aprilRates returns the inflation rate in force on each 1 April after s's start within its
// run, as the simulation raises prices (the last inflation intervention dated on or before
// the April, or else inflation_per_year).
func aprilRates(s *model.Scenario) []aprilRate {
	if s.Start.IsZero() {
		return nil
	}
	end := s.Start.AddDate(s.Years, 0, 0)
	d := time.Date(s.Start.Year(), time.April, 1, 0, 0, 0, 0, s.Start.Location())
	if !d.After(s.Start) {
		d = d.AddDate(1, 0, 0)
	}
	var out []aprilRate
	for ; d.Before(end); d = d.AddDate(1, 0, 0) {
		r := s.InflationPerYear
		for _, iv := range s.Interventions {
			if iv.Action == model.Inflation && !iv.From.After(d) {
				r = iv.Rate
			}
		}
		out = append(out, aprilRate{d, r})
	}
	return out
}

// inflationPath says a run's inflation April by April: "3% a year, then 8% a year from April
// 2028".
func inflationPath(rs []aprilRate) string {
	var parts []string
	for i, r := range rs {
		switch {
		case i == 0:
			parts = append(parts, rate(r.rate)+" a year")
		case r.rate != rs[i-1].rate:
			parts = append(parts, fmt.Sprintf("then %s a year from %s", rate(r.rate), r.on.Format("January 2006")))
		}
	}
	return strings.Join(parts, ", ")
}

// PricesNote says which financial year's prices scenario s's amounts of money are written in,
// when that is not its start's year (prices_at): "Prices are 2026/27's, rising 3% each April:
// 2018/19's are 0.79 of them." It returns "" when they are the start's.
func PricesNote(s *model.Scenario) string {
	year, toStart := s.PricesIn()
	if year == "" {
		return ""
	}
	how := fmt.Sprintf("rising %s each April", rate(s.InflationPerYear))
	if s.InflationPerYear < 0 {
		how = fmt.Sprintf("falling %s each April", rate(-s.InflationPerYear))
	} else if s.InflationPerYear == 0 {
		how = "with no inflation before the start"
	}
	of := "of them"
	if toStart > 1 {
		of = "times them"
	}
	return fmt.Sprintf("Prices are %s's, %s: %s's are %s %s.", year, how, model.FinancialYear(s.Start), strconv.FormatFloat(toStart, 'f', 2, 64), of)
}

// MoneyTerms says how the money of a run of scenario s reads: CashTerms, and PricesNote(s)
// when s's prices are another year's than its start's.
func MoneyTerms(s *model.Scenario) string {
	if note := PricesNote(s); note != "" {
		return CashTerms + " " + note
	}
	return CashTerms
}

// RegionMoneyTerms says how the money of a region's run reads: CashTerms, and for each council
// whose scenario's amounts are another year's prices than the region's start's, its name and
// PricesNote ("northshire: Prices are 2026/27's, rising 3% each April: 2018/19's are 0.79 of
// them.").
func RegionMoneyTerms(reg *model.Region) string {
	if note := RegionPricesNote(reg); note != "" {
		return CashTerms + " " + note
	}
	return CashTerms
}

// RegionPricesNote is RegionMoneyTerms without CashTerms: for each council of reg whose
// scenario's amounts are another year's prices than the region's start's, its name and
// PricesNote, then what each shared market's prices are (MarketPricesNote); "" when there is
// none.
func RegionPricesNote(reg *model.Region) string {
	var notes []string
	for _, c := range reg.Councils {
		if c.Scenario == nil {
			continue
		}
		s := *c.Scenario
		s.Start = reg.Start
		if note := PricesNote(&s); note != "" {
			notes = append(notes, c.Name+": "+note)
		}
	}
	if note := MarketPricesNotes(reg); note != "" {
		notes = append(notes, note)
	}
	return strings.Join(notes, " ")
}

// MarketPricesNotes is MarketPricesNote of each of reg's shared markets, one after another; ""
// when every market is at the councils' own prices.
func MarketPricesNotes(reg *model.Region) string {
	var notes []string
	for i := range reg.Markets {
		if note := MarketPricesNote(reg, i); note != "" {
			notes = append(notes, note)
		}
	}
	return strings.Join(notes, " ")
}

// StrategyMarketPricesNote says how strategy alt's shared markets price a place where that
// differs from baseline base's, which the money terms already say: "The strategy's shared
// markets price a place otherwise than the baseline's." and its MarketPricesNotes; "" when
// they price alike.
func StrategyMarketPricesNote(base, alt *model.Region) string {
	a := MarketPricesNotes(alt)
	if a == MarketPricesNotes(base) {
		return ""
	}
	if a == "" {
		return "The strategy's shared markets price a place otherwise than the baseline's: each council pays its own weekly price for the kind."
	}
	return "The strategy's shared markets price a place otherwise than the baseline's. " + a
}

// MarketPricesNote says what a place in region reg's shared market i costs a council, when it
// is not plainly the council's own weekly price for the kind: relative to that price (each
// provider's price_factor, those a provider_open brings from their date), how it grows beyond
// the council's inflation (real_growth_per_year, compounded each year) for placements begun
// later and the premiums of a full market and of an urgent placement, which a placement keeps
// from its start: "The independent fostering agency market: each council pays its own weekly
// price for the kind (0.9 times it with Hearth Fostering), rising by 1% a year above the
// council's inflation, compounded, for placements begun later (1.10 times it for one begun 10
// years on), up to 15% more as the market fills from 85% of its places to full, and 5% more
// for a placement from an emergency; a placement keeps the rise and premiums it began with."
// The market is named as the region's charts name it (its kind's label), never by the kind's
// name. It returns "" for a market at the councils' own prices.
func MarketPricesNote(reg *model.Region, i int) string {
	m := &reg.Markets[i]
	var factors []string
	for _, p := range m.Providers {
		if f := priceFactor(p.PriceFactor); f != 1 {
			factors = append(factors, fmt.Sprintf("%s times it with %s", decimal(f), p.Name))
		}
	}
	for _, iv := range reg.Interventions {
		if iv.Action == model.ProviderOpen && iv.Market == m.Kind {
			if f := priceFactor(iv.Provider.PriceFactor); f != 1 {
				factors = append(factors, fmt.Sprintf("%s times it with %s from %s", decimal(f), iv.Provider.Name, iv.On.Format("January 2006")))
			}
		}
	}
	pr := m.Pricing
	if len(factors) == 0 && pr.RealGrowthPerYear == 0 && pr.PremiumAtFull == 0 && pr.UrgentPremium == 0 {
		return ""
	}
	text := "The " + marketWords(reg, m.Kind) + " market: each council pays its own weekly price for the kind"
	if len(factors) > 0 {
		text += " (" + strings.Join(factors, ", ") + ")"
	}
	// then says how the price a placement begins at grows and its premiums; kept, what of
	// them a placement keeps while it lasts (the multiplier is fixed when it starts).
	var then, kept []string
	if g := pr.RealGrowthPerYear; g != 0 {
		dir, by, change := "rising", "above", "rise"
		if g < 0 {
			dir, by, change = "falling", "below", "fall"
		}
		growth := fmt.Sprintf("%s by %s a year %s the council's inflation, compounded, for placements begun later", dir, rate(math.Abs(g)), by)
		if reg.Years > 0 {
			growth += fmt.Sprintf(" (%.2f times it for one begun %s on)", math.Pow(1+g, float64(reg.Years)), plural(reg.Years, "year"))
		}
		then, kept = append(then, growth), append(kept, change)
	}
	if pr.PremiumAtFull != 0 {
		then = append(then, fmt.Sprintf("up to %s more as the market fills from %s of its places to full", rate(pr.PremiumAtFull), rate(pr.Threshold)))
	}
	if pr.UrgentPremium != 0 {
		then = append(then, fmt.Sprintf("%s more for a placement from an emergency", rate(pr.UrgentPremium)))
	}
	switch n := len(then) - len(kept); {
	case n == 1:
		kept = append(kept, "premium")
	case n == 2:
		kept = append(kept, "premiums")
	}
	switch len(then) {
	case 0:
	case 1:
		text += ", " + then[0]
	default:
		text += ", " + strings.Join(then[:len(then)-1], ", ") + ", and " + then[len(then)-1]
	}
	if len(kept) > 0 {
		text += "; a placement keeps the " + strings.Join(kept, " and ") + " it began with"
	}
	return text + "."
}

// RegionPriceNotes says, under a region comparison's business cases, for each council of
// base whose prices in region alt rise otherwise than in base (PriceNotes of its two
// scenarios, both on the region's clock), led by the council's name. Councils are matched by
// name.
func RegionPriceNotes(base, alt *model.Region) []string {
	var out []string
	for _, bc := range base.Councils {
		i := councilIn(alt, bc.Name)
		if i < 0 || bc.Scenario == nil || alt.Councils[i].Scenario == nil {
			continue
		}
		b, s := *bc.Scenario, *alt.Councils[i].Scenario
		b.Start, b.Years = base.Start, base.Years
		s.Start, s.Years = base.Start, base.Years
		for _, line := range PriceNotes(&b, &s) {
			out = append(out, bc.Name+": "+line)
		}
	}
	return out
}
