package sim

import (
	"fmt"
	"math"
	"slices"

	"github.com/placesim/placesim/model"
)

// RegionNetPositions works out the business case of the region alt against base (NetPosition),
// for each council of base, in its order, against the council of the same name in alt, and
// then for the region as a whole (named RegionTotal). Both must be runs of the same seed,
// replications and years.
//
// A region's own interventions' one-off costs (their cost's one_off_gbp), which the run shares
// among the councils by their children in care at the start, are one-off costs of each
// council's business case, its share of them in each pair, and of the region's, with the
// councils' own; what a council's share is in a pair is its children in care at the start
// (those at the end of the first financial year, less the year's entries, plus its exits)
// over every council's.
//
// The region's net present value is its councils' added up, pair by pair: each council's net
// saving is brought back to the first year's prices by the price index its own run paid (its
// inflation_per_year and inflation interventions), as a council's own business case does. The
// region's Prices, which the net present value does not use, are the price index implied in
// the baseline's spending: its mean spending over the councils' mean spending each at its own
// first year's prices.
func RegionNetPositions(base, alt *RegionResults, level float64, discount Discount) ([]*NetCase, error) {
	bCosts, err := regionCaseCosts(base)
	if err != nil {
		return nil, err
	}
	aCosts, err := regionCaseCosts(alt)
	if err != nil {
		return nil, err
	}
	if err := sameCouncilCount(base, alt); err != nil {
		return nil, err
	}
	var cases []*NetCase
	var npv []float64
	for i, bc := range base.Region.Councils {
		j := slices.IndexFunc(alt.Region.Councils, func(c model.Council) bool { return c.Name == bc.Name })
		if j < 0 {
			return nil, fmt.Errorf("%s: %s has no council of that name", bc.Name, alt.Region.Name)
		}
		nc, pairs, err := netPosition(base.Councils[i], alt.Councils[j], level, discount, bCosts[i], aCosts[j], nil)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", bc.Name, err)
		}
		if npv == nil {
			npv = make([]float64, len(pairs))
		}
		for r, v := range pairs {
			npv[r] += v
		}
		cases = append(cases, nc)
	}
	total := func(cs []caseCosts, res *Results) caseCosts {
		tc := caseCosts{prices: regionPrices(base, bCosts)}
		years := len(res.Periods) - 1
		for p := range years {
			xs := make([]float64, len(res.Reps))
			for _, c := range cs {
				for r, v := range c.oneOff[p] {
					xs[r] += v
				}
			}
			tc.oneOff = append(tc.oneOff, xs)
		}
		return tc
	}
	nc, _, err := netPosition(base.Total, alt.Total, level, discount, total(bCosts, base.Total), total(aCosts, alt.Total), npv)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", RegionTotal, err)
	}
	return append(cases, nc), nil
}

// sameCouncilCount returns an error unless base and alt have as many councils as each other:
// with each of base's councils found by name in alt, as the business cases look them up, the
// two then have the same councils.
func sameCouncilCount(base, alt *RegionResults) error {
	if len(alt.Region.Councils) != len(base.Region.Councils) {
		return fmt.Errorf("%s has %d councils and %s %d: a comparison needs the same councils", base.Region.Name, len(base.Region.Councils), alt.Region.Name, len(alt.Region.Councils))
	}
	return nil
}

// RegionNetSplit works out, as RegionNetPositions works out the region's business case, that
// of two groups of the region's councils: those acting says act (the councils the strategy
// changes), added up pair by pair, and the rest, whose figures move only through what the
// councils share (the markets, and any region intervention's costs). The two add up to the
// region's in every pair, figure by figure. Either is nil when it has no council; both carry
// the region's Prices.
func RegionNetSplit(base, alt *RegionResults, acting map[string]bool, level float64, discount Discount) (act, rest *NetCase, err error) {
	bCosts, err := regionCaseCosts(base)
	if err != nil {
		return nil, nil, err
	}
	aCosts, err := regionCaseCosts(alt)
	if err != nil {
		return nil, nil, err
	}
	if err := sameCouncilCount(base, alt); err != nil {
		return nil, nil, err
	}
	var groups [2]*casePairs
	for i, bc := range base.Region.Councils {
		j := slices.IndexFunc(alt.Region.Councils, func(c model.Council) bool { return c.Name == bc.Name })
		if j < 0 {
			return nil, nil, fmt.Errorf("%s: %s has no council of that name", bc.Name, alt.Region.Name)
		}
		cp, err := pairedCase(base.Councils[i], alt.Councils[j], level, discount, bCosts[i], aCosts[j])
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", bc.Name, err)
		}
		g := 1
		if acting[bc.Name] {
			g = 0
		}
		if groups[g] == nil {
			groups[g] = cp // its own, fresh from pairedCase: add may change it
		} else {
			groups[g].add(cp)
		}
	}
	var out [2]*NetCase
	for g, cp := range groups {
		if cp == nil {
			continue
		}
		nc := &NetCase{Scenario: alt.Region.Name, Baseline: base.Region.Name, Level: level, Discount: discount,
			Inflation: base.Total.Scenario.InflationPerYear, Prices: regionPrices(base, bCosts),
			Start: base.Total.Scenario.Start, RunYears: base.Total.Scenario.Years}
		cp.fill(nc, level)
		out[g] = nc
	}
	return out[0], out[1], nil
}

// regionPrices returns the price index implied in the baseline's spending in each financial
// year: the councils' mean spending (cost_total) over their mean spending each at its own first
// year's prices; the first council's where the region spends nothing.
func regionPrices(rr *RegionResults, costs []caseCosts) []float64 {
	prices := slices.Clone(costs[0].prices)
	for p := range prices {
		var cash, real float64
		for i, res := range rr.Councils {
			k := slices.Index(res.KPIs, CostTotal)
			if k < 0 || len(res.Reps) == 0 {
				continue
			}
			var mean float64
			for _, v := range res.KPI(p, k) {
				mean += v / float64(len(res.Reps))
			}
			cash += mean
			real += mean / costs[i].prices[p]
		}
		if real > 0 {
			prices[p] = cash / real
		}
	}
	return prices
}

// regionCaseCosts returns each council's caseCosts in the region run rr: its own one-off
// costs (yearCosts) and, pair by pair, its share of the region's.
func regionCaseCosts(rr *RegionResults) ([]caseCosts, error) {
	reg := rr.Region
	out := make([]caseCosts, len(rr.Councils))
	var shares [][]float64 // shares[i][r]: council i's share of the region's programme costs in replication r
	for i, res := range rr.Councils {
		years := len(res.Periods) - 1
		out[i] = runCosts(res.Scenario, res.Periods[:years], len(res.Reps))
		if !regionOneOffs(reg) {
			continue
		}
		if shares == nil {
			var err error
			if shares, err = startShares(rr); err != nil {
				return nil, err
			}
		}
		c, err := compile(res.Scenario)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", reg.Councils[i].Name, err)
		}
		cal := &c.cal
		for _, iv := range reg.Interventions {
			pc := iv.Cost
			if pc.OneOffGBP == 0 {
				continue
			}
			on := iv.On
			if !pc.OneOffOn.IsZero() {
				on = pc.OneOffOn
			}
			d := cal.DayOf(on)
			for m := cal.FirstReported; m < len(cal.MonthStarts); m++ {
				if d < cal.MonthStarts[m] || d >= cal.MonthEnd(m) {
					continue
				}
				p := slices.Index(res.Periods, model.FinancialYear(cal.MonthDates[m]))
				if p < 0 || p >= years {
					continue
				}
				for r := range res.Reps {
					out[i].oneOff[p][r] += pc.OneOffGBP * shares[i][r] * c.monthFactor[m]
				}
			}
		}
	}
	return out, nil
}

// regionOneOffs reports whether any of reg's own interventions has a one-off cost.
func regionOneOffs(reg *model.Region) bool {
	return slices.ContainsFunc(reg.Interventions, func(iv model.RegionIntervention) bool { return iv.Cost.OneOffGBP != 0 })
}

// startShares returns each council's share of the region's programme costs in each
// replication of rr, as the run shares them: its children in care at the start over every
// council's, or an equal share where the region has none. A council's children in care at the
// start are those at the end of the first financial year, less the year's entries, plus its
// exits.
func startShares(rr *RegionResults) ([][]float64, error) {
	n := len(rr.Total.Reps)
	cla := make([][]float64, len(rr.Councils))
	sum := make([]float64, n)
	for i, res := range rr.Councils {
		ke, kin, kout := slices.Index(res.KPIs, ChildrenInCareYearEnd), slices.Index(res.KPIs, Entries), slices.Index(res.KPIs, Exits)
		if ke < 0 || kin < 0 || kout < 0 {
			return nil, fmt.Errorf("%s: a region's business case needs %s, %s and %s", rr.Region.Councils[i].Name, ChildrenInCareYearEnd, Entries, Exits)
		}
		end, in, out := res.KPI(0, ke), res.KPI(0, kin), res.KPI(0, kout)
		cla[i] = make([]float64, n)
		for r := range n {
			cla[i][r] = math.Max(0, end[r]-in[r]+out[r])
			sum[r] += cla[i][r]
		}
	}
	for i := range cla {
		for r := range n {
			if sum[r] > 0 {
				cla[i][r] /= sum[r]
			} else {
				cla[i][r] = 1 / float64(len(cla))
			}
		}
	}
	return cla, nil
}
