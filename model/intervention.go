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
	// RecruitmentCostGBP, if set, replaces the pool's cost per approval for them; a positive
	// Cost.PerUnitGBP replaces both, as a cost of the programme.
	ExtraApprovals Action = iota
	// AddHouseholds approves Count extra households in the carer pool Kind at From; a positive
	// Cost.PerUnitGBP replaces the pool's cost per approval for them, as a cost of the
	// programme.
	AddHouseholds
	// Retention multiplies the deregistration and retirement rates of the pool Kind by Factor
	// from From to To.
	Retention
	// AllowanceUplift adds WeeklyGBP to the weekly cost of a child placed in Kind and multiplies
	// its pool's deregistration rates by Factor (1 for no effect), from From.
	AllowanceUplift
	// OpenHome opens a children's home of Count beds in Kind, decided at From and opening after
	// LeadTimeDays, costing FixedCostPerYearGBP a year once open; Local says where it is and
	// Name, if set, lets a later CloseHome name it: it must be new to Kind (neither a home of
	// Kind at the start nor another OpenHome's).
	OpenHome
	// CloseHome closes the home named Name in Kind at From; its children move. From must come
	// after the day the home opens, and no other CloseHome may close it first.
	CloseHome
	// BlockBeds contracts Count beds in the Block kind Kind from From to To at
	// FixedCostPerYearGBP per bed a year; Local says where they are.
	BlockBeds
	// Capacity sets the cap of the Market kind Kind to Count places from From (0 lifts it).
	Capacity
	// StepDownRate multiplies the step-down ReadyShare by Factor from From to To.
	StepDownRate
	// EntryRate multiplies the entry rate by Factor from From to To; with Who, the rate of
	// the children it selects only (by age at entry and need; UASC are never among them).
	EntryRate
	// UASCSurge multiplies the UASC arrival rate by Factor and adds PerYear arrivals a year,
	// from From to To.
	UASCSurge
	// Price multiplies the weekly cost of Kind by Factor from From.
	Price
	// Inflation sets the yearly inflation rate to Rate from the April on or after From.
	Inflation
	// LeaverPlaces sets the care leavers' accommodation's places (CareLeavers.Places) to
	// Count from From to To (0 lifts the cap); at To the scenario's places return, or those
	// of the latest-starting care_leaver_places still in force when two overlap. Young
	// people already there keep their places when the cap falls below them: the cap turns
	// away those who come after.
	LeaverPlaces
	// BreakdownRate multiplies the breakdown rates of placements in Kind (every kind when
	// Kind is AnyKind) by Factor from From to To. A placement's breakdown is drawn as it
	// starts, against the rate as the interventions will make it day by day, so a placement
	// made before From breaks down less often from From on.
	BreakdownRate
	// EscalationRate multiplies the share of breakdowns that raise a child's needs
	// (EscalationShare and EscalationByAge) by Factor from From to To; a share it takes above 1
	// counts as 1.
	EscalationRate
	// NumActions is the number of actions.
	NumActions
)

var actionNames = [NumActions]string{
	"extra_approvals", "add_households", "retention", "allowance_uplift", "open_home",
	"close_home", "block_beds", "capacity", "stepdown_rate", "entry_rate", "uasc_surge", "price",
	"inflation", "care_leaver_places", "breakdown_rate", "escalation_rate",
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

// NeedsKind reports whether the action applies to a provision kind, which it must name.
// BreakdownRate may name one (see KindOptional).
func (a Action) NeedsKind() bool {
	switch a {
	case StepDownRate, EntryRate, UASCSurge, Inflation, LeaverPlaces, BreakdownRate, EscalationRate:
		return false
	}
	return true
}

// KindOptional reports whether the action may name a provision kind, acting on every kind
// when it names none (Intervention.Kind is AnyKind).
func (a Action) KindOptional() bool { return a == BreakdownRate }

// AnyKind is the Kind of an intervention that may name a kind and names none: it acts on
// every kind.
const AnyKind KindID = -1

// Intervention is one dated policy change.
type Intervention struct {
	// Action is what it does.
	Action Action
	// Label describes it in plain English for reports.
	Label string
	// Baseline marks a change the council expects anyway, already decided or the trend a
	// calibration found, as part of the baseline: reports list it apart from the strategy
	// tested. It changes nothing in a run.
	Baseline bool
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
	// StepDownBreakdownPerYear, for StepDownRate, is the first-year breakdown rate of a
	// placement a child steps down into while the intervention is in force, in place of
	// StepDown.FirstYearBreakdownPerYear (the support's own stability); zero leaves that. Of
	// two in force that set one, the later in the list of interventions wins, whichever
	// started first.
	StepDownBreakdownPerYear float64
	// Who, when not nil, selects the children an EntryRate acts on; nil is every child.
	Who *Selector
	// Cost is what the intervention itself costs the council to run; the zero value costs
	// nothing.
	Cost ProgrammeCost
}

// ProgrammeCost is what an intervention costs the council to run, beyond what the scenario
// already charges for the places, carers and homes it changes: a one-off cost (set-up,
// capital), a cost a year, and a cost for each unit it serves (see Action.CostUnit). Amounts
// are in pounds at the prices of the scenario's start date, like every price in a scenario,
// and rise each April with the scenario's inflation (or with InflationPerYear when
// OwnInflation is set). Zero dates take the intervention's own: see each field.
type ProgrammeCost struct {
	// OneOffGBP is paid once, on OneOffOn.
	OneOffGBP float64
	// OneOffOn is the date the one-off cost falls; the zero time means the intervention's
	// From.
	OneOffOn time.Time
	// PerYearGBP is paid day by day from PerYearFrom to PerYearTo, a day of a financial year
	// costing PerYearGBP divided by the days in that year (DaysInFinancialYear): a whole
	// financial year costs exactly PerYearGBP at its prices, a part of one its share by days.
	PerYearGBP float64
	// PerYearFrom is the date the yearly cost starts; the zero time means the intervention's
	// From.
	PerYearFrom time.Time
	// PerYearTo is the date the yearly cost stops; the zero time means the intervention's To,
	// or the end of the run when it has none.
	PerYearTo time.Time
	// PerUnitGBP is paid for each unit the intervention serves; Action.CostUnit says what a
	// unit is and when it is paid. For ExtraApprovals and AddHouseholds it is the recruitment
	// and assessment of each household the intervention brings, paid in place of the pool's
	// recruitment cost when positive.
	PerUnitGBP float64
	// UnitsPerYear is the number of units served a year, for the actions whose units the
	// simulation does not count (EntryRate: families or children in early help); they are
	// paid for day by day while the intervention is in force.
	UnitsPerYear float64
	// OwnInflation says whether InflationPerYear, not the scenario's inflation, raises the
	// cost each April.
	OwnInflation bool
	// InflationPerYear is the cost's own yearly inflation rate, when OwnInflation is set.
	InflationPerYear float64
}

// Any reports whether c costs anything.
func (c ProgrammeCost) Any() bool {
	return c.OneOffGBP != 0 || c.PerYearGBP != 0 || c.PerUnitGBP != 0
}

// costUnits says, for each action that serves units a programme can pay for, what one unit is.
var costUnits = [NumActions]string{
	ExtraApprovals:  "a household approved through it, paid at approval",
	AddHouseholds:   "a household added, paid at from",
	Retention:       "a household of the pool for a year, paid day by day while in force",
	AllowanceUplift: "a child placed in the kind for a year, paid day by day while in force",
	OpenHome:        "a bed opened, paid when the home opens",
	CloseHome:       "a bed closed, paid at from",
	BlockBeds:       "a bed contracted, paid at from",
	StepDownRate:    "a child stepped down from residential care while in force, paid at the move",
	EntryRate:       "a family or child in early help (units_per_year of them a year), paid day by day while in force",
}

// CostUnit says what one unit of a programme's PerUnitGBP is for the action, and when it is
// paid; ok is false for the actions that serve no unit (capacity, uasc_surge, price,
// inflation, care_leaver_places, breakdown_rate, escalation_rate).
func (a Action) CostUnit() (unit string, ok bool) {
	if a < NumActions && costUnits[a] != "" {
		return costUnits[a], true
	}
	return "", false
}

// BaselineAtStart moves each baseline change (Baseline) dated before the first day the run
// simulates (start, less the warm-up) onto that day, and returns how many it moved: such a
// change has already happened when the run starts, and is part of the council's position then
// (a calibrated council's usual home opened in its window, run from a later start, as a region
// that starts later runs it). A change that ended before that day is left as it is, for
// validation to refuse; so is one that is not part of the baseline, a strategy tested, whose
// date says when it is to begin.
func (s *Scenario) BaselineAtStart() int {
	if s.Start.IsZero() || s.WarmupYears < 0 {
		return 0
	}
	first := dateOnly(s.Start).AddDate(-s.WarmupYears, 0, 0)
	n := 0
	for i := range s.Interventions {
		iv := &s.Interventions[i]
		if !iv.Baseline || iv.From.IsZero() || !iv.From.Before(first) || (!iv.To.IsZero() && !iv.To.After(first)) {
			continue
		}
		iv.From = first
		n++
	}
	return n
}
