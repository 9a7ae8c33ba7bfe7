package plots

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
	"github.com/xuri/excelize/v2"
)

// RegionCouncilsChanged reports, for each council of alt, whether the strategy alt changes
// anything of the council itself against base (its scenario, zone, inputs, prices or
// interventions, as RegionStrategyChanges lists them), or whether the council is new. A
// council it does not change is moved only through the shared market and what the region's
// own changes (its providers, pricing and pooled blocks) do.
func RegionCouncilsChanged(base, alt *model.Region) map[string]bool {
	out := map[string]bool{}
	for _, c := range alt.Councils {
		i := slices.IndexFunc(base.Councils, func(b model.Council) bool { return b.Name == c.Name })
		if i < 0 {
			out[c.Name] = true
			continue
		}
		bc := &base.Councils[i]
		out[c.Name] = c.Zone != bc.Zone && zoneName(alt, c.Zone) != zoneName(base, bc.Zone) ||
			len(councilChanges(c.Name, councilScenarioName(*bc), councilScenarioName(c), bc.Scenario, c.Scenario, alt)) > 0
	}
	return out
}

// partWhere says where a kind's children are, from its label: "with agency foster carers",
// "in external children's homes".
func partWhere(kind string) string {
	info, ok := sim.KPIInfo(sim.OccupiedKPI(kind))
	if !ok || info.Label == "" {
		return "in " + strings.ReplaceAll(kind, "_", " ")
	}
	return strings.TrimPrefix(strings.TrimPrefix(info.Label, "Children "), "children ")
}

// childrenMove says a change of children in a kind with its interval and its weekly price in
// the strategy: "2.7 fewer (-3.4 to -2.0) in external children's homes, at £11,088 a week".
func childrenMove(p sim.SpendingPart, one bool) string {
	more := "more"
	if p.ChildrenChange < 0 {
		more = "fewer"
	}
	s := fmt.Sprintf("%s %s", children(math.Abs(p.ChildrenChange), false), more)
	if !one && !math.IsNaN(p.ChildrenLo) {
		s += fmt.Sprintf(" (%s to %s)", children(p.ChildrenLo, true), children(p.ChildrenHi, true))
	}
	s += " " + partWhere(p.Part)
	switch {
	case !math.IsNaN(p.AltWeekly):
		s += fmt.Sprintf(", at %s a week", formatPounds(math.Round(p.AltWeekly)))
	case !math.IsNaN(p.BaseWeekly):
		s += fmt.Sprintf(" (none left; %s a week in the baseline)", formatPounds(math.Round(p.BaseWeekly)))
	}
	return s
}

// children writes a number of children or placements to two decimals below 1 and one below
// 100, so that a small change on an average day does not read 0.0; signed with a sign.
func children(v float64, signed bool) string {
	digits := 0
	switch a := math.Abs(v); {
	case a < 0.995:
		digits = 2
	case a < 99.95:
		digits = 1
	}
	s := unsignedZero(fmt.Sprintf("%.*f", digits, v))
	if signed && !strings.HasPrefix(s, "-") && strings.Trim(s, "0.") != "" {
		s = "+" + s
	}
	return s
}

// priceMove says a kind's price effect over the run, the sum of its years': "-£100k in
// external children's homes". It quotes no weekly price: the run's are averages over its
// years, which move with when children are placed as well as with the price.
func priceMove(p sim.SpendingPart) string {
	return fmt.Sprintf("%s %s", Signed(p.PriceEffect, Money), partWhere(p.Part))
}

// largest returns up to n of the kinds of parts that keep keeps whose effect (as by says it)
// is largest, by size, leaving out those under a tenth of the largest or under £0.50.
func largest(parts []sim.SpendingPart, n int, by func(sim.SpendingPart) float64, keep func(sim.SpendingPart) bool) []sim.SpendingPart {
	var out []sim.SpendingPart
	for _, p := range parts {
		if p.ChildrenKPI != "" && math.Abs(by(p)) >= 0.5 && keep(p) {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(x, y sim.SpendingPart) int { return -cmpFloat(math.Abs(by(x)), math.Abs(by(y))) })
	for i, p := range out {
		if i >= n || math.Abs(by(p)) < math.Abs(by(out[0]))/10 {
			return out[:i]
		}
	}
	return out
}

// countChange says a change in a count over the run with its interval, when the interval is
// clear of 0 (from one pair, when it is not 0): "23.8 fewer placements costing over £10,000 a
// week (-30.8 to -16.8)"; "" otherwise.
func countChange(diffs []sim.Difference, kpi, what string, one bool) string {
	i := slices.IndexFunc(diffs, func(d sim.Difference) bool { return d.Period == "all" && d.KPI == kpi })
	if i < 0 {
		return ""
	}
	d := diffs[i]
	if one && math.Abs(d.DiffMean) < 0.05 || !one && !(d.DiffLo > 0 || d.DiffHi < 0) {
		return ""
	}
	more := "more"
	if d.DiffMean < 0 {
		more = "fewer"
	}
	s := fmt.Sprintf("%s %s %s", children(math.Abs(d.DiffMean), false), more, what)
	if !one {
		s += fmt.Sprintf(" (%s to %s)", children(d.DiffLo, true), children(d.DiffHi, true))
	}
	return s
}

// movedChildren reports whether a kind's children moved by enough to say in words: a
// hundredth of a child.
func movedChildren(p sim.SpendingPart) bool { return math.Abs(p.ChildrenChange) >= 0.005 }

// whoGainsLine says where one council's change in spending over the run comes from, from its
// parts (sim.SpendingParts of period "all", ending with the total), its comparison's rows
// diffs and its business case nc. acted names the councils the strategy changes; own says
// whether this council is one of them; regionCosts, whether the strategy changes one of the
// region's own that costs money, whose share every council's figures carry.
func whoGainsLine(council string, parts []sim.SpendingPart, diffs []sim.Difference, nc *sim.NetCase, own, regionCosts bool, acted []string, level string, one bool) string {
	total := parts[len(parts)-1]
	var b strings.Builder
	switch {
	case own:
		fmt.Fprintf(&b, "%s made changes of its own", council)
	case len(acted) > 0:
		fmt.Fprintf(&b, "%s made no change of its own (the strategy changes %s)", council, joinAnd(acted))
	default:
		fmt.Fprintf(&b, "%s made no change of its own (the strategy changes no council's own care)", council)
	}
	if n := len(nc.Years); n > 0 {
		cum := nc.Years[n-1].Cumulative
		fmt.Fprintf(&b, "; it %s %s over the run", SavingVerb(cum.Mean, false), GBP(math.Abs(cum.Mean)))
		if r := CaseInterval(cum); r != "" && !one {
			fmt.Fprintf(&b, " (net saving, %s interval %s)", level, r)
		}
	}
	fmt.Fprintf(&b, ". Its spending changes by %s", Signed(total.CostChange, Money))
	if !one {
		fmt.Fprintf(&b, " (%s to %s)", Signed(total.CostLo, Money), Signed(total.CostHi, Money))
	}
	how := gainsHow(own, regionCosts)
	fmt.Fprintf(&b, ", %s: %s as its children were placed otherwise", how, Signed(total.VolumeEffect, Money))
	kinds := parts[:len(parts)-1]
	if vs := largest(kinds, 3, func(p sim.SpendingPart) float64 { return p.VolumeEffect }, movedChildren); len(vs) > 0 {
		var moves []string
		for _, p := range vs {
			moves = append(moves, childrenMove(p, one))
		}
		fmt.Fprintf(&b, " (on an average day %s)", joinAnd(moves))
	}
	fmt.Fprintf(&b, ", %s as each place cost otherwise", Signed(total.PriceEffect, Money))
	if ps := largest(kinds, 2, func(p sim.SpendingPart) float64 { return p.PriceEffect }, func(sim.SpendingPart) bool { return true }); len(ps) > 0 {
		var moves []string
		for _, p := range ps {
			moves = append(moves, priceMove(p))
		}
		fmt.Fprintf(&b, " (%s)", joinAnd(moves))
	}
	fmt.Fprintf(&b, " and %s in costs not tied to a child placed", Signed(total.Other, Money))
	if math.Abs(total.Residual) >= 0.5 {
		fmt.Fprintf(&b, ", leaving %s", Signed(total.Residual, Money))
	}
	b.WriteString(".")
	var counts []string
	for _, c := range []struct{ kpi, what string }{
		{sim.EmergencyPlacements, "emergency placements"},
		{sim.PlacementsOver10k, "placements costing over £10,000 a week"},
	} {
		if s := countChange(diffs, c.kpi, c.what, one); s != "" {
			counts = append(counts, s)
		}
	}
	if len(counts) > 0 {
		fmt.Fprintf(&b, " Over the run it made %s.", joinAnd(counts))
	}
	return b.String()
}

// gainsHow says through what a council's spending changes: the shared market alone; with
// its own changes when own; with its share of the region's own changes when regionCosts (a
// pooled block's places, a region intervention's costs, which every council shares).
func gainsHow(own, regionCosts bool) string {
	switch {
	case own && regionCosts:
		return "through its own changes, its share of the region's own changes and the shared market together"
	case own:
		return "through its own changes and the shared market together"
	case regionCosts:
		return "through the shared market and its share of the region's own changes"
	}
	return "through the shared market"
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// WhoGainsLines says, a sentence each, where the change in spending of each council comes
// from whose business case moves more than its own changes explain: every council the
// strategy leaves as it was whose net saving over the run is clear of 0 (its interval at
// level holds no 0; from one pair, any net saving), largest first, then each council the
// strategy changes, for comparison. It is nil when there is no such council (every council
// acts, or none that does not gains or loses clearly), and when Parts and OwnChanges are not
// set.
func (rc *RegionComparison) WhoGainsLines(level float64) []string {
	if len(rc.Parts) != len(rc.Councils) || len(rc.Cases) != len(rc.Councils) {
		return nil
	}
	var acted []string
	type line struct {
		saving float64
		text   string
	}
	var market, own []line
	one := false
	for _, c := range rc.Councils {
		if c != sim.RegionTotal && rc.OwnChanges[c] {
			acted = append(acted, c)
		}
	}
	for i, c := range rc.Councils {
		if c == sim.RegionTotal || len(rc.Parts[i]) == 0 {
			continue
		}
		nc := rc.Cases[i]
		n := len(nc.Years)
		if n == 0 {
			continue
		}
		cum := nc.Years[n-1].Cumulative
		one = cum.N < 2
		text := whoGainsLine(c, rc.Parts[i], rc.Diffs[i], nc, rc.OwnChanges[c], rc.RegionCosts, acted, Percent(level), one)
		if rc.OwnChanges[c] {
			own = append(own, line{cum.Mean, text})
			continue
		}
		clear := cum.Lo > 0 || cum.Hi < 0
		if one {
			clear = math.Abs(cum.Mean) >= 0.5
		}
		if clear {
			market = append(market, line{cum.Mean, text})
		}
	}
	if len(market) == 0 {
		return nil // every council's change is, at least in part, its own doing
	}
	slices.SortStableFunc(market, func(x, y line) int { return -cmpFloat(math.Abs(x.saving), math.Abs(y.saving)) })
	var out []string
	for _, l := range append(market, own...) {
		out = append(out, l.text)
	}
	return out
}

// SpendingPartsNote says how spending_parts.csv splits each council's change in spending, as
// the pack and the workbook's How to read say it.
const SpendingPartsNote = "spending_parts.csv as it is, with plain headers: each council's change in spending, by financial year and over the whole run, " +
	"split by kind of placement. A kind's weekly price is its spending over the period divided by its children on an average day and the period's weeks " +
	"(so it moves with the shared market's premiums and with the mix of needs placed there); its change in spending is the change in that price for the " +
	"children the baseline placed there (price effect: change in weekly price × baseline children × weeks) plus the change in its children at the " +
	"strategy's price (volume effect: strategy's weekly price × change in children × weeks), exactly; where one run places no child there, or for a " +
	"cost tied to no child placed (staying put, care leavers, support for carers, recruitment, programme costs, a home run empty), the change is Other. " +
	"The whole run is split year by year: its price, volume and other effects are the sums of its financial years', so a price that is the same in " +
	"both runs every year has no price effect; its weekly prices are the run's averages, for reading only, as they move with when children are placed. " +
	"The total row adds them up, and its Residual is what they leave of the change in spending (0 but for rounding). The region's price, volume and other " +
	"effects are its councils' added up, part by part, so that children moved between councils that pay different prices are not read as a change in price; " +
	"its weekly prices are its own averages, for reading only. Own changes says whether the " +
	"strategy changes anything of the council itself; where it does not, all of its change comes through the shared market, and its share of the " +
	"region's own changes where the strategy changes one that costs money (a pooled block, a region intervention's costs). The intervals are of the " +
	"change in children and in spending (comparison.csv's); the price and volume effects are figures of the means and have none"

// partsHeaders are spending_parts.csv's columns in plain words.
var partsHeaders = map[string]string{
	"council": "Council", "scenario": "Scenario", "baseline": "Baseline", "own_changes": "Own changes", "period": "Period", "part": "Part",
	"cost_kpi": "Spending KPI", "children_kpi": "Children KPI", "weeks": "Weeks",
	"base_children": "Children, baseline", "alt_children": "Children, strategy", "children_change": "Change in children",
	"children_change_lo": "Change in children, CI low", "children_change_hi": "Change in children, CI high",
	"base_weekly_gbp": "Weekly price, baseline", "alt_weekly_gbp": "Weekly price, strategy",
	"base_cost": "Spending, baseline", "alt_cost": "Spending, strategy", "cost_change": "Change in spending",
	"cost_change_lo": "Change in spending, CI low", "cost_change_hi": "Change in spending, CI high",
	"price_effect": "Price effect", "volume_effect": "Volume effect", "other": "Other", "residual": "Residual",
}

// writePartsSheet adds the Spending parts sheet of spending_parts.csv's text, parts, to f;
// nothing when parts is empty.
func writePartsSheet(f *excelize.File, parts []byte, st bookStyles, base *model.Region, periodWidth float64) error {
	if len(parts) == 0 {
		return nil
	}
	recs, err := csv.NewReader(bytes.NewReader(parts)).ReadAll()
	if err != nil {
		return fmt.Errorf("the Spending parts sheet: %w", err)
	}
	if len(recs) == 0 {
		return nil
	}
	fixed := map[int]int{}
	for j, h := range recs[0] {
		switch h {
		case "base_weekly_gbp", "alt_weekly_gbp", "base_cost", "alt_cost", "cost_change", "cost_change_lo", "cost_change_hi",
			"price_effect", "volume_effect", "other", "residual":
			fixed[j] = st.money
		case "period":
			for _, rec := range recs[1:] {
				if j < len(rec) {
					rec[j] = YearLabel(base.Start, base.Years, rec[j])
				}
			}
		}
		if plain, ok := partsHeaders[h]; ok {
			recs[0][j] = plain
		}
	}
	return streamSheets(f, "Spending parts", recs, st, -1, -1, -1, fixed, []float64{16, 20, 20, 10, max(10, periodWidth), 24}, excelMaxRows)
}

// SetParts sets rc.OwnChanges, whether the strategy alt changes anything of each council of
// its own against base (RegionCouncilsChanged), rc.RegionCosts, whether it changes one of the
// region's own that costs the councils money (RegionChangesCost), and rc.Parts, the parts of each council's
// change in spending over the whole run (sim.SpendingParts), from rc.Diffs.
func (rc *RegionComparison) SetParts(base, alt *model.Region) {
	rc.OwnChanges = RegionCouncilsChanged(base, alt)
	rc.RegionCosts = RegionChangesCost(base, alt)
	rc.Parts = nil
	weeks := func(period string) float64 { return sim.PeriodWeeks(base.Start, base.Years, period) }
	for _, diffs := range rc.Diffs {
		rc.Parts = append(rc.Parts, sim.SpendingParts(diffs, sim.WholeRun, weeks))
	}
	rc.Parts = rc.regionParts(rc.Parts)
}

// regionParts returns parts, one list of SpendingParts a council of rc.Councils for one
// period, with the region's split of its change the sum of its councils'
// (sim.RegionSpendingParts).
func (rc *RegionComparison) regionParts(parts [][]sim.SpendingPart) [][]sim.SpendingPart {
	r := slices.Index(rc.Councils, sim.RegionTotal)
	if r < 0 || r >= len(parts) {
		return parts
	}
	var councils [][]sim.SpendingPart
	for i, c := range rc.Councils {
		if c != sim.RegionTotal && i < len(parts) {
			councils = append(councils, parts[i])
		}
	}
	parts[r] = sim.RegionSpendingParts(parts[r], councils)
	return parts
}

// OwnChangesOf reports whether the strategy changes anything of council's own; for the
// region, whether it changes any council's.
func (rc *RegionComparison) OwnChangesOf(council string) bool {
	if council != sim.RegionTotal {
		return rc.OwnChanges[council]
	}
	for _, c := range rc.Councils {
		if c != sim.RegionTotal && rc.OwnChanges[c] {
			return true
		}
	}
	return false
}

// PaybackCellOf says when the business case of the j-th of rc's councils pays back, as
// PaybackCell does, but for a council the strategy changes nothing of its own (OwnChanges,
// where set) and whose share of no region change costs it money (RegionCosts): it made no
// change, so any saving it shows comes through the shared market, and a payback year ("2026/27
// on average, but no clear saving yet") would read as a return on a change it never made.
func (rc *RegionComparison) PaybackCellOf(j int) string {
	if j < len(rc.Councils) && rc.Councils[j] != sim.RegionTotal && j < len(rc.Cases)-1 && rc.OwnChanges != nil && !rc.OwnChanges[rc.Councils[j]] && !rc.RegionCosts {
		return NoChangePayback
	}
	return PaybackCell(rc.Cases[j])
}

// NoChangePayback is the payback cell of a council a region's strategy makes no change of its
// own in (PaybackCellOf).
const NoChangePayback = "made no change of its own: nothing to pay back (its figures move with the shared market)"

// WriteSpendingParts writes rc's rows of spending_parts.csv (sim.WriteSpendingParts): for each
// council and then the region, the parts of its change in spending in each period its
// comparison has, in their order, the header first when header is set. base is the baseline
// region, whose start and years give each period's weeks. SetParts must have been called.
func (rc *RegionComparison) WriteSpendingParts(w io.Writer, base *model.Region, header bool) error {
	weeks := func(period string) float64 { return sim.PeriodWeeks(base.Start, base.Years, period) }
	for i, council := range rc.Councils {
		var periods []string
		for _, d := range rc.Diffs[i] {
			if !slices.Contains(periods, d.Period) {
				periods = append(periods, d.Period)
			}
		}
		for _, period := range periods {
			parts := sim.SpendingParts(rc.Diffs[i], period, weeks)
			if council == sim.RegionTotal {
				all := make([][]sim.SpendingPart, len(rc.Councils))
				for j := range rc.Councils {
					if j != i {
						all[j] = sim.SpendingParts(rc.Diffs[j], period, weeks)
					}
				}
				all[i] = parts
				parts = rc.regionParts(all)[i]
			}
			if err := sim.WriteSpendingParts(w, council, rc.Scenario, rc.Baseline, rc.OwnChangesOf(council), parts, header); err != nil {
				return err
			}
			header = false
		}
	}
	return nil
}
