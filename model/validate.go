package model

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Problem is one thing wrong with a scenario: the field, as a dotted path in the vocabulary
// of scenario files ("kinds[2].carers.households", "entries.ages[0].share"), and what is wrong.
type Problem struct {
	// Field is the dotted path of the field at fault.
	Field string
	// Message says what is wrong, in lower case with no trailing punctuation.
	Message string
	// Cause, when not empty, is a second field whose value makes Field's wrong (the cap that
	// a stock exceeds): a scenario file that sets Cause over a parent's Field is told of the
	// problem at Cause, in CauseMessage, rather than at a Field it never wrote.
	Cause string
	// CauseMessage says what is wrong as seen from Cause; it reads "%s" where the file layer
	// puts where Field's value came from.
	CauseMessage string
}

// Error returns "field: message".
func (p Problem) Error() string { return p.Field + ": " + p.Message }

// Problems is every problem found in a scenario.
type Problems []Problem

// Err returns the problems joined as one error, or nil when there are none.
func (ps Problems) Err() error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errors.Join(errs...)
}

type checker struct {
	ps Problems
	// clockBad is set when the scenario's start or years fail their checks: dates are then not
	// checked against a run that is not the one the file means.
	clockBad bool
}

func (c *checker) add(field, format string, args ...any) {
	c.ps = append(c.ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

// needNameClash refuses a kind named as another kind's name and one of its needs
// ("specialist_foster_complex" beside "specialist_foster", which takes complex needs and
// others): the children waiting for the one kind with that need and all those waiting for the
// other would be the same KPI, gap_waiting_specialist_foster_complex.
func (c *checker) needNameClash(kinds []Kind) {
	at := map[string]int{}
	for i, k := range kinds {
		at[k.Name] = i
	}
	for i, k := range kinds {
		needs := k.Accepts.Needs.Needs()
		if len(needs) < 2 {
			continue
		}
		for _, n := range needs {
			if j, ok := at[k.Name+"_"+n.String()]; ok {
				c.add(fmt.Sprintf("kinds[%d].name", j), "%q is kinds[%d]'s name (%q) and one of the needs it takes (%s): the KPI gap_waiting_%s would count both its children with %s needs and this kind's; give this kind another name",
					kinds[j].Name, i, k.Name, n, kinds[j].Name, n)
			}
		}
	}
}

// addCaused is add of a problem with field that the value of cause brings about; causeMsg
// says it as seen from cause (see Problem.CauseMessage).
func (c *checker) addCaused(field, cause, causeMsg, format string, args ...any) {
	c.add(field, format, args...)
	c.ps[len(c.ps)-1].Cause, c.ps[len(c.ps)-1].CauseMessage = cause, causeMsg
}

// share reports field when v is not a share between 0 and 1.
func (c *checker) share(field string, v float64) {
	c.num(field, v, Limit{Min: 0, Max: 1, Unit: "share"})
}

func (c *checker) sumsToOne(field string, sum float64) {
	if math.Abs(sum-1) > ShareTolerance {
		c.add(field, "shares sum to %.4g, not 1", sum)
	}
}

func (c *checker) kind(field string, s *Scenario, k KindID) bool {
	if k < 0 || int(k) >= len(s.Kinds) {
		c.add(field, "names no provision kind")
		return false
	}
	return true
}

// dist checks a distribution of durations: each parameter its family reads lies in its range.
func (c *checker) dist(field string, d Distribution) {
	sub := func(name string) string {
		if field == "" {
			return name
		}
		return field + "." + name
	}
	switch d.Kind {
	case Exponential, Fixed:
		c.num(sub("mean_days"), d.MeanDays, limMeanDays)
	case Gamma:
		c.num(sub("mean_days"), d.MeanDays, limMeanDays)
		c.num(sub("shape"), d.Shape, limShape)
	case Lognormal:
		c.num(sub("mean_days"), d.MeanDays, limMeanDays)
		c.num(sub("sigma"), d.Sigma, limSigma)
	case Empirical:
		if len(d.Table) == 0 {
			c.add(sub("table"), "must have at least one bin")
			return
		}
		if !c.length(sub("table"), len(d.Table), limBins) {
			return
		}
		var lo, sum float64
		for i, b := range d.Table {
			bf := fmt.Sprintf("%s[%d]", sub("table"), i)
			if c.num(bf+".up_to_days", b.UpToDays, limUpToDays) {
				if !(b.UpToDays > lo) {
					c.add(bf+".up_to_days", "must be more than the bin before's (%s)", FormatNumber(lo))
				}
				lo = max(lo, b.UpToDays)
			}
			c.num(bf+".share", b.Share, limBinShare)
			sum += b.Share
		}
		if math.Abs(sum-1) > ShareTolerance {
			c.add(sub("table"), "shares sum to %.4g, not 1", sum)
		}
	default:
		c.add(sub("distribution"), "unknown distribution kind %d", d.Kind)
	}
}

func (c *checker) needShares(field string, shares [NumNeeds]float64) {
	var sum float64
	for n, v := range shares {
		c.share(field+"."+Need(n).String(), v)
		sum += v
	}
	c.sumsToOne(field, sum)
}

func (c *checker) ages(field string, r AgeRange) {
	if err := r.Validate(); err != nil {
		c.add(field, "must lie within 0-17 with FROM <= TO")
	}
}

func (c *checker) ageMix(field string, mix []AgeShare) {
	if len(mix) == 0 {
		c.add(field, "must list at least one age band")
		return
	}
	if !c.length(field, len(mix), limAgeBands) {
		return
	}
	var sum float64
	for i, a := range mix {
		f := fmt.Sprintf("%s[%d]", field, i)
		c.ages(f+".ages", a.Ages)
		c.num(f+".share", a.Share, limAgeShare)
		c.num(f+".male_share", a.MaleShare, limAgeMaleShare)
		c.needShares(f+".needs", a.NeedShares)
		sum += a.Share
	}
	c.sumsToOne(field, sum)
}

func (c *checker) carerAges(field string, mix []CarerAgeShare) {
	if len(mix) == 0 {
		c.add(field, "must list at least one age band")
		return
	}
	if !c.length(field, len(mix), limAgeBands) {
		return
	}
	var sum float64
	for i, a := range mix {
		f := fmt.Sprintf("%s[%d]", field, i)
		if a.FromYears < 18 || a.ToYears < a.FromYears || a.ToYears > 100 {
			c.add(f+".ages", "must lie within 18-100 with FROM <= TO")
		}
		c.num(f+".share", a.Share, limCarerAgeShare)
		sum += a.Share
	}
	c.sumsToOne(field, sum)
}

// Validate returns every problem with the scenario, or nil. A scenario that validates can be
// simulated.
func (s *Scenario) Validate() Problems {
	c := &checker{}
	if strings.TrimSpace(s.Name) == "" {
		c.add("name", "must not be empty")
	}
	startOK := false
	if s.Start.IsZero() {
		c.add("start", "must be a date")
	} else if d := dateOnly(s.Start); d.Before(EarliestStart) || d.After(LatestStart) {
		c.add("start", "must be between %s and %s", EarliestStart.Format(time.DateOnly), LatestStart.Format(time.DateOnly))
	} else {
		startOK = true
	}
	if d := dateOnly(s.PricesAt); !s.PricesAt.IsZero() {
		start := dateOnly(s.Start)
		if d.Month() != time.April || d.Day() != 1 {
			c.add("prices_at", "must be 1 April of the financial year whose prices the amounts are in (%d-04-01 for %s's), not %s",
				nextApril(d).Year()-1, FinancialYear(d), d.Format(time.DateOnly))
		} else if lo, hi := start.AddDate(-MaxPricesAtYears, 0, 0), start.AddDate(MaxPricesAtYears, 0, 0); startOK && (d.Before(lo) || d.After(hi)) {
			c.add("prices_at", "must be within %d years of the start (%s): between %s and %s", MaxPricesAtYears,
				start.Format(time.DateOnly), nextApril(lo.AddDate(0, 0, -1)).Format(time.DateOnly), nextApril(hi).AddDate(-1, 0, 0).Format(time.DateOnly))
		}
	}
	yearsOK := c.whole("years", s.Years, limYears)
	warmupOK := c.whole("warmup_years", s.WarmupYears, limWarmupYears)
	c.clockBad = !startOK || !yearsOK || !warmupOK
	c.whole("child_population", s.ChildPopulation, limChildPopulation)

	e := s.Entries
	c.num("entries.per_year", e.PerYear, limEntriesPerYear)
	c.num("entries.trend_per_year", e.TrendPerYear, limEntriesTrend)
	if e.Seasonality != ([12]float64{}) {
		var sum float64
		for m, v := range e.Seasonality {
			c.num(fmt.Sprintf("entries.seasonality[%d]", m), v, limSeasonality)
			sum += v
		}
		if math.Abs(sum/12-1) > ShareTolerance {
			c.add("entries.seasonality", "monthly multipliers average %.4g, not 1", sum/12)
		}
	}
	c.num("entries.siblings.share", e.SiblingShare, limSiblingShare)
	if e.SiblingShare > 0 {
		c.num("entries.siblings.mean_group_size", e.MeanGroupSize, limMeanGroupSize)
	}
	if e.PerYear > 0 || len(e.Ages) > 0 {
		c.ageMix("entries.ages", e.Ages)
	}

	u := s.UASC
	c.num("uasc.per_year", u.PerYear, limUASCPerYear)
	c.num("uasc.transfer_threshold_share", u.TransferThresholdShare, limUASCThreshold)
	c.num("uasc.grant_per_night_gbp", u.GrantPerNightGBP, limUASCGrant)
	c.num("uasc.leaving_care_grant_per_week_gbp", u.LeavingCareGrantPerWeekGBP, limUASCLeavingCare)
	if u.PerYear > 0 || len(u.Ages) > 0 {
		c.ageMix("uasc.ages", u.Ages)
	}
	if u.TransferThresholdShare > 0 && s.ChildPopulation == 0 {
		c.add("child_population", "must be set when uasc.transfer_threshold_share is")
	}

	c.length("stock", len(s.Stock), limStockGroups)
	for i, g := range s.Stock {
		f := fmt.Sprintf("stock[%d]", i)
		c.kind(f+".kind", s, g.Kind)
		c.ages(f+".ages", g.Ages)
		c.whole(f+".count", g.Count, limStockCount)
		c.needShares(f+".needs", g.NeedShares)
		c.num(f+".male_share", g.MaleShare, limStockMaleShare)
		c.num(f+".homes_share", g.HomesShare, limStockHomesShare)
	}
	c.stockHomes(s)
	c.stockKinds(s)

	staysNeeded := len(s.Stock) > 0 || e.PerYear > 0 || u.PerYear > 0
	if c.stayRules("stays", s.Stays, staysNeeded) && staysNeeded && len(s.Stays) > 0 {
		c.stayCoverage("stays", s.Stays, uascInCare(s))
	}
	if c.stayRules("stock_stays", s.StockStays, false) && len(s.StockStays) > 0 {
		c.stockStayCoverage(s)
	}
	for i, r := range s.Stays {
		if len(r.Kinds) > 0 {
			c.add(fmt.Sprintf("stays[%d].kinds", i), "only stock_stays select by kind: a stay is drawn at entry, before the child is placed")
		}
	}
	for i, r := range s.StockStays {
		for j, k := range r.Kinds {
			c.kind(fmt.Sprintf("stock_stays[%d].kinds[%d]", i, j), s, k)
		}
	}

	c.num("staying_put.share", s.StayingPut.Share, limStayingPutShare)
	if s.StayingPut.Share > 0 {
		c.dist("staying_put.stay", s.StayingPut.Stay)
	}
	if c.whole("staying_put.stock", s.StayingPut.Stock, limStayingPutStock) && s.StayingPut.Stock > 0 {
		if s.StayingPut.Share == 0 {
			c.addCaused("staying_put.stock", "staying_put.share",
				fmt.Sprintf("0 means nobody stays put, but staying_put.stock%%s has %d young people staying put at the start: set staying_put.stock to 0 too", s.StayingPut.Stock),
				"%d young people at the start, but nobody stays put (staying_put.share is 0): set staying_put.stock to 0 too", s.StayingPut.Stock)
		} else if room, stock, ok := s.fosterRoom(); ok && s.StayingPut.Stock > room-stock {
			c.add("staying_put.stock", "%d young people at the start, but the foster kinds' %d places (a carers' kind's households times the mean places of its places_mix) leave room for %d after the stock's %d children placed there",
				s.StayingPut.Stock, room, max(room-stock, 0), stock)
		}
	}
	c.num("staying_put.weekly_gbp", s.StayingPut.WeeklyCostGBP, limStayingPutGBP)
	c.num("care_leavers.share", s.CareLeavers.Share, limLeaversShare)
	if s.CareLeavers.Share > 0 {
		c.dist("care_leavers.stay", s.CareLeavers.Stay)
	}
	c.whole("care_leavers.places", s.CareLeavers.Places, limLeaversPlaces)
	c.whole("care_leavers.stock", s.CareLeavers.Stock, limLeaversStock)
	switch cl := s.CareLeavers; {
	case cl.Stock > 0 && cl.Share == 0:
		c.addCaused("care_leavers.stock", "care_leavers.share",
			fmt.Sprintf("0 turns the accommodation off, but care_leavers.stock%%s has %d young people there at the start: set care_leavers.stock to 0 too", cl.Stock),
			"%d young people at the start, but the accommodation is off (care_leavers.share is 0): set care_leavers.stock to 0 too", cl.Stock)
	case cl.Places > 0 && cl.Stock > cl.Places:
		c.addCaused("care_leavers.stock", "care_leavers.places",
			fmt.Sprintf("%d places, fewer than the %d young people at the start that care_leavers.stock%%s gives: set care_leavers.stock too, to %d or fewer (or raise places)", cl.Places, cl.Stock, cl.Places),
			"%d young people at the start, more than the %d care_leavers.places", cl.Stock, cl.Places)
	}
	c.num("care_leavers.weekly_gbp", s.CareLeavers.WeeklyCostGBP, limLeaversGBP)

	// The emergency placement is a kind of its own in outputs, and the names of the spending
	// split would give a kind's cost the name of a part of the split (cost_carers).
	names := map[string]bool{"emergency": true, "placements": true, "carers": true, "own_provision": true, "programme": true}
	if len(s.Kinds) == 0 {
		c.add("kinds", "must list at least one provision kind")
	}
	if c.length("kinds", len(s.Kinds), limKinds) {
		for i, k := range s.Kinds {
			c.provisionKind(fmt.Sprintf("kinds[%d]", i), k, names)
		}
		c.needNameClash(s.Kinds)
	}

	if len(s.Ladders) == 0 {
		c.add("ladders", "must list at least one ladder")
	}
	laddersOK := c.length("ladders", len(s.Ladders), limLadders)
	for i, l := range s.Ladders {
		f := fmt.Sprintf("ladders[%d]", i)
		c.ages(f+".who.ages", l.Who.Ages)
		if len(l.Try) == 0 {
			c.add(f+".try", "must name at least one provision kind")
		}
		for j, k := range l.Try {
			c.kind(fmt.Sprintf("%s.try[%d]", f, j), s, k)
		}
		c.ladderShares(f+".shares", l)
		for j := 0; laddersOK && j < i; j++ {
			if sameWho(StayRule{Who: l.Who}, StayRule{Who: s.Ladders[j].Who}) {
				c.add(f+".who", "repeats the who of ladders[%d], which is matched first, so no child ever reaches this ladder: change one of the two, or leave one out", j)
				break
			}
		}
	}
	if len(s.Ladders) > 0 {
		c.ladderCoverage(s)
	}
	c.num("emergency.weekly_gbp", s.Emergency.WeeklyCostGBP, limEmergencyGBP)
	c.num("emergency.retry_days", s.Emergency.RetryDays, limRetryDays)

	sd := s.StepDown
	for n := Need(0); n < NumNeeds; n++ {
		c.num("step_down.ready_share."+n.String(), sd.ReadyShare[n], limReadyShare)
	}
	c.share("step_down.ease_share", sd.EaseShare)
	c.num("step_down.first_year_breakdown_per_year", sd.FirstYearBreakdownPerYear, limSDBreakdown)
	if s.AnyStepDown() {
		c.num("step_down.review_days", sd.ReviewDays, limReviewDays)
		if len(sd.Try) == 0 {
			share := "ready_share"
			if !sd.Any() {
				share = "a kind's step_down_ready_share"
			}
			c.add("step_down.try", "must name at least one provision kind when %s > 0", share)
		}
	}
	for j, k := range sd.Try {
		c.kind(fmt.Sprintf("step_down.try[%d]", j), s, k)
	}
	c.num("escalation_share", s.EscalationShare, limEscalation)
	if c.length("escalation_by_age", len(s.EscalationByAge), limEscalationBands) {
		for i, b := range s.EscalationByAge {
			f := fmt.Sprintf("escalation_by_age[%d]", i)
			c.ages(f+".ages", b.Ages)
			c.num(f+".share", b.Share, limEscalationBand)
			for j, o := range s.EscalationByAge[:i] {
				if b.Ages.FromYears <= o.Ages.ToYears && o.Ages.FromYears <= b.Ages.ToYears {
					c.add(f+".ages", "overlaps escalation_by_age[%d]'s ages %s", j, o.Ages)
				}
			}
		}
	}
	c.num("inflation_per_year", s.InflationPerYear, limInflation)
	if c.length("interventions", len(s.Interventions), limInterventions) {
		for i, iv := range s.Interventions {
			c.intervention(fmt.Sprintf("interventions[%d]", i), s, iv)
		}
		c.homeNames(s)
	}
	if len(c.ps) == 0 {
		// Only a scenario whose every field lies in its range has a bounded amount of work.
		c.work(s)
	}
	if len(c.ps) == 0 {
		return nil
	}
	return c.ps
}

// stayRules checks the rules of stays or stock_stays one by one, and that no rule repeats an
// earlier one's who; it reports whether there are few enough rules to check their coverage.
func (c *checker) stayRules(field string, rules []StayRule, required bool) bool {
	if required && len(rules) == 0 {
		c.add(field, "must list at least one stay rule")
	}
	if !c.length(field, len(rules), limStayRules) {
		return false
	}
	for i, r := range rules {
		f := fmt.Sprintf("%s[%d]", field, i)
		c.ages(f+".who.ages", r.Who.Ages)
		c.dist(f+".stay", r.Stay)
		var sum float64
		for route, v := range r.ExitShares {
			c.num(f+".exits."+ExitRoute(route).String(), v, limExitShare)
			sum += v
		}
		c.sumsToOne(f+".exits", sum)
	}
	for i, r := range rules {
		for j := range i {
			if sameWho(r, rules[j]) {
				c.add(fmt.Sprintf("%s[%d].who", field, i),
					"repeats the who of %s[%d], which is matched first, so no child ever reaches this rule: change one of the two, or leave one out", field, j)
				break
			}
		}
	}
	return true
}

// sameWho reports whether two stay rules select the same children: the same ages, needs,
// UASC status and kinds, however written.
func sameWho(a, b StayRule) bool {
	if a.Who.Ages != b.Who.Ages || a.Who.UASC != b.Who.UASC {
		return false
	}
	for n := Need(0); n < NumNeeds; n++ {
		if a.Who.Needs.Has(n) != b.Who.Needs.Has(n) {
			return false
		}
	}
	if len(a.Kinds) == 0 || len(b.Kinds) == 0 {
		return len(a.Kinds) == len(b.Kinds)
	}
	for _, k := range a.Kinds {
		if !slices.Contains(b.Kinds, k) {
			return false
		}
	}
	for _, k := range b.Kinds {
		if !slices.Contains(a.Kinds, k) {
			return false
		}
	}
	return true
}

// uascInCare reports whether the scenario can have UASC in care: they arrive, a surge adds
// some, or the stock holds some.
func uascInCare(s *Scenario) bool {
	if s.UASC.PerYear > 0 || stockHasUASC(s) {
		return true
	}
	for _, iv := range s.Interventions {
		if iv.Action == UASCSurge && iv.PerYear > 0 {
			return true
		}
	}
	return false
}

// stayCoverage reports, at field, the children (age at entry, need, UASC or not) no rule of
// stays selects: every child aged 0-17 of every need who is not UASC, and, when the scenario
// can have UASC in care, every UASC too, must find a rule, since the first rule whose who
// matches a child sets their stay.
func (c *checker) stayCoverage(field string, rules []StayRule, uasc bool) {
	statuses := []bool{false}
	if uasc {
		statuses = append(statuses, true)
	}
	var gaps [18][2]NeedSet // by age, by UASC status: the needs no rule selects
	for age := range gaps {
		for _, u := range statuses {
			for n := Need(0); n < NumNeeds; n++ {
				if !slices.ContainsFunc(rules, func(r StayRule) bool { return r.Who.Matches(float64(age)+0.5, n, u) }) {
					gaps[age][b2i(u)] |= NeedsOf(n)
				}
			}
		}
	}
	if !uasc {
		for age := range gaps {
			gaps[age][1] = gaps[age][0] // every child is not UASC: say nothing of it
		}
	}
	for from := 0; from < len(gaps); {
		to := from
		for to+1 < len(gaps) && gaps[to+1] == gaps[from] {
			to++
		}
		g := gaps[from]
		ages := AgeRange{FromYears: from, ToYears: to}
		switch {
		case g[0] == 0 && g[1] == 0:
		case g[0] == g[1]:
			c.add(field, "%s have no stay rule", childrenOf(ages, g[0], 0, ""))
		default:
			if g[0] != 0 {
				c.add(field, "%s have no stay rule", childrenOf(ages, g[0], 0, "who are not UASC"))
			}
			if g[1] != 0 {
				c.add(field, "%s have no stay rule", childrenOf(ages, g[1], 0, "who are UASC"))
			}
		}
		from = to + 1
	}
}

// stockHomes checks the stock groups' homes_share: only where the scenario has the council's
// own homes (Scenario.HomesKind), not in a group placed there already, and the children it
// places there on average, with those of the groups placed there and those the homes_share of
// the groups before it places there, within the homes' beds.
func (c *checker) stockHomes(s *Scenario) {
	hk, beds, held := s.homesRoom()
	placed := 0.0 // the children the homes_share of the groups so far places in the homes
	for i, g := range s.Stock {
		if g.HomesShare <= 0 || g.HomesShare > 1 || math.IsNaN(g.HomesShare) {
			continue // none, or out of range, which num reports
		}
		f := fmt.Sprintf("stock[%d].homes_share", i)
		switch {
		case hk < 0:
			c.add(f, "must be 0: the scenario has no homes of its own (a kind of supply homes with beds) to start the group's children in")
		case g.Kind == hk:
			c.add(f, "must be 0 in a group placed in the council's own homes (%s) already", s.Kinds[hk].Name)
		case g.HomesShare*float64(g.Count) > float64(beds-held)-placed+1e-9:
			var by []string
			if held > 0 {
				by = append(by, fmt.Sprintf("the %d children of the groups placed there", held))
			}
			if placed > 0 {
				by = append(by, fmt.Sprintf("the %.4g children the homes_share of the groups before it places there", placed))
			}
			room := fmt.Sprintf("the homes' %d beds", beds)
			if len(by) > 0 {
				room = fmt.Sprintf("the %.4g beds left by %s", max(float64(beds-held)-placed, 0), strings.Join(by, " and "))
			}
			c.add(f, "%v of %d children is %.4g in the council's own homes (%s), more than %s",
				g.HomesShare, g.Count, g.HomesShare*float64(g.Count), s.Kinds[hk].Name, room)
		}
		if hk >= 0 && g.Kind != hk {
			placed += g.HomesShare * float64(g.Count)
		}
	}
}

// stockKinds reports, at stock[N].kind, each stock group some of whose children its kind does
// not accept (Kind.Accepts): children of an age, a need or a UASC status the kind cannot take
// would start placed where no child like them could be placed, a mistake in the data rather
// than a choice, since placesim would not place them there itself. It names which of the
// group's children, and what the kind takes.
func (c *checker) stockKinds(s *Scenario) {
	for i, g := range s.Stock {
		if g.Count <= 0 || g.Kind < 0 || int(g.Kind) >= len(s.Kinds) || g.HomesShare >= 1 {
			continue
		}
		k := s.Kinds[g.Kind]
		var has NeedSet // the needs of the group's children
		for n := Need(0); n < NumNeeds; n++ {
			if g.NeedShares[n] > 0 {
				has |= NeedsOf(n)
			}
		}
		var gaps [18]NeedSet // of each age, the group's needs the kind does not take
		for age := max(g.Ages.FromYears, 0); age <= g.Ages.ToYears && age < len(gaps); age++ {
			for _, n := range has.Needs() {
				if !k.Accepts.Matches(float64(age)+0.5, n, g.UASC) {
					gaps[age] |= NeedsOf(n)
				}
			}
		}
		var left []string
		for from := 0; from < len(gaps); {
			to := from
			for to+1 < len(gaps) && gaps[to+1] == gaps[from] {
				to++
			}
			if gaps[from] != 0 {
				left = append(left, childrenOf(AgeRange{FromYears: from, ToYears: to}, gaps[from], has, ""))
			}
			from = to + 1
		}
		if len(left) == 0 {
			continue
		}
		group := fmt.Sprintf("%d %s", g.Count, childrenOf(g.Ages, has, 0, uascWords(g.UASC)))
		if g.Count == 1 {
			group = "1 child" + strings.TrimPrefix(group, "1 children")
		}
		if all := childrenOf(g.Ages, has, has, ""); len(left) == 1 && left[0] == all {
			left[0] = "the group's " + group
		} else {
			left[0] = "the group's " + left[0]
			left[len(left)-1] += " (of its " + group + ")"
		}
		c.add(fmt.Sprintf("stock[%d].kind", i), "%s takes %s, not %s: place them in a kind that takes them, or widen %s's accepts",
			k.Name, acceptsWords(k.Accepts), strings.Join(left, " and "), k.Name)
	}
}

// uascWords names a stock group's UASC status as childrenOf's words do: "who are UASC", or ""
// for children who are not, the usual.
func uascWords(uasc bool) string {
	if uasc {
		return "who are UASC"
	}
	return ""
}

// acceptsWords says which children a kind's accepts selects: "children aged 10-17 of
// standard or complex need who are not UASC".
func acceptsWords(a Selector) string {
	needs := a.Needs
	if needs == 0 {
		needs = NeedSet(1)<<NumNeeds - 1
	}
	status := ""
	switch a.UASC {
	case UASCOnly:
		status = "who are UASC"
	case UASCNot:
		status = "who are not UASC"
	}
	return childrenOf(a.Ages, needs, NeedSet(1)<<NumNeeds-1, status)
}

// stockStayCoverage reports, at stock_stays, the children of the stock groups (current age,
// need, the group's kind and UASC status) no rule of stock_stays selects, in one problem that
// names the first and the index of every other group left out (the first five, and how many
// more).
func (c *checker) stockStayCoverage(s *Scenario) {
	var left []string    // the children left out, of each group and range of ages
	var leftGroups []int // the stock group of each
	for i, g := range s.Stock {
		if g.Count <= 0 {
			continue
		}
		var gaps [18]NeedSet
		var has NeedSet // the needs of the group's children
		for n := Need(0); n < NumNeeds; n++ {
			if g.NeedShares[n] > 0 {
				has |= NeedsOf(n)
			}
		}
		for age := g.Ages.FromYears; age <= g.Ages.ToYears && age < len(gaps); age++ {
			for n := Need(0); n < NumNeeds; n++ {
				if g.NeedShares[n] <= 0 {
					continue
				}
				if !slices.ContainsFunc(s.StockStays, func(r StayRule) bool {
					return (len(r.Kinds) == 0 || slices.Contains(r.Kinds, g.Kind)) && r.Who.Matches(float64(age)+0.5, n, g.UASC)
				}) {
					gaps[age] |= NeedsOf(n)
				}
			}
		}
		status := "who are not UASC"
		if g.UASC {
			status = "who are UASC"
		}
		kind := fmt.Sprintf("kind %d", g.Kind)
		if g.Kind >= 0 && int(g.Kind) < len(s.Kinds) {
			kind = s.Kinds[g.Kind].Name
		}
		for from := 0; from < len(gaps); {
			to := from
			for to+1 < len(gaps) && gaps[to+1] == gaps[from] {
				to++
			}
			if gaps[from] != 0 {
				left = append(left, fmt.Sprintf("%s, placed in %s (stock[%d])", childrenOf(AgeRange{FromYears: from, ToYears: to}, gaps[from], has, status), kind, i))
				leftGroups = append(leftGroups, i)
			}
			from = to + 1
		}
	}
	if len(left) == 0 {
		return
	}
	// One problem naming every group left out (the first few, and how many more), not one
	// for each: a rule that leaves out the UASC leaves out dozens of groups.
	msg := left[0] + ", have no stock_stays rule"
	var others []string
	for _, g := range leftGroups[1:] {
		if g != leftGroups[0] && !slices.Contains(others, fmt.Sprintf("stock[%d]", g)) {
			others = append(others, fmt.Sprintf("stock[%d]", g))
		}
	}
	if len(left) > 1 && len(others) == 0 { // other ages of the same group
		msg = strings.Join(left, " and ") + ", have no stock_stays rule"
	} else if len(others) > 0 {
		const named = 5
		list := strings.Join(others[:min(named, len(others))], ", ")
		if len(others) > named {
			list += fmt.Sprintf(" and %d more", len(others)-named)
		}
		msg += fmt.Sprintf("; nor have children of %d more stock %s: %s", len(others), map[bool]string{true: "group", false: "groups"}[len(others) == 1], list)
	}
	c.add("stock_stays", "%s", msg)
}

// childrenOf names the children aged ages with the needs in needs, among children of the
// needs in of: "children aged 5-9", "children aged 12 of complex or solo need who are UASC".
func childrenOf(ages AgeRange, needs, of NeedSet, status string) string {
	w := "children aged " + ages.String()
	if names := needNamesIn(needs); len(names) < len(needNamesIn(of)) {
		w += " of " + strings.Join(names, " or ") + " need"
	}
	if status != "" {
		w += " " + status
	}
	return w
}

// needNamesIn returns the names of the needs in set, in order.
func needNamesIn(set NeedSet) []string {
	var names []string
	for _, n := range set.Needs() {
		names = append(names, n.String())
	}
	return names
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (c *checker) provisionKind(f string, k Kind, names map[string]bool) {
	if k.Name == "" {
		c.add(f+".name", "must not be empty")
	} else if names[k.Name] {
		c.add(f+".name", "%q is used twice (or is reserved)", k.Name)
	}
	names[k.Name] = true
	c.ages(f+".accepts.ages", k.Accepts.Ages)
	for n := Need(0); n < NumNeeds; n++ {
		c.num(f+".weekly_gbp."+n.String(), k.WeeklyCostGBP[n], limWeeklyGBP)
		c.num(f+".breakdown_per_year."+n.String(), k.BreakdownPerYear[n], limBreakdown)
		c.num(f+".unavailable_share."+n.String(), k.UnavailableShare[n], limUnavailable)
	}
	if k.CapacityPlaces != 0 { // 0: no cap, which files write as unlimited
		c.whole(f+".capacity_places", k.CapacityPlaces, limCapacityPlaces)
	}
	c.num(f+".local_share", k.LocalShare, limLocalShare)
	if own := k.StepDownReadyShare; own != nil {
		if k.Category != Residential {
			c.add(f+".step_down_ready_share", "is only for a kind of the residential category (this one is %s)", k.Category)
		}
		for n := Need(0); n < NumNeeds; n++ {
			c.num(f+".step_down_ready_share."+n.String(), own[n], limKindReadyShare)
		}
	}
	if k.Supply == Carers {
		if k.Carers == nil {
			c.add(f+".carers", "must be given for a kind supplied by carers")
		} else {
			c.carerPool(f+".carers", k.Carers)
		}
	} else if k.Carers != nil {
		c.add(f+".carers", "is only for a kind supplied by carers")
	}
	if k.Supply != Homes && len(k.Homes) > 0 {
		c.add(f+".homes", "is only for a kind supplied by homes")
	}
	c.length(f+".homes", len(k.Homes), limHomes)
	for j, h := range k.Homes {
		hf := fmt.Sprintf("%s.homes[%d]", f, j)
		// A close_home closes a home by its name, so a kind's homes named alike could not be
		// told apart.
		if i := slices.IndexFunc(k.Homes[:j], func(o Home) bool { return o.Name == h.Name }); h.Name != "" && i >= 0 {
			c.add(hf+".name", "%q is the name of %s.homes[%d] too: give each home a name of its own", h.Name, f, i)
		}
		c.whole(hf+".beds", h.Beds, limHomeBeds)
		c.num(hf+".fixed_cost_per_year_gbp", h.FixedCostPerYearGBP, limHomeFixedGBP)
	}
	if k.Supply != Block && len(k.BlockBeds) > 0 {
		c.add(f+".block_beds", "is only for a kind supplied by block contracts")
	}
	c.length(f+".block_beds", len(k.BlockBeds), limBlocks)
	for j, b := range k.BlockBeds {
		bf := fmt.Sprintf("%s.block_beds[%d]", f, j)
		c.whole(bf+".beds", b.Beds, limBlockBeds)
		c.num(bf+".cost_per_bed_per_year_gbp", b.CostPerBedPerYearGBP, limBlockBedGBP)
	}
}

func (c *checker) carerPool(f string, p *CarerPool) {
	c.whole(f+".households", p.Households, limHouseholds)
	if len(p.PlacesMix) == 0 {
		c.add(f+".places_mix", "must give at least one number of places")
	}
	var sum float64
	for _, ps := range p.PlacesMix {
		pf := fmt.Sprintf("%s.places_mix.%d", f, ps.Places)
		if !limPlaces.Contains(float64(ps.Places)) {
			c.add(pf, "number of places must be %s", limPlaces.Range())
		}
		c.num(pf, ps.Share, limPlacesShare)
		sum += ps.Share
	}
	if len(p.PlacesMix) > 0 {
		c.sumsToOne(f+".places_mix", sum)
	}
	if len(p.ApprovalMix) > 0 {
		var sum float64
		for i, a := range p.ApprovalMix {
			af := fmt.Sprintf("%s.approvals[%d]", f, i)
			c.ages(af+".ages", a.Ages)
			c.num(af+".share", a.Share, limApprovalShare)
			sum += a.Share
		}
		c.sumsToOne(f+".approvals", sum)
	}
	c.num(f+".sibling_only_share", p.SiblingOnlyShare, limSiblingOnly)
	c.carerAges(f+".ages", p.AgeMix)
	// New carers' ages default to a copy of ages: a mistake in them is said once, at ages.
	if !slices.Equal(p.NewCarerAgeMix, p.AgeMix) {
		c.carerAges(f+".new_carer_ages", p.NewCarerAgeMix)
	}
	c.num(f+".approvals_per_year", p.ApprovalsPerYear, limApprovalsPerYear)
	c.num(f+".assessment_days", p.AssessmentDays, limAssessmentDays)
	c.num(f+".deregistration_per_year", p.DeregistrationPerYear, limDeregistration)
	c.num(f+".retirement.from_age", p.RetirementFromAge, limRetirementFrom)
	c.num(f+".retirement.per_year", p.RetirementPerYear, limRetirementRate)
	c.num(f+".retirement.increase_per_year_of_age", p.RetirementIncreasePerYearOfAge, limRetirementRise)
	c.num(f+".wind_down_days", p.WindDownDays, limWindDownDays)
	c.num(f+".support_cost_per_household_per_year_gbp", p.SupportCostPerHouseholdPerYearGBP, limSupportGBP)
	c.num(f+".recruitment_cost_per_approval_gbp", p.RecruitmentCostPerApprovalGBP, limRecruitGBP)
}

// opensInRun reports the open_home iv, decided within the run, whose lead time opens its
// home on or after the day the run ends: the home would hold no child in the run, though a
// cost dated before the end (its one-off, its cost a year) still falls in it. The message
// says which of its costs fall in the run and how many years would see the home open (where a
// run can be that long: otherwise only the lead time that would).
func (c *checker) opensInRun(f string, start, end time.Time, warmup int, iv Intervention) {
	cal := Calendar{Origin: start.AddDate(-warmup, 0, 0)}
	from, endDay := cal.DayOf(iv.From), cal.DayOf(end)
	opens := from + iv.LeadTimeDays
	if opens < endDay {
		return
	}
	last := end.AddDate(0, 0, -1).Format(time.DateOnly)
	opensOn := cal.Date(opens)
	years := opensOn.Year() - start.Year()
	for !start.AddDate(years, 0, 0).After(opensOn) {
		years++
	}
	cost := HomeCostInRun(iv, end, time.DateOnly)
	longer := fmt.Sprintf("run %d years or more (years: %d, or --years %d), or ", years, years, years)
	if float64(years) > limYears.Max { // no run is that long: the lead time is all there is to change
		longer = ""
	}
	c.add(f+".lead_time_days", "%s days after its from, %s, the home opens on %s, after the run's last day, %s: "+
		"it would hold no child %s; to see the home open, %sgive a lead time of at most %s days",
		FormatNumber(iv.LeadTimeDays), iv.From.Format(time.DateOnly), opensOn.Format(time.DateOnly), last, cost,
		longer, FormatNumber(endDay-from-1))
}

// HomeCostInRun says what of the costs of its own the open_home iv pays in a run that ends
// on end (the day after its last), when its home opens only on or after end, so holds no
// child in the run: the words that follow "it would hold no child", "and cost nothing in the
// run", or, when its one-off cost or its cost a year falls before end, "in the run, though its
// one-off cost of £1,213,000 on 2035-04-01 falls in it". Dates are written in layout, so that
// the command line (time.DateOnly) and the workspace (day first) say it in the same words.
func HomeCostInRun(iv Intervention, end time.Time, layout string) string {
	var falls []string
	if iv.Cost.OneOffGBP != 0 {
		on := iv.Cost.OneOffOn
		if on.IsZero() {
			on = iv.From
		}
		if on.Before(end) {
			falls = append(falls, fmt.Sprintf("its one-off cost of £%s on %s", FormatNumber(iv.Cost.OneOffGBP), on.Format(layout)))
		}
	}
	if iv.Cost.PerYearGBP != 0 {
		on := iv.Cost.PerYearFrom
		if on.IsZero() {
			on = iv.From
		}
		if on.Before(end) {
			falls = append(falls, fmt.Sprintf("its cost of £%s a year from %s", FormatNumber(iv.Cost.PerYearGBP), on.Format(layout)))
		}
	}
	switch len(falls) {
	case 0:
		return "and cost nothing in the run"
	case 1:
		return "in the run, though " + falls[0] + " falls in it"
	}
	return "in the run, though " + strings.Join(falls, " and ") + " fall in it"
}

// ToNotAfterFrom is the problem of an intervention whose to: is not after its from:.
const ToNotAfterFrom = "must be after from"

func (c *checker) intervention(f string, s *Scenario, iv Intervention) {
	if iv.Action >= NumActions {
		c.add(f+".action", "unknown action")
		return
	}
	start := dateOnly(s.Start)
	end := start.AddDate(s.Years, 0, 0)
	if iv.From.IsZero() {
		c.add(f+".from", "must be a date")
	} else if !c.clockBad && (iv.From.Before(start.AddDate(-s.WarmupYears, 0, 0)) || !iv.From.Before(end)) {
		c.add(f+".from", "%s", outsideRun(iv.From, start, s.Years, s.WarmupYears))
	}
	if !iv.To.IsZero() && !iv.To.After(iv.From) {
		c.add(f+".to", ToNotAfterFrom)
	}
	if iv.Action.NeedsKind() {
		if !c.kind(f+".kind", s, iv.Kind) {
			return
		}
		k := s.Kinds[iv.Kind]
		want := map[Action]Supply{ExtraApprovals: Carers, AddHouseholds: Carers, Retention: Carers,
			OpenHome: Homes, CloseHome: Homes, BlockBeds: Block, Capacity: Market}
		if sup, ok := want[iv.Action]; ok && k.Supply != sup {
			c.add(f+".kind", "%s acts on a kind supplied by %s, and %s is supplied by %s", iv.Action, sup, k.Name, k.Supply)
		}
		if iv.Action == AllowanceUplift && k.Supply == Carers {
			c.num(f+".retention_factor", iv.Factor, limIvRetention)
		}
	}
	if iv.Action.KindOptional() && iv.Kind != AnyKind && !c.kind(f+".kind", s, iv.Kind) {
		return
	}
	switch iv.Action {
	case LeaverPlaces:
		c.whole(f+".count", iv.Count, limIvCapacity)
		if s.CareLeavers.Share == 0 {
			c.addCaused(f+".action", "care_leavers.share",
				fmt.Sprintf("0 turns the accommodation off, but the care_leaver_places of %s%%s changes its places: leave that intervention out too, or keep care_leavers.share above 0", f),
				"care_leaver_places changes the places of care leavers' accommodation, which is off (care_leavers.share is 0): set care_leavers.share and its stay first")
		}
	case BreakdownRate, EscalationRate:
		c.num(f+".factor", iv.Factor, limIvFactor)
		if iv.Action == EscalationRate && s.EscalationShare == 0 && len(s.EscalationByAge) == 0 {
			c.addCaused(f+".action", "escalation_share",
				fmt.Sprintf("0, with no escalation_by_age, leaves nothing for the escalation_rate of %s%%s to scale: no breakdown raises a child's needs; leave that intervention out too, or keep escalation_share above 0", f),
				"escalation_rate scales escalation_share and escalation_by_age, and the scenario has neither: no breakdown raises a child's needs")
		}
	case ExtraApprovals:
		c.num(f+".per_year", iv.PerYear, limIvApprovals)
		c.num(f+".recruitment_cost_gbp", iv.RecruitmentCostGBP, limIvRecruitGBP)
	case AddHouseholds, OpenHome, BlockBeds:
		lim := map[Action]Limit{AddHouseholds: limIvHouseholds, OpenHome: limIvHomeBeds, BlockBeds: limIvBlockBeds}[iv.Action]
		c.whole(f+".count", iv.Count, lim)
		c.num(f+".fixed_cost_per_year_gbp", iv.FixedCostPerYearGBP, limIvFixedGBP)
		c.num(f+".lead_time_days", iv.LeadTimeDays, limIvLeadTime)
		if iv.Action == OpenHome && iv.From.Before(end) && !iv.From.Before(start.AddDate(-s.WarmupYears, 0, 0)) && limIvLeadTime.Contains(iv.LeadTimeDays) {
			c.opensInRun(f, start, end, s.WarmupYears, iv)
		}
	case Capacity:
		c.whole(f+".count", iv.Count, limIvCapacity)
	case Retention, StepDownRate, EntryRate, Price:
		c.num(f+".factor", iv.Factor, limIvFactor)
		if iv.Action == StepDownRate {
			c.num(f+".first_year_breakdown_per_year", iv.StepDownBreakdownPerYear, limIvSDBreakdown)
		}
		if w := iv.Who; w != nil {
			c.ages(f+".who.ages", w.Ages)
			if w.UASC != UASCAny {
				c.add(f+".who.uasc", "entry_rate leaves UASC arrivals alone (uasc_surge changes them): leave uasc out")
			} else if w.Ages.Validate() == nil && !entersAny(s.Entries.Ages, *w) {
				c.addCaused(f+".who", "entries.ages",
					fmt.Sprintf("none of its age bands brings into care the children the who of %s%%s selects (no band holds these ages with a share of these needs), so that entry_rate changes no child: give such a band a share of these needs, or change that who too", f),
					"selects none of the children entries.ages brings into care: no age band of it holds these ages with a share of these needs")
			}
		}
	case UASCSurge:
		c.num(f+".factor", iv.Factor, limIvFactor)
		c.num(f+".per_year", iv.PerYear, limIvUASC)
	case AllowanceUplift:
		c.num(f+".weekly_gbp", iv.WeeklyGBP, limIvWeeklyGBP)
	case Inflation:
		c.num(f+".rate", iv.Rate, limIvInflation)
	}
	c.programmeCost(f+".cost", s, iv)
}

// programmeCost checks what an intervention costs to run: amounts in range, dates in the run,
// and a cost per unit only for an action that serves units.
func (c *checker) programmeCost(f string, s *Scenario, iv Intervention) {
	pc := iv.Cost
	c.num(f+".one_off_gbp", pc.OneOffGBP, limCostOneOff)
	c.num(f+".per_year_gbp", pc.PerYearGBP, limCostPerYear)
	c.num(f+".per_unit_gbp", pc.PerUnitGBP, limCostPerUnit)
	c.num(f+".units_per_year", pc.UnitsPerYear, limCostUnits)
	if pc.OwnInflation {
		c.num(f+".inflation_per_year", pc.InflationPerYear, limCostInflation)
	}
	start := dateOnly(s.Start)
	first, end := start.AddDate(-s.WarmupYears, 0, 0), start.AddDate(s.Years, 0, 0)
	inRun := func(field string, d time.Time) {
		if !c.clockBad && !d.IsZero() && (d.Before(first) || !d.Before(end)) {
			c.add(field, "%s", outsideRun(d, start, s.Years, s.WarmupYears))
		}
	}
	inRun(f+".one_off_on", pc.OneOffOn)
	inRun(f+".per_year_from", pc.PerYearFrom)
	// A one-off cost in the warm-up falls before the first financial year a business case
	// counts: it would be left out of every figure, so it is refused.
	if on := pc.OneOffOn; pc.OneOffGBP != 0 {
		how := ""
		if on.IsZero() {
			on, how = iv.From, " (not given, so on from)"
		}
		if !c.clockBad && !on.IsZero() && !on.Before(first) && on.Before(start) {
			c.add(f+".one_off_on", "%s%s is in the warm-up, before the start (%s), and the business case counts costs from the start only: date the one-off cost on or after %s, or leave out a cost already sunk",
				on.Format(time.DateOnly), how, start.Format(time.DateOnly), start.Format(time.DateOnly))
		}
	}
	from := pc.PerYearFrom
	if from.IsZero() {
		from = iv.From
	}
	if !pc.PerYearTo.IsZero() && !from.IsZero() && !pc.PerYearTo.After(from) {
		c.add(f+".per_year_to", "must be after the date the yearly cost starts (%s)", from.Format(time.DateOnly))
	}
	if pc.PerUnitGBP != 0 {
		if _, ok := iv.Action.CostUnit(); !ok {
			c.add(f+".per_unit_gbp", "%s serves no unit a programme pays for (give one_off_gbp or per_year_gbp)", iv.Action)
		}
	}
	switch {
	case pc.UnitsPerYear != 0 && iv.Action != EntryRate:
		c.add(f+".units_per_year", "is only for entry_rate, the one action whose units the simulation does not count")
	case iv.Action == EntryRate && pc.PerUnitGBP != 0 && pc.UnitsPerYear == 0:
		c.add(f+".units_per_year", "must be given with per_unit_gbp for entry_rate: the families or children early help works with a year")
	}
	if iv.Action == ExtraApprovals && pc.PerUnitGBP != 0 && iv.RecruitmentCostGBP != 0 {
		c.add(f+".per_unit_gbp", "replaces recruitment_cost_gbp as the cost of each approval: give one of them")
	}
}

// homeNames checks the names open_home and close_home give. A home's name says which home a
// close_home closes, so the name an open_home gives must be new to its kind: neither one of
// the kind's homes at the start nor another open_home's. A close_home must name a home of its
// kind and be dated after the day that home opens (a home at the start is open from the
// start), and no earlier close_home may close the same home: otherwise it would close
// nothing. Intervention events at the same instant run in the order of the list, and the
// opening is scheduled when its open_home takes effect, so a close_home on the day a home
// opens comes first and closes nothing too.
func (c *checker) homeNames(s *Scenario) {
	homes := func(iv Intervention) bool {
		return iv.Kind >= 0 && int(iv.Kind) < len(s.Kinds) && s.Kinds[iv.Kind].Supply == Homes
	}
	cal := Calendar{Origin: dateOnly(s.Start).AddDate(-s.WarmupYears, 0, 0)}
	for i, iv := range s.Interventions {
		if !homes(iv) || (iv.Action != OpenHome && iv.Action != CloseHome) {
			continue
		}
		f := fmt.Sprintf("interventions[%d]", i)
		kind := s.Kinds[iv.Kind].Name
		base := slices.IndexFunc(s.Kinds[iv.Kind].Homes, func(h Home) bool { return h.Name == iv.Name })
		opener := slices.IndexFunc(s.Interventions, func(o Intervention) bool {
			return o.Action == OpenHome && o.Kind == iv.Kind && o.Name == iv.Name
		})
		if iv.Action == OpenHome {
			switch {
			case iv.Name == "":
			case base >= 0:
				c.add(f+".name", "%q is already the name of one of %s's homes at the start: give the new home a name of its own",
					iv.Name, kind)
			case opener < i:
				c.add(f+".name", "%q is already the name of the home interventions[%d] opens: give each open_home's home a name of its own",
					iv.Name, opener)
			}
			continue
		}
		if iv.Name == "" || (base < 0 && opener < 0) {
			c.add(f+".name", "names no home of %s (its homes and the homes opened by interventions)", kind)
			continue
		}
		if iv.From.IsZero() {
			continue
		}
		day := cal.DayOf(iv.From)
		if base < 0 {
			o := s.Interventions[opener]
			if o.From.IsZero() {
				continue
			}
			if opens := cal.DayOf(o.From) + o.LeadTimeDays; !(opens < day) {
				on := cal.Date(opens).Format(time.DateOnly)
				c.add(f+".from", "%s is not after %s, the day interventions[%d] opens %s (its from, %s, plus its lead_time_days, %s days): "+
					"a home closes only once open, so date the close_home after %s (or, to build no home, leave out both)",
					iv.From.Format(time.DateOnly), on, opener, iv.Name, o.From.Format(time.DateOnly), FormatNumber(o.LeadTimeDays), on)
				continue
			}
		}
		for j, o := range s.Interventions {
			if j == i || o.Action != CloseHome || o.Kind != iv.Kind || o.Name != iv.Name || o.From.IsZero() {
				continue
			}
			if d := cal.DayOf(o.From); d < day || (d == day && j < i) {
				c.add(f+".name", "%q is closed already, by interventions[%d] on %s: a home closes once, so leave out one of the two",
					iv.Name, j, o.From.Format(time.DateOnly))
				break
			}
		}
	}
}

// ladderCoverage reports a kind of child (age, need, UASC or not) that no ladder selects:
// such a child could only ever be placed in an emergency placement.
func (c *checker) ladderCoverage(s *Scenario) {
	for _, uasc := range []bool{false, true} {
		if uasc && !uascInCare(s) {
			continue
		}
		for age := 0; age <= 17; age++ {
			for n := Need(0); n < NumNeeds; n++ {
				found := false
				for _, l := range s.Ladders {
					if l.Who.Matches(float64(age)+0.5, n, uasc) {
						found = true
						break
					}
				}
				if !found {
					who := "child"
					if uasc {
						who = "UASC"
					}
					c.add("ladders", "no ladder selects a %s-need %s aged %d", n, who, age)
					return
				}
			}
		}
	}
}

// entersAny reports whether some child the age mix brings in is one w selects.
func entersAny(mix []AgeShare, w Selector) bool {
	for _, b := range mix {
		if b.Share <= 0 || b.Ages.ToYears < w.Ages.FromYears || w.Ages.ToYears < b.Ages.FromYears {
			continue
		}
		for n := Need(0); n < NumNeeds; n++ {
			if b.NeedShares[n] > 0 && w.Needs.Has(n) {
				return true
			}
		}
	}
	return false
}

func stockHasUASC(s *Scenario) bool {
	for _, g := range s.Stock {
		if g.UASC && g.Count > 0 {
			return true
		}
	}
	return false
}

// ladderShares checks a ladder's first-choice shares: none, or one share per rung summing
// to 1.
func (c *checker) ladderShares(field string, l Ladder) {
	if len(l.Shares) == 0 {
		return
	}
	if len(l.Shares) != len(l.Try) {
		c.add(field, "has %d shares for %d rungs of try: give one a rung", len(l.Shares), len(l.Try))
		return
	}
	var sum float64
	for i, v := range l.Shares {
		c.share(fmt.Sprintf("%s[%d]", field, i), v)
		sum += v
	}
	c.sumsToOne(field, sum)
}

// fosterRoom returns the places the foster kinds have at the start (a capped market's
// capacity; a carers' kind's households times the mean places of its places_mix, rounded down:
// each run draws each household's places from it) and the children of the stock placed in
// them; ok is false when a foster kind is a market without a cap, which always has room.
func (s *Scenario) fosterRoom() (places, stock int, ok bool) {
	foster := make([]bool, len(s.Kinds))
	for i, kd := range s.Kinds {
		if kd.Category != Foster {
			continue
		}
		foster[i] = true
		switch kd.Supply {
		case Market:
			if kd.CapacityPlaces == 0 {
				return 0, 0, false
			}
			places += kd.CapacityPlaces
		case Carers:
			if kd.Carers == nil {
				continue
			}
			var mean float64
			for _, ps := range kd.Carers.PlacesMix {
				mean += float64(ps.Places) * ps.Share
			}
			places += int(float64(kd.Carers.Households) * mean)
		}
	}
	for _, g := range s.Stock {
		if int(g.Kind) >= 0 && int(g.Kind) < len(foster) && foster[g.Kind] {
			stock += g.Count
		}
	}
	return places, stock, true
}

// runSpan names the days a run of years from start reports, and apart from them its warm-up of
// warmup years before start, in which dated changes may fall too: "2026-04-01 to 2029-03-31,
// after a 2-year warm-up from 2024-04-01", or "2026-04-01 to 2029-03-31" with no warm-up.
// outsideRun is the problem of date d outside the run of a scenario that starts on start and
// runs years after a warm-up of warmup years: where it is, and what to do, "2032-04-01 is
// outside the run (2022-04-01 to 2032-03-31): give years: 11 (--years 11 on the command line)
// to run to it, or move the date into the run". A date before the run can only move.
func outsideRun(d, start time.Time, years, warmup int) string {
	return outsideRunOf(d, start, years, warmup, "years")
}

// outsideRunOf is outsideRun whose hint gives field its years ("years", "the region years":
// "give the region years: 6 (--years 6 on the command line) ...").
func outsideRunOf(d, start time.Time, years, warmup int, field string) string {
	msg := fmt.Sprintf("%s is outside the run (%s)", d.Format(time.DateOnly), runSpan(start, years, warmup))
	first := start.AddDate(-warmup, 0, 0)
	if d.Before(first) {
		return msg + fmt.Sprintf(": move the date on or after %s", first.Format(time.DateOnly))
	}
	n := years
	for !d.Before(start.AddDate(n, 0, 0)) && float64(n) <= limYears.Max {
		n++
	}
	if float64(n) > limYears.Max {
		return msg + ": move the date into the run"
	}
	return msg + fmt.Sprintf(": give %s: %d (--years %d on the command line) to run to it, or move the date into the run", field, n, n)
}

// OutsideRunHint is the part of the problem msg of a date outside the run, after the run's
// span, that says what to do (": give years: 11 ..."), or "" for any other problem: a region,
// whose councils run as long as it does, says it its own way.
func OutsideRunHint(msg string) string {
	i := strings.Index(msg, " is outside the run (")
	if i < 0 {
		return ""
	}
	j := strings.Index(msg[i:], "): ")
	if j < 0 {
		return ""
	}
	hint := msg[i+j+1:]
	if k := strings.Index(hint, "; "); k >= 0 {
		hint = hint[:k] // a problem joined after it
	}
	return hint
}

// WithoutOutsideRunHint returns msg less the hint of OutsideRunHint.
func WithoutOutsideRunHint(msg string) string {
	if h := OutsideRunHint(msg); h != "" {
		return strings.Replace(msg, h, "", 1)
	}
	return msg
}

func runSpan(start time.Time, years, warmup int) string {
	span := start.Format(time.DateOnly) + " to " + start.AddDate(years, 0, -1).Format(time.DateOnly)
	if warmup > 0 {
		span += fmt.Sprintf(", after a %d-year warm-up from %s", warmup, start.AddDate(-warmup, 0, 0).Format(time.DateOnly))
	}
	return span
}
