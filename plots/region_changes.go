package plots

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/placesim/placesim/model"
)

// RegionStrategyChanges says in words what the strategy alt changes against the baseline base,
// as the board pack of a scenario says it lever by lever: each changed input with its value in
// the strategy, the baseline's and the change ("Provider homes-surrey (external children's
// homes market, in surrey), places: 80 (baseline 61; +19)"), each market and kind named by
// its label as the charts name it, never by its kind's name, then the dated changes
// the strategy adds, each with its figures. It reads everything a region file can change that
// moves the result: the region's clock, zones and miles, the shared markets' pricing and
// providers, where the councils' own placements lie, each council's zone and scenario (its
// inputs, prices and places, and its interventions), and the region's interventions. A
// strategy that changes nothing says so. The board pack lists these lines, and placesim
// compare prints them in its table and --json.
func RegionStrategyChanges(base, alt *model.Region) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }

	if !alt.Start.Equal(base.Start) {
		add("Start: %s (baseline %s)", alt.Start.Format("2 January 2006"), base.Start.Format("2 January 2006"))
	}
	out = appendChange(out, "Years reported", float64(base.Years), float64(alt.Years), yearsText, countDelta)
	out = appendChange(out, "Warm-up years", float64(base.WarmupYears), float64(alt.WarmupYears), yearsText, countDelta)

	// Zones and the miles between them, by name.
	for _, z := range alt.Zones {
		bz := zoneNamed(base, z.Name)
		if bz == nil {
			add("New zone %s", z.Name)
			continue
		}
		if z.Region != bz.Region {
			add("Wider area of zone %s: %s (baseline %s)", z.Name, orNone(z.Region), orNone(bz.Region))
		}
		for j, m := range z.Miles {
			to := alt.Zones[j].Name
			bj := zoneIndex(base, to)
			if bj < 0 || bj >= len(bz.Miles) {
				continue
			}
			out = appendChange(out, fmt.Sprintf("Miles from a home in %s to a place in %s", z.Name, to), bz.Miles[bj], m, milesText, numberDelta)
		}
	}
	for _, z := range base.Zones {
		if zoneNamed(alt, z.Name) == nil {
			add("Zone %s is not in the strategy", z.Name)
		}
	}

	// The shared markets, by kind: their pricing and their providers, by name.
	for _, m := range alt.Markets {
		bi := base.MarketOf(m.Kind)
		if bi < 0 {
			add("New shared market of %s, %s from %s", marketWords(alt, m.Kind), plural(MarketPlaces(m), "place"), plural(len(m.Providers), "provider"))
			continue
		}
		bm := &base.Markets[bi]
		market := marketWords(alt, m.Kind)
		what := func(s string) string { return fmt.Sprintf("The %s market, %s", market, s) }
		out = appendChange(out, what("occupancy with no scarcity premium"), bm.Pricing.Threshold, m.Pricing.Threshold, shareText, pointsDelta)
		out = appendChange(out, what("scarcity premium when full"), bm.Pricing.PremiumAtFull, m.Pricing.PremiumAtFull, shareText, pointsDelta)
		out = appendChange(out, what("premium of an urgent placement"), bm.Pricing.UrgentPremium, m.Pricing.UrgentPremium, shareText, pointsDelta)
		out = appendChange(out, what("providers' prices above inflation"), bm.Pricing.RealGrowthPerYear, m.Pricing.RealGrowthPerYear, perYearText, pointsDelta)
		for _, p := range m.Providers {
			bp := providerOf(bm, p.Name)
			if bp == nil {
				add("New provider %s (%s market): %s in %s", p.Name, market, plural(p.Places, "place"), zoneName(alt, p.Zone))
				continue
			}
			who := func(s string) string {
				return fmt.Sprintf("Provider %s (%s market, in %s), %s", p.Name, market, zoneName(base, bp.Zone), s)
			}
			if zoneName(alt, p.Zone) != zoneName(base, bp.Zone) {
				add("%s: %s (baseline %s)", who("zone"), zoneName(alt, p.Zone), zoneName(base, bp.Zone))
			}
			out = appendChange(out, who("places"), float64(bp.Places), float64(p.Places), placesText, countDelta)
			out = appendChange(out, who("yearly change in places"), bp.GrowthPerYear, p.GrowthPerYear, perYearText, pointsDelta)
			out = appendChange(out, who("price"), priceFactor(bp.PriceFactor), priceFactor(p.PriceFactor), timesText, numberDelta)
			if p.MaxMiles != bp.MaxMiles {
				add("%s: %s (baseline %s)", who("furthest it places a child"), maxMilesText(p.MaxMiles), maxMilesText(bp.MaxMiles))
			}
			out = appendChange(out, who("share of its places over 20 miles from a child the zones put near"), bp.FarShare, p.FarShare, shareText, pointsDelta)
			if !reflect.DeepEqual(p.Accepts, bp.Accepts) {
				add("%s: changed", who("the children it takes"))
			}
		}
		for _, p := range bm.Providers {
			if providerOf(&m, p.Name) == nil {
				add("Provider %s (%s market, in %s, %s) is not in the strategy", p.Name, market, zoneName(base, p.Zone), plural(p.Places, "place"))
			}
		}
	}
	for _, m := range base.Markets {
		if alt.MarketOf(m.Kind) < 0 {
			add("Shared market of %s is not in the strategy: its councils buy the kind on their own", marketWords(base, m.Kind))
		}
	}

	// Where the councils' own placements lie, by kind.
	for _, o := range alt.OwnPlacements {
		var bo model.OwnPlacement
		for _, b := range base.OwnPlacements {
			if b.Kind == o.Kind {
				bo = b
			}
		}
		out = appendChange(out, fmt.Sprintf("Share of own %s placements within 20 miles that lie outside the council", marketWords(alt, o.Kind)), bo.OutsideNearShare, o.OutsideNearShare, shareText, pointsDelta)
		out = appendChange(out, fmt.Sprintf("Share of own %s placements over 20 miles that lie outside the council", marketWords(alt, o.Kind)), bo.OutsideFarShare, o.OutsideFarShare, shareText, pointsDelta)
	}
	for _, b := range base.OwnPlacements {
		if !slices.ContainsFunc(alt.OwnPlacements, func(o model.OwnPlacement) bool { return o.Kind == b.Kind }) {
			out = appendChange(out, fmt.Sprintf("Share of own %s placements within 20 miles that lie outside the council", marketWords(base, b.Kind)), b.OutsideNearShare, 0, shareText, pointsDelta)
			out = appendChange(out, fmt.Sprintf("Share of own %s placements over 20 miles that lie outside the council", marketWords(base, b.Kind)), b.OutsideFarShare, 0, shareText, pointsDelta)
		}
	}

	// Each council: its zone, its scenario's inputs and its interventions.
	councilNamed := func(reg *model.Region, name string) int {
		return slices.IndexFunc(reg.Councils, func(c model.Council) bool { return c.Name == name })
	}
	for _, c := range alt.Councils {
		i := councilNamed(base, c.Name)
		if i < 0 {
			add("New council %s, in %s, with %s children in care at the start", c.Name, zoneName(alt, c.Zone), formatCount(float64(c.Scenario.StockCount())))
			continue
		}
		bc := &base.Councils[i]
		if zoneName(alt, c.Zone) != zoneName(base, bc.Zone) {
			add("Zone of %s: %s (baseline %s)", c.Name, zoneName(alt, c.Zone), zoneName(base, bc.Zone))
		}
		out = append(out, councilChanges(c.Name, councilScenarioName(*bc), councilScenarioName(c), bc.Scenario, c.Scenario, alt)...)
	}
	for _, c := range base.Councils {
		if councilNamed(alt, c.Name) < 0 {
			add("Council %s is not in the strategy", c.Name)
		}
	}

	// The region's dated changes: those the strategy adds, then those it leaves out.
	added, dropped := unmatched(alt.Interventions, base.Interventions, func(a, b model.RegionIntervention) bool { return reflect.DeepEqual(a, b) })
	for _, iv := range added {
		out = append(out, regionInterventionText(alt, iv))
	}
	for _, iv := range dropped {
		out = append(out, "Not in the strategy: "+regionInterventionText(base, iv))
	}
	if len(out) == 0 {
		return []string{"Nothing: the strategy is the baseline as it is."}
	}
	return out
}

// councilChanges says what a council's scenario alt changes against its baseline's, base:
// the scenario it starts from, each of its main inputs and its kinds' prices and places as
// the report's assumptions give them (not the places of a kind a shared market of reg
// supplies: its providers' are), and the interventions added or left out. A change none of
// those shows is said in one line.
func councilChanges(council, baseName, altName string, base, alt *model.Scenario, reg *model.Region) []string {
	var out []string
	if base == nil || alt == nil {
		return nil
	}
	if baseName != altName && baseName != "" && altName != "" {
		out = append(out, fmt.Sprintf("%s: its scenario: %s (baseline %s)", council, altName, baseName))
	}
	ba, aa := assumptions(base, nil, nil, nil), assumptions(alt, nil, nil, nil)
	for i, row := range aa {
		if i >= len(ba) || ba[i][0] != row[0] || row[0] == "Start and length" || row[0] == "Warm-up" {
			continue
		}
		if row[1] != ba[i][1] {
			out = append(out, fmt.Sprintf("%s: %s: %s (baseline %s)", council, row[0], row[1], ba[i][1]))
		}
	}
	bk := kindRows(base, nil)
	shared := map[string]bool{}
	for _, k := range alt.Kinds {
		shared[labelOf(k)] = reg.MarketOf(k.Name) >= 0
	}
	for _, k := range kindRows(alt, nil) {
		var b *kindRow
		for i := range bk {
			if bk[i].Label == k.Label {
				b = &bk[i]
			}
		}
		if b == nil {
			out = append(out, fmt.Sprintf("%s: new kind of placement %s: %s a week, %s", council, k.Label, k.Price, k.Places))
			continue
		}
		if k.Price != b.Price {
			out = append(out, fmt.Sprintf("%s: weekly price of %s (standard need): %s (baseline %s)", council, lowerFirst(k.Label), k.Price, b.Price))
		}
		if k.Fixed != b.Fixed && !shared[k.Label] {
			out = append(out, fmt.Sprintf("%s: running cost of %s: %s (baseline %s)", council, lowerFirst(k.Label), orNone(k.Fixed), orNone(b.Fixed)))
		}
		if k.Places != b.Places && !shared[k.Label] {
			out = append(out, fmt.Sprintf("%s: places of %s at the start: %s (baseline %s)", council, lowerFirst(k.Label), k.Places, b.Places))
		}
	}
	said := len(out)
	// A change is matched as a scenario's comparison matches it (sameIntervention): by the
	// name of the kind it acts on, whether or not it is marked as the baseline's.
	added, dropped := unmatched(alt.Interventions, base.Interventions, func(a, b model.Intervention) bool { return sameIntervention(alt, a, base, b) })
	for _, iv := range added {
		out = append(out, council+": "+withCostTerms(alt, iv))
	}
	for _, iv := range dropped {
		out = append(out, council+": not in the strategy: "+interventionFigures(base, iv))
	}
	if said == 0 {
		// Whatever else its scenario changes (its ladders, stays, carers' pipeline) is said
		// in one line, as the workspace's board pack says what no lever shows.
		b, a := *base, *alt
		b.Name, b.Description, b.Interventions = "", "", nil
		a.Name, a.Description, a.Interventions = "", "", nil
		if !reflect.DeepEqual(a, b) {
			out = append(out, council+": other inputs of its scenario, not listed here (its scenario or set in the region file)")
		}
	}
	return out
}

// interventionFigures describes one dated change of a scenario with its figures, as a
// region's interventions are: "Regional recruitment hub (10.5 more approvals a year for
// in-house foster care, £12,000 each), from April 2027": what it does (interventionTerms, a
// home's or block's running cost among them), then its programme's costs in short.
func interventionFigures(s *model.Scenario, iv model.Intervention) string {
	f := interventionTerms(s, iv, true)
	if c := iv.Cost; c.PerUnitGBP > 0 {
		f = append(f, formatPounds(c.PerUnitGBP)+" each")
	} else if iv.RecruitmentCostGBP > 0 {
		f = append(f, formatPounds(iv.RecruitmentCostGBP)+" an approval")
	}
	if c := iv.Cost; c.OneOffGBP > 0 {
		f = append(f, formatMoney(c.OneOffGBP)+" once")
	}
	if c := iv.Cost; c.PerYearGBP > 0 {
		t := formatMoney(c.PerYearGBP) + " a year to run"
		if when := perYearWhen(iv); when != "" {
			t += " " + when // its own dates, where they are not the change's
		}
		f = append(f, t)
	}
	return namedTerms(iv, f)
}

// namedTerms is a dated change's name, its terms f in brackets, and when it runs.
func namedTerms(iv model.Intervention, f []string) string {
	what, when := interventionName(iv), interventionWhen(iv)
	if len(f) == 0 {
		return what + ", " + when
	}
	return fmt.Sprintf("%s (%s), %s", what, strings.Join(f, ", "), when)
}

// interventionTerms says in figures what dated change iv of scenario s does, for every
// action, and on what kind: "12 more approvals a year for in-house foster care", "£50 more a
// week a child for in-house foster care", "carers leaving at 0.85 times the rate", "prices at
// 1.1 times for independent fostering agency", "inflation +8% a year"; a home or block beds
// that are not local (local: false) are "over 20 miles away". running says whether a
// home's or block contract's running cost is among them ("£901,500 a year"); the programme's
// own costs (its cost: block) are not: see costTerms. Every scenario's board pack, a region's
// and the workspace's say a change's terms with it.
func interventionTerms(s *model.Scenario, iv model.Intervention, running bool) []string {
	kind := ""
	if iv.Action.NeedsKind() && int(iv.Kind) >= 0 && int(iv.Kind) < len(s.Kinds) {
		kind = lowerFirst(labelOf(s.Kinds[iv.Kind]))
	}
	var f []string
	switch iv.Action {
	case model.ExtraApprovals:
		approvals := "approvals"
		if iv.PerYear == 1 {
			approvals = "approval"
		}
		f = append(f, fmt.Sprintf("%s more %s a year", decimal(iv.PerYear), approvals))
	case model.AddHouseholds:
		f = append(f, plural(iv.Count, "more household"))
	case model.Retention:
		f = append(f, fmt.Sprintf("carers leaving at %s times the rate", decimal(iv.Factor)))
	case model.AllowanceUplift:
		f = append(f, fmt.Sprintf("%s more a week a child", formatPounds(iv.WeeklyGBP)))
		if iv.Factor != 1 {
			f = append(f, fmt.Sprintf("carers leaving at %s times the rate", decimal(iv.Factor)))
		}
	case model.OpenHome:
		f = append(f, "a home of "+plural(iv.Count, "bed"))
	case model.CloseHome:
		f = append(f, "closes "+iv.Name)
	case model.BlockBeds:
		f = append(f, plural(iv.Count, "bed"))
	case model.Capacity:
		if iv.Count == 0 {
			f = append(f, "no cap on places")
		} else {
			f = append(f, "a cap of "+plural(iv.Count, "place"))
		}
	case model.StepDownRate:
		f = append(f, fmt.Sprintf("step-down at %s times the rate", decimal(iv.Factor)))
	case model.EntryRate:
		if iv.Who != nil {
			f = append(f, fmt.Sprintf("children %s entering care at %s times the rate", whoText(*iv.Who), decimal(iv.Factor)))
		} else {
			f = append(f, fmt.Sprintf("children entering care at %s times the rate", decimal(iv.Factor)))
		}
	case model.UASCSurge:
		// What it gives of the two: a surge of 0 more a year says no "0 more".
		var parts []string
		if iv.Factor != 1 {
			parts = append(parts, fmt.Sprintf("UASC arriving at %s times the rate", decimal(iv.Factor)))
		}
		if iv.PerYear != 0 {
			parts = append(parts, fmt.Sprintf("%s more UASC a year", decimal(iv.PerYear)))
		}
		if len(parts) == 0 {
			parts = append(parts, "UASC arriving at the same rate")
		}
		f = append(f, strings.Join(parts, " and "))
	case model.Price:
		f = append(f, fmt.Sprintf("prices at %s times", decimal(iv.Factor)))
	case model.Inflation:
		f = append(f, "inflation "+perYearText(iv.Rate))
	case model.LeaverPlaces:
		if iv.Count == 0 {
			f = append(f, "no cap on care leavers' accommodation")
		} else {
			f = append(f, "care leavers' accommodation capped at "+plural(iv.Count, "place"))
		}
	case model.BreakdownRate:
		f = append(f, fmt.Sprintf("placements breaking down at %s times the rate", decimal(iv.Factor)))
		if int(iv.Kind) >= 0 && int(iv.Kind) < len(s.Kinds) {
			kind = lowerFirst(labelOf(s.Kinds[iv.Kind]))
		}
	case model.EscalationRate:
		f = append(f, fmt.Sprintf("breakdowns raising a child's needs at %s times the share", decimal(iv.Factor)))
	}
	if kind != "" && len(f) > 0 {
		f[0] += " for " + kind
	}
	if (iv.Action == model.OpenHome || iv.Action == model.BlockBeds) && !iv.Local {
		// Beds not local (local: false) are over 20 miles from the children they serve.
		f = append(f, "over 20 miles away")
	}
	if running {
		switch iv.Action {
		case model.OpenHome:
			f = append(f, formatPounds(iv.FixedCostPerYearGBP)+" a year")
		case model.BlockBeds:
			f = append(f, formatPounds(iv.FixedCostPerYearGBP)+" a bed a year")
		}
	}
	return f
}

// whoText names the children a selector picks out: "aged 12-15 with complex needs".
func whoText(w model.Selector) string {
	var parts []string
	if w.Ages != model.AllAges {
		parts = append(parts, "aged "+w.Ages.String())
	}
	if w.Needs != 0 {
		var needs []string
		for _, n := range w.Needs.Needs() {
			needs = append(needs, n.String())
		}
		parts = append(parts, "with "+strings.Join(needs, " or ")+" needs")
	}
	switch w.UASC {
	case model.UASCOnly:
		parts = append(parts, "who are UASC")
	case model.UASCNot:
		parts = append(parts, "who are not UASC")
	}
	return strings.Join(parts, " ")
}

// appendChange adds "label: v (baseline bv; change)" to out when v differs from bv.
func appendChange(out []string, label string, bv, v float64, show func(float64) string, delta func(float64) string) []string {
	if v == bv {
		return out
	}
	return append(out, fmt.Sprintf("%s: %s (baseline %s; %s)", label, show(v), show(bv), delta(v-bv)))
}

// unmatched returns the items of alt that base does not hold, and those of base that alt does
// not, same telling whether an item of alt is one of base, each item of one matching at most
// one of the other.
func unmatched[T any](alt, base []T, same func(a, b T) bool) (added, dropped []T) {
	used := make([]bool, len(base))
	for _, a := range alt {
		found := false
		for j, b := range base {
			if !used[j] && same(a, b) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			added = append(added, a)
		}
	}
	for j, b := range base {
		if !used[j] {
			dropped = append(dropped, b)
		}
	}
	return added, dropped
}

// councilScenarioName is the name of the scenario a council starts from ("default",
// "nts-threshold-0.07"), or "" when its region does not say.
func councilScenarioName(c model.Council) string {
	if c.Scenario == nil {
		return ""
	}
	return c.ScenarioName
}

func zoneIndex(reg *model.Region, name string) int {
	for i, z := range reg.Zones {
		if z.Name == name {
			return i
		}
	}
	return -1
}

func zoneNamed(reg *model.Region, name string) *model.Zone {
	if i := zoneIndex(reg, name); i >= 0 {
		return &reg.Zones[i]
	}
	return nil
}

func zoneName(reg *model.Region, i int) string {
	if i >= 0 && i < len(reg.Zones) {
		return reg.Zones[i].Name
	}
	return "zone " + strconv.Itoa(i)
}

func providerOf(m *model.SharedMarket, name string) *model.Provider {
	for i := range m.Providers {
		if m.Providers[i].Name == name {
			return &m.Providers[i]
		}
	}
	return nil
}

// priceFactor is a provider's price factor as it applies: 0 means 1.
func priceFactor(f float64) float64 {
	if f == 0 {
		return 1
	}
	return f
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// decimal writes a number as briefly as it is exact to four decimals: 10.5, 12, 0.95.
func decimal(v float64) string {
	s := strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
	if math.Abs(v) >= 1000 {
		return formatCount(v)
	}
	return s
}

func placesText(v float64) string  { return formatCount(v) }
func yearsText(v float64) string   { return formatCount(v) }
func milesText(v float64) string   { return decimal(v) + " miles" }
func shareText(v float64) string   { return signedPercent(v) }
func perYearText(v float64) string { return signedPercent(v) + " a year" }
func timesText(v float64) string {
	if v == 1 {
		return "the councils' own"
	}
	return decimal(v) + " times the councils'"
}
func countDelta(d float64) string  { return formatSigned(d, false) }
func numberDelta(d float64) string { return signed(decimal(d), d) }
func pointsDelta(d float64) string { return signed(decimal(100*d), d) + " percentage points" }

// maxMilesText is the furthest a provider places a child: 0 is any distance.
func maxMilesText(v float64) string {
	if v == 0 {
		return "any distance"
	}
	return decimal(v) + " miles"
}

func signed(s string, d float64) string {
	if d > 0 {
		return "+" + s
	}
	return s
}
