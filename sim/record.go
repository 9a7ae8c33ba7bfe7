package sim

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"unsafe"
)

// packedRecord is a replication's monthly record packed: only the metrics that moved in it,
// each as compactly as its values allow. Most of a scenario's metrics never move in a
// replication (a queueing scenario's costs, ages and needs it has no children of, gaps of the
// kinds no one wants), some hold one value throughout (places that never change), and most of
// the rest are counts of children, places or households. A metric moved if any month holds a
// value whose bits are not all zero (so a -0 is kept as it is); the others are 0 in every
// month. Every value reads back bit for bit.
type packedRecord struct {
	cols *packedCols
	// ints holds len(cols.ints) values a reported month, the months in order.
	ints []int16
	// vals holds the value of each of cols.consts, then len(cols.full) values a reported
	// month, the months in order.
	vals []float64
}

// packedCols says how a packed record holds each metric that moved, by position in
// Results.Metrics, in increasing order within each list: consts hold one value in every
// month, ints a whole number from -32768 to 32767 in every month (never -0), full the others.
// Records of one worker packed alike share one packedCols.
type packedCols struct {
	consts, ints, full []int32
}

func (c *packedCols) equal(d *packedCols) bool {
	return slices.Equal(c.consts, d.consts) && slices.Equal(c.ints, d.ints) && slices.Equal(c.full, d.full)
}

// rows writes rows [from, to) of the record, nM metrics a row, into dst (which has room for
// exactly those rows).
func (p *packedRecord) rows(from, to, nM int, dst []float64) {
	clear(dst)
	c := p.cols
	nC, nI, nF := len(c.consts), len(c.ints), len(c.full)
	full := p.vals[nC:]
	for i := from; i < to; i++ {
		row := dst[(i-from)*nM : (i-from+1)*nM]
		for j, m := range c.consts {
			row[m] = p.vals[j]
		}
		for j, v := range p.ints[i*nI : (i+1)*nI] {
			row[c.ints[j]] = float64(v)
		}
		for j, v := range full[i*nF : (i+1)*nF] {
			row[c.full[j]] = v
		}
	}
}

// colLoc says where a packed record keeps a metric: kind is 'c' for one of cols.consts, 'i'
// for cols.ints, 'f' for cols.full, 0 for a metric that did not move (+0 throughout); at is
// its position in that list.
type colLoc struct {
	kind byte
	at   int
}

// locate puts into locs (grown as need be) where the records packed as c keep each of metrics.
func (c *packedCols) locate(metrics []int32, locs []colLoc) []colLoc {
	locs = locs[:0]
	for _, m := range metrics {
		l := colLoc{}
		if j, ok := slices.BinarySearch(c.consts, m); ok {
			l = colLoc{'c', j}
		} else if j, ok := slices.BinarySearch(c.ints, m); ok {
			l = colLoc{'i', j}
		} else if j, ok := slices.BinarySearch(c.full, m); ok {
			l = colLoc{'f', j}
		}
		locs = append(locs, l)
	}
	return locs
}

// of returns the metric at l of a month of a record packed in memory: consts its values that
// hold throughout, ints and full the month's whole numbers and other values.
func (l colLoc) of(consts []float64, ints []int16, full []float64) float64 {
	switch l.kind {
	case 'c':
		return consts[l.at]
	case 'i':
		return float64(ints[l.at])
	case 'f':
		return full[l.at]
	}
	return 0
}

// ofRaw is of for a month as a PackedStore keeps it: nF values of 8 bytes, then the whole
// numbers of 2, little-endian.
func (l colLoc) ofRaw(consts []float64, raw []byte, nF int) float64 {
	switch l.kind {
	case 'c':
		return consts[l.at]
	case 'i':
		return float64(int16(binary.LittleEndian.Uint16(raw[8*nF+2*l.at:])))
	case 'f':
		return math.Float64frombits(binary.LittleEndian.Uint64(raw[8*l.at:]))
	}
	return 0
}

// columns writes the metrics at locs (found by locate) of rows [from, to) of the record into dst,
// len(locs) values a row.
func (p *packedRecord) columns(from, to int, locs []colLoc, dst []float64) {
	c := p.cols
	nC, nI, nF := len(c.consts), len(c.ints), len(c.full)
	full := p.vals[nC:]
	n := len(locs)
	for i := from; i < to; i++ {
		row := dst[(i-from)*n : (i-from+1)*n]
		ints, fl := p.ints[i*nI:(i+1)*nI], full[i*nF:(i+1)*nF]
		for k, l := range locs {
			row[k] = l.of(p.vals, ints, fl)
		}
	}
}

// bytes returns how many bytes the record's values take.
func (p *packedRecord) bytes() int64 { return int64(2*len(p.ints) + 8*len(p.vals)) }

// packChunk is the number of values a packer takes from the heap at once: one allocation for
// the records of many replications. Grown a record at a time, the heap asks the system for
// most of its memory twice over.
const packChunk = 1 << 17

// packer packs the records of one worker's replications. It is used by one goroutine at a
// time.
type packer struct {
	moved []uint64 // for each metric, the bits of every value it held, or-ed together
	cols  *packedCols
	// still holds, for each metric, all ones if it did not move in the record cols was made
	// for, else 0: a mask over a row.
	still []uint64
	next  packedCols
	// Scratch: the metrics that moved, and for each the bits in which its months differ and
	// (not 0) whether it holds a value that is not a small whole number.
	live          []int32
	varies, large []uint64
	// Scratch of packLike: for each of cols.ints and cols.full, the bits of its values or-ed
	// together.
	intBits, fullBits []uint64
	// The rest of the chunks records are cut from.
	freeVals []float64
	freeInts []int16
}

// pack returns rec, a record of rows of nM metrics, packed. rec is left as it was; pk.moved
// then says which metrics moved in it.
func (pk *packer) pack(rec []float64, nM int) *packedRecord {
	if nM == 0 {
		zeroed(&pk.moved, nM)
		return &packedRecord{cols: &packedCols{}}
	}
	if p := pk.packLike(rec, nM); p != nil {
		return p
	}
	moved := zeroed(&pk.moved, nM)
	months := len(rec) / nM
	for i := 0; i < len(rec); i += nM {
		row := rec[i : i+nM : i+nM]
		row = row[:len(moved)]
		for j := range moved {
			moved[j] |= math.Float64bits(row[j])
		}
	}
	// How each metric that moved can be kept: a month at a time, as the record lies in memory,
	// without a branch a value. varies[j] gathers the bits in which any month differs from the
	// first; large[j] is not 0 when some month holds a value an int16 does not give back bit for
	// bit: a fraction, -0, NaN, an infinity, or a whole number out of its range (int64 of such
	// a value gives a number that float64 does not turn back into the same bits, or one that
	// int16 does not hold).
	live := pk.live[:0]
	for m, b := range moved {
		if b != 0 {
			live = append(live, int32(m))
		}
	}
	pk.live = live
	varies := zeroed(&pk.varies, len(live))
	large := zeroed(&pk.large, len(live))
	first := rec[:nM]
	for i := 0; i < len(rec); i += nM {
		row := rec[i : i+nM : i+nM]
		for j, m := range live {
			b := math.Float64bits(row[m])
			varies[j] |= b ^ math.Float64bits(first[m])
			x := int64(row[m])
			large[j] |= math.Float64bits(float64(x)) ^ b | uint64(x-math.MinInt16)>>16
		}
	}
	nx := &pk.next
	nx.consts, nx.ints, nx.full = nx.consts[:0], nx.ints[:0], nx.full[:0]
	for j, m := range live {
		switch {
		case varies[j] == 0:
			nx.consts = append(nx.consts, m)
		case large[j] == 0:
			nx.ints = append(nx.ints, m)
		default:
			nx.full = append(nx.full, m)
		}
	}
	if pk.cols == nil || !pk.cols.equal(nx) {
		pk.cols = &packedCols{consts: slices.Clone(nx.consts), ints: slices.Clone(nx.ints), full: slices.Clone(nx.full)}
		pk.still = pk.still[:0]
		for _, b := range moved {
			var m uint64
			if b == 0 {
				m = ^uint64(0)
			}
			pk.still = append(pk.still, m)
		}
	}
	c := pk.cols
	nC, nI, nF := len(c.consts), len(c.ints), len(c.full)
	vals := cut(&pk.freeVals, nC+months*nF)
	ints := cut(&pk.freeInts, months*nI)
	for j, m := range c.consts {
		vals[j] = rec[m]
	}
	full := vals[nC:]
	for i := range months {
		row := rec[i*nM : (i+1)*nM]
		out := ints[i*nI : (i+1)*nI]
		for j, m := range c.ints {
			out[j] = int16(row[m])
		}
		outF := full[i*nF : (i+1)*nF]
		for j, m := range c.full {
			outF[j] = row[m]
		}
	}
	return &packedRecord{cols: c, ints: ints, vals: vals}
}

// packLike packs rec as pack does if its metrics are kept as those of the last record packed
// (pk.cols), which the replications of one scenario mostly are, in one pass over the record
// that checks as it packs; it returns nil, having taken nothing from the chunks, if they are
// not: pack then works out how.
func (pk *packer) packLike(rec []float64, nM int) *packedRecord {
	c := pk.cols
	if c == nil || len(pk.moved) != nM {
		return nil
	}
	months := len(rec) / nM
	nC, nI, nF := len(c.consts), len(c.ints), len(c.full)
	freeVals, freeInts := pk.freeVals, pk.freeInts
	vals := cut(&pk.freeVals, nC+months*nF)
	ints := cut(&pk.freeInts, months*nI)
	intBits, fullBits := zeroed(&pk.intBits, nI), zeroed(&pk.fullBits, nF)
	// still: the bits of the metrics that did not move; consts: those in which a month differs
	// from the first; large: whether a month of a metric kept as whole numbers is not one.
	// The metrics that did not move lie side by side in a row: a pass over the rows reads them
	// in order; the others are taken a metric at a time, down the months, so that what is
	// found of each stays in registers.
	still := orMasked(rec, pk.still)
	var consts, large uint64
	first := rec[:nM]
	for _, m := range c.consts {
		consts |= varies(rec, nM, int(m))
	}
	like := true
	for j, m := range c.ints {
		v, b, l := packColumn(rec, nM, int(m), ints[j:], nI)
		intBits[j] = b
		large |= l
		like = like && v != 0
	}
	full := vals[nC:]
	for j, m := range c.full {
		v, b, l := copyColumn(rec, nM, int(m), full[j:], nF)
		fullBits[j] = b
		like = like && v != 0 && l != 0
	}
	like = like && still == 0 && consts == 0 && large == 0
	for j, m := range c.consts {
		vals[j] = first[m]
		like = like && math.Float64bits(first[m]) != 0
	}
	if !like {
		pk.freeVals, pk.freeInts = freeVals, freeInts
		return nil
	}
	moved := zeroed(&pk.moved, nM)
	for _, m := range c.consts {
		moved[m] = math.Float64bits(first[m])
	}
	for j, m := range c.ints {
		moved[m] = intBits[j]
	}
	for j, m := range c.full {
		moved[m] = fullBits[j]
	}
	return &packedRecord{cols: c, ints: ints, vals: vals}
}

// orMasked returns the bits of the values of every row of rec, a record of rows of
// len(mask) metrics, or-ed together, each and-ed with its metric's mask first. The pass reads
// whole rows, eight values at a time into four sums, without a branch a value: most metrics are
// masked in, a few at a time between the others. It reads the values' bits as the words they
// are (wordsOf), straight into the processor's integer registers. It stays out of line: inlined
// into packLike, whose many values leave its loop no registers, it costs several times as much.
//
//go:noinline
func orMasked(rec []float64, mask []uint64) uint64 {
	nM := len(mask)
	words := wordsOf(rec)
	var a, b, c, d uint64
	for i := 0; i+nM <= len(words); i += nM {
		row := words[i : i+nM : i+nM]
		m := mask[:len(row)]
		j := 0
		for ; j+8 <= len(m); j += 8 {
			r8, m8 := row[j:j+8:j+8], m[j:j+8:j+8]
			a |= r8[0]&m8[0] | r8[4]&m8[4]
			b |= r8[1]&m8[1] | r8[5]&m8[5]
			c |= r8[2]&m8[2] | r8[6]&m8[6]
			d |= r8[3]&m8[3] | r8[7]&m8[7]
		}
		for ; j < len(m); j++ {
			a |= row[j] & m[j]
		}
	}
	return a | b | c | d
}

// wordsOf returns the bits of the values of xs (math.Float64bits of each), as a slice of the same
// memory.
func wordsOf(xs []float64) []uint64 {
	if len(xs) == 0 {
		return nil
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(&xs[0])), len(xs))
}

// varies returns the bits in which metric m of any row of rec, a record of rows of nM metrics,
// differs from that of the first, or-ed together. It stays out of line, as orMasked does.
//
//go:noinline
func varies(rec []float64, nM, m int) uint64 {
	first := math.Float64bits(rec[m])
	var d uint64
	for i := m; i < len(rec); i += nM {
		d |= math.Float64bits(rec[i]) ^ first
	}
	return d
}

// packColumn writes metric m of each row of rec, a record of rows of nM metrics, into
// out[stride*row] as an int16, and returns the bits in which its rows differ from the first,
// the bits of its values, and (not 0) whether one is not a whole number an int16 gives back
// bit for bit (a fraction, -0, NaN, an infinity or out of range), each or-ed together.
func packColumn(rec []float64, nM, m int, out []int16, stride int) (differ, bits, large uint64) {
	if m >= len(rec) {
		return 0, 0, 0
	}
	rows := (len(rec) - m + nM - 1) / nM
	_ = out[(rows-1)*stride] // every row's place in out is there
	// The rows' values and places read and written through their offsets from the first of
	// each, with the bounds checked once above: with a check and two indexes a row the loop's
	// values do not fit the processor's registers.
	at, to := unsafe.Pointer(&rec[m]), unsafe.Pointer(&out[0])
	step, outStep := uintptr(nM)*8, uintptr(stride)*2
	first := *(*uint64)(at)
	var d, or, l uint64
	outOff := uintptr(0)
	for off, end := uintptr(0), uintptr(rows)*step; off < end; off += step {
		b := *(*uint64)(unsafe.Add(at, off))
		x := int16(int64(math.Float64frombits(b)))
		d |= b ^ first
		or |= b
		l |= math.Float64bits(float64(x)) ^ b
		*(*int16)(unsafe.Add(to, outOff)) = x
		outOff += outStep
	}
	return d, or, l
}

// copyColumn copies metric m of each row of rec, a record of rows of nM metrics, into
// out[stride*row], and returns what packColumn does.
func copyColumn(rec []float64, nM, m int, out []float64, stride int) (differ, bits, large uint64) {
	first := math.Float64bits(rec[m])
	for i, o := m, 0; i < len(rec); i, o = i+nM, o+stride {
		v := rec[i]
		b := math.Float64bits(v)
		differ |= b ^ first
		bits |= b
		large |= math.Float64bits(float64(int16(int64(v)))) ^ b
		out[o] = v
	}
	return differ, bits, large
}

// cut returns the first n values of *free, taking a new chunk when it has fewer, and leaves
// the rest in *free.
func cut[T int16 | float64](free *[]T, n int) []T {
	if len(*free) < n {
		*free = make([]T, max(n, packChunk))
	}
	out := (*free)[:n:n]
	*free = (*free)[n:]
	return out
}

// MonthlyRows reads rows [from, to) of the monthly record of the replication at position pos
// into dst, which has room for exactly those rows: from the replication's Monthly, its packed
// record, or Store, wherever the run kept it (a run with a Store keeps some records packed in
// memory, Options.MemoryBytes). It returns an error if the run kept no monthly
// record (Options.KPIsOnly) or the store fails.
func (res *Results) MonthlyRows(pos, from, to int, dst []float64) error {
	nM := len(res.Metrics)
	if from < 0 || to > len(res.Months) || from > to || len(dst) != (to-from)*nM {
		return fmt.Errorf("sim: rows %d to %d of a record of %d months into room for %d values", from, to, len(res.Months), len(dst))
	}
	rep := &res.Reps[pos]
	switch {
	case rep.Monthly != nil:
		copy(dst, rep.Monthly[from*nM:to*nM])
	case rep.packed != nil:
		rep.packed.rows(from, to, nM, dst)
	case res.Store != nil:
		return res.Store.Get(pos, from, to, dst)
	default:
		return fmt.Errorf("replication %d kept no monthly record", rep.Index+1)
	}
	return nil
}

// colReader reads some metrics of the monthly records of a Results: MonthlyRows of only those
// metrics. A record kept packed, in memory or in a PackedStore, is unpacked only in those. Its
// fields are scratch memory, kept from one read to the next.
type colReader struct {
	locs []colLoc
	rows []float64
}

// read puts rows [from, to) of the metrics (positions in Results.Metrics, increasing) of the
// record at position pos of res into dst, len(metrics) values a row, which has room for
// exactly those. It returns an error as MonthlyRows does.
func (cr *colReader) read(res *Results, pos, from, to int, metrics []int32, dst []float64) error {
	nM, n := len(res.Metrics), len(metrics)
	if from < 0 || to > len(res.Months) || from > to || len(dst) != (to-from)*n {
		return fmt.Errorf("sim: rows %d to %d of %d metrics of a record of %d months into room for %d values", from, to, n, len(res.Months), len(dst))
	}
	rep := &res.Reps[pos]
	if rep.Monthly == nil {
		if p := rep.packed; p != nil {
			cr.locs = p.cols.locate(metrics, cr.locs)
			p.columns(from, to, cr.locs, dst)
			return nil
		}
		if ps, ok := res.Store.(*PackedStore); ok {
			var err error
			cr.locs, err = ps.getCols(pos, from, to, metrics, dst, cr.locs)
			return err
		}
	}
	// The rows whole, and the metrics picked out.
	rows := zeroed(&cr.rows, (to-from)*nM)
	if err := res.MonthlyRows(pos, from, to, rows); err != nil {
		return err
	}
	for i := range to - from {
		row, out := rows[i*nM:(i+1)*nM], dst[i*n:(i+1)*n]
		for k, m := range metrics {
			out[k] = row[m]
		}
	}
	return nil
}

// MonthlyRecord returns the whole monthly record of the replication at position pos, as
// Replication.Monthly holds it (row i, of length len(Results.Metrics), is reported month i),
// in a new slice. It returns an error as MonthlyRows does.
func (res *Results) MonthlyRecord(pos int) ([]float64, error) {
	out := make([]float64, len(res.Months)*len(res.Metrics))
	if err := res.MonthlyRows(pos, 0, len(res.Months), out); err != nil {
		return nil, err
	}
	return out, nil
}
