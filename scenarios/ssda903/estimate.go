package ssda903

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"gonum.org/v1/gonum/stat/distuv"
)

// MinChildren is the fewest children an estimate may rest on: below it the base scenario's
// value is used, and the count is not shown.
const MinChildren = 5

// ThinChildren is the number of children below which an estimate is listed in the
// data-quality report as resting on few children.
const ThinChildren = 10

// Options are the choices of a calibration.
type Options struct {
	// From and To are the first and last days of the window the rates are estimated over;
	// the starting stock is the children in care at the end of To, and the scenario starts
	// the day after it. Zero values take the data's own: From the start of the first
	// collection year (Return.DataStart), To the last day of the data (the day before
	// Return.DataEnd).
	From, To time.Time
	// Base is the scenario the calibrated one extends (the built-in default), as loaded:
	// it gives what the return cannot say (needs, carers, prices, ladders) and the values
	// used where the data are too thin.
	Base *model.Scenario
	// NoTrend assumes the entry rate stays where it was over the last 12 months of the
	// window (the whole window when shorter) instead of fitting a trend: a trend fitted over
	// a few years and carried on for ten can run far from anything seen.
	NoTrend bool
	// HomesFilledFirst fills the council's own homes first whatever the return shows: a child
	// is placed elsewhere only when they are full. Without it, homes the return shows passing
	// children on while they had a bed free pass on as many (Calibration.homesPassOn).
	HomesFilledFirst bool
	// trendDraw, when set, maps the fitted log-trend to the one carried, in place of the
	// test and the shrinkage: a bootstrap resample carries a draw of the trend's posterior
	// (Resamples).
	trendDraw *trendDraw
	// notSteady says the return's trend was not carried because its months do not follow
	// it (EntryEstimate.TrendOffStep or TrendOffRecent): a resample, which takes the last 12
	// months' rate as NoTrend does, leaves out the stays' Little's-law target as the return's
	// calibration does (Resamples).
	notSteady bool
	// resample says the calibration is of a bootstrap resample (Resamples), and
	// averageNone that the return's own calibration took the window's average for a last
	// 12 months without entries (EntryEstimate.Averaged): a resample takes it only then, so
	// that a resample of a small council whose last 12 months hold none by chance keeps
	// the rule the return's calibration took.
	resample, averageNone bool
}

// trendDraw makes a resample's fitted log-trend b a draw of the return's posterior trend:
// Center + Scale·(b − Fitted), where Fitted is the return's own fitted log-trend, Center the
// posterior mean and Scale the posterior's standard deviation over the fit's standard error.
type trendDraw struct {
	Fitted, Center, Scale float64
}

// bands are the age bands of entries, stays and the stock, as the default scenario has them.
var bands = []model.AgeRange{{FromYears: 0, ToYears: 0}, {FromYears: 1, ToYears: 4}, {FromYears: 5, ToYears: 9}, {FromYears: 10, ToYears: 15}, {FromYears: 16, ToYears: 17}}

// uascBands are the age bands of UASC stays.
var uascBands = []model.AgeRange{{FromYears: 16, ToYears: 17}, {FromYears: 0, ToYears: 15}}

// bandOf returns the index in bands of a child aged age years, or -1 outside 0-17.
func bandOf(age int, bs []model.AgeRange) int {
	for i, b := range bs {
		if age >= b.FromYears && age <= b.ToYears {
			return i
		}
	}
	return -1
}

// Estimates are what a calibration estimated from the return.
type Estimates struct {
	// From and To are the first and last days of the window; Start is the day after it, the
	// scenario's start, on which the children in care at the end of To are its stock.
	From, To, Start time.Time
	// Entries is the stream of children entering care, UASC apart.
	Entries EntryEstimate
	// UASC is the stream of unaccompanied asylum-seeking children.
	UASC UASCEstimate
	// Stays are time in care and exit routes by age at entry: the bands of children who are
	// not UASC, then UASC aged 16-17 and 0-15 at entry.
	Stays []StayEstimate
	// StockStays are the remaining time in care and exit routes of children in care, by
	// current age, in the same bands.
	StockStays []StayEstimate
	// StockStaysByKind are the remaining time in care and exit routes of the children in care
	// who are not UASC, by the kind they are placed in and current age: each kind and band of
	// StockStays with MinKindStock children or more, kind by kind. The scenario's stock in
	// those kinds and bands draws from them, the rest from StockStays.
	StockStaysByKind []StayEstimate
	// Stock is the children in care at the end of To by kind, age band and UASC status, with cells
	// of fewer than MinChildren merged.
	Stock []StockCell
	// FirstPlacement is the kind of the first placement of entrants by age band (UASC last).
	FirstPlacement []KindMix
	// Moves are the placement moves out of each kind, per child-year in it.
	Moves []MoveRate
	// StepDown is the rate of moves from residential care to a family or any other setting
	// that is not residential, per child-year in residential care.
	StepDown Interval
	// StepDownHomes and StepDownAgencies are StepDown out of the council's own homes and out of
	// agencies' homes apart, each over its own child-years: the step-down rate of each kind.
	StepDownHomes, StepDownAgencies Interval
	// StepDowns are the step-downs StepDown, StepDownHomes and StepDownAgencies count (their N
	// is children), and StepDownYears the child-years each is over.
	StepDowns     [3]int
	StepDownYears [3]float64
	// Escalation is the share of moves of children aged 10 or more out of a family or other
	// setting that go to residential care.
	Escalation Interval
	// EscalationByAge is Escalation for the moves at each band of homeBands, by the child's
	// age at the move.
	EscalationByAge [2]Interval
	// StayingPut is the share of young people leaving foster care at 18 who stay with their
	// carers (REC E17).
	StayingPut Interval
	// CareLeavers is the young people expected in care leavers' accommodation on the start
	// day: of the CareLeaversN who left care at 18, not staying put, in the three years before
	// it (CareLeaversYears of them in the window), the base's care_leavers share times the
	// chance that the base's stay lasts from their leaving to the start.
	CareLeavers      float64
	CareLeaversN     int
	CareLeaversYears float64
	// StayingPutStock is the young people expected to be staying put on the start day: of the
	// StayingPutStockN whose period ended at 18 staying put (REC E17) in the three years before
	// it (StayingPutStockYears of them in the window), each counted with the chance that the
	// base's staying_put stay lasts from their 18th birthday to the start.
	StayingPutStock      float64
	StayingPutStockN     int
	StayingPutStockYears float64
	// Peaks are the most children in each kind at the start of any of the 12 months before
	// To or on the day after To (the start), by kind name: the capacity the council has been
	// using.
	Peaks map[string]int
	// Typical is the mean number of children in each kind on the same days: what the council's
	// own carers and homes, which the council fills first, hold in a usual month.
	Typical map[string]float64
	// HomesLevel is the mean number of children in the council's own homes on the first day of
	// each month of the window, each month's count carried to the window's end at the yearly
	// change of the counts over the window: a usual month of the whole window, which the
	// homes are sized for where the 12 months before To lie below it by chance (usualHomes).
	HomesLevel float64
	// HomesGrowth is the yearly relative change the council's own homes are carried at, to the
	// start and through the run: that of all children in care over the window (homesGrowth).
	HomesGrowth float64
	// HomesGrowthFitted is HomesGrowth as fitted, before it was bounded to ±10% a year.
	HomesGrowthFitted float64
	// HomesAtStart is the children in the council's own homes in a usual month at the start:
	// their count on the days of Typical, each carried to the start at HomesGrowth
	// (homesAtStart), which the homes are sized for.
	HomesAtStart float64
	// HomesFree are, for each band of homeBands, the placements in residential care of children
	// who are not UASC that began in the window on a day the council's own homes had a bed free
	// (homesFree), and those of them in the homes: how often the council places a child
	// elsewhere while its homes could take them.
	HomesFree [2]FreeBedPlacements
	// KinshipUnavailable and OtherUnavailable are the unavailable shares of kinship care and
	// of other settings (placed with parents, for adoption) that make the base scenario's
	// ladders place entrants there as often as the return shows, or NaN when the entrants
	// are too few to say.
	KinshipUnavailable, OtherUnavailable float64
}

// FreeBedPlacements are the placements in residential care that began at an age range on days
// the council's own homes had a bed free, and those of them in the homes.
type FreeBedPlacements struct {
	Ages              model.AgeRange
	Placements, Homes int
}

// homeBands are the age bands of Estimates.HomesFree and Estimates.EscalationByAge: the ages at
// which the council's homes take children, 16 and 17 apart, whom homes and the moves into
// residential care often treat otherwise.
var homeBands = [2]model.AgeRange{{FromYears: 10, ToYears: 15}, {FromYears: 16, ToYears: 17}}

// homeBand returns the band of homeBands of a child aged age, or -1.
func homeBand(age int) int {
	for i, a := range homeBands {
		if age >= a.FromYears && age <= a.ToYears {
			return i
		}
	}
	return -1
}

// EntryEstimate is the entry rate with its trend, seasonality and age mix.
type EntryEstimate struct {
	// Count is the number of children who entered in the window.
	Count int
	// Years is the window's length.
	Years float64
	// PerYear is the yearly rate at To.
	PerYear Interval
	// Trend is the yearly relative change of the rate (0.02 is 2% a year) as fitted, its
	// interval widened by Dispersion where the months vary more than Poisson counts would.
	Trend Interval
	// Dispersion is the Pearson chi-square of the fitted monthly counts over its degrees of
	// freedom, at least 1: how many times the Poisson variance the months show.
	Dispersion float64
	// TrendZ is the fitted trend's log-rate over its standard error (widened by Dispersion).
	TrendZ float64
	// TrendUsed says the trend is clear enough to carry forward: its z beyond 2.576 (the 1%
	// level, two-sided). A trend carried for ten years multiplies any error in it, and a
	// steady council's months show one at the 10% level one time in ten.
	TrendUsed bool
	// TrendCarried is the trend the scenario assumes when TrendUsed: the fitted one shrunk
	// towards no change by the factor 1-1/TrendZ² (the empirical-Bayes estimate of a trend
	// whose spread among councils is taken from its own size), 0 otherwise.
	TrendCarried float64
	// TrendCapped is the trend, shrunk as TrendCarried says, when it lay beyond the range a
	// scenario accepts (the model's limit of entries.trend_per_year) and TrendCarried was held
	// to the nearer end of it; 0 when it was not.
	TrendCapped float64
	// TrendFixed says no trend was fitted (Options.NoTrend): PerYear is the rate over the
	// last 12 months of the window.
	TrendFixed bool
	// Months is the number of calendar months, whole or in part, whose counts the fit took:
	// a trend is fitted from 12, seasonality from 24.
	Months int
	// RecentCount is the number of children who entered in the last 12 months of the window
	// (RecentYears long, shorter in a window of less than a year), and Recent the count the
	// trend fit gives those months, with its 99% interval (the rate's uncertainty on the start
	// date and the count's own, widened by Dispersion); both are set only where a trend
	// passed its test of none.
	RecentCount int
	RecentYears float64
	Recent      Interval
	// TrendOffRecent says a trend that passed its test of none was not carried because the
	// last 12 months' count lay outside Recent: the months show a step, or a trend that has
	// stopped, more than a trend that goes on. PerYear is then the rate over those months,
	// as with TrendFixed.
	TrendOffRecent bool
	// StepFrom and StepGain are the best single shift in the level of the months, set only
	// where a trend passed its test of none: the first day of the month from which the new
	// level runs, and how much better it fits than the trend (stepFit). Where
	// StepGain exceeds 6.63 (the 1% point of the chi-square distribution on one degree of
	// freedom), a step explains the months much better than a trend, and the trend is not carried
	// (TrendOffStep): PerYear is then the rate over the last 12 months, as with TrendFixed.
	StepFrom     time.Time
	StepGain     float64
	TrendOffStep bool
	// TrendRunsOff says the fit of a trend ran off without bound (the fit's own standard
	// error of the log-trend over maxTrendSE): the months at one end of the window hold no
	// entries, or the seasons leave no month to tell a trend from, and a trend fits them only
	// by falling or rising without limit (its 90% interval -100% to +Inf%). Such a fit is no
	// trend to test or carry: the months are taken as a step in the rate at the month that fits
	// best (StepFrom, StepGain), and PerYear is the rate over the last 12 months, as with
	// TrendOffStep.
	TrendRunsOff bool
	// stepMonth is StepFrom as the index of the window's month, 0 its first.
	stepMonth int
	// NoneLately says no child entered care in the last 12 months of the window (the whole
	// window when shorter), from LatelyFrom to LatelyTo, its first and last days. No council
	// has no child entering care for ever: a return that is not complete (the last year's
	// new periods of care missing) is far more likely. Where the rule the scenario follows
	// would assume that rate of none for ever (TrendFixed, or a trend not carried: offTrend),
	// PerYear is the window's average instead (Averaged), and Warning asks that the rate be
	// checked and set by hand.
	NoneLately           bool
	LatelyFrom, LatelyTo time.Time
	// Averaged says PerYear is the window's average where the rule would have taken the last
	// 12 months' rate of none (NoneLately).
	Averaged bool
	// Seasonality holds the monthly multipliers (January first, averaging 1) when
	// SeasonalityUsed: the months differ more than chance would make them (likelihood-ratio
	// test at the 10% level). It is tested only on minSeasonMonths months or more, with at least
	// MinChildren entries in each month of the year over the window (seasonFits).
	Seasonality     [12]float64
	SeasonalityUsed bool
	// seasonTested says the window could show seasonality (seasonFits), whether or not it did.
	seasonTested bool
	// Ages is the age mix at entry.
	Ages []AgeShare
}

// UASCEstimate is the arrival rate and age mix of UASC.
type UASCEstimate struct {
	// Count is the number who arrived in the window.
	Count int
	// PerYear is the yearly rate.
	PerYear Interval
	// Ages is the age mix at arrival.
	Ages []AgeShare
}

// AgeShare is one band of an age mix.
type AgeShare struct {
	// Ages is the band.
	Ages model.AgeRange
	// Children is the number of children in the band.
	Children int
	// Share is its share, with its interval.
	Share Interval
	// MaleShare is the share of boys among those whose sex is known.
	MaleShare Interval
	// Needs is the need mix written for the band.
	Needs [model.NumNeeds]float64
	// Residential is the share whose first placement was residential, from which Needs'
	// complex share follows.
	Residential Interval
}

// minStepChildren is the fewest children of a group whose stays table follows its Kaplan-Meier
// curve step by step; a smaller group's is a fitted curve only. (Fewer than 20 leavers, as
// well, moved the coverage study's generated councils of 350 entries a year above the 98% bar
// for all children in care, 98.1% of months inside the 90% band.)
const minStepChildren = 20

// StayEstimate is a Kaplan-Meier estimate of time in care with the exit routes.
type StayEstimate struct {
	// Ages is the age band (at entry, or now for the stock) and UASC the group.
	Ages model.AgeRange
	UASC bool
	// Kind is the kind the children are placed in, for StockStaysByKind; empty otherwise.
	Kind string
	// Children is the number of children (periods of care) behind the estimate and Events
	// the number who left before 18 within the window.
	Children, Events int
	// UnderWay is the number of Children (stays at entry only) who were in care when the
	// window began, with a period whose start the data show: they are followed from then
	// on, from their time in care on that day (delayed entry).
	UnderWay int
	// Imputed is the number of Children (stays at entry only) in care when the window began
	// whose period's start the data do not show, taken with their start imputed
	// (imputeUnknownStarts): each counts in the band of their middle imputation.
	Imputed int
	// Table is the empirical distribution written: bands of days and their shares.
	Table []model.Bin
	// Median is the median time in care, in days, with its interval (NaN when the curve
	// does not fall to one half in the window).
	Median Interval
	// Survival holds S(t), with its interval, at each band edge of the table the curve would
	// give. Followed is the number of its points Table follows, at its first band edges, before
	// the fitted tail: all of them, or none where the table is a fit of the whole curve (as
	// for entrants aged 16-17).
	Survival []SurvivalPoint
	Followed int
	// Exits are the shares of the routes before 18 (return_home, adoption, sgo, cao,
	// other), from ExitCounts.
	Exits      [model.NumEarlyExitRoutes]float64
	ExitCounts [model.NumEarlyExitRoutes]int
	// Fallback says the children were too few: the base scenario's rule is used.
	Fallback bool
	// ExitsFallback says the exits were too few: the base scenario's exit shares are used.
	ExitsFallback bool
	// Tail is the survival fitted to the late part of the curve, which Table follows beyond
	// the last point of Survival (not set when Fallback).
	Tail TailFit
	// group names the children in the data-quality report ("children aged 5-9 at entry").
	group string
}

// TailFit is the parametric survival a stay table follows beyond the longest time the window
// shows: a Weibull, S(t)/S(FromDays) = exp(-(t^Shape - FromDays^Shape)/ScaleDays^Shape), fitted
// by maximum likelihood to the times beyond FromDays with censoring and delayed entry; an
// exponential (Shape 1) unless the likelihood-ratio test rejects it at the 5% level, the
// shape shared by the bands of children who are not UASC. The table follows the Kaplan-Meier
// curve up to FromDays and beyond it while at least minAtRisk children are expected at risk,
// unless the fit lies within the curve's 90% interval at each point beyond FromDays, and the
// fit, anchored there, from then on; children still in care at the 18th birthday of
// the youngest in the band leave at 18.
// The stays of children entering at 16-17 follow a fit of the whole curve (FromDays 0) where
// it lies within the curve's 90% interval at each of its points.
type TailFit struct {
	// Family is "exponential", "weibull", or "none" when no child left before 18 after
	// FromDays: then every child still in care at the last point stays until 18.
	Family string
	// FromDays is where the fit starts: the late part of the curve, in days since entry (or
	// since the day the child was counted in care).
	FromDays float64
	// Shape (dimensionless) and ScaleDays are the fitted parameters.
	Shape, ScaleDays float64
	// LR is the likelihood-ratio statistic of the Weibull against the exponential
	// (chi-square with 1 degree of freedom: above 3.84 the Weibull is used), of the shape
	// shared by the bands where it is.
	LR float64
	// Children is the number of children at risk after FromDays and Events the number of them
	// who left before 18 after it.
	Children, Events int
	// LastDays is the last point of the Kaplan-Meier curve the table follows, MaxDays the
	// longest time observed, and Beyond the share still in care at LastDays, whose stays the
	// fit draws.
	LastDays, MaxDays, Beyond float64
	// Gap is the largest difference, over the times from FromDays to GapDays, between the
	// Kaplan-Meier curve and the fit anchored on it at FromDays: how well the fit matches
	// the data it extrapolates. GapDays is LastDays, or for a fit of the whole curve (16-17
	// at entry) the last point the table would have followed; at FromDays or before it, no
	// time is in the range and Gap is 0 by construction.
	Gap, GapDays float64
	// AtEighteen is the share of children (of the youngest age in the band) the table keeps
	// in care until their 18th birthday.
	AtEighteen float64
	// MeanStayDays, where above 0, is the mean stay cut at the 18th birthday that the
	// tail's scale was set to give (ScaleDays is then that scale, not the fitted one): the
	// band's days in care in the window over its children entering care in it, or leaving
	// it where its stock changed beyond chance (Little's law, littleMean), where the entries
	// show no trend.
	MeanStayDays float64
}

// SurvivalPoint is the share of children still in care after Days.
type SurvivalPoint struct {
	// Days is the time since entry (or since the day the child was counted in care).
	Days float64
	// Share is the share still in care, with its 90% interval from Low to High.
	Share, Low, High float64
	// Left is the number of children who left (before 18) after the point before and up to
	// this one: the table's step from the one to the other.
	Left int
}

// StockCell is a group of children in care at To.
type StockCell struct {
	// Kind is the kind's name.
	Kind string
	// Ages is the band of current ages.
	Ages model.AgeRange
	// UASC marks unaccompanied asylum-seeking children.
	UASC bool
	// Count is the number of children (at least MinChildren).
	Count int
	// Male is the number of boys.
	Male int
	// Merged says the cell was merged from smaller ones to keep every count at 5 or more.
	Merged bool
	// padded is, in a cell of ages 16-17 of MinChildren children, the age of which it holds
	// fewer than MinChildren, with as many children of the other age as make it up
	// (mergeCells); 0 in any other cell. padRest marks the cell of the other age's rest.
	padded  int
	padRest bool
	// homes is how many of the cell's children the council's own homes held (all of a cell of
	// the homes; some of one the homes' small group was merged into).
	homes int
}

// KindMix is the kind of the first placement of a group of entrants.
type KindMix struct {
	// Ages is the band of ages at entry; UASC the group.
	Ages model.AgeRange
	UASC bool
	// Counts holds the number of entrants by kind, in KindNames order.
	Counts [numKinds]int
}

// MoveRate is the rate of placement moves out of a kind.
type MoveRate struct {
	// Kind is the kind's name.
	Kind string
	// Rate is the moves per child-year in the kind (step-downs apart); Rate.N is the number
	// of moves. Out of supported accommodation it is the breakdown rate that moves young
	// people out of the kind as often as the return shows: the moves that take them to
	// another kind, over the child-years less the share of them the ladders draw back to it
	// (Calibration.moves).
	Rate Interval
	// Redrawn is the moves back to the same kind that Rate leaves out (supported
	// accommodation only), and ExposedYears the child-years it counts.
	Redrawn      int
	ExposedYears float64
	// Children is the number of children who spent time in the kind in the window.
	Children int
	// Years is the child-years spent in it.
	Years float64
}

// Calibration is a calibrated scenario: the estimates and what it takes to write them.
type Calibration struct {
	// Estimates are the estimates.
	Estimates Estimates
	ret       *Return
	base      *model.Scenario
	kinds     [numKinds]model.KindID
	noTrend   bool
	// homesFirst is Options.HomesFilledFirst.
	homesFirst bool
	// trendDraw is Options.trendDraw; notSteady Options.notSteady.
	trendDraw *trendDraw
	notSteady bool
	// resample and averageNone are Options.resample and Options.averageNone.
	resample, averageNone bool
	// exactStock is the stock as the return holds it, no cell merged: what the resamples of
	// a backtest, simulated and never written, start from.
	exactStock []StockCell
	// bedsDither, when above 0, rounds the beds of the council's own homes down or up at
	// random (Resamples): see builder.homes.
	bedsDither float64
	// homesShift is added to the children the council's own homes held in a usual month
	// before their beds are sized (Resamples): a month's deviation from the usual in the
	// return, drawn at random; homesRand draws when the beds that shift adds or takes away
	// open or close. See builder.homes.
	homesShift float64
	homesRand  *rand.Rand
	// stale is the children of the stock whom the latest return does not hold (staleStock).
	stale staleCount
	// entryShape is the shape the tails of the stays at entry of the children who are not
	// UASC share (sharedShapes), nil where none was fitted: where it is a Weibull, so are
	// the stock's tails (stockStays).
	entryShape *tailShape
}

// Calibrate estimates the scenario of the council whose return ret is, over the window of
// opt. It fails when the window is empty, starts before the data or ends after them, holds no child in care or too
// few to calibrate from (fewer than MinChildren in care at its end, entering care and
// arriving as UASC: the scenario would be an empty council), or when the base scenario lacks
// one of the provision kinds the mapping uses.
func Calibrate(ret *Return, opt Options) (*Calibration, error) {
	if opt.Base == nil {
		return nil, errors.New("calibrate: no base scenario")
	}
	c := &Calibration{ret: ret, base: opt.Base, noTrend: opt.NoTrend, homesFirst: opt.HomesFilledFirst, trendDraw: opt.trendDraw, notSteady: opt.notSteady,
		resample: opt.resample, averageNone: opt.averageNone}
	var missing []string
	for k := range numKinds {
		id := -1
		for i, kd := range opt.Base.Kinds {
			if kd.Name == KindNames[k] {
				id = i
			}
		}
		if id < 0 {
			missing = append(missing, KindNames[k])
		}
		c.kinds[k] = model.KindID(id)
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the base scenario %s has no %s %s, which the SSDA903 placement codes map to",
			opt.Base.Name, plural(len(missing), "kind"), strings.Join(missing, ", "))
	}
	from, to := ret.start, ret.end
	if !opt.From.IsZero() {
		from = dayOf(opt.From)
	}
	if !opt.To.IsZero() {
		to = dayOf(opt.To) + 1
	}
	if to <= from {
		return nil, fmt.Errorf("the window %s up to %s is empty", from, to)
	}
	// A return holds only the periods still open when its first collection year begins:
	// the entries before that day it shows are the few whose periods lasted to it, and
	// their stays the long ones, so a window reaching back before it is refused as one
	// reaching past the data's end is.
	if from < ret.start {
		return nil, fmt.Errorf("the window starts on %s, before the data (which begin on %s, the first day of their first collection year): a return holds only the periods of care still open on that day, so its entries before it are the few whose stays lasted to it; give a --from on or after %s",
			from, ret.start, ret.start)
	}
	if to > ret.end {
		return nil, fmt.Errorf("the window ends on %s, after the data (which end on %s)", to-1, ret.end-1)
	}
	inCare := false
	for i := range ret.periods {
		p := &ret.periods[i]
		if p.start < to && (p.end == noDay || p.end > from) {
			inCare = true
			break
		}
	}
	if !inCare {
		return nil, fmt.Errorf("the window %s up to %s holds no child in care (the data run from %s up to %s): nothing to calibrate from", from, to, ret.start, ret.end)
	}
	e := &c.Estimates
	e.From, e.To, e.Start = from.time(), (to - 1).time(), to.time()
	ret.Quality.Window = fmt.Sprintf("%s up to %s, the scenario's start", from, to)
	ret.Quality.UnopenedInWindow = 0
	for i := range ret.periods {
		if p := &ret.periods[i]; p.unopened && p.start >= from && p.start < to {
			ret.Quality.UnopenedInWindow++
		}
	}
	ret.Quality.Thin, ret.Quality.Tails = nil, nil
	w := window{from: from, to: to}
	c.entries(w)
	c.uasc(w)
	c.stays(w)
	c.stockStays(w)
	c.aboutInReport()
	c.stock(w)
	c.moves(w)
	c.stayingPut(w)
	c.careLeavers(w)
	c.stayingPutStock(w)
	c.peaks(w)
	c.Estimates.HomesLevel = c.level(inhouseHome)
	c.Estimates.HomesGrowth, c.Estimates.HomesGrowthFitted = c.homesGrowth()
	c.Estimates.HomesAtStart = c.homesAtStart(c.Estimates.HomesGrowth)
	c.Estimates.HomesFree = c.homesFree(w)
	c.ret.Quality.Homes = c.homesReport()
	if m := c.homesMergedNote(); m != "" {
		c.ret.Quality.Homes += " " + upperFirst(m) + "."
	}
	c.ret.Quality.Growth = c.growthReport()
	c.unavailable()
	stock := 0
	for _, cl := range e.Stock {
		stock += cl.Count
	}
	if stock < MinChildren && e.Entries.Count < MinChildren && e.UASC.Count < MinChildren {
		return nil, fmt.Errorf("the window %s up to %s holds too few children to calibrate a council from: fewer than %d in care at its end, fewer than %d entering care and fewer than %d UASC arriving in it",
			from, to, MinChildren, MinChildren, MinChildren)
	}
	return c, nil
}

// window is the calibration window [from, to): to is the scenario's start, the day after
// its last.
type window struct{ from, to day }

func (w window) years() float64 { return float64(w.to-w.from) / model.DaysPerYear }

// entrants returns the periods that began in the window, of UASC or of the others.
func (c *Calibration) entrants(w window, uasc bool) []*period {
	var out []*period
	for i := range c.ret.periods {
		p := &c.ret.periods[i]
		if p.knownStart && p.start >= w.from && p.start < w.to && p.uasc == uasc {
			out = append(out, p)
		}
	}
	return out
}

// underWay returns the periods of UASC or of the others that were under way when the
// window began and whose start is known.
func (c *Calibration) underWay(w window, uasc bool) []*period {
	var out []*period
	for i := range c.ret.periods {
		p := &c.ret.periods[i]
		if p.knownStart && p.start < w.from && (p.end == noDay || p.end > w.from) && p.uasc == uasc {
			out = append(out, p)
		}
	}
	return out
}

// thin records an estimate on few children in the quality report, with the base
// scenario's value written in its place below MinChildren.
func (c *Calibration) thin(what string, n int) { c.thinOr(what, n, "the base scenario's value") }

// thinOr is thin with what is written in the estimate's place below MinChildren.
func (c *Calibration) thinOr(what string, n int, instead string) {
	if n >= ThinChildren {
		return
	}
	written := "the estimate"
	if n < MinChildren {
		written = instead
	}
	c.ret.Quality.Thin = append(c.ret.Quality.Thin, Thin{What: what, Children: n, Written: written})
}

// entries estimates the entry rate, its trend and seasonality, and the age mix.
func (c *Calibration) entries(w window) {
	e := &c.Estimates.Entries
	ps := c.entrants(w, false)
	e.Count = len(ps)
	e.Years = w.years()
	c.thinOr("entries (children who are not UASC entering care)", len(ps), "none (too few to show)")
	// Monthly counts with their exposure, and the time of each month's middle in years
	// from To.
	var y, expo, tYears []float64
	var month []int
	for m := w.from.monthStart(); m < w.to; m = m.addMonths(1) {
		lo, hi := max(m, w.from), min(m.addMonths(1), w.to)
		if hi <= lo {
			continue
		}
		y = append(y, 0)
		expo = append(expo, float64(hi-lo))
		tYears = append(tYears, (float64(lo+hi)/2-float64(w.to))/model.DaysPerYear)
		month = append(month, int(m.time().Month())-1)
	}
	y0, m0, _ := w.from.civil()
	for _, p := range ps {
		yy, mm, _ := p.start.civil()
		y[(yy-y0)*12+mm-m0]++
	}
	// A constant rate, unless the data say otherwise.
	e.PerYear = poissonRate(len(ps), e.Years)
	e.Trend = Interval{N: len(ps)}
	if c.noTrend {
		e.TrendFixed = true
		if last := w.to.addMonths(-12); last > w.from {
			n := 0
			for _, p := range ps {
				if p.start >= last {
					n++
				}
			}
			e.PerYear = poissonRate(n, float64(w.to-last)/model.DaysPerYear)
		}
	}
	e.Months = len(y)
	if len(ps) >= MinChildren && len(y) >= 12 {
		c.fitEntryRate(e, y, expo, tYears, month, !e.TrendFixed, nil)
		// A fit that ran off is not carried, in a resample as in the return (a resample's
		// drawn trend from it would take the rate on the start date to nothing).
		if e.TrendRunsOff {
			e.RecentCount, e.RecentYears = lastYear(ps, w)
		}
		if e.TrendRunsOff || e.TrendUsed && c.trendDraw == nil && (c.recentOff(e, ps, w) || e.StepGain > chi2Crit1At1) {
			e.TrendOffStep = !e.TrendRunsOff && e.StepGain > chi2Crit1At1
			e.StepFrom = w.from.monthStart().addMonths(e.stepMonth).time()
			// The trend does not reach the last year: the scenario starts from its rate, with
			// no trend, the months' seasonality fitted again without one (and with the step,
			// where one was found, so that the months of the higher level do not pass for a
			// season).
			e.TrendUsed, e.TrendCarried, e.TrendCapped = false, 0, 0
			e.SeasonalityUsed, e.Seasonality = false, [12]float64{}
			e.PerYear = poissonRate(e.RecentCount, e.RecentYears)
			var step []float64
			if e.TrendOffStep || e.TrendRunsOff {
				step = make([]float64, len(y))
				for i := e.stepMonth; i < len(y); i++ {
					step[i] = 1
				}
			}
			c.fitEntryRate(e, y, expo, tYears, month, false, step)
		}
	}
	c.lately(e, ps, w)
	c.ret.Quality.Trend = trendDecision(e, len(y))
	if warn := e.Warning(); warn != "" {
		c.ret.Quality.Trend = "**Warning:** " + warn + ".\n\n" + c.ret.Quality.Trend
	}
	e.Ages = c.ageMix(ps, false)
}

// lately looks at the last 12 months of the window w (ps its entrants) for the entries e: where
// none entered in them and the scenario would assume their rate, none for ever (the last 12
// months' rule of TrendFixed or of a trend not carried), it assumes the window's average
// instead, as the rule of no trend does: none entering for ever is no council's future, and a
// return missing its last year's entries far more likely (NoneLately). A resample does so only
// where the return's calibration did.
func (c *Calibration) lately(e *EntryEstimate, ps []*period, w window) {
	n, _ := lastYear(ps, w)
	e.LatelyFrom, e.LatelyTo = max(w.to.addMonths(-12), w.from).time(), (w.to - 1).time()
	e.NoneLately = n == 0
	if e.NoneLately && (e.TrendFixed || e.offTrend()) && e.Count >= MinChildren && (!c.resample || c.averageNone) {
		e.Averaged = true
		e.PerYear = poissonRate(e.Count, e.Years)
	}
}

// Warning returns what a user must check in the entries before using the scenario, or "":
// no child entering in the last 12 months of the window (NoneLately). It is lowercase, with
// no trailing full stop.
func (e *EntryEstimate) Warning() string {
	months := "the 12 months to " + e.LatelyTo.Format("2 January 2006")
	if e.LatelyTo.Sub(e.LatelyFrom) < 360*24*time.Hour {
		months = "the window, " + e.LatelyFrom.Format("2 January 2006") + " to " + e.LatelyTo.Format("2 January 2006")
	}
	switch {
	case e.NoneLately && e.Averaged:
		return fmt.Sprintf("no child entered care in %s — is the return complete? No council has no child entering care for ever: the scenario assumes the window's average, %s entries a year, where its rule would take the rate of those months, none; set entries.per_year by hand", months, num(e.PerYear.Value, 1))
	case e.NoneLately && e.Count < MinChildren:
		return fmt.Sprintf("no child entered care in %s — is the return complete? The window holds too few entries to estimate a rate, and the scenario has none enter; set entries.per_year by hand", months)
	case e.NoneLately:
		return fmt.Sprintf("no child entered care in %s — is the return complete? The scenario assumes %s entries a year; check it, or set entries.per_year by hand", months, num(e.PerYear.Value, 1))
	}
	return ""
}

// fitEntryRate fits log-linear Poisson models of the monthly counts: a trend, and twelve
// monthly rates when the window spans two years or more. Seasonality is kept when the
// likelihood-ratio test rejects one rate for every month at the 10% level. The trend is
// carried forward only on strong evidence: its standard error widened by the months'
// overdispersion (quasi-Poisson), it must lie beyond 2.576 standard errors of no change (the
// 1% level), and it is then shrunk towards none by 1-1/z², so that a trend just clear of the
// noise is carried at a fraction of its fitted size.
func (c *Calibration) fitEntryRate(e *EntryEstimate, y, expo, tYears []float64, month []int, trend bool, step []float64) {
	design := func(seasonal, trend bool) [][]float64 {
		x := make([][]float64, len(y))
		for i := range y {
			var row []float64
			if seasonal {
				row = make([]float64, 12)
				row[month[i]] = 1
			} else {
				row = []float64{1}
			}
			if trend {
				row = append(row, tYears[i])
			}
			if step != nil {
				row = append(row, step[i])
			}
			x[i] = row
		}
		return x
	}
	seasonal := false
	if e.seasonTested = seasonFits(y, month); e.seasonTested {
		full, err1 := fitPoisson(design(true, trend), y, expo)
		flat, err2 := fitPoisson(design(false, trend), y, expo)
		seasonal = err1 == nil && err2 == nil && flat.deviance-full.deviance > chi2Crit11
	}
	fit, err := fitPoisson(design(seasonal, trend), y, expo)
	if err != nil {
		return
	}
	if trend {
		nb := len(fit.beta) - 1
		x := design(seasonal, true)
		e.Dispersion = dispersion(fit, x, y, expo)
		b, se := fit.beta[nb], math.Sqrt(fit.cov[nb][nb]*e.Dispersion)
		e.Trend = Interval{Value: math.Exp(b) - 1, Low: math.Exp(b-z90*se) - 1, High: math.Exp(b+z90*se) - 1, N: e.Count}
		e.TrendZ = b / se
		if ownSE := math.Sqrt(fit.cov[nb][nb]); !(ownSE <= maxTrendSE) || math.IsNaN(b) {
			// The fit ran off: entries() takes the months as a step, as a resample's do.
			e.TrendRunsOff, e.TrendZ = true, 0
			e.stepMonth, e.StepGain = stepFit(design(seasonal, false), y, expo, fit.deviance)
			return
		}
		e.TrendUsed = math.Abs(e.TrendZ) > z99
		if e.TrendUsed && c.trendDraw == nil {
			e.stepMonth, e.StepGain = stepFit(design(seasonal, false), y, expo, fit.deviance)
		}
		// The level on the start date: the months refitted with the carried trend as an
		// offset, so that a trend shrunk towards none moves the level as the data ask. Its
		// interval is the full fit's, which holds the trend's uncertainty.
		slope := 0.0
		switch {
		case c.trendDraw != nil:
			d := c.trendDraw
			slope = d.Center + d.Scale*(b-d.Fitted)
			e.TrendUsed = slope != 0
		case e.TrendUsed:
			slope = b * (1 - 1/(e.TrendZ*e.TrendZ))
		}
		if e.TrendUsed {
			e.TrendCarried = math.Exp(slope) - 1
			// A trend beyond what a scenario accepts (a short window's few months can fit
			// one of -95% a year) is held to the nearer end of the range, and the level
			// refitted with the trend held. A backtest's resamples, simulated and never
			// written, keep their drawn trend.
			if lim := modelLimit("entries.trend_per_year"); c.trendDraw == nil && !lim.Contains(e.TrendCarried) {
				e.TrendCapped = e.TrendCarried
				e.TrendCarried = min(max(e.TrendCarried, lim.Min), lim.Max)
				slope = math.Log1p(e.TrendCarried)
			}
		}
		full := fit
		off := make([]float64, len(expo))
		for i := range expo {
			off[i] = expo[i] * math.Exp(slope*tYears[i])
		}
		if fit, err = fitPoisson(design(seasonal, false), y, off); err != nil {
			return
		}
		if c.trendDraw != nil {
			// A resample's level on the start date is the full fit's, at the end of the
			// window: the trend the window shows is what happened in it, and the prior of
			// no change speaks of the years after it. Refitted with the drawn trend, which
			// the prior takes towards none, the level came out where the window's middle
			// and that trend put it, short of the window's end by the part of the trend
			// the prior took away. On 60 returns of each of the coverage study's councils of
			// 60 and of 120 entries a year with short stays (20 resamples each, entries rising
			// 5% a year), the first year's entries came 1.7% and 4.1% too few that way, 0.9%
			// too many and 2.4% too few this way; all children in care in the third year 3.9%
			// and 4.3% too few, 2.0% and 2.9% (what is left: the trend the prior still takes
			// away, and with short stays the children in care at the start leaving too soon).
			// Measured against the rate the returns were drawn from rather than their own
			// counts (TestBacktestEntries), the resamples' entries come within a standard error
			// of it in each year, on 160 returns of each of those councils (0.8-1.8%): what is
			// left in all children in care is the starting stock's.
			copy(fit.beta[:nb], full.beta[:nb])
		}
		if e.TrendUsed {
			for j := range fit.cov {
				for k := range fit.cov[j] {
					fit.cov[j][k] = full.cov[j][k] * e.Dispersion
				}
			}
		}
	}
	if !seasonal {
		if e.TrendUsed {
			b0, s0 := fit.beta[0], math.Sqrt(fit.cov[0][0])
			e.PerYear = Interval{Value: model.DaysPerYear * math.Exp(b0), Low: model.DaysPerYear * math.Exp(b0-z90*s0), High: model.DaysPerYear * math.Exp(b0+z90*s0), N: e.Count}
		}
		return
	}
	e.SeasonalityUsed = true
	var sum float64
	for m := range 12 {
		sum += math.Exp(fit.beta[m])
	}
	mean := sum / 12
	var v float64
	for m := range 12 {
		e.Seasonality[m] = math.Exp(fit.beta[m]) / mean
		for n := range 12 {
			v += math.Exp(fit.beta[m]) / sum * math.Exp(fit.beta[n]) / sum * fit.cov[m][n]
		}
	}
	if !trend {
		return
	}
	se0 := math.Sqrt(v)
	e.PerYear = Interval{Value: model.DaysPerYear * mean, Low: model.DaysPerYear * mean * math.Exp(-z90*se0), High: model.DaysPerYear * mean * math.Exp(z90*se0), N: e.Count}
}

// offTrend says the months were taken as a level, or a step, where a trend was fitted to them
// but not carried: they do not follow it (TrendOffStep, TrendOffRecent), or its fit ran off
// (TrendRunsOff). The scenario starts from the last 12 months' rate, with no trend.
func (e *EntryEstimate) offTrend() bool { return e.TrendOffRecent || e.TrendOffStep || e.TrendRunsOff }

// minStepMonths is the fewest months a level shift leaves on either side of it in stepFit.
const minStepMonths = 6

// minSeasonMonths is the fewest months of a window on which seasonality is tested. Over two
// years each month of the year is seen twice, and a trend fitted beside twelve monthly rates is
// then the ratio of the second year's months to the first's: the same as a step in the rate at
// the twelfth month, so that stepFit could never tell them apart (its gain 0), and a one-off
// drop in the entries passed for seasons and a steep trend (the la-sample to March 2019: -90% a
// year, a month's factor 2.4 beside another's 0.31). From three years on, each month of the year
// is seen in three years or more, and a trend (the same change from each year to the next) is
// told apart from a step (all of it between two years).
const minSeasonMonths = 36

// maxTrendSE is the largest standard error of the fitted log-trend (the fit's own, before the
// months' overdispersion widens it) of a fit that has not run off. A window of 12 months or more
// with MinChildren entries or more fits a trend to within sqrt(12/5) = 1.55 of its log at most;
// a fit whose error is beyond 10 has a trend running to -100% or +Inf% a year.
const maxTrendSE = 10

// seasonFits says whether the monthly counts y (month their months of the year, 0 January) can
// show seasonality: minSeasonMonths months or more, and MinChildren entries or more in each
// month of the year over the window. A month of the year with fewer would take a factor from a
// count of 0 to 4, a 0 for a month in which no child happened to enter.
func seasonFits(y []float64, month []int) bool {
	if len(y) < minSeasonMonths {
		return false
	}
	var n [12]float64
	for i, v := range y {
		n[month[i]] += v
	}
	return slices.Min(n[:]) >= MinChildren
}

// lastYear returns how many of the entrants ps of the window w entered in its last 12 months
// (the whole window when shorter), and how many years those months are.
func lastYear(ps []*period, w window) (n int, years float64) {
	last := max(w.to.addMonths(-12), w.from)
	for _, p := range ps {
		if p.start >= last {
			n++
		}
	}
	return n, float64(w.to-last) / model.DaysPerYear
}

// stepFit fits, for each month i that leaves minStepMonths or more on either side, one level
// of the counts y before it and another from it (x the rows of the model without them, one
// column of ones or twelve of the months), and returns the month of the best and its gain: the
// deviance trendDev of a fit with a trend instead less its deviance, over its overdispersion
// (the Pearson chi-square over its degrees of freedom, at least 1). Both fits have as many
// parameters, and the shift's month is chosen to fit best; the gain is 0 when no shift fits
// better or none can be fitted, and the month then the one of the lowest deviance (0 when none
// can be fitted).
func stepFit(x [][]float64, y, expo []float64, trendDev float64) (month int, gain float64) {
	best, lowest := 0, math.Inf(1)
	defer func() {
		if gain == 0 {
			month = best
		}
	}()
	for k := minStepMonths; k <= len(y)-minStepMonths; k++ {
		xs := make([][]float64, len(x))
		for i, row := range x {
			xs[i] = append(slices.Clone(row), 0)
			if i >= k {
				xs[i][len(row)] = 1
			}
		}
		f, err := fitPoisson(xs, y, expo)
		if err != nil {
			continue
		}
		if f.deviance < lowest {
			best, lowest = k, f.deviance
		}
		if g := (trendDev - f.deviance) / dispersion(f, xs, y, expo); g > gain {
			month, gain = k, g
		}
	}
	return month, gain
}

// recentOff says whether the last 12 months of the window w (ps its entrants) lie off the
// trend e carries: their count outside the 99% interval the fit gives for them (the 1% level,
// as the trend's own test, so that a trend that goes on is dropped by chance one window in a
// hundred, not one in ten). That count
// is the rate on the start date taken back over the months by the carried trend, its variance
// the count's own (Poisson, times the months' overdispersion) and that of the rate (its
// interval read as a normal one on the log scale). A one-off drop in entries early in the window
// fits a steep trend (the months before it high, those after low), and carried forward the trend
// takes the forecast on down where the months after the drop stay level: their last year comes
// above what the trend says of it. It records the comparison in e.
func (c *Calibration) recentOff(e *EntryEstimate, ps []*period, w window) bool {
	n, years := lastYear(ps, w)
	slope := math.Log1p(e.TrendCarried)
	mu := e.PerYear.Value * years
	if slope != 0 {
		mu = e.PerYear.Value * math.Expm1(slope*years) / slope * math.Exp(-slope*years)
	}
	s := (math.Log(e.PerYear.High) - math.Log(e.PerYear.Low)) / (2 * z90)
	sd := math.Sqrt(max(e.Dispersion, 1)*mu + mu*mu*s*s)
	e.RecentCount, e.RecentYears = n, years
	e.Recent = Interval{Value: mu, Low: max(mu-z99*sd, 0), High: mu + z99*sd, N: n}
	off := float64(n) < e.Recent.Low || float64(n) > e.Recent.High
	e.TrendOffRecent = off
	return off
}

// trendOff says why a trend that passed its test of none was not carried (e.TrendOffRecent
// or e.TrendOffStep), for the scenario's note and the quality report: the months' step, and the
// last 12 months' count against what the trend gives them, a count of fewer than 5 not written.
func trendOff(e *EntryEstimate) string {
	var why []string
	if e.TrendRunsOff {
		why = append(why, fmt.Sprintf("the fit of a trend runs off without bound (the months at one end of the window hold too few entries for any trend), and the months are taken as a step in the rate from %s",
			e.StepFrom.Format("January 2006")))
	}
	if e.TrendOffStep {
		why = append(why, fmt.Sprintf("a step in the rate from %s fits the monthly counts much better than a trend (its deviance lower by %s times the months' overdispersion, beyond the 6.63 of the 1%% level of a chi-square on one degree of freedom)",
			e.StepFrom.Format("January 2006"), strconv.FormatFloat(e.StepGain, 'f', 1, 64)))
	}
	if e.TrendOffRecent {
		why = append(why, fmt.Sprintf("the last 12 months' entries, %s, lie outside the %s to %s the trend gives them (99%%)",
			count(e.RecentCount, "child"), strconv.FormatFloat(e.Recent.Low, 'f', 1, 64), strconv.FormatFloat(e.Recent.High, 'f', 1, 64)))
	}
	if e.Averaged {
		return strings.Join(why, ", and ") + ": the scenario would assume the rate of the last 12 months, with no trend, but no child entered in them, and it assumes the window's average instead"
	}
	return strings.Join(why, ", and ") + ": the scenario assumes the rate of the last 12 months, with no trend"
}

// modelLimit returns the model's range of the scenario field named as scenario files spell it.
func modelLimit(field string) model.Limit {
	for _, l := range model.Limits() {
		if l.Field == field {
			return l
		}
	}
	panic("no model limit for " + field + " (a fault of placesim)")
}

// trendDecision says, for the data-quality report, whether the entries' trend is carried
// forward and why, from a fit of months monthly counts.
func trendDecision(e *EntryEstimate, months int) string {
	switch {
	case e.TrendFixed:
		if e.Averaged {
			return "No trend fitted (calibrate --no-trend): the scenario would assume the rate of the last 12 months of the window, but no child entered in them, and it assumes the window's average instead."
		}
		return "No trend fitted (calibrate --no-trend): the scenario assumes the rate of the last 12 months of the window."
	case e.Count < MinChildren || months < 12 || e.Trend.Low == e.Trend.High:
		return "The window is too short, or its entries too few, to fit a trend: the scenario assumes the window's average rate."
	}
	s := fmt.Sprintf("A log-linear Poisson fit of the %d monthly counts of entries finds a trend of %s a year (90%%: %s to %s), %s standard errors from none",
		months, pct(e.Trend.Value), pct(e.Trend.Low), pct(e.Trend.High), strconv.FormatFloat(math.Abs(e.TrendZ), 'f', 1, 64))
	if e.Dispersion > 1 {
		s += fmt.Sprintf(", its standard error widened by the months' variance, %s times the Poisson's", strconv.FormatFloat(e.Dispersion, 'f', 2, 64))
	}
	if e.TrendRunsOff {
		return s + ". This is no trend to carry: " + trendOff(e) + "."
	}
	s += ". A trend is carried forward only beyond 2.58 standard errors (the 1% level): carried for ten years, a trend found by chance (one window in ten at the 10% level) moves the forecast by tens of per cent. "
	if e.TrendUsed && e.TrendCapped != 0 {
		return s + fmt.Sprintf("This one is, shrunk towards none by 1-1/z² (z the standard errors from none) to %s a year, then held to %s a year, the limit a scenario accepts, the rate on the start date refitted with it.", pctHeld(e.TrendCapped), pct(e.TrendCarried))
	}
	if e.TrendUsed {
		return s + fmt.Sprintf("This one is, shrunk towards none by 1-1/z² (z the standard errors from none) to %s a year, the rate on the start date refitted with it.", pct(e.TrendCarried))
	}
	if e.offTrend() {
		return s + "This one passes that test but is not carried, because the months do not follow it: " + trendOff(e) + ". A step early in the window (a year of many entries, then few) fits a steep trend, which carried forward takes the forecast on down while the months after the step stay level; the trend is carried only where the last 12 months' count lies inside the 99% interval the fit gives them (the rate's and the count's uncertainty) and no single step in the rate, at any month leaving 6 or more on either side, fits the months better than the trend by more than the 1% level of a chi-square on one degree of freedom (6.63, the deviance over the months' overdispersion)."
	}
	return s + "This one is not: the scenario assumes the window's average rate, with no trend."
}

// ageMix returns the age mix of entrants, bands of fewer than MinChildren merged into a
// neighbour, with the need mix of each band.
func (c *Calibration) ageMix(ps []*period, uasc bool) []AgeShare {
	type cell struct {
		ages                        model.AgeRange
		n, male, known, residential int
	}
	cells := make([]cell, len(bands))
	for i, b := range bands {
		cells[i].ages = b
	}
	for _, p := range ps {
		bi := bandOf(ageYears(p.dob, p.start), bands)
		if bi < 0 {
			continue
		}
		cl := &cells[bi]
		cl.n++
		if p.sex != sexUnknown {
			cl.known++
			if p.sex == sexMale {
				cl.male++
			}
		}
		if pls := c.ret.placements(p); len(pls) > 0 && pls[0].kind.category() == model.Residential {
			cl.residential++
		}
	}
	// Merge bands with 1-4 children into the smaller neighbour until none is left.
	for {
		small := -1
		for i, cl := range cells {
			if cl.n > 0 && cl.n < MinChildren && len(cells) > 1 {
				small = i
				break
			}
		}
		if small < 0 {
			break
		}
		a, b := mergeWith(small, len(cells), func(i int) int { return cells[i].n })
		m := cells[a]
		m.ages.ToYears = cells[b].ages.ToYears
		m.n += cells[b].n
		m.male += cells[b].male
		m.known += cells[b].known
		m.residential += cells[b].residential
		cells = append(cells[:a], append([]cell{m}, cells[b+1:]...)...)
	}
	var total int
	for _, cl := range cells {
		total += cl.n
	}
	var out []AgeShare
	for _, cl := range cells {
		if cl.n == 0 {
			continue
		}
		a := AgeShare{Ages: cl.ages, Children: cl.n, Share: wilson(float64(cl.n), float64(total))}
		if cl.known > 0 {
			a.MaleShare = wilson(float64(cl.male), float64(cl.known))
		} else {
			a.MaleShare = Interval{Value: c.baseMale(cl.ages, uasc)}
		}
		a.Residential = wilson(float64(cl.residential), float64(cl.n))
		a.Needs = c.needs(cl.ages, uasc, a.Residential.Value)
		out = append(out, a)
	}
	return out
}

// baseMix returns the base scenario's age-mix entry covering the start of band ages.
func (c *Calibration) baseMix(ages model.AgeRange, uasc bool) *model.AgeShare {
	mix := c.base.Entries.Ages
	if uasc {
		mix = c.base.UASC.Ages
	}
	for i := range mix {
		if mix[i].Ages.FromYears <= ages.FromYears && ages.FromYears <= mix[i].Ages.ToYears {
			return &mix[i]
		}
	}
	for i := range mix {
		if mix[i].Ages.FromYears <= ages.ToYears && ages.FromYears <= mix[i].Ages.ToYears {
			return &mix[i]
		}
	}
	return nil
}

func (c *Calibration) baseMale(ages model.AgeRange, uasc bool) float64 {
	if m := c.baseMix(ages, uasc); m != nil {
		return m.MaleShare
	}
	return 0.5
}

// needs returns the need mix of a band of entrants. The return does not record needs: for
// children who are not UASC the complex and solo share is the share residential of the band,
// as the calibrated scenario's ladders take every complex child who is not UASC to
// residential care (Scenario), split between complex and solo as in the base's mix. UASC keep
// the base's needs.
func (c *Calibration) needs(ages model.AgeRange, uasc bool, residential float64) [model.NumNeeds]float64 {
	base := c.baseMix(ages, uasc)
	if uasc || base == nil {
		if base != nil {
			return base.NeedShares
		}
		return [model.NumNeeds]float64{1, 0, 0}
	}
	hard := min(1, residential)
	soloRatio := 0.0
	if s := base.NeedShares[model.NeedComplex] + base.NeedShares[model.NeedSolo]; s > 0 {
		soloRatio = base.NeedShares[model.NeedSolo] / s
	}
	hard = math.Round(hard*1000) / 1000
	solo := math.Round(hard*soloRatio*1000) / 1000
	return [model.NumNeeds]float64{1 - hard, hard - solo, solo}
}

// uasc estimates the arrival rate and age mix of UASC.
func (c *Calibration) uasc(w window) {
	u := &c.Estimates.UASC
	ps := c.entrants(w, true)
	u.Count = len(ps)
	u.PerYear = poissonRate(len(ps), w.years())
	if c.ret.Quality.NoUASCFile {
		c.thinOr("UASC arrivals", len(ps), "none: no UASC file was given, so UASC cannot be told apart")
	} else {
		c.thinOr("UASC arrivals", len(ps), "none (too few to show)")
	}
	if len(ps) >= MinChildren {
		u.Ages = c.ageMix(ps, true)
	}
}

// stayGroup selects the children of one stay estimate.
type stayGroup struct {
	ages model.AgeRange
	uasc bool
	in   string // the kind they are placed in, or "" for every kind
}

// groups are the stay groups, in the order the scenario's rules take them: UASC first (so
// that their rules match them before the rules by age), then the others by age.
func groups() []stayGroup {
	var gs []stayGroup
	for _, b := range uascBands {
		gs = append(gs, stayGroup{ages: b, uasc: true})
	}
	for _, b := range bands {
		gs = append(gs, stayGroup{ages: b})
	}
	return gs
}

func (g stayGroup) String() string {
	if g.uasc {
		return "UASC aged " + g.ages.String()
	}
	if g.in != "" {
		return "children aged " + g.ages.String() + " in " + g.in
	}
	return "children aged " + g.ages.String()
}

// stayEdges are the band edges, in days, of the Kaplan-Meier part of the tables of time in
// care: each month to 6 months, every 2 months to a year, each quarter to 3 years, each half
// year to 6 years, then 7, 8, 9, 10, 12 and 15 years. Stays are drawn uniformly within a band,
// which lengthens them where the curve falls steeply: bands this narrow keep that within about
// 1% of the mean stay, for mean stays of 5 months and more.
var stayEdges = []float64{30, 61, 91, 122, 152, 182, 243, 304, 365, 456, 548, 639, 730, 821, 913, 1004, 1096,
	1278, 1461, 1644, 1826, 2009, 2191, 2557, 2922, 3287, 3652, 4383, 5479}

// untilEighteen is the longest stay that matters for a band: until the 18th birthday of its
// youngest, in whole days.
func untilEighteen(ages model.AgeRange) float64 {
	return math.Round(float64(18-ages.FromYears) * model.DaysPerYear)
}

// stays estimates time in care and exit routes by age at entry, from the window's entrants
// and the children in care when it begins, whose period's start is known (underWay) or
// imputed (imputeUnknownStarts), each followed to the window's end.
func (c *Calibration) stays(w window) {
	gs := groups()
	ests := make([]StayEstimate, len(gs))
	all := make([][]observation, len(gs))
	for gi, g := range gs {
		var obs []observation
		est := &ests[gi]
		*est = StayEstimate{Ages: g.ages, UASC: g.uasc}
		for _, p := range c.entrants(w, g.uasc) {
			if bandOf(ageYears(p.dob, p.start), []model.AgeRange{g.ages}) < 0 {
				continue
			}
			est.Children++
			t, event := c.followUp(p, p.start, w.to)
			obs = append(obs, observation{t: t, event: event, w: 1, limit: followUpLimit(p, p.start, w.to), left: leftBy(p, w.to), counted: true, who: p})
			if event {
				est.Events++
				rt, _ := p.route()
				est.ExitCounts[rt]++
			}
		}
		// The children in care when the window begins whose period's start the data show
		// (their first episode in the data starts it) are followed from then on: observed
		// from their time in care on that day (delayed entry), they add the late part of
		// the curve, which the window's entrants rarely reach, and their days in care in
		// the window, which the Markov demand models councils use count too. Without them
		// the stays of a five-year window rested on its entrants alone, and the ten-year
		// forecast of children in care (TestForecastStudy) had a root mean squared error
		// 0.5-3 points above such a model's. The others then in care, whose start the data
		// do not show, are added with their start imputed (imputeUnknownStarts).
		for _, p := range c.underWay(w, g.uasc) {
			if bandOf(ageYears(p.dob, p.start), []model.AgeRange{g.ages}) < 0 {
				continue
			}
			entry := float64(w.from - p.start)
			t, event := c.followUp(p, p.start, w.to)
			if t <= entry {
				continue
			}
			est.Children++
			est.UnderWay++
			obs = append(obs, observation{entry: entry, t: t, event: event, w: 1, limit: followUpLimit(p, p.start, w.to), left: leftBy(p, w.to), counted: true, who: p})
			if event {
				est.Events++
				rt, _ := p.route()
				est.ExitCounts[rt]++
			}
		}
		all[gi] = obs
	}
	c.imputeUnknownStarts(w, gs, ests, all)
	shapes := sharedShapes(gs, all)
	for _, sh := range shapes {
		if sh != nil {
			c.entryShape = sh
			break
		}
	}
	// The tail's scale is set so that the band's mean stay is its days in care over its
	// entrants (littleTarget, littleMean): the Kaplan-Meier curve's point at the tail's start
	// rests on the band's entrants of the window alone (about a tenth either way for a band
	// of 30 entries a year), and the mean stay with it; days in care rest on every child the
	// band's curve takes. Set for Weibull tails alone, over the band's leavers, the root mean
	// squared error of the ten-year forecast of the study's truths with such stays
	// (TestForecastStudy, 96 returns of each truth) fell from 9.2%, 6.3% and 4.4% to 7.9%,
	// 5.9% and 4.0% at 60, 150 and 350 entries a year, and set for exponential tails too it
	// rose by up to 0.8 points at 60 a year and for the three-year window; over the band's
	// entrants, whose count the scenario's rate of entries is, the chance of that count
	// cancels in the forecast, and it fell for every truth, exponential tails included.
	var perAge [18]float64
	for _, p := range c.entrants(w, false) {
		if a := ageYears(p.dob, p.start); a >= 0 && a < 18 {
			perAge[a]++
		}
	}
	for gi, g := range gs {
		var lt *littleTarget
		if e := c.Estimates.Entries; !e.TrendUsed && !e.offTrend() && !c.notSteady && !g.uasc && g.ages.FromYears < 16 {
			var occ, left float64
			for _, o := range all[gi] {
				occ += o.w * max(0, o.t-o.entry)
				if o.left {
					left += o.w
				}
			}
			// The band's entrants: its children but those under way when the window began.
			entered := float64(ests[gi].Children - ests[gi].UnderWay - ests[gi].Imputed)
			if mean, ok := littleMean(occ, left, entered, float64(w.to-w.from)); ok {
				lt = &littleTarget{mean: mean, perAge: perAge}
			}
		}
		c.finishStay(&ests[gi], all[gi], g, false, shapes[gi], lt)
	}
	c.Estimates.Stays = append(c.Estimates.Stays, ests...)
}

// imputeDraws is the number of starts imputed for each child in care when the window begins
// whose period's start the return does not show, and imputeRounds the rounds of imputation,
// each from the curves the one before gave. On the forecast study's returns (TestForecastStudy,
// 48 of each of five truths) 8 draws and 2 rounds moved no truth's squared error by more than
// its noise, and took 20% more time to calibrate than none, where these take 8%.
const imputeDraws, imputeRounds = 4, 1

// imputeUnknownStarts adds to the observations by band of age at entry the children who are
// not UASC and in care when the window begins whose period's start the return does not
// show: their period began before their first episode in the data. Each is taken imputeDraws
// times, with weights adding to one, at stratified quantiles of their time in care on the
// window's first day given that it is longer than the time since that episode began: in a
// steady stock it has a density proportional to the rate of entries at the age at entry it
// implies times the chance of a stay that long, at that age, which the curves estimated so
// far give (those of the others, in the first round).
func (c *Calibration) imputeUnknownStarts(w window, gs []stayGroup, ests []StayEstimate, all [][]observation) {
	var unknown []*period
	for i := range c.ret.periods {
		p := &c.ret.periods[i]
		if !p.knownStart && !p.uasc && p.start < w.from && (p.end == noDay || p.end > w.from) {
			unknown = append(unknown, p)
		}
	}
	if len(unknown) == 0 {
		return
	}
	// The entries by year of age at entry.
	var perAge [18]float64
	for _, p := range c.entrants(w, false) {
		if a := ageYears(p.dob, p.start); a >= 0 && a < 18 {
			perAge[a]++
		}
	}
	first := len(uascBands)
	known := make([][]observation, len(gs))
	for gi := range gs {
		known[gi] = all[gi]
	}
	// The time in care on the window's first day is taken on a grid of step days; a leaver's
	// rate of leaving from the curve's fall over hazardSpan days either side of their stay.
	const step, hazardSpan = 30.0, 45.0
	for round := range imputeRounds {
		shapes := sharedShapes(gs, all)
		type curve struct {
			sv   survival
			tail tailFit
			s0   float64
		}
		curves := make([]*curve, len(bands))
		for bi := range bands {
			obs := all[first+bi]
			if len(obs) < MinChildren {
				continue
			}
			sv := kaplanMeier(obs)
			tail := fitTail(obs, tailStart(obs, sv.maxT))
			if sh := shapes[first+bi]; sh != nil {
				tail = tailDataOf(obs, tail.from).fit(*sh)
			}
			s0, _, _ := sv.at(tail.from)
			curves[bi] = &curve{sv, tail, s0}
		}
		surv := func(bi int, d float64) float64 {
			cv := curves[bi]
			if cv == nil {
				return 0
			}
			if d <= cv.tail.from {
				s, _, _ := cv.sv.at(d)
				return s
			}
			return cv.s0 * cv.tail.survival(d)
		}
		next := make([][]observation, len(gs))
		for gi := range gs {
			next[gi] = slices.Clone(known[gi])
		}
		for _, p := range unknown {
			rest, event := c.followUp(p, w.from, w.to)
			if rest <= 0 {
				continue
			}
			ageNow := float64(w.from - p.dob)
			low := float64(w.from - p.start)
			// The chance of what the window shows of the child's period, for a time in care
			// d on its first day: in care until d+rest, and leaving then where they left. It
			// weighs the bands of age at entry by how long their children stay, which the
			// child's time in care after the window began tells of.
			seen := func(bi int, d float64) float64 {
				t := d + rest
				if !event {
					return surv(bi, t)
				}
				lo, hi := max(0, t-hazardSpan), t+hazardSpan
				return max(0, surv(bi, lo)-surv(bi, hi)) / (hi - lo)
			}
			var ds, cum []float64
			var total float64
			grid := func(chance func(bi int, d float64) float64) {
				ds, cum, total = ds[:0], cum[:0], 0
				for d := low + step/2; d < ageNow; d += step {
					a := int((ageNow - d) / model.DaysPerYear)
					bi := bandOf(a, bands)
					if bi < 0 {
						continue
					}
					total += perAge[a] * chance(bi, d)
					ds = append(ds, d)
					cum = append(cum, total)
				}
			}
			grid(seen)
			if total <= 0 {
				// No curve has a leaver there: the time in care alone.
				grid(surv)
			}
			if total <= 0 {
				continue
			}
			lim := followUpLimit(p, w.from, w.to)
			for m := range imputeDraws {
				u := (float64(m) + 0.5) / float64(imputeDraws) * total
				j, _ := slices.BinarySearch(cum, u)
				j = min(j, len(ds)-1)
				d := ds[j]
				bi := bandOf(int((ageNow-d)/model.DaysPerYear), bands)
				// The middle draw of the last round counts the child, in its band (est.Imputed).
				counted := round == imputeRounds-1 && m == imputeDraws/2
				next[first+bi] = append(next[first+bi], observation{entry: d, t: d + rest, event: event, w: 1 / float64(imputeDraws), limit: d + lim, left: leftBy(p, w.to), counted: counted, who: p})
				if round == imputeRounds-1 && m == imputeDraws/2 {
					est := &ests[first+bi]
					est.Children++
					est.Imputed++
					if event {
						est.Events++
						rt, _ := p.route()
						est.ExitCounts[rt]++
					}
				}
			}
		}
		copy(all, next)
	}
}

// sharedShapes fits one shape to the tails of the groups that are not UASC, each from its own
// start (tailStart) with its own scale, and returns it for each of them (nil for UASC and
// for groups too few to estimate). How the rate of leaving falls with time in care is
// much alike across ages, and a shape fitted to each band's few late leavers alone would
// rarely show it: a five-year window of a council of 60 entries a year shows some 20 of
// them in a band.
func sharedShapes(gs []stayGroup, all [][]observation) []*tailShape {
	var ds []tailData
	var idx []int
	for gi, g := range gs {
		if g.uasc || len(all[gi]) < MinChildren {
			continue
		}
		var maxT float64
		for _, o := range all[gi] {
			if o.t > o.entry {
				maxT = max(maxT, o.t)
			}
		}
		ds = append(ds, tailDataOf(all[gi], tailStart(all[gi], maxT)))
		idx = append(idx, gi)
	}
	out := make([]*tailShape, len(gs))
	if len(ds) == 0 {
		return out
	}
	sh := sharedShape(ds)
	for _, gi := range idx {
		out[gi] = &sh
	}
	return out
}

// followUp returns the time in days from since to the end of the period or to the window's
// end, whichever is first, and whether the period ended there by leaving care before 18 (an
// event); a period lost from view or ending at 18 is censored. Every child is followed up at
// most until eighteenTolerance days before their 18th birthday: a period ending after that
// counts as ending at 18 whatever its reason, so that leaving before 18 in those days cannot
// be told from leaving at 18, and counting those leavers as censored would leave out the
// rate of leaving of every child in their last days before 18 (stays of children entering at
// 16-17 came out 4-6% too long). The table then carries the rate up to that point to the
// birthday.
func (c *Calibration) followUp(p *period, since, to day) (float64, bool) {
	end := p.end
	if cut := p.dob.addYears(18) - eighteenTolerance; cut < to {
		to = max(cut, since)
		if end != noDay && end > to {
			return float64(to - since), false
		}
	}
	if end == noDay || end > to {
		return float64(to - since), false
	}
	t := float64(end - since)
	rt, ok := p.route()
	if !ok || rt == age18 || rt == stayingPut {
		return t, false
	}
	return max(t, 0.5), true
}

// finishStay turns the Kaplan-Meier estimate of obs into a table and exit shares, or takes
// the base scenario's rule when the children are too few.
func (c *Calibration) finishStay(est *StayEstimate, obs []observation, g stayGroup, stock bool, shape *tailShape, lt *littleTarget) {
	when := " at entry"
	if stock {
		when = " in care"
	}
	if g.in != "" {
		when = "" // "in" the kind says it
	}
	est.group = g.String() + when
	what := "time in care of " + g.String() + when
	if stock {
		what = "remaining " + what
	}
	c.thin(what, est.Children)
	if est.Children < MinChildren {
		est.Fallback, est.ExitsFallback = true, true
		return
	}
	sv := kaplanMeier(obs)
	// Stays at entry matter up to the 18th birthday of the youngest in the band. The whole
	// stays of the children in care, whose remaining part is drawn, can have begun at birth.
	u := untilEighteen(g.ages)
	if stock {
		u = untilEighteen(bands[0])
	}
	tail := fitTail(obs, tailStart(obs, sv.maxT))
	if shape != nil || stock {
		// The remaining times of a stock take their tail's scale as the maximum likelihood
		// does (tailData.remaining).
		d := tailDataOf(obs, tail.from)
		d.remaining = stock
		s := tailShape{k: tail.shape, lr: tail.lr}
		if shape != nil {
			s = *shape
		}
		tail = d.fit(s)
	}
	// The table follows the Kaplan-Meier curve up to the tail's start, and beyond it as long
	// as the children who could have been followed that long, times the share the tail says
	// is still in care then, are minAtRisk or more; then the tail. The curve's last points
	// rest on a child or two, and stand where they do because those few stayed: taken on
	// their own they lengthen the stays of a small council by a few per cent.
	s0, _, _ := sv.at(tail.from)
	var edges []float64
	for _, e := range stayEdges {
		if e >= sv.maxT || e >= u {
			break
		}
		if e > tail.from {
			var followed float64
			for _, o := range obs {
				if o.entry < e && o.limit >= e {
					followed += o.w
				}
			}
			if followed*s0*tail.survival(e) < minAtRisk {
				break
			}
		}
		edges = append(edges, e)
	}
	// Where the fitted tail, anchored on the curve at its start, lies within the curve's 90%
	// interval at each edge beyond it, the table takes the tail from its start: the curve's
	// points beyond it add the chance of its few late leavers and nothing the fit leaves out.
	// Following the curve there put 0.9-11 more points of squared error on the ten-year
	// forecast of the study's truths with long stays and falling rates of leaving
	// (TestForecastStudy).
	followed := edges
	if tail.from > 0 && tail.within(sv, s0, edges) {
		n := 0
		for n < len(edges) && edges[n] <= tail.from {
			n++
		}
		edges = edges[:n]
	}
	var surv []float64
	prev := 0.0
	for _, e := range edges {
		s, l, h := sv.at(e)
		est.Survival = append(est.Survival, SurvivalPoint{Days: e, Share: s, Low: l, High: h, Left: leavers(obs, prev, e)})
		surv = append(surv, s)
		prev = e
	}
	lastEdge := 0.0
	if len(edges) > 0 {
		lastEdge = edges[len(edges)-1]
	}
	// Children entering at 16-17 are in care two years at most, and few of the window's
	// are followed up to the late part of the curve: a fit of the whole curve, where it
	// stays within the curve's 90% interval, draws their stays.
	if !stock && g.ages.FromYears >= 16 {
		if whole := fitTail(obs, 0); whole.follows(sv, followed) {
			// The table is the tail's from the first day: none of the curve's points is in
			// it, nor beside it in the file.
			tail, edges, surv = whole, nil, nil
		}
	}
	// A group of fewer than minStepChildren children is not written step by step: each step of
	// its curve would be one child of a few (1/7 of the UASC aged 0-15 leaving at 152 days),
	// a count of fewer than 5 by the share. A fit of the whole curve draws their stays.
	if est.Children < minStepChildren && len(edges) > 0 {
		tail, edges, surv = fitTail(obs, 0), nil, nil
		est.Survival = nil
	}
	// Nor does a larger group's table step by fewer than 5 children: its points are pooled so
	// that each step covers none or 5 or more leavers (pooledSteps), and where the curve up to
	// the tail's start cannot be so written, a fit of the whole curve draws the stays.
	if len(edges) > 0 {
		keep, ok := pooledSteps(est.Survival, obs, tail.from)
		if !ok {
			tail, edges, surv = fitTail(obs, 0), nil, nil
			est.Survival = nil
		} else if len(keep) < len(edges) {
			est.Survival = keep
			edges, surv = edges[:0], surv[:0]
			for _, p := range keep {
				edges = append(edges, p.Days)
				surv = append(surv, p.Share)
			}
		}
	}
	// The tail's scale is set so that the table's mean stay cut at 18 is the band's days in
	// care over its entrants (littleTarget, littleMean): the mean stay of a Weibull tail,
	// its rate of leaving falling with time in care, rests on how far that fall is carried
	// beyond the years the window shows, and that of any tail on the curve's point at its
	// start.
	little := 0.0
	if lt != nil && tail.from > 0 && !math.IsInf(tail.scale, 1) {
		var ok bool
		if tail, ok = lt.rescale(edges, surv, tail, u, g.ages); ok {
			little = lt.mean
		}
	}
	est.Followed = len(edges)
	edges, surv, beyond := extendTail(edges, surv, tail, u)
	est.Tail = TailFit{Family: "exponential", FromDays: tail.from, Shape: tail.shape, ScaleDays: tail.scale, LR: tail.lr,
		Children: tail.children, Events: tail.leavers, MaxDays: sv.maxT, Gap: tail.gap(sv, lastEdge), GapDays: lastEdge, AtEighteen: beyond,
		MeanStayDays: little}
	if est.Followed > 0 {
		last := est.Survival[est.Followed-1]
		est.Tail.LastDays, est.Tail.Beyond = last.Days, last.Share
	} else {
		est.Tail.Beyond = 1
	}
	switch {
	case math.IsInf(tail.scale, 1):
		est.Tail.Family = "none"
	case tail.weibull:
		est.Tail.Family = "weibull"
	}
	if stock {
		est.Table = residualInverse(edges, surv, u)
		est.Tail.AtEighteen = 0
	} else {
		est.Table = tailTable(edges, surv, beyond, u)
	}
	c.ret.Quality.Tails = append(c.ret.Quality.Tails, Tail{What: what, Fit: est.Tail})
	// The median with the interval of the times whose survival interval holds one half.
	est.Median = Interval{Value: sv.quantile(0.5), Low: math.NaN(), High: math.NaN(), N: est.Children}
	for _, t := range sv.times {
		_, l, h := sv.at(t)
		if math.IsNaN(est.Median.Low) && l <= 0.5 {
			est.Median.Low = t
		}
		if math.IsNaN(est.Median.High) && h <= 0.5 {
			est.Median.High = t
		}
	}
	if est.Events < ThinChildren {
		c.thin("exit routes of "+g.String()+when, est.Events)
	}
	if est.Events < MinChildren {
		est.ExitsFallback = true
		return
	}
	est.Exits = roundShares(est.ExitCounts[:])
}

// pooledSteps returns the points of a Kaplan-Meier curve a table may follow, so that no step
// from one point to the next (or from the start to the first) is that of 1 to 4 children
// leaving: each is a step of a child's share of those at risk, which the step's size gives away
// (a step of one exit is 1/n). A point is kept where the leavers since the last point kept are
// none or 5 or more, and the curve's last point is kept where it can be, its step taking those
// of the points before it back to one of 5 or more, so that the tail starts where it did. Where
// the last point's leavers are 1 to 4 and none of 5 or more can take them, the points kept end
// at the last before them; false when that one lies before the tail's start, from which the
// table would be flat up to it.
func pooledSteps(pts []SurvivalPoint, obs []observation, tailFrom float64) ([]SurvivalPoint, bool) {
	var keep []SurvivalPoint
	last := 0.0
	for _, p := range pts {
		if n := leavers(obs, last, p.Days); n == 0 || n >= MinChildren {
			p.Left = n
			keep = append(keep, p)
			last = p.Days
		}
	}
	end := pts[len(pts)-1]
	if last == end.Days {
		return keep, true
	}
	// Back to a point whose step is 5 or more leavers, whose step then takes those after it.
	for len(keep) > 0 {
		p := keep[len(keep)-1]
		keep = keep[:len(keep)-1]
		if p.Left > 0 {
			break
		}
	}
	from := 0.0
	if len(keep) > 0 {
		from = keep[len(keep)-1].Days
	}
	if n := leavers(obs, from, end.Days); n >= MinChildren {
		end.Left = n
		return append(keep, end), true
	}
	// Nothing can take the last leavers: the points with no child leaving before them.
	keep = keep[:0]
	for _, p := range pts {
		if leavers(obs, 0, p.Days) > 0 {
			break
		}
		p.Left = 0
		keep = append(keep, p)
	}
	if len(keep) == 0 || keep[len(keep)-1].Days < tailFrom {
		return nil, false
	}
	return keep, true
}

// minAtRisk is the fewest children the table of time in care follows the Kaplan-Meier curve
// with beyond the tail's start: the children who could have been followed that long times
// the share the fitted tail says is still in care then. Where fewer are, the curve's points
// stand where the few who stayed put them, above the truth on average.
const minAtRisk = 10

// maxBins is the most bands a table of time in care has (the scenario format allows 100).
const maxBins = 60

// tailStart returns where the late part of a survival curve starts, to which the tail is
// fitted: one year, or half the longest time observed when that is shorter (at one of the
// table's edges); from the start when fewer than MinChildren events lie beyond it.
func tailStart(obs []observation, maxT float64) float64 {
	from := 0.0
	for _, e := range stayEdges {
		if e <= 365 && e <= maxT/2 {
			from = e
		}
	}
	var events float64
	for _, o := range obs {
		if o.event && o.t > from {
			events += o.w
		}
	}
	if events < MinChildren {
		return 0
	}
	return from
}

// extendTail extends survival at the edges of the Kaplan-Meier curve with the tail fit,
// anchored at the last edge (or at 1 before the first), up to u, and returns the survival at
// u as well. The tail's bands are a quarter of the expected remaining stay wide (a month to a
// year), so that drawing uniformly within them keeps the mean within about 1%, and stop once
// less than one child in 20,000 is left.
func extendTail(edges, surv []float64, f tailFit, u float64) ([]float64, []float64, float64) {
	lastT, lastS := 0.0, 1.0
	if n := len(edges); n > 0 {
		lastT, lastS = edges[n-1], surv[n-1]
	}
	at := func(t float64) float64 {
		base := f.survival(max(lastT, f.from))
		if base <= 0 {
			return 0
		}
		return lastS * f.survival(max(t, f.from)) / base
	}
	edges, surv = slices.Clone(edges), slices.Clone(surv)
	for e, s := lastT, lastS; s >= 0.5e-4 && len(edges) < maxBins-2; {
		// The expected remaining stay at e: 1/hazard for the Weibull's local hazard.
		rest := f.scale
		if f.weibull && e > 0 {
			rest = math.Pow(f.scale, f.shape) / (f.shape * math.Pow(e, f.shape-1))
		}
		e = math.Round(e + min(365, max(30, rest/4)))
		if e >= u {
			break
		}
		s = at(e)
		edges = append(edges, e)
		surv = append(surv, s)
	}
	return edges, surv, at(u)
}

// tailTable turns survival at the edges into an empirical table: the share leaving in each
// band, then what is left at the last edge up to u, and the share still in care at u (the
// 18th birthday of the youngest in the band) just beyond it, where the 18th birthday ends
// every stay.
func tailTable(edges, surv []float64, atU, u float64) []model.Bin {
	var shares []float64
	prev := 1.0
	for _, s := range surv {
		shares = append(shares, prev-s)
		prev = s
	}
	if math.Round(atU*1e4) == 0 {
		return binTable(edges, append(shares, prev), u)
	}
	shares = append(shares, prev-atU, atU)
	return binTable(append(slices.Clone(edges), u), shares, u+1)
}

// residualInverse returns a table T of whole times in care whose remaining times, as the
// simulator draws them for the children in care at the start (the equilibrium residual, with
// a density proportional to T's survival), follow the remaining times observed: S at the
// edges. With T uniform within bands, E[min(T, x)] is linear in T's band shares, and the
// residual survival at x is 1 - E[min(T, x)]/E[T]; so S at each edge gives an equation
// linear in the shares, solved in least squares with shares that are not negative and sum to
// 1 (Lawson and Hanson's non-negative least squares), once S is one such a residual can have
// (convexResidual).
func residualInverse(edges, surv []float64, u float64) []model.Bin {
	surv = convexResidual(edges, surv, u)
	all := append(append([]float64{}, edges...), u)
	n := len(all)
	mid := make([]float64, n)
	lo := 0.0
	for k, e := range all {
		mid[k] = (lo + e) / 2 / u
		lo = e
	}
	// One row per edge: sum_k p_k (E[min(T_k, e_i)] - (1 - S_i) mid_k) = 0, in units of u;
	// and a heavily weighted row for sum_k p_k = 1.
	const weight = 100
	var m [][]float64
	var b []float64
	for i, e := range edges {
		row := make([]float64, n)
		for k := range all {
			c := e / u
			if all[k] <= e {
				c = mid[k]
			}
			row[k] = c - (1-surv[i])*mid[k]
		}
		m = append(m, row)
		b = append(b, 0)
	}
	one := make([]float64, n)
	for k := range one {
		one[k] = weight
	}
	m = append(m, one)
	b = append(b, weight)
	shares := nnls(m, b)
	var sum float64
	for _, v := range shares {
		sum += v
	}
	if !(sum > 0) {
		shares = make([]float64, n)
		shares[n-1], sum = 1, 1
	}
	for k := range shares {
		shares[k] /= sum
	}
	return binTable(edges, shares, u)
}

// convexResidual returns the survival at the edges nearest to surv that a remaining time
// drawn as the simulator draws it can have: one whose rate of leaving, per day, is highest at
// the start and never rises (its density is the whole stay's survival over the mean stay).
// The drops between edges, per day, are pooled where they rise (pool-adjacent-violators,
// weighted by the days between edges), the last band ending at u with no one left; survival
// at the ends of pooled runs is kept and the drops within them are spread evenly. Children
// in care, taken on a day, often leave more slowly in the first months than a few months on
// (babies placed for adoption, a stay's first review still ahead); without the pooling the
// table's fit traded the first months away, and a starting stock lost two to five times as
// many children in its first month as the return's curve says.
func convexResidual(edges, surv []float64, u float64) []float64 {
	type run struct{ drop, days float64 }
	var runs []run
	prevT, prevS := 0.0, 1.0
	for i := 0; i <= len(edges); i++ {
		t, s := u, 0.0
		if i < len(edges) {
			t, s = edges[i], surv[i]
		}
		r := run{prevS - s, t - prevT}
		prevT, prevS = t, s
		for len(runs) > 0 && r.drop*runs[len(runs)-1].days > runs[len(runs)-1].drop*r.days {
			last := runs[len(runs)-1]
			runs = runs[:len(runs)-1]
			r = run{r.drop + last.drop, r.days + last.days}
		}
		runs = append(runs, r)
	}
	out := make([]float64, len(edges))
	s, prevT, i := 1.0, 0.0, 0
	for _, r := range runs {
		rate := 0.0
		if r.days > 0 {
			rate = r.drop / r.days
		}
		for end := prevT + r.days; i < len(edges) && edges[i] <= end+1e-9; i++ {
			out[i] = s - rate*(edges[i]-prevT)
		}
		s -= r.drop
		prevT += r.days
	}
	return out
}

// nnls solves min |m x - b| subject to x >= 0 by Lawson and Hanson's active-set method.
func nnls(m [][]float64, b []float64) []float64 {
	n := len(m[0])
	x := make([]float64, n)
	passive := make([]bool, n)
	gradient := func() []float64 {
		w := make([]float64, n)
		for i, row := range m {
			r := b[i]
			for j, v := range row {
				r -= v * x[j]
			}
			for j, v := range row {
				w[j] += v * r
			}
		}
		return w
	}
	// The normal equations' matrix and right-hand side, summed once over the rows (in the
	// rows' order, so each solve below sees the same sums it would form itself).
	gram := make([][]float64, n)
	mb := make([]float64, n)
	for j := range n {
		gram[j] = make([]float64, n)
		for k := range n {
			for _, row := range m {
				gram[j][k] += row[j] * row[k]
			}
		}
		for i, row := range m {
			mb[j] += row[j] * b[i]
		}
	}
	// solveOn solves the unconstrained least squares on the passive columns.
	solveOn := func() []float64 {
		var cols []int
		for j := range n {
			if passive[j] {
				cols = append(cols, j)
			}
		}
		a := make([][]float64, len(cols))
		rhs := make([]float64, len(cols))
		for p, j := range cols {
			a[p] = make([]float64, len(cols))
			for q, k := range cols {
				a[p][q] = gram[j][k]
			}
			a[p][p] += 1e-12
			rhs[p] = mb[j]
		}
		z := make([]float64, n)
		sol, err := solve(a, rhs)
		if err != nil {
			return z
		}
		for p, j := range cols {
			z[j] = sol[p]
		}
		return z
	}
	const tol = 1e-10
	for iter := 0; iter < 3*n; iter++ {
		w := gradient()
		t, best := -1, tol
		for j := range n {
			if !passive[j] && w[j] > best {
				t, best = j, w[j]
			}
		}
		if t < 0 {
			break
		}
		passive[t] = true
		for range 3 * n {
			z := solveOn()
			alpha, ok := 1.0, true
			for j := range n {
				if passive[j] && z[j] <= tol {
					ok = false
					if d := x[j] - z[j]; d > 0 {
						alpha = min(alpha, x[j]/d)
					}
				}
			}
			if ok {
				copy(x, z)
				break
			}
			for j := range n {
				x[j] += alpha * (z[j] - x[j])
				if passive[j] && x[j] <= tol {
					passive[j], x[j] = false, 0
				}
			}
		}
	}
	return x
}

// binTable builds a table from band shares (one more than the edges, the last up to u),
// rounded to four decimals and summing to 1.
func binTable(edges, shares []float64, u float64) []model.Bin {
	rounded := make([]float64, len(shares))
	big := 0
	var sum float64
	for i, s := range shares {
		rounded[i] = math.Round(max(s, 0)*1e4) / 1e4
		sum += rounded[i]
		if rounded[i] > rounded[big] {
			big = i
		}
	}
	rounded[big] = math.Round((rounded[big]+1-sum)*1e4) / 1e4
	var out []model.Bin
	for i, s := range rounded {
		up := u
		if i < len(edges) {
			up = edges[i]
		}
		out = append(out, model.Bin{UpToDays: up, Share: s})
	}
	return out
}

// roundShares returns counts as shares rounded to three decimals, summing to 1.
func roundShares(counts []int) [model.NumEarlyExitRoutes]float64 {
	var out [model.NumEarlyExitRoutes]float64
	var total int
	for _, n := range counts[:model.NumEarlyExitRoutes] {
		total += n
	}
	if total == 0 {
		return out
	}
	big := 0
	var sum float64
	for i := range out {
		out[i] = math.Round(float64(counts[i])/float64(total)*1000) / 1000
		sum += out[i]
		if counts[i] > counts[big] {
			big = i
		}
	}
	out[big] = math.Round((out[big]+1-sum)*1000) / 1000
	return out
}

// referenceDays are the days on which the children in care are taken to estimate remaining
// times: the start of each quarter of the window.
func referenceDays(w window) []day {
	var out []day
	for d := w.from.monthStart(); d < w.to; d = d.addMonths(3) {
		if d >= w.from {
			out = append(out, d)
		}
	}
	return out
}

// MinKindStock is the fewest children in care of one kind and age band (not UASC) whose
// remaining time in care is estimated apart from the rest of their band (StockStaysByKind):
// enough for a Kaplan-Meier curve of the first year to within about ten points.
const MinKindStock = 20

// stockStays estimates the remaining time in care of the children in care, by current age:
// the children in care at the start of each quarter of the window, followed to the window's
// end. Every quarter's children count alike, as the stock on any day is; since a child in
// care for many quarters is counted many times, the weights are scaled so that they add up
// to the number of children, which keeps the intervals honest. The children who are not
// UASC are also taken by the kind they are placed in on each of those days, and each kind
// and band with MinKindStock children or more has its own estimate, with the tail's shape of
// its band: young people in supported accommodation, most of whom came into care at 16-17
// for a short stay, leave much sooner than others of their age in care (at 350 entries a
// year, 37%, 58% and 88% gone after 3, 6 and 12 months, 18th birthdays included, against
// 21%, 39% and 66% of all children aged 16-17 in care); drawn by age alone, a backtest's
// first year held 26% too many of them, by kind 20% (TestBacktestCoverage, returns 301-340).
func (c *Calibration) stockStays(w window) {
	refs := referenceDays(w)
	type obsOf struct {
		g   int
		obs observation
	}
	gs := groups()
	byGroup := make([][]observation, len(gs))
	children := make([]int, len(gs))
	events := make([][model.NumEarlyExitRoutes]int, len(gs))
	// The same by kind and band: index kind*len(bands)+band.
	byKind := make([][]observation, int(numKinds)*len(bands))
	kindChildren := make([]int, len(byKind))
	kindEvents := make([][model.NumEarlyExitRoutes]int, len(byKind))
	for i := range c.ret.periods {
		p := &c.ret.periods[i]
		var mine, mineByKind []obsOf
		firstGroup, firstKind := -1, -1
		for _, d := range refs {
			if !p.inCareOn(d) {
				continue
			}
			bi := bandOf(ageYears(p.dob, d), bands)
			if bi < 0 {
				continue
			}
			gi := len(uascBands) + bi
			if p.uasc {
				gi = bandOf(ageYears(p.dob, d), uascBands)
			}
			t, event := c.followUp(p, d, w.to)
			if t <= 0 {
				continue
			}
			if firstGroup < 0 {
				firstGroup = gi
			}
			o := observation{t: t, event: event, limit: followUpLimit(p, d, w.to), who: p}
			mine = append(mine, obsOf{gi, o})
			if !p.uasc {
				ki := int(c.placementOn(p, d))*len(bands) + bi
				if firstKind < 0 {
					firstKind = ki
				}
				mineByKind = append(mineByKind, obsOf{ki, o})
			}
		}
		if len(mine) == 0 {
			continue
		}
		children[firstGroup]++
		// The child's first observation, the longest remaining time, counts them.
		mine[0].obs.counted = true
		for _, o := range mine {
			byGroup[o.g] = append(byGroup[o.g], o.obs)
		}
		if firstKind >= 0 {
			kindChildren[firstKind]++
			mineByKind[0].obs.counted = true
			for _, o := range mineByKind {
				byKind[o.g] = append(byKind[o.g], o.obs)
			}
		}
		if _, event := c.followUp(p, refs[0], w.to); event {
			rt, _ := p.route()
			events[firstGroup][rt]++
			if firstKind >= 0 {
				kindEvents[firstKind][rt]++
			}
		}
	}
	for gi := range gs {
		for i := range byGroup[gi] {
			byGroup[gi][i].w = float64(children[gi]) / float64(len(byGroup[gi]))
		}
	}
	for ki := range byKind {
		for i := range byKind[ki] {
			byKind[ki][i].w = float64(kindChildren[ki]) / float64(len(byKind[ki]))
		}
	}
	// The remaining times' tails take the family the stays at entry chose: where those reject
	// an exponential tail, so do the stock's, with the shape the remaining times share when it
	// lies on the same side of 1. The stays at entry rest on many more late leavers: with
	// stays whose rate of leaving falls with time in care (Weibull, shape 0.6) they chose a
	// Weibull in every one of 40 returns of 350 entries a year, the remaining times in 16; the
	// rest carried an exponential ten years out, and the stock's children still in care then
	// came a quarter to a tenth too few (TestForecastDecomposition).
	shapes := sharedShapes(gs, byGroup)
	if c.entryShape != nil && c.entryShape.weibull() {
		for gi, sh := range shapes {
			if sh != nil && !sh.weibull() && (sh.k < 1) == (c.entryShape.k < 1) {
				x := tailShape{k: sh.k, lr: math.Inf(1)}
				shapes[gi] = &x
			}
		}
	}
	for gi, g := range gs {
		est := StayEstimate{Ages: g.ages, UASC: g.uasc, Children: children[gi]}
		for _, n := range events[gi] {
			est.Events += n
		}
		copy(est.ExitCounts[:], events[gi][:])
		c.finishStay(&est, byGroup[gi], g, true, shapes[gi], nil)
		c.Estimates.StockStays = append(c.Estimates.StockStays, est)
	}
	for ki, obs := range byKind {
		if kindChildren[ki] < MinKindStock {
			continue
		}
		k, bi := kind(ki/len(bands)), ki%len(bands)
		g := stayGroup{ages: bands[bi], in: k.String()}
		est := StayEstimate{Ages: g.ages, Kind: g.in, Children: kindChildren[ki]}
		for _, n := range kindEvents[ki] {
			est.Events += n
		}
		copy(est.ExitCounts[:], kindEvents[ki][:])
		c.finishStay(&est, obs, g, true, shapes[len(uascBands)+bi], nil)
		c.Estimates.StockStaysByKind = append(c.Estimates.StockStaysByKind, est)
	}
}

// placementOn returns the kind of the period's placement on day d (the last one started by
// then).
func (c *Calibration) placementOn(p *period, d day) kind {
	pls := c.ret.placements(p)
	k := pls[0].kind
	for _, pl := range pls {
		if pl.start > d {
			break
		}
		k = pl.kind
	}
	return k
}

// stockKey is a group of the starting stock: a kind's children who are UASC or not.
type stockKey struct {
	k    kind
	uasc bool
}

// sortStockKeys sorts a stock's groups as the scenario writes them: those who are not UASC
// first, each by kind.
func sortStockKeys(keys []stockKey) {
	slices.SortFunc(keys, func(a, b stockKey) int {
		if a.uasc != b.uasc {
			if a.uasc {
				return 1
			}
			return -1
		}
		return int(a.k) - int(b.k)
	})
}

// stockMerge is a whole group of the stock of fewer than MinChildren counted with another.
type stockMerge struct{ small, best stockKey }

// stockMerges returns, in order, the merges of whole groups of the stock (keys sorted by
// sortStockKeys, totals their children) that leave none of 1 to 4 children: each into the
// group of the same kind and the other UASC status (the smaller of the two into the larger,
// ties into the children who are not UASC), so that the children in each kind, which a
// backtest compares, are kept; failing that into the largest group of the same UASC status
// and category, or of the same status; UASC failing that into the others. A single group of 1
// to 4 children is left. totals is changed to the merged groups'.
func stockMerges(keys []stockKey, totals map[stockKey]int) []stockMerge {
	var out []stockMerge
	for {
		var small *stockKey
		for i := range keys {
			if n := totals[keys[i]]; n > 0 && n < MinChildren {
				small = &keys[i]
				break
			}
		}
		if small == nil {
			return out
		}
		best, bestN := stockKey{}, -1
		for _, pass := range []func(stockKey) bool{
			func(k stockKey) bool { return k.k == small.k },
			func(k stockKey) bool { return k.uasc == small.uasc && k.k.category() == small.k.category() },
			func(k stockKey) bool { return k.uasc == small.uasc },
			func(k stockKey) bool { return true },
		} {
			for _, k := range keys {
				if k == *small || !pass(k) {
					continue
				}
				if n := totals[k]; n > bestN && n > 0 {
					best, bestN = k, n
				}
			}
			if bestN >= 0 {
				break
			}
		}
		if bestN < 0 {
			return out // a single group of 1-4 children: written merged into one cell
		}
		// A kind's UASC and other children: the smaller group goes into the larger, whichever
		// is small (4 who are not UASC and 2 UASC are 6 who are not), ties into the children who
		// are not UASC.
		from := *small
		if n := totals[from]; best.k == from.k && (bestN < n || bestN == n && best.uasc) {
			from, best = best, from
		}
		out = append(out, stockMerge{from, best})
		totals[best] += totals[from]
		totals[from] = 0
	}
}

// stockBands are the age bands of the starting stock: the bands of entries and stays, with 16
// and 17 apart. placesim draws a child of the stock's age evenly within their cell, and their
// 18th birthday ends their care: drawn over 16-17, half the 16- and 17-year-olds reach 18 in the
// first year, where the return's 17-year-olds all do and its 16-year-olds none. The young people
// in supported accommodation, most of whom come into care at 16 or 17 for a short stay, are
// mostly 17, and left care too late: started from cells of 16-17, the backtests' resamples of
// the coverage study's councils of 350 entries a year and of 120 with long stays put 7.8% and
// 13.3% too many in supported accommodation in the first year, started from single years of
// age 3.7% and 7.1% (see Resamples). Single years below 16 would add cells, and merges, to
// the file for no 18th birthday in the first two years.
var stockBands = []model.AgeRange{{FromYears: 0, ToYears: 0}, {FromYears: 1, ToYears: 4}, {FromYears: 5, ToYears: 9}, {FromYears: 10, ToYears: 15}, {FromYears: 16, ToYears: 16}, {FromYears: 17, ToYears: 17}}

// stock counts the children in care at the end of To (on the scenario's start) by kind, age band
// (stockBands) and UASC status, merging cells of fewer than MinChildren: first whole groups into
// the same kind's group of the other UASC status, then into the largest kind of the same category
// (or of any), then neighbouring age bands of the same kind (mergeCells, which keeps the
// 17-year-olds apart wherever their own count allows), so that every count written is 5 or more
// and the total is kept; the data-quality report says what was merged (Quality.Stock). The stock
// the resamples start from (exactStock) is kept apart, unmerged and by kind, UASC status and
// single year of age.
func (c *Calibration) stock(w window) {
	type key = stockKey
	counts := map[key][]StockCell{}
	// merges says, for the data-quality report, which whole groups were merged.
	var merges []string
	// The resamples' stock, as the return holds it, by single year of age: a child's age
	// within a band decides when their 18th birthday ends their care.
	exact := map[key][]StockCell{}
	for i := range c.ret.periods {
		p := &c.ret.periods[i]
		// In care at the end of the window's last day and still on the scenario's start,
		// where the last window day's placement puts them: a child entering on the start day
		// is one of the simulation's entries.
		if p.start >= w.to || !p.inCareOn(w.to) {
			continue
		}
		bi := bandOf(ageYears(p.dob, w.to), stockBands)
		if bi < 0 {
			continue
		}
		k := c.placementOn(p, w.to-1)
		kk := key{k, p.uasc}
		if counts[kk] == nil {
			cells := make([]StockCell, len(stockBands))
			for j, b := range stockBands {
				cells[j] = StockCell{Kind: k.String(), Ages: b, UASC: p.uasc}
			}
			counts[kk] = cells
		}
		cl := &counts[kk][bi]
		cl.Count++
		if p.sex == sexMale {
			cl.Male++
		}
		if k == inhouseHome {
			cl.homes++
		}
		if exact[kk] == nil {
			exact[kk] = make([]StockCell, 18)
			for a := range exact[kk] {
				exact[kk][a] = StockCell{Kind: k.String(), Ages: model.AgeRange{FromYears: a, ToYears: a}, UASC: p.uasc}
			}
		}
		ex := &exact[kk][ageYears(p.dob, w.to)]
		ex.Count++
		if p.sex == sexMale {
			ex.Male++
		}
	}
	// Whole groups of fewer than MinChildren go into the group of the same kind and the other
	// UASC status, so that the children in each kind, which a backtest compares, are kept;
	// failing that into the largest group of the same UASC status and category, or of the
	// same status; UASC failing that into the others.
	total := func(cells []StockCell) int {
		n := 0
		for _, cl := range cells {
			n += cl.Count
		}
		return n
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sortStockKeys(keys)
	c.exactStock = nil
	for _, k := range keys {
		for _, cl := range exact[k] {
			if cl.Count > 0 {
				c.exactStock = append(c.exactStock, cl)
			}
		}
	}
	totals := map[key]int{}
	for _, k := range keys {
		totals[k] = total(counts[k])
	}
	for _, mg := range stockMerges(keys, totals) {
		from, best := mg.small, mg.best
		switch {
		case best.k == from.k && from.uasc:
			merges = append(merges, fmt.Sprintf("the UASC in %s counted with the kind's other children", from.k))
		case best.k == from.k:
			merges = append(merges, fmt.Sprintf("the children in %s who are not UASC counted with the kind's UASC", from.k))
		default:
			merges = append(merges, fmt.Sprintf("the %s in %s counted with the %s in %s", groupName(from.uasc), from.k, groupName(best.uasc), best.k))
		}
		for j, cl := range counts[from] {
			dst := &counts[best][j]
			dst.Count += cl.Count
			dst.Male += cl.Male
			dst.homes += cl.homes
			if cl.Count > 0 {
				dst.Merged = true
			}
		}
		counts[from] = nil
	}
	var wide, padded, shared []string
	all := 0
	for _, k := range keys {
		cells := counts[k]
		if cells == nil {
			continue
		}
		cells = mergeCells(cells)
		var ages []string
		for _, cl := range cells {
			all += cl.Count
			if cl.padded > 0 {
				other := otherAge(cl.padded)
				padded = append(padded, fmt.Sprintf("the %s in %s aged %d, fewer than 5, with as many aged %d as make 5 in a group of ages 16-17, the others aged %d in a group of their own",
					groupName(k.uasc), k.k, cl.padded, other, other))
				continue
			}
			if !slices.Contains(stockBands, cl.Ages) {
				ages = append(ages, cl.Ages.String())
				if cl.Ages.ToYears == 17 {
					shared = append(shared, fmt.Sprintf("%s (%s%s)", k.k, uascTag(k.uasc), cl.Ages))
				}
			}
		}
		if len(ages) > 0 {
			wide = append(wide, fmt.Sprintf("ages %s together among the %s in %s", strings.Join(ages, " and "), groupName(k.uasc), k.k))
		}
		c.Estimates.Stock = append(c.Estimates.Stock, cells...)
	}
	c.ret.Quality.Stock = stockReport(all, merges, wide, padded, shared)
	c.stale = staleCount{}
	if w.to == c.ret.end {
		c.stale = c.staleStock(w, all)
		if c.ret.joined == joinedOnce {
			c.stale = staleCount{total: all, unknown: true}
		}
		c.ret.Quality.Stock += c.stale.report()
	}
}

// staleCount is what staleStock finds: n of the total children in care at the end of the data
// have no episode in the latest return, their last open episode being in an earlier year's
// return, from first to last.
type staleCount struct {
	n, total            int
	latest, first, last string
	// unknown says which children the latest return holds cannot be told: the episodes are
	// a joined export holding each episode once (joinedOnce).
	unknown bool
}

// unknownText says why the children the latest return does not hold cannot be told.
const unknownText = "the latest return holds cannot be told: the episodes file is several years' returns joined, without a YEAR column, holding each episode once, so a child whose last open episode only an earlier return held (who left care, and the latest return does not say so) is counted in care with the others"

// counted says the count from the latest return alone, as the council publishes it, or ""
// where either count, or one that follows from the other, is 1 to 4.
func (s staleCount) counted() string {
	if s.n < MinChildren || s.total-s.n < MinChildren {
		return ""
	}
	return "; a count from the latest return alone, as the council publishes it, gives " + strconv.Itoa(s.total-s.n)
}

// years names the earlier returns that hold the children's last open episodes.
func (s staleCount) years() string {
	if s.last != s.first {
		return "from " + s.first + " to " + s.last
	}
	return s.first
}

// report says it for the data-quality report, or "" where no child is stale.
func (s staleCount) report() string {
	if s.unknown {
		return fmt.Sprintf("\n\nWhich of the %s %s: check the stock against the council's own count from the latest return.", countText(s.total, "children"), unknownText)
	}
	if s.n == 0 {
		return ""
	}
	return fmt.Sprintf("\n\n%s of the %s have no episode in the latest return (%s): their last open episode is in an earlier year's return (%s), open at its end, and no later episode closes it. They are counted here as in care%s. Either they left care and the latest return does not say so, or their episodes are missing from it: check them against the council's records.",
		upperFirst(small(s.n)), countText(s.total, "children"), s.latest, s.years(), s.counted())
}

// warning says it for the terminal, or "" where no child is stale.
func (s staleCount) warning() string {
	if s.n == 0 {
		return ""
	}
	return fmt.Sprintf("stock: %s of the %s in care at the end of the data have no episode in the latest return (%s): their last open episode is in an earlier year's (%s) and no later episode closes it, so the scenario starts with them in care%s; either they left care and the latest return does not say so, or their episodes are missing from it: check them against the council's records (the data-quality report lists this)",
		small(s.n), countText(s.total, "children"), s.latest, s.years(), s.counted())
}

// note says it beside the stock in the scenario file, or "" where no child is stale.
func (s staleCount) note() string {
	if s.unknown {
		return " Which of these children " + unknownText + "; check them against the council's count from the latest return."
	}
	if s.n == 0 {
		return ""
	}
	return fmt.Sprintf(" %s of these children have no episode in the latest return (%s): their last open episode is in an earlier year's (%s) and no later episode closes it, so they are counted in care%s; check them against the council's records.",
		upperFirst(small(s.n)), s.latest, s.years(), s.counted())
}

// Warnings returns what the calibration found that a user should check before trusting the
// scenario: children the stock counts in care whom the latest return does not hold.
func (c *Calibration) Warnings() []string {
	if w := c.stale.warning(); w != "" {
		return []string{w}
	}
	return nil
}

// staleStock counts, for the data-quality report, the scenario file and a warning, how many
// of the total children in care at the end of the data have no episode in the latest return:
// their last open episode is in an earlier year's return, and nothing in a later one closes
// it. They are counted in care, as the episodes show them, where the latest return alone, as
// a council publishes its figures, leaves them out.
func (c *Calibration) staleStock(w window, total int) staleCount {
	latest := c.ret.latestYear
	if latest == 0 {
		return staleCount{}
	}
	var n int
	first, last := latest, int32(0)
	for i := range c.ret.periods {
		p := &c.ret.periods[i]
		if p.start >= w.to || !p.inCareOn(w.to) || bandOf(ageYears(p.dob, w.to), stockBands) < 0 || p.lastYear >= latest {
			continue
		}
		n++
		first, last = min(first, p.lastYear), max(last, p.lastYear)
	}
	if n == 0 {
		return staleCount{}
	}
	name := func(y int32) string {
		if c.ret.yearColumn {
			return fmt.Sprintf("YEAR %d", y)
		}
		return fmt.Sprintf("%d-%02d", y-1, y%100)
	}
	return staleCount{n: n, total: total, latest: name(latest), first: name(first), last: name(last)}
}

// groupName names the UASC or the other children of a kind in the data-quality report.
func groupName(uasc bool) string {
	if uasc {
		return "UASC"
	}
	return "children"
}

// uascTag marks a UASC group's ages in the data-quality report.
func uascTag(uasc bool) string {
	if uasc {
		return "UASC, "
	}
	return ""
}

// stockReport writes what the data-quality report says of the starting stock: its total and
// age groups, the groups merged to keep every count at 5 or more (whole groups, age groups
// merged, 16-17 padded to 5), and where the 17-year-olds share a group with younger children.
func stockReport(total int, merges, wide, padded, shared []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "The scenario starts from %s in care at the end of the window's last day, by the kind of their placement on that day, UASC status and age: 0, 1-4, 5-9, 10-15, 16 and 17. placesim draws a child's age evenly within their group, and the 18th birthday ends care: with 16 and 17 apart, the 18th birthdays of the first two years are the return's, where a group of 16-17 would have half of both ages reach 18 in the first year (most young people in supported accommodation are 17).",
		countText(total, "children"))
	items := append(append(merges, wide...), padded...)
	if len(items) == 0 {
		b.WriteString(" No group is merged: each holds 5 children or more.")
		return b.String()
	}
	b.WriteString(" Groups of fewer than 5 children are merged so that no count below 5 is written: first a kind's UASC or its other children, below 5, together with the kind's other group, the smaller counted with the larger (when as many, with the children who are not UASC; failing a group of the kind, into the largest kind of the same category); then an age group into its smaller neighbour, but a group of 16- or of 17-year-olds of fewer than 5 takes as many children of the other age as make 5 in a group of ages 16-17, where the other age keeps 5 or more (each of the first two years' 18th birthdays is then within 1.5 of the return's), and failing that a group of 16-year-olds goes into the younger group rather than into 5 or more 17-year-olds:\n\n")
	for i, m := range items {
		end := ";"
		if i == len(items)-1 {
			end = "."
		}
		fmt.Fprintf(&b, "- %s%s\n", m, end)
	}
	switch {
	case len(shared) == 0 && len(padded) > 0:
		b.WriteString("\nApart from the groups of 16-17 of 5, no 17-year-old shares a group with younger children.")
	case len(shared) == 0:
		b.WriteString("\nNo 17-year-old shares a group with younger children.")
	default:
		fmt.Fprintf(&b, "\nThe 17-year-olds share a group with younger children in %s: in the simulation their 18th birthdays fall evenly over the group's ages.", strings.Join(shared, ", "))
	}
	return b.String()
}

// mergeCells merges a kind's age cells with 1-4 children into a neighbour until none is left,
// and drops empty cells. A small cell goes into its smaller neighbour, but for the ages at which
// the 18th birthday ends care in the first two years, which placesim spreads evenly over a
// cell's ages:
//   - a small cell of 16- or of 17-year-olds next to a cell of the other age takes from it as
//     many children as make 5, in a cell of ages 16-17 (padded), when the other cell keeps 5 or
//     more. Its 5 children give 2.5 18th birthdays in each of the two years, where the return's
//     small cell gives 1 to 4: each year is off by 1.5 children at most, where a cell of them
//     all over 16-17 is off by half the difference between the two ages' counts (a council's
//     young people in supported accommodation are mostly 17), and 16-year-olds merged into a
//     cell of 10-16 spread the second year's over seven years of age. The counts written, 5
//     and the rest, say no more than that the small cell held fewer than 5;
//   - failing that, a small cell of 16-year-olds goes into the younger cell before it, not into
//     a cell of 5 or more 17-year-olds, whose 18th birthdays in the first year stay exact.
func mergeCells(cells []StockCell) []StockCell {
	var cs []StockCell
	for _, cl := range cells {
		if cl.Count > 0 {
			cs = append(cs, cl)
		}
	}
	single := func(i, age int) bool {
		return i >= 0 && i < len(cs) && cs[i].Ages == model.AgeRange{FromYears: age, ToYears: age}
	}
	for {
		small := -1
		for i, cl := range cs {
			if cl.Count < MinChildren && len(cs) > 1 {
				small = i
				break
			}
		}
		if small < 0 {
			return cs
		}
		a, b := mergeWith(small, len(cs), func(i int) int { return cs[i].Count })
		switch {
		case single(small, 16) && single(small+1, 17) && cs[small].Count+cs[small+1].Count >= 2*MinChildren:
			cs[small], cs[small+1] = padCells(cs[small], cs[small+1], true)
			continue
		case single(small, 17) && single(small-1, 16) && cs[small-1].Count+cs[small].Count >= 2*MinChildren:
			cs[small-1], cs[small] = padCells(cs[small-1], cs[small], false)
			continue
		case single(small, 16) && single(small+1, 17) && cs[small+1].Count >= MinChildren && small > 0:
			a, b = small-1, small
		}
		m := cs[a]
		m.Ages.ToYears = cs[b].Ages.ToYears
		m.Count += cs[b].Count
		m.Male += cs[b].Male
		m.homes += cs[b].homes
		m.Merged = true
		cs = append(cs[:a], append([]StockCell{m}, cs[b+1:]...)...)
	}
}

// padCells returns the cells of 16- and of 17-year-olds y and o, one of them (y when young)
// of fewer than MinChildren, as a cell of ages 16-17 of MinChildren children (the small cell's,
// and as many of the other's as make it up) and the other cell with the rest, in age order.
// The boys taken from the other cell are their share of it, rounded.
func padCells(y, o StockCell, young bool) (StockCell, StockCell) {
	small, big := &y, &o
	if !young {
		small, big = &o, &y
	}
	take := MinChildren - small.Count
	boys := int(math.Round(float64(big.Male) * float64(take) / float64(big.Count)))
	pad := *small
	pad.Ages = model.AgeRange{FromYears: 16, ToYears: 17}
	homes := int(math.Round(float64(big.homes) * float64(take) / float64(big.Count)))
	pad.Count, pad.Male, pad.Merged, pad.padded = MinChildren, small.Male+boys, true, small.Ages.FromYears
	pad.homes += homes
	rest := *big
	rest.Count -= take
	rest.Male -= boys
	rest.homes -= homes
	rest.padRest = true
	if young {
		return pad, rest
	}
	return rest, pad
}

// moves estimates placement moves out of each kind per child-year in it, step-downs from
// residential care to any other setting, and the share of moves of children aged 10 or more
// that take them into residential care; and the kinds of entrants' first placements.
//
// A placement that breaks down in a calibrated scenario is a new first choice drawn from the
// ladder of the child's age band (builder.ladders), which draws the kind the child leaves as
// often as its share of first placements: a young person moving out of supported
// accommodation at 16-17 went back to it four times in nine in the coverage study's councils,
// whose returns show one move in six doing so, and young people left the kind by moves a third
// less often than the returns show. Out of supported accommodation, the rate written counts the moves that take
// a young person to another kind, over the child-years in which a breakdown does (each band's
// years less the share its ladder draws the kind again): young people then leave it by moves
// as often as the return shows (moveRedraws). The other kinds keep the rate of all their moves:
// every move of a child of 10 or more may take them into residential care
// (Estimates.Escalation, a share of all moves), and raising the rates of foster and kinship
// care to the moves that change the kind put external residential care 10-15% too high.
func (c *Calibration) moves(w window) {
	var years [numKinds]float64
	var out, children [numKinds]int
	var stepdowns, fromFamily, toResidential int
	var stepdownsFrom [numKinds]int
	var famBy, resBy [2]int
	// The child-years of each kind by UASC status and age band, and the moves out of each kind
	// to the same choice, by UASC status and age band at the move, for moveRedraws.
	var bandYears [numKinds][2][]float64
	var same [numKinds][2][]int
	for k := range numKinds {
		for u := range 2 {
			bandYears[k][u] = make([]float64, len(bands))
			same[k][u] = make([]int, len(bands))
		}
	}
	for i := range c.ret.periods {
		p := &c.ret.periods[i]
		pls := c.ret.placements(p)
		u := 0
		if p.uasc {
			u = 1
		}
		var seen [numKinds]bool
		for j, pl := range pls {
			end := pl.end
			if end == noDay || end > w.to {
				end = w.to
			}
			lo := max(pl.start, w.from)
			if end > lo {
				years[pl.kind] += float64(end-lo) / model.DaysPerYear
				if !seen[pl.kind] {
					seen[pl.kind] = true
					children[pl.kind]++
				}
				// Split at the birthdays that begin a band.
				for a := lo; a < end; {
					bi := bandOf(ageYears(p.dob, a), bands)
					next := end
					if bi >= 0 && bi+1 < len(bands) {
						next = min(end, p.dob.addYears(bands[bi+1].FromYears))
					}
					if next <= a {
						next = end
					}
					if bi >= 0 {
						bandYears[pl.kind][u][bi] += float64(next-a) / model.DaysPerYear
					}
					a = next
				}
			}
			if !pl.move || j == 0 || pl.start < w.from || pl.start >= w.to {
				continue
			}
			prev := pls[j-1].kind
			switch {
			case prev.category() == model.Residential && pl.kind.category() != model.Residential:
				stepdowns++
				stepdownsFrom[prev]++
			default:
				out[prev]++
				if choiceOf(prev) == choiceOf(pl.kind) {
					if bi := bandOf(ageYears(p.dob, pl.start), bands); bi >= 0 {
						same[prev][u][bi]++
					}
				}
			}
			if age := ageYears(p.dob, pl.start); prev.category() != model.Residential && age >= 10 {
				fromFamily++
				band := 0 // homeBands: 10-15, then 16 and over
				if age >= homeBands[1].FromYears {
					band = 1
				}
				famBy[band]++
				if pl.kind.category() == model.Residential {
					toResidential++
					resBy[band]++
				}
			}
		}
	}

	for _, uasc := range []bool{false, true} {
		mixes := make([]KindMix, len(bands))
		for i, b := range bands {
			mixes[i] = KindMix{Ages: b, UASC: uasc}
		}
		for _, p := range c.entrants(w, uasc) {
			if bi := bandOf(ageYears(p.dob, p.start), bands); bi >= 0 {
				mixes[bi].Counts[c.ret.placements(p)[0].kind]++
			}
		}
		c.Estimates.FirstPlacement = append(c.Estimates.FirstPlacement, mixes...)
	}

	for k := range numKinds {
		if k == specialistFoster || k == blockResidential {
			continue
		}
		r := poissonRate(out[k], years[k])
		mr := MoveRate{Kind: k.String(), Rate: r, Children: children[k], Years: years[k], ExposedYears: years[k]}
		if redrawn, changes, exposed, ok := c.moveRedraws(k, out[k], bandYears[k], same[k]); ok {
			// The moves that change the kind, over the child-years in which a breakdown
			// changes it.
			mr.Rate = poissonRate(changes, exposed)
			mr.Rate.N = out[k]
			mr.Redrawn, mr.ExposedYears = redrawn, exposed
		}
		c.Estimates.Moves = append(c.Estimates.Moves, mr)
		if years[k] > 0 {
			c.thin("placement moves out of "+k.String(), children[k])
		}
	}
	resYears := years[inhouseHome] + years[externalResidential]
	c.Estimates.StepDown = poissonRate(stepdowns, resYears)
	c.Estimates.StepDown.N = children[inhouseHome] + children[externalResidential]
	c.Estimates.StepDownHomes = poissonRate(stepdownsFrom[inhouseHome], years[inhouseHome])
	c.Estimates.StepDownHomes.N = children[inhouseHome]
	c.Estimates.StepDownAgencies = poissonRate(stepdownsFrom[externalResidential], years[externalResidential])
	c.Estimates.StepDownAgencies.N = children[externalResidential]
	c.Estimates.StepDowns = [3]int{stepdowns, stepdownsFrom[inhouseHome], stepdownsFrom[externalResidential]}
	c.Estimates.StepDownYears = [3]float64{resYears, years[inhouseHome], years[externalResidential]}
	c.Estimates.Escalation = wilson(float64(toResidential), float64(fromFamily))
	for i := range homeBands {
		c.Estimates.EscalationByAge[i] = wilson(float64(resBy[i]), float64(famBy[i]))
	}
	c.thin("moves of children aged 10 or more (escalation to residential care)", fromFamily)
}

// choiceOf returns the choice of a ladder with shares that kind k stands for: foster care with
// unrelated carers, the council's own or agencies', is one choice (builder.ladders).
func choiceOf(k kind) kind {
	if k == ifa || k == specialistFoster {
		return inhouseFoster
	}
	return k
}

// ladderShare returns the share of the first choices of the calibrated ladder of entrants of
// band bi (UASC or not) that goes to kind k's choice, as builder.ladders writes it (its
// residential first placements apart), and false when the band has no calibrated ladder.
func (c *Calibration) ladderShare(k kind, bi int, uasc bool) (float64, bool) {
	i := bi
	if uasc {
		i += len(bands)
	}
	if i >= len(c.Estimates.FirstPlacement) {
		return 0, false
	}
	m := c.Estimates.FirstPlacement[i]
	var n, in int
	for _, l := range ladderOrder[:len(ladderOrder)-1] {
		a := c.base.Kinds[c.kinds[l]].Accepts
		if !a.Matches(float64(m.Ages.FromYears), model.NeedStandard, m.UASC) || !a.Matches(float64(m.Ages.ToYears)+0.99, model.NeedStandard, m.UASC) {
			continue
		}
		n += m.Counts[l]
		if choiceOf(l) == choiceOf(k) {
			in += m.Counts[l]
		}
	}
	if n < MinChildren {
		return 0, false
	}
	return float64(in) / float64(n), true
}

// moveRedraws returns, for kind k with out moves out of it in the window, its child-years by
// UASC status and age band and the moves back to its own choice by the same, what a calibrated
// scenario's breakdown rate out of k counts: the moves that change the choice in the bands
// whose ladder draws afresh (every move in the others) and the child-years in which a
// breakdown changes it (each band's years less the share its ladder draws k's choice again). It
// also returns the moves back to k's own choice left out, and false for any kind but supported
// accommodation (see moves) or when no child-year is left.
func (c *Calibration) moveRedraws(k kind, out int, years [2][]float64, same [2][]int) (redraws, changes int, exposed float64, ok bool) {
	if k != supportedAccommodation {
		return 0, 0, 0, false
	}
	changes = out
	drawn := false // whether any child-years are left out
	for u := range 2 {
		for bi := range bands {
			q, cal := c.ladderShare(k, bi, u == 1)
			if !cal {
				exposed += years[u][bi]
				continue
			}
			changes -= same[u][bi]
			redraws += same[u][bi]
			exposed += years[u][bi] * (1 - q)
			drawn = drawn || q > 0 && years[u][bi] > 0
		}
	}
	// With no move back and no child-year left out, the rate is the kind's own: the sum
	// by band may differ from the kind's child-years in the last bit, which is no redraw.
	if exposed <= 0 || redraws == 0 && !drawn {
		return 0, 0, 0, false
	}
	return redraws, changes, exposed, true
}

// stayingPut estimates the share of young people leaving foster care at 18 who stay on with
// their carers.
func (c *Calibration) stayingPut(w window) {
	var n, put int
	for i := range c.ret.periods {
		p := &c.ret.periods[i]
		if p.end == noDay || p.end < w.from || p.end >= w.to || !p.endedAt18() {
			continue
		}
		pls := c.ret.placements(p)
		if pls[len(pls)-1].kind.category() != model.Foster {
			continue
		}
		n++
		if rt, _ := p.route(); rt == stayingPut {
			put++
		}
	}
	c.Estimates.StayingPut = wilson(float64(put), float64(n))
	c.thin("staying put (young people leaving foster care at 18)", n)
}

// careLeavers estimates the young people in care leavers' accommodation on the start day
// (Estimates.CareLeavers) from those who left care at 18 in the three years before it: a
// young person who left a time e before the start is there with the base's care_leavers share
// times the chance that its stay lasts longer than e. Those who left before the window are
// not in the return.
func (c *Calibration) careLeavers(w window) {
	cl := c.base.CareLeavers
	sum, n, years := c.stillAfter(w, age18, cl.Stay)
	c.Estimates.CareLeavers = cl.Share * sum
	c.Estimates.CareLeaversN, c.Estimates.CareLeaversYears = n, years
}

// stayingPutStock estimates the young people staying put on the start day
// (Estimates.StayingPutStock) from those whose period ended at 18 staying put in the three
// years before it: one who left a time e before the start is still there with the chance that
// the base's staying_put stay lasts longer than e (the 21st birthday, three years on, ends no
// stay sooner). Those who left before the window are not in the return.
func (c *Calibration) stayingPutStock(w window) {
	c.Estimates.StayingPutStock, c.Estimates.StayingPutStockN, c.Estimates.StayingPutStockYears =
		c.stillAfter(w, stayingPut, c.base.StayingPut.Stay)
}

// stillAfter returns, of the young people whose period ended by route rt in the three years
// before the window's end (or the window, where it is shorter), the sum of the chances that a
// stay drawn from stay outlasts the time from their leaving to the window's end; how many they
// are; and the years looked back over.
func (c *Calibration) stillAfter(w window, rt route, stay model.Distribution) (sum float64, n int, years float64) {
	from := max(w.from, w.to.addYears(-3))
	for i := range c.ret.periods {
		p := &c.ret.periods[i]
		if p.end == noDay || p.end < from || p.end >= w.to {
			continue
		}
		if r, _ := p.route(); r != rt {
			continue
		}
		n++
		sum += stayBeyond(stay, float64(w.to-p.end))
	}
	return sum, n, float64(w.to-from) / model.DaysPerYear
}

// stayBeyond returns the chance that a duration drawn from d lasts longer than x days.
func stayBeyond(d model.Distribution, x float64) float64 {
	switch d.Kind {
	case model.Exponential:
		return math.Exp(-x / d.MeanDays)
	case model.Fixed:
		if x < d.MeanDays {
			return 1
		}
		return 0
	case model.Gamma:
		return distuv.Gamma{Alpha: d.Shape, Beta: d.Shape / d.MeanDays}.Survival(x)
	case model.Lognormal:
		return distuv.LogNormal{Mu: math.Log(d.MeanDays) - d.Sigma*d.Sigma/2, Sigma: d.Sigma}.Survival(x)
	case model.Empirical:
		// Each bin's share lies uniformly between the bin before's end and its own.
		s, lo := 1.0, 0.0
		for _, b := range d.Table {
			switch {
			case x >= b.UpToDays:
				s -= b.Share
			case x > lo:
				s -= b.Share * (x - lo) / (b.UpToDays - lo)
			}
			lo = b.UpToDays
		}
		return max(s, 0)
	}
	return 0
}

// peaks records the most children in each kind on the first day of each of the 12 months
// before To, and their mean.
func (c *Calibration) peaks(w window) {
	c.Estimates.Peaks = map[string]int{}
	c.Estimates.Typical = map[string]float64{}
	days := 0
	for m := 0; m <= 12; m++ {
		d := w.to.addMonths(-m)
		if m == 0 {
			d = w.to
		}
		if d < w.from {
			break
		}
		var n [numKinds]int
		for i := range c.ret.periods {
			p := &c.ret.periods[i]
			if p.inCareOn(d) {
				n[c.placementOn(p, d)]++
			}
		}
		for k := range numKinds {
			c.Estimates.Peaks[k.String()] = max(c.Estimates.Peaks[k.String()], n[k])
			c.Estimates.Typical[k.String()] += float64(n[k])
		}
		days++
	}
	for k := range c.Estimates.Typical {
		c.Estimates.Typical[k] /= float64(max(days, 1))
	}
}

// unavailable fits the unavailable shares of kinship and other settings: for each band of
// entrants who are not UASC, the base's ladders are walked for a standard-need child (market
// kinds pass a child on with their unavailable share; the first kind supplied by carers,
// homes or beds takes whoever is left), and the pair of shares is chosen, on a grid of
// hundredths, that brings the kinship and other-settings shares of first placements nearest
// the return's in least squares, bands weighted by their entrants.
func (c *Calibration) unavailable() {
	e := &c.Estimates
	e.KinshipUnavailable, e.OtherUnavailable = math.NaN(), math.NaN()
	var n int
	for _, m := range e.FirstPlacement[:len(bands)] {
		for _, v := range m.Counts {
			n += v
		}
	}
	if n < MinChildren {
		return
	}
	std := make([]float64, len(bands))
	for i, b := range bands {
		std[i] = 1
		for _, a := range e.Entries.Ages {
			if a.Ages.FromYears <= b.FromYears && b.FromYears <= a.Ages.ToYears {
				std[i] = a.Needs[model.NeedStandard]
			}
		}
	}
	kin, oth := c.kinds[kinship], c.kinds[otherSettings]
	predict := func(age float64, uKin, uOth float64) (pk, po float64) {
		for _, l := range c.base.Ladders {
			if !l.Who.Matches(age, model.NeedStandard, false) {
				continue
			}
			mass := 1.0
			for _, k := range l.Try {
				kd := &c.base.Kinds[k]
				if !kd.Accepts.Matches(age, model.NeedStandard, false) {
					continue
				}
				u := kd.UnavailableShare[model.NeedStandard]
				switch {
				case k == kin:
					u = uKin
					pk += mass * (1 - u)
				case k == oth:
					u = uOth
					po += mass * (1 - u)
				case kd.Supply != model.Market:
					return pk, po
				}
				mass *= u
			}
			return pk, po
		}
		return 0, 0
	}
	best, bk, bo := math.Inf(1), 0.0, 0.0
	for i := 0; i <= 100; i++ {
		for j := 0; j <= 100; j++ {
			uk, uo := float64(i)/100, float64(j)/100
			var loss float64
			for bi, b := range bands {
				m := e.FirstPlacement[bi]
				var nb int
				for _, v := range m.Counts {
					nb += v
				}
				if nb == 0 {
					continue
				}
				var pk, po float64
				for age := b.FromYears; age <= b.ToYears; age++ {
					a, o := predict(float64(age)+0.5, uk, uo)
					pk += a
					po += o
				}
				span := float64(b.ToYears - b.FromYears + 1)
				pk, po = std[bi]*pk/span, std[bi]*po/span
				dk := pk - float64(m.Counts[kinship])/float64(nb)
				do := po - float64(m.Counts[otherSettings])/float64(nb)
				loss += float64(nb) * (dk*dk + do*do)
			}
			if loss < best-1e-12 {
				best, bk, bo = loss, uk, uo
			}
		}
	}
	e.KinshipUnavailable, e.OtherUnavailable = bk, bo
}

// mergeWith returns the two neighbouring cells, in order, that a cell too small to show (small,
// of n cells, count giving each cell's children) is merged with: the smaller of its neighbours,
// the one after it on a tie.
func mergeWith(small, n int, count func(int) int) (a, b int) {
	j := small + 1
	if j == n || (small > 0 && count(small-1) <= count(j)) {
		j = small - 1
	}
	return min(small, j), max(small, j)
}

// leftBy reports whether the period ends by day to, by leaving care or at 18 (within
// eighteenTolerance days of the birthday).
func leftBy(p *period, to day) bool {
	return (p.end != noDay && p.end <= to) || p.dob.addYears(18)-eighteenTolerance <= to
}

// followUpLimit returns the longest a period could be followed from since: to the window's
// end to, or to eighteenTolerance days before the 18th birthday when that comes first.
func followUpLimit(p *period, since, to day) float64 {
	if cut := p.dob.addYears(18) - eighteenTolerance; cut < to {
		to = max(cut, since)
	}
	return float64(to - since)
}

// littleTarget is the mean stay, cut at 18, that a band's table is to give: the band's days
// in care in the window over its children entering care in it (or leaving it, at 18
// included: littleMean), which in a steady council is its mean stay whatever the shape of
// the stays (Little's law: children in care are entries a day times the mean stay, and
// leavers a day are entries a day), with the window's entries by year of age at entry to
// average the 18th-birthday cut over. Its days are those of every child the band's curve
// takes (the window's entrants, and the children in care when it begins, their start known
// or imputed, with their weights), as a Markov demand model takes its rates from every day
// in care the window holds; a rise of entries over the window would raise the entrants
// against the days, so it is taken only where the entries show no trend
// (EntryEstimate.TrendUsed), nor a trend found but not carried because the months show a step
// or a trend that has stopped (TrendOffStep, TrendOffRecent): the window's entries are then no
// steady council's either.
type littleTarget struct {
	mean   float64
	perAge [18]float64
}

// littleMean returns the mean stay, by Little's law, of a band whose children of the curve
// spent occ days in care in a window of days days, left of them leaving care in it (at 18
// included) and entered of them entering it; false where fewer than MinChildren left or
// entered. In a steady council the mean stay is the days in care over the entrants or over
// the leavers alike. Over the entrants, the forecast's children in care, the band's rate of
// entries (its entrants over the window) times the mean stay, are the band's days in care
// over the window: a window that drew more entrants than the council's rate by chance drew
// more days in care as well, and the two cancel, where over the leavers the chance of the
// entrants' count and that of the leavers' add. Where the band's stock changed over the
// window beyond a steady stock's chance (its entrants less its leavers, the change in its
// stock, beyond steadyZ standard deviations of the change between two counts of a steady
// stock, Poisson around the window's mean, 2 × occ/days its variance), the stock was not
// steady: the mean stay is then the days over the leavers, who left the stock the window
// holds the days of, where the entrants would carry the change into the mean stay (a stock
// filled by more entrants before the window than in it leaves more children than enter).
// Over the leavers alone, the root mean squared error of the ten-year forecast of the
// study's truths was larger for each truth that sets it (TestForecastDecomposition).
func littleMean(occ, left, entered, days float64) (float64, bool) {
	if left < MinChildren || entered < MinChildren || days <= 0 {
		return 0, false
	}
	if math.Abs(entered-left) > steadyZ*math.Sqrt(2*occ/days) {
		return occ / left, true
	}
	return occ / entered, true
}

// steadyZ is the standard deviations of a steady stock's chance beyond which littleMean takes
// a band's stock as changing over the window: the 1% level, as the trend of entries' test.
const steadyZ = 2.58

// meanOf returns the mean stay cut at 18 of the survival through (0, 1), the edges and u,
// linear between them, over the ages at entry of ages weighted by perAge.
func (lt *littleTarget) meanOf(edges, surv []float64, atU, u float64, ages model.AgeRange) float64 {
	xs := append(append([]float64{0}, edges...), u)
	ss := append(append([]float64{1}, surv...), atU)
	integral := func(x float64) float64 {
		var sum float64
		for i := 1; i < len(xs); i++ {
			lo, hi := xs[i-1], xs[i]
			if x <= lo {
				return sum
			}
			top := min(x, hi)
			sAt := ss[i-1] + (ss[i]-ss[i-1])*(top-lo)/(hi-lo)
			sum += (top - lo) * (ss[i-1] + sAt) / 2
		}
		return sum + max(0, x-u)*atU
	}
	var num, den float64
	for a := ages.FromYears; a <= ages.ToYears; a++ {
		wa := lt.perAge[a]
		if wa <= 0 {
			continue
		}
		num += wa * integral((18-float64(a)-0.5)*model.DaysPerYear)
		den += wa
	}
	if den <= 0 {
		return math.NaN()
	}
	return num / den
}

// rescale returns the tail with its rate scaled so that the table's mean stay cut at 18 is
// the target's (bisection on the log of the factor, within a factor of 20 either way), and
// true; or the tail as it is and false where no factor in that range reaches the target.
func (lt *littleTarget) rescale(edges, surv []float64, f tailFit, u float64, ages model.AgeRange) (tailFit, bool) {
	with := func(m float64) (tailFit, float64) {
		g := f
		g.scale = f.scale * math.Pow(m, -1/f.shape)
		e, s, at := extendTail(edges, surv, g, u)
		return g, lt.meanOf(e, s, at, u, ages)
	}
	target := lt.mean
	lo, hi := math.Log(1.0/20), math.Log(20.0)
	if _, m := with(math.Exp(hi)); !(m <= target) {
		return f, false
	}
	if _, m := with(math.Exp(lo)); !(m >= target) {
		return f, false
	}
	for range 40 {
		mid := (lo + hi) / 2
		if _, m := with(math.Exp(mid)); m > target {
			lo = mid
		} else {
			hi = mid
		}
	}
	g, _ := with(math.Exp((lo + hi) / 2))
	return g, true
}

// aboutInReport marks the data-quality report's counts of each group of a stays or stock_stays
// rule whose counts the scenario writes "about" the nearest 5 (stayCounter, mergedEntryBand),
// so that the report writes them so too: its children at risk and leavers of the fitted tail,
// and its children and leavers among the estimates resting on few children.
func (c *Calibration) aboutInReport() {
	e, q := &c.Estimates, c.ret.Quality
	mark := func(est StayEstimate, stays bool) {
		if !stayCounter(est).coarse && !(stays && e.mergedEntryBand(est)) {
			return
		}
		whats := []string{"time in care of " + est.group, "remaining time in care of " + est.group, "exit routes of " + est.group}
		for i := range q.Tails {
			if slices.Contains(whats, q.Tails[i].What) {
				q.Tails[i].About = true
			}
		}
		for i := range q.Thin {
			if slices.Contains(whats, q.Thin[i].What) {
				q.Thin[i].About = true
			}
		}
	}
	for _, est := range e.Stays {
		mark(est, true)
	}
	for _, est := range append(slices.Clone(e.StockStays), e.StockStaysByKind...) {
		mark(est, false)
	}
}
