package plots

import (
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// Headline is a KPI that a comparison's table and board pack show, with how to say it.
type Headline struct {
	// Label names the KPI in plain English, with how it is counted: "Residential care
	// (children, average)".
	Label string
	// KPI is the KPI's name in the results.
	KPI string
	// Unit is how its figures are written.
	Unit Unit
	// Better is -1 when less is better for children or money, +1 when more is, and 0 when
	// neither (how many children are in care is not a placement strategy's aim).
	Better int
}

// Headlines returns the KPIs a comparison shows for scenario s: money, children in the settings
// councils watch, carers and first choices.
func Headlines(s *model.Scenario) []Headline {
	h := func(label, kpi string, better int) Headline { return Headline{label, kpi, UnitOf(kpi), better} }
	hs := []Headline{
		h("Total cost", sim.CostTotal, -1),
		h("Children in care (average)", sim.ChildrenInCare, 0),
	}
	gap, hasGap := sim.HeadlineGapKind(s)
	for i, k := range s.Kinds {
		switch k.Name {
		case "ifa": // agency places cost more and are further away
			hs = append(hs, h(k.Label+" (children, average)", sim.OccupiedKPI(k.Name), -1))
		case "inhouse_foster":
			hs = append(hs, h(k.Label+" (children, average)", sim.OccupiedKPI(k.Name), 1))
		}
		if hasGap && i == gap {
			// The sufficiency gap of the council's mainstream foster care: children whose
			// first choice it is, placed elsewhere (PlacedElsewhereLabel).
			hs = append(hs, h(PlacedElsewhereLabel(k.Label)+" (average)", sim.GapWaiting(k.Name), -1))
		}
	}
	return append(hs,
		// Neither way is plainly better: opening a home or block-booking beds moves children
		// out of emergency placements into registered residential care, so more children in
		// it can be the strategy working. Its odds read "higher" and "lower" (Odds).
		h("Residential care (children, average)", sim.OccupiedCategoryKPI(model.Residential), 0),
		h(EmergencyMadeLabel, sim.EmergencyPlacements, -1),
		h(CarerHouseholdsLabel(s), sim.CarerHouseholdsEnd, 1),
		h("Share of placements made in the child's first choice", sim.FirstChoiceShare, 1),
	)
}

// CarerHouseholdsLabel names carer_households_end for scenario s, as sim's catalogue of s
// gives it in every output: the council's own foster carer households at the year's end, with
// the kinds of s it counts, "(in-house foster care and specialist foster care for complex
// teenagers)".
func CarerHouseholdsLabel(s *model.Scenario) string {
	info, _ := sim.CatalogueOf(s).KPIInfo(sim.CarerHouseholdsEnd)
	return info.Label
}

// PlacedElsewhereLabel names the children placed elsewhere whose first choice is the kind
// labelled label, in every output that shows them (a run's report and workbook, a comparison's
// printed lines, board pack and workbook, the workspace): they are placed (with an agency, in
// residential care, in an emergency placement), not waiting for a place, as placesim makes no
// planned moves.
func PlacedElsewhereLabel(label string) string {
	return "Children placed elsewhere whose first choice is " + lowerFirst(label)
}

// PlacedElsewhereMeaning says what PlacedElsewhereLabel's children are, in one sentence, for the
// "How to read" of a report, a workbook and the README.
const PlacedElsewhereMeaning = "Children in care whose first choice (the first rung of their ladder that takes them) is this kind, " +
	"placed in another: with an agency, in residential care, in an emergency placement. They are not waiting for a place: " +
	"placesim makes no planned moves, so a child stays where they are placed until that placement ends, and an empty place " +
	"that could take them goes to the next child who needs a placement."

// ShortfallMeaning says what the places short of first choices are, for the same "How to read".
const ShortfallMeaning = "The children whose first choice is this kind less its approved places, filled or empty (the sufficiency gap chart): " +
	"places kept for brothers and sisters count as places though only a sibling group can use them, so the places short " +
	"can be fewer than the children placed elsewhere."

// ThreePlusMovesNote says how to read three_plus_moves_share beside England's published figure.
const ThreePlusMovesNote = "The Department for Education's measure, counted as it counts it, but of placesim's moves only: a breakdown, a step-down, " +
	"a move out of an emergency placement, a placement that ends under the child. placesim makes none of the planned moves that fill the " +
	"published figure, so it is far below England's (about 10% in recent years) and is not calibrated to it: compare scenarios with each other, not with a council's figure"

// EmergencyMadeLabel names the emergency placements made (begun) in a year, in a comparison's
// headlines, apart from the children in one on an average day (EmergencyDayLabel).
const EmergencyMadeLabel = "Emergency placements made"

// EmergencyDayLabel names the children in an emergency placement on an average day in a
// comparison's headlines, beside the emergency placements begun.
const EmergencyDayLabel = "Children in an emergency placement (average day)"

// HeadlinesOf returns Headlines(base) for a comparison, with the children in an emergency
// placement on an average day after the emergency placements (begun): a strategy can begin a
// few more of them while the children waiting in one, and what they cost, fall, and the count
// begun alone would read as the strategy making things worse. After them come the young people
// leaving care with no accommodation when careLeaversMove (see CareLeaversMove): placesim
// prices no accommodation for them, so without that row a strategy that leaves more of them
// without a place would read as a saving alone.
func HeadlinesOf(base *model.Scenario, careLeaversMove bool) []Headline {
	hs := Headlines(base)
	at := len(hs)
	for i, h := range hs {
		if h.KPI == sim.EmergencyPlacements {
			at = i + 1
		}
	}
	day := sim.OccupiedKPI(sim.EmergencyKind)
	hs = slices.Insert(hs, at, Headline{EmergencyDayLabel, day, UnitOf(day), -1})
	if !careLeaversMove {
		return hs
	}
	return slices.Insert(hs, at+1, Headline{"Young people leaving care with no accommodation", sim.CareLeaversUnmet, UnitOf(sim.CareLeaversUnmet), -1})
}

// CareLeaversMove reports whether diffs, a comparison's differences, show the young people
// leaving care with no accommodation differ in some pair of runs, in some period.
func CareLeaversMove(diffs []sim.Difference) bool {
	for _, d := range diffs {
		if d.KPI == sim.CareLeaversUnmet && moved(d.DiffMean, d.PLower, d.PHigher) {
			return true
		}
	}
	return false
}

// moved reports whether a KPI differs in some pair, from the mean of its paired differences
// and the shares of pairs in which the alternative is lower and higher (NaN when unknown).
func moved(diff, pLower, pHigher float64) bool {
	return (diff != 0 && !math.IsNaN(diff)) || pLower > 0 || pHigher > 0
}

// ChanceBetter returns the chance that a scenario does better than its baseline on h, from the
// shares of pairs in which it is lower and higher; NaN when neither direction is better, and
// when every pair ties (neither share is above 0): the two scenarios do not differ, which is
// not a chance of 0 that the scenario does better, so it reads as no difference does ("–", a
// blank cell, null).
func (h Headline) ChanceBetter(pLower, pHigher float64) float64 {
	if pLower == 0 && pHigher == 0 {
		return math.NaN()
	}
	switch h.Better {
	case -1:
		return pLower
	case 1:
		return pHigher
	}
	return math.NaN()
}

// Odds says in how many paired runs (futures) a scenario does better than its baseline on h, the
// same, and worse, from the shares of pairs in which it is lower and higher: "better in 32%, the
// same in 42%, worse in 27%". Ties are said, so a share better is not read as the chance that
// the scenario changes anything. Where neither way is better (h.Better is 0) it says "higher"
// and "lower", higher first. "–" when the shares are unknown (fewer than two pairs) or every
// pair ties: the two scenarios do not differ.
func (h Headline) Odds(pLower, pHigher float64) string {
	if math.IsNaN(pLower) || math.IsNaN(pHigher) || (pLower == 0 && pHigher == 0) {
		return "–"
	}
	same := 1 - pLower - pHigher
	if same < 1e-9 { // shares of n pairs: a remainder this small is rounding, not a tie
		same = 0
	}
	up, down, first, last := "higher", "lower", pHigher, pLower
	switch h.Better {
	case -1:
		up, down, first, last = "better", "worse", pLower, pHigher
	case 1:
		up, down, first, last = "better", "worse", pHigher, pLower
	}
	return up + " in " + Chance(first) + ", the same in " + Chance(same) + ", " + down + " in " + Chance(last)
}

// TargetGaps returns hs, the headlines of a comparison of alt with base, with the children of
// each need placed elsewhere whose first choice is a kind alt changes (sim.GapWaitingNeed)
// where that kind takes children of more than one need: the council's own carers, homes or
// block beds (specialist carers for complex teenagers, who take standard needs too). Such a
// strategy aims at a need, and the kind's gap over all its needs can hide what it does to
// that one. A kind alt changes is one a change of alt's own (not a baseline: true one) acts
// on, or one whose fields differ from base's. A need whose children no run of either scenario
// places elsewhere (none reports it of the KPI; nil for none such) has no row: a strategy for
// complex teenagers changes nothing of a 0 → 0 for standard needs. The rows follow the children
// placed elsewhere of the mainstream foster care, or come before residential care.
func TargetGaps(hs []Headline, base, alt *model.Scenario, none func(kpi string) bool) []Headline {
	if alt == nil {
		return hs
	}
	changed := map[string]bool{}
	for _, iv := range alt.Interventions {
		if !iv.Baseline && iv.Action.NeedsKind() && iv.Kind >= 0 && int(iv.Kind) < len(alt.Kinds) {
			changed[alt.Kinds[iv.Kind].Name] = true
		}
	}
	for _, k := range alt.Kinds {
		if i := slices.IndexFunc(base.Kinds, func(b model.Kind) bool { return b.Name == k.Name }); i < 0 || !reflect.DeepEqual(base.Kinds[i], k) {
			changed[k.Name] = true
		}
	}
	cat := sim.CatalogueOf(alt)
	var rows []Headline
	for _, k := range alt.Kinds {
		if !changed[k.Name] || (k.Supply != model.Carers && k.Supply != model.Homes && k.Supply != model.Block) || len(k.Accepts.Needs.Needs()) < 2 {
			continue
		}
		for _, n := range k.Accepts.Needs.Needs() {
			kpi := sim.GapWaitingNeed(k.Name, n)
			info, ok := cat.KPIInfo(kpi)
			if !ok || slices.ContainsFunc(hs, func(h Headline) bool { return h.KPI == kpi }) || (none != nil && none(kpi)) {
				continue
			}
			rows = append(rows, Headline{info.Label + " (average)", kpi, UnitOf(kpi), -1})
		}
	}
	if len(rows) == 0 {
		return hs
	}
	at := slices.IndexFunc(hs, func(h Headline) bool { return h.KPI == sim.OccupiedCategoryKPI(model.Residential) })
	if g := slices.IndexFunc(hs, func(h Headline) bool { return strings.HasPrefix(h.KPI, "gap_waiting_") }); g >= 0 {
		at = g + 1
	}
	if at < 0 {
		at = len(hs)
	}
	return slices.Insert(slices.Clone(hs), at, rows...)
}

// ComparedHeadlines returns the headlines hs of a comparison of alt with base as every output of
// the comparison gives them: with the children stepped down where the strategy changes step-down
// (WithStepDowns), the gaps of each need of the kinds it changes where some run of either places
// a child elsewhere (TargetGaps; none reports a KPI no run of either has, NoneInEither), and the
// note on the ladders (LaddersNote).
func ComparedHeadlines(hs []Headline, base, alt *model.Scenario, none func(kpi string) bool) ([]Headline, string) {
	return LaddersNote(TargetGaps(WithStepDowns(hs, base, alt), base, alt, none), base, alt)
}

// NoneInEither returns whether a KPI, a count or an average of children, is none in every run
// of both scenarios of a comparison: its means over the whole run (period "all"), of which
// mean(kpi) returns the baseline's and the alternative's and whether the comparison has them,
// are both 0. Such a KPI's means are 0 in every run and every year, as nothing is below none.
func NoneInEither(mean func(kpi string) (base, alt float64, ok bool)) func(kpi string) bool {
	return func(kpi string) bool {
		b, a, ok := mean(kpi)
		return ok && b == 0 && a == 0
	}
}

// NoneInRows is NoneInEither of a comparison's rows of the alternative named alt.
func NoneInRows(rows []CompareRow, alt string) func(kpi string) bool {
	return NoneInEither(func(kpi string) (float64, float64, bool) {
		for _, r := range rows {
			if r.Scenario == alt && r.Period == sim.WholeRun && r.KPI == kpi {
				return r.BaseMean, r.AltMean, true
			}
		}
		return 0, 0, false
	})
}
