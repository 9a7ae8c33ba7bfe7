package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Limit is the range of values one field of a scenario or a region accepts, both ends included
// unless MinExcluded or MaxExcluded says otherwise. The ranges are wide enough for any English
// council, and for England as a whole, and narrow enough that every scenario Validate accepts
// runs to completion within a bounded amount of work (see WorkBound).
type Limit struct {
	// Field is the field's path as scenario files spell it: "[]" stands for any index of a
	// list, "<need>" for any of standard, complex and solo, "<n>" for a number of places.
	Field string
	// Min and Max are the smallest and largest values accepted, in Unit.
	Min, Max float64
	// Unit says what the values count: "days", "£ a week", "a year" (a rate per year),
	// "share" (between 0 and 1), "children", and so on.
	Unit string
	// MinExcluded and MaxExcluded say that Min, or Max, is itself refused: a value may come
	// as close to it as it likes.
	MinExcluded, MaxExcluded bool
}

// The ranges of the scenario's numeric fields. A field added to the scenario gets a Limit here,
// an entry in limits, and a call to checker.num (or checker.whole) in Validate.
var (
	limYears           = Limit{Field: "years", Min: 1, Max: 50, Unit: "years"}
	limWarmupYears     = Limit{Field: "warmup_years", Min: 0, Max: 50, Unit: "years"}
	limChildPopulation = Limit{Field: "child_population", Min: 0, Max: 20_000_000, Unit: "children"}
	limEscalation      = Limit{Field: "escalation_share", Min: 0, Max: 1, Unit: "share"}
	limEscalationBands = Limit{Field: "escalation_by_age", Min: 0, Max: 18, Unit: "age bands"}
	limEscalationBand  = Limit{Field: "escalation_by_age[].share", Min: 0, Max: 1, Unit: "share"}
	limInflation       = Limit{Field: "inflation_per_year", Min: -0.5, Max: 1, Unit: "a year"}

	limEntriesPerYear  = Limit{Field: "entries.per_year", Min: 0, Max: 100_000, Unit: "children a year"}
	limEntriesTrend    = Limit{Field: "entries.trend_per_year", Min: -0.9, Max: 1, Unit: "a year"}
	limSeasonality     = Limit{Field: "entries.seasonality[]", Min: 0, Max: 12, Unit: "times the yearly average"}
	limSiblingShare    = Limit{Field: "entries.siblings.share", Min: 0, Max: 1, Unit: "share"}
	limMeanGroupSize   = Limit{Field: "entries.siblings.mean_group_size", Min: 2, Max: 8, Unit: "children"}
	limAgeBands        = Limit{Field: "entries.ages", Min: 1, Max: 100, Unit: "age bands"}
	limAgeShare        = Limit{Field: "entries.ages[].share", Min: 0, Max: 1, Unit: "share"}
	limAgeMaleShare    = Limit{Field: "entries.ages[].male_share", Min: 0, Max: 1, Unit: "share"}
	limAgeNeedShare    = Limit{Field: "entries.ages[].needs.<need>", Min: 0, Max: 1, Unit: "share"}
	limUASCPerYear     = Limit{Field: "uasc.per_year", Min: 0, Max: 10_000, Unit: "children a year"}
	limUASCThreshold   = Limit{Field: "uasc.transfer_threshold_share", Min: 0, Max: 1, Unit: "share"}
	limUASCGrant       = Limit{Field: "uasc.grant_per_night_gbp", Min: 0, Max: 10_000, Unit: "£ a night"}
	limUASCLeavingCare = Limit{Field: "uasc.leaving_care_grant_per_week_gbp", Min: 0, Max: 10_000, Unit: "£ a week"}
	limStockGroups     = Limit{Field: "stock", Min: 0, Max: 10_000, Unit: "groups"}
	limStockCount      = Limit{Field: "stock[].count", Min: 0, Max: 100_000, Unit: "children"}
	limStockNeedShare  = Limit{Field: "stock[].needs.<need>", Min: 0, Max: 1, Unit: "share"}
	limStockMaleShare  = Limit{Field: "stock[].male_share", Min: 0, Max: 1, Unit: "share"}
	limStockHomesShare = Limit{Field: "stock[].homes_share", Min: 0, Max: 1, Unit: "share"}
	limStayRules       = Limit{Field: "stays", Min: 0, Max: 1_000, Unit: "rules"}
	limExitShare       = Limit{Field: "stays[].exits.<route>", Min: 0, Max: 1, Unit: "share"}
	limMeanDays        = Limit{Field: "stays[].stay.mean_days", Min: 1, Max: 10_000, Unit: "days"}
	limShape           = Limit{Field: "stays[].stay.shape", Min: 0.05, Max: 100, Unit: "(gamma shape)"}
	limSigma           = Limit{Field: "stays[].stay.sigma", Min: 0.01, Max: 3, Unit: "(lognormal log-scale sd)"}
	limBins            = Limit{Field: "stays[].stay.table", Min: 1, Max: 100, Unit: "bins"}
	limUpToDays        = Limit{Field: "stays[].stay.table[].up_to_days", Min: 1, Max: 10_000, Unit: "days"}
	limBinShare        = Limit{Field: "stays[].stay.table[].share", Min: 0, Max: 1, Unit: "share"}
	limStayingPutShare = Limit{Field: "staying_put.share", Min: 0, Max: 1, Unit: "share"}
	limStayingPutStock = Limit{Field: "staying_put.stock", Min: 0, Max: 1_000_000, Unit: "young people"}
	limStayingPutGBP   = Limit{Field: "staying_put.weekly_gbp", Min: 0, Max: 100_000, Unit: "£ a week"}
	limLeaversShare    = Limit{Field: "care_leavers.share", Min: 0, Max: 1, Unit: "share"}
	limLeaversPlaces   = Limit{Field: "care_leavers.places", Min: 0, Max: 1_000_000, Unit: "places"}
	limLeaversStock    = Limit{Field: "care_leavers.stock", Min: 0, Max: 1_000_000, Unit: "young people"}
	limLeaversGBP      = Limit{Field: "care_leavers.weekly_gbp", Min: 0, Max: 100_000, Unit: "£ a week"}

	limKinds            = Limit{Field: "kinds", Min: 1, Max: 100, Unit: "kinds"}
	limWeeklyGBP        = Limit{Field: "kinds[].weekly_gbp.<need>", Min: 0, Max: 100_000, Unit: "£ a week"}
	limBreakdown        = Limit{Field: "kinds[].breakdown_per_year.<need>", Min: 0, Max: 12, Unit: "a year"}
	limUnavailable      = Limit{Field: "kinds[].unavailable_share.<need>", Min: 0, Max: 1, Unit: "share"}
	limCapacityPlaces   = Limit{Field: "kinds[].capacity_places", Min: 1, Max: 1_000_000, Unit: "places"} // or 0, no cap: files say unlimited
	limLocalShare       = Limit{Field: "kinds[].local_share", Min: 0, Max: 1, Unit: "share"}
	limKindReadyShare   = Limit{Field: "kinds[].step_down_ready_share.<need>", Min: limReadyShare.Min, Max: limReadyShare.Max, Unit: limReadyShare.Unit}
	limHouseholds       = Limit{Field: "kinds[].carers.households", Min: 0, Max: 100_000, Unit: "households"}
	limPlaces           = Limit{Field: "kinds[].carers.places_mix (its keys)", Min: 1, Max: maxHouseholdPlaces, Unit: "places"}
	limPlacesShare      = Limit{Field: "kinds[].carers.places_mix.<n>", Min: 0, Max: 1, Unit: "share"}
	limApprovalShare    = Limit{Field: "kinds[].carers.approvals[].share", Min: 0, Max: 1, Unit: "share"}
	limSiblingOnly      = Limit{Field: "kinds[].carers.sibling_only_share", Min: 0, Max: 1, Unit: "share"}
	limCarerAgeShare    = Limit{Field: "kinds[].carers.ages[].share", Min: 0, Max: 1, Unit: "share"}
	limApprovalsPerYear = Limit{Field: "kinds[].carers.approvals_per_year", Min: 0, Max: 10_000, Unit: "households a year"}
	limAssessmentDays   = Limit{Field: "kinds[].carers.assessment_days", Min: 0, Max: 1_100, Unit: "days"}
	limDeregistration   = Limit{Field: "kinds[].carers.deregistration_per_year", Min: 0, Max: 10, Unit: "a year"}
	limRetirementFrom   = Limit{Field: "kinds[].carers.retirement.from_age", Min: 0, Max: 100, Unit: "years of age"}
	limRetirementRate   = Limit{Field: "kinds[].carers.retirement.per_year", Min: 0, Max: 10, Unit: "a year"}
	limRetirementRise   = Limit{Field: "kinds[].carers.retirement.increase_per_year_of_age", Min: 0, Max: 10, Unit: "a year"}
	limWindDownDays     = Limit{Field: "kinds[].carers.wind_down_days", Min: 0, Max: 730, Unit: "days"}
	limSupportGBP       = Limit{Field: "kinds[].carers.support_cost_per_household_per_year_gbp", Min: 0, Max: 1_000_000, Unit: "£ a year"}
	limRecruitGBP       = Limit{Field: "kinds[].carers.recruitment_cost_per_approval_gbp", Min: 0, Max: 1_000_000, Unit: "£ an approval"}
	limHomes            = Limit{Field: "kinds[].homes", Min: 0, Max: 1_000, Unit: "homes"}
	limHomeBeds         = Limit{Field: "kinds[].homes[].beds", Min: 1, Max: maxHomeBeds, Unit: "beds"}
	limHomeFixedGBP     = Limit{Field: "kinds[].homes[].fixed_cost_per_year_gbp", Min: 0, Max: 100_000_000, Unit: "£ a year"}
	limBlocks           = Limit{Field: "kinds[].block_beds", Min: 0, Max: 1_000, Unit: "contracts"}
	limBlockBeds        = Limit{Field: "kinds[].block_beds[].beds", Min: 1, Max: maxBlockBeds, Unit: "beds"}
	limBlockBedGBP      = Limit{Field: "kinds[].block_beds[].cost_per_bed_per_year_gbp", Min: 0, Max: 10_000_000, Unit: "£ a year"}

	limLadders       = Limit{Field: "ladders", Min: 1, Max: 1_000, Unit: "ladders"}
	limEmergencyGBP  = Limit{Field: "emergency.weekly_gbp", Min: 0, Max: 100_000, Unit: "£ a week"}
	limRetryDays     = Limit{Field: "emergency.retry_days", Min: 1, Max: 365, Unit: "days"}
	limReadyShare    = Limit{Field: "step_down.ready_share", Min: 0, Max: 1, Unit: "share"}
	limReviewDays    = Limit{Field: "step_down.review_days", Min: 1, Max: 365, Unit: "days"}
	limSDBreakdown   = Limit{Field: "step_down.first_year_breakdown_per_year", Min: 0, Max: 12, Unit: "a year"}
	limInterventions = Limit{Field: "interventions", Min: 0, Max: 1_000, Unit: "interventions"}

	limIvApprovals   = Limit{Field: "interventions[].per_year (extra_approvals)", Min: 0, Max: 10_000, Unit: "households a year"}
	limIvUASC        = Limit{Field: "interventions[].per_year (uasc_surge)", Min: 0, Max: 10_000, Unit: "children a year"}
	limIvHouseholds  = Limit{Field: "interventions[].count (add_households)", Min: 1, Max: 100_000, Unit: "households"}
	limIvHomeBeds    = Limit{Field: "interventions[].count (open_home)", Min: 1, Max: maxHomeBeds, Unit: "beds"}
	limIvBlockBeds   = Limit{Field: "interventions[].count (block_beds)", Min: 1, Max: maxBlockBeds, Unit: "beds"}
	limIvCapacity    = Limit{Field: "interventions[].count (capacity)", Min: 0, Max: 1_000_000, Unit: "places"}
	limIvFactor      = Limit{Field: "interventions[].factor", Min: 0, Max: 100, Unit: "times"}
	limIvSDBreakdown = Limit{Field: "interventions[].first_year_breakdown_per_year (stepdown_rate)", Min: 0, Max: 12, Unit: "a year"}
	limIvRetention   = Limit{Field: "interventions[].retention_factor", Min: 0.01, Max: 100, Unit: "times"}
	limIvWeeklyGBP   = Limit{Field: "interventions[].weekly_gbp", Min: 0, Max: 100_000, Unit: "£ a week"}
	limIvFixedGBP    = Limit{Field: "interventions[].fixed_cost_per_year_gbp", Min: 0, Max: 100_000_000, Unit: "£ a year"}
	limIvRecruitGBP  = Limit{Field: "interventions[].recruitment_cost_gbp", Min: 0, Max: 1_000_000, Unit: "£ an approval"}
	limIvLeadTime    = Limit{Field: "interventions[].lead_time_days", Min: 0, Max: 3_660, Unit: "days"}
	limIvInflation   = Limit{Field: "interventions[].rate", Min: -0.5, Max: 1, Unit: "a year"}
	limCostOneOff    = Limit{Field: "interventions[].cost.one_off_gbp", Min: 0, Max: 1_000_000_000, Unit: "£ paid once"}
	limCostPerYear   = Limit{Field: "interventions[].cost.per_year_gbp", Min: 0, Max: 1_000_000_000, Unit: "£ a year"}
	limCostPerUnit   = Limit{Field: "interventions[].cost.per_unit_gbp", Min: 0, Max: 10_000_000, Unit: "£ a unit"}
	limCostUnits     = Limit{Field: "interventions[].cost.units_per_year", Min: 0, Max: 1_000_000, Unit: "units a year"}
	limCostInflation = Limit{Field: "interventions[].cost.inflation_per_year", Min: -0.5, Max: 1, Unit: "a year"}
	limRunChildren   = Limit{Field: "(children entering over the run)", Min: 0, Max: MaxChildrenPerRun, Unit: "children"}
	limRunHouseholds = Limit{Field: "(carer households over the run)", Min: 0, Max: MaxHouseholdsPerRun, Unit: "households"}
)

// The most places a carer household, beds a home and beds a block contract can have: the
// simulator keeps them in small integers.
const (
	maxHouseholdPlaces = 10
	maxHomeBeds        = 100
	maxBlockBeds       = 1_000
)

// MaxChildrenPerRun is the most children a scenario may bring into care over its whole run
// (the starting stock, entries and UASC arrivals over the warm-up and the reported years, at
// the expected rates with their trend and the largest multipliers of its interventions): twice
// England's entries over 25 years.
const MaxChildrenPerRun = 2_000_000

// MaxHouseholdsPerRun is the most carer households a scenario may have over its whole run: those
// at the start, and those approved or added at the expected rates.
const MaxHouseholdsPerRun = 1_000_000

// MaxPricesAtYears is the most years a scenario's prices_at may lie before or after its start:
// its prices are carried to the run's years by one April's inflation a year between them.
const MaxPricesAtYears = 100

// The dates a scenario's start may take.
var (
	// EarliestStart is the earliest start date accepted.
	EarliestStart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	// LatestStart is the latest start date accepted.
	LatestStart = time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
)

var limits = []Limit{
	limYears, limWarmupYears, limChildPopulation, limEscalation, limEscalationBands, limEscalationBand, limInflation,
	limEntriesPerYear, limEntriesTrend, limSeasonality, limSiblingShare, limMeanGroupSize,
	limAgeBands, limAgeShare, limAgeMaleShare, limAgeNeedShare, limUASCPerYear, limUASCThreshold, limUASCGrant, limUASCLeavingCare,
	limStockGroups, limStockCount, limStockNeedShare, limStockMaleShare, limStockHomesShare, limStayRules, limExitShare,
	limMeanDays, limShape, limSigma, limBins, limUpToDays, limBinShare,
	limStayingPutShare, limStayingPutStock, limStayingPutGBP, limLeaversShare, limLeaversPlaces, limLeaversStock, limLeaversGBP,
	limKinds, limWeeklyGBP, limBreakdown, limUnavailable, limCapacityPlaces, limLocalShare, limKindReadyShare,
	limHouseholds, limPlaces, limPlacesShare, limApprovalShare, limSiblingOnly, limCarerAgeShare,
	limApprovalsPerYear, limAssessmentDays, limDeregistration, limRetirementFrom,
	limRetirementRate, limRetirementRise, limWindDownDays, limSupportGBP, limRecruitGBP,
	limHomes, limHomeBeds, limHomeFixedGBP, limBlocks, limBlockBeds, limBlockBedGBP,
	limLadders, limEmergencyGBP, limRetryDays, limReadyShare, limReviewDays, limSDBreakdown, limInterventions,
	limIvApprovals, limIvUASC, limIvHouseholds, limIvHomeBeds, limIvBlockBeds, limIvCapacity,
	limIvFactor, limIvSDBreakdown, limIvRetention, limIvWeeklyGBP, limIvFixedGBP, limIvRecruitGBP, limIvLeadTime,
	limIvInflation, limCostOneOff, limCostPerYear, limCostPerUnit, limCostUnits, limCostInflation,
	limRunChildren, limRunHouseholds,
}

// Limits returns the range of every numeric field of a scenario that Validate checks, in the
// order of the scenario-file reference. Shares and the like that appear in several places
// (stock_stays, staying_put.stay, care_leavers.stay take the ranges of stays; uasc.ages and
// carers' age mixes those of entries.ages) are listed once.
func Limits() []Limit { return append([]Limit(nil), limits...) }

// Contains reports whether v lies in the range; NaN and infinities never do.
func (l Limit) Contains(v float64) bool {
	above := v >= l.Min && !(l.MinExcluded && v == l.Min)
	below := v <= l.Max && !(l.MaxExcluded && v == l.Max)
	return above && below
}

// Range says the range in words, as Validate's messages do: "between 1 and 365 days",
// "between £0 and £100,000 a week", "a share between 0 and 1", "between -1 (not included)
// and 1 a year".
func (l Limit) Range() string {
	lo, hi := FormatNumber(l.Min), FormatNumber(l.Max)
	if rest, ok := strings.CutPrefix(l.Unit, "£"); ok {
		lo, hi = "£"+lo, "£"+hi+rest
	} else if l.Unit != "" && l.Unit != "share" && !strings.HasPrefix(l.Unit, "(") {
		hi += " " + l.Unit
	}
	if l.MinExcluded {
		lo += " (not included)"
	}
	if l.MaxExcluded {
		hi += " (not included)"
	}
	if l.Unit == "share" {
		return "a share between " + lo + " and " + hi
	}
	return "between " + lo + " and " + hi
}

// FormatNumber writes v with thousands separators and no more decimals than it needs:
// 100000 is "100,000", 0.05 is "0.05", -0.5 is "-0.5".
func FormatNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprint(v)
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// num reports field when v lies outside l.
func (c *checker) num(field string, v float64, l Limit) bool {
	if !l.Contains(v) {
		c.add(field, "must be %s", l.Range())
		return false
	}
	return true
}

// whole reports field when the whole number n lies outside l.
func (c *checker) whole(field string, n int, l Limit) bool {
	return c.num(field, float64(n), l)
}

// length reports list field when its number of items lies outside l.
func (c *checker) length(field string, n int, l Limit) bool {
	if float64(n) > l.Max {
		c.add(field, "must list at most %s %s", FormatNumber(l.Max), l.Unit)
		return false
	}
	return true
}
