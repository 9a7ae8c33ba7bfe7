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
	// PerNightGBP is the grant rate used: the alternative's uasc.grant_per_night_gbp, or the
	// baseline's when the alternative gives none; zero when neither gives one. RateOf names
	// the scenario it is taken from.
	PerNightGBP float64
	RateOf      string
	// GBP, GBPLo and GBPHi are the grant ChildYears would bring at PerNightGBP, not uprated
	// for inflation (zero when there is no rate).
	GBP, GBPLo, GBPHi float64
	// Summed says that GBP is the sum of several councils' grants, each at its own rate (a
	// region's, whose councils' rates differ): PerNightGBP is then zero, and GBPLo and GBPHi
	// NaN.
	Summed bool
	// LeaverYears is the alternative's former UASC supported after care (sim.UASCCareLeavers:
	// staying put or in care-leaver accommodation) minus the baseline's over the whole run, in
	// young-person-years, with Lo and Hi its confidence interval; NaN when the comparison has
	// no such row (LeavingCare not called).
	LeaverYears, LeaverYearsLo, LeaverYearsHi float64
	// PerWeekGBP is the leaving-care grant rate used, the alternative's
	// uasc.leaving_care_grant_per_week_gbp or else the baseline's (zero for none), and
	// LeavingGBP, LeavingGBPLo and LeavingGBPHi what LeaverYears would bring at it.
	PerWeekGBP                             float64
	LeavingGBP, LeavingGBPLo, LeavingGBPHi float64
}

// LeavingCare adds to g the leaving-care grant, from the whole run's difference in former
// UASC supported after care d (sim.UASCCareLeavers, period sim.WholeRun), at the rate of
// sim.UASCGrantRates.
func (g *UASCGrant) LeavingCare(base, alt *model.Scenario, d sim.Difference) {
	if g == nil || d.KPI != sim.UASCCareLeavers || d.Period != sim.WholeRun {
		return
	}
	years := float64(alt.Years)
	days := alt.Start.AddDate(alt.Years, 0, 0).Sub(alt.Start).Hours() / 24
	_, g.PerWeekGBP = sim.UASCGrantRates(base, alt)
	g.LeaverYears, g.LeaverYearsLo, g.LeaverYearsHi = d.DiffMean*years, math.NaN(), math.NaN()
	if d.N >= 2 && !math.IsNaN(d.DiffLo) {
		g.LeaverYearsLo, g.LeaverYearsHi = d.DiffLo*years, d.DiffHi*years
	}
	perDay := g.PerWeekGBP / 7
	g.LeavingGBP, g.LeavingGBPLo, g.LeavingGBPHi = d.DiffMean*days*perDay, d.DiffLo*days*perDay, d.DiffHi*days*perDay
}

// leavingText says what the leaving-care grant would come to, after Text's sentence on the
// grant for children in care: "" when g has no leaving-care figures.
func (g *UASCGrant) leavingText(alt string, level float64) string {
	if math.IsNaN(g.LeaverYears) || (g.LeaverYears == 0 && g.LeavingGBP == 0) {
		return ""
	}
	more, years := "more", g.LeaverYears
	if years < 0 {
		more, years = "fewer", -years
	}
	s := fmt.Sprintf(" Nor do they count the Home Office's leaving-care grant for former UASC the council supports after care, whose staying-put and care-leaver costs they do count: "+
		"%s has %s %s young-person-years of them", alt, strings.TrimPrefix(Signed(years, Count), "+"), more)
	if !math.IsNaN(g.LeaverYearsLo) {
		s += fmt.Sprintf(" (%s to %s)", Signed(g.LeaverYearsLo, Count), Signed(g.LeaverYearsHi, Count))
	}
	if g.PerWeekGBP == 0 {
		return s + "; no leaving-care rate is given (uasc.leaving_care_grant_per_week_gbp: £270 a week in the Home Office's 2023-24 funding instructions, docs/sources.md §12), so what it would come to is not worked out."
	}
	bring := "bring"
	if g.LeavingGBP < 0 {
		bring = "lose"
	}
	s += fmt.Sprintf("; at %s a week (uasc.leaving_care_grant_per_week_gbp; the Home Office's 2023-24 rate is £270, docs/sources.md §12) that would %s about %s",
		formatPounds(g.PerWeekGBP), bring, formatMoney(math.Abs(g.LeavingGBP)))
	if !math.IsNaN(g.LeaverYearsLo) {
		s += fmt.Sprintf(" (%s to %s)", Signed(g.LeavingGBPLo, Money), Signed(g.LeavingGBPHi, Money))
	}
	s += " of leaving-care grant"
	if g.PerNightGBP > 0 && !g.Summed {
		s += fmt.Sprintf(", %s of grant with the grant for children in care", Signed(g.GBP+g.LeavingGBP, Money))
	}
	return s + "."
}

// UASCGrantOf returns what the comparison of alt against base leaves out of its spending, from
// the whole run's difference in UASC in care d (sim.UASCInCare, period sim.WholeRun); nil when
// the two scenarios' UASC in care do not differ in any replication.
func UASCGrantOf(base, alt *model.Scenario, d sim.Difference) *UASCGrant {
	if d.KPI != sim.UASCInCare || d.Period != sim.WholeRun {
		return nil
	}
	if d.DiffMean == 0 && d.RunLo == 0 && d.RunHi == 0 && d.PLower == 0 && d.PHigher == 0 {
		return nil
	}
	years := float64(alt.Years)
	days := alt.Start.AddDate(alt.Years, 0, 0).Sub(alt.Start).Hours() / 24
	g := &UASCGrant{Years: alt.Years, ChildYears: d.DiffMean * years, ChildYearsLo: math.NaN(), ChildYearsHi: math.NaN(),
		PerNightGBP: alt.UASC.GrantPerNightGBP, RateOf: alt.Name, LeaverYears: math.NaN()}
	if g.PerNightGBP == 0 {
		g.PerNightGBP, g.RateOf = base.UASC.GrantPerNightGBP, base.Name
	}
	if d.N >= 2 && !math.IsNaN(d.DiffLo) {
		g.ChildYearsLo, g.ChildYearsHi = d.DiffLo*years, d.DiffHi*years
	}
	g.GBP = d.DiffMean * days * g.PerNightGBP
	g.GBPLo, g.GBPHi = d.DiffLo*days*g.PerNightGBP, d.DiffHi*days*g.PerNightGBP
	return g
}

// UASCGrantFromRows is UASCGrantOf read from a comparison's rows of strategy alt.
func UASCGrantFromRows(base, alt *model.Scenario, rows []CompareRow) *UASCGrant {
	diff := func(r CompareRow) sim.Difference {
		return sim.Difference{Period: r.Period, KPI: r.KPI, DiffMean: r.DiffMean, DiffLo: r.DiffLo,
			DiffHi: r.DiffHi, RunLo: r.RunLo, RunHi: r.RunHi, PLower: r.PLower, PHigher: r.PHigher, N: r.N}
	}
	var g *UASCGrant
	for _, r := range rows {
		if r.Scenario == alt.Name && r.KPI == sim.UASCInCare && r.Period == sim.WholeRun {
			g = UASCGrantOf(base, alt, diff(r))
		}
	}
	for _, r := range rows {
		if g != nil && r.Scenario == alt.Name && r.KPI == sim.UASCCareLeavers && r.Period == sim.WholeRun {
			g.LeavingCare(base, alt, diff(r))
		}
	}
	return g
}

// Text says in plain words that the grant is not counted, and what it would come to:
// "Not counted: ... uasc-surge has 139 more UASC child-years in care than default over the 10
// years ...". level is the confidence level of the interval, such as 0.9.
func (g *UASCGrant) Text(base, alt string, level float64) string {
	more, years := "more", g.ChildYears
	if years < 0 {
		more, years = "fewer", -years
	}
	s := fmt.Sprintf("Not counted: the Home Office's grant for unaccompanied asylum-seeking children (UASC), income for each one the council looks after. "+
		"%s has %s %s UASC child-years in care than %s over %s", alt, strings.TrimPrefix(Signed(years, Count), "+"), more, base, overYears(g.Years))
	if !math.IsNaN(g.ChildYearsLo) {
		s += fmt.Sprintf(" (the %s confidence interval of the mean: %s to %s)", Percent(level), Signed(g.ChildYearsLo, Count), Signed(g.ChildYearsHi, Count))
	}
	if g.PerNightGBP == 0 {
		return s + "; neither scenario gives a grant rate (uasc.grant_per_night_gbp), so what it would come to is not worked out, and the spending figures leave it out." + g.leavingText(alt, level)
	}
	bring := "bring"
	if g.GBP < 0 {
		bring = "lose"
	}
	s += fmt.Sprintf("; at %s's %s a night (its uasc.grant_per_night_gbp, not uprated for inflation) that would %s about %s of grant",
		g.RateOf, formatPounds(g.PerNightGBP), bring, formatMoney(math.Abs(g.GBP)))
	if !math.IsNaN(g.ChildYearsLo) {
		s += fmt.Sprintf(" (%s to %s)", Signed(g.GBPLo, Money), Signed(g.GBPHi, Money))
	}
	return s + ", which the spending figures leave out." + g.leavingText(alt, level)
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
		than, who := "in "+base.Name, name+" in "+alt.Name
		if bs != as && bs != "" && as != "" {
			than, who = "on "+bs, name+" on "+as
		}
		lines = append(lines, name+": "+g.Text(than, who, level))
	}
	g := gs[len(gs)-1]
	if g == nil {
		return lines
	}
	text := g.Text(base.Name, alt.Name, level)
	if g.Summed {
		// The councils' rates differ: the region's grant is what their lines add up to.
		text, _, _ = strings.Cut(text, "; neither scenario gives")
		bring := "bring"
		if g.GBP < 0 {
			bring = "lose"
		}
		text += fmt.Sprintf("; at each council's own rate (its uasc.grant_per_night_gbp, not uprated for inflation) that would %s about %s of grant, the sum of the councils' lines below, which the spending figures leave out.",
			bring, formatMoney(math.Abs(g.GBP)))
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
	moved := "" // the last council whose UASC move
	for i, name := range rc.Councils[:n-1] {
		b, a := onClock(base, name), onClock(alt, name)
		if b == nil || a == nil {
			continue
		}
		g := uascGrantIn(b, a, rc.Diffs[i])
		if g == nil {
			continue
		}
		if count > 0 && g.PerNightGBP != rate {
			same = false
		}
		rate, sum, count = g.PerNightGBP, sum+g.GBP, count+1
		g.RateOf, moved = name, name
		out[i] = g
	}
	regionOf := func(reg *model.Region, perNight float64) *model.Scenario {
		s := &model.Scenario{Name: reg.Name, Start: reg.Start, Years: reg.Years}
		s.UASC.GrantPerNightGBP = perNight
		return s
	}
	if !same {
		rate = 0
	}
	g := uascGrantIn(regionOf(base, rate), regionOf(alt, rate), rc.Diffs[n-1])
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
	out[n-1] = g
	return out
}

// councilIn is the position in reg.Councils of the council named name, or -1.
func councilIn(reg *model.Region, name string) int {
	return slices.IndexFunc(reg.Councils, func(c model.Council) bool { return c.Name == name })
}

// uascGrantIn is UASCGrantOf read from a comparison's rows diffs.
func uascGrantIn(base, alt *model.Scenario, diffs []sim.Difference) *UASCGrant {
	for _, d := range diffs {
		if d.KPI == sim.UASCInCare && d.Period == sim.WholeRun {
			return UASCGrantOf(base, alt, d)
		}
	}
	return nil
}
