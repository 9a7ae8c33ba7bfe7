package plots

import (
	"fmt"
	"math"
	"reflect"
	"strconv"

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
// much of a programme that pays for every child stepped down (a stepdown_rate change with a cost
// a unit that the baseline does not hold) pays for the children the baseline steps down anyway,
// and what each extra step-down costs: "Step-downs paid for: the strategy steps down 147.8
// children over the run and the baseline 101.9, so the baseline makes as many as 69% of the
// step-downs the programme pays for without it; each of the 45.8 extra step-downs costs
// £207,800 (the programme costs over the run, £9.5m, ÷ 45.8)." When the strategy has other programme costs
// beside the cost a step-down, the cost an extra step-down is the price a step-down over the
// share of the step-downs that are extra, at the start's prices. It returns "" for a strategy
// with no such programme, or rows without the whole run's step-downs.
func StepDownCostNote(base, s *model.Scenario, rows []CompareRow) string {
	price, only := 0.0, true
	for _, iv := range s.Interventions {
		if iv.Baseline || heldBy(base, s, iv) || !iv.Cost.Any() {
			continue
		}
		pc := iv.Cost
		if iv.Action == model.StepDownRate && pc.PerUnitGBP != 0 {
			if price != 0 && price != pc.PerUnitGBP {
				only = false
			}
			price = pc.PerUnitGBP
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
	if extra <= 0 {
		return note + ", so every step-down the programme pays for is one the baseline makes anyway, and it buys no extra step-down."
	}
	note += fmt.Sprintf(", so the baseline makes as many as %.0f%% of the step-downs the programme pays for without it; each of the %s extra step-downs costs ",
		100*min(steps.BaseMean/steps.AltMean, 1), count(extra))
	if only && okCost && cost.DiffMean > 0 {
		return note + fmt.Sprintf("%s (the programme costs over the run, %s, ÷ %s).", formatPounds(math.Round(cost.DiffMean/extra/100)*100), formatMoney(cost.DiffMean), count(extra))
	}
	return note + fmt.Sprintf("%s at the start's prices (%s a step-down ÷ the %.0f%% of them that are extra).",
		formatPounds(math.Round(price*steps.AltMean/extra/100)*100), formatPounds(price), 100*extra/steps.AltMean)
}
