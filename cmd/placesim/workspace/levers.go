package workspace

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// A workspace scenario is a scenario file that extends a base scenario (a built-in one or a
// file in the workspace's folder) and changes what the levers say: the same file the command
// line reads. The file's text is the one source of truth: each lever reads its value from the
// scenario the file resolves to, and writes it by editing the file's YAML tree, so that any
// other content of a loaded file, and its comments, are kept.

// valueFormat is how a lever's value is typed and shown.
type valueFormat int

const (
	fmtNumber  valueFormat = iota // a count or a yearly number: 260, 13.5
	fmtPercent                    // a share shown as a percentage: 11 for 0.11
	fmtGBP                        // pounds: £950, £1.1m
	fmtDate                       // a date: 2028-04-01
	fmtAges                       // an age band as a file writes it: 12-15, or 16
	fmtNeeds                      // needs, as a list: complex, solo
	fmtChoice                     // one of the input's Options
)

// choice is one of the values a box of format fmtChoice offers.
type choice struct {
	// Value is what the file holds ("inhouse_foster"; "" for the field left out).
	Value string
	// Label says it in plain words.
	Label string
}

// leverInput is one box of a lever.
type leverInput struct {
	// ID names the input in forms and in the page's URL.
	ID string
	// Label names the input, when a lever has several.
	Label string
	// Unit follows the box ("a year", "%", "£ a week").
	Unit string
	// Key is the intervention field the input writes, for intervention levers.
	Key string
	// Format is how the value is typed and shown.
	Format valueFormat
	// Default is the value a new intervention takes when the box is empty.
	Default string
	// PerCount, when not 0, makes the value a new intervention takes when the box is empty
	// follow the lever's count box: PerCount a unit of it (a home's running cost, its beds
	// at the library home's cost a bed). Default is then its value at the library's count.
	PerCount float64
	// Min and Max are the values the box accepts, in the file's units (a share, not a
	// percentage; pounds), when Bounded; a date is not bounded.
	Min, Max float64
	// Bounded says that Min and Max apply.
	Bounded bool
	// Whole says that the field takes whole numbers only (a count of households).
	Whole bool
	// Options are the values a box of format fmtChoice offers.
	Options []choice
	// Opens says that the box is the date a home opens: the intervention's from (the day
	// it is decided) plus its lead_time_days. A date typed is written back as from, the date
	// less the file's lead time, which stays as the file has it.
	Opens bool
	// Written says that a box after the first is written into a new intervention even at its
	// Default, which is not the value the file's parser takes for the field left out (a
	// step-down programme's first-year breakdown rate, 0.57, where left out is the scenario's
	// own); a file's intervention without the field shows 0, what it means there.
	Written bool
	// Optional says that the box may be left empty, for the field left out (a block
	// contract's to: to the run's end); a box not sent at all keeps the file's.
	Optional bool
}

// leverFields name, for each box with a range, the field of model.Limits whose range it takes:
// a box accepts every value placesim validate accepts for the field it writes, so that any
// scenario file validate passes (a calibrated one, whose entries may fall by 58% a year) opens,
// saves and runs in the workspace. A run too big for the server is the gate's to refuse
// (Limits.MaxEntities), in words, as it refuses a file's.
var leverFields = map[string]string{
	"entries": "entries.per_year", "entries_trend": "entries.trend_per_year", "uasc": "uasc.per_year",
	"nts": "uasc.transfer_threshold_share", "approvals": "kinds[].carers.approvals_per_year",
	"leaving": "kinds[].carers.deregistration_per_year", "specialist": "kinds[].carers.households",
	"specialist_approvals": "kinds[].carers.approvals_per_year", "approvals_cost": "interventions[].recruitment_cost_gbp",
	"specialist_approvals_cost": "interventions[].recruitment_cost_gbp",
	"stepdown_breakdown":        "interventions[].first_year_breakdown_per_year (stepdown_rate)",
	"leaving_cost":              "interventions[].cost.per_year_gbp",
	"home_beds":                 "interventions[].count (open_home)", "home_cost": "interventions[].fixed_cost_per_year_gbp",
	"home_one_off": "interventions[].cost.one_off_gbp",
	"block_beds":   "interventions[].count (block_beds)", "block_price": "interventions[].fixed_cost_per_year_gbp",
	"stepdown": "step_down.ready_share", "stepdown_cost": "interventions[].cost.per_unit_gbp", "ifa_price": "kinds[].weekly_gbp.<need>", "home_price": "kinds[].weekly_gbp.<need>",
	"inflation": "inflation_per_year", "entry_who_factor": "interventions[].factor", "breakdown_factor": "interventions[].factor",
	"escalation_factor": "interventions[].factor", "leaver_places": "interventions[].count (capacity)",
}

// noneBoxes are the boxes whose 0 means no intervention (no new home, no beds booked): they
// take 0 as well as the field's own range.
var noneBoxes = map[string]bool{"home_beds": true, "block_beds": true}

// leverRanges are the values each box accepts, in the file's units: the range of its field in
// model.Limits (leverFields).
var leverRanges = func() map[string][2]float64 {
	byField := map[string]model.Limit{}
	for _, l := range model.Limits() {
		byField[l.Field] = l
	}
	out := map[string][2]float64{}
	for id, field := range leverFields {
		l, ok := byField[field]
		if !ok {
			panic("workspace: no model limit " + field + " for the box " + id)
		}
		if noneBoxes[id] {
			l.Min = 0
		}
		out[id] = [2]float64{l.Min, l.Max}
	}
	return out
}()

// leverUsual are the values each box takes for an English council as the published figures
// show them (the largest see about 1,500 children enter care a year): a value beyond them is
// accepted, and the lever says in words that it is unusual, so that a slip of a digit is seen.
var leverUsual = map[string][2]float64{
	"entries": {0, 5000}, "entries_trend": {-0.5, 0.5}, "uasc": {0, 3000}, "nts": {0, 0.01},
	"approvals": {0, 100}, "leaving": {0, 1}, "specialist": {0, 500}, "specialist_approvals": {0, 200},
	"ifa_price": {500, 2_000}, "home_price": {3_000, 15_000}, "inflation": {-0.1, 0.5},
	"home_beds": {0, 8}, "home_cost": {200_000, 3_000_000}, "home_one_off": {0, 3_300_000},
	"block_beds": {0, 12}, "block_price": {100_000, 600_000},
	"stepdown_cost": {0, 100_000}, "approvals_cost": approvalCostUsual, "specialist_approvals_cost": approvalCostUsual, "stepdown_breakdown": {0, 2}, "leaving_cost": {0, 1_000_000},
}

// approvalCostUsual is the cost of approving a foster carer household usual for a council,
// and approvalCostSource where it comes from: the scenario page's Recruitment cost box and the
// region page's Cost of an extra approval both say them. No cost per approval is published
// (docs/sources.md §10): the top is the DfE's £25m for 400 more households, £62,500 each, an
// upper bound; the bottom is a few weeks of a social worker's time.
var approvalCostUsual = [2]float64{1_000, 62_500}

const approvalCostSource = "no cost per approved household is published; the DfE's £25m for a further 400 fostering households, " +
	"about £62,500 each and an upper bound, Spring Statement 2025; the default's £12,000 for a ~9-month assessment"

// approvalCostInput is the scenario page's Recruitment cost box as its usual values read.
var approvalCostInput = leverInput{ID: "approvals_cost", Label: "Recruitment cost", Unit: "a household", Format: fmtGBP}

// leverUsualSource says where the usual values of a box come from, where the published
// figures name them (the default scenario's comments, docs/sources.md): said after the range
// of a value beyond it.
var leverUsualSource = map[string]string{
	"approvals":    "England's 4,055 households approved in 2023-24, 45% by councils, about 12 a council, while 4,820 left: Ofsted, Fostering in England",
	"home_beds":    "homes in England average 3.9 places, Ofsted 2023",
	"home_cost":    "a home of 1 to 8 beds at about £300,000 a bed, the default's homes £1.2m for 4 beds in 2026/27's prices, under the NAO's £318,400 a place a year, 2023-24",
	"home_one_off": "up to 8 beds at the library home's £404,333 a bed to buy and set up, from Sheffield's 2-bed home, about £0.74m in all, about 2023, in 2026/27's prices",
	"block_beds":   "Dorset blocked 2 of 8 beds in 3 homes, 2020",
	"block_price":  "the NAO's £318,400 a place a year, 2023-24; external homes in 2026/27's prices £6,673 to £10,815 a week, £348,000 to £564,000 a year",
	"nts":          "the National Transfer Scheme's threshold is 0.1% of the child population, 0.07% before August 2022",
	// The weekly prices of a standard place, from the published figures (docs/sources.md §3
	// and §8): an agency foster placement £500 to £2,000 a week once uprated (the CMA's ~£820
	// and the default's £979 well inside), a private children's home place £3,000 to £15,000,
	// which takes in the rare placements of £10,000 a week or more the LGA's survey counts, not
	// a slip (the highest £63,000). A slip of a digit in the default's (£9,790 for £979,
	// £66,730 for £6,673, or a tenth of either) is beyond them.
	"ifa_price": "~£820 a week for the largest agencies, 2016-2020, CMA 2021; the default's £979 in 2026/27's prices; " +
		"all foster care ~£760 a week, RO3 2024-25",
	"home_price": "a private children's home place £3,830 a week, CMA 2016-2020; £6,108, County Councils Network 2024; the NAO's £318,400 a place a year, £6,106 a week, 2023-24, " +
		"the default's £6,673 in 2026/27's prices; placements of £10,000 a week or more are rare, 1,510 of them in 2022/23, LGA",

	// The dated levers' costs (docs/sources.md §9).
	"stepdown_cost":             "Birmingham's Step Down programme, £1.3m for 33 step-downs, £39,394 each (2014/15; £56,166 in 2026/27's prices), Rees Centre 2018; Manchester's £1.2m for 95 young people, 2014",
	"approvals_cost":            approvalCostSource,
	"specialist_approvals_cost": specialistCostSource,
	"leaving_cost":              retentionCostSource,
	"stepdown_breakdown":        "Birmingham's Step Down programme, 64% of placements stable at a year, 0.57 a year in the first year, Rees Centre 2018",
}

// specialistCostSource says where the specialist pool's Recruitment cost box's usual values and
// default come from: the same published figures as the mainstream pool's, and the default's
// £15,000 for a specialist household, the figure level-6-specialist-carers pays.
const specialistCostSource = "no cost per approved household is published; the DfE's £25m for a further 400 fostering households, " +
	"about £62,500 each and an upper bound, Spring Statement 2025; the default's £15,000 for a specialist household, as level-6-specialist-carers pays"

// unusual says, for a field lever's value v beyond the values usual for a council, that it
// is: "beyond the usual -50% to 50% a year: check it is meant", or "".
func (in leverInput) unusual(v float64) string {
	u, ok := leverUsual[in.ID]
	if !ok || (v >= u[0] && v <= u[1]) {
		return ""
	}
	return "beyond the usual " + in.usual() + " for a council: check it is meant"
}

// usual says the values usual for a council of a box that has them, with where they come
// from: "£1,000 to £62,500 a household (no cost per approved household is published; ...)".
func (in leverInput) usual() string {
	u := leverUsual[in.ID]
	usual := in
	usual.Min, usual.Max = u[0], u[1]
	unit := strings.TrimPrefix(strings.TrimPrefix(in.Unit, "%"), " ")
	if m := zeroUnit.FindStringSubmatch(unit); m != nil {
		unit = m[1] // "beds (0: no new home)" is beds
	}
	text := withUnit(usual.rangeText(), unit)
	if src := leverUsualSource[in.ID]; src != "" {
		text += " (" + src + ")"
	}
	return text
}

// unusualIn says, for the lever l as scenario s has it, with iv its dated change (nil for a
// lever of a field, or a rate with no programme on top), each value of its boxes beyond the
// values usual for a council, as the lever's line under its boxes says it: "price beyond the
// usual £100,000 to £600,000 a bed a year (...) for a council: check it is meant", joined by
// "; ", or "". The Compare page's lever table and the board pack's list of changes say it too.
func (l *lever) unusualIn(s *model.Scenario, iv *model.Intervention) string {
	var out []string
	for i, in := range l.Inputs {
		var v float64
		switch {
		case i == 0 && l.OnTop && !l.Ratio && iv != nil:
			v = roundTo(l.get(s)+iv.PerYear, 10)
		case i == 0 && (!l.isIntervention() || (l.OnTop && iv == nil)):
			v = l.get(s)
		case iv == nil:
			continue
		case in.Key == "count":
			v = float64(iv.Count)
		case in.Key == "fixed_cost_per_year_gbp":
			v = iv.FixedCostPerYearGBP
		case in.Key == "recruitment_cost_gbp" && iv.RecruitmentCostGBP > 0:
			// 0 is the pool's own recruitment cost.
			v = iv.RecruitmentCostGBP
		case in.Key == "cost.per_unit_gbp":
			v = iv.Cost.PerUnitGBP
		case in.Key == "cost.per_year_gbp":
			v = iv.Cost.PerYearGBP
		case in.Key == oneOffGBPKey:
			v = iv.Cost.OneOffGBP
		default:
			continue
		}
		if w := in.unusual(v); w != "" {
			out = append(out, strings.TrimSpace(strings.ToLower(in.Label)+" "+w))
		}
	}
	return strings.Join(out, "; ")
}

// withUnusual is line followed by the warning w of values beyond the usual (unusualIn), if any.
func withUnusual(line, w string) string {
	if w == "" {
		return line
	}
	return line + "; " + w
}

// fileNumber reads the value of a box of format f as a file writes it ("260000", "£1.1m"),
// and whether it reads.
func fileNumber(text string, f valueFormat) (float64, bool) {
	var v float64
	var err error
	if f == fmtGBP {
		v, err = scenarios.ParseGBP(text)
	} else {
		v, err = strconv.ParseFloat(text, 64)
	}
	return v, err == nil
}

// rangeText says what a box accepts, in its own units: "0 to 5,000", "-50% to 50%",
// "£0 to £20,000".
func (in leverInput) rangeText() string {
	lo, hi := in.bounds()
	return lo + " to " + hi
}

// bounds returns the least and the most a box accepts, in its own units: "-50%" and "50%",
// "£0" and "£20,000", "0" and "5,000".
func (in leverInput) bounds() (lo, hi string) {
	lo, hi = showValue(in.Min, in.Format), showValue(in.Max, in.Format)
	switch in.Format {
	case fmtPercent:
		return lo + "%", hi + "%"
	case fmtNumber:
		return commas(in.Min), commas(in.Max)
	}
	return lo, hi
}

// checkRange returns why v (in the file's units) is outside the box's range, or "", in the
// words the region page says it in: "must be between £0 and £1,000,000".
func (in leverInput) checkRange(v float64) string {
	if !in.Bounded || (v >= in.Min && v <= in.Max) {
		return ""
	}
	lo, hi := in.bounds()
	return "must be between " + lo + " and " + hi
}

// Ranges says what the lever's boxes accept, for its help line: "0 to 500", or "beds 0 to
// 50; running cost £0 to £20,000,000".
func (l *lever) Ranges() string {
	var parts []string
	for _, in := range l.Inputs {
		if !in.Bounded {
			continue
		}
		if len(l.Inputs) > 1 && in.Label != "" {
			parts = append(parts, strings.ToLower(in.Label)+" "+in.rangeText())
		} else {
			parts = append(parts, in.rangeText())
		}
	}
	return strings.Join(parts, "; ")
}

// lever is one control of the workspace, in commissioning language: either a field of the
// scenario (carers recruited a year) or a dated intervention (open a home on a date).
type lever struct {
	// ID names the lever; a lever with one input shares its ID.
	ID string
	// Group is the heading it sits under.
	Group string
	// Label says what it is in plain words.
	Label string
	// Help is the one-line explanation.
	Help string
	// Inputs are its boxes.
	Inputs []leverInput

	// Path is the YAML path of a field lever, with names for the items of kinds
	// (["kinds", "ifa", "weekly_gbp", "standard"]).
	Path []string
	// Field is the path as validation errors name it ("kinds[3].weekly_gbp.standard").
	Field string
	// get reads a field lever's value from a scenario.
	get func(*model.Scenario) float64

	// Action and Kind say which intervention an intervention lever manages: the first of
	// the workspace file's own interventions with that action and kind.
	Action, Kind string
	// Fixed are intervention fields written as they are.
	Fixed [][2]string
	// Baseline describes the baseline's own interventions of the same kind, for an
	// intervention lever; Adds says that the lever's come on top.
	Baseline, Adds string
	// has describes, as Baseline does the baseline's, a scenario's own provision of the
	// intervention lever's kind ("" when it has no such kind); nil for a lever that sets.
	has func(s *model.Scenario) string

	// Sets says that the intervention sets a rate or a number from a date, rather than adding
	// provision: its first box takes Off, the value at which it changes nothing (a factor of
	// 1, the baseline's places), for no intervention, and every other value of its range. It
	// manages the first of the file's own interventions with its action, whatever its kind,
	// or one with the action Alias and the kind AliasKind (capacity of care_leavers, the same
	// as care_leaver_places).
	Sets             bool
	Off              float64
	Alias, AliasKind string
	// OnTop says that the intervention of a lever that sets adds its first box's field to the
	// baseline's own (extra_approvals' per_year): the box shows the total, Off and the file's
	// value, and writes the box less Off; a value below Off is refused, as the intervention
	// can only add. A lever that sets with a Kind manages the file's first intervention of its
	// action on that kind.
	OnTop bool
	// Lowers says that the intervention of a lever that multiplies a rate (Ratio) can only
	// lower it (retention keeps carers): a value above Off, or the file's value, is refused.
	Lowers bool
	// Ratio says that the intervention of a lever that adds to a rate (OnTop) multiplies it
	// (stepdown_rate's factor) rather than adding to it: the box shows Off, or the file's
	// value, times the factor, and writes the box over it.
	Ratio bool
	// effect says what the lever's intervention does, from its boxes as shown.
	effect func(in map[string]string) string
	// AsItIs says that a field lever describes the council as it is, a correction of the
	// baseline rather than a strategy: the simulator applies its field from before the run,
	// through the warm-up years, so the lever's effect line and the results say so
	// (asItIsWords), rather than present its difference from the baseline as a strategy's.
	AsItIs bool
	// OneOff says that the lever's home pays the library home's one-off cost, following its
	// beds and the day it opens (homeOneOff) until the file's is changed.
	OneOff bool
	// priced, for a market's price lever, returns the kind whose weekly_gbp the lever moves:
	// its box is the standard need's price, and every other need's price the kind takes moves
	// by the same share (a market's price, not one band of it).
	priced func(s *model.Scenario) *model.Kind
}

// otherNeeds returns the needs other than standard whose price a price lever moves with the
// standard's: those the kind takes, with a price, in base.
func (l *lever) otherNeeds(base *model.Scenario) []model.Need {
	k := l.priced(base)
	if k == nil {
		return nil
	}
	var ns []model.Need
	for n := model.NeedComplex; n < model.NumNeeds; n++ {
		if k.Accepts.Needs.Has(n) && k.WeeklyCostGBP[n] != 0 {
			ns = append(ns, n)
		}
	}
	return ns
}

// needPath returns the path of the need n's price of a price lever: its Path's, with n's name
// for standard.
func (l *lever) needPath(n model.Need) []string {
	p := slices.Clone(l.Path)
	p[len(p)-1] = n.String()
	return p
}

// scaledPrice returns the price of the need n that a price lever's box v, the standard need's
// price, sets: the baseline's times v over the baseline's standard price, to the penny.
func (l *lever) scaledPrice(base *model.Scenario, n model.Need, v float64) float64 {
	k := l.priced(base)
	return roundTo(k.WeeklyCostGBP[n]*v/k.WeeklyCostGBP[model.NeedStandard], 2)
}

// sameShare reports whether alt's prices of every need a price lever moves are base's moved
// by the same share as the standard's, to the penny: the lever's doing, or a file's like it.
func (l *lever) sameShare(base, alt *model.Scenario) bool {
	b, a := l.priced(base), l.priced(alt)
	if b == nil || a == nil || b.WeeklyCostGBP[model.NeedStandard] == 0 {
		return false
	}
	for _, n := range l.otherNeeds(base) {
		if math.Abs(a.WeeklyCostGBP[n]-l.scaledPrice(base, n, a.WeeklyCostGBP[model.NeedStandard])) > 0.0051 {
			return false
		}
	}
	return true
}

// scaledOutOfRange says why the box v of a price lever is refused when it would move another
// need's price, by the same share, beyond what a price may be: "£66,730 a week moves the solo
// price by the same share, to £108,150 a week, and a price must be between £0 and £100,000";
// "" otherwise.
func (l *lever) scaledOutOfRange(base *model.Scenario, v float64) string {
	if l.priced == nil || v == l.get(base) {
		return ""
	}
	in := l.Inputs[0]
	for _, n := range l.otherNeeds(base) {
		p := l.scaledPrice(base, n, v)
		if msg := in.checkRange(p); msg != "" {
			return fmt.Sprintf("%s a week moves the %s price by the same share, to %s a week, and a price %s", pounds(v), n, pounds(p), msg)
		}
	}
	return ""
}

// needsText says the prices of the needs other than standard a price lever moves, in alt:
// "complex £1,447.19 a week".
func (l *lever) needsText(base, alt *model.Scenario) string {
	var parts []string
	for _, n := range l.otherNeeds(base) {
		parts = append(parts, fmt.Sprintf("%s %s a week", n, pounds(l.priced(alt).WeeklyCostGBP[n])))
	}
	return strings.Join(parts, ", ")
}

// own returns the rate the first box of a lever whose intervention adds to it (OnTop) starts
// from in the file f: the file's own value of the lever's field (Path), where it sets one that
// reads, and otherwise the baseline's, Off.
func (l *lever) own(f *scenarios.Document) float64 {
	if v, _, ok := f.Field(l.Path); ok {
		if x, err := strconv.ParseFloat(v, 64); err == nil && !math.IsNaN(x) && !math.IsInf(x, 0) {
			return x
		}
	}
	return l.Off
}

// total returns what the first box of a lever whose intervention adds to a rate (OnTop) shows
// for the intervention's value x on top of the rate own: their sum, or product (Ratio).
func (l *lever) total(own, x float64) float64 {
	if l.Ratio {
		return roundTo(own*x, 10)
	}
	return roundTo(own+x, 10)
}

// part returns the intervention's value that the first box of a lever whose intervention adds
// to a rate (OnTop) writes for v typed, on top of the rate own: v less own, or over it (Ratio).
func (l *lever) part(v, own float64) float64 {
	if l.Ratio {
		return roundTo(v/own, 10)
	}
	return roundTo(v-own, 10)
}

// rateText says the rate of a lever whose intervention adds to it (OnTop) in its box's words:
// "21 a year", "15% of reviews".
func (l *lever) rateText(v float64) string {
	in := l.Inputs[0]
	if in.Format == fmtPercent {
		return withUnit(showValue(v, in.Format), in.Unit)
	}
	return withUnit(commas(v), in.Unit)
}

// isIntervention reports whether the lever manages an intervention.
func (l *lever) isIntervention() bool { return l.Action != "" }

// boxLabel is the label the page shows beside box in of l: the box's own, where the lever has
// several, or the lever's.
func (l *lever) boxLabel(in leverInput) string {
	if in.Label != "" {
		return in.Label
	}
	return l.Label
}

// boxError is the message of err, refusing raw typed into box in of l: an amount written with
// _ between its digits whose value without them the box's range refuses is told both, as a
// scenario file's is, rather than offered without its _. A change ("-£5_00") is not checked
// against the range, which holds the value it gives, not the change: it is offered without
// its _.
func (l *lever) boxError(err error, raw string, in leverInput) string {
	if msg, ok := underscoreRangeError(raw, in.Format, l.boxLabel(in), in.checkRange); ok {
		return msg
	}
	return err.Error()
}

// underscoreRangeError is the message refusing an amount or a number raw typed into a money
// or number box of format f labelled label, written with _ between its digits, whose value
// without them the box's range refuses (problem says why, or ""): both are told, rather than
// the value offered without its _. ok is false for any other input, a change ("-£5_00") or a
// percentage among them.
func underscoreRangeError(raw string, f valueFormat, label string, problem func(float64) string) (msg string, ok bool) {
	if f != fmtGBP && f != fmtNumber || !strings.Contains(raw, "_") || relative(raw, f) {
		return "", false
	}
	typed := strings.TrimSpace(raw)
	bare := strings.ReplaceAll(typed, "_", "")
	read := scenarios.ParseGBP
	if f == fmtNumber {
		read = parseDecimal
	}
	v, err := read(bare)
	if err != nil {
		return "", false
	}
	p := problem(v)
	if p == "" {
		return "", false
	}
	return fmt.Sprintf("%q is %s written with _ between its digits, which %s does not take: it %s", typed, bare, boxName(label), p), true
}

// boxName names a box by its label, as a message about what was typed into it says it
// ("\"Running cost\""), or "this box" for one with no label.
func boxName(label string) string {
	if label == "" {
		return "this box"
	}
	return fmt.Sprintf("%q", label)
}

// leverGroups are the headings of the levers, in order.
var leverGroups = []string{"Demand and UASC", "Fostering", "Residential care", "Costs", moreGroup}

// moreGroup is the heading of the levers a first look does without: the page shows them
// folded away, as it shows the scenario file, unless one of them is in use or refused.
const moreGroup = "Entry, stability and leaving care"

// find returns the number of the file's intervention that the intervention lever l
// manages, or -1.
func (l *lever) find(f *scenarios.Document) int {
	if !l.Sets || l.Kind != "" {
		return f.Intervention(l.Action, l.Kind)
	}
	i := f.FirstIntervention(l.Action)
	if l.Alias != "" {
		if j := f.Intervention(l.Alias, l.AliasKind); j >= 0 && (i < 0 || j < i) {
			i = j
		}
	}
	return i
}

// leversFor returns the levers that apply to base: those whose provision kinds it has.
func leversFor(base *model.Scenario) []*lever {
	kindIdx := map[string]int{}
	for i, k := range base.Kinds {
		kindIdx[k.Name] = i
	}
	var mainstream, specialist, homes, block, ifa, external string
	for _, k := range base.Kinds {
		switch {
		case k.Supply == model.Carers && k.Category == model.Foster && mainstream == "" && k.Accepts.Ages.FromYears == 0:
			// Mainstream carers take children of every age; specialist carers, teenagers.
			mainstream = k.Name
		case k.Supply == model.Carers && k.Category == model.Foster && specialist == "":
			specialist = k.Name
		case k.Supply == model.Homes && homes == "":
			homes = k.Name
		case k.Supply == model.Block && block == "":
			block = k.Name
		case k.Supply == model.Market && k.Category == model.Foster && k.Name == "ifa":
			ifa = k.Name
		case k.Supply == model.Market && k.Category == model.Residential && external == "":
			external = k.Name
		}
	}
	kind := func(s *model.Scenario, name string) *model.Kind {
		for i := range s.Kinds {
			if s.Kinds[i].Name == name {
				return &s.Kinds[i]
			}
		}
		return nil
	}
	field := func(id, group, label, help, unit string, f valueFormat, path []string, get func(*model.Scenario) float64) *lever {
		fieldPath := path[0]
		for i := 1; i < len(path); i++ {
			if path[i-1] == "kinds" {
				fieldPath += fmt.Sprintf("[%d]", kindIdx[path[i]])
				continue
			}
			fieldPath += "." + path[i]
		}
		return &lever{ID: id, Group: group, Label: label, Help: help, Path: path, Field: fieldPath, get: get,
			Inputs: []leverInput{{ID: id, Unit: unit, Format: f}}}
	}
	// wholeNumbers marks a lever whose field takes whole numbers only (a count).
	wholeNumbers := func(l *lever) *lever {
		l.Inputs[0].Whole = true
		return l
	}
	start := base.Start.Format(time.DateOnly)
	var ls []*lever
	ls = append(ls,
		field("entries", "Demand and UASC", "Children entering care a year",
			"Children other than UASC who come into care each year: "+asItIsWords+". Early help that lowers entries from a date, with its cost, is the lever Children of some ages and needs entering care, under "+moreGroup+".", "a year", fmtNumber,
			[]string{"entries", "per_year"}, func(s *model.Scenario) float64 { return s.Entries.PerYear }),
		field("entries_trend", "Demand and UASC", "Change in entries each year",
			"How much the number entering care grows (or, below 0, falls) year on year: -2 is 2 points below the baseline's, =-2 a fall of 2% a year.", "% a year", fmtPercent,
			[]string{"entries", "trend_per_year"}, func(s *model.Scenario) float64 { return s.Entries.TrendPerYear }),
		field("uasc", "Demand and UASC", "UASC arriving a year",
			"Unaccompanied asylum-seeking children arriving each year, mostly aged 16-17.", "a year", fmtNumber,
			[]string{"uasc", "per_year"}, func(s *model.Scenario) float64 { return s.UASC.PerYear }),
		field("nts", "Demand and UASC", "National Transfer Scheme threshold",
			"UASC looked after, as a share of the area's children, above which new arrivals are transferred (0 turns it off).", "% of children", fmtPercent,
			[]string{"uasc", "transfer_threshold_share"}, func(s *model.Scenario) float64 { return s.UASC.TransferThresholdShare }),
	)
	if mainstream != "" {
		k := kind(base, mainstream)
		ls = append(ls,
			approvalsLever(k, mainstream, fmt.Sprintf("kinds[%d].carers.approvals_per_year", kindIdx[mainstream]), start, "approvals", "Carers recruited a year"),
			leavingLever(k, mainstream, fmt.Sprintf("kinds[%d].carers.deregistration_per_year", kindIdx[mainstream]), start),
		)
	}
	if specialist != "" {
		ls = append(ls,
			wholeNumbers(field("specialist", "Fostering", "Specialist carers now",
				"Specialist (\"Level 6\") carer households at the start: they take complex teenagers who would otherwise go to residential care.", "households", fmtNumber,
				[]string{"kinds", specialist, "carers", "households"}, func(s *model.Scenario) float64 { return float64(kind(s, specialist).Carers.Households) })),
			specialistApprovalsLever(kind(base, specialist), specialist, fmt.Sprintf("kinds[%d].carers.approvals_per_year", kindIdx[specialist]), start),
		)
	}
	if homes != "" {
		homeCost, homeCostPerBed, homeCostSource := homeCostDefault()
		l := &lever{ID: "home", Group: "Residential care", Label: "Open a children's home",
			Help:   "A home of our own, open from the date given (for a home the file decides earlier, with a lead time, the day it opens), with its yearly running cost (staff, building), whoever is in it." + homeCostSource,
			Action: "open_home", Kind: homes, OneOff: true,
			Fixed: [][2]string{{"lead_time_days", "0"}, {"local", "true"}, {"name", freeHomeName(base, homes)}, {"label", "Open a new children's home"}},
			Inputs: []leverInput{
				{ID: "home_beds", Label: "Beds", Unit: "beds (0: no new home)", Key: "count", Format: fmtNumber},
				{ID: "home_opens", Label: "Opens on", Key: "from", Format: fmtDate, Default: base.Start.AddDate(2, 0, 0).Format(time.DateOnly), Opens: true},
				{ID: "home_cost", Label: "Running cost", Unit: "a year", Key: "fixed_cost_per_year_gbp", Format: fmtGBP, Default: homeCost, PerCount: homeCostPerBed},
			}}
		if in, ok := homeOneOffInput(); ok {
			l.Inputs = append(l.Inputs, in)
		}
		l.has = func(s *model.Scenario) string {
			k := kind(s, homes)
			if k == nil {
				return ""
			}
			beds, n := 0, 0
			for _, h := range k.Homes {
				beds += h.Beds
				n++
			}
			return fmt.Sprintf("%s, %s", plural(n, "home"), plural(beds, "bed"))
		}
		l.Baseline = l.has(base)
		l.Adds = "a new home comes on top"
		l.Inputs[1].Unit = "dd/mm/yyyy"
		ls = append(ls, l)
	}
	if block != "" {
		l := &lever{ID: "block", Group: "Residential care", Label: "Block-book residential beds",
			Help:   "Beds contracted in local homes at a negotiated price a bed a year, paid for whether used or not. The price is a year's, for one bed: £5,000 a week is about £261,000 a year.",
			Action: "block_beds", Kind: block,
			Fixed: [][2]string{{"local", "true"}, {"label", "Block-booked residential beds"}},
			Inputs: []leverInput{
				{ID: "block_beds", Label: "Beds", Unit: "beds (0: none booked)", Key: "count", Format: fmtNumber},
				{ID: "block_from", Label: "From", Key: "from", Format: fmtDate, Default: start},
				{ID: "block_price", Label: "Price", Unit: "a bed a year", Key: "fixed_cost_per_year_gbp", Format: fmtGBP, Default: "260000"},
				{ID: "block_to", Label: "To", Key: "to", Format: fmtDate, Optional: true},
				{ID: "block_local", Label: "Where", Key: "local", Format: fmtChoice, Default: "true",
					Options: []choice{{Value: "true", Label: "local (within 20 miles)"}, {Value: "false", Label: "over 20 miles away"}}},
			}}
		l.has = func(s *model.Scenario) string {
			k := kind(s, block)
			if k == nil {
				return ""
			}
			beds := 0
			for _, b := range k.BlockBeds {
				beds += b.Beds
			}
			return plural(beds, "bed") + " booked"
		}
		l.Baseline = l.has(base)
		l.Adds = "these come on top"
		l.Inputs[1].Unit = "dd/mm/yyyy"
		l.Inputs[3].Unit = "dd/mm/yyyy (empty: to the run's end)"
		l.Help += " The contract runs from the From date to the To date (empty: to the run's end), in local homes (within 20 miles, the default) or homes over 20 miles away."
		ls = append(ls, l)
	}
	stepdownHelp := fmt.Sprintf("Share of the %.0f-monthly reviews of a child with standard needs in residential care that find them ready to move to foster care, with a step-down programme from the date given: the box is the standard need's share, and the programme scales every need's share, and each kind's own share of children ready to step down (step_down_ready_share in the scenario file), by the same factor (the box over the baseline's share). Its cost a step-down is paid for every step-down while it is in force, the baseline's included. The placements children step down into while it is in force break down in their first year at the rate given (%s a year unless changed: Birmingham's Step Down programme, 64%% of placements stable at a year, Rees Centre 2018, as step-down-programme has it), then at the receiving kind's own rate; 0 leaves the scenario's own first-year rate.", base.StepDown.ReviewDays/30.44, stepdownBreakdown)
	var ownRate []string
	for _, k := range base.Kinds {
		if k.Category == model.Residential && k.StepDownReadyShare != nil {
			ownRate = append(ownRate, k.Label)
		}
	}
	if len(ownRate) > 0 {
		names := ownRate[len(ownRate)-1]
		if len(ownRate) > 1 {
			names = strings.Join(ownRate[:len(ownRate)-1], ", ") + " and " + names
		}
		stepdownHelp += fmt.Sprintf(" Children in %s step down at their own rate, which the factor scales too.", names)
	}
	ls = append(ls, stepdownLever(base, stepdownHelp, start))
	// A market's price lever moves every need's price by the same share: the box is the
	// standard price, and the help says what the other needs' are in the baseline.
	priceLever := func(id, label, help, name string) *lever {
		l := field(id, "Costs", label, help, "a week", fmtGBP,
			[]string{"kinds", name, "weekly_gbp", "standard"}, func(s *model.Scenario) float64 { return kind(s, name).WeeklyCostGBP[model.NeedStandard] })
		l.priced = func(s *model.Scenario) *model.Kind { return kind(s, name) }
		if others := l.needsText(base, base); others != "" {
			l.Help += " All needs' prices move by the same share: the box is the standard price, and the others (" + others + " in the baseline) move with it."
		}
		return l
	}
	if ifa != "" {
		ls = append(ls, priceLever("ifa_price", "Agency foster care (IFA) price",
			"Weekly price of a standard agency foster placement at the start.", ifa))
	}
	if external != "" {
		ls = append(ls, priceLever("home_price", "External children's home price",
			"Weekly price of a standard place in a private children's home at the start.", external))
	}
	ls = append(ls, field("inflation", "Costs", "Inflation",
		"Yearly rise of every price and cost, each April.", "% a year", fmtPercent,
		[]string{"inflation_per_year"}, func(s *model.Scenario) float64 { return s.InflationPerYear }))
	ls = append(ls, moreLevers(base, start)...)
	for _, l := range ls {
		if leverClass[l.ID] == asItIsClass {
			l.AsItIs = true
			if !strings.Contains(l.Help, asItIsWords) {
				l.Help = strings.TrimSuffix(l.Help, ".") + ": " + asItIsWords + "."
			}
		}
		for i := range l.Inputs {
			if r, ok := leverRanges[l.Inputs[i].ID]; ok {
				l.Inputs[i].Min, l.Inputs[i].Max, l.Inputs[i].Bounded = r[0], r[1], true
			}
		}
	}
	return ls
}

// approvalsLever returns the lever "Carers recruited a year" of the mainstream carer pool k
// (named name): a recruitment programme from a date, the scenario's extra_approvals of the
// pool, whose box shows the approvals a year with it, the pool's own and the programme's on
// top. It writes the programme's per_year, the box less the pool's own, from the From box's
// date (the run's first day unless changed), at its own recruitment cost a household (the
// pool's unless changed): extra carers start to be recruited then, and are costed, rather
// than being in place from the run's first day as a change of the pool's own rate would be
// (the simulator applies that rate through the warm-up years too). A programme only adds: a
// box below the pool's own rate is refused, in words that say where to lower the rate.
func approvalsLever(k *model.Kind, name, field, start, id, label string) *lever {
	own := k.Carers.ApprovalsPerYear
	return &lever{Path: []string{"kinds", name, "carers", "approvals_per_year"}, Field: field,
		get: func(s *model.Scenario) float64 {
			for _, k := range s.Kinds {
				if k.Name == name && k.Carers != nil {
					return k.Carers.ApprovalsPerYear
				}
			}
			return own
		}, ID: id, Group: "Fostering", Label: label,
		Help: fmt.Sprintf("New %s households approved each year, about %.0f months after they apply: the baseline's own and, on top, a recruitment programme whose applications start on the date given, each household approved at the recruitment cost given (usually %s).",
			strings.ToLower(k.Label), k.Carers.AssessmentDays/30.44, leverInput{ID: id + "_cost", Unit: "a household", Format: fmtGBP}.usual()),
		Action: "extra_approvals", Kind: name, Sets: true, OnTop: true, Off: own,
		Inputs: []leverInput{
			{ID: id, Label: "Approvals", Unit: "a year", Key: "per_year", Format: fmtNumber},
			{ID: id + "_from", Label: "From", Unit: "dd/mm/yyyy", Key: "from", Format: fmtDate, Default: start},
			{ID: id + "_cost", Label: "Recruitment cost", Unit: "a household", Key: "recruitment_cost_gbp", Format: fmtGBP, Default: formatNumber(k.Carers.RecruitmentCostPerApprovalGBP)},
		},
		Baseline: withUnit(commas(own), "a year"),
		effect: func(in map[string]string) string {
			return fmt.Sprintf("scenario: %s a year, %s of them recruited by a programme", in[id], in[id+"_extra"])
		}}
}

// specialistApprovalsLever returns the lever "Specialist carers recruited a year" of the
// specialist carer pool k (named name): a recruitment programme from a date, as the mainstream
// pool's "Carers recruited a year" is (approvalsLever), so that specialist carers a commissioner
// means to recruit start to be recruited on the From box's date, at the Recruitment cost box's
// cost a household (the pool's own unless changed), rather than through the warm-up years and
// uncosted, as a change of the pool's own approvals_per_year would have them.
func specialistApprovalsLever(k *model.Kind, name, field, start string) *lever {
	l := approvalsLever(k, name, field, start, "specialist_approvals", "Specialist carers recruited a year")
	l.Help = fmt.Sprintf("New specialist (\"Level 6\") households approved each year, about %.0f months after they apply: the baseline's own and, on top, a recruitment programme whose applications start on the date given, each household approved at the recruitment cost given (usually %s).",
		k.Carers.AssessmentDays/30.44, leverInput{ID: "specialist_approvals_cost", Unit: "a household", Format: fmtGBP}.usual())
	return l
}

// retentionCost is the yearly cost of a retention programme unless the Carers leaving lever's
// Cost box is changed, and retentionCostSource where it comes from: the library's
// retain-12-net-carers pays it.
const (
	retentionCost       = "170000"
	retentionCostSource = "Devon's first year of Mockingbird, whose carers were 82% less likely to deregister: a £64k DfE grant and £104.5k from the council, docs/sources.md §10, as retain-12-net-carers pays each year"
)

// leavingLever returns the lever "Carers leaving a year" of the mainstream carer pool k (named
// name): a retention programme from a date, the scenario's retention of the pool, whose box
// shows the share of households that stop fostering each year with it, the pool's own (or the
// file's) times the programme's factor. It writes the factor, the box over that share, from the
// From box's date (the run's first day unless changed), at its yearly Cost while in force
// (retentionCost unless changed): carers are kept from then, and their keeping is costed,
// rather than from before the run as a change of the pool's own deregistration_per_year would
// (the simulator applies that rate through the warm-up years too, some 13 households more at
// the first year's end against the programme's 4 for a third fewer leaving). A programme only
// keeps carers: a box above the pool's own share is refused, in words that say where to raise
// the rate. The factor scales retirement too, as the scenario file's retention does.
func leavingLever(k *model.Kind, name, field, start string) *lever {
	own := k.Carers.DeregistrationPerYear
	cost, _ := strconv.ParseFloat(retentionCost, 64)
	return &lever{Path: []string{"kinds", name, "carers", "deregistration_per_year"}, Field: field,
		get: func(s *model.Scenario) float64 {
			for _, k := range s.Kinds {
				if k.Name == name && k.Carers != nil {
					return k.Carers.DeregistrationPerYear
				}
			}
			return own
		}, ID: "leaving", Group: "Fostering", Label: "Carers leaving a year",
		Help: fmt.Sprintf("Share of %s households that stop fostering each year for reasons other than retirement (retirement comes on top): the baseline's own and, below it, a retention programme (support that keeps carers) from the date given, which scales that share and the retirement rate by the same factor (the box over the baseline's share), at the yearly cost given while it is in force (%s unless changed: %s).",
			strings.ToLower(k.Label), pounds(cost), retentionCostSource),
		Action: "retention", Kind: name, Sets: true, OnTop: true, Ratio: true, Lowers: true, Off: own,
		Inputs: []leverInput{
			{ID: "leaving", Label: "Leaving", Unit: "% a year", Key: "factor", Format: fmtPercent},
			{ID: "leaving_from", Label: "From", Unit: "dd/mm/yyyy", Key: "from", Format: fmtDate, Default: start},
			{ID: "leaving_cost", Label: "Cost", Unit: "a year", Key: "cost.per_year_gbp", Format: fmtGBP, Default: retentionCost, Written: true},
		},
		Baseline: withUnit(showValue(own, fmtPercent), "% a year"),
		effect: func(in map[string]string) string {
			return fmt.Sprintf("scenario: %s%% a year, kept by a retention programme: leaving and retirement × %s", in["leaving"], in["leaving_factor"])
		}}
}

// stepdownLever returns the lever "Step-down to a family": a step-down programme from a date,
// the scenario's stepdown_rate, whose box shows the standard need's ready share with it, the
// baseline's (or the file's own) times the programme's factor. It writes the factor, the box
// over that share, from the From box's date (the run's first day unless changed), at a cost
// for every step-down while it is in force (0 unless changed): the share changes then, rather
// than on the run's first day as a change of step_down.ready_share would (the simulator
// applies that through the warm-up years too). A factor cannot raise a share of 0: with the
// baseline's 0, a box other than 0 is refused, in words that say where to set the share.
func stepdownLever(base *model.Scenario, help, start string) *lever {
	off := base.StepDown.ReadyShare[model.NeedStandard]
	return &lever{Path: []string{"step_down", "ready_share", "standard"}, Field: "step_down.ready_share.standard",
		get: func(s *model.Scenario) float64 { return s.StepDown.ReadyShare[model.NeedStandard] },
		ID:  "stepdown", Group: "Residential care", Label: "Step-down to a family", Help: help,
		Action: "stepdown_rate", Sets: true, OnTop: true, Ratio: true, Off: off,
		Inputs: []leverInput{
			{ID: "stepdown", Label: "Share", Unit: "% of reviews", Key: "factor", Format: fmtPercent},
			{ID: "stepdown_from", Label: "From", Unit: "dd/mm/yyyy", Key: "from", Format: fmtDate, Default: start},
			{ID: "stepdown_cost", Label: "Cost", Unit: "a step-down", Key: "cost.per_unit_gbp", Format: fmtGBP, Default: "0"},
			{ID: "stepdown_breakdown", Label: "First-year breakdowns", Unit: "a year (0: the scenario's own)", Key: "first_year_breakdown_per_year", Format: fmtNumber, Default: stepdownBreakdown, Written: true},
		},
		Baseline: withUnit(showValue(off, fmtPercent), "% of reviews"),
		effect: func(in map[string]string) string {
			return fmt.Sprintf("scenario: %s%% of reviews, every need's share × %s (%s)", in["stepdown"], in["stepdown_factor"], breakdownWords(in["stepdown_breakdown"], base.StepDown.FirstYearBreakdownPerYear))
		}}
}

// stepdownBreakdown is the first-year breakdown rate a step-down programme's placements take
// unless the Step-down lever's box is changed: the library's step-down-programme's, from
// Birmingham's Step Down programme, whose placements were 64% stable at a year (Rees Centre
// 2018, docs/sources.md §9), so that the lever at the library's factor and cost is that file.
const stepdownBreakdown = "0.57"

// breakdownWords says how placements a step-down programme makes break down in their first
// year, as the Step-down lever's effect line says it, for the box's value v ("0.57") and the
// scenario's own first-year rate own: "its placements breaking down at 0.57 a year in their
// first year", or, for 0, at the scenario's own.
func breakdownWords(v string, own float64) string {
	x, err := strconv.ParseFloat(v, 64)
	switch {
	case err == nil && x > 0:
		return fmt.Sprintf("its placements breaking down at %s a year in their first year", formatNumber(x))
	case own > 0:
		return fmt.Sprintf("its placements breaking down at the scenario's own %s a year in their first year", formatNumber(own))
	}
	return "its placements breaking down at the receiving kind's own rate"
}

// leverClassOf is the class of a lever: whether it changes the council as it is, from before
// the run, or is a strategy, a dated change with its cost.
type leverClassOf int

const (
	unclassified leverClassOf = iota
	// asItIsClass is a lever that changes the council as it is (lever.AsItIs): a field of
	// the baseline the simulator applies from before the run, through the warm-up years.
	asItIsClass
	// strategyClass is a lever that writes a dated change, from a date, with its cost.
	strategyClass
)

// leverClass classifies every lever by its ID, the one list that says which change the
// council as it is (and so carry asItIsWords) and which are strategies. A lever missing from
// it is neither, and fails the tests.
var leverClass = map[string]leverClassOf{
	"entries":              asItIsClass,
	"entries_trend":        asItIsClass,
	"uasc":                 asItIsClass,
	"nts":                  asItIsClass,
	"specialist":           asItIsClass,
	"ifa_price":            asItIsClass,
	"home_price":           asItIsClass,
	"inflation":            asItIsClass,
	"approvals":            strategyClass,
	"leaving":              strategyClass,
	"specialist_approvals": strategyClass,
	"home":                 strategyClass,
	"block":                strategyClass,
	"stepdown":             strategyClass,
	"entry_who":            strategyClass,
	"breakdown":            strategyClass,
	"escalation":           strategyClass,
	"leavers":              strategyClass,
}

// asItIsWords say of a lever that describes the council as it is (AsItIs) what it does.
const asItIsWords = "this changes the council as it is, from before the run: it is not a strategy"

// asItIsNote says, for a scenario alt against its baseline base, which of the levers that
// describe the council as it is (AsItIs) alt changes, and so that its difference from base is
// that of another council, not what a strategy saves or costs: the results say it above the
// figures. It is "" when alt changes none.
func asItIsNote(base, alt *model.Scenario) string {
	names := asItIsLabels(base, alt)
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf("%s: %s. The difference from %q below is that of another council, not what a strategy saves or costs; a strategy is a dated change, from a date, with its cost.",
		strings.Join(names, ", "), asItIsWords, base.Name)
}

// asItIsLabels names the levers that change the council as it is (AsItIs) whose value alt
// changes from its baseline base's, in the levers' order; nil where it changes none.
func asItIsLabels(base, alt *model.Scenario) []string {
	var names []string
	for _, l := range leversFor(base) {
		if l.AsItIs && l.get(alt) != l.get(base) {
			names = append(names, l.Label)
		}
	}
	return names
}

// moreLevers returns the levers of moreGroup that apply to base: who enters care, how often
// placements break down and breakdowns raise needs, and the places for care leavers, each
// an intervention from a date, as the scenario file's interventions of the same actions.
func moreLevers(base *model.Scenario, start string) []*lever {
	from := func(id string) leverInput {
		return leverInput{ID: id, Label: "From", Unit: "dd/mm/yyyy", Key: "from", Format: fmtDate, Default: start}
	}
	var ls []*lever
	ls = append(ls, &lever{ID: "entry_who", Group: moreGroup, Label: "Children of some ages and needs entering care",
		Help:   "Early help, or a rise in need: the number entering care of the ages at entry and needs given (every age, every need when left empty; never UASC), as a percentage of the baseline's, from the date given. Needs are standard, complex and solo.",
		Action: "entry_rate", Sets: true, Off: 1,
		Inputs: []leverInput{
			{ID: "entry_who_factor", Label: "Entries", Unit: "% of the baseline's", Key: "factor", Format: fmtPercent},
			{ID: "entry_who_ages", Label: "Ages at entry", Unit: "such as 12-15", Key: "who.ages", Format: fmtAges},
			{ID: "entry_who_needs", Label: "Needs", Unit: "such as complex, solo", Key: "who.needs", Format: fmtNeeds},
			from("entry_who_from"),
		},
		Baseline: "100% (the baseline's own entries)",
		effect: func(in map[string]string) string {
			who := "children"
			if a := in["entry_who_ages"]; a != "" {
				who += " aged " + a
			}
			if n := in["entry_who_needs"]; n != "" {
				who += " with " + strings.ReplaceAll(n, ", ", " or ") + " needs"
			}
			if who == "children" {
				who = "every child (not UASC)"
			}
			return fmt.Sprintf("scenario: entries of %s at %s%% of the baseline's", who, in["entry_who_factor"])
		}})
	kinds := []choice{{Value: "", Label: "every kind"}}
	for _, k := range base.Kinds {
		kinds = append(kinds, choice{Value: k.Name, Label: k.Label})
	}
	ls = append(ls, &lever{ID: "breakdown", Group: moreGroup, Label: "Placements breaking down",
		Help:   "Support for carers and homes that keeps placements together: how often placements break down, as a percentage of the baseline's rate, from the date given, in one kind of provision or every kind.",
		Action: "breakdown_rate", Sets: true, Off: 1,
		Inputs: []leverInput{
			{ID: "breakdown_factor", Label: "Breakdowns", Unit: "% of the baseline's rate", Key: "factor", Format: fmtPercent},
			{ID: "breakdown_kind", Label: "In", Key: "kind", Format: fmtChoice, Options: kinds},
			from("breakdown_from"),
		},
		Baseline: "100% (the baseline's own rates)",
		effect: func(in map[string]string) string {
			where := "every kind of provision"
			for _, k := range kinds[1:] {
				if k.Value == in["breakdown_kind"] {
					where = k.Label
				}
			}
			return fmt.Sprintf("scenario: placements in %s break down at %s%% of the baseline's rate", where, in["breakdown_factor"])
		}})
	if base.EscalationShare > 0 || len(base.EscalationByAge) > 0 {
		ls = append(ls, &lever{ID: "escalation", Group: moreGroup, Label: "Breakdowns that raise a child's needs",
			Help:   "How often a placement breakdown leaves a child with higher needs (and so a costlier place), as a percentage of the baseline's share, from the date given.",
			Action: "escalation_rate", Sets: true, Off: 1,
			Inputs: []leverInput{
				{ID: "escalation_factor", Label: "Share", Unit: "% of the baseline's", Key: "factor", Format: fmtPercent},
				from("escalation_from"),
			},
			Baseline: fmt.Sprintf("100%% (%s%% of breakdowns from age 10)", showValue(base.EscalationShare, fmtPercent)),
			effect: func(in map[string]string) string {
				return fmt.Sprintf("scenario: breakdowns raise a child's needs at %s%% of the baseline's share", in["escalation_factor"])
			}})
		if len(base.EscalationByAge) > 0 {
			ls[len(ls)-1].Baseline = "100% (the baseline's shares by age)"
		}
	}
	if base.CareLeavers.Share > 0 {
		places := func(v string) string {
			if v == "0" {
				return "no limit"
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				return v + " places"
			}
			return plural(n, "place")
		}
		ls = append(ls, &lever{ID: "leavers", Group: moreGroup, Label: "Cap on accommodation places for care leavers",
			Help:   "The most supported accommodation places young people leaving care at 18 may hold at once, from the date given: a cap, not places commissioned on top of the baseline's (0: no limit). Those who find no place under it are counted as leaving care with no accommodation, a need the council still has a duty to meet: spending less that way is not a saving.",
			Action: "care_leaver_places", Alias: "capacity", AliasKind: "care_leavers", Sets: true, Off: float64(base.CareLeavers.Places),
			Inputs: []leverInput{
				{ID: "leaver_places", Label: "Places", Unit: "places (0: no limit)", Key: "count", Format: fmtNumber},
				from("leaver_places_from"),
			},
			Baseline: places(strconv.Itoa(base.CareLeavers.Places)),
			effect: func(in map[string]string) string {
				if in["leaver_places"] == "0" {
					return "scenario: " + places(in["leaver_places"]) + " for care leavers"
				}
				return "scenario: at most " + places(in["leaver_places"]) + " for care leavers"
			}})
	}
	return ls
}

// freeHomeName is the name the home lever gives its home on the baseline base: the first of
// "New home", "New home 2", "New home 3"... that none of the kind's homes has, neither one at
// the start nor one the baseline's interventions open, as validation wants of an open_home.
func freeHomeName(base *model.Scenario, kind string) string {
	taken := map[string]bool{}
	for i, k := range base.Kinds {
		if k.Name != kind {
			continue
		}
		for _, h := range k.Homes {
			taken[h.Name] = true
		}
		for _, iv := range base.Interventions {
			if iv.Action == model.OpenHome && int(iv.Kind) == i {
				taken[iv.Name] = true
			}
		}
	}
	name := "New home"
	for n := 2; taken[name]; n++ {
		name = fmt.Sprintf("New home %d", n)
	}
	return name
}

// rangeProblems returns, by the field path validation errors use, the levers' values in the
// file that are outside their boxes' ranges, however they got there (typed into a box or
// into the file): each field lever whose value in s differs from the baseline's (a baseline
// of a council beyond the ranges still runs), and each box of the file's own interventions.
func rangeProblems(f *scenarios.Document, ls []*lever, base, s *model.Scenario) map[string]string {
	out := map[string]string{}
	for _, l := range ls {
		if !l.isIntervention() {
			in := l.Inputs[0]
			if v := l.get(s); v != l.get(base) {
				if msg := in.checkRange(v); msg != "" {
					out[l.Field] = msg
				}
			}
			continue
		}
		if l.OnTop {
			// The rate the box adds to, the file's own where it sets one.
			if v := l.get(s); v != l.get(base) {
				if msg := l.Inputs[0].checkRange(v); msg != "" {
					out[l.Field] = msg
				}
			}
		}
		idx := l.find(f)
		if idx < 0 {
			continue
		}
		for _, in := range l.Inputs {
			text, _, ok := f.InterventionField(idx, in.Key)
			if !ok || !in.Bounded {
				continue
			}
			var v float64
			var err error
			if in.Format == fmtGBP {
				v, err = scenarios.ParseGBP(text)
			} else {
				v, err = strconv.ParseFloat(text, 64)
			}
			if err != nil {
				continue // validation says what is wrong with it
			}
			if l.OnTop && in.ID == l.Inputs[0].ID {
				v = l.total(l.get(s), v) // the box shows the total
			}
			if msg := in.checkRange(v); msg != "" {
				out[fmt.Sprintf("interventions[%d].%s", len(base.Interventions)+idx, in.Key)] = msg
			}
		}
	}
	return out
}

// parseValue reads what the user typed into a box of format f: a number in the box's unit,
// as a file value (a percentage becomes a share; a date stays a date). period is what an
// amount in the box is for (scenarios.PeriodOf its unit: "week", "year", "" for none), so that
// "£900 a week" is offered as £900 in a weekly box only; label is the box's label, as the page
// shows it, by which a message names the box ("" for a value no box shows).
func parseValue(raw string, f valueFormat, period, label string) (string, float64, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", 0, fmt.Errorf("give a value")
	}
	switch f {
	case fmtDate:
		d, ok := parseDate(raw)
		if !ok {
			return "", 0, fmt.Errorf("want a date such as 1/4/2028 (day, month, year)")
		}
		return d.Format(time.DateOnly), 0, nil
	case fmtGBP:
		v, err := scenarios.ParseGBP(raw)
		if err != nil {
			return "", 0, fmt.Errorf("want a sum of money such as £950 or £1.1m%s", scenarios.MoneyHintNamed(err, period, boxName(label), nil))
		}
		// Money is to the penny: £950.555 is £950.56. An amount that is not nothing but less
		// than half a penny is refused, not kept as £0 without a word.
		r := roundTo(v, 2)
		if r == 0 && v != 0 {
			return "", 0, fmt.Errorf("%s is less than half a penny, and a box keeps money to the penny: type £0.01 or more, or 0 (a scenario file or --set keeps any amount)", raw)
		}
		return formatNumber(r), r, nil
	case fmtPercent:
		v, err := parseDecimal(strings.TrimSpace(strings.TrimSuffix(raw, "%")))
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return "", 0, fmt.Errorf("want a percentage such as 11")
		}
		v = roundTo(v/100, 10)
		return formatNumber(v), v, nil
	}
	if strings.Contains(raw, ",") {
		// Commas separate thousands ("1,500"); "1,5" is not fifteen, nor one and a half.
		if !thousandsRE.MatchString(raw) {
			return "", 0, fmt.Errorf("want a number such as 24 or 1,500 (commas only between thousands)")
		}
		raw = strings.ReplaceAll(raw, ",", "")
	}
	v, err := parseDecimal(raw)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		hint := ""
		if !strings.HasSuffix(raw, "%") {
			// "300 a year", "1_0": what the command line says for them (write 300, the
			// number alone; write 10, without _); a percentage is no count's.
			hint = scenarios.NumberHint(raw, false)
		}
		return "", 0, fmt.Errorf("want a number such as 24%s", hint)
	}
	return formatNumber(v), v, nil
}

// changeHint is what err, the error of reading the part of a change after its sign as a value,
// says to write, with the sign put back, as a value's box says it: ": write +20, the number
// alone" for "+20 a year", " (write +£900, the amount alone)" for "+£900 a week" in a weekly
// box, or the period it is in; "" when it says nothing more than what it wants.
func changeHint(err error, sign float64) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	plus := "+"
	if sign < 0 {
		plus = "-"
	}
	for _, lead := range []string{": write ", " (write "} {
		if i := strings.Index(msg, lead); i >= 0 {
			return msg[i:i+len(lead)] + plus + msg[i+len(lead):]
		}
	}
	if i := strings.Index(msg, " (that is a "); i >= 0 {
		return msg[i:]
	}
	return ""
}

// thousandsRE is a number written with commas between its thousands: 1,500 or -12,000.5.
var thousandsRE = regexp.MustCompile(`^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$`)

// decimalRE is a number written plainly, in decimal, with at most one sign: 24, -5, 13.5,
// .5. Not "1_000", "0x1p4", "1e3", "Inf" or "--5", which Go's strconv would read.
var decimalRE = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)

// parseDecimal reads a number written plainly, in decimal (decimalRE).
func parseDecimal(s string) (float64, error) {
	if !decimalRE.MatchString(s) {
		return 0, fmt.Errorf("not a decimal number: %q", s)
	}
	return strconv.ParseFloat(s, 64)
}

// relative reports whether a box of format f takes what was typed as a change from the value
// it starts from: any number, sum of money or percentage typed with a leading sign ("+12",
// "-£50", "+10%", "-5"). The rule is the same in every box: a sign says a change, never a
// value below 0, which is typed after "=" ("=-5").
func relative(raw string, f valueFormat) bool {
	raw = strings.TrimSpace(raw)
	return takesChange(f) && raw != "" && strings.ContainsRune("+-−", []rune(raw)[0])
}

// takesChange reports whether a box of format f reads a leading sign as a change: a box of a
// count, a sum of money or a percentage.
func takesChange(f valueFormat) bool { return f == fmtNumber || f == fmtGBP || f == fmtPercent }

// changeEcho says what a change typed into a box of format f (raw, with its sign) made of the
// value bv it is from: "+10% of 2% gives 2.2%", "+5 on 100% gives 105%", "-£50 on £950 gives
// £900"; "" when raw is not a change.
func changeEcho(raw string, f valueFormat, bv, v float64) string {
	if !relative(raw, f) {
		return ""
	}
	raw = strings.Join(strings.Fields(raw), "")
	show := func(x float64) string {
		switch f {
		case fmtPercent:
			return commas(roundTo(100*x, 8)) + "%"
		case fmtNumber:
			return commas(x)
		}
		return showValue(x, f)
	}
	word := "on"
	if strings.HasSuffix(raw, "%") {
		word = "of"
	}
	return raw + " " + word + " " + show(bv) + " gives " + show(v)
}

// parseLeverValue reads what the user typed into a field lever's box: a value, as parseValue reads
// it, or, in a box of a count, of money or of a percentage, a change from the baseline's value bv
// ("+12" is bv+12, "-10%" is 90% of bv; in a percentage box "+5" is 5 points more, 100% to 105%,
// and "+10%" a tenth more, 2% to 2.2%), the value typing the result would give (21 and "+2.5" is
// 23.5, as typing 23.5 is); "=" before a value says that it is the value itself ("=-5"), not a
// change; a change of nothing ("+0") leaves bv as it is. A box of a field that takes whole numbers
// only (whole) refuses a change that does not give one, saying what it gives and the whole numbers
// either side, rather than round it in silence.
func parseLeverValue(raw string, f valueFormat, period, label string, bv float64, whole bool) (string, float64, error) {
	if v, ok := strings.CutPrefix(strings.TrimSpace(raw), "="); ok && takesChange(f) {
		// "=-5" is the value -5 itself, as the box shows a file's value below 0.
		return parseValue(v, f, period, label)
	}
	if r := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(raw), "£")); f == fmtGBP && r != strings.TrimSpace(raw) && r != "" && strings.ContainsRune("+-−", []rune(r)[0]) {
		// "£+5" is not the value £5, nor "£-5" the value -£5: a sign says a change, and stands
		// before the £.
		sign := string([]rune(r)[0])
		if sign == "−" {
			sign = "-"
		}
		amount := strings.TrimSpace(string([]rune(r)[1:]))
		return "", 0, fmt.Errorf("a sign goes before the £: type %s£%s for a change of £%s, or £%s for the value", sign, amount, amount, amount)
	}
	if !relative(raw, f) {
		return parseValue(raw, f, period, label)
	}
	raw = strings.TrimSpace(raw)
	r := []rune(raw)
	sign := 1.0
	if r[0] != '+' {
		sign = -1
	}
	rest := strings.TrimSpace(string(r[1:]))
	twoSigns := fmt.Errorf("%s has two signs: a change has one, such as +12, -5 or +10%%", raw)
	if rest != "" && strings.ContainsRune("+-−", []rune(rest)[0]) {
		// "--5" is not +5, nor "+-5" -5: one sign says which way the change goes.
		return "", 0, twoSigns
	}
	if r := strings.TrimSpace(strings.TrimPrefix(rest, "£")); r != rest && r != "" && strings.ContainsRune("+-−", []rune(r)[0]) {
		// Nor is "+£+5" or "-£-5": a sign after the pound sign is a second sign.
		return "", 0, twoSigns
	}
	var d float64
	if pc, ok := strings.CutSuffix(rest, "%"); ok {
		v, err := parseDecimal(strings.TrimSpace(pc))
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return "", 0, fmt.Errorf("want a change such as +12, -5 or +10%%")
		}
		d = bv * v / 100
	} else if f == fmtGBP {
		// Read as parseValue reads money, to the penny; a change of less than half a penny
		// is refused, as a value of less than half a penny is.
		v, err := scenarios.ParseGBP(rest)
		if err != nil {
			_, _, verr := parseValue(rest, f, period, label)
			return "", 0, fmt.Errorf("want a change such as +12, -5 or +10%%%s", changeHint(verr, sign))
		}
		d = roundTo(v, 2)
		if d == 0 && v != 0 {
			// Refused as the same amount typed as a value is, not taken as no change.
			return "", 0, fmt.Errorf("%s is a change of less than half a penny, and a box keeps money to the penny: type a change of £0.01 or more, or +0 for none", raw)
		}
	} else {
		_, v, err := parseValue(rest, f, period, label)
		if err != nil {
			return "", 0, fmt.Errorf("want a change such as +12, -5 or +10%%%s", changeHint(err, sign))
		}
		d = v
	}
	if d == 0 {
		// A change of nothing ("+0", "-0%") leaves the value as it is, to its last digit: the
		// rounding below would move a file's 0.1111111111111111 to 0.1111111112.
		return formatNumber(bv), bv, nil
	}
	v := sumOf(bv, bv+sign*d)
	if math.IsInf(v, 0) {
		return "", 0, fmt.Errorf("want a change such as +12, -5 or +10%%: this one is too large")
	}
	if f == fmtPercent {
		// A percentage box holds what it shows, ten decimal places of the share (eight of the
		// percentage) as a value typed plainly has: "+0" on a file's 0.7777777777777778 is
		// 77.77777778%, which reads back as itself. Rounded never against the change's sign.
		r := roundTo(v, 10)
		if sign > 0 && r < bv {
			r = roundTo(r+1e-10, 10)
		} else if sign < 0 && r > bv {
			r = roundTo(r-1e-10, 10)
		}
		v = r
	}
	if f == fmtGBP {
		// Money is to the penny: +33.3333% of £950 is £1,266.67.
		v = roundTo(v, 2)
	}
	if whole && v != math.Trunc(v) {
		return "", 0, fmt.Errorf("want a whole number: %s from %s gives %s; type %s or %s", raw, formatNumber(bv), formatNumber(v),
			formatNumber(math.Floor(v)), formatNumber(math.Ceil(v)))
	}
	return formatNumber(v), v, nil
}

// dateLayouts are the ways a date may be typed: day first, as in the UK, or as scenario files
// write it.
var dateLayouts = []string{"2/1/2006", "2-1-2006", "2.1.2006", "2 January 2006", "2 Jan 2006", time.DateOnly}

// parseDate reads a date typed day first ("1/4/2028", "01/04/2028", "1 April 2028") or as
// a file writes it ("2028-04-01").
func parseDate(raw string) (time.Time, bool) {
	raw = strings.Join(strings.Fields(raw), " ")
	for _, layout := range dateLayouts {
		if d, err := time.Parse(layout, raw); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

// showDate writes a file's date as a box shows it: "01/04/2028".
func showDate(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return d.Format("02/01/2006")
}

// showValue formats a file value for a box of format f.
func showValue(v float64, f valueFormat) string {
	switch f {
	case fmtPercent:
		return formatNumber(roundTo(100*v, 8))
	case fmtGBP:
		return pounds(v)
	}
	return formatNumber(v)
}

// showScalar formats a file scalar (as written in YAML) for a box of format f.
func showScalar(s string, f valueFormat) string {
	if f == fmtDate {
		return showDate(s)
	}
	var v float64
	var err error
	if f == fmtGBP {
		v, err = scenarios.ParseGBP(s)
	} else {
		v, err = strconv.ParseFloat(s, 64)
	}
	if err != nil {
		return s
	}
	return showValue(v, f)
}

// formatNumber writes v as briefly as it reads exactly.
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// sumOf is v, the result of a change to bv, as a calculator shows it: to 12 significant
// digits, which keeps every digit typed and drops the noise of binary arithmetic (21 + 1% is
// 21.21, not 21.209999999999997). A baseline of more digits than that keeps v as it is where
// rounding would move it the other way from bv than the change does.
func sumOf(bv, v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil || (v >= bv) != (r >= bv) || (v <= bv) != (r <= bv) {
		return v
	}
	return r
}

// roundTo rounds v to digits decimal places, removing the noise of a division. A value too
// large to scale (1e300) has no decimal places to round and is returned as it is.
func roundTo(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	if math.IsInf(v*p, 0) {
		return v
	}
	return math.Round(v*p) / p
}

// commas writes a sum of pounds with thousands separators: 1100000 is 1,100,000.
func commas(v float64) string {
	s := formatNumber(math.Abs(v))
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	if v < 0 {
		return "-" + b.String()
	}
	return b.String()
}

// pounds writes a sum of money as a box shows it, thousands separated, in whole pounds when it is
// whole and with two digits of pence when it is not: "£950", "£950.50", "£1,266.67".
func pounds(v float64) string {
	v = roundTo(v, 2)
	w := math.Trunc(v)
	if v == w {
		return "£" + commas(v)
	}
	s := commas(w)
	if v < 0 && w == 0 {
		s = "-0"
	}
	return "£" + s + fmt.Sprintf("%.2f", math.Abs(v-w))[1:]
}

// leverState is what the user has typed into the levers: values and notes by input or lever ID.
type leverState struct {
	Values map[string]string
	Notes  map[string]string
}

// applyLevers edits the file so that it says what the levers say, against the baseline base:
// a field lever equal to the baseline is left out of the file; an intervention lever whose
// first box is 0 removes its intervention. Only levers present in st are touched. It returns
// the problems with values that could not be read, by input ID.
func applyLevers(f *scenarios.Document, ls []*lever, base *model.Scenario, st leverState) map[string]string {
	bad := map[string]string{}
	for _, l := range ls {
		if l.Sets {
			applySetting(f, l, base, st, bad)
			continue
		}
		if l.isIntervention() {
			applyIntervention(f, l, base, st, bad)
			continue
		}
		raw, ok := st.Values[l.ID]
		if !ok {
			continue
		}
		in := l.Inputs[0]
		text, v, err := parseLeverValue(raw, in.Format, scenarios.PeriodOf(in.Unit), l.boxLabel(in), l.get(base), in.Whole)
		if err != nil {
			bad[l.ID] = l.boxError(err, raw, in)
			continue
		}
		if msg := in.checkRange(v); msg != "" && v != l.get(base) {
			bad[l.ID] = msg
			continue
		}
		if msg := l.scaledOutOfRange(base, v); msg != "" {
			bad[l.ID] = msg
			continue
		}
		note := strings.TrimSpace(st.Notes[l.ID])
		if l.priced != nil {
			// The other needs' prices move with the standard's, by the same share.
			for _, n := range l.otherNeeds(base) {
				if v == l.get(base) {
					f.DeleteField(l.needPath(n))
					continue
				}
				f.SetField(l.needPath(n), formatNumber(l.scaledPrice(base, n, v)), "")
			}
		}
		if v == l.get(base) && note == "" {
			f.DeleteField(l.Path)
			continue
		}
		f.SetField(l.Path, text, note)
	}
	return bad
}

// runDateProblem says why the date text (as a file writes it) typed into the date box in of a
// lever, on the baseline base, is refused: it is before the run's first day, when the
// change's effect and cost would fall before the run's outputs begin and go uncounted, or
// after its last, when it would change nothing, or, for the day a home opens (in.Opens), hold
// no child, whatever of its costs, home's (nil: none), falls in the run (homeAfterRun). It says
// so in the box's own day-first dates; "" for a date within the run.
func runDateProblem(text string, in leverInput, base *model.Scenario, home *model.Intervention) string {
	d, err := time.Parse(time.DateOnly, text)
	if err != nil {
		return ""
	}
	first, end := base.Start, base.Start.AddDate(base.Years, 0, 0)
	last := end.AddDate(0, 0, -1).Format("02/01/2006")
	typed := d.Format("02/01/2006")
	switch {
	case d.Before(first):
		return fmt.Sprintf("%s is before the run's first day, %s: what it changed before then, and what it cost, would not be counted; choose a date from %s",
			typed, first.Format("02/01/2006"), first.Format("02/01/2006"))
	case !d.Before(end) && in.Opens:
		return homeAfterRun(d, home, base)
	case !d.Before(end):
		return fmt.Sprintf("%s is after the run's last day, %s: it would change nothing in the run; choose a date up to %s", typed, last, last)
	}
	return ""
}

// typedNew reports whether text, a value typed into the box in (as a file writes it), is other
// than the file's intervention idx holds: a date of the file's own (one in the warm-up that
// the file was written with) is the file's to keep, and the page sends it back with every run.
func typedNew(f *scenarios.Document, idx int, in leverInput, text string) bool {
	v, ok := in.fileValue(f, idx)
	return !ok || v != text
}

func applyIntervention(f *scenarios.Document, l *lever, base *model.Scenario, st leverState, bad map[string]string) {
	first := l.Inputs[0]
	raw, ok := st.Values[first.ID]
	if !ok {
		return
	}
	idx := f.Intervention(l.Action, l.Kind)
	count := 0.0
	if strings.TrimSpace(raw) != "" {
		// A change ("+2") is from none, the 0 beds a new home or booking starts from, as
		// the other boxes' are from the value a new one takes: never from the file's, which
		// the change typed has already made.
		_, v, err := parseLeverValue(raw, first.Format, scenarios.PeriodOf(first.Unit), l.boxLabel(first), 0, true)
		switch {
		case err != nil:
			bad[first.ID] = l.boxError(err, raw, first)
			return
		case v < 0 && relative(raw, first.Format):
			bad[first.ID] = first.belowNone(raw, 0)
			return
		case v < 0 || v != math.Trunc(v):
			bad[first.ID] = "want a whole number, 0 or more"
			return
		case first.checkRange(v) != "":
			bad[first.ID] = first.checkRange(v)
			return
		}
		count = v
	}
	if count == 0 {
		// No intervention; what the other boxes say must still read, so that a box never
		// seems to take a value it would refuse.
		for _, in := range l.Inputs[1:] {
			if raw := strings.TrimSpace(st.Values[in.ID]); raw != "" {
				if in.Format == fmtChoice {
					if !slices.ContainsFunc(in.Options, func(c choice) bool { return c.Value == raw }) {
						bad[in.ID] = "want one of the choices offered"
					}
					continue
				}
				if _, v, err := parseLeverValue(raw, in.Format, scenarios.PeriodOf(in.Unit), l.boxLabel(in), in.shown(f, -1), false); err != nil {
					bad[in.ID] = l.boxError(err, raw, in)
				} else if msg := in.checkRange(v); msg != "" {
					bad[in.ID] = msg
				}
			}
		}
		f.RemoveIntervention(idx)
		return
	}
	// A home's one-off cost: its box, when it has something typed, says the amount; left
	// empty, the amount follows the beds while it is the one the lever gave, and is otherwise
	// the file's to keep (none, for a home of the file's own that pays nothing once). Its day
	// follows the day the home opens while it is the lever's (homeOneOffDateFollows).
	isNew := idx < 0
	follows := isNew || (l.OneOff && homeOneOffFollows(f, idx, base.Start))
	dateFollows := isNew || (l.OneOff && homeOneOffDateFollows(f, idx, base.Start))
	if idx < 0 {
		idx = f.AddIntervention(append([][2]string{{"action", l.Action}, {"kind", l.Kind}}, l.Fixed...))
	}
	oneOffTyped := false
	for _, in := range l.Inputs {
		if in.Key == oneOffGBPKey && strings.TrimSpace(st.Values[in.ID]) != "" {
			oneOffTyped = true
		}
	}
	if l.OneOff {
		defer func() {
			if bad[first.ID] != "" {
				return
			}
			switch gbp, _, ok := f.InterventionField(idx, oneOffGBPKey); {
			case follows && !oneOffTyped:
				setHomeOneOff(f, idx, base.Start)
			case !ok:
			case gbp == "0":
				// None typed: nothing paid once, on no day.
				f.DeleteInterventionField(idx, oneOffGBPKey)
				f.DeleteInterventionField(idx, oneOffOnKey)
			case dateFollows:
				setHomeOneOffDate(f, idx, base.Start)
			}
		}()
	}
	// typedHome is the lever's home as it would be, were it to open on opens (a date as the
	// file writes it), for the words of a date refused (runDateProblem): decided its lead
	// time before, its one-off cost as the one-off box or the file gives it, on the day the
	// deferred function above would give it, and the file's cost a year. Nil for any other
	// lever.
	typedHome := func(opens string) *model.Intervention {
		d, err := time.Parse(time.DateOnly, opens)
		if err != nil || l.Action != "open_home" {
			return nil
		}
		iv := fileHome(f, idx)
		iv.From, _ = time.Parse(time.DateOnly, decidedOn(opens, leadDays(f, idx)))
		if !l.OneOff {
			return &iv
		}
		gbp, on := homeOneOff(int(count), d, base.Start)
		switch {
		case oneOffTyped:
			for _, in := range l.Inputs {
				if in.Key != oneOffGBPKey {
					continue
				}
				bv := in.shown(f, -1)
				if in.PerCount > 0 {
					bv = math.Round(in.PerCount * count)
				}
				if _, v, err := parseLeverValue(st.Values[in.ID], in.Format, scenarios.PeriodOf(in.Unit), l.boxLabel(in), bv, false); err == nil {
					iv.Cost.OneOffGBP = v
				}
			}
			if dateFollows {
				iv.Cost.OneOffOn = on
			}
		case follows:
			iv.Cost.OneOffGBP, iv.Cost.OneOffOn = gbp, on
		case dateFollows && iv.Cost.OneOffGBP != 0:
			iv.Cost.OneOffOn = on
		}
		return &iv
	}
	for k, in := range l.Inputs {
		raw := strings.TrimSpace(st.Values[in.ID])
		if _, sent := st.Values[in.ID]; in.Optional && sent && raw == "" {
			// Left empty: the field left out.
			f.DeleteInterventionField(idx, in.Key)
			continue
		}
		if in.Format == fmtChoice {
			if raw == "" {
				if _, _, ok := f.InterventionField(idx, in.Key); ok {
					continue
				}
				raw = in.Default
			}
			if !slices.ContainsFunc(in.Options, func(c choice) bool { return c.Value == raw }) {
				bad[in.ID] = "want one of the choices offered"
				continue
			}
			f.SetInterventionField(idx, in.Key, raw)
			continue
		}
		if raw == "" {
			if _, _, ok := f.InterventionField(idx, in.Key); ok || in.Optional {
				continue
			}
			if in.Key == oneOffGBPKey && !isNew {
				// A home of the file's own that pays nothing once keeps paying nothing.
				continue
			}
			raw = in.Default
			if in.PerCount > 0 {
				raw = formatNumber(math.Round(in.PerCount * count))
			}
		}
		bv := 0.0
		if k > 0 {
			// A change ("+£10,000", "-5%") is from the value a new intervention takes, as a
			// field lever's is from the baseline's: never from the file's, which the change
			// typed has already made, so that the page sending the box again with the file
			// (a run after another box changed, Save) does not apply it again.
			// A box whose amount follows the count (PerCount) shows that amount for the
			// count typed, and a change is from what it shows.
			bv = in.shown(f, -1)
			if in.PerCount > 0 {
				bv = math.Round(in.PerCount * count)
			}
		}
		text, v, err := parseLeverValue(raw, in.Format, scenarios.PeriodOf(in.Unit), l.boxLabel(in), bv, k == 0)
		if err != nil {
			bad[in.ID] = l.boxError(err, raw, in)
			continue
		}
		if msg := in.checkRange(v); msg != "" {
			bad[in.ID] = msg
			continue
		}
		if msg := runDateProblem(text, in, base, typedHome(text)); in.Format == fmtDate && typedNew(f, idx, in, text) && msg != "" {
			bad[in.ID] = msg
			continue
		}
		if in.Opens {
			text = decidedOn(text, leadDays(f, idx))
		}
		f.SetInterventionField(idx, in.Key, text)
	}
	f.SetInterventionNote(idx, first.Key, st.Notes[l.ID])
}

// changesBox reports whether raw, typed into box in of an intervention the file does not have,
// gives other than the value a new one takes.
func changesBox(raw string, in leverInput, f *scenarios.Document) bool {
	bv := in.shown(f, -1)
	_, v, err := parseLeverValue(raw, in.Format, scenarios.PeriodOf(in.Unit), in.Label, bv, false)
	return err == nil && v != bv
}

// zeroUnit reads a count box's unit that says what its 0 means: "beds (0: no new home)" is
// beds, and 0 no new home.
var zeroUnit = regexp.MustCompile(`^(.+) \(0: (.+)\)$`)

// belowNone says why a change raw typed into a count box, from from, is refused when it
// gives fewer than none: "-5 is a change from 0, and 0 means no limit; type the number of
// places", or, from more than 0, "-25 is a change from 20 and gives -5; type the number of
// places (0: no limit)".
func (in leverInput) belowNone(raw string, from float64) string {
	raw = strings.Join(strings.Fields(raw), "")
	noun, zero := "them", ""
	if m := zeroUnit.FindStringSubmatch(in.Unit); m != nil {
		noun, zero = m[1], m[2]
	}
	if from == 0 && zero != "" {
		return fmt.Sprintf("%s is a change from 0, and 0 means %s; type the number of %s", raw, zero, noun)
	}
	_, v, _ := parseLeverValue(raw, in.Format, scenarios.PeriodOf(in.Unit), in.Label, from, false)
	msg := fmt.Sprintf("%s is a change from %s and gives %s; type the number of %s", raw, formatNumber(from), formatNumber(v), noun)
	if zero != "" {
		msg += " (0: " + zero + ")"
	}
	return msg
}

// shown is the value the box of an intervention's input shows before anything is typed: the
// file's intervention idx's (-1 for none), or else the one a new intervention takes; 0 when
// neither reads as a number.
func (in leverInput) shown(f *scenarios.Document, idx int) float64 {
	raw := in.Default
	if v, ok := in.fileValue(f, idx); ok {
		raw = v
	}
	_, v, err := parseValue(raw, in.Format, scenarios.PeriodOf(in.Unit), in.Label)
	if err != nil {
		return 0
	}
	return v
}

// fileValue returns the value of the box's field in the file's intervention idx as the file
// writes it, and whether it has one: for a box of the date a home opens (Opens), the day it
// opens, from plus the intervention's lead time.
func (in leverInput) fileValue(f *scenarios.Document, idx int) (string, bool) {
	v, _, ok := f.InterventionField(idx, in.Key)
	if ok && in.Opens {
		if from, err := time.Parse(time.DateOnly, v); err == nil {
			v = opensOn(from, leadDays(f, idx)).Format(time.DateOnly)
		}
	}
	return v, ok
}

// leadDays returns the lead_time_days of the file's intervention idx, 0 when it has none or
// when it does not read (validation says why).
func leadDays(f *scenarios.Document, idx int) float64 {
	v, _, ok := f.InterventionField(idx, "lead_time_days")
	if !ok {
		return 0
	}
	d, err := scenarios.ParseDays(v)
	if err != nil || d < 0 || d > 3660 {
		return 0
	}
	return d
}

// opensOn returns the day a home decided on from opens, lead days later: the day the run
// opens it on (a lead time of part of a day opens it within that day).
func opensOn(from time.Time, lead float64) time.Time {
	return from.AddDate(0, 0, int(math.Floor(lead)))
}

// decidedOn returns the from, as a file writes it, of a home that opens on the date opens
// (as a file writes it) lead days after it is decided: the date whose opensOn is opens.
func decidedOn(opens string, lead float64) string {
	d, err := time.Parse(time.DateOnly, opens)
	if err != nil {
		return opens
	}
	return d.AddDate(0, 0, -int(math.Floor(lead))).Format(time.DateOnly)
}

// applySetting makes the file's intervention of a lever that sets a rate or a number (Sets)
// say what its boxes say: none when the first box holds Off, and otherwise one written as a
// person writes it (action, kind, from, then the factor or count, then who). The file's
// parser judges the kind, the ages and the needs, so that a problem with them reads as
// placesim validate says it.
func applySetting(f *scenarios.Document, l *lever, base *model.Scenario, st leverState, bad map[string]string) {
	first := l.Inputs[0]
	raw, ok := st.Values[first.ID]
	if !ok {
		return
	}
	// A change ("+10%", "-5", "+20") is from the baseline's value, Off, as a field lever's is
	// from the baseline's: the box shows it until something is typed. A lever that adds to
	// the rate (OnTop) starts from the file's own rate, which its box shows.
	off := l.Off
	if l.OnTop {
		off = l.own(f)
	}
	whole := first.Format == fmtNumber && !l.OnTop
	text, v, err := parseLeverValue(raw, first.Format, scenarios.PeriodOf(first.Unit), l.boxLabel(first), off, whole)
	switch {
	case err != nil:
		bad[first.ID] = l.boxError(err, raw, first)
		return
	case l.Lowers && v > off:
		bad[first.ID] = fmt.Sprintf("%s is above the pool's own %s: this lever adds a retention programme, which keeps carers (%s or less); to raise the pool's own rate, change its share leaving a year (deregistration_per_year) in the scenario file (Advanced)",
			l.rateText(v), l.rateText(off), l.rateText(off))
		return
	case l.Ratio && off == 0 && v != 0:
		bad[first.ID] = "the baseline's share is 0%: a factor cannot raise it; set the share of children ready to step down (step_down.ready_share) in the file (Advanced)"
		return
	case l.OnTop && !l.Ratio && v < off:
		bad[first.ID] = l.belowOwn(v, off)
		return
	case whole && v < 0 && relative(raw, first.Format):
		bad[first.ID] = first.belowNone(raw, l.Off)
		return
	case whole && (v < 0 || v != math.Trunc(v)):
		bad[first.ID] = "want a whole number, 0 or more"
		return
	case first.checkRange(v) != "":
		bad[first.ID] = first.checkRange(v)
		return
	}
	if l.OnTop && v != off {
		text = formatNumber(l.part(v, off))
	}
	idx := l.find(f)
	if v == off {
		// No intervention; a date must still read, so that a box never seems to take a
		// value it would refuse.
		for _, in := range l.Inputs[1:] {
			if raw := strings.TrimSpace(st.Values[in.ID]); raw != "" && in.Format == fmtDate {
				if _, _, err := parseValue(raw, in.Format, scenarios.PeriodOf(in.Unit), l.boxLabel(in)); err != nil {
					bad[in.ID] = err.Error()
				}
			}
		}
		f.RemoveIntervention(idx)
		return
	}
	created := idx < 0
	if created {
		fields := [][2]string{{"action", l.Action}}
		if l.Kind != "" {
			fields = append(fields, [2]string{"kind", l.Kind})
		}
		idx = f.AddIntervention(fields)
	}
	order := func(in leverInput) int {
		switch in.Format {
		case fmtChoice:
			return 0
		case fmtDate:
			return 1
		case fmtAges, fmtNeeds:
			return 3
		}
		return 2
	}
	inputs := slices.Clone(l.Inputs)
	slices.SortStableFunc(inputs, func(a, b leverInput) int { return order(a) - order(b) })
	var ages string
	var needs []string
	who := false
	for _, in := range inputs {
		raw := strings.TrimSpace(st.Values[in.ID])
		switch in.Format {
		case fmtChoice:
			if !slices.ContainsFunc(in.Options, func(c choice) bool { return c.Value == raw }) {
				bad[in.ID] = "want one of the choices offered"
			} else if raw == "" {
				f.DeleteInterventionField(idx, in.Key)
			} else {
				f.SetInterventionField(idx, in.Key, raw)
			}
		case fmtAges:
			ages, who = strings.Join(strings.Fields(typedText(raw)), " "), true
		case fmtNeeds:
			needs, who = strings.FieldsFunc(typedText(raw), needSeparator), true
		case fmtDate:
			if raw == "" {
				if _, _, ok := f.InterventionField(idx, in.Key); ok {
					continue
				}
				raw = in.Default
			}
			text, _, err := parseValue(raw, in.Format, scenarios.PeriodOf(in.Unit), l.boxLabel(in))
			if err != nil {
				bad[in.ID] = err.Error()
				continue
			}
			if msg := runDateProblem(text, in, base, nil); msg != "" && typedNew(f, idx, in, text) {
				bad[in.ID] = msg
				continue
			}
			f.SetInterventionField(idx, in.Key, text)
		default:
			if in.ID == first.ID {
				f.SetInterventionField(idx, in.Key, text)
				continue
			}
			// A box after the first (a recruitment cost) is left out of the file while
			// it holds the value a new intervention takes, as the file's parser takes it;
			// a change typed ("+£1,000") is from that value.
			// A box whose default the parser does not take (Written) is written into a
			// new intervention at its default.
			if raw == "" {
				if in.Written && created {
					f.SetInterventionField(idx, in.Key, in.Default)
				}
				continue
			}
			cur := in.shown(f, -1)
			if in.Written && !created {
				// A change typed is from what the file's intervention has: 0, the
				// scenario's own, where it leaves the field out.
				cur = 0
				if _, ok := in.fileValue(f, idx); ok {
					cur = in.shown(f, idx)
				}
			}
			text, v, err := parseLeverValue(raw, in.Format, scenarios.PeriodOf(in.Unit), l.boxLabel(in), cur, false)
			switch {
			case err != nil:
				bad[in.ID] = l.boxError(err, raw, in)
			case in.checkRange(v) != "":
				bad[in.ID] = in.checkRange(v)
			case in.Written && v == 0, v == in.shown(f, -1) && !in.Written:
				f.DeleteInterventionField(idx, in.Key)
			default:
				f.SetInterventionField(idx, in.Key, text)
			}
		}
	}
	if who {
		f.SetInterventionWho(idx, ages, needs)
	}
	f.SetInterventionNote(idx, first.Key, st.Notes[l.ID])
}

// belowOwn says why v, typed into the first box of a lever whose intervention adds to the
// baseline's own rate (OnTop), is refused: it is below that rate, which a programme cannot lower.
func (l *lever) belowOwn(v, own float64) string {
	return fmt.Sprintf("%s is below the pool's own %s: this lever adds a recruitment programme on top of them (%s or more); to lower the pool's own rate, change its households approved a year (approvals_per_year) in the scenario file (Advanced)",
		commas(v), withUnit(commas(own), l.Inputs[0].Unit), commas(own))
}

// typedText is text typed into a box that the file holds as typed (ages, needs), made valid
// UTF-8, as a page's own request always is: a page's address may hold any bytes (%CB), which
// YAML would write as base64.
func typedText(raw string) string { return strings.ToValidUTF8(raw, "\uFFFD") }

// needSeparator reports whether r separates the needs typed into a box: a comma or a space.
func needSeparator(r rune) bool { return r == ',' || unicode.IsSpace(r) }

// viewSetting works out what a lever that sets a rate or a number (Sets) shows: its boxes as
// the file's intervention has them (the first box at Off when there is none), each with the
// problems validation finds with the fields it writes, and its effect once the scenario
// reads.
func viewSetting(f *scenarios.Document, l *lever, base, s *model.Scenario, st leverState, bad map[string]string, fieldErrs map[string][]string, told map[string]bool) leverView {
	lv := leverView{lever: l, Baseline: "baseline: " + l.Baseline}
	idx := l.find(f)
	lv.Changed = idx >= 0 || (l.OnTop && l.own(f) != l.Off)
	k := len(base.Interventions) + idx
	at := fmt.Sprintf("interventions[%d]", k)
	ages, needs, _ := f.InterventionWho(idx)
	shown := map[string]string{}
	for i, in := range l.Inputs {
		iv := inputView{leverInput: in, Type: inputType(in.Format)}
		v, _, has := f.InterventionField(idx, in.Key)
		switch {
		case in.Format == fmtAges:
			iv.Value = ages
		case in.Format == fmtNeeds:
			iv.Value = strings.Join(needs, ", ")
		case in.Format == fmtChoice:
			iv.Value = v
		case has && i == 0 && l.OnTop:
			iv.Value = showScalar(v, in.Format)
			if x, err := strconv.ParseFloat(v, 64); err == nil {
				iv.Value = showValue(l.total(l.own(f), x), in.Format)
				if l.Ratio {
					shown[l.ID+"_factor"] = formatNumber(x)
				} else {
					shown[l.ID+"_extra"] = commas(x)
				}
			}
		case has:
			iv.Value = showScalar(v, in.Format)
		case i == 0 && l.OnTop:
			iv.Value = showValue(l.own(f), in.Format)
		case i == 0:
			iv.Value = showValue(l.Off, in.Format)
		case in.Written && idx >= 0:
			iv.Value = "0" // the file's intervention leaves it out: the scenario's own
		default:
			iv.Value = showScalar(in.Default, in.Format)
		}
		if raw, ok := st.Values[in.ID]; ok && bad[in.ID] != "" {
			iv.Value = raw
		}
		iv.Error = bad[in.ID]
		if i == 0 && l.OnTop && iv.Error == "" && relative(iv.Value, in.Format) {
			// A rate below 0 from the file: the box shows it as the value itself, so that
			// sent back it stays the file's value, refused, not a change from the baseline.
			iv.Value = "=" + iv.Value
		}
		if idx >= 0 || (i == 0 && l.OnTop) {
			// A box refused shows its own problem, which stands for those of the field
			// it writes (and the first box of a lever that adds to a rate, those of the
			// rate, the file's own).
			var errs []string
			for field, msgs := range fieldErrs {
				mine := idx >= 0 && (field == at+"."+in.Key || strings.HasPrefix(field, at+"."+in.Key+"["))
				switch {
				case i == 0:
					mine = mine || (idx >= 0 && (field == at || field == at+".action")) || (l.OnTop && field == l.Field)
				case in.Format == fmtAges:
					mine = mine || field == at+".who"
				case in.Format == fmtDate && field == at+".to":
					// The page has no To box: what is wrong with the file's to: is said
					// of the From box, in words that name the file's to: date.
					to, _, _ := f.InterventionField(idx, "to")
					told[field] = true
					for _, m := range msgs {
						errs = append(errs, fileToProblem(m, iv.Value, showDate(to)))
					}
					continue
				}
				if mine {
					errs = append(errs, msgs...)
					told[field] = true
				}
			}
			if iv.Error == "" {
				slices.Sort(errs)
				iv.Error = strings.Join(errs, "; ")
			}
		}
		shown[in.ID] = iv.Value
		lv.Inputs = append(lv.Inputs, iv)
	}
	_, lv.Note, _ = f.InterventionField(idx, l.Inputs[0].Key)
	if note, ok := st.Notes[l.ID]; ok {
		lv.Note = note
	}
	if idx >= 0 && s != nil && k < len(s.Interventions) && !slices.ContainsFunc(lv.Inputs, func(iv inputView) bool { return iv.Error != "" }) {
		iv := s.Interventions[k]
		lv.Effect = l.effect(shown) + " from " + iv.From.Format("02/01/2006")
		if !iv.To.IsZero() {
			lv.Effect += " to " + iv.To.Format("02/01/2006")
		}
		for i, in := range l.Inputs {
			// What the programme costs, as its box has it: "at £39,000 a step-down".
			if i == 0 || in.Format != fmtGBP {
				continue
			}
			text, ok := in.fileValue(f, idx)
			if !ok {
				text = in.Default
			}
			if v, num := fileNumber(text, in.Format); num {
				lv.Effect += ", at " + withUnit(pounds(v), in.Unit)
				if w := in.unusual(v); w != "" {
					lv.Effect += "; " + strings.ToLower(in.Label) + " " + w
				}
			}
		}
	}
	if first := l.Inputs[0]; idx < 0 && bad[first.ID] == "" {
		// A change that leaves the baseline's value ("+10%" of 0 places) says so.
		if raw := st.Values[first.ID]; relative(raw, first.Format) {
			lv.Effect = changeEcho(raw, first.Format, l.Off, l.Off)
		}
	}
	ok := s != nil && !slices.ContainsFunc(lv.Inputs, func(iv inputView) bool { return iv.Error != "" })
	if ok && l.OnTop && !l.Ratio && lv.Changed {
		// The most approvals a year in any year, the pool's own and every programme of the
		// kind running then, the file's others too, beyond what a council usually has (a
		// county's year typed for a month), are taken, and said, as a field lever's are.
		own := l.get(s)
		total, from, to := mostApprovals(s, l.Kind, own)
		mine := own
		if idx >= 0 && k < len(s.Interventions) {
			mine = roundTo(own+s.Interventions[k].PerYear, 10)
		}
		if w := l.Inputs[0].unusual(total); w != "" {
			label := strings.ToLower(l.Inputs[0].Label)
			if total != mine {
				when := "from " + from.Format("02/01/2006")
				if !to.IsZero() {
					// The most lasts until the first of its programmes ends, within the run.
					when += " to " + to.Format("02/01/2006")
				}
				label = fmt.Sprintf("%s, %s a year %s with the other recruitment programmes,", label, commas(total), when)
			}
			lv.Effect = strings.TrimPrefix(lv.Effect+"; "+label+" "+w, "; ")
		}
	}
	if ok {
		if note := l.othersNote(f, idx, base, s); note != "" {
			lv.Effect = strings.TrimPrefix(lv.Effect+"; "+note, "; ")
		}
	}
	return lv
}

// mostApprovals returns the most approvals a year the carer pool of the kind name has in any
// year of s: its own, own, and those of every recruitment programme of the kind running then,
// the date from which it has them (the zero time where it is its own alone), and the date on
// which the first of those programmes ends where that is before the run ends (the zero time
// where they all run to its end).
func mostApprovals(s *model.Scenario, name string, own float64) (most float64, from, to time.Time) {
	kind := slices.IndexFunc(s.Kinds, func(k model.Kind) bool { return k.Name == name })
	var programmes []model.Intervention
	for _, iv := range s.Interventions {
		if iv.Action == model.ExtraApprovals && int(iv.Kind) == kind && kind >= 0 {
			programmes = append(programmes, iv)
		}
	}
	most = own
	end := s.Start.AddDate(s.Years, 0, 0)
	for _, p := range programmes {
		sum, until := own, time.Time{}
		for _, q := range programmes {
			if !q.From.After(p.From) && (q.To.IsZero() || q.To.After(p.From)) {
				sum += q.PerYear
				if !q.To.IsZero() && q.To.Before(end) && (until.IsZero() || q.To.Before(until)) {
					until = q.To
				}
			}
		}
		if sum = roundTo(sum, 10); sum > most || (sum == most && !from.IsZero() && p.From.Before(from)) {
			most, from, to = sum, p.From, until
		}
	}
	return most, from, to
}

// settingNouns name, for a lever that sets (Sets), what its action's interventions are, in
// the plural, for othersNote.
var settingNouns = map[string]string{
	"extra_approvals": "recruitment programmes", "stepdown_rate": "step-down programmes",
	"entry_rate": "changes to entries", "breakdown_rate": "changes to breakdowns",
	"escalation_rate": "changes to escalation", "care_leaver_places": "changes to places for care leavers",
}

// othersNote says, for a lever that sets (Sets) and manages the file's intervention idx (-1
// for none), the file's other interventions of the lever's action, of any kind and date, which
// the lever leaves as they are: "this lever sets the first of the file's 3 recruitment
// programmes, of In-house foster carers from 01/04/2027; the other 2 stay as the file has
// them (Advanced): ...", each said as the board pack says it, but for those another lever
// manages. It is "" when the file has no other.
func (l *lever) othersNote(f *scenarios.Document, idx int, base, s *model.Scenario) string {
	// Those another lever manages (the specialist pool's recruitment programme beside the
	// mainstream pool's) are that lever's to show.
	managed := map[int]bool{}
	for _, o := range leversFor(base) {
		if o.ID != l.ID && o.Action == l.Action {
			if j := o.find(f); j >= 0 {
				managed[j] = true
			}
		}
	}
	var others []model.Intervention
	n := 0
	for j := range f.Interventions() {
		action, _, _ := f.InterventionField(j, "action")
		kind, _, _ := f.InterventionField(j, "kind")
		if action != l.Action && (l.Alias == "" || action != l.Alias || kind != l.AliasKind) || managed[j] {
			continue
		}
		n++
		if k := len(base.Interventions) + j; j != idx && k < len(s.Interventions) {
			others = append(others, s.Interventions[k])
		}
	}
	if len(others) == 0 {
		return ""
	}
	noun := cmp.Or(settingNouns[l.Action], "dated changes of "+l.Action)
	of := ""
	if l.Kind != "" {
		for _, kd := range base.Kinds {
			if kd.Name == l.Kind {
				of = " for " + sim.LowerFirst(kd.Label)
			}
		}
	}
	var items []string
	for i, text := range plots.InterventionChanges(s, others) {
		// What it does and from when, in the box's dates; what it costs is the board pack's
		// to say.
		text, _, _ = strings.Cut(text, "; costs:")
		if at := strings.LastIndex(text, ", from "); at >= 0 {
			text = text[:at] + " from " + others[i].From.Format("02/01/2006")
			if !others[i].To.IsZero() {
				text += " to " + others[i].To.Format("02/01/2006")
			}
		}
		items = append(items, text)
	}
	kept := fmt.Sprintf("the other stays as the file has it, to edit in the file (Advanced): %s", items[0])
	if len(others) > 1 {
		kept = fmt.Sprintf("the other %d stay as the file has them, to edit in the file (Advanced): %s", len(others), strings.Join(items, "; "))
	}
	if idx < 0 {
		return fmt.Sprintf("this lever adds a programme of its own%s; the file's %s", of, strings.Replace(kept, "the other", "other "+strings.TrimSuffix(noun, "s"), 1))
	}
	from, _, _ := f.InterventionField(idx, "from")
	return fmt.Sprintf("this lever sets one of the file's %d %s, the one%s from %s; %s", n, noun, of, showDate(from), kept)
}

// fileToProblem says a validation problem msg of an intervention's to: beside the lever's
// From box, which shows from: the page has no To box, so "must be after from" is said as
// the From date to move, naming the file's own to: date.
func fileToProblem(msg, from, to string) string {
	if msg == model.ToNotAfterFrom {
		return fmt.Sprintf("%s is not before the file's to: date (%s): choose an earlier From date, or change to: in the file", from, to)
	}
	return "the file's to: " + msg
}

// said says what the intervention iv of scenario s, of the action of a lever that sets a
// rate or a number (Sets), does, as the lever's effect line says it: "placements in
// In-house foster care break down at 67% of the baseline's rate from 1 April 2027".
func (l *lever) said(iv model.Intervention, s *model.Scenario) string {
	boxes := map[string]string{}
	for _, in := range l.Inputs {
		switch {
		case in.Key == "factor" && l.Ratio:
			boxes[in.ID] = showValue(l.total(l.get(s), iv.Factor), in.Format)
			boxes[l.ID+"_factor"] = formatNumber(iv.Factor)
		case in.Key == "factor":
			boxes[in.ID] = showValue(iv.Factor, fmtPercent)
		case in.Key == "count":
			boxes[in.ID] = strconv.Itoa(iv.Count)
		case in.Key == "first_year_breakdown_per_year":
			boxes[in.ID] = formatNumber(iv.StepDownBreakdownPerYear)
		case in.Key == "per_year" && l.OnTop:
			boxes[in.ID] = commas(roundTo(l.get(s)+iv.PerYear, 10))
			boxes[l.ID+"_extra"] = commas(iv.PerYear)
		case in.Key == "kind" && iv.Kind != model.AnyKind && int(iv.Kind) < len(s.Kinds):
			boxes[in.ID] = s.Kinds[iv.Kind].Name
		case in.Format == fmtAges && iv.Who != nil && iv.Who.Ages != model.AllAges:
			boxes[in.ID] = iv.Who.Ages.String()
		case in.Format == fmtNeeds && iv.Who != nil && iv.Who.Needs != 0:
			var names []string
			for _, n := range iv.Who.Needs.Needs() {
				names = append(names, n.String())
			}
			boxes[in.ID] = strings.Join(names, ", ")
		}
	}
	text := strings.TrimPrefix(l.effect(boxes), "scenario: ") + " from " + ukDate(iv.From)
	if !iv.To.IsZero() {
		text += " to " + ukDate(iv.To)
	}
	return text
}

// bedTerms says the terms of a home's or block booking's beds (iv, an open_home or block_beds)
// that the lever's boxes do not show, after the day they start: the day a block contract ends
// (" to 31/03/2029", dates in layout) and beds that are not local (local: false: ", over 20
// miles away"), as every board pack says them.
func bedTerms(iv model.Intervention, layout string) string {
	var text string
	if !iv.To.IsZero() {
		text += " to " + iv.To.Format(layout)
	}
	if !iv.Local {
		text += ", over 20 miles away"
	}
	return text
}

// leverView is a lever as the page shows it.
type leverView struct {
	*lever
	Inputs   []inputView
	Note     string
	Baseline string
	Changed  bool
	// Effect says what the scenario's value is against the baseline's, when it differs:
	// "scenario: 33 a year, +12 (+57%) on the baseline".
	Effect string
}

// SaysUnit reports whether the box's unit is said by the lever's label already ("Children
// entering care a year" and "a year"): its name then leaves the unit out, so that a screen
// reader does not say "a year a year".
func (v leverView) SaysUnit(unit string) bool {
	return unit != "" && strings.HasSuffix(strings.ToLower(v.Label), strings.ToLower(unit))
}

// inputView is one box as the page shows it.
type inputView struct {
	leverInput
	Value    string
	Baseline string
	Error    string
	Type     string
}

// viewLevers works out what each lever shows: its value in the file (or as typed, when it
// could not be read), its baseline value, its note and any problem with it. s is the
// scenario the file resolves to, or nil when it does not; fieldErrs holds the validation
// problems by field path, and viewLevers marks in shown each field whose problems a box
// shows.
func viewLevers(f *scenarios.Document, ls []*lever, base, s *model.Scenario, st leverState, bad map[string]string, fieldErrs map[string][]string, shown map[string]bool) []leverView {
	var out []leverView
	for _, l := range ls {
		lv := leverView{lever: l}
		if l.Sets {
			out = append(out, viewSetting(f, l, base, s, st, bad, fieldErrs, shown))
			continue
		}
		if l.isIntervention() {
			idx := f.Intervention(l.Action, l.Kind)
			lv.Baseline = "baseline: " + l.Baseline + "; " + l.Adds
			lv.Changed = idx >= 0
			var waiting []string
			for _, in := range l.Inputs {
				iv := inputView{leverInput: in, Type: inputType(in.Format)}
				if v, ok := in.fileValue(f, idx); ok {
					iv.Value = showScalar(v, in.Format)
				} else if in.Optional {
					iv.Value = ""
				} else if in.Format == fmtChoice {
					iv.Value = in.Default
				} else if in.ID == l.Inputs[0].ID {
					iv.Value = "0"
				} else if idx >= 0 && in.Key == oneOffGBPKey {
					// A home of the file's own that pays nothing once.
					iv.Value = showScalar("0", in.Format)
				} else {
					iv.Value = showScalar(in.Default, in.Format)
				}
				if raw, ok := st.Values[in.ID]; ok && bad[in.ID] != "" {
					iv.Value = raw
				} else if raw := strings.TrimSpace(st.Values[in.ID]); idx < 0 && in.ID != l.Inputs[0].ID && in.Format != fmtDate && raw != "" && changesBox(raw, in, f) {
					// Typed for an intervention of none (0 beds): kept in its box, with a word
					// on why it does nothing yet, rather than the box going back in silence.
					iv.Value = raw
					first, zero := l.Inputs[0], ""
					if m := zeroUnit.FindStringSubmatch(first.Unit); m != nil {
						zero = fmt.Sprintf(" (0 %s: %s)", m[1], m[2])
					}
					waiting = append(waiting, fmt.Sprintf("%s %s applies once there are %s%s", in.Label, strings.Join(strings.Fields(raw), ""), strings.ToLower(first.Label), zero))
				}
				iv.Error = bad[in.ID]
				field := fmt.Sprintf("interventions[%d].%s", len(base.Interventions)+idx, in.Key)
				at := fmt.Sprintf("interventions[%d]", len(base.Interventions)+idx)
				if idx >= 0 {
					// A box refused shows its own problem, which stands for those of the
					// field it writes.
					shown[field] = true
					shown[at] = shown[at] || in.ID == l.Inputs[0].ID
				}
				if idx >= 0 && iv.Error == "" {
					iv.Error = strings.Join(fieldErrs[field], "; ")
					if v, ok := in.fileValue(f, idx); ok && in.Opens && leadDays(f, idx) == 0 {
						// A home's opening after the run, as the box says it of a date typed.
						home := fileHome(f, idx)
						iv.Error = strings.Replace(iv.Error, runDateProblem(v, leverInput{}, base, nil), runDateProblem(v, in, base, &home), 1)
					}
					if lead := leadDays(f, idx); in.Opens && lead > 0 && iv.Error != "" {
						// The problem is with from, not the date the box shows: what to do
						// with from is not what to do with the box.
						iv.Error = withoutDateAdvice(model.WithoutOutsideRunHint(iv.Error))
						iv.Error = fmt.Sprintf("the home is decided %s days (the file's lead_time_days) before it opens, and %s", formatNumber(lead), iv.Error)
					}
					if msg := opensAfterRun(f, idx, in, base, fieldErrs[at+".lead_time_days"]); msg != "" {
						// Validation blames the lead time; the box shows the date typed.
						shown[at+".lead_time_days"] = true
						iv.Error = strings.TrimPrefix(iv.Error+"; "+msg, "; ")
					}
					if in.ID == l.Inputs[0].ID {
						if other := fieldErrs[at]; len(other) > 0 {
							iv.Error = strings.Join(append([]string{iv.Error}, other...), "; ")
							iv.Error = strings.TrimPrefix(iv.Error, "; ")
						}
					}
				}
				lv.Inputs = append(lv.Inputs, iv)
			}
			_, lv.Note, _ = f.InterventionField(idx, l.Inputs[0].Key)
			if note, ok := st.Notes[l.ID]; ok {
				lv.Note = note
			}
			if k := len(base.Interventions) + idx; l.Action == "open_home" && idx >= 0 && s != nil && k < len(s.Interventions) &&
				!slices.ContainsFunc(lv.Inputs, func(iv inputView) bool { return iv.Error != "" }) {
				// The home's name is how the scenario file, its full text and a close_home
				// know it.
				iv := s.Interventions[k]
				lv.Effect = fmt.Sprintf("scenario: a home named %s, %s from %s%s, running at %s a year", iv.Name, plural(iv.Count, "bed"),
					opensOn(iv.From, iv.LeadTimeDays).Format("02/01/2006"), bedTerms(iv, "02/01/2006"), pounds(iv.FixedCostPerYearGBP))
				if c := iv.Cost; c.OneOffGBP != 0 {
					on := c.OneOffOn
					if on.IsZero() {
						on = iv.From
					}
					lv.Effect += fmt.Sprintf(", and %s once on %s to buy and set it up", pounds(c.OneOffGBP), on.Format("02/01/2006"))
				}
			}
			if k := len(base.Interventions) + idx; l.Action == "block_beds" && idx >= 0 && s != nil && k < len(s.Interventions) && !relative(st.Values[l.Inputs[0].ID], l.Inputs[0].Format) &&
				!slices.ContainsFunc(lv.Inputs, func(iv inputView) bool { return iv.Error != "" }) {
				// The beds booked, as a home's effect says what opens; a change typed ("+3")
				// says what it gave, below.
				iv := s.Interventions[k]
				lv.Effect = fmt.Sprintf("scenario: %s booked from %s%s, at %s a bed a year", plural(iv.Count, "bed"),
					iv.From.Format("02/01/2006"), bedTerms(iv, "02/01/2006"), pounds(iv.FixedCostPerYearGBP))
				if l.Baseline != "" && !strings.HasPrefix(l.Baseline, "0 ") {
					lv.Effect += ", on top of the baseline's " + l.Baseline
				}
			}
			if first := l.Inputs[0]; lv.Effect == "" && bad[first.ID] == "" {
				// A change typed ("+3") says what it gave from none, as a field lever's does.
				v := 0.0
				if text, ok := first.fileValue(f, idx); ok {
					_, v, _ = parseValue(text, first.Format, scenarios.PeriodOf(first.Unit), "")
				}
				lv.Effect = changeEcho(st.Values[first.ID], first.Format, 0, v)
			}
			if len(waiting) > 0 {
				lv.Effect = strings.TrimPrefix(lv.Effect+"; "+strings.Join(waiting, "; "), "; ")
			}
			for i, in := range l.Inputs {
				// A value beyond what a council usually has (a weekly price typed into a
				// yearly box) is taken, and said, as a field lever's is.
				text, ok := in.fileValue(f, idx)
				v, num := fileNumber(text, in.Format)
				if !ok || !num || lv.Inputs[i].Error != "" || idx < 0 {
					continue
				}
				if w := in.unusual(v); w != "" {
					lv.Effect = strings.TrimPrefix(lv.Effect+"; "+strings.ToLower(in.Label)+" "+w, "; ")
				}
			}
			out = append(out, lv)
			continue
		}
		in := l.Inputs[0]
		bv := l.get(base)
		iv := inputView{leverInput: in, Type: inputType(in.Format), Baseline: showValue(bv, in.Format)}
		switch {
		case bad[l.ID] != "":
			iv.Value, iv.Error = st.Values[l.ID], bad[l.ID]
		case s != nil:
			iv.Value = showValue(l.get(s), in.Format)
			lv.Changed = l.get(s) != bv
			if lv.Changed {
				shown := iv.Value
				if in.Format == fmtNumber {
					shown = commas(l.get(s)) // 1,500 a year, as its change reads
				}
				lv.Effect = "scenario: " + withUnit(shown, in.Unit) + ", " + changeText(bv, l.get(s), in.Format) + " on the baseline"
				if l.AsItIs {
					lv.Effect += "; " + asItIsWords
				}
				if l.priced != nil && l.otherNeeds(base) != nil {
					if l.sameShare(base, s) {
						lv.Effect += "; every need's price by the same share: " + l.needsText(base, s)
					} else {
						lv.Effect += "; the standard price alone: " + l.needsText(base, s)
					}
				}
				if w := in.unusual(l.get(s)); w != "" {
					lv.Effect += "; " + w
				}
			} else {
				// A change that changes nothing ("+10%" of 0%) says so, rather than nothing.
				lv.Effect = changeEcho(st.Values[l.ID], in.Format, bv, l.get(s))
			}
		default:
			if v, _, ok := f.Field(l.Path); ok {
				iv.Value = showScalar(v, in.Format)
				lv.Changed = true
			} else {
				iv.Value = iv.Baseline
			}
		}
		shown[l.Field] = true
		if iv.Error == "" && relative(iv.Value, in.Format) {
			// A value below 0 from the file: the box shows it as the value itself, so that
			// sent back it stays the file's value, refused, not a change from the baseline.
			iv.Value = "=" + iv.Value
		}
		if iv.Error == "" {
			iv.Error = strings.Join(fieldErrs[l.Field], "; ")
			if in.Format == fmtPercent {
				iv.Error = percentMessage(iv.Error)
			}
		}
		lv.Baseline = "baseline: " + withUnit(iv.Baseline, in.Unit)
		_, lv.Note, _ = f.Field(l.Path)
		if note, ok := st.Notes[l.ID]; ok {
			lv.Note = note
		}
		lv.Inputs = []inputView{iv}
		out = append(out, lv)
	}
	return out
}

// opensAfterRun says, beside the Opens on box in of the file's home idx, that the day the
// home opens is after the run's last day, when validation finds so of its lead_time_days
// (leadErrs): a date typed too late, which the box shows, not a lead time to shorten. It is ""
// for any other box or problem.
func opensAfterRun(f *scenarios.Document, idx int, in leverInput, base *model.Scenario, leadErrs []string) string {
	if !in.Opens || len(leadErrs) == 0 {
		return ""
	}
	v, ok := in.fileValue(f, idx)
	if !ok {
		return ""
	}
	opens, err := time.Parse(time.DateOnly, v)
	end := base.Start.AddDate(base.Years, 0, 0)
	if err != nil || opens.Before(end) {
		return ""
	}
	home := fileHome(f, idx)
	return homeAfterRun(opens, &home, base)
}

// homeAfterRun says why a home that opens on opens, on or after the end of base's run, is
// refused beside its Opens on box: it would hold no child in the run, and of its own costs
// (home's, nil for none) pays what HomeCostInRun says, in the words placesim validate and run
// give a lead time that opens a home after the run, in the box's day-first dates. The
// workspace runs the baseline's years: what to do is to choose an earlier date.
func homeAfterRun(opens time.Time, home *model.Intervention, base *model.Scenario) string {
	end := base.Start.AddDate(base.Years, 0, 0)
	last := end.AddDate(0, 0, -1).Format("02/01/2006")
	cost := "and cost nothing in the run"
	if home != nil {
		cost = model.HomeCostInRun(*home, end, "02/01/2006")
	}
	return fmt.Sprintf("%s is after the run's last day, %s: the home would hold no child %s; choose a date up to %s",
		opens.Format("02/01/2006"), last, cost, last)
}

// fileHome returns the file's home idx as far as homeAfterRun needs it: the day it is
// decided on (its from) and its costs of its own (cost.one_off_gbp and one_off_on,
// cost.per_year_gbp and per_year_from), each zero where the file has none or it does not read
// (validation says why).
func fileHome(f *scenarios.Document, idx int) model.Intervention {
	var iv model.Intervention
	date := func(key string) time.Time {
		v, _, ok := f.InterventionField(idx, key)
		if !ok {
			return time.Time{}
		}
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return time.Time{}
		}
		return d
	}
	gbp := func(key string) float64 {
		v, _, ok := f.InterventionField(idx, key)
		if !ok {
			return 0
		}
		x, err := scenarios.ParseGBP(v)
		if err != nil {
			return 0
		}
		return x
	}
	iv.Action = model.OpenHome
	iv.From = date("from")
	iv.Cost.OneOffGBP, iv.Cost.OneOffOn = gbp(oneOffGBPKey), date(oneOffOnKey)
	iv.Cost.PerYearGBP, iv.Cost.PerYearFrom = gbp("cost.per_year_gbp"), date("cost.per_year_from")
	return iv
}

// withUnit writes a value with its unit for reading: "11% a year", "£950 a week", "40 a year".
func withUnit(value, unit string) string {
	if unit == "" {
		return value
	}
	if value == "1" {
		// One household, one place: the unit's first word in the singular, as plural writes it.
		if w, rest, _ := strings.Cut(unit, " "); len(w) > 1 && strings.HasSuffix(w, "s") {
			unit = strings.TrimSpace(w[:len(w)-1] + " " + rest)
		}
	}
	if strings.HasPrefix(unit, "%") {
		return value + unit
	}
	return value + " " + unit
}

// inputType is the HTML input type of a box: text for every format, so that a count or a
// price takes a change such as +12 and a date is typed day first whatever the browser's
// language.
func inputType(valueFormat) string {
	return "text"
}

// percentMessage restates a validation message about a share in a box that shows
// percentages: "must be a share between 0 and 1" reads "must be between 0% and 100%", and
// "must be between -0.9 and 1 a year" reads "must be between -90% and 100% a year".
func percentMessage(msg string) string {
	msg = strings.ReplaceAll(msg, "a share between 0 and 1", "between 0% and 100%")
	return rangeWords.ReplaceAllStringFunc(msg, func(m string) string {
		parts := rangeWords.FindStringSubmatch(m)
		lo, err1 := strconv.ParseFloat(strings.ReplaceAll(parts[1], ",", ""), 64)
		hi, err2 := strconv.ParseFloat(strings.ReplaceAll(parts[2], ",", ""), 64)
		if err1 != nil || err2 != nil {
			return m
		}
		return "between " + formatNumber(roundTo(100*lo, 8)) + "% and " + formatNumber(roundTo(100*hi, 8)) + "%"
	})
}

// rangeWords finds "between LO and HI" in a validation message.
var rangeWords = regexp.MustCompile(`between (-?[0-9][0-9,]*(?:\.[0-9]+)?) and (-?[0-9][0-9,]*(?:\.[0-9]+)?)`)

// oldSeedLine starts the heading comment line in which earlier versions of the workspace
// wrote a saved file's seed. The seed is now kept in the folder's record of saved runs
// (metaFile), so the line is dropped when the file is edited: it would only mislead.
const oldSeedLine = "# A placesim scenario, compared with its baseline with seed "

// dropSeedComment removes the old seed line from the file's heading comment.
func dropSeedComment(f *scenarios.Document) {
	f.SetComment("", func(l string) bool { return !strings.HasPrefix(l, oldSeedLine) })
}
