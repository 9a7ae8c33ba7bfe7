package sim

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/stat"
)

// DefaultPercentiles are the percentiles summaries show unless asked otherwise.
var DefaultPercentiles = []float64{5, 50, 95}

// Stat summarises one quantity over replications, in the quantity's own unit.
type Stat struct {
	// Mean and SD are the sample mean and standard deviation. In Results.Summary of a share,
	// Mean is the ratio of totals instead (see Ratio).
	Mean, SD float64
	// Percentiles holds the requested percentiles in the order asked.
	Percentiles []float64
	// N is the number of replications with a value (a share with no denominator has none).
	N int
}

// Summarise returns the mean, standard deviation and percentiles (0-100) of xs, leaving out
// NaNs. Percentiles interpolate linearly between order statistics (gonum's stat.LinInterp),
// found by selection rather than a full sort: a summary of 1,000 replications costs a few
// passes over them.
func Summarise(xs []float64, percentiles []float64) Stat {
	return summarise(xs, percentiles, make([]float64, 0, len(xs)))
}

// summarise is Summarise with scratch memory for the values (reordered in place); many
// summaries in a row can share it, and so allocate only their percentiles.
func summarise(xs []float64, percentiles []float64, scratch []float64) Stat {
	v := scratch[:0]
	same := true // every value the same, to the bit
	for _, x := range xs {
		if !math.IsNaN(x) {
			same = same && (len(v) == 0 || math.Float64bits(x) == math.Float64bits(v[0]))
			v = append(v, x)
		}
	}
	st := Stat{N: len(v), Percentiles: make([]float64, len(percentiles))}
	if len(v) == 0 {
		st.Mean, st.SD = math.NaN(), math.NaN()
		for i := range st.Percentiles {
			st.Percentiles[i] = math.NaN()
		}
		return st
	}
	if same && math.Float64bits(v[0]) == 0 {
		// Every value +0 (a metric the scenario never moves): the mean, deviation and
		// percentiles are +0, as the sums below would find them, without the passes.
		return st
	}
	st.Mean = stat.Mean(v, nil)
	st.SD = 0
	if len(v) > 1 {
		st.SD = stat.StdDev(v, nil)
	}
	// The order statistics each percentile needs, selected in increasing order so that each
	// selection works on what lies beyond the last.
	n := float64(len(v))
	var ks []int
	for _, p := range percentiles {
		i := lowerIndex(p/100*n, len(v))
		ks = append(ks, max(i-1, 0), i)
	}
	slices.Sort(ks)
	ks = slices.Compact(ks)
	// Values all the same (a metric the scenario never moves) are in order already.
	if !same {
		lo := 0
		for i, k := range ks {
			if i > 0 && k == lo+1 {
				// Nothing after v[lo] is smaller than it: the next is the least of the rest,
				// one pass to find.
				m := k
				for j := k + 1; j < len(v); j++ {
					if v[j] < v[m] {
						m = j
					}
				}
				v[k], v[m] = v[m], v[k]
			} else {
				selectK(v[lo:], k-lo)
			}
			lo = k
		}
	}
	for j, p := range percentiles {
		fidx := p / 100 * n
		i := lowerIndex(fidx, len(v))
		if i == 0 {
			st.Percentiles[j] = v[0]
			continue
		}
		t := float64(i+1) - fidx
		st.Percentiles[j] = t*v[i-1] + (1-t)*v[i]
	}
	return st
}

// lowerIndex is the order statistic gonum's linear interpolation stops at for a cumulative
// count fidx among n values: the first i with i+1 >= fidx.
func lowerIndex(fidx float64, n int) int {
	return min(max(int(math.Ceil(fidx))-1, 0), n-1)
}

// selectK rearranges v so that v[k] is the value a sort would put there, with no larger value
// before it and no smaller one after (Hoare's selection with a median-of-three pivot).
func selectK(v []float64, k int) {
	lo, hi := 0, len(v)-1
	for hi > lo {
		if hi-lo < 16 {
			slices.Sort(v[lo : hi+1])
			return
		}
		mid := lo + (hi-lo)/2
		if v[mid] < v[lo] {
			v[mid], v[lo] = v[lo], v[mid]
		}
		if v[hi] < v[lo] {
			v[hi], v[lo] = v[lo], v[hi]
		}
		if v[hi] < v[mid] {
			v[hi], v[mid] = v[mid], v[hi]
		}
		pivot := v[mid]
		i, j := lo, hi
		for i <= j {
			for v[i] < pivot {
				i++
			}
			for v[j] > pivot {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}

// PercentileColumn names a percentile's column: 5 is "p05", 50 is "p50", 97.5 is "p97.5".
func PercentileColumn(p float64) string {
	if p == math.Trunc(p) {
		return fmt.Sprintf("p%02d", int(p))
	}
	return "p" + strconv.FormatFloat(p, 'f', -1, 64)
}

// KPI returns the values of KPI k in period p over the replications.
func (res *Results) KPI(p, k int) []float64 {
	out := make([]float64, len(res.Reps))
	if res.kpis != nil {
		res.kpis.column(res, p, k, out)
		return out
	}
	for i := range res.Reps {
		out[i] = res.Reps[i].KPIs[p*len(res.KPIs)+k]
	}
	return out
}

// Metric returns the values of monthly metric m in reported month i over the replications.
func (res *Results) Metric(i, m int) ([]float64, error) {
	out := make([]float64, len(res.Reps))
	row := make([]float64, len(res.Metrics))
	for r := range res.Reps {
		if err := res.MonthlyRows(r, i, i+1, row); err != nil {
			return nil, err
		}
		out[r] = row[m]
	}
	return out, nil
}

// Summary summarises KPI k in period p over the replications, as summary.csv shows it. For a
// share (see Ratio) the mean is the ratio of totals, sum(numerators) / sum(denominators) over
// every replication, while the standard deviation, the percentiles and N describe the
// replications' own shares (N counts those with a denominator above 0).
func (res *Results) Summary(p, k int, percentiles []float64) Stat {
	st := Summarise(res.KPI(p, k), percentiles)
	if r, ok := res.RatioOf(k); ok {
		st.Mean = ratioOfTotals(res.KPI(p, r.Num), res.KPI(p, r.Den))
	}
	return st
}

// ratioOfTotals returns sum(num) / sum(den), or NaN when the denominators add up to 0.
func ratioOfTotals(num, den []float64) float64 {
	var n, d float64
	for i := range num {
		n += num[i]
		d += den[i]
	}
	return ratioOrNaN(n, d)
}

// blockValues is the most monthly values summariseMonths reads into memory at once (8 bytes
// each): 32 MiB, whatever the number of replications.
const blockValues = 4 << 20

// summariseMonths summarises every monthly metric of every month, spreading the work over the
// CPUs; the result is the same whatever their number. It reads the records a block of months at
// a time, so that memory stays bounded when they are kept in a Store.
func (res *Results) summariseMonths(percentiles []float64) ([]Stat, error) {
	nM, nReps := len(res.Metrics), len(res.Reps)
	stats := make([]Stat, len(res.Months)*nM)
	if nReps == 0 || nM == 0 {
		return stats, nil
	}
	block := max(1, min(len(res.Months), blockValues/(nReps*nM)))
	buf := make([]float64, nReps*block*nM)
	for from := 0; from < len(res.Months); from += block {
		to := min(from+block, len(res.Months))
		rows := (to - from) * nM
		for r := range nReps {
			if err := res.MonthlyRows(r, from, to, buf[r*rows:(r+1)*rows]); err != nil {
				return nil, err
			}
		}
		var next atomic.Int64
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				xs, scratch := make([]float64, nReps), make([]float64, 0, nReps)
				for {
					j := int(next.Add(1) - 1)
					if j >= rows {
						return
					}
					for r := range nReps {
						xs[r] = buf[r*rows+j]
					}
					stats[from*nM+j] = summarise(xs, percentiles, scratch)
				}
			}()
		}
		wg.Wait()
	}
	return stats, nil
}
