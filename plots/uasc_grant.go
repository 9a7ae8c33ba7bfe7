package plots

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// UASCGrant is what a comparison's spending leaves out when its two scenarios look after
// different numbers of unaccompanied asylum-seeking children: the Home Office's grant for each
// UASC, which is income and which the simulation never counts.
type UASCGrant struct {
	// ChildYears is the alternative's UASC in care minus the baseline's over the whole run, in
	// child-years (the mean of the paired runs), with Lo and Hi the confidence interval of the
	// mean (NaN with fewer than two pairs).
	ChildYears, ChildYearsLo, ChildYearsHi float64
	// Years is the length of the run.
	Years int
	// PerNightGBP is the alternative's grant rate: its uasc.grant_per_night_gbp, or the
	// baseline's when the alternative gives none; zero when neither gives one. RateOf names
	// the scenario it is taken from. BasePerNightGBP is the baseline's rate, its own or else
	// the alternative's (sim.UASCGrantRatesEach): PerNightGBP but where both scenarios give a
	// rate and the rates differ.
	PerNightGBP     float64
	RateOf          string
	BasePerNightGBP float64
	// GBP, GBPLo and GBPHi are the alternative's grant for its UASC in care less the
	// baseline's, each scenario's child-nights at its own rate, not uprated for inflation (zero
	// when there is no rate): what ChildYears would bring at PerNightGBP when the rates are the
	// same. GBPLo and GBPHi are NaN when the rates differ and the paired grant rows
	// (sim.UASCGrantNotCounted) are not at hand.
	GBP, GBPLo, GBPHi float64
	// BaseGBP and AltGBP are each scenario's own grant for its UASC in care over the whole run,
	// the mean of its runs at its own rate; FromYears is the part of GBP that comes of the
	// child-years one scenario has and the other not (at the rate of the scenario that has
	// them), and GBP-FromYears the part that comes of the two rates on the child-years both
	// have. Zero when the rates are the same, or for a Summed grant.
	BaseGBP, AltGBP, FromYears float64
	// Summed says that GBP is the sum of several councils' grants, each at its own rate (a
	// region's, whose councils' rates differ, or differ between the two regions):
	// PerNightGBP is then zero, and GBPLo and GBPHi NaN unless the region's paired grant rows
	// (RegionComparison.Grants) give them.
	Summed bool
	// LeaverYears is the alternative's former UASC supported after care (sim.UASCCareLeavers:
	// staying put or in care-leaver accommodation) minus the baseline's over the whole run, in
	// young-person-years, with Lo and Hi its confidence interval; NaN when the comparison has
	// no such row (LeavingCare not called).
	LeaverYears, LeaverYearsLo, LeaverYearsHi float64
	// PerWeekGBP is the alternative's leaving-care grant rate, its
	// uasc.leaving_care_grant_per_week_gbp or else the baseline's (zero for none), and
	// BasePerWeekGBP the baseline's, its own or else the alternative's; LeavingGBP,
	// LeavingGBPLo and LeavingGBPHi are the alternative's leaving-care grant less the
	// baseline's, each at its own rate, as GBP is.
	PerWeekGBP, BasePerWeekGBP             float64
	LeavingGBP, LeavingGBPLo, LeavingGBPHi float64
	// LeavingSummed says that LeavingGBP is the sum of several councils' leaving-care grants,
	// each at its own rates (a region's, whose councils' rates differ, or differ between
	// the two regions): PerWeekGBP is then zero.
	LeavingSummed bool
}

// LeavingCare adds to g the leaving-care grant, from the whole run's difference in former
// UASC supported after care d (sim.UASCCareLeavers, period sim.WholeRun), each scenario's at
// its own rate (sim.UASCGrantRatesEach).
func (g *UASCGrant) LeavingCare(base, alt *model.Scenario, d sim.Difference) {
	if g == nil || d.KPI != sim.UASCCareLeavers || d.Period != sim.WholeRun {
		return
	}
	years := float64(alt.Years)
	days := alt.Start.AddDate(alt.Years, 0, 0).Sub(alt.Start).Hours() / 24
	_, _, g.BasePerWeekGBP, g.PerWeekGBP = sim.UASCGrantRatesEach(base, alt)
	g.LeaverYears, g.LeaverYearsLo, g.LeaverYearsHi = d.DiffMean*years, math.NaN(), math.NaN()
	if d.N >= 2 && !math.IsNaN(d.DiffLo) {
		g.LeaverYearsLo, g.LeaverYearsHi = d.DiffLo*years, d.DiffHi*years
	}
	if g.BasePerWeekGBP != g.PerWeekGBP {
		// Each scenario's young-person-days at its own rate; the range needs the paired
		// grant rows (Paired).
		g.LeavingGBP = days * (d.AltMean*g.PerWeekGBP - d.BaseMean*g.BasePerWeekGBP) / 7
		g.LeavingGBPLo, g.LeavingGBPHi = math.NaN(), math.NaN()
		return
	}
	perDay := g.PerWeekGBP / 7
	g.LeavingGBP, g.LeavingGBPLo, g.LeavingGBPHi = d.DiffMean*days*perDay, d.DiffLo*days*perDay, d.DiffHi*days*perDay
}

// Paired takes g's grants from the comparison's paired grant row d (sim.UASCGrantNotCounted
// or sim.UASCLeavingCareGrantNotCounted, period sim.WholeRun) where the two scenarios' rates
// differ, so that the grant's range is that of the paired runs, each at its own rate.
func (g *UASCGrant) Paired(d sim.Difference) {
	if g == nil || d.Period != sim.WholeRun {
		return
	}
	lo, hi := math.NaN(), math.NaN()
	if d.N >= 2 {
		lo, hi = d.DiffLo, d.DiffHi
	}
	switch {
	case d.KPI == sim.UASCGrantNotCounted && g.BasePerNightGBP != g.PerNightGBP:
		g.GBP, g.GBPLo, g.GBPHi = d.DiffMean, lo, hi
	case d.KPI == sim.UASCLeavingCareGrantNotCounted && g.BasePerWeekGBP != g.PerWeekGBP && !math.IsNaN(g.LeaverYears):
		g.LeavingGBP, g.LeavingGBPLo, g.LeavingGBPHi = d.DiffMean, lo, hi
	}
}

// rates is "£270 a week" when the two scenarios' rates are the same, and "base's £270 a week
// and alt's £300" when they differ.
func rates(base, alt string, baseRate, altRate float64, per string) string {
	if baseRate == altRate || baseRate == 0 {
		return formatPounds(altRate) + " a " + per
	}
	return fmt.Sprintf("%s's %s a %s and %s's %s", base, formatPounds(baseRate), per, alt, formatPounds(altRate))
}

// leavingText says what the leaving-care grant would come to, after Text's sentence on the
// grant for children in care: "" when g has no leaving-care figures.
func (g *UASCGrant) leavingText(n grantNames, level float64) string {
	if math.IsNaN(g.LeaverYears) || (g.LeaverYears == 0 && g.LeavingGBP == 0) {
		return ""
	}
	more, years := "more", g.LeaverYears
	if years < 0 {
		more, years = "fewer", -years
	}
	s := fmt.Sprintf(" Nor do they count the Home Office's leaving-care grant for former UASC the council supports after care, whose staying-put and care-leaver costs they do count: "+
		"%s has %s %s young-person-years of them", n.who, strings.TrimPrefix(Signed(years, Count), "+"), more)
	if !math.IsNaN(g.LeaverYearsLo) {
		s += fmt.Sprintf(" (%s to %s)", Signed(g.LeaverYearsLo, Count), Signed(g.LeaverYearsHi, Count))
	}
	if g.LeavingSummed {
		bring := "bring"
		if g.LeavingGBP < 0 {
			bring = "lose"
		}
		s += fmt.Sprintf("; at each council's own rates (its uasc.leaving_care_grant_per_week_gbp) that would %s about %s", bring, formatMoney(math.Abs(g.LeavingGBP)))
		if !math.IsNaN(g.LeavingGBPLo) {
			s += fmt.Sprintf(" (%s to %s)", Signed(g.LeavingGBPLo, Money), Signed(g.LeavingGBPHi, Money))
		}
		s += " of leaving-care grant, the sum of the councils'"
		if g.PerNightGBP > 0 || g.Summed {
			s += fmt.Sprintf(", %s of grant with the grant for children in care", Signed(g.GBP+g.LeavingGBP, Money))
		}
		return s + "."
	}
	if g.PerWeekGBP == 0 {
		return s + "; no leaving-care rate is given (uasc.leaving_care_grant_per_week_gbp: £270 a week in the Home Office's 2023-24 funding instructions, docs/sources.md §12), so what it would come to is not worked out."
	}
	bring := "bring"
	if g.LeavingGBP < 0 {
		bring = "lose"
	}
	s += fmt.Sprintf("; at %s (uasc.leaving_care_grant_per_week_gbp; the Home Office's 2023-24 rate is £270, docs/sources.md §12) that would %s about %s",
		rates(n.base, n.alt, g.BasePerWeekGBP, g.PerWeekGBP, "week"), bring, formatMoney(math.Abs(g.LeavingGBP)))
	if !math.IsNaN(g.LeaverYearsLo) && !math.IsNaN(g.LeavingGBPLo) {
		s += fmt.Sprintf(" (%s to %s)", Signed(g.LeavingGBPLo, Money), Signed(g.LeavingGBPHi, Money))
	}
	s += " of leaving-care grant"
	if g.PerNightGBP > 0 || g.Summed {
		s += fmt.Sprintf(", %s of grant with the grant for children in care", Signed(g.GBP+g.LeavingGBP, Money))
	}
	return s + "."
}

// UASCGrantOf returns what the comparison of alt against base leaves out of its spending, from
// the whole run's difference in UASC in care d (sim.UASCInCare, period sim.WholeRun), each
// scenario's child-nights at its own rate; nil when the two scenarios' UASC in care do not
// differ in any replication and neither do their rates.
func UASCGrantOf(base, alt *model.Scenario, d sim.Difference) *UASCGrant {
	return grantOf(base, alt, d, false)
}

// grantOf is UASCGrantOf, which with always set returns a grant even when nothing differs.
func grantOf(base, alt *model.Scenario, d sim.Difference, always bool) *UASCGrant {
	if d.KPI != sim.UASCInCare || d.Period != sim.WholeRun {
		return nil
	}
	baseNight, altNight, baseWeek, altWeek := sim.UASCGrantRatesEach(base, alt)
	if !always && d.DiffMean == 0 && d.RunLo == 0 && d.RunHi == 0 && d.PLower == 0 && d.PHigher == 0 && baseNight == altNight && baseWeek == altWeek {
		return nil
	}
	years := float64(alt.Years)
	days := alt.Start.AddDate(alt.Years, 0, 0).Sub(alt.Start).Hours() / 24
	g := &UASCGrant{Years: alt.Years, ChildYears: d.DiffMean * years, ChildYearsLo: math.NaN(), ChildYearsHi: math.NaN(),
		PerNightGBP: alt.UASC.GrantPerNightGBP, RateOf: alt.Name, BasePerNightGBP: baseNight, LeaverYears: math.NaN()}
	if g.PerNightGBP == 0 {
		g.PerNightGBP, g.RateOf = base.UASC.GrantPerNightGBP, base.Name
	}
	if d.N >= 2 && !math.IsNaN(d.DiffLo) {
		g.ChildYearsLo, g.ChildYearsHi = d.DiffLo*years, d.DiffHi*years
	}
	if baseNight != altNight {
		// Each scenario's child-nights at its own rate; the range needs the paired grant
		// rows (Paired).
		g.GBP = days * (d.AltMean*altNight - d.BaseMean*baseNight)
		g.GBPLo, g.GBPHi = math.NaN(), math.NaN()
		g.BaseGBP, g.AltGBP = days*d.BaseMean*baseNight, days*d.AltMean*altNight
		// alt·a − base·b = (alt − base)·a + base·(a − b) when alt has more, and
		// −(base − alt)·b + alt·(a − b) when it has fewer: the child-years one has and the
		// other not at that one's rate, and the change of rate on those both have.
		if d.AltMean >= d.BaseMean {
			g.FromYears = days * (d.AltMean - d.BaseMean) * altNight
		} else {
			g.FromYears = -days * (d.BaseMean - d.AltMean) * baseNight
		}
		return g
	}
	g.GBP = d.DiffMean * days * g.PerNightGBP
	g.GBPLo, g.GBPHi = d.DiffLo*days*g.PerNightGBP, d.DiffHi*days*g.PerNightGBP
	return g
}

// UASCGrantOfDiffs is UASCGrantOf read from a comparison's differences diffs (sim.Compare's,
// then sim.UASCGrants'), with the leaving-care grant (LeavingCare) and, where the two
// scenarios' rates differ, the grants of the paired runs (Paired).
func UASCGrantOfDiffs(base, alt *model.Scenario, diffs []sim.Difference) *UASCGrant {
	return grantOfDiffs(base, alt, diffs, false)
}

// grantOfDiffs is UASCGrantOfDiffs, which with always set returns a grant even when nothing
// differs (but the comparison has UASC in care).
func grantOfDiffs(base, alt *model.Scenario, diffs []sim.Difference, always bool) *UASCGrant {
	var g *UASCGrant
	for _, d := range diffs {
		if d.KPI == sim.UASCInCare && d.Period == sim.WholeRun {
			g = grantOf(base, alt, d, always)
		}
	}
	if g == nil {
		return nil
	}
	for _, d := range diffs {
		if d.KPI == sim.UASCCareLeavers && d.Period == sim.WholeRun {
			g.LeavingCare(base, alt, d)
		}
	}
	for _, d := range diffs {
		g.Paired(d)
	}
	return g
}

// UASCGrantFromRows is UASCGrantOfDiffs read from a comparison's rows of strategy alt.
func UASCGrantFromRows(base, alt *model.Scenario, rows []CompareRow) *UASCGrant {
	var diffs []sim.Difference
	for _, r := range rows {
		if r.Scenario == alt.Name && r.Period == sim.WholeRun {
			diffs = append(diffs, sim.Difference{Period: r.Period, KPI: r.KPI, BaseMean: r.BaseMean, AltMean: r.AltMean,
				DiffMean: r.DiffMean, DiffLo: r.DiffLo, DiffHi: r.DiffHi, RunLo: r.RunLo, RunHi: r.RunHi,
				PLower: r.PLower, PHigher: r.PHigher, N: r.N})
		}
	}
	return UASCGrantOfDiffs(base, alt, diffs)
}

// Text says in plain words that the grant is not counted, and what it would come to:
// "Not counted: ... uasc-surge has 139 more UASC child-years in care than default over the 10
// years ...". level is the confidence level of the interval, such as 0.9.
func (g *UASCGrant) Text(base, alt string, level float64) string {
	return g.text(grantNames{who: alt, than: base, base: base, alt: alt}, level)
}

// grantNames are the names a grant's sentence uses: who has the child-years and than what
// ("kent on uasc-200" ... "on uasc-surge"), and the two scenarios' own names, whose rates and
// grants they are ("uasc-surge's £143 a night").
type grantNames struct{ who, than, base, alt string }

func (g *UASCGrant) text(n grantNames, level float64) string {
	more, years := "more", g.ChildYears
	if years < 0 {
		more, years = "fewer", -years
	}
	lead := "Not counted: the Home Office's grant for unaccompanied asylum-seeking children (UASC), income for each one the council looks after. "
	s := fmt.Sprintf(lead+"%s has %s %s UASC child-years in care than %s over %s", n.who, strings.TrimPrefix(Signed(years, Count), "+"), more, n.than, overYears(g.Years))
	same := g.ChildYears == 0 && (math.IsNaN(g.ChildYearsLo) || g.ChildYearsLo == 0 && g.ChildYearsHi == 0)
	if same {
		// The same children, at different rates.
		s = fmt.Sprintf(lead+"%s has the same UASC child-years in care as %s over %s", n.who, n.than, overYears(g.Years))
	} else if !math.IsNaN(g.ChildYearsLo) {
		s += fmt.Sprintf(" (the %s confidence interval of the mean: %s to %s)", Percent(level), Signed(g.ChildYearsLo, Count), Signed(g.ChildYearsHi, Count))
	}
	if g.PerNightGBP == 0 {
		return s + "; neither scenario gives a grant rate (uasc.grant_per_night_gbp), so what it would come to is not worked out, and the spending figures leave it out." + g.leavingText(n, level)
	}
	bring := "bring"
	if g.GBP < 0 {
		bring = "lose"
	}
	interval := ""
	if !math.IsNaN(g.ChildYearsLo) && !math.IsNaN(g.GBPLo) || same && !math.IsNaN(g.GBPLo) {
		interval = fmt.Sprintf(" (%s to %s)", Signed(g.GBPLo, Money), Signed(g.GBPHi, Money))
	}
	if g.BasePerNightGBP != g.PerNightGBP && g.BasePerNightGBP > 0 && !g.Summed {
		// Both grants, the difference, and what it comes of.
		moreLess := "more"
		if g.GBP < 0 {
			moreLess = "less"
		}
		s += fmt.Sprintf("; at %s's %s a night and %s's %s (their uasc.grant_per_night_gbp, each scenario's UASC at its own rate, not uprated for inflation) %s's grant would be about %s and %s's %s: %s %s%s",
			n.base, formatPounds(g.BasePerNightGBP), n.alt, formatPounds(g.PerNightGBP), n.alt, formatMoney(g.AltGBP), n.base, formatMoney(g.BaseGBP),
			formatMoney(math.Abs(g.GBP)), moreLess, interval)
		higher := "higher"
		if g.PerNightGBP < g.BasePerNightGBP {
			higher = "lower"
		}
		fromRate := g.GBP - g.FromYears
		if same || math.Abs(g.FromYears) < 0.005*math.Abs(g.GBP) {
			s += fmt.Sprintf(", all from the %s rate", higher)
		} else {
			who, rate := fmt.Sprintf("its extra child-years at %s", formatPounds(g.PerNightGBP)), ""
			if g.FromYears < 0 {
				who = fmt.Sprintf("the child-years %s has and %s has not, at %s", n.base, n.alt, formatPounds(g.BasePerNightGBP))
			}
			rate = fmt.Sprintf("the %s rate on the child-years both have", higher)
			s += fmt.Sprintf(": %s from %s, %s from %s", Signed(g.FromYears, Money), who, Signed(fromRate, Money), rate)
		}
		return s + "; the spending figures leave it out." + g.leavingText(n, level)
	}
	s += fmt.Sprintf("; at %s's %s a night (its uasc.grant_per_night_gbp, not uprated for inflation) that would %s about %s of grant%s",
		g.RateOf, formatPounds(g.PerNightGBP), bring, formatMoney(math.Abs(g.GBP)), interval)
	return s + ", which the spending figures leave out." + g.leavingText(n, level)
}

// overYears is "the year" of a one-year run and "the 10 years" of a longer one.
func overYears(n int) string {
	if n == 1 {
		return "the year"
	}
	return fmt.Sprintf("the %d years", n)
}

// uncountedLines says what the business case of strategy s leaves out: the UASC grant, when
// its UASC in care differ from the baseline's.
func (r *CompareReport) uncountedLines(s *model.Scenario) []string {
	if g := UASCGrantFromRows(r.Baseline, s, r.Rows); g != nil {
		return []string{g.Text(r.Baseline.Name, s.Name, r.Level)}
	}
	return nil
}

// UASCGrantLines says what a region comparison's spending leaves out when its councils' UASC
// in care differ (UASCGrant.Text): the region's line, then each council's that differs, led by
// its name. A council's line speaks of the council's own child-years, on its scenario against
// the baseline's ("west-sussex on nts-threshold-0.07 has ... than on default"), or in the
// strategy against the baseline region when its scenario is the same, at its own rate (the
// strategy's council's uasc.grant_per_night_gbp, or the baseline's). The region's is at the
// councils' rate when they share one (named as the council's when only one council's UASC
// move), and otherwise the sum of what the councils' lines say.
// base and alt are the two regions; level is the confidence level, such as 0.9.
func (rc *RegionComparison) UASCGrantLines(base, alt *model.Region, level float64) []string {
	gs := rc.UASCGrants(base, alt)
	if gs == nil {
		return nil
	}
	var lines []string
	for i, g := range gs[:len(gs)-1] {
		if g == nil {
			continue
		}
		// The council's line speaks of the council: on its two scenarios when they differ
		// ("west-sussex on nts-threshold-0.07 ... than on default"), else in the two regions,
		// at its own rate.
		name := rc.Councils[i]
		bs, as := councilScenarioName(base.Councils[councilIn(base, name)]), councilScenarioName(alt.Councils[councilIn(alt, name)])
		n := grantNames{who: name + " in " + alt.Name, than: "in " + base.Name, base: base.Name, alt: alt.Name}
		if bs != as && bs != "" && as != "" {
			n = grantNames{who: name + " on " + as, than: "on " + bs, base: bs, alt: as}
		}
		lines = append(lines, name+": "+g.text(n, level))
	}
	g := gs[len(gs)-1]
	if g == nil {
		return lines
	}
	n := grantNames{who: alt.Name, than: base.Name, base: base.Name, alt: alt.Name}
	text := g.text(n, level)
	if g.Summed {
		// The councils' rates differ: the region's grant is what their lines add up to.
		text, _, _ = strings.Cut(text, "; neither scenario gives")
		bring := "bring"
		if g.GBP < 0 {
			bring = "lose"
		}
		interval := ""
		if !math.IsNaN(g.GBPLo) {
			interval = fmt.Sprintf(" (%s to %s)", Signed(g.GBPLo, Money), Signed(g.GBPHi, Money))
		}
		text += fmt.Sprintf("; at each council's own rate (its uasc.grant_per_night_gbp, not uprated for inflation) that would %s about %s%s of grant, the sum of the councils' lines below, which the spending figures leave out.",
			bring, formatMoney(math.Abs(g.GBP)), interval) + g.leavingText(n, level)
	}
	return append([]string{text}, lines...)
}

// UASCGrants returns what a region comparison's spending leaves out for each of its Councils
// (the region's last), as UASCGrantLines says it: nil for a council whose UASC in care do not
// differ, and a nil slice when there is nothing to compare. A council's grant is at its own
// rate and names it (RateOf); the region's is at the councils' rate when they share one, and
// otherwise the sum of the councils' grants (Summed).
func (rc *RegionComparison) UASCGrants(base, alt *model.Region) []*UASCGrant {
	n := len(rc.Councils)
	if n == 0 || len(rc.Diffs) != n || base == nil || alt == nil {
		return nil
	}
	onClock := func(reg *model.Region, name string) *model.Scenario {
		for _, c := range reg.Councils {
			if c.Name == name && c.Scenario != nil {
				s := *c.Scenario
				s.Name, s.Start, s.Years = reg.Name, reg.Start, reg.Years
				return &s
			}
		}
		return nil
	}
	out := make([]*UASCGrant, n)
	rate, same, sum, count := 0.0, true, 0.0, 0
	week, sameWeek, leavingSum, leavers := 0.0, true, 0.0, 0
	moved := "" // the last council whose UASC move
	for i, name := range rc.Councils[:n-1] {
		b, a := onClock(base, name), onClock(alt, name)
		if b == nil || a == nil {
			continue
		}
		g := UASCGrantOfDiffs(b, a, rc.diffsWithGrants(i))
		if g == nil {
			continue
		}
		if count > 0 && g.PerNightGBP != rate || g.BasePerNightGBP != g.PerNightGBP {
			same = false
		}
		rate, sum, count = g.PerNightGBP, sum+g.GBP, count+1
		if !math.IsNaN(g.LeaverYears) {
			if leavers > 0 && g.PerWeekGBP != week || g.BasePerWeekGBP != g.PerWeekGBP {
				sameWeek = false
			}
			week, leavingSum, leavers = g.PerWeekGBP, leavingSum+g.LeavingGBP, leavers+1
		}
		g.RateOf, moved = name, name
		out[i] = g
	}
	regionOf := func(reg *model.Region, perNight, perWeek float64) *model.Scenario {
		s := &model.Scenario{Name: reg.Name, Start: reg.Start, Years: reg.Years}
		s.UASC.GrantPerNightGBP, s.UASC.LeavingCareGrantPerWeekGBP = perNight, perWeek
		return s
	}
	if !same {
		rate = 0
	}
	if !sameWeek {
		week = 0
	}
	// The region's grant differs whenever a council's does, even with the same UASC.
	g := grantOfDiffs(regionOf(base, rate, week), regionOf(alt, rate, week), rc.diffsWithGrants(n-1), count > 0)
	if g == nil {
		return out
	}
	if count == 1 {
		// One council's UASC move: the rate is that council's, not the region file's.
		g.RateOf = moved
	}
	if !same {
		g.Summed, g.GBP, g.GBPLo, g.GBPHi = true, sum, math.NaN(), math.NaN()
	}
	if !sameWeek && !math.IsNaN(g.LeaverYears) {
		g.LeavingSummed, g.PerWeekGBP, g.BasePerWeekGBP = true, 0, 0
		g.LeavingGBP, g.LeavingGBPLo, g.LeavingGBPHi = leavingSum, math.NaN(), math.NaN()
	}
	// The region's paired grant rows, its councils' grants added up run by run (as
	// comparison.csv gives them), are the region's grants, with their range.
	for _, d := range rc.diffsWithGrants(n - 1) {
		if d.Period != sim.WholeRun {
			continue
		}
		lo, hi := math.NaN(), math.NaN()
		if d.N >= 2 {
			lo, hi = d.DiffLo, d.DiffHi
		}
		switch {
		case d.KPI == sim.UASCGrantNotCounted && (g.Summed || g.PerNightGBP > 0):
			g.GBP, g.GBPLo, g.GBPHi = d.DiffMean, lo, hi
		case d.KPI == sim.UASCLeavingCareGrantNotCounted && (g.LeavingSummed || g.PerWeekGBP > 0) && !math.IsNaN(g.LeaverYears):
			g.LeavingGBP, g.LeavingGBPLo, g.LeavingGBPHi = d.DiffMean, lo, hi
		}
	}
	out[n-1] = g
	return out
}

// diffsWithGrants is rc's rows of its i'th council, with its grant rows when it has them.
func (rc *RegionComparison) diffsWithGrants(i int) []sim.Difference {
	if i < len(rc.Grants) {
		return append(slices.Clip(rc.Diffs[i]), rc.Grants[i]...)
	}
	return rc.Diffs[i]
}

// councilIn is the position in reg.Councils of the council named name, or -1.
func councilIn(reg *model.Region, name string) int {
	return slices.IndexFunc(reg.Councils, func(c model.Council) bool { return c.Name == name })
}
