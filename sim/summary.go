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
	ks := orderStats(s.ks[:0], percentiles, len(v))
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
	interpolate(st.Percentiles, percentiles, len(v), func(k int) float64 { return v[k] })
	return st
}

// orderStats appends to ks the order statistics (0 for the least of n values) that
// interpolate needs for percentiles, in increasing order, each once.
func orderStats(ks []int, percentiles []float64, n int) []int {
	for _, p := range percentiles {
		i := lowerIndex(p/100*float64(n), n)
		ks = append(ks, max(i-1, 0), i)
	}
	slices.Sort(ks)
	return slices.Compact(ks)
}

// interpolate puts into out the percentiles (0-100) of n values whose order statistics at
// gives (at(0) the least), interpolating linearly between them as gonum's stat.LinInterp does.
// It asks only for those orderStats lists.
func interpolate(out, percentiles []float64, n int, at func(k int) float64) {
	for j, p := range percentiles {
		fidx := p / 100 * float64(n)
		i := lowerIndex(fidx, n)
		if i == 0 {
			out[j] = at(0)
			continue
		}
		t := float64(i+1) - fidx
		out[j] = t*at(i-1) + (1-t)*at(i)
	}
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

// summaryTile is how many KPIs summaries gathers at once.
const summaryTile = 32

// summaries returns Summary of every KPI in every period, period p's KPI k at
// p×len(KPIs)+k. When the replications hold their KPIs, it gathers them a tile of KPIs at a
// time, row by row of the replications, and adds up each KPI over the replications in the
// same pass, rather than reading every replication's row once for each KPI.
func (res *Results) summaries(percentiles []float64) []Stat {
	nK, nReps := len(res.KPIs), len(res.Reps)
	cols := len(res.Periods) * nK
	stats := make([]Stat, cols)
	var s summariser
	if res.kpis != nil || nReps == 0 {
		xs := make([]float64, nReps)
		for j := range stats {
			stats[j] = res.summary(j/nK, j%nK, percentiles, &s, xs)
		}
		return stats
	}
	// Each KPI's total over the replications, added in their order as ratioOfTotals adds, as
	// the tiles are gathered: a share's mean is set once every tile's totals are in.
	totals := make([]float64, cols)
	// A KPI's values lie stride apart in xs: a cache line more than the replications, so
	// that the tile's KPIs do not share the cache's sets.
	stride := nReps + 8
	xs := make([]float64, summaryTile*stride)
	for j0 := 0; j0 < cols; j0 += summaryTile {
		j1 := min(j0+summaryTile, cols)
		tot := totals[j0:j1]
		for r := range res.Reps {
			for jj, x := range res.Reps[r].KPIs[j0:j1] {
				xs[jj*stride+r] = x
				tot[jj] += x
			}
		}
		for j := j0; j < j1; j++ {
			stats[j] = s.summarise(xs[(j-j0)*stride:(j-j0)*stride+nReps], percentiles, true)
		}
	}
	for p := range res.Periods {
		// The first of Ratios for a KPI is the one that counts, as RatioOf finds it.
		for _, r := range slices.Backward(res.Ratios) {
			stats[p*nK+r.KPI].Mean = ratioOrNaN(totals[p*nK+r.Num], totals[p*nK+r.Den])
		}
	}
	return stats
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
// time series does not show them. When the run counted the months as its replications
// finished (Options.CountMonths), the summaries come from the counts, and only the cells the
// counts could not hold are read back from the records.
func (res *Results) summariseMonths(percentiles []float64) ([]Stat, error) {
	nM, nReps := len(res.Metrics), len(res.Reps)
	stats := make([]Stat, len(res.Months)*nM)
	if nReps == 0 || nM == 0 {
		return stats, nil
	}
	var cells []int32 // nil: every cell
	if mc := res.counted(); mc != nil {
		cells = mc.summarise(stats, percentiles)
		if len(cells) == 0 {
			return stats, nil
		}
	}
	return stats, res.summariseCells(stats, cells, percentiles)
}

// summariseCells puts into stats the summary of each cell of cells (month × len(Metrics) +
// metric, in increasing order; nil for every cell), read from the records. It reads them a
// block of months at a time, only the blocks that hold a cell, so that memory stays bounded
// when they are kept in a Store.
func (res *Results) summariseCells(stats []Stat, cells []int32, percentiles []float64) error {
	nM, nReps := len(res.Metrics), len(res.Reps)
	block := max(1, min(len(res.Months), blockValues/(nReps*nM)))
	buf := make([]float64, nReps*block*nM)
	var todo []int32 // the cells of a block, from the block's first
	for from := 0; from < len(res.Months); from += block {
		to := min(from+block, len(res.Months))
		rows := (to - from) * nM
		todo = todo[:0]
		if cells == nil {
			for j := range rows {
				todo = append(todo, int32(j))
			}
		} else {
			for len(cells) > 0 && int(cells[0]) < to*nM {
				todo = append(todo, cells[0]-int32(from*nM))
				cells = cells[1:]
			}
		}
		if len(todo) == 0 {
			continue
		}
		for r := range nReps {
			if err := res.MonthlyRows(r, from, to, buf[r*rows:(r+1)*rows]); err != nil {
				return err
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
					t0 := int(next.Add(monthTile) - monthTile)
					if t0 >= len(todo) {
						return
					}
					tile := todo[t0:min(t0+monthTile, len(todo))]
					for r := range nReps {
						rec := buf[r*rows : (r+1)*rows]
						for jj, j := range tile {
							xs[jj*stride+r] = rec[j]
						}
					}
					for jj, j := range tile {
						stats[from*nM+int(j)] = s.summarise(xs[jj*stride:jj*stride+nReps], percentiles, false)
					}
				}
			})
		}
		wg.Wait()
	}
	return nil
}

// Limits of monthCounts. A value beyond ±maxCountValue is not counted: the sum of the values of
// a cell then stays exact for up to 2^22 replications. A cell spans at most maxCellBins whole
// numbers, and the cells maxCountBins together (16 MiB), however wide their values.
const (
	maxCountValue = 1 << 30
	maxCellBins   = 1 << 12
	maxCountBins  = 4 << 20
	maxCountReps  = 1 << 22
)

// monthCounts counts, for each cell of the monthly records (a reported month and a metric),
// how many replications held each whole number there, as they finish: the
// time series' summaries (summariseMonths) then come from the counts, the same as from the
// values, with no pass over the records. A cell that holds a value that is not a whole number
// within ±maxCountValue (a cost in pounds), or a -0, or whose values spread too wide, is marked
// spilled and its counts dropped: its summary is worked out from the records. NaNs are left
// out, as summaries leave them out. A monthCounts is used by one goroutine at a time.
type monthCounts struct {
	nM    int
	reps  int         // replications counted
	cells []countCell // len(Months) × nM, row-major
	// moves is, for each metric, the replications in which it moved (held a value whose bits
	// are not all zero); in the others (reps less moves) it held +0 in every month.
	moves []int32
	// fixed is, for each metric, the counts of the values it held in the replications of
	// packed records that kept it as one value throughout (addPacked), counted once rather
	// than a month at a time: each month's summary adds them to its cell's. When fixed spills,
	// so does every month's cell of the metric.
	fixed []countCell
	bins  int // the counts' bins, over all cells, against maxCountBins
	// Scratch: the bits of each metric's values or-ed together, and the metrics that moved.
	moved []uint64
	live  []int32
}

// countCell is the counts of one cell: counts[i] replications held lo+i.
type countCell struct {
	lo      int32
	spilled bool
	counts  []int32
}

func newMonthCounts(months, nM int) *monthCounts {
	return &monthCounts{nM: nM, cells: make([]countCell, months*nM), moves: make([]int32, nM), fixed: make([]countCell, nM)}
}

// add counts the record rec of one replication (rows of nM metrics), told in moved the bits
// of each metric's values or-ed together over the months (as packer.pack finds them), or nil
// to find them itself. A metric whose every value is +0 is counted once, not a month at a time.
func (mc *monthCounts) add(rec []float64, moved []uint64) {
	nM := mc.nM
	if moved == nil {
		moved = zeroed(&mc.moved, nM)
		for i := 0; i < len(rec); i += nM {
			row := rec[i : i+nM : i+nM]
			for j := range moved {
				moved[j] |= math.Float64bits(row[j])
			}
		}
	}
	live := mc.live[:0]
	for m, b := range moved[:nM] {
		if b != 0 {
			live = append(live, int32(m))
			mc.moves[m]++
		}
	}
	mc.live = live
	for i := 0; i < len(rec); i += nM {
		row := rec[i : i+nM : i+nM]
		cells := mc.cells[i : i+nM : i+nM]
		for _, m := range live {
			mc.count(&cells[m], row[m])
		}
	}
	mc.reps++
}

// count counts the value v in the cell c: a whole number within ±maxCountValue (not -0) in its
// bin; a NaN not at all, as summaries leave it out; any other value spills c.
func (mc *monthCounts) count(c *countCell, v float64) {
	if v >= -maxCountValue && v <= maxCountValue {
		x := int32(v)
		if float64(x) == v && (x != 0 || math.Float64bits(v) == 0) {
			if k := uint32(x - c.lo); k < uint32(len(c.counts)) {
				c.counts[k]++
			} else {
				mc.grow(c, x)
			}
			return
		}
	}
	if v == v {
		mc.spill(c)
	}
}

// addPacked counts the packed record p of one replication, as add counts the record p packs.
// The packing says which metrics moved and how they are kept: the whole numbers of its ints
// need no checking, and a metric that holds one value throughout is checked once.
func (mc *monthCounts) addPacked(p *packedRecord) {
	nM, months := mc.nM, len(mc.cells)/max(mc.nM, 1)
	c := p.cols
	nC, nI, nF := len(c.consts), len(c.ints), len(c.full)
	for _, list := range [...][]int32{c.consts, c.ints, c.full} {
		for _, m := range list {
			mc.moves[m]++
		}
	}
	for j, m := range c.consts {
		f := &mc.fixed[m]
		if f.spilled {
			continue // and so is every month's cell of m
		}
		if mc.count(f, p.vals[j]); f.spilled {
			for i := range months {
				mc.spill(&mc.cells[i*nM+int(m)])
			}
		}
	}
	if nI > 0 {
		for i := range months {
			cells := mc.cells[i*nM : (i+1)*nM : (i+1)*nM]
			for j, x16 := range p.ints[i*nI : (i+1)*nI] {
				// A whole number of an int16, never -0 (see packedCols).
				cell, x := &cells[c.ints[j]], int32(x16)
				if k := uint32(x - cell.lo); k < uint32(len(cell.counts)) {
					cell.counts[k]++
				} else {
					mc.grow(cell, x)
				}
			}
		}
	}
	if nF > 0 {
		full := p.vals[nC:]
		for i := range months {
			cells := mc.cells[i*nM : (i+1)*nM : (i+1)*nM]
			for j, v := range full[i*nF : (i+1)*nF] {
				mc.count(&cells[c.full[j]], v)
			}
		}
	}
	mc.reps++
}

// grow counts x in c, whose bins do not reach it: it makes room for x and half as many bins
// again on that side, or spills c when that passes the limits.
func (mc *monthCounts) grow(c *countCell, x int32) {
	if c.spilled {
		return
	}
	lo, hi := x, x
	if len(c.counts) > 0 {
		lo, hi = min(c.lo, x), max(c.lo+int32(len(c.counts))-1, x)
	}
	span := int(hi-lo) + 1
	n := min(max(span+span/2, 8), maxCellBins)
	if span > maxCellBins || mc.bins+n-len(c.counts) > maxCountBins {
		mc.spill(c)
		return
	}
	switch {
	case len(c.counts) == 0:
		lo = x - int32(n)/4 // counts of children grow from where they start as often as they fall
	case x < c.lo:
		lo = hi - int32(n) + 1
	}
	counts := make([]int32, n)
	if len(c.counts) > 0 {
		copy(counts[c.lo-lo:], c.counts)
	}
	mc.bins += n - len(c.counts)
	c.lo, c.counts = lo, counts
	c.counts[x-lo]++
}

// spill marks c as one the counts cannot hold, and lets its bins go.
func (mc *monthCounts) spill(c *countCell) {
	if !c.spilled {
		mc.bins -= len(c.counts)
		c.spilled, c.counts = true, nil
	}
}

// counted returns the months' counts of the run, when they hold every replication of res, or
// nil.
func (res *Results) counted() *monthCounts {
	if mc := res.counts; mc != nil && mc.reps == len(res.Reps) && mc.reps <= maxCountReps {
		return mc
	}
	return nil
}

// summarise puts into stats the summary of each cell the counts hold, as summariser.summarise
// would find it from the values (leaving the standard deviation 0), and returns the cells they
// do not hold, in increasing order.
func (mc *monthCounts) summarise(stats []Stat, percentiles []float64) []int32 {
	var spilled, merged []int32
	var ks []int
	var at []float64
	for j := range stats {
		c := &mc.cells[j]
		if c.spilled {
			spilled = append(spilled, int32(j))
			continue
		}
		m := j % mc.nM
		lo, counts := c.lo, c.counts
		f, still := &mc.fixed[m], int32(mc.reps)-mc.moves[m]
		if still > 0 || len(f.counts) > 0 {
			// The replications that held one value throughout, +0 or another, counted in the
			// month too: the counts span them all.
			lo64, hi64 := int64(math.MaxInt32), int64(math.MinInt32)
			for _, part := range [...]*countCell{c, f} {
				if len(part.counts) > 0 {
					lo64, hi64 = min(lo64, int64(part.lo)), max(hi64, int64(part.lo)+int64(len(part.counts))-1)
				}
			}
			if still > 0 {
				lo64, hi64 = min(lo64, 0), max(hi64, 0)
			}
			if hi64-lo64 >= 2*maxCellBins {
				// Too wide to walk: the records are read instead, to the same summary.
				spilled = append(spilled, int32(j))
				continue
			}
			lo = int32(lo64)
			merged = zeroed(&merged, int(hi64-lo64)+1)
			for _, part := range [...]*countCell{c, f} {
				for i, n := range part.counts {
					merged[part.lo-lo+int32(i)] += n
				}
			}
			if still > 0 {
				merged[-lo] += still
			}
			counts = merged
		}
		stats[j], ks, at = countStat(lo, counts, percentiles, ks, at)
	}
	return spilled
}

// countStat returns the summary of the values counted in counts (counts[i] of them hold
// lo+i), as summariser.summarise finds it from the values themselves with the standard
// deviation left 0, using ks and at as scratch (returned for the next call).
func countStat(lo int32, counts []int32, percentiles []float64, ks []int, at []float64) (Stat, []int, []float64) {
	n := 0
	var sum int64
	for i, c := range counts {
		n += int(c)
		sum += int64(c) * (int64(lo) + int64(i))
	}
	st := Stat{N: n, Percentiles: make([]float64, len(percentiles))}
	if n == 0 {
		st.Mean, st.SD = math.NaN(), math.NaN()
		for i := range st.Percentiles {
			st.Percentiles[i] = math.NaN()
		}
		return st, ks, at
	}
	// Whole numbers of at most 2^30, no more than 2^22 of them: every partial sum is exact
	// in a float64, so stat.Mean's sum, in whatever order, is this one.
	st.Mean = float64(sum) / float64(n)
	ks = orderStats(ks[:0], percentiles, n)
	at = at[:0]
	i, below := 0, 0
	for _, k := range ks {
		for below+int(counts[i]) <= k {
			below += int(counts[i])
			i++
		}
		at = append(at, float64(lo)+float64(i))
	}
	interpolate(st.Percentiles, percentiles, n, func(k int) float64 { return at[slices.Index(ks, k)] })
	return st, ks, at
}
