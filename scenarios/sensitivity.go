package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/placesim/placesim/model"
)

// Input is one input of a scenario that a sensitivity analysis varies: a field, the value the
// scenario gives it, and the low and high values to try in its place, with where that range
// comes from.
type Input struct {
	// Path is the field as --set reads it (kinds.ifa.weekly_gbp.standard). StaysPath, which no
	// --set names, stands for every stay rule's days scaled together.
	Path string
	// Label says in plain English what the input is ("Independent fostering agency: weekly
	// price, complex needs").
	Label string
	// Unit says how the values read.
	Unit InputUnit
	// Value is the scenario's own value, in the field's unit (pounds a week, a yearly number,
	// a share between 0 and 1, places; a factor of 1 for StaysPath).
	Value float64
	// Low and High are the values tried in its place, in the same unit.
	Low, High float64
	// Source says where the range comes from: "A: ±20% of the scenario's value", an
	// assumption, or "D: " and the published figures it rests on.
	Source string

	stays *model.Scenario // for StaysPath: the scenario whose stays are scaled
}

// StaysPath names the input that scales the days of every stay rule (stays and stock_stays:
// each band of an empirical table, the mean of any other distribution) by the same factor, so
// that every child's time in care is that factor longer, the 18th birthday still ending it.
const StaysPath = "stays[*].stay"

// InputUnit says how an input's values read.
type InputUnit uint8

// The units of inputs.
const (
	// PerYear is a number a year: children entering care, carer households approved.
	PerYear InputUnit = iota
	// WeeklyGBP is pounds a week.
	WeeklyGBP
	// RatePerYear is a rate a year, such as 0.11 of households deregistering.
	RatePerYear
	// Share is a share between 0 and 1.
	Share
	// Places is a whole number of places.
	Places
	// Factor is a multiple of the scenario's own values (1 is as they are).
	Factor
	// Number is a number in the field's own unit, written as it is: an input named by its
	// path alone.
	Number
)

// Format writes v in the input's unit as a board paper would: "£6,100 a week", "260 a year",
// "11% a year", "8%", "85 places", "120% of the scenario's".
func (in Input) Format(v float64) string {
	num, unit := in.parts(v)
	return num + unit
}

// Range writes the input's low and high values with the unit once: "£4,880 to £7,320 a week".
func (in Input) Range() string {
	lo, unit := in.parts(in.Low)
	hi, _ := in.parts(in.High)
	return lo + " to " + hi + unit
}

// parts returns v written as a number in the input's unit and the words that follow it.
func (in Input) parts(v float64) (num, unit string) {
	switch in.Unit {
	case WeeklyGBP:
		return "£" + plainNumber(v), " a week"
	case RatePerYear:
		return plainNumber(100*v) + "%", " a year"
	case Share:
		return plainNumber(100*v) + "%", ""
	case Places:
		return plainNumber(v), " places"
	case Factor:
		return plainNumber(100*v) + "%", " of the scenario's"
	case Number:
		return plainNumber(v), ""
	}
	return plainNumber(v), " a year"
}

// Sets returns the --set overrides that give the input the value v: "PATH=v", or for StaysPath
// one override for every band and mean of every stay rule, scaled by v (a band is kept within
// the 10,000 days a scenario allows).
func (in Input) Sets(v float64) []string {
	if in.Path != StaysPath || in.stays == nil {
		return []string{in.Path + "=" + FormatValue(v)}
	}
	var sets []string
	for _, list := range []struct {
		field string
		rules []model.StayRule
	}{{"stays", in.stays.Stays}, {"stock_stays", in.stays.StockStays}} {
		for i, r := range list.rules {
			at := fmt.Sprintf("%s[%d].stay.", list.field, i)
			if r.Stay.Kind != model.Empirical {
				sets = append(sets, at+"mean_days="+FormatValue(math.Min(r.Stay.MeanDays*v, maxStayDays)))
				continue
			}
			for j, b := range r.Stay.Table {
				sets = append(sets, fmt.Sprintf("%stable[%d].up_to_days=%s", at, j, FormatValue(math.Min(b.UpToDays*v, maxStayDays))))
			}
		}
	}
	return sets
}

// needWords names the children of each need in a label.
var needWords = [model.NumNeeds]string{"standard needs", "complex needs", "children who must live alone"}

// maxStayDays is the longest stay a scenario may give, in days (model's limit on mean_days and
// up_to_days).
const maxStayDays = 10_000

// FormatValue writes v as --set reads it: at most six decimals, whole numbers without a decimal
// point.
func FormatValue(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)
}

// plainNumber writes v with at most three significant decimals and thousands separated by
// commas: 1,250, 16.8, 0.088.
func plainNumber(v float64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if v != math.Trunc(v) {
		digits := max(0, 2-int(math.Floor(math.Log10(v))))
		s = strconv.FormatFloat(v, 'f', digits, 64)
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
	}
	whole, frac, _ := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	if frac != "" {
		whole += "." + frac
	}
	return sign + whole
}

// published is a range of an input found in published figures, applied where the scenario's
// own value lies within it.
type published struct {
	low, high float64
	source    string
}

// Published ranges (shared reference figures; see the README's sensitivity section).
var (
	residentialPrice = published{6283, 7214, "D: a children's home place £6,283-£7,214 a week in 2026/27's prices: £5,750 (under NAO 2023-24's £318,400 a place a year, £6,106 a week) ×1.03³ to £7,214 (RO3 2024-25 residential spend per child-week, ~£6,800, ×1.03²)"}
	inflationRange   = published{0.02, 0.06, "D: 2%: the Bank of England's target; 6%: independent children's home prices a year, 2013-2020 (NCERCC/Revolution Consulting 2020)"}
)

// NormalizePath writes a field path of s as SensitivityInputs names it, so that two ways of
// naming one field match: a kind by its place in the list, as placesim's messages name it
// (kinds[3].weekly_gbp.standard), becomes the kind by its name (kinds.ifa.weekly_gbp.standard).
// A path it cannot read, or a place beyond the list, is returned as it is, spaces trimmed.
func NormalizePath(s *model.Scenario, path string) string {
	path = strings.TrimSpace(path)
	rest, ok := strings.CutPrefix(path, "kinds[")
	if !ok {
		return path
	}
	num, after, ok := strings.Cut(rest, "]")
	i, err := strconv.Atoi(num)
	if !ok || err != nil || i < 0 || i >= len(s.Kinds) || (after != "" && after[0] != '.') {
		return path
	}
	return "kinds." + s.Kinds[i].Name + after
}

// SensitivityInputs returns the inputs of s that a council's answer usually rests on, each
// with a low and a high value: the entry rate of children and of unaccompanied
// asylum-seeking children; the length of stays (StaysPath); the weekly price of each market
// kind (by need where the prices differ) and of emergency placements; the capacity of each
// capped market; each carer pool's approvals and deregistration rate; the share of step-down
// reviews that find a child ready, by need, and each residential kind's own share where it
// sets one; the share of breakdowns after which needs
// escalate, by age band where s sets bands; and inflation. An input is listed only where s has
// it with a value above zero and uses it (SensitivityLeftOut says which are left out as unused).
// Each range is ±rel of the scenario's value (0.2 for ±20%; shares are kept at most 1, and
// places are whole, rounded outwards), or a published range where one exists and holds the
// scenario's value.
func SensitivityInputs(s *model.Scenario, rel float64) []Input {
	var out []Input
	add := func(path, label string, unit InputUnit, v float64, pub *published) {
		if !(v > 0) {
			return
		}
		in := Input{Path: path, Label: label, Unit: unit, Value: v, Low: v * (1 - rel), High: v * (1 + rel),
			Source: fmt.Sprintf("A: ±%s%% of the scenario's value", plainNumber(100*rel))}
		if pub != nil && pub.low <= v && v <= pub.high && pub.low < pub.high {
			in.Low, in.High, in.Source = pub.low, pub.high, pub.source
		}
		switch unit {
		case Places:
			// Whole places, out to the next whole number so that a small cap still moves; a
			// market of no places is one without a cap, so at least one.
			in.Low, in.High = math.Max(1, math.Floor(in.Low+1e-9)), math.Ceil(in.High-1e-9)
		case Share:
			in.High = math.Min(in.High, 1)
		}
		if !(in.Low < in.High) {
			return
		}
		out = append(out, in)
	}
	add("entries.per_year", "Children entering care a year", PerYear, s.Entries.PerYear, nil)
	add("uasc.per_year", "Unaccompanied asylum-seeking children arriving a year", PerYear, s.UASC.PerYear, nil)
	if len(s.Stays)+len(s.StockStays) > 0 {
		add(StaysPath, "Time in care: every stay longer or shorter", Factor, 1, nil)
		out[len(out)-1].stays = s
	}
	for _, k := range s.Kinds {
		if k.Supply != model.Market {
			continue
		}
		// One price for every need is one input; otherwise each need the kind takes is one.
		needs := k.Accepts.Needs.Needs()
		same := true
		for n := range model.NumNeeds {
			same = same && k.WeeklyCostGBP[n] == k.WeeklyCostGBP[0]
		}
		if same {
			var pub *published
			if k.Category == model.Residential && len(needs) == 1 && needs[0] == model.NeedStandard {
				pub = &residentialPrice
			}
			add("kinds."+k.Name+".weekly_gbp", k.Label+": weekly price", WeeklyGBP, k.WeeklyCostGBP[0], pub)
			continue
		}
		for _, n := range needs {
			var pub *published
			if k.Category == model.Residential && n == model.NeedStandard {
				pub = &residentialPrice
			}
			add("kinds."+k.Name+".weekly_gbp."+n.String(), k.Label+": weekly price, "+needWords[n], WeeklyGBP, k.WeeklyCostGBP[n], pub)
		}
	}
	add("emergency.weekly_gbp", "Emergency placements: weekly price", WeeklyGBP, s.Emergency.WeeklyCostGBP, nil)
	for _, k := range s.Kinds {
		if k.Supply == model.Market {
			add("kinds."+k.Name+".capacity_places", k.Label+": places the market offers", Places, float64(k.CapacityPlaces), nil)
		}
	}
	for _, k := range s.Kinds {
		if k.Supply != model.Carers || k.Carers == nil {
			continue
		}
		add("kinds."+k.Name+".carers.approvals_per_year", k.Label+": carer households approved a year", PerYear, k.Carers.ApprovalsPerYear, nil)
		add("kinds."+k.Name+".carers.deregistration_per_year", k.Label+": households deregistering a year (before retirement)", RatePerYear, k.Carers.DeregistrationPerYear, nil)
	}
	if len(s.StepDown.Try) > 0 {
		// The scenario-wide shares only where a kind takes them.
		if wideStepDownUsed(s) {
			for n := range model.NumNeeds {
				add("step_down.ready_share."+n.String(), "Step-down: reviews finding a child ready, "+needWords[n], Share, s.StepDown.ReadyShare[n], nil)
			}
		}
		// A residential kind's own shares, beside the scenario-wide ones: one input where
		// every need has the same share, otherwise one for each need.
		for _, k := range s.Kinds {
			own := k.StepDownReadyShare
			if own == nil || k.Category != model.Residential {
				continue
			}
			if !slices.ContainsFunc(own[1:], func(v float64) bool { return v != own[0] }) {
				add("kinds."+k.Name+".step_down_ready_share", k.Label+": step-down reviews finding a child ready", Share, own[0], nil)
				continue
			}
			for n := range model.NumNeeds {
				add("kinds."+k.Name+".step_down_ready_share."+n.String(), k.Label+": step-down reviews finding a child ready, "+needWords[n], Share, own[n], nil)
			}
		}
	}
	if escalationShareUsed(s) {
		add("escalation_share", "Breakdowns after which a child's needs escalate", Share, s.EscalationShare, nil)
	}
	for i, b := range s.EscalationByAge {
		add(fmt.Sprintf("escalation_by_age[%d].share", i), "Breakdowns after which a child's needs escalate, aged "+b.Ages.String(), Share, b.Share, nil)
	}
	add("inflation_per_year", "Price inflation each April", RatePerYear, s.InflationPerYear, &inflationRange)
	return out
}

// SensitivityLeftOut says, a line each, which fields s sets that SensitivityInputs leaves out
// because s never uses them, and why: varied, they would rank with a swing of nothing. The
// scenario-wide step-down shares are unused when every residential kind that can hold a child
// sets its own step_down_ready_share; escalation_share when escalation_by_age's bands cover
// every age from 10 to 17.
func SensitivityLeftOut(s *model.Scenario) []string {
	var out []string
	if len(s.StepDown.Try) > 0 && !wideStepDownUsed(s) && slices.ContainsFunc(s.StepDown.ReadyShare[:], func(v float64) bool { return v > 0 }) {
		out = append(out, "step_down.ready_share: every residential kind that can hold a child sets its own step_down_ready_share, which is varied in its place")
	}
	if s.EscalationShare > 0 && !escalationShareUsed(s) {
		out = append(out, "escalation_share: escalation_by_age's bands cover every age from 10 to 17, and are varied in its place")
	}
	return out
}

// wideStepDownUsed reports whether a residential kind of s that can hold a child takes the
// scenario-wide step-down shares (step_down.ready_share), having none of its own.
func wideStepDownUsed(s *model.Scenario) bool {
	for i, k := range s.Kinds {
		if k.Category == model.Residential && k.StepDownReadyShare == nil && canHold(s, i) {
			return true
		}
	}
	return false
}

// canHold reports whether kind i of s can ever hold a child: a market can; a kind supplied by
// carers, homes or block beds can when it has some at the start, gains carers by approvals, holds
// children of the starting stock, or an intervention acts on it (opens a home, contracts beds).
func canHold(s *model.Scenario, i int) bool {
	k := s.Kinds[i]
	switch {
	case k.Supply == model.Market,
		k.Supply == model.Carers && k.Carers != nil && (k.Carers.Households > 0 || k.Carers.ApprovalsPerYear > 0),
		k.Supply == model.Homes && len(k.Homes) > 0,
		k.Supply == model.Block && len(k.BlockBeds) > 0:
		return true
	}
	for _, g := range s.Stock {
		if int(g.Kind) == i && g.Count > 0 {
			return true
		}
	}
	for _, iv := range s.Interventions {
		if iv.Action.NeedsKind() && int(iv.Kind) == i {
			return true
		}
	}
	return false
}

// escalationShareUsed reports whether some age from 10 to 17 lies in no band of
// escalation_by_age, so that a breakdown at that age escalates at escalation_share.
func escalationShareUsed(s *model.Scenario) bool {
	for age := 10; age <= 17; age++ {
		if !slices.ContainsFunc(s.EscalationByAge, func(b model.EscalationBand) bool { return b.Ages.Contains(float64(age)) }) {
			return true
		}
	}
	return false
}
