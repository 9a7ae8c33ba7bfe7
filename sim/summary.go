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
// found by selection rather than a full sort, or by counting when the values are whole numbers
// over a narrow range (counts of children, places, households): a summary of 1,000
// replications costs a few passes over them.
func Summarise(xs []float64, percentiles []float64) Stat {
	var s summariser
	return s.summarise(xs, percentiles, true)
}

// summariser holds the scratch memory of summaries: many summaries in a row can share it, and
// so allocate only their percentiles.
type summariser struct {
	v      []float64 // the values, reordered in place
	counts []int32   // how many values take each whole number, from the least
	ks     []int     // the order statistics the percentiles need
}

// summarise is Summarise, leaving the standard deviation 0 unless sd is set.
func (s *summariser) summarise(xs []float64, percentiles []float64, sd bool) Stat {
	v := s.v[:0]
	same := true // every value the same, to the bit
	for _, x := range xs {
		if !math.IsNaN(x) {
			same = same && (len(v) == 0 || math.Float64bits(x) == math.Float64bits(v[0]))
			v = append(v, x)
		}
	}
	s.v = v
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
	if sd && len(v) > 1 {
		st.SD = stat.StdDev(v, nil)
	}
	// The order statistics each percentile needs, selected in increasing order so that each
	// selection works on what lies beyond the last.
	n := float64(len(v))
	ks := s.ks[:0]
	for _, p := range percentiles {
		i := lowerIndex(p/100*n, len(v))
		ks = append(ks, max(i-1, 0), i)
	}
	slices.Sort(ks)
	ks = slices.Compact(ks)
	s.ks = ks
	// Values all the same (a metric the scenario never moves) are in order already.
	if !same && !s.byCounts(ks) {
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

// countsSpan is how many more whole numbers than values byCounts counts over at most: beyond,
// selection is cheaper than walking the counts.
const countsSpan = 256

// byCounts puts into s.v[k], for each k of ks (increasing), the value a sort of s.v would put
// there, by counting how many values take each whole number, and reports true; the other
// values of s.v are left as they were or overwritten. When a value is not a whole number of
// at most 2^52, is -0, or the values spread over more than len(s.v)+countsSpan whole numbers,
// it reports false and leaves s.v as it was.
func (s *summariser) byCounts(ks []int) bool {
	v := s.v
	lo, hi := v[0], v[0]
	for _, x := range v {
		// A whole number within ±2^52 (x - lo below is then exact); -0 is left to selection,
		// which keeps its sign.
		if x != math.Trunc(x) || !(math.Abs(x) <= 1<<52) || (x == 0 && math.Signbit(x)) {
			return false
		}
		lo, hi = min(lo, x), max(hi, x)
	}
	span := int(hi - lo)
	if span > len(v)+countsSpan {
		return false
	}
	if cap(s.counts) <= span {
		s.counts = make([]int32, span+1)
	}
	counts := s.counts[:span+1]
	clear(counts)
	for _, x := range v {
		counts[int(x-lo)]++
	}
	// Walk the counts once: below is how many values lie below the whole number lo+i.
	i, below := 0, 0
	for _, k := range ks {
		for below+int(counts[i]) <= k {
			below += int(counts[i])
			i++
		}
		v[k] = lo + float64(i)
	}
	return true
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
	var s summariser
	return res.summary(p, k, percentiles, &s, nil)
}

// summary is Summary with the scratch memory of s, and xs to hold the KPI's values (nil to
// make it).
func (res *Results) summary(p, k int, percentiles []float64, s *summariser, xs []float64) Stat {
	if len(xs) != len(res.Reps) {
		xs = make([]float64, len(res.Reps))
	}
	if res.kpis != nil {
		res.kpis.column(res, p, k, xs)
	} else {
		for i := range res.Reps {
			xs[i] = res.Reps[i].KPIs[p*len(res.KPIs)+k]
		}
	}
	st := s.summarise(xs, percentiles, true)
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

// monthTile is how many cells of the monthly records summariseMonths gathers at once.
const monthTile = 32

// summariseMonths summarises every monthly metric of every month, spreading the work over the
// CPUs; the result is the same whatever their number. The standard deviations are left 0: the
// time series does not show them. It reads the records a block of months at
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
			wg.Go(func() {
				// A tile of cells at a time, read row by row of the replications: the
				// values of a cell lie a record's block apart.
				// A cell's values lie stride apart in xs: a cache line more than the
				// replications, so that the tile's cells do not share the cache's sets.
				var s summariser
				stride := nReps + 8
				xs := make([]float64, monthTile*stride)
				for {
					j0 := int(next.Add(monthTile) - monthTile)
					if j0 >= rows {
						return
					}
					j1 := min(j0+monthTile, rows)
					w := j1 - j0
					for r := range nReps {
						for jj, x := range buf[r*rows+j0 : r*rows+j1] {
							xs[jj*stride+r] = x
						}
					}
					for jj := range w {
						stats[from*nM+j0+jj] = s.summarise(xs[jj*stride:jj*stride+nReps], percentiles, false)
					}
				}
			})
		}
		wg.Wait()
	}
	return stats, nil
}
