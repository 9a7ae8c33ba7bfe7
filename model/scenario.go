package model

import "time"

// Scenario is everything a simulation run needs to know about one council and one strategy.
type Scenario struct {
	// Name identifies the scenario ("default", "recruit-12-net-carers").
	Name string
	// Description says in plain English what question the scenario answers.
	Description string
	// Start is the first day reported (a date at midnight UTC); councils' years begin on
	// 1 April.
	Start time.Time
	// Years is the number of years reported from Start.
	Years int
	// WarmupYears is simulated before Start and left out of every output.
	WarmupYears int
	// ChildPopulation is the number of children under 18 living in the council's area.
	ChildPopulation int

	// Entries is the stream of children coming into care (not UASC).
	Entries Entries
	// UASC is the stream of unaccompanied asylum-seeking children.
	UASC UASCStream
	// Stock is the children in care at the start of the simulation.
	Stock []StockGroup
	// Stays says how long children stay and how they leave, by age at entry and need; the
	// first rule that matches a child applies.
	Stays []StayRule
	// StockStays, if set, replaces Stays for the starting stock (matched on current age and,
	// for a rule with Kinds, the kind the child's stock group is placed in): the stock is a
	// position on the start date. Otherwise the stock is taken to be the steady
	// state of the scenario's rules, and each child's age at entry, time in care so far and
	// remaining stay are drawn from that state, by Stays and the entries' ages.
	StockStays []StayRule
	// StayingPut is what happens to young people in foster care at 18.
	StayingPut StayingPutScheme
	// CareLeavers is the optional accommodation for care leavers aged 18-21.
	CareLeavers CareLeavers

	// Kinds is the provision kinds, in the order outputs list them.
	Kinds []Kind
	// Ladders say which kinds to try for which child, in order; the first ladder that matches
	// a child applies.
	Ladders []Ladder
	// Emergency is where a child goes when no rung of their ladder has room.
	Emergency Emergency
	// StepDown is the review of children in residential care for a move to foster care.
	StepDown StepDown
	// EscalationShare is the share of placement breakdowns of children aged 10 or more after
	// which the child's needs are judged one level higher (standard to complex, complex to
	// solo): how teenagers whose foster placements break down come to need residential care.
	EscalationShare float64
	// EscalationByAge, when it holds bands, sets the share by the child's age at the breakdown:
	// a child whose age lies in a band takes its share, and a child of 10 or more in none takes
	// EscalationShare. The bands do not overlap.
	EscalationByAge []EscalationBand

	// PricesAt is 1 April of the financial year whose prices every amount of money in the
	// scenario and its interventions is written in. Prices are carried from it to the start
	// by the base rate (InflationToStart, or else InflationPerYear; never an inflation
	// intervention's), and from the start rise each April by the inflation in force
	// (InflationOn); see PriceFactorOn. The zero time means the prices are the start's
	// (PricesFrom).
	PricesAt time.Time
	// InflationPerYear raises every price each April, compounding. It is also the rate that
	// carries prices from PricesAt to the start, for each April between them.
	InflationPerYear float64
	// InflationToStart, when not nil, carries prices from PricesAt to the start in place of
	// InflationPerYear (a yearly rate, compounding). A comparison sets a strategy's to its
	// baseline's rate, so that both runs pay the same prices at the start and differ only from
	// it; nil leaves InflationPerYear.
	InflationToStart *float64
	// Interventions are the dated policy changes of the strategy being tested.
	Interventions []Intervention
}

// Entries is the Poisson stream of children entering care.
type Entries struct {
	// PerYear is the yearly number of children entering at the start.
	PerYear float64
	// TrendPerYear is the yearly relative change in the rate (0.02 is 2% more a year).
	TrendPerYear float64
	// Seasonality multiplies the rate in each calendar month (index 0 is January); the
	// multipliers average 1. A zero array means no seasonality.
	Seasonality [12]float64
	// SiblingShare is the share of children who arrive together with brothers or sisters.
	SiblingShare float64
	// MeanGroupSize is the mean size of a sibling group (at least 2).
	MeanGroupSize float64
	// Ages is the mix of ages at entry, with needs and sex by age.
	Ages []AgeShare
}

// UASCStream is the stream of unaccompanied asylum-seeking children arriving in the council.
type UASCStream struct {
	// PerYear is the yearly number of arrivals.
	PerYear float64
	// Ages is the mix of ages at arrival, with needs and sex by age.
	Ages []AgeShare
	// TransferThresholdShare is the National Transfer Scheme threshold as a share of
	// ChildPopulation (0.001 is 0.1%); an arrival while the council already looks after more
	// UASC than that (above the threshold, as the scheme's protocol has it) is transferred to
	// another council and counted. Zero turns the scheme off.
	TransferThresholdShare float64
	// GrantPerNightGBP is the Home Office's grant to the council for each UASC it looks after,
	// in pounds a child a night. It is income, which the simulation does not count: spending
	// is the same with or without it. A comparison whose UASC in care differ uses it only to
	// say what grant its spending figures leave out. Zero gives no rate.
	GrantPerNightGBP float64
	// LeavingCareGrantPerWeekGBP is the Home Office's leaving-care grant to the council for
	// each former UASC it supports after care (staying put or in care-leaver accommodation),
	// in pounds a young person a week. It is income, as GrantPerNightGBP is. Zero gives no
	// rate.
	LeavingCareGrantPerWeekGBP float64
}

// StockGroup is a count of children in care at the start, all in one provision kind and age
// band.
type StockGroup struct {
	// Kind is where they are placed.
	Kind KindID
	// Ages is their current age band.
	Ages AgeRange
	// Count is how many children.
	Count int
	// NeedShares is the mix of their needs.
	NeedShares [NumNeeds]float64
	// MaleShare is the share of boys.
	MaleShare float64
	// UASC marks the group as unaccompanied asylum-seeking children.
	UASC bool
	// HomesShare is the share of the group's children who start in the council's own
	// children's homes (HomesKind) rather than in Kind, each with this chance: a council's
	// homes whose few children a published count merges into another group. With StockStays,
	// their stay is drawn as the group's (the rule of Kind); without, they start as the
	// steady state has a child of the homes, their stay and history drawn as one's. Zero, the
	// default, places them all in Kind.
	HomesShare float64
}

// HomesKind returns the kind of the council's own children's homes, the first of supply homes
// with beds, or -1 where the scenario has none.
func (s *Scenario) HomesKind() KindID {
	for i, kd := range s.Kinds {
		if kd.Supply != Homes {
			continue
		}
		for _, h := range kd.Homes {
			if h.Beds > 0 {
				return KindID(i)
			}
		}
	}
	return -1
}

// homesRoom returns the council's own homes' kind (HomesKind, -1 for none), their beds and the
// children of the stock groups placed there, which a group's HomesShare places more beside.
func (s *Scenario) homesRoom() (hk KindID, beds, held int) {
	hk = s.HomesKind()
	if hk < 0 {
		return hk, 0, 0
	}
	for _, h := range s.Kinds[hk].Homes {
		beds += h.Beds
	}
	for _, g := range s.Stock {
		if g.Kind == hk {
			held += g.Count
		}
	}
	return hk, beds, held
}

// StayRule gives the time in care and exit routes of the children it selects.
type StayRule struct {
	// Who selects children by age (at entry) and need.
	Who Selector
	// Stay is the distribution of time in care; the 18th birthday ends any longer stay.
	Stay Distribution
	// ExitShares is the share of each exit route (before 18) among children who leave before
	// their 18th birthday, indexed by ExitRoute up to NumEarlyExitRoutes.
	ExitShares [NumEarlyExitRoutes]float64
	// Kinds, in a rule of StockStays only, selects the children of the starting stock whose
	// group (StockGroup.Kind) is placed in one of these kinds; empty selects every kind.
	// Children placed in some kinds leave much sooner than others of their age (young people
	// in supported accommodation).
	Kinds []KindID
}

// StayingPutScheme is the staying-put arrangement: young people in foster care at 18 who stay on
// with their carers. They leave care, are counted apart, and keep the carer's place.
type StayingPutScheme struct {
	// Share is the share of 18-year-olds leaving foster care who stay put.
	Share float64
	// Stock is the young people staying put on the start day, aged 18 to 20. Each is given
	// the time since their 18th birthday and the time left of their stay as the steady state
	// of Stay holds them (the simulator draws the stay until it outlasts a time since drawn
	// uniformly over the three years to the 21st birthday), and holds a place of a foster kind
	// with room at the start: the kinds are drawn as the stock's children aged 17 are placed,
	// a household of a carers' kind among those with room. Without it nobody stays put at the
	// start and the arrangements fill over three years.
	Stock int
	// Stay is how long they stay on; the 21st birthday ends it.
	Stay Distribution
	// WeeklyCostGBP is the weekly allowance paid to the former foster carers.
	WeeklyCostGBP float64
}

// CareLeavers is accommodation for care leavers aged 18 to 21, counted apart from children in
// care.
type CareLeavers struct {
	// Share is the share of young people leaving care at 18 (not staying put) who need a
	// place; zero turns the accommodation off.
	Share float64
	// Places caps the places; 0 means no cap. Those who find no place are counted.
	Places int
	// Stock is the young people in the accommodation on the start day, aged 18 to 20, who
	// left care at their 18th birthday. Each is given the time since and the time left of
	// their stay as the steady state of Stay holds them (the simulator draws the stay until
	// it outlasts a time since drawn uniformly over the three years to the 21st birthday).
	// Without it the accommodation starts empty and fills over three years.
	Stock int
	// Stay is how long a young person keeps the place; the 21st birthday ends it.
	Stay Distribution
	// WeeklyCostGBP is the weekly price of a place.
	WeeklyCostGBP float64
}

// Ladder is the order in which kinds are tried for the children it selects.
type Ladder struct {
	// Who selects children by current age, need and UASC status.
	Who Selector
	// Try is the kinds in order of preference.
	Try []KindID
	// Shares, if set, holds one share for each kind of Try, summing to 1: the share of the
	// children the ladder selects whose first choice is that rung. The choice is drawn afresh
	// at every match (a placement that breaks down is a new choice, as a council's placements
	// show); a child whose rung has no room, or does not take them, tries the rungs after it
	// in order, and the kinds' UnavailableShare still applies. Without Shares every child
	// starts at the first rung.
	Shares []float64
}

// Emergency is the placement of last resort: unregistered or emergency provision found when
// nothing on the ladder has room.
type Emergency struct {
	// WeeklyCostGBP is its weekly price.
	WeeklyCostGBP float64
	// RetryDays is how often the search for a proper placement is run again for a child in an
	// emergency placement. A child also moves on as soon as a place on their ladder frees up.
	RetryDays float64
}

// StepDown is the review of children in residential care for a move to foster care.
type StepDown struct {
	// ReviewDays is the time between reviews of a child in residential care.
	ReviewDays float64
	// ReadyShare is, by need, the probability that a review finds the child ready to move to a
	// family; zero means children with that need do not step down.
	ReadyShare [NumNeeds]float64
	// Try is the kinds a ready child may move to, in order. A child steps down with the needs
	// they have (unless EaseShare lowers them): only a kind that accepts those needs can take
	// them, and the child keeps the price and breakdown risk of their needs there.
	Try []KindID
	// EaseShare is the share of children stepping down whose needs are judged one level
	// lower as they do (complex to standard, solo to complex), the reverse of
	// EscalationShare: they are priced and matched afterwards with the lower needs. With a
	// share above zero every child stepping down is placed as at a move, on the ladder for
	// their needs from the rung drawn for them, among the kinds of Try (in Try's order
	// otherwise). Zero keeps every child's needs.
	EaseShare float64
	// FirstYearBreakdownPerYear is the rate at which a placement a child stepped down into
	// breaks down in its first year (per child-year), in place of the receiving kind's
	// breakdown_per_year for the child's need; from the placement's first anniversary the
	// kind's own rate applies. breakdown_rate interventions on the kind multiply it as they
	// multiply the kind's. Zero (the default) keeps the kind's own rate throughout.
	FirstYearBreakdownPerYear float64
}

// Any reports whether children of some need can step down at the scenario-wide ReadyShare.
// Kinds may set their own (Kind.StepDownReadyShare): Scenario.AnyStepDown counts those too.
func (sd StepDown) Any() bool {
	for _, p := range sd.ReadyShare {
		if p > 0 {
			return true
		}
	}
	return false
}

// ReadyShare returns the probability that a step-down review of a child with need n placed in
// kind k finds them ready: the kind's own StepDownReadyShare where it sets one, and
// StepDown.ReadyShare otherwise. Children in a kind that is not residential are not reviewed;
// ReadyShare does not check the category.
func (s *Scenario) ReadyShare(k KindID, n Need) float64 {
	if k >= 0 && int(k) < len(s.Kinds) {
		if own := s.Kinds[k].StepDownReadyShare; own != nil {
			return own[n]
		}
	}
	return s.StepDown.ReadyShare[n]
}

// AnyStepDown reports whether children of some need can step down: the scenario-wide
// StepDown.ReadyShare is above zero for some need, or a residential kind's own share is.
func (s *Scenario) AnyStepDown() bool {
	if s.StepDown.Any() {
		return true
	}
	for _, kd := range s.Kinds {
		if own := kd.StepDownReadyShare; own != nil && kd.Category == Residential {
			for _, p := range own {
				if p > 0 {
					return true
				}
			}
		}
	}
	return false
}

// EscalationBand is the escalation share of the placement breakdowns of children of one age
// band (Scenario.EscalationByAge).
type EscalationBand struct {
	// Ages is the band of the child's age at the breakdown.
	Ages AgeRange
	// Share is the share of their breakdowns after which their needs are judged one level
	// higher.
	Share float64
}

// EscalationAt returns the share of the placement breakdowns of a child aged ageYears
// (fractional years) after which the child's needs are judged one level higher: the share of
// the band of EscalationByAge the age lies in, or EscalationShare from the age of 10.
func (s *Scenario) EscalationAt(ageYears float64) float64 {
	for _, b := range s.EscalationByAge {
		if b.Ages.Contains(ageYears) {
			return b.Share
		}
	}
	if ageYears >= 10 {
		return s.EscalationShare
	}
	return 0
}
