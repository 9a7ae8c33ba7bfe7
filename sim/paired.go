package sim

import (
	"math"
	"slices"

	"github.com/placesim/placesim/model"
)

// WholeRun is the label of the period that covers every reported year, after the financial
// years in Results.Periods and in kpis.csv, summary.csv and comparison.csv.
const WholeRun = "all"

// Years returns the financial years the results report ("2026/27", ...), without WholeRun.
func (res *Results) Years() []string {
	return slices.DeleteFunc(slices.Clone(res.Periods), func(p string) bool { return p == WholeRun })
}

// KPIValues returns KPI kpi in period (a financial year or WholeRun) of each replication, or
// nil if the results have no such KPI or period.
func (res *Results) KPIValues(period, kpi string) []float64 {
	p, k := slices.Index(res.Periods, period), slices.Index(res.KPIs, kpi)
	if p < 0 || k < 0 {
		return nil
	}
	return res.KPI(p, k)
}

// YearMean returns, for each replication, the mean of monthly metric over the reported
// months of financial year period (the mean of its month-end values, for a stock): the
// year's level of a metric that has no KPI. It returns nil if the results have no such
// metric or no month in period, and an error if a replication's monthly record cannot be
// read (it kept KPIs only, or its MonthlyStore fails).
func (res *Results) YearMean(period, metric string) ([]float64, error) {
	m := slices.Index(res.Metrics, metric)
	var months []int
	for i, t := range res.Months {
		if model.FinancialYear(t) == period {
			months = append(months, i)
		}
	}
	if m < 0 || len(months) == 0 {
		return nil, nil
	}
	out := make([]float64, len(res.Reps))
	rows := months[len(months)-1] - months[0] + 1
	buf := make([]float64, rows*len(res.Metrics))
	for pos := range res.Reps {
		if err := res.MonthlyRows(pos, months[0], months[0]+rows, buf); err != nil {
			return nil, err
		}
		sum := 0.0
		for _, i := range months {
			sum += buf[(i-months[0])*len(res.Metrics)+m]
		}
		out[pos] = sum / float64(len(months))
	}
	return out, nil
}

// Paired summarises one figure in paired replications of an alternative scenario and its
// baseline (replication i of each saw the same children arrive): the spread of the
// alternative's replications, the centre of the baseline's, and the paired change.
type Paired struct {
	// Median, Lo and Hi are the alternative's median and the percentiles that hold the
	// central share level of its replications (the 5th and 95th for 0.9), in the figure's
	// unit.
	Median, Lo, Hi float64
	// Mean is the alternative's mean over replications.
	Mean float64
	// BaseMedian and BaseMean are the baseline's median and mean over all its replications
	// with a value, paired or not.
	BaseMedian, BaseMean float64
	// Diff is the mean of the paired differences, alternative minus baseline, and DiffLo
	// and DiffHi bound its confidence interval at level (Student's t). With one pair, or
	// differences whose interval is undefined, both bounds are Diff.
	Diff, DiffLo, DiffHi float64
	// N is the number of the alternative's replications with a value (not NaN).
	N int
	// Valid says the alternative has a value and at least one pair has a difference;
	// otherwise only N and the Diff fields are set (NaN).
	Valid bool
}

// Pair summarises a figure's values in paired replications of alternative alt and baseline
// base (alt[i] is paired with base[i]; values past the shorter are left out of the
// differences), at level, such as 0.9: the central share level of the alternative's
// replications, and the level confidence interval of the mean paired difference. NaN values
// are left out, and pairs with a NaN in either.
func Pair(alt, base []float64, level float64) Paired {
	// The percentiles of the central share level, rounded to a millionth of a per cent so that
	// 0.9 gives exactly the 5th and 95th.
	lo := math.Round(50*(1-level)*1e6) / 1e6
	st := Summarise(alt, []float64{lo, 50, 100 - lo})
	bs := Summarise(base, []float64{50})
	n := min(len(alt), len(base))
	diffs := make([]float64, 0, n)
	for i := range n {
		diffs = append(diffs, alt[i]-base[i])
	}
	mean, half, nd := MeanInterval(diffs, level)
	f := Paired{N: st.N, Diff: mean, DiffLo: mean - half, DiffHi: mean + half}
	if st.N == 0 || nd == 0 {
		return f
	}
	f.Valid = true
	f.Lo, f.Median, f.Hi = st.Percentiles[0], st.Percentiles[1], st.Percentiles[2]
	f.Mean, f.BaseMedian, f.BaseMean = st.Mean, bs.Percentiles[0], bs.Mean
	if nd < 2 || math.IsNaN(half) {
		f.DiffLo, f.DiffHi = mean, mean
	}
	return f
}

// PairKPI is Pair of KPI kpi in period of alt and base. It reports false if either has no
// such KPI or period.
func PairKPI(alt, base *Results, period, kpi string, level float64) (Paired, bool) {
	a, b := alt.KPIValues(period, kpi), base.KPIValues(period, kpi)
	if a == nil || b == nil {
		return Paired{}, false
	}
	return Pair(a, b, level), true
}

// FindDifference returns the difference of KPI kpi in period among diffs, and whether there
// is one.
func FindDifference(diffs []Difference, period, kpi string) (Difference, bool) {
	for _, d := range diffs {
		if d.Period == period && d.KPI == kpi {
			return d, true
		}
	}
	return Difference{}, false
}

// PairingGain returns how many times narrower pairing the replications makes the interval of
// the difference than independent runs would: UnpairedHalf over the paired half-width. It is
// NaN when the paired interval has no width or is undefined, and when its width is rounding
// alone (SameInEveryPair).
func (d Difference) PairingGain() float64 {
	if !(d.DiffHi > d.DiffLo) || d.SameInEveryPair() {
		return math.NaN()
	}
	return d.UnpairedHalf / ((d.DiffHi - d.DiffLo) / 2)
}

// sameTolerance is the width, relative to the means compared, within which a paired interval
// is rounding alone: a sum of some thousand pounds-and-pence terms in float64 keeps about 15
// significant digits, so 1e-9 leaves a million times the rounding and is far below any
// difference a run's randomness makes.
const sameTolerance = 1e-9

// SameInEveryPair reports whether the paired differences are the same in every pair, to
// within rounding: the interval's width is no more than sameTolerance of the larger of the two
// means (a difference fixed in advance, such as a programme's cost, with nothing else changed).
func (d Difference) SameInEveryPair() bool {
	if math.IsNaN(d.DiffLo) || math.IsNaN(d.DiffHi) {
		return false
	}
	scale := max(math.Abs(d.BaseMean), math.Abs(d.AltMean), math.Abs(d.DiffMean))
	return d.DiffHi-d.DiffLo <= sameTolerance*scale
}

// HeadlineGapKind returns the position in s.Kinds of the kind whose sufficiency gap a
// comparison's headlines report, the council's mainstream foster care: the first kind of
// carer households in the foster category that takes children from birth. It reports false
// when s has none.
func HeadlineGapKind(s *model.Scenario) (int, bool) {
	for i := range s.Kinds {
		k := &s.Kinds[i]
		if k.Supply == model.Carers && k.Category == model.Foster && k.Accepts.Ages.FromYears == 0 {
			return i, true
		}
	}
	return -1, false
}
