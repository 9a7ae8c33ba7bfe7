package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Limit is the range of values one field of a scenario accepts, both ends included. The ranges
// are wide enough for any English council, and for England as a whole, and narrow enough that
// every scenario Validate accepts runs to completion within a bounded amount of work (see
// WorkBound).
type Limit struct {
	// Field is the field's path as scenario files spell it: "[]" stands for any index of a
	// list, "<need>" for any of standard, complex and solo, "<n>" for a number of places.
	Field string
	// Min and Max are the smallest and largest values accepted, in Unit.
	Min, Max float64
	// Unit says what the values count: "days", "£ a week", "a year" (a rate per year),
	// "share" (between 0 and 1), "children", and so on.
	Unit string
}

// The ranges of the scenario's numeric fields. A field added to the scenario gets a Limit here,
// an entry in limits, and a call to checker.num (or checker.whole) in Validate.
var (
	limYears           = Limit{"years", 1, 50, "years"}
	limWarmupYears     = Limit{"warmup_years", 0, 50, "years"}
	limChildPopulation = Limit{"child_population", 0, 20_000_000, "children"}
	limEscalation      = Limit{"escalation_share", 0, 1, "share"}
	limEscalationBands = Limit{"escalation_by_age", 0, 18, "age bands"}
	limEscalationBand  = Limit{"escalation_by_age[].share", 0, 1, "share"}
	limInflation       = Limit{"inflation_per_year", -0.5, 1, "a year"}

	limEntriesPerYear  = Limit{"entries.per_year", 0, 100_000, "children a year"}
	limEntriesTrend    = Limit{"entries.trend_per_year", -0.9, 1, "a year"}
	limSeasonality     = Limit{"entries.seasonality[]", 0, 12, "times the yearly average"}
	limSiblingShare    = Limit{"entries.siblings.share", 0, 1, "share"}
	limMeanGroupSize   = Limit{"entries.siblings.mean_group_size", 2, 8, "children"}
	limAgeBands        = Limit{"entries.ages", 1, 100, "age bands"}
	limAgeShare        = Limit{"entries.ages[].share", 0, 1, "share"}
	limAgeMaleShare    = Limit{"entries.ages[].male_share", 0, 1, "share"}
	limAgeNeedShare    = Limit{"entries.ages[].needs.<need>", 0, 1, "share"}
	limUASCPerYear     = Limit{"uasc.per_year", 0, 10_000, "children a year"}
	limUASCThreshold   = Limit{"uasc.transfer_threshold_share", 0, 1, "share"}
	limStockGroups     = Limit{"stock", 0, 10_000, "groups"}
	limStockCount      = Limit{"stock[].count", 0, 100_000, "children"}
	limStockNeedShare  = Limit{"stock[].needs.<need>", 0, 1, "share"}
	limStockMaleShare  = Limit{"stock[].male_share", 0, 1, "share"}
	limStayRules       = Limit{"stays", 0, 1_000, "rules"}
	limExitShare       = Limit{"stays[].exits.<route>", 0, 1, "share"}
	limMeanDays        = Limit{"stays[].stay.mean_days", 1, 10_000, "days"}
	limShape           = Limit{"stays[].stay.shape", 0.05, 100, "(gamma shape)"}
	limSigma           = Limit{"stays[].stay.sigma", 0.01, 3, "(lognormal log-scale sd)"}
	limBins            = Limit{"stays[].stay.table", 1, 100, "bins"}
	limUpToDays        = Limit{"stays[].stay.table[].up_to_days", 1, 10_000, "days"}
	limBinShare        = Limit{"stays[].stay.table[].share", 0, 1, "share"}
	limStayingPutShare = Limit{"staying_put.share", 0, 1, "share"}
	limStayingPutStock = Limit{"staying_put.stock", 0, 1_000_000, "young people"}
	limStayingPutGBP   = Limit{"staying_put.weekly_gbp", 0, 100_000, "£ a week"}
	limLeaversShare    = Limit{"care_leavers.share", 0, 1, "share"}
	limLeaversPlaces   = Limit{"care_leavers.places", 0, 1_000_000, "places"}
	limLeaversStock    = Limit{"care_leavers.stock", 0, 1_000_000, "young people"}
	limLeaversGBP      = Limit{"care_leavers.weekly_gbp", 0, 100_000, "£ a week"}

	limKinds            = Limit{"kinds", 1, 100, "kinds"}
	limWeeklyGBP        = Limit{"kinds[].weekly_gbp.<need>", 0, 100_000, "£ a week"}
	limBreakdown        = Limit{"kinds[].breakdown_per_year.<need>", 0, 12, "a year"}
	limUnavailable      = Limit{"kinds[].unavailable_share.<need>", 0, 1, "share"}
	limCapacityPlaces   = Limit{"kinds[].capacity_places", 0, 1_000_000, "places"}
	limLocalShare       = Limit{"kinds[].local_share", 0, 1, "share"}
	limKindReadyShare   = Limit{"kinds[].step_down_ready_share.<need>", limReadyShare.Min, limReadyShare.Max, limReadyShare.Unit}
	limHouseholds       = Limit{"kinds[].carers.households", 0, 100_000, "households"}
	limPlaces           = Limit{"kinds[].carers.places_mix (its keys)", 1, maxHouseholdPlaces, "places"}
	limPlacesShare      = Limit{"kinds[].carers.places_mix.<n>", 0, 1, "share"}
	limApprovalShare    = Limit{"kinds[].carers.approvals[].share", 0, 1, "share"}
	limSiblingOnly      = Limit{"kinds[].carers.sibling_only_share", 0, 1, "share"}
	limCarerAgeShare    = Limit{"kinds[].carers.ages[].share", 0, 1, "share"}
	limApprovalsPerYear = Limit{"kinds[].carers.approvals_per_year", 0, 10_000, "households a year"}
	limAssessmentDays   = Limit{"kinds[].carers.assessment_days", 0, 1_100, "days"}
	limDeregistration   = Limit{"kinds[].carers.deregistration_per_year", 0, 10, "a year"}
	limRetirementFrom   = Limit{"kinds[].carers.retirement.from_age", 0, 100, "years of age"}
	limRetirementRate   = Limit{"kinds[].carers.retirement.per_year", 0, 10, "a year"}
	limRetirementRise   = Limit{"kinds[].carers.retirement.increase_per_year_of_age", 0, 10, "a year"}
	limWindDownDays     = Limit{"kinds[].carers.wind_down_days", 0, 730, "days"}
	limSupportGBP       = Limit{"kinds[].carers.support_cost_per_household_per_year_gbp", 0, 1_000_000, "£ a year"}
	limRecruitGBP       = Limit{"kinds[].carers.recruitment_cost_per_approval_gbp", 0, 1_000_000, "£ an approval"}
	limHomes            = Limit{"kinds[].homes", 0, 1_000, "homes"}
	limHomeBeds         = Limit{"kinds[].homes[].beds", 1, maxHomeBeds, "beds"}
	limHomeFixedGBP     = Limit{"kinds[].homes[].fixed_cost_per_year_gbp", 0, 100_000_000, "£ a year"}
	limBlocks           = Limit{"kinds[].block_beds", 0, 1_000, "contracts"}
	limBlockBeds        = Limit{"kinds[].block_beds[].beds", 1, maxBlockBeds, "beds"}
	limBlockBedGBP      = Limit{"kinds[].block_beds[].cost_per_bed_per_year_gbp", 0, 10_000_000, "£ a year"}

	limLadders       = Limit{"ladders", 1, 1_000, "ladders"}
	limEmergencyGBP  = Limit{"emergency.weekly_gbp", 0, 100_000, "£ a week"}
	limRetryDays     = Limit{"emergency.retry_days", 1, 365, "days"}
	limReadyShare    = Limit{"step_down.ready_share", 0, 1, "share"}
	limReviewDays    = Limit{"step_down.review_days", 1, 365, "days"}
	limInterventions = Limit{"interventions", 0, 1_000, "interventions"}

	limIvApprovals   = Limit{"interventions[].per_year (extra_approvals)", 0, 10_000, "households a year"}
	limIvUASC        = Limit{"interventions[].per_year (uasc_surge)", 0, 10_000, "children a year"}
	limIvHouseholds  = Limit{"interventions[].count (add_households)", 1, 100_000, "households"}
	limIvHomeBeds    = Limit{"interventions[].count (open_home)", 1, maxHomeBeds, "beds"}
	limIvBlockBeds   = Limit{"interventions[].count (block_beds)", 1, maxBlockBeds, "beds"}
	limIvCapacity    = Limit{"interventions[].count (capacity)", 0, 1_000_000, "places"}
	limIvFactor      = Limit{"interventions[].factor", 0, 100, "times"}
	limIvRetention   = Limit{"interventions[].retention_factor", 0.01, 100, "times"}
	limIvWeeklyGBP   = Limit{"interventions[].weekly_gbp", 0, 100_000, "£ a week"}
	limIvFixedGBP    = Limit{"interventions[].fixed_cost_per_year_gbp", 0, 100_000_000, "£ a year"}
	limIvRecruitGBP  = Limit{"interventions[].recruitment_cost_gbp", 0, 1_000_000, "£ an approval"}
	limIvLeadTime    = Limit{"interventions[].lead_time_days", 0, 3_660, "days"}
	limIvInflation   = Limit{"interventions[].rate", -0.5, 1, "a year"}
	limCostOneOff    = Limit{"interventions[].cost.one_off_gbp", 0, 1_000_000_000, "£ paid once"}
	limCostPerYear   = Limit{"interventions[].cost.per_year_gbp", 0, 1_000_000_000, "£ a year"}
	limCostPerUnit   = Limit{"interventions[].cost.per_unit_gbp", 0, 10_000_000, "£ a unit"}
	limCostUnits     = Limit{"interventions[].cost.units_per_year", 0, 1_000_000, "units a year"}
	limCostInflation = Limit{"interventions[].cost.inflation_per_year", -0.5, 1, "a year"}
	limRunChildren   = Limit{"(children entering over the run)", 0, MaxChildrenPerRun, "children"}
	limRunHouseholds = Limit{"(carer households over the run)", 0, MaxHouseholdsPerRun, "households"}
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
	limAgeBands, limAgeShare, limAgeMaleShare, limAgeNeedShare, limUASCPerYear, limUASCThreshold,
	limStockGroups, limStockCount, limStockNeedShare, limStockMaleShare, limStayRules, limExitShare,
	limMeanDays, limShape, limSigma, limBins, limUpToDays, limBinShare,
	limStayingPutShare, limStayingPutStock, limStayingPutGBP, limLeaversShare, limLeaversPlaces, limLeaversStock, limLeaversGBP,
	limKinds, limWeeklyGBP, limBreakdown, limUnavailable, limCapacityPlaces, limLocalShare, limKindReadyShare,
	limHouseholds, limPlaces, limPlacesShare, limApprovalShare, limSiblingOnly, limCarerAgeShare,
	limApprovalsPerYear, limAssessmentDays, limDeregistration, limRetirementFrom,
	limRetirementRate, limRetirementRise, limWindDownDays, limSupportGBP, limRecruitGBP,
	limHomes, limHomeBeds, limHomeFixedGBP, limBlocks, limBlockBeds, limBlockBedGBP,
	limLadders, limEmergencyGBP, limRetryDays, limReadyShare, limReviewDays, limInterventions,
	limIvApprovals, limIvUASC, limIvHouseholds, limIvHomeBeds, limIvBlockBeds, limIvCapacity,
	limIvFactor, limIvRetention, limIvWeeklyGBP, limIvFixedGBP, limIvRecruitGBP, limIvLeadTime,
	limIvInflation, limCostOneOff, limCostPerYear, limCostPerUnit, limCostUnits, limCostInflation,
	limRunChildren, limRunHouseholds,
}

// Limits returns the range of every numeric field of a scenario that Validate checks, in the
// order of the scenario-file reference. Shares and the like that appear in several places
// (stock_stays, staying_put.stay, care_leavers.stay take the ranges of stays; uasc.ages and
// carers' age mixes those of entries.ages) are listed once.
func Limits() []Limit { return append([]Limit(nil), limits...) }

// Contains reports whether v lies in the range; NaN and infinities never do.
func (l Limit) Contains(v float64) bool { return v >= l.Min && v <= l.Max }

// Range says the range in words, as Validate's messages do: "between 1 and 365 days",
// "between £0 and £100,000 a week", "a share between 0 and 1".
func (l Limit) Range() string {
	if l.Unit == "share" {
		return "a share between 0 and 1"
	}
	if rest, ok := strings.CutPrefix(l.Unit, "£"); ok {
		return "between £" + FormatNumber(l.Min) + " and £" + FormatNumber(l.Max) + rest
	}
	s := "between " + FormatNumber(l.Min) + " and " + FormatNumber(l.Max)
	if l.Unit != "" && !strings.HasPrefix(l.Unit, "(") {
		s += " " + l.Unit
	}
	return s
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
