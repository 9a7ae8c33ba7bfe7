package plots

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
)

// perUnitWords says what a programme's cost a unit is paid for, by the change's action, after
// the amount ("£12,000 for each household it approves, ...").
var perUnitWords = map[model.Action]string{
	model.ExtraApprovals:  "for each household it approves, in place of the usual recruitment cost",
	model.AddHouseholds:   "for each household it adds, in place of the usual recruitment cost",
	model.Retention:       "a year for every household of the pool while it is in force, not only those it keeps",
	model.AllowanceUplift: "a year for every child placed in the kind while it is in force",
	model.OpenHome:        "for each bed it opens",
	model.CloseHome:       "for each bed it closes",
	model.BlockBeds:       "for each bed it contracts",
	model.StepDownRate:    "for every child stepped down while it is in force, those the baseline would step down anyway included",
}

// CostTerms says in words what dated change iv of scenario s costs the council, as every board
// pack lists it after the change ("costs: the home costs £901,500 a year to run, ...; a one-off
// cost of £1,213,000 in April 2027 (capital and set-up: buying or building the home ...)"; a
// home's one-off cost says it is mostly capital, counted as cash when paid; the workspace's pack says a lever's
// change with the same words): a home's or block contract's running cost (counted with the
// council's own carers and homes), or what an extra_approvals pays to recruit each household it
// approves (its own recruitment_cost_gbp in place of the pool's, or the pool's, when no cost a
// unit replaces it), then the programme's one-off cost, its cost a year (with its own dates
// when they are not the change's: see perYearWhen) and its cost a unit (see
// model.ProgrammeCost), each at the start's prices (TermsPricesNote says so under the list). A
// cost a unit paid for
// every unit the change serves while in force, not only those it adds (every step-down, every
// household of the pool, every child placed), says so: the scenario format cannot charge the
// extra units alone. It returns "" for a change that costs nothing.
func CostTerms(s *model.Scenario, iv model.Intervention) string {
	var f []string
	switch {
	case iv.Action == model.OpenHome && iv.FixedCostPerYearGBP > 0:
		f = append(f, fmt.Sprintf("the home costs %s a year to run, whether its beds are full or empty (with the council's own carers and homes)", formatPounds(iv.FixedCostPerYearGBP)))
	case iv.Action == model.BlockBeds && iv.FixedCostPerYearGBP > 0:
		f = append(f, fmt.Sprintf("each bed costs %s a year, used or not (with the council's own carers and homes)", formatPounds(iv.FixedCostPerYearGBP)))
	case iv.Action == model.ExtraApprovals && iv.Cost.PerUnitGBP == 0 && iv.RecruitmentCostGBP == 0 && int(iv.Kind) >= 0 && int(iv.Kind) < len(s.Kinds) && s.Kinds[iv.Kind].Carers != nil && s.Kinds[iv.Kind].Carers.RecruitmentCostPerApprovalGBP > 0:
		f = append(f, fmt.Sprintf("%s to recruit and assess each household it approves, the pool's cost (with the council's own carers and homes)", formatPounds(s.Kinds[iv.Kind].Carers.RecruitmentCostPerApprovalGBP)))
	}
	pc := iv.Cost
	if iv.Action == model.ExtraApprovals && pc.PerUnitGBP == 0 && iv.RecruitmentCostGBP > 0 {
		// The simulation pays it, in place of the pool's, with the carers' recruitment.
		t := fmt.Sprintf("%s to recruit and assess each household it approves", formatPounds(iv.RecruitmentCostGBP))
		if k := int(iv.Kind); k >= 0 && k < len(s.Kinds) && s.Kinds[k].Carers != nil && s.Kinds[k].Carers.RecruitmentCostPerApprovalGBP != iv.RecruitmentCostGBP {
			t += fmt.Sprintf(", in place of the pool's %s", formatPounds(s.Kinds[k].Carers.RecruitmentCostPerApprovalGBP))
		}
		f = append(f, t+" (with the council's own carers and homes)")
	}
	if pc.OneOffGBP != 0 {
		on := pc.OneOffOn
		if on.IsZero() {
			on = iv.From
		}
		what := "capital and set-up"
		if iv.Action == model.OpenHome {
			// A home's one-off cost is mostly capital: buying or building it and fitting it out.
			what = "capital and set-up: buying or building the home and fitting it out, counted as cash when paid"
		}
		f = append(f, fmt.Sprintf("a one-off cost of %s in %s (%s)", formatPounds(pc.OneOffGBP), on.Format("January 2006"), what))
	}
	if pc.PerYearGBP != 0 {
		t := formatPounds(pc.PerYearGBP) + " a year to run"
		if when := perYearWhen(iv); when != "" {
			t += ", " + when
		}
		f = append(f, t)
	}
	if pc.PerUnitGBP != 0 {
		p := formatPounds(pc.PerUnitGBP)
		switch words, ok := perUnitWords[iv.Action]; {
		case iv.Action == model.EntryRate:
			f = append(f, fmt.Sprintf("%s for each of %s families or children in early help a year", p, decimal(pc.UnitsPerYear)))
		case ok:
			f = append(f, p+" "+words)
		default:
			f = append(f, p+" a unit")
		}
	}
	if len(f) == 0 {
		return ""
	}
	out := "costs: " + strings.Join(f, "; ")
	if pc.Any() && pc.OwnInflation {
		out += fmt.Sprintf("; the programme's costs rise %s a year", rate(pc.InflationPerYear))
	}
	return out
}

// perYearWhen says when the yearly cost of change iv is paid, when its own dates
// (per_year_from, per_year_to) differ from the change's: "from January 2027" for a cost that
// starts before the change, "from April 2027 to March 2030" for one that stops before it
// ends. It returns "" when the cost runs with the change, which the line already dates.
func perYearWhen(iv model.Intervention) string {
	pc := iv.Cost
	from, to := pc.PerYearFrom, pc.PerYearTo
	if from.IsZero() {
		from = iv.From
	}
	if to.IsZero() {
		to = iv.To
	}
	if from.Equal(iv.From) && to.Equal(iv.To) {
		return ""
	}
	when := "from " + from.Format("January 2006")
	if !to.IsZero() {
		when += " to " + to.Format("January 2006")
	}
	return when
}

// withCostTerms says dated change iv of scenario s with its terms (interventionTerms) and
// when, then its CostTerms: "Carer allowance uplift (£50 more a week a child for in-house
// foster care, carers leaving at 0.85 times the rate), from April 2026; costs: ...".
func withCostTerms(s *model.Scenario, iv model.Intervention) string {
	text := namedTerms(iv, interventionTerms(s, iv, false))
	if c := CostTerms(s, iv); c != "" {
		text += "; " + c
	}
	return text
}

// UnitCostNotes says, under a business case, which of strategy s's programmes (those its
// baseline base does not hold) pay a cost a unit for every unit they serve while in force, not
// only for those they add, so that their running cost includes what the baseline would have
// done anyway: "Intensive support, first year: its running cost pays £39,000 for every child
// stepped down while it is in force, those the baseline would step down anyway included; the
// scenario format cannot charge the extra ones alone."
//
// For a programme that approves more carers (extra_approvals) at a recruitment cost, it says
// that the cost is counted at approval, not while its assessments are under way, so that its
// first year's cost is understated (RecruitmentNote).
func UnitCostNotes(base, s *model.Scenario) []string {
	var out []string
	if note := RecruitmentNote(base, s); note != "" {
		out = append(out, note)
	}
	for _, iv := range s.Interventions {
		if iv.Cost.PerUnitGBP == 0 {
			continue
		}
		var every string
		switch iv.Action {
		case model.StepDownRate:
			every = "every child stepped down while it is in force, those the baseline would step down anyway included"
		case model.Retention:
			every = "every household of the pool for each year it is in force, those who would have stayed anyway included"
		case model.AllowanceUplift:
			every = "every child placed in the kind for each year it is in force, not only the extra ones"
		default:
			continue
		}
		if !heldBy(base, s, iv) {
			out = append(out, fmt.Sprintf("%s: its running cost pays %s for %s; the scenario format cannot charge the extra ones alone.",
				interventionName(iv), formatPounds(iv.Cost.PerUnitGBP), every))
		}
	}
	return out
}

// heldBy reports whether baseline base holds change iv of strategy s as it is.
func heldBy(base, s *model.Scenario, iv model.Intervention) bool {
	for _, b := range base.Interventions {
		if sameIntervention(s, iv, base, b) {
			return true
		}
	}
	return false
}

// RecruitmentNote says, of strategy s's changes that approve more carers (extra_approvals, those
// its baseline base does not hold) at a recruitment cost (a cost a unit, a
// recruitment_cost_gbp or the pool's), that the cost is counted when a household is approved,
// not while its assessment is under way, so that the first year's cost is understated:
// "Recruit 12 more carers: the recruitment cost is counted when a household is approved
// (£12,000 each), not while assessments are under way; a programme that starts assessing in
// April 2026 pays for assessments before its first approvals, about 273 days later, so its
// first year's cost is understated." Several such changes are said once, of the first to
// start. It returns "" for a strategy with none.
func RecruitmentNote(base, s *model.Scenario) string {
	var first *model.Intervention
	var cost, days float64
	n := 0
	for i, iv := range s.Interventions {
		k := int(iv.Kind)
		if iv.Action != model.ExtraApprovals || k < 0 || k >= len(s.Kinds) || s.Kinds[k].Carers == nil || heldBy(base, s, iv) {
			continue
		}
		c := s.Kinds[k].Carers.RecruitmentCostPerApprovalGBP
		switch {
		case iv.Cost.PerUnitGBP > 0:
			c = iv.Cost.PerUnitGBP
		case iv.RecruitmentCostGBP > 0:
			c = iv.RecruitmentCostGBP
		}
		if c <= 0 {
			continue
		}
		n++
		if first == nil || iv.From.Before(first.From) {
			first, cost, days = &s.Interventions[i], c, s.Kinds[k].Carers.AssessmentDays
		}
	}
	if first == nil {
		return ""
	}
	name := interventionName(*first)
	if n > 1 {
		name += " and the programme of extra approvals after it"
		if n > 2 {
			name = fmt.Sprintf("%s and the %d programmes of extra approvals after it", interventionName(*first), n-1)
		}
	}
	later := ""
	if days > 0 {
		later = fmt.Sprintf(", about %s days later", decimal(math.Round(days)))
	}
	return fmt.Sprintf("%s: the recruitment cost is counted when a household is approved (%s each), not while assessments are under way; "+
		"a programme that starts assessing in %s pays for assessments before its first approvals%s, so its first year's cost is understated.",
		name, formatPounds(cost), first.From.Format("January 2006"), later)
}

// TermsPricesPrefix begins every TermsPricesNote: a page that puts the note under other money
// than a list of changes says the rest of it of its own money.
const TermsPricesPrefix = "Money in this list is "

// TermsPricesNote says, under a list of what strategy s changes (changes, as a board pack
// lists them), at which year's prices the amounts of money in it are and that they rise each
// April, as the simulation charges them: "Money in this list is at 2026/27 prices, those of
// the year the run starts, and rises each April with the scenario's inflation, or a
// programme's own rate where its line gives one." It returns "" for a list that names no
// amount of money.
// When s's amounts are written in another year's prices than its start's (prices_at), it
// names that year.
func TermsPricesNote(s *model.Scenario, changes []string) string {
	if s.Start.IsZero() || model.FinancialYear(s.PricesFrom()) == model.FinancialYear(s.Start) {
		return termsPricesNote(s.Start, changes, "the scenario's inflation")
	}
	if !namesMoney(changes) {
		return ""
	}
	return fmt.Sprintf(TermsPricesPrefix+"at %s prices, the year the scenario's amounts are written in (prices_at), and rises each April with %s, "+
		"or a programme's own rate where its line gives one.", model.FinancialYear(s.PricesFrom()), "the scenario's inflation")
}

// namesMoney reports whether a list of changes names an amount of money.
func namesMoney(changes []string) bool {
	return slices.ContainsFunc(changes, func(c string) bool { return strings.Contains(c, "£") })
}

// regionTermsPricesNote is TermsPricesNote for the changes region reg makes: at the prices of
// the year the run starts, but, for each council whose scenario's amounts are another year's
// (prices_at, on the region's clock), at that year's, named ("beta's at 2024/25 prices (its
// prices_at)"), as a pooled block's or the region's own costs are as each council pays its share.
// It returns "" when no change names money.
func regionTermsPricesNote(reg *model.Region, changes []string) string {
	if reg.Start.IsZero() || !namesMoney(changes) {
		return ""
	}
	start := model.FinancialYear(reg.Start)
	var own []string
	for _, c := range reg.Councils {
		if c.Scenario == nil {
			continue
		}
		s := *c.Scenario
		s.Start = reg.Start
		if y := model.FinancialYear(s.PricesFrom()); y != start {
			own = append(own, fmt.Sprintf("%s's at %s prices (its prices_at)", c.Name, y))
		}
	}
	if len(own) == 0 {
		return termsPricesNote(reg.Start, changes, "each council's inflation")
	}
	return fmt.Sprintf(TermsPricesPrefix+"at %s prices, those of the year the run starts, but %s, "+
		"a pooled block's or the region's own costs at each council's as it pays its share; it rises each April with each council's inflation, "+
		"or a programme's own rate where its line gives one.", start, strings.Join(own, ", "))
}

// termsPricesNote is TermsPricesNote for a run that starts on start, whose prices are its
// start's and rise with inflation ("the scenario's inflation", "each council's inflation").
func termsPricesNote(start time.Time, changes []string, inflation string) string {
	if start.IsZero() || !namesMoney(changes) {
		return ""
	}
	return fmt.Sprintf(TermsPricesPrefix+"at %s prices, those of the year the run starts, and rises each April with %s, "+
		"or a programme's own rate where its line gives one.", model.FinancialYear(start), inflation)
}
