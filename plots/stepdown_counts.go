package plots

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// StepDownsLabel names the children stepped down from residential care to a family, the row a
// comparison's printed table and board pack add for a strategy that changes step-down.
const StepDownsLabel = "Children stepped down to a family"

// ChangesStepDown reports whether strategy alt changes step-down from baseline base: a
// stepdown_rate change the baseline does not hold, its own step_down fields, or a kind's own
// step_down_ready_share.
func ChangesStepDown(base, alt *model.Scenario) bool {
	if base == nil || alt == nil {
		return false
	}
	for _, iv := range alt.Interventions {
		if iv.Action == model.StepDownRate && !iv.Baseline && !heldBy(base, alt, iv) {
			return true
		}
	}
	if !reflect.DeepEqual(base.StepDown, alt.StepDown) {
		return true
	}
	for _, k := range alt.Kinds {
		if k.Category != model.Residential {
			continue
		}
		var own *[model.NumNeeds]float64
		for _, b := range base.Kinds {
			if b.Name == k.Name {
				own = b.StepDownReadyShare
			}
		}
		if !reflect.DeepEqual(own, k.StepDownReadyShare) {
			return true
		}
	}
	return false
}

// WithStepDowns returns headlines hs with a row of the children stepped down over the period
// (StepDownsLabel) at the end when strategy alt changes step-down (ChangesStepDown): the counts
// a step-down programme's cost is paid on, beside what it changes.
func WithStepDowns(hs []Headline, base, alt *model.Scenario) []Headline {
	if !ChangesStepDown(base, alt) {
		return hs
	}
	return append(hs[:len(hs):len(hs)], Headline{StepDownsLabel, sim.Stepdowns, UnitOf(sim.Stepdowns), 0})
}

// StepDownCostNote says, for strategy s against baseline base, from a comparison's rows, how
// much of a programme that pays for every child stepped down (a stepdown_rate change with a
// cost a unit that the baseline does not hold) pays for the children the baseline steps down
// anyway, and what each extra step-down costs: "Step-downs paid for: the strategy steps down
// 147.8 children over the run and the baseline 101.9, so the baseline makes as many as 69% of
// the step-downs the programme pays for without it; each of the 45.8 extra step-downs costs
// £207,800 (the programme costs over the run, £9.5m, ÷ 45.8)." When the strategy has other
// programme costs beside the cost a step-down, the cost an extra step-down is the price a
// step-down over the share of the step-downs that are extra, at the start's prices; with
// priced changes at different prices, no such figure is given. The programme pays only while
// a priced change is in force: when those changes do not cover the whole run, the note gives
// only the programme's costs over the run ÷ the extra step-downs, where those are its only
// costs, and otherwise nothing. It returns "" for a strategy with no such programme, or rows
// without the whole run's step-downs.
func StepDownCostNote(base, s *model.Scenario, rows []CompareRow) string {
	price, only, samePrice := 0.0, true, true
	var spans [][2]time.Time
	for _, iv := range s.Interventions {
		if iv.Baseline || heldBy(base, s, iv) || !iv.Cost.Any() {
			continue
		}
		pc := iv.Cost
		if iv.Action == model.StepDownRate && pc.PerUnitGBP != 0 {
			if price != 0 && price != pc.PerUnitGBP {
				samePrice = false
			}
			price = pc.PerUnitGBP
			spans = append(spans, [2]time.Time{iv.From, iv.To})
		}
		if iv.Action != model.StepDownRate || pc.OneOffGBP != 0 || pc.PerYearGBP != 0 {
			only = false
		}
	}
	if price == 0 {
		return ""
	}
	steps, cost, okSteps, okCost := CompareRow{}, CompareRow{}, false, false
	for _, r := range rows {
		if r.Scenario != s.Name || r.Period != sim.WholeRun {
			continue
		}
		switch r.KPI {
		case sim.Stepdowns:
			steps, okSteps = r, true
		case sim.CostProgramme:
			cost, okCost = r, true
		}
	}
	if !okSteps || math.IsNaN(steps.AltMean) || steps.AltMean <= 0 {
		return ""
	}
	count := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	extra := steps.AltMean - steps.BaseMean
	note := fmt.Sprintf("Step-downs paid for: the strategy steps down %s children over the run and the baseline %s", count(steps.AltMean), count(steps.BaseMean))
	direct := only && okCost && cost.DiffMean > 0 && extra > 0
	perExtra := func() string {
		return fmt.Sprintf("each of the %s extra step-downs costs %s (the programme costs over the run, %s, ÷ %s).",
			count(extra), formatPounds(math.Round(cost.DiffMean/extra/100)*100), formatMoney(cost.DiffMean), count(extra))
	}
	if !coversRun(s, spans) {
		if !direct {
			return ""
		}
		return note + "; " + perExtra()
	}
	if extra <= 0 {
		return note + ", so every step-down the programme pays for is one the baseline makes anyway, and it buys no extra step-down."
	}
	note += fmt.Sprintf(", so the baseline makes as many as %.0f%% of the step-downs the programme pays for without it",
		100*min(steps.BaseMean/steps.AltMean, 1))
	if direct {
		return note + "; " + perExtra()
	}
	if !samePrice {
		return note + "."
	}
	return note + fmt.Sprintf("; each of the %s extra step-downs costs %s at the start's prices (%s a step-down ÷ the %.0f%% of them that are extra).",
		count(extra), formatPounds(math.Round(price*steps.AltMean/extra/100)*100), formatPounds(price), 100*extra/steps.AltMean)
}

// coversRun reports whether the spans [from, to) (a zero to lasting to the end of the run)
// together cover s's run, from its start to its end.
func coversRun(s *model.Scenario, spans [][2]time.Time) bool {
	end := s.Start.AddDate(s.Years, 0, 0)
	spans = slices.Clone(spans)
	slices.SortFunc(spans, func(a, b [2]time.Time) int { return a[0].Compare(b[0]) })
	at := s.Start
	for _, sp := range spans {
		if sp[0].After(at) {
			return false
		}
		if sp[1].IsZero() {
			return true
		}
		if sp[1].After(at) {
			at = sp[1]
		}
		if !at.Before(end) {
			return true
		}
	}
	return false
}
