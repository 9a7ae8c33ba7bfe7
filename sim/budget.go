package sim

import (
	"fmt"
	"math"

	"github.com/placesim/placesim/model"
)

// Budget is the most work one replication may do. A replication that goes over any part of it
// stops, and the run returns a *BudgetError, instead of growing without bound. Each part
// bounds what grows with it: Children and Households the memory a replication holds, Steps
// its time. A zero field means the part derived from the scenario (BudgetFor).
type Budget struct {
	// Children is the most children a replication may bring into care, the starting stock
	// included.
	Children int
	// Households is the most carer households a replication may have over its run, those at
	// the start included.
	Households int
	// Steps is the most steps a replication may take: events fired, and carer households,
	// homes and block contracts looked at while matching children to places (a match looks
	// through the households with room until it finds a local one).
	Steps int64
}

// The parts of a budget derived from a scenario are its upper estimate of the work
// (model.Scenario.EstimateWork) times budgetFactor plus a floor, so that chance alone (a
// Poisson count over twice its mean) stops a valid scenario with a probability below 1e-100
// once the mean passes a few hundred, and the floor covers smaller ones; the caps bound them
// whatever the estimate says.
const (
	budgetFactor          = 2
	budgetChildrenFloor   = 10_000
	budgetHouseholdsFloor = 10_000
	budgetStepsFloor      = 1_000_000
	// MaxBudgetChildren is the most children any replication may have: twice
	// model.MaxChildrenPerRun and the floor.
	MaxBudgetChildren = budgetFactor*model.MaxChildrenPerRun + budgetChildrenFloor
	// MaxBudgetHouseholds is the most carer households any replication may have.
	MaxBudgetHouseholds = budgetFactor*model.MaxHouseholdsPerRun + budgetHouseholdsFloor
	// MaxBudgetSteps is the most steps any replication may take: at most half an hour of one
	// core were every step an event (180 ns), far less for the steps of matching.
	MaxBudgetSteps = 10_000_000_000
)

// BudgetFor returns the work budget of one replication of s, derived from the scenario's upper
// estimate of its work: twice the estimate plus a floor, within the caps MaxBudgetChildren,
// MaxBudgetHouseholds and MaxBudgetSteps. The steps are bounded by the events, each of which
// may match a child once on each rung of a ladder, looking at every household, home and block
// contract.
func BudgetFor(s *model.Scenario) Budget {
	w := s.EstimateWork()
	units := w.Households
	for _, k := range s.Kinds {
		units += float64(len(k.Homes) + len(k.BlockBeds))
	}
	for _, iv := range s.Interventions {
		if iv.Action == model.OpenHome || iv.Action == model.BlockBeds {
			units++
		}
	}
	part := func(est, floor, cap float64) float64 {
		v := budgetFactor*est + floor
		if !(v < cap) { // NaN and +Inf too
			return cap
		}
		return math.Ceil(v)
	}
	return Budget{
		Children:   int(part(w.Children, budgetChildrenFloor, MaxBudgetChildren)),
		Households: int(part(w.Households, budgetHouseholdsFloor, MaxBudgetHouseholds)),
		Steps:      int64(part(w.Events*(1+units), budgetStepsFloor, MaxBudgetSteps)),
	}
}

// fill returns b with its zero parts taken from d.
func (b Budget) fill(d Budget) Budget {
	if b.Children <= 0 {
		b.Children = d.Children
	}
	if b.Households <= 0 {
		b.Households = d.Households
	}
	if b.Steps <= 0 {
		b.Steps = d.Steps
	}
	return b
}

// BudgetError is a replication stopped because it went over its work budget.
type BudgetError struct {
	// Scenario is the scenario's name.
	Scenario string
	// Rep is the replication.
	Rep int
	// What is the part of the budget it went over: "children", "carer households" or
	// "steps".
	What string
	// Limit is that part of the budget, in children, households or steps.
	Limit int64
}

// Error says which replication went over which part of its budget, numbering the
// replications from 1 as every message does (Rep is its index, from 0).
func (e *BudgetError) Error() string {
	return fmt.Sprintf("scenario %s: replication %d stopped: it went over its work budget of %s %s "+
		"(twice what the scenario's rates lead one to expect, plus a margin); check the scenario's rates and intervals",
		e.Scenario, e.Rep+1, model.FormatNumber(float64(e.Limit)), e.What)
}

// overBudget stops the replication: the run loop ends at its next event.
func (r *run) overBudget(what string, limit int64) {
	if r.err == nil {
		r.err = &BudgetError{Scenario: r.c.s.Name, Rep: r.rep, What: what, Limit: limit}
	}
}
