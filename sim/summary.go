package sim

import (
	"encoding/binary"
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
	// Mean and SD are the sample mean and standard deviation; SD is NaN (NA in summary.csv)
	// for one value, which has none. In Results.Summary of a share, Mean is the ratio of
	// totals instead (see Ratio).
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

// HalfWidth returns the half-width of the confidence interval at level (Student's t) of the
// mean of n values whose standard deviation is sd, +Inf for fewer than 2 values. Given the
// SD and N of a KPI's Stat (Summary, or summary.csv's sd and n columns, whose numbers read
// back bit for bit), it is the half-width MeanInterval gives for a KPI that is not a share, to
// the last bit: a workbook of every KPI and period then needs no pass over the replications.
func HalfWidth(sd float64, n int, level float64) float64 {
	if n < 2 {
		return math.Inf(1)
	}
	return tQuantile(level, float64(n-1)) * sd / math.Sqrt(float64(n))
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
	// The values but NaNs, in order, into s.v, without a branch a value: each is written at
	// the next place, which moves on past it unless it is NaN. differ gathers the bits in
	// which a value differs from the first; it says whether every value is the same only when
	// there is no NaN, and the pass is made again with a branch a value when there is one.
	if cap(s.v) < len(xs) {
		s.v = make([]float64, 0, len(xs))
	}
	v := s.v[:len(xs)]
	n := 0
	var differ, first uint64
	if len(xs) > 0 {
		first = math.Float64bits(xs[0])
	}
	for _, x := range xs {
		v[n] = x
		n += b2i(x == x)
		differ |= math.Float64bits(x) ^ first
	}
	v = v[:n]
	same := differ == 0
	if n < len(xs) {
		same = true // every value the same, to the bit
		for _, x := range v {
			same = same && math.Float64bits(x) == math.Float64bits(v[0])
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
	if sd && len(v) == 1 {
		// One value has no standard deviation: NA, not 0.
		st.SD = math.NaN()
	}
	if same && math.Float64bits(v[0]) == 0 {
		// Every value +0 (a metric the scenario never moves): the mean, deviation and
		// percentiles are +0, as the sums below would find them, without the passes.
		return st
	}
	if sd && len(v) > 1 {
		// The mean stat.Mean gives, worked out once: stat.MeanStdDev finds it so.
		st.Mean, st.SD = stat.MeanStdDev(v, nil)
	} else {
		st.Mean = stat.Mean(v, nil)
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
	// The bits of each KPI of the tile's values, or-ed together: 0 when every value is +0.
	var ors [summaryTile]uint64
	for j0 := 0; j0 < cols; j0 += summaryTile {
		j1 := min(j0+summaryTile, cols)
		tot, bits := totals[j0:j1], ors[:j1-j0]
		clear(bits)
		for r := range res.Reps {
			for jj, x := range res.Reps[r].KPIs[j0:j1] {
				xs[jj*stride+r] = x
				tot[jj] += x
				bits[jj] |= math.Float64bits(x)
			}
		}
		for j := j0; j < j1; j++ {
			if bits[j-j0] == 0 {
				// Every value +0 (most KPIs of most scenarios): what summarise gives them.
				stats[j] = Stat{N: nReps, Percentiles: make([]float64, len(percentiles))}
				if nReps == 1 {
					stats[j].SD = math.NaN() // one value has no standard deviation
				}
				continue
			}
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

// blockValues is the most monthly values summariseMonths and SummariseSums read into memory
// at once (8 bytes each): 8 MiB, whatever the number of replications. They read only the
// metrics they summarise, so a block spans many months; a larger one would only add to the
// peak of a run that draws its charts meanwhile.
const blockValues = 1 << 20

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
// block of months at a time, only the blocks that hold a cell and only the metrics of their
// cells, so that memory stays bounded when they are kept in a Store.
func (res *Results) summariseCells(stats []Stat, cells []int32, percentiles []float64) error {
	nM, nReps := len(res.Metrics), len(res.Reps)
	if cells == nil {
		cells = make([]int32, len(res.Months)*nM)
		for j := range cells {
			cells[j] = int32(j)
		}
	}
	// The metrics of the cells, and where each lies in a row of them.
	var metrics []int32
	colOf := make([]int32, nM)
	seen := make([]bool, nM)
	for _, j := range cells {
		seen[int(j)%nM] = true
	}
	for m, ok := range seen {
		if ok {
			colOf[m] = int32(len(metrics))
			metrics = append(metrics, int32(m))
		}
	}
	nC := len(metrics)
	if nC == 0 {
		return nil
	}
	block := max(1, min(len(res.Months), blockValues/(nReps*nC)))
	buf := make([]float64, nReps*block*nC)
	var cr colReader
	var todo []int32 // the cells of a block, as positions in a replication's block of rows
	for from := 0; from < len(res.Months) && len(cells) > 0; from += block {
		to := min(from+block, len(res.Months))
		rows := (to - from) * nC
		todo = todo[:0]
		first := cells
		for len(cells) > 0 && int(cells[0]) < to*nM {
			j := int(cells[0])
			todo = append(todo, int32((j/nM-from)*nC+int(colOf[j%nM])))
			cells = cells[1:]
		}
		first = first[:len(todo)]
		if len(todo) == 0 {
			continue
		}
		for r := range nReps {
			if err := cr.read(res, r, from, to, metrics, buf[r*rows:(r+1)*rows]); err != nil {
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
					for jj := range tile {
						stats[first[t0+jj]] = s.summarise(xs[jj*stride:jj*stride+nReps], percentiles, false)
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
	mc.addConsts(c, p.vals[:nC])
	if nI > 0 {
		for i := range months {
			mc.countInts(mc.cells[i*nM:(i+1)*nM:(i+1)*nM], c.ints, p.ints[i*nI:(i+1)*nI])
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

// CountMonths counts, for each reported month, how many replications hold each whole number in
// each monthly metric (unless the run counted them as its replications finished,
// Options.CountMonths) and in each of sums, so that the time series' summaries
// (WriteTimeseries) and those of SummariseSums come from the counts, as they would from the
// values: only the months of metrics and sums that are not whole numbers of a narrow range
// (costs in pounds) are then read back from the records. It reads the records a block of
// months at a time and counts a tile of them (countTile months) a replication at a time, each
// record's months of the tile in the order they lie in memory. It counts
// records kept packed, in memory or in a PackedStore, as Run and Runner keep them; records
// kept otherwise are left uncounted, to be read back as they are. It returns an error if the
// store fails.
func (res *Results) CountMonths(sums []MonthlySum) error {
	nR, nM, months := len(res.Reps), len(res.Metrics), len(res.Months)
	if nR == 0 || nR > maxCountReps || months == 0 {
		return nil
	}
	ps, _ := res.Store.(*PackedStore)
	views := make([]recordView, nR)
	for r := range res.Reps {
		rep := &res.Reps[r]
		switch {
		case rep.Monthly == nil && rep.packed != nil:
			p := rep.packed
			views[r] = recordView{cols: p.cols, consts: p.vals[:len(p.cols.consts)], ints: p.ints, full: p.vals[len(p.cols.consts):], off: -1}
		case rep.Monthly == nil && ps != nil && r < len(ps.at) && ps.at[r].cols != nil:
			a := &ps.at[r]
			views[r] = recordView{cols: a.cols, consts: a.consts, off: a.off}
		default:
			return nil // not packed: read back as it is
		}
	}
	var mc *monthCounts
	if res.counted() == nil {
		mc = newMonthCounts(months, nM)
		for _, v := range views {
			mc.addConsts(v.cols, v.consts)
		}
	}
	// The sums that are not one metric as it is (whose counts are the metric's), and the
	// metrics they add up, with where each record keeps them.
	var own []MonthlySum
	for _, sum := range sums {
		if !sum.isMetric() && !slices.ContainsFunc(own, func(o MonthlySum) bool { return slices.Equal(o, sum) }) {
			own = append(own, sum)
		}
	}
	var sc *monthCounts
	var terms []int32 // the metrics of own, increasing
	var termOf []int  // for each term of own, in order, its position in terms
	locs := map[*packedCols][]colLoc{}
	if len(own) > 0 {
		sc = newMonthCounts(months, len(own))
		for _, sum := range own {
			for _, t := range sum {
				if !slices.Contains(terms, int32(t.Metric)) {
					terms = append(terms, int32(t.Metric))
				}
			}
		}
		slices.Sort(terms)
		for _, sum := range own {
			for _, t := range sum {
				k, _ := slices.BinarySearch(terms, int32(t.Metric))
				termOf = append(termOf, k)
			}
		}
		for _, v := range views {
			if _, ok := locs[v.cols]; !ok {
				locs[v.cols] = v.cols.locate(terms, nil)
			}
		}
	}
	if mc == nil && sc == nil {
		return nil
	}
	// Blocks of months of about countBlockBytes of the stored records.
	perMonth := 0
	for _, v := range views {
		if v.off >= 0 {
			perMonth += v.rowBytes()
		}
	}
	block := months
	if perMonth > 0 {
		block = max(1, min(months, countBlockBytes/perMonth))
	}
	var buf []byte
	at := make([]int, nR) // where each stored record's block lies in buf
	termVals := make([]float64, len(terms))
	for from := 0; from < months; from += block {
		to := min(from+block, months)
		if perMonth > 0 {
			buf = slices.Grow(buf[:0], (to-from)*perMonth)[:(to-from)*perMonth]
			n := 0
			for r, v := range views {
				if v.off < 0 {
					continue
				}
				rb := v.rowBytes()
				at[r] = n
				if _, err := ps.f.ReadAt(buf[n:n+(to-from)*rb], v.off+int64(from*rb)); err != nil {
					return fmt.Errorf("sim: reading the monthly record of replication position %d: %w", r, err)
				}
				n += (to - from) * rb
			}
		}
		// A tile of months at a time, each replication's months of the tile in turn: a
		// record's months lie side by side, and the tile's cells stay in the cache.
		for i0 := from; i0 < to; i0 += countTile {
			for r := range views {
				for i := i0; i < min(i0+countTile, to); i++ {
					var cells []countCell
					if mc != nil {
						cells = mc.cells[i*nM : (i+1)*nM : (i+1)*nM]
					}
					v := &views[r]
					c := v.cols
					nI, nF := len(c.ints), len(c.full)
					var ints []int16
					var full []float64
					var raw []byte // a stored row: nF values of 8 bytes, then nI of 2
					if v.off < 0 {
						ints, full = v.ints[i*nI:(i+1)*nI], v.full[i*nF:(i+1)*nF]
					} else {
						rb := v.rowBytes()
						raw = buf[at[r]+(i-from)*rb : at[r]+(i-from+1)*rb]
					}
					if mc != nil {
						if raw == nil {
							mc.countInts(cells, c.ints, ints)
							for j, x := range full {
								mc.count(&cells[c.full[j]], x)
							}
						} else {
							mc.countRawInts(cells, c.ints, raw[8*nF:])
							for j := range nF {
								mc.count(&cells[c.full[j]], math.Float64frombits(binary.LittleEndian.Uint64(raw[8*j:])))
							}
						}
					}
					if sc != nil {
						for k, l := range locs[c] {
							if raw == nil {
								termVals[k] = l.of(v.consts, ints, full)
							} else {
								termVals[k] = l.ofRaw(v.consts, raw, nF)
							}
						}
						cells := sc.cells[i*len(own) : (i+1)*len(own)]
						n := 0
						for j, sum := range own {
							x := 0.0
							for _, t := range sum {
								x += t.Sign * termVals[termOf[n]]
								n++
							}
							sc.count(&cells[j], x)
						}
					}
				}
			}
		}
	}
	if mc != nil {
		mc.reps = nR
		res.counts = mc
	}
	if sc != nil {
		// Every value of a sum is counted, +0 or not: none is left to its metric's stillness.
		for j := range sc.moves {
			sc.moves[j] = int32(nR)
		}
		sc.reps = nR
		res.sums, res.sumCounts = own, sc
	}
	return nil
}

// countTile is how many months CountMonths counts of one replication before the next: ten
// years and more of months at once, which for the queueing check's 2,000 replications costs
// 45% less CPU than a month of every replication at a time (whose records each lie elsewhere
// in memory), and a sixth less than 32 months. The default county's records, read back from
// a PackedStore a block of a few months at a time, cost the same either way.
const countTile = 128

// countBlockBytes is about how many bytes of stored records CountMonths reads at once.
const countBlockBytes = 4 << 20

// recordView is how CountMonths reads the packed record of one replication: in memory (off
// -1; ints and full its values, a month at a time) or in a PackedStore's file at off.
type recordView struct {
	cols   *packedCols
	consts []float64
	ints   []int16
	full   []float64
	off    int64
}

// rowBytes is how many bytes a month of a stored record takes.
func (v *recordView) rowBytes() int { return 8*len(v.cols.full) + 2*len(v.cols.ints) }

// addConsts counts, for one replication whose record is packed as cols with the values consts
// of its metrics that hold one value throughout, which metrics moved and those values, as
// addPacked does, leaving its months to be counted by the caller.
func (mc *monthCounts) addConsts(cols *packedCols, consts []float64) {
	months := len(mc.cells) / max(mc.nM, 1)
	for _, list := range [...][]int32{cols.consts, cols.ints, cols.full} {
		for _, m := range list {
			mc.moves[m]++
		}
	}
	for j, m := range cols.consts {
		f := &mc.fixed[m]
		if f.spilled {
			continue // and so is every month's cell of m
		}
		if mc.count(f, consts[j]); f.spilled {
			for i := range months {
				mc.spill(&mc.cells[i*mc.nM+int(m)])
			}
		}
	}
}

// countInts counts, in the cells of a month, each of xs, a whole number of an int16 (never
// -0), in the cell of its metric in ms.
func (mc *monthCounts) countInts(cells []countCell, ms []int32, xs []int16) {
	xs = xs[:len(ms)]
	for j, m := range ms {
		c, x := &cells[m], int32(xs[j])
		// k compared as an int, which the bin's index is: one check, not two.
		if k, counts := int(uint32(x-c.lo)), c.counts; k < len(counts) {
			counts[k]++
		} else {
			mc.grow(c, x)
		}
	}
}

// countRawInts is countInts of the int16s of raw, little-endian, as a PackedStore keeps them.
func (mc *monthCounts) countRawInts(cells []countCell, ms []int32, raw []byte) {
	raw = raw[:2*len(ms)]
	for j, m := range ms {
		c, x := &cells[m], int32(int16(binary.LittleEndian.Uint16(raw[2*j:])))
		if k, counts := int(uint32(x-c.lo)), c.counts; k < len(counts) {
			counts[k]++
		} else {
			mc.grow(c, x)
		}
	}
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
	var spilled []int32
	var sc countScratch
	for j := range stats {
		st, ok := mc.cellStat(j, percentiles, &sc)
		if !ok {
			spilled = append(spilled, int32(j))
			continue
		}
		stats[j] = st
	}
	return spilled
}

// countScratch is the scratch memory of monthCounts.cellStat, shared by many calls.
type countScratch struct {
	merged []int32
	ks     []int
	at     []float64
}

// cellStat returns the summary of cell j (month × nM + metric) as summariser.summarise would
// find it from the values (leaving the standard deviation 0), and true; or false when the
// counts do not hold the cell (it spilled, or its values spread too wide to walk).
func (mc *monthCounts) cellStat(j int, percentiles []float64, sc *countScratch) (Stat, bool) {
	c := &mc.cells[j]
	if c.spilled {
		return Stat{}, false
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
			return Stat{}, false
		}
		lo = int32(lo64)
		merged := zeroed(&sc.merged, int(hi64-lo64)+1)
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
	var st Stat
	st, sc.ks, sc.at = countStat(lo, counts, percentiles, sc.ks, sc.at)
	return st, true
}

// A MonthlySum is a monthly series made of a record's metrics: in each month, 0 plus each
// term's metric times its sign, added in the order of the terms (a children-in-residential-care
// series adds the children of every residential kind; a shortfall takes places from children).
type MonthlySum []SumTerm

// SumTerm is a term of a MonthlySum: the metric at Metric in Results.Metrics, times Sign (1 or
// -1).
type SumTerm struct {
	Metric int
	Sign   float64
}

// isMetric reports whether the sum is one metric as it is, whose counts are the metric's own.
func (sum MonthlySum) isMetric() bool { return len(sum) == 1 && sum[0].Sign == 1 }

// SummariseSums returns the summary over replications of each of sums in each reported month,
// month i's sum j at i×len(sums)+j: the mean and percentiles of the sums' values, as Summarise
// finds them, with the standard deviation left 0. The sums counted (CountMonths, and a
// metric's own counts for a sum that is one metric) come from their counts, the others from
// the records, read a block of months at a time; the summaries are the same either way.
func (res *Results) SummariseSums(sums []MonthlySum, percentiles []float64) ([]Stat, error) {
	nS, nM, nR := len(sums), len(res.Metrics), len(res.Reps)
	stats := make([]Stat, len(res.Months)*nS)
	if nS == 0 || nR == 0 {
		return stats, nil
	}
	// Where each sum's counts are: the metric's cells (from), or the counted sum's; -1 for none.
	mc := res.counted()
	sc := res.sumCounts
	if sc == nil || sc.reps != nR || sc.reps > maxCountReps {
		sc = nil
	}
	from := make([]int, nS)
	counted := make([]*monthCounts, nS)
	for j, sum := range sums {
		from[j] = -1
		switch {
		case mc != nil && sum.isMetric():
			counted[j], from[j] = mc, sum[0].Metric
		case sc != nil:
			for k, s := range res.sums {
				if slices.Equal(s, sum) {
					counted[j], from[j] = sc, k
					break
				}
			}
		}
	}
	var todo []int32 // the cells (month × nS + sum) the counts do not hold, in order
	var scratch countScratch
	for i := range res.Months {
		for j := range sums {
			if c := counted[j]; c != nil {
				if st, ok := c.cellStat(i*c.nM+from[j], percentiles, &scratch); ok {
					stats[i*nS+j] = st
					continue
				}
			}
			todo = append(todo, int32(i*nS+j))
		}
	}
	if len(todo) == 0 {
		return stats, nil
	}
	// The metrics of the sums left, and where each lies in a row of them.
	seen := make([]bool, nM)
	for _, c := range todo {
		for _, t := range sums[int(c)%nS] {
			seen[t.Metric] = true
		}
	}
	var metrics []int32
	colOf := make([]int, nM)
	for m, ok := range seen {
		if ok {
			colOf[m] = len(metrics)
			metrics = append(metrics, int32(m))
		}
	}
	nC := max(len(metrics), 1)
	block := max(1, min(len(res.Months), blockValues/(nR*nC)))
	buf := make([]float64, nR*block*len(metrics))
	xs := make([]float64, nR)
	var s summariser
	var cr colReader
	for first := 0; first < len(res.Months) && len(todo) > 0; first += block {
		to := min(first+block, len(res.Months))
		if int(todo[0]) >= to*nS {
			continue
		}
		rows := (to - first) * len(metrics)
		for r := range nR {
			if err := cr.read(res, r, first, to, metrics, buf[r*rows:(r+1)*rows]); err != nil {
				return nil, err
			}
		}
		for len(todo) > 0 && int(todo[0]) < to*nS {
			i, j := int(todo[0])/nS, int(todo[0])%nS
			todo = todo[1:]
			at := (i - first) * len(metrics)
			for r := range nR {
				v := 0.0
				for _, t := range sums[j] {
					v += t.Sign * buf[r*rows+at+colOf[t.Metric]]
				}
				xs[r] = v
			}
			stats[i*nS+j] = s.summarise(xs, percentiles, false)
		}
	}
	return stats, nil
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
