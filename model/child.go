package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Need is how much support a child's placement has to give.
type Need uint8

// The needs a child can have, from least to most demanding.
const (
	// NeedStandard is a child a mainstream carer or home can look after.
	NeedStandard Need = iota
	// NeedComplex is a child with complex needs (for example a teenager with challenging
	// behaviour or at risk of exploitation) whom only carers or homes approved for it take.
	NeedComplex
	// NeedSolo is a child who can only live without other children: they take a whole
	// household or home.
	NeedSolo
	// NumNeeds is the number of needs; arrays indexed by Need have this length.
	NumNeeds
)

var needNames = [NumNeeds]string{"standard", "complex", "solo"}

// String returns the need's name as scenario files spell it.
func (n Need) String() string {
	if n < NumNeeds {
		return needNames[n]
	}
	return "need(" + strconv.Itoa(int(n)) + ")"
}

// ParseNeed returns the need named s ("standard", "complex" or "solo").
func ParseNeed(s string) (Need, error) {
	for i, name := range needNames {
		if s == name {
			return Need(i), nil
		}
	}
	return 0, fmt.Errorf("unknown need %q (want one of %s)", s, strings.Join(needNames[:], ", "))
}

// NeedSet is a set of needs as a bit mask; the zero set means every need.
type NeedSet uint8

// NeedsOf returns the set holding the given needs.
func NeedsOf(needs ...Need) NeedSet {
	var s NeedSet
	for _, n := range needs {
		s |= 1 << n
	}
	return s
}

// Has reports whether the set holds n; the zero set holds every need.
func (s NeedSet) Has(n Need) bool { return s == 0 || s&(1<<n) != 0 }

// Needs returns the needs in the set in order; the zero set gives every need.
func (s NeedSet) Needs() []Need {
	var out []Need
	for n := Need(0); n < NumNeeds; n++ {
		if s.Has(n) {
			out = append(out, n)
		}
	}
	return out
}

// Sex is a child's recorded sex.
type Sex uint8

// The sexes recorded in the SSDA903 return.
const (
	// Female is a girl.
	Female Sex = iota
	// Male is a boy.
	Male
)

// String returns "female" or "male".
func (s Sex) String() string {
	if s == Male {
		return "male"
	}
	return "female"
}

// DaysPerYear is the length of a year in simulation days, used for ages and yearly rates.
// Money is not spread with it: a yearly amount accrues by the days of its financial year
// (DaysInFinancialYear), so that a whole year costs exactly the amount.
const DaysPerYear = 365.25

// DaysPerWeek converts weekly prices into daily ones.
const DaysPerWeek = 7.0

// AgeRange is a range of whole years of age, both ends included: {0, 11} holds every child
// from birth to the day before their 12th birthday.
type AgeRange struct {
	// FromYears is the youngest age in the range, in completed years.
	FromYears int
	// ToYears is the oldest age in the range, in completed years.
	ToYears int
}

// AllAges is the range of every child's age, 0 to 17.
var AllAges = AgeRange{0, 17}

// Contains reports whether a child aged ageYears (fractional years) is in the range.
func (r AgeRange) Contains(ageYears float64) bool {
	return ageYears >= float64(r.FromYears) && ageYears < float64(r.ToYears+1)
}

// String returns the range as "12-17", or "16" for a single year.
func (r AgeRange) String() string {
	if r.FromYears == r.ToYears {
		return strconv.Itoa(r.FromYears)
	}
	return strconv.Itoa(r.FromYears) + "-" + strconv.Itoa(r.ToYears)
}

// ParseAgeRange reads "12-17" or "16".
func ParseAgeRange(s string) (AgeRange, error) {
	from, to, found := strings.Cut(strings.TrimSpace(s), "-")
	a, err := strconv.Atoi(strings.TrimSpace(from))
	if err != nil {
		return AgeRange{}, fmt.Errorf("age range %q: want FROM-TO in whole years, such as 12-17", s)
	}
	b := a
	if found {
		if b, err = strconv.Atoi(strings.TrimSpace(to)); err != nil {
			return AgeRange{}, fmt.Errorf("age range %q: want FROM-TO in whole years, such as 12-17", s)
		}
	}
	r := AgeRange{a, b}
	return r, r.Validate()
}

// Validate reports a range that is empty or outside 0-17.
func (r AgeRange) Validate() error {
	if r.FromYears < 0 || r.ToYears > 17 || r.FromYears > r.ToYears {
		return fmt.Errorf("age range %s: must lie within 0-17 with FROM <= TO", r)
	}
	return nil
}

// UASCFilter says whether a selector takes unaccompanied asylum-seeking children.
type UASCFilter uint8

// The values of UASCFilter.
const (
	// UASCAny selects children whether or not they are UASC.
	UASCAny UASCFilter = iota
	// UASCOnly selects UASC only.
	UASCOnly
	// UASCNot selects children who are not UASC.
	UASCNot
)

// Selector picks out a kind of child by age, need and UASC status. The zero Selector has
// Ages {0, 0}; use AllAges for every age.
type Selector struct {
	// Ages is the range of current ages selected.
	Ages AgeRange
	// Needs is the set of needs selected; zero means every need.
	Needs NeedSet
	// UASC says whether UASC are selected.
	UASC UASCFilter
}

// Everyone selects every child.
var Everyone = Selector{Ages: AllAges}

// Matches reports whether a child of the given age in years, need and UASC status is selected.
func (s Selector) Matches(ageYears float64, need Need, uasc bool) bool {
	if !s.Ages.Contains(ageYears) || !s.Needs.Has(need) {
		return false
	}
	switch s.UASC {
	case UASCOnly:
		return uasc
	case UASCNot:
		return !uasc
	}
	return true
}

// AgeShare is one band of an age mix: the share of children whose age falls in Ages, and,
// for children, their needs and sex within the band.
type AgeShare struct {
	// Ages is the band.
	Ages AgeRange
	// Share is the share of the population in this band (the bands of a mix sum to 1).
	Share float64
	// NeedShares is the share of each need among children in the band (sums to 1).
	NeedShares [NumNeeds]float64
	// MaleShare is the share of boys in the band.
	MaleShare float64
}

// ExitRoute is the way a child's period of care ends.
type ExitRoute uint8

// The exit routes placesim counts. Routes before the 18th birthday are drawn from a stay
// rule's shares; the 18th birthday gives AgeEighteen or StayingPut.
const (
	// ReturnHome is a return to parents or relatives.
	ReturnHome ExitRoute = iota
	// Adoption is an adoption order.
	Adoption
	// SpecialGuardianship is a special guardianship order (SGO).
	SpecialGuardianship
	// ChildArrangement is a child arrangement order (CAO).
	ChildArrangement
	// OtherExit covers every other route before 18: care taken by another council,
	// independent living before 18, and the rest.
	OtherExit
	// AgeEighteen is leaving care on the 18th birthday without staying put.
	AgeEighteen
	// StayingPut is turning 18 and staying on with former foster carers.
	StayingPut
	// NumExitRoutes is the number of exit routes.
	NumExitRoutes
)

// NumEarlyExitRoutes is the number of routes a stay rule shares out (those before 18).
const NumEarlyExitRoutes = int(AgeEighteen)

var exitNames = [NumExitRoutes]string{"return_home", "adoption", "sgo", "cao", "other", "age_18", "staying_put"}

// String returns the route's name as scenario files and outputs spell it.
func (r ExitRoute) String() string {
	if r < NumExitRoutes {
		return exitNames[r]
	}
	return "exit(" + strconv.Itoa(int(r)) + ")"
}

// ParseExitRoute returns the route named s; only routes before 18 can be parsed.
func ParseExitRoute(s string) (ExitRoute, error) {
	for i := 0; i < NumEarlyExitRoutes; i++ {
		if exitNames[i] == s {
			return ExitRoute(i), nil
		}
	}
	return 0, fmt.Errorf("unknown exit route %q (want one of %s)", s, strings.Join(exitNames[:NumEarlyExitRoutes], ", "))
}
