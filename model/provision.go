package model

import (
	"fmt"
	"strings"
)

// KindID identifies a provision kind: its index in Scenario.Kinds.
type KindID int

// Category groups provision kinds the way councils report placements.
type Category uint8

// The categories of provision.
const (
	// Foster is family-based care: kinship, in-house and agency foster carers.
	Foster Category = iota
	// Residential is children's homes and other residential settings.
	Residential
	// Supported is supported accommodation for 16-17 year olds.
	Supported
	// OtherCategory is any other setting a scenario names (placed with parents, secure...).
	OtherCategory
	// NumCategories is the number of categories.
	NumCategories
)

var categoryNames = [NumCategories]string{"foster", "residential", "supported", "other"}

// String returns the category's name as scenario files spell it.
func (c Category) String() string {
	if c < NumCategories {
		return categoryNames[c]
	}
	return fmt.Sprintf("category(%d)", int(c))
}

// ParseCategory returns the category named s.
func ParseCategory(s string) (Category, error) {
	for i, n := range categoryNames {
		if n == s {
			return Category(i), nil
		}
	}
	return 0, fmt.Errorf("unknown category %q (want one of %s)", s, strings.Join(categoryNames[:], ", "))
}

// Supply is how the places of a provision kind come to be.
type Supply uint8

// The ways places are supplied.
const (
	// Market places are bought one at a time (kinship, IFA, spot residential, supported
	// accommodation), with an optional cap on how many can be had at once.
	Market Supply = iota
	// Carers places are the approved places of the council's own carer households.
	Carers
	// Homes places are the beds of the council's own children's homes.
	Homes
	// Block places are beds contracted in advance and paid for whether used or not.
	Block
)

var supplyNames = []string{"market", "carers", "homes", "block"}

// String returns the supply's name as scenario files spell it.
func (s Supply) String() string {
	if int(s) < len(supplyNames) {
		return supplyNames[s]
	}
	return fmt.Sprintf("supply(%d)", int(s))
}

// ParseSupply returns the supply named s.
func ParseSupply(s string) (Supply, error) {
	for i, n := range supplyNames {
		if n == s {
			return Supply(i), nil
		}
	}
	return 0, fmt.Errorf("unknown supply %q (want one of %s)", s, strings.Join(supplyNames, ", "))
}

// Kind is a kind of provision: where a child can be placed, what it costs and how its places
// come and go.
type Kind struct {
	// Name identifies the kind in scenario files and outputs ("inhouse_foster").
	Name string
	// Label is the kind's name in plain English ("In-house foster care").
	Label string
	// Category is the reporting group.
	Category Category
	// Supply says how places come to be; it decides which of Market, Carers, Homes and
	// BlockBeds applies.
	Supply Supply
	// Accepts is which children the kind can take (ages, needs, UASC).
	Accepts Selector
	// WeeklyCostGBP is the price of one child's placement for a week, by need, in pounds at
	// the scenario's start.
	WeeklyCostGBP [NumNeeds]float64
	// BreakdownPerYear is the rate at which placements of this kind break down (the child
	// must move), per child-year in the placement, by need.
	BreakdownPerYear [NumNeeds]float64
	// UnavailableShare is, by need, the share of children for whom this kind is not an option at
	// all: no relative or friend able to care (kinship), a care plan that rules out a return to
	// parents, no agency carer who takes children with such needs. It is a property of the child,
	// the same at every match: such a child passes over the kind, and the next rung on their
	// ladder counts as their first choice. Zero means the kind is open to every child it accepts.
	UnavailableShare [NumNeeds]float64
	// CapacityPlaces caps a Market kind's children at once: the places the market can offer the
	// council at a time. 0 means the market is unlimited.
	CapacityPlaces int
	// LocalShare is, for a capped Market kind, the share of its places that are local (within
	// 20 miles of home), filled first; for an unlimited Market kind, the probability that a
	// placement is local; for Carers, the share of households that are local.
	LocalShare float64
	// Carers describes the household pool of a Carers kind.
	Carers *CarerPool
	// Homes lists a Homes kind's children's homes at the start.
	Homes []Home
	// BlockBeds lists a Block kind's contracts at the start.
	BlockBeds []BlockContract
	// StepDownReadyShare is, for a kind of the Residential category, by need, the probability
	// that a step-down review of a child placed there finds them ready to move to a family, in
	// place of StepDown.ReadyShare (an agency's homes stepped down at a rate of their own). Nil
	// means StepDown.ReadyShare; Scenario.ReadyShare says which applies.
	StepDownReadyShare *[NumNeeds]float64
}

// CarerPool is the council's own carer households of one kind (mainstream or specialist).
type CarerPool struct {
	// Households is the number of approved households at the start.
	Households int
	// PlacesMix is the share of households approved for each number of places.
	PlacesMix []PlacesShare
	// ApprovalMix is the share of households approved for each range of children's ages (a
	// household approved for 0-4 takes only young children); empty means every household takes
	// every age the kind accepts.
	ApprovalMix []ApprovalShare
	// SiblingOnlyShare is the share of households whose places beyond the first are for
	// brothers and sisters only: once a child lives there, they take no other child. It is why
	// many approved places stand empty (Ofsted: ~60% of mainstream places filled).
	SiblingOnlyShare float64
	// AgeMix is the age profile of carers (the main carer) at the start.
	AgeMix []CarerAgeShare
	// NewCarerAgeMix is the age profile of newly approved carers.
	NewCarerAgeMix []CarerAgeShare
	// ApprovalsPerYear is the base rate of newly approved households.
	ApprovalsPerYear float64
	// AssessmentDays is the time from application to approval; approvals in the first
	// AssessmentDays come from applications made before the start.
	AssessmentDays float64
	// DeregistrationPerYear is the base rate at which households deregister, per household-year,
	// for reasons other than retirement.
	DeregistrationPerYear float64
	// RetirementFromAge is the carer age at which retirement starts to add to deregistration.
	RetirementFromAge float64
	// RetirementPerYear is the extra deregistration rate at RetirementFromAge.
	RetirementPerYear float64
	// RetirementIncreasePerYearOfAge is how much the retirement rate rises for each year of
	// carer age beyond RetirementFromAge.
	RetirementIncreasePerYearOfAge float64
	// WindDownDays is how long a deregistering household keeps the children it has; it takes no
	// new ones, and any child still there at the end moves.
	WindDownDays float64
	// SupportCostPerHouseholdPerYearGBP is the yearly cost of supervising and supporting one
	// household (social worker time, training, retainers), in pounds at the start.
	SupportCostPerHouseholdPerYearGBP float64
	// RecruitmentCostPerApprovalGBP is the cost of recruiting and assessing one approved
	// household, in pounds at the start.
	RecruitmentCostPerApprovalGBP float64
}

// PlacesShare is the share of households approved for Places places.
type PlacesShare struct {
	// Places is the number of approved places.
	Places int
	// Share is the share of households with that many places.
	Share float64
}

// ApprovalShare is the share of households approved for children aged Ages.
type ApprovalShare struct {
	// Ages is the range of children's ages the households are approved for.
	Ages AgeRange
	// Share is the share of households with that approval.
	Share float64
}

// CarerAgeShare is the share of carers whose age lies in [FromYears, ToYears].
type CarerAgeShare struct {
	// FromYears and ToYears bound the band, both included.
	FromYears, ToYears int
	// Share is the share of carers in the band.
	Share float64
}

// Home is one of the council's own children's homes.
type Home struct {
	// Name identifies the home.
	Name string
	// Beds is the number of registered beds.
	Beds int
	// Local reports whether the home is within 20 miles of the children it serves.
	Local bool
	// FixedCostPerYearGBP is the yearly cost of running the home whether full or not, in
	// pounds at the start; children's weekly costs come on top.
	FixedCostPerYearGBP float64
}

// BlockContract is a set of beds contracted for a period at a fixed price.
type BlockContract struct {
	// Beds is the number of beds contracted.
	Beds int
	// Local reports whether the beds are within 20 miles.
	Local bool
	// CostPerBedPerYearGBP is what one bed costs a year, used or not, in pounds at the start.
	CostPerBedPerYearGBP float64
}
