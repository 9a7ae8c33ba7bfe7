package sim

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"sync"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Difference is the paired comparison of one KPI in one period between a baseline and an
// alternative run on the same seed: replication i of each saw the same children arrive, so the
// difference of each pair measures the policy, not the noise.
//
// For a share (see Ratio), BaseMean and AltMean are ratios of totals over the replications
// and DiffMean is their difference. Its interval comes from the delta method: to first order,
// R = sum(num) / sum(den) moves with the mean over replications of (num - R den) / mean(den),
// so the paired difference of two shares has the standard error of the mean of
// z = (num_alt - R_alt den_alt) / mean(den_alt) - (num_base - R_base den_base) / mean(den_base)
// over the pairs, and the interval is DiffMean ± t(n - 1) × sd(z) / sqrt(n), as for any other
// KPI. UnpairedHalf is Welch's half-width from the two runs' own terms. N counts every pair:
// a replication with no denominator adds nothing to either total, but it is still a draw.
type Difference struct {
	// Period is the financial year ("2027/28") or "all".
	Period string
	// KPI names the KPI.
	KPI string
	// BaseMean and AltMean are the means over replications, in the KPI's own unit: pounds for
	// cost_*, a share between 0 and 1 for *_share, otherwise a count or a time-average of
	// children, places or households.
	BaseMean, AltMean float64
	// DiffMean is the mean of the paired differences, alternative minus baseline, in the
	// KPI's unit.
	DiffMean float64
	// DiffLo and DiffHi bound the confidence interval of DiffMean at the level asked (Student's
	// t on the paired differences).
	DiffLo, DiffHi float64
	// UnpairedHalf is the half-width, in the KPI's unit, the interval would have if the runs
	// were independent (Welch's interval at the same level): what pairing saves.
	UnpairedHalf float64
	// RunLo and RunHi bound the central share, at the level asked, of the paired differences
	// of single replications (percentiles at (n-1)p, symmetric: see runSpread): not how sure we are
	// of the average effect, which DiffLo and DiffHi say, but what the difference could be in
	// one future. For a share, each replication's difference is that of its own two ratios;
	// a replication with no denominator in either run is left out.
	RunLo, RunHi float64
	// PLower and PHigher are the shares of pairs in which the alternative's value is lower,
	// or higher, than the baseline's (ties count in neither): for money, PLower is the
	// chance that the alternative saves. RunLo, RunHi, PLower and PHigher are NaN with fewer
	// than two pairs to take them from, as DiffLo and DiffHi are.
	PLower, PHigher float64
	// N is the number of pairs with a value in both runs (for a share, every pair).
	N int
}

// Compare compares alt with base, KPI by KPI and period by period, pairing replications by
// index. Both must be runs of the same seed, replications and periods. A KPI that only one of
// them has, such as the costs, places and occupied places of a provision kind only one
// scenario names, is compared with 0 in the other: a kind a scenario does not have holds no
// children, has no places and costs nothing. Its rows come after the KPI before it in the run
// that has it. A share only one of them has is compared where its denominator is in both
// (<kind>_share, over its category's occupied places) and left out where it is not (a share
// with no denominator has no value). level is the confidence level of the intervals, such as
// 0.9.
func Compare(base, alt *Results, level float64) ([]Difference, error) {
	if err := checkPaired(base, alt); err != nil {
		return nil, err
	}
	if !(level > 0 && level < 1) {
		return nil, fmt.Errorf("confidence level %v: must be between 0 and 1", level)
	}
	baseKPI, altKPI := kpiIndex(base), kpiIndex(alt)
	names := comparedKPIs(base, alt, baseKPI)
	zeros := make([]float64, len(base.Reps))
	// col returns KPI name of res in period p, zeros where res has no such KPI, and whether it
	// has one.
	col := func(res *Results, index map[string]int, p int, name string) ([]float64, bool) {
		if k, ok := index[name]; ok {
			return res.KPI(p, k), true
		}
		return zeros, false
	}
	var out []Difference
	for p, period := range base.Periods {
		for _, name := range names {
			kb, inBase := baseKPI[name]
			ka, inAlt := altKPI[name]
			r, ratio := Ratio{}, false
			num, den := "", ""
			if inBase {
				r, ratio = base.RatioOf(kb)
				if ratio {
					num, den = base.KPIs[r.Num], base.KPIs[r.Den]
				}
			} else {
				r, ratio = alt.RatioOf(ka)
				if ratio {
					num, den = alt.KPIs[r.Num], alt.KPIs[r.Den]
				}
			}
			if ratio {
				bn, _ := col(base, baseKPI, p, num)
				an, _ := col(alt, altKPI, p, num)
				bd, okb := col(base, baseKPI, p, den)
				ad, oka := col(alt, altKPI, p, den)
				if okb && oka {
					out = append(out, ratioDifference(period, name, bn, bd, an, ad, level))
					continue
				}
				if !inBase || !inAlt {
					continue
				}
			}
			b, _ := col(base, baseKPI, p, name)
			a, _ := col(alt, altKPI, p, name)
			out = append(out, difference(period, name, b, a, level))
		}
	}
	return out, nil
}

// kpiIndex maps each KPI of res to its position in res.KPIs.
func kpiIndex(res *Results) map[string]int {
	index := make(map[string]int, len(res.KPIs))
	for k, name := range res.KPIs {
		index[name] = k
	}
	return index
}

// comparedKPIs returns the KPIs Compare compares: base's in its order, each KPI only alt has
// placed after the KPI before it in alt (first, if it is alt's first).
func comparedKPIs(base, alt *Results, baseKPI map[string]int) []string {
	names := slices.Clone(base.KPIs)
	at := map[string]int{} // a KPI's position in names, once an insertion has moved them
	for i, name := range names {
		at[name] = i
	}
	for i, name := range alt.KPIs {
		if _, ok := baseKPI[name]; ok {
			continue
		}
		pos := 0
		if i > 0 {
			pos = at[alt.KPIs[i-1]] + 1
		}
		names = slices.Insert(names, pos, name)
		for j := pos; j < len(names); j++ {
			at[names[j]] = j
		}
	}
	return names
}

// difference works out the paired comparison of two columns, leaving out pairs with a NaN.
func difference(period, kpi string, b, a []float64, level float64) Difference {
	var bs, as, ds []float64
	for i := range b {
		if math.IsNaN(b[i]) || math.IsNaN(a[i]) {
			continue
		}
		bs, as, ds = append(bs, b[i]), append(as, a[i]), append(ds, a[i]-b[i])
	}
	d := Difference{Period: period, KPI: kpi, N: len(ds)}
	if d.N == 0 {
		nan := math.NaN()
		d.BaseMean, d.AltMean, d.DiffMean, d.DiffLo, d.DiffHi, d.UnpairedHalf = nan, nan, nan, nan, nan, nan
		d.RunLo, d.RunHi, d.PLower, d.PHigher = nan, nan, nan, nan
		return d
	}
	d.BaseMean, d.AltMean = stat.Mean(bs, nil), stat.Mean(as, nil)
	d.DiffMean = stat.Mean(ds, nil)
	d.RunLo, d.RunHi, d.PLower, d.PHigher = runSpread(ds, level)
	if d.N < 2 {
		d.DiffLo, d.DiffHi, d.UnpairedHalf = math.NaN(), math.NaN(), math.NaN()
		return d
	}
	n := float64(d.N)
	half := tQuantile(level, n-1) * stat.StdDev(ds, nil) / math.Sqrt(n)
	d.DiffLo, d.DiffHi = d.DiffMean-half, d.DiffMean+half
	// Welch's interval for two independent samples of n each.
	vb, va := stat.Variance(bs, nil)/n, stat.Variance(as, nil)/n
	if se := math.Sqrt(vb + va); se > 0 {
		df := (vb + va) * (vb + va) / (vb*vb/(n-1) + va*va/(n-1))
		d.UnpairedHalf = tQuantile(level, df) * se
	}
	return d
}

// ratioDifference works out the paired comparison of two shares, each given by its
// numerators and denominators over the replications, by the delta method (see Difference).
func ratioDifference(period, kpi string, bn, bd, an, ad []float64, level float64) Difference {
	nan := math.NaN()
	d := Difference{Period: period, KPI: kpi, N: len(bn)}
	bz, rb := linearised(bn, bd)
	az, ra := linearised(an, ad)
	d.BaseMean, d.AltMean, d.DiffMean = rb, ra, ra-rb
	d.DiffLo, d.DiffHi, d.UnpairedHalf = nan, nan, nan
	var runs []float64
	for i := range bn {
		if x := an[i]/ad[i] - bn[i]/bd[i]; !math.IsNaN(x) && !math.IsInf(x, 0) {
			runs = append(runs, x)
		}
	}
	d.RunLo, d.RunHi, d.PLower, d.PHigher = runSpread(runs, level)
	if d.N < 2 || math.IsNaN(d.DiffMean) {
		return d
	}
	ds := make([]float64, d.N)
	for i := range ds {
		ds[i] = az[i] - bz[i]
	}
	n := float64(d.N)
	half := tQuantile(level, n-1) * stat.StdDev(ds, nil) / math.Sqrt(n)
	d.DiffLo, d.DiffHi = d.DiffMean-half, d.DiffMean+half
	vb, va := stat.Variance(bz, nil)/n, stat.Variance(az, nil)/n
	if se := math.Sqrt(vb + va); se > 0 {
		df := (vb + va) * (vb + va) / (vb*vb/(n-1) + va*va/(n-1))
		d.UnpairedHalf = tQuantile(level, df) * se
	}
	return d
}

// runSpread returns the central share level of the paired differences ds, leaving out NaNs,
// and the shares of them below and above 0. All are NaN when fewer than two are left: one pair
// gives no range of futures and no share of them, as it gives no interval. The bounds
// interpolate linearly between order statistics at (n-1)p (Hyndman and Fan's type 7, R's
// default), the upper one counted down from the largest as the lower one is counted up from
// the least: the range is symmetric, so negating the values negates the range, to the last
// bit, and a saving and the cost it spares are given the same range. (Summarise's rule, p×n,
// leans to the low side for few values: with 20 values its 5th percentile is the least
// value, its 95th lies between the two largest.)
func runSpread(ds []float64, level float64) (lo, hi, pLower, pHigher float64) {
	v := make([]float64, 0, len(ds))
	var below, above int
	for _, x := range ds {
		if math.IsNaN(x) {
			continue
		}
		v = append(v, x)
		if x < 0 {
			below++
		} else if x > 0 {
			above++
		}
	}
	if len(v) < 2 {
		nan := math.NaN()
		return nan, nan, nan, nan
	}
	slices.Sort(v)
	n := len(v)
	h := float64(n-1) * (1 - level) / 2
	k := int(math.Floor(h))
	t := h - float64(k)
	at := func(i, j int) float64 { // interpolates from v[i] towards v[j] by t
		if t == 0 {
			return v[i]
		}
		return (1-t)*v[i] + t*v[j]
	}
	lo = at(k, min(k+1, n-1))
	hi = at(n-1-k, max(n-2-k, 0))
	return lo, hi, float64(below) / float64(len(ds)), float64(above) / float64(len(ds))
}

// linearised returns the ratio of totals R = sum(num) / sum(den) and each replication's term
// of its delta-method expansion, (num - R den) / mean(den): the terms add up to 0, and their
// variance over n replications, divided by n, is the variance of R to first order. The terms
// are NaN when the denominators add up to 0.
func linearised(num, den []float64) (z []float64, r float64) {
	r = ratioOfTotals(num, den)
	mean := stat.Mean(den, nil)
	z = make([]float64, len(num))
	for i := range z {
		z[i] = (num[i] - r*den[i]) / mean
	}
	return z, r
}

// RatioInterval returns the ratio of totals sum(num) / sum(den) over independent replications
// and the half-width of its confidence interval at level: Student's t with n - 1 degrees of
// freedom times the ratio estimator's standard error, sd(num - R den) / (mean(den) sqrt(n)),
// the delta method's. n is the number of replications. The half-width is +Inf with one
// replication, and both are NaN with none or when the denominators add up to 0.
func RatioInterval(num, den []float64, level float64) (ratio, half float64, n int) {
	n = len(num)
	if n == 0 {
		return math.NaN(), math.NaN(), 0
	}
	z, r := linearised(num, den)
	if math.IsNaN(r) {
		return r, math.NaN(), n
	}
	if n < 2 {
		return r, math.Inf(1), n
	}
	return r, tQuantile(level, float64(n-1)) * stat.StdDev(z, nil) / math.Sqrt(float64(n)), n
}

// MeanInterval returns the mean of KPI k in period p over the replications and the half-width
// of its confidence interval at level, with the number of replications used: for a share (see
// Ratio), the ratio of totals and its interval from RatioInterval; for any other KPI, the mean
// and Student's t interval of MeanInterval.
func (res *Results) MeanInterval(p, k int, level float64) (mean, half float64, n int) {
	if r, ok := res.RatioOf(k); ok {
		return RatioInterval(res.KPI(p, r.Num), res.KPI(p, r.Den), level)
	}
	return MeanInterval(res.KPI(p, k), level)
}

// tQuantile returns the two-sided Student's t quantile for a confidence level and degrees of
// freedom. Each is worked out once and kept in tQuantiles: a workbook asks for the same one for
// every KPI and year, and each takes an inverse incomplete beta function.
func tQuantile(level, df float64) float64 {
	key := [2]float64{level, df}
	if q, ok := tQuantiles.Load(key); ok {
		return q.(float64)
	}
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile((1 + level) / 2)
	tQuantiles.Store(key, q)
	return q
}

// tQuantiles holds the quantiles tQuantile has worked out, by level and degrees of freedom.
var tQuantiles sync.Map

// MeanInterval returns the mean of xs (leaving out NaNs) and the half-width of its confidence
// interval at level (Student's t), with the number of values used.
func MeanInterval(xs []float64, level float64) (mean, half float64, n int) {
	var v []float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN(), math.NaN(), 0
	}
	mean = stat.Mean(v, nil)
	if len(v) < 2 {
		return mean, math.Inf(1), len(v)
	}
	sd := stat.StdDev(v, nil)
	if sd <= sdResidue*max(math.Abs(slices.Min(v)), math.Abs(slices.Max(v))) {
		// Every value the same but for rounding (a fixed one-off cost's net saving, each
		// pair's worked out from sums of millions of pounds): the interval is the mean
		// itself, not -1143300.0000000005 to -1143299.9999999995.
		return mean, 0, len(v)
	}
	return mean, tQuantile(level, float64(len(v)-1)) * sd / math.Sqrt(float64(len(v))), len(v)
}

// sdResidue is the standard deviation, as a share of the largest value, below which values
// differ only by rounding and MeanInterval takes them as one: float64 sums carry about 1e-16
// of their size for each addition, and a year's cost sums a few thousand; a real spread of
// 1e-12 of a value (a millionth of a penny in a million pounds) is none a user could read.
const sdResidue = 1e-12

// ComparisonHeader is the header line of comparison.csv. diff_mean_lo and diff_mean_hi bound
// the confidence interval of the mean difference (Difference.DiffLo, DiffHi); diff_run_lo and
// diff_run_hi bound the central share of one replication's difference (RunLo, RunHi); p_lower
// and p_higher are the shares of pairs in which the scenario's value is lower or higher.
const ComparisonHeader = "scenario,baseline,period,kpi,base_mean,alt_mean,diff_mean,diff_mean_lo,diff_mean_hi,diff_run_lo,diff_run_hi,p_lower,p_higher,n"

// WriteComparison writes comparison.csv rows (see ComparisonHeader) for the differences of
// scenario alt from baseline base, quoted as encoding/csv quotes and with numbers in full
// (AppendNum). With header set it writes the header line first.
func WriteComparison(w io.Writer, alt, base string, diffs []Difference, header bool) error {
	bw := bufio.NewWriter(w)
	if header {
		bw.WriteString(ComparisonHeader + "\n")
	}
	alt, base = csvField(alt), csvField(base)
	var b []byte
	for _, d := range diffs {
		b = append(b[:0], alt...)
		b = append(b, ',')
		b = append(b, base...)
		b = append(b, ',')
		b = append(b, csvField(d.Period)...)
		b = append(b, ',')
		b = append(b, csvField(d.KPI)...)
		for _, v := range []float64{d.BaseMean, d.AltMean, d.DiffMean, d.DiffLo, d.DiffHi, d.RunLo, d.RunHi, d.PLower, d.PHigher} {
			b = AppendNum(append(b, ','), v)
		}
		b = strconv.AppendInt(append(b, ','), int64(d.N), 10)
		bw.Write(append(b, '\n'))
	}
	return bw.Flush()
}

// RangeRuns returns the fewest runs from which a central range at level (0.9 for the middle 9
// runs in 10) is more than the spread of the runs themselves: 2 / (1 - level), rounded up, so
// that at least one run is expected beyond each end of the range (20 at 0.9, 40 at 0.95, 10
// at 0.8). From fewer, the range is found all the same, by the same rule, but it is little more
// than the least and the greatest of the runs, and the outputs say so; one run gives no range.
func RangeRuns(level float64) int {
	if !(level > 0 && level < 1) {
		return 2
	}
	// The tolerance keeps 2 / (1 - 0.9), 20.000000000000004 in floating point, at 20.
	return max(2, int(math.Ceil(2/(1-level)-1e-9)))
}

// PercentileRuns returns the fewest runs from which percentile p (0 to 100) of the runs is more
// than the least of them (p below 50) or the greatest (p above 50): 1 / min(q, 1 - q) for
// q = p / 100, rounded up, so that at least one run is expected beyond it (10 for p10 or p90,
// 20 for p5 or p95, as RangeRuns for the range between them). The median, p0 and p100 take
// one run: they are no more than they say from any number.
func PercentileRuns(p float64) int {
	if !(p > 0 && p < 100) || p == 50 {
		return 1
	}
	q := min(p, 100-p) / 100
	// The tolerance keeps 1 / 0.1, or 100 / 10 rounded, at 10.
	return max(2, int(math.Ceil(1/q-1e-9)))
}
