package sim

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Difference is the paired comparison of one KPI in one period between a baseline and an
// alternative run on the same seed: replication i of each saw the same children arrive, so the
// difference of each pair measures the policy, not the noise.
type Difference struct {
	// Period is the financial year ("2027/28") or "all".
	Period string
	// KPI names the KPI.
	KPI string
	// BaseMean and AltMean are the means over replications.
	BaseMean, AltMean float64
	// DiffMean is the mean of the paired differences, alternative minus baseline.
	DiffMean float64
	// DiffLo and DiffHi bound the confidence interval of DiffMean at the level asked (Student's
	// t on the paired differences).
	DiffLo, DiffHi float64
	// UnpairedHalf is the half-width the interval would have if the runs were independent
	// (Welch's interval at the same level): what pairing saves.
	UnpairedHalf float64
	// N is the number of pairs with a value in both runs.
	N int
}

// Compare compares alt with base, KPI by KPI and period by period, pairing replications by
// index. Both must be runs of the same seed, replications and periods; KPIs that only one of
// them has (a provision kind only one scenario names) are left out. level is the confidence
// level of the intervals, such as 0.9.
func Compare(base, alt *Results, level float64) ([]Difference, error) {
	if base.Seed != alt.Seed {
		return nil, fmt.Errorf("%s was run with seed %d and %s with seed %d: a comparison needs the same seed", base.Scenario.Name, base.Seed, alt.Scenario.Name, alt.Seed)
	}
	if len(base.Reps) != len(alt.Reps) {
		return nil, fmt.Errorf("%s has %d replications and %s %d: a comparison needs the same number", base.Scenario.Name, len(base.Reps), alt.Scenario.Name, len(alt.Reps))
	}
	if !slices.Equal(base.Periods, alt.Periods) {
		return nil, fmt.Errorf("%s reports %s to %s and %s reports %s to %s: a comparison needs the same start and years",
			base.Scenario.Name, base.Periods[0], base.Periods[len(base.Periods)-2], alt.Scenario.Name, alt.Periods[0], alt.Periods[len(alt.Periods)-2])
	}
	for i := range base.Reps {
		if base.Reps[i].Index != alt.Reps[i].Index {
			return nil, fmt.Errorf("replication %d of %s is paired with replication %d of %s", base.Reps[i].Index, base.Scenario.Name, alt.Reps[i].Index, alt.Scenario.Name)
		}
	}
	if !(level > 0 && level < 1) {
		return nil, fmt.Errorf("confidence level %v: must be between 0 and 1", level)
	}
	altKPI := map[string]int{}
	for k, name := range alt.KPIs {
		altKPI[name] = k
	}
	var out []Difference
	for p, period := range base.Periods {
		for kb, name := range base.KPIs {
			ka, ok := altKPI[name]
			if !ok {
				continue
			}
			out = append(out, difference(period, name, base.KPI(p, kb), alt.KPI(p, ka), level))
		}
	}
	return out, nil
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
		return d
	}
	d.BaseMean, d.AltMean = stat.Mean(bs, nil), stat.Mean(as, nil)
	d.DiffMean = stat.Mean(ds, nil)
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

// tQuantile returns the two-sided Student's t quantile for a confidence level and degrees of
// freedom.
func tQuantile(level, df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile((1 + level) / 2)
}

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
	return mean, tQuantile(level, float64(len(v)-1)) * stat.StdDev(v, nil) / math.Sqrt(float64(len(v))), len(v)
}

// WriteComparison writes comparison.csv rows for the differences of scenario alt from
// baseline base: scenario,baseline,period,kpi,base_mean,alt_mean,diff_mean,diff_lo,diff_hi,n.
// With header set it writes the header line first.
func WriteComparison(w io.Writer, alt, base string, diffs []Difference, header bool) error {
	bw := bufio.NewWriter(w)
	if header {
		bw.WriteString("scenario,baseline,period,kpi,base_mean,alt_mean,diff_mean,diff_lo,diff_hi,n\n")
	}
	var b []byte
	for _, d := range diffs {
		b = append(b[:0], alt...)
		b = append(b, ',')
		b = append(b, base...)
		b = append(b, ',')
		b = append(b, d.Period...)
		b = append(b, ',')
		b = append(b, d.KPI...)
		for _, v := range []float64{d.BaseMean, d.AltMean, d.DiffMean, d.DiffLo, d.DiffHi} {
			b = appendNum(append(b, ','), v)
		}
		b = strconv.AppendInt(append(b, ','), int64(d.N), 10)
		bw.Write(append(b, '\n'))
	}
	return bw.Flush()
}
