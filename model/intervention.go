package model

import (
	"fmt"
	"strings"
	"time"
)

// Action is what a dated intervention does.
type Action uint8

// The actions an intervention can take. Each one reads only the Intervention fields its
// comment names.
const (
	// ExtraApprovals adds PerYear approvals a year to the carer pool Kind, from From to To;
	// applications start at From, so approvals follow after the assessment time.
	// RecruitmentCostGBP, if set, replaces the pool's cost per approval for them.
	ExtraApprovals Action = iota
	// AddHouseholds approves Count extra households in the carer pool Kind at From.
	AddHouseholds
	// Retention multiplies the deregistration and retirement rates of the pool Kind by Factor
	// from From to To.
	Retention
	// AllowanceUplift adds WeeklyGBP to the weekly cost of a child placed in Kind and multiplies
	// its pool's deregistration rates by Factor (1 for no effect), from From.
	AllowanceUplift
	// OpenHome opens a children's home of Count beds in Kind, decided at From and opening after
	// LeadTimeDays, costing FixedCostPerYearGBP a year once open; Local says where it is and
	// Name, if set, lets a later CloseHome name it.
	OpenHome
	// CloseHome closes the home named Name in Kind at From; its children move.
	CloseHome
	// BlockBeds contracts Count beds in the Block kind Kind from From to To at
	// FixedCostPerYearGBP per bed a year; Local says where they are.
	BlockBeds
	// Capacity sets the cap of the Market kind Kind to Count places from From (0 lifts it).
	Capacity
	// StepDownRate multiplies the step-down ReadyShare by Factor from From to To.
	StepDownRate
	// EntryRate multiplies the entry rate by Factor from From to To.
	EntryRate
	// UASCSurge multiplies the UASC arrival rate by Factor and adds PerYear arrivals a year,
	// from From to To.
	UASCSurge
	// Price multiplies the weekly cost of Kind by Factor from From.
	Price
	// Inflation sets the yearly inflation rate to Rate from the April on or after From.
	Inflation
	// NumActions is the number of actions.
	NumActions
)

var actionNames = [NumActions]string{
	"extra_approvals", "add_households", "retention", "allowance_uplift", "open_home",
	"close_home", "block_beds", "capacity", "stepdown_rate", "entry_rate", "uasc_surge", "price",
	"inflation",
}

// String returns the action's name as scenario files spell it.
func (a Action) String() string {
	if a < NumActions {
		return actionNames[a]
	}
	return fmt.Sprintf("action(%d)", int(a))
}

// ParseAction returns the action named s.
func ParseAction(s string) (Action, error) {
	for i, n := range actionNames {
		if n == s {
			return Action(i), nil
		}
	}
	return 0, fmt.Errorf("unknown intervention %q (want one of %s)", s, strings.Join(actionNames[:], ", "))
}

// NeedsKind reports whether the action applies to a provision kind.
func (a Action) NeedsKind() bool {
	switch a {
	case StepDownRate, EntryRate, UASCSurge, Inflation:
		return false
	}
	return true
}

// Intervention is one dated policy change.
type Intervention struct {
	// Action is what it does.
	Action Action
	// Label describes it in plain English for reports.
	Label string
	// From is the date it takes effect (or is decided, for OpenHome).
	From time.Time
	// To is the date it ends; the zero time means it lasts to the end of the run.
	To time.Time
	// Kind is the provision kind it acts on, for actions that act on one.
	Kind KindID
	// PerYear is a yearly number (approvals, UASC arrivals).
	PerYear float64
	// Count is a number of households, beds or places.
	Count int
	// Factor is a multiplier.
	Factor float64
	// WeeklyGBP is an amount per child per week.
	WeeklyGBP float64
	// FixedCostPerYearGBP is a yearly fixed cost (a home, or one block bed).
	FixedCostPerYearGBP float64
	// RecruitmentCostGBP is a cost per approval.
	RecruitmentCostGBP float64
	// LeadTimeDays is the time from decision to opening.
	LeadTimeDays float64
	// Local says whether new places are local.
	Local bool
	// Name names the home to open or close.
	Name string
	// Rate is a yearly rate (inflation).
	Rate float64
}
