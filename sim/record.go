package sim

import (
	"fmt"
	"math"
)

// packedRecord is a replication's monthly record packed: only the metrics that moved in it.
// Most of a scenario's metrics never move in a replication (a queueing scenario's costs,
// ages and needs it has no children of, gaps of the kinds no one wants), so a record of
// the others is a fraction of the size, and a run of thousands of replications holds a
// fraction of the memory. A metric moved if any month holds a value whose bits are not all
// zero (so a -0 is kept as it is); the others are 0 in every month.
type packedRecord struct {
	// cols are the metrics that moved, by position in Results.Metrics, in increasing order.
	// Replications of the same worker with the same metrics share one slice.
	cols []int32
	// vals holds len(cols) values a reported month, the months in order.
	vals []float64
}

// rows writes rows [from, to) of the record, nM metrics a row, into dst (which has room for
// exactly those rows).
func (p *packedRecord) rows(from, to, nM int, dst []float64) {
	clear(dst)
	n := len(p.cols)
	for i := from; i < to; i++ {
		row := dst[(i-from)*nM : (i-from+1)*nM]
		for j, v := range p.vals[i*n : (i+1)*n] {
			row[p.cols[j]] = v
		}
	}
}

// packChunk is the number of values a packer takes from the heap at once (8 bytes each): one
// allocation for the records of many replications. Grown a record at a time, the heap asks
// the system for most of its memory twice over.
const packChunk = 1 << 18

// packer packs the records of one worker's replications. It is used by one goroutine at a
// time.
type packer struct {
	moved []uint64  // for each metric, the bits of every value it held, or-ed together
	cols  []int32   // the metrics that moved in the last record packed
	free  []float64 // the rest of the chunk records are cut from
}

// pack returns rec, a record of rows of nM metrics, packed. rec is left as it was.
func (pk *packer) pack(rec []float64, nM int) *packedRecord {
	if nM == 0 {
		return &packedRecord{}
	}
	moved := zeroedBits(&pk.moved, nM)
	for i := 0; i < len(rec); i += nM {
		for j, v := range rec[i : i+nM] {
			moved[j] |= math.Float64bits(v)
		}
	}
	n := 0
	for _, b := range moved {
		if b != 0 {
			n++
		}
	}
	cols := pk.cols
	if !sameMoved(cols, moved, n) {
		cols = make([]int32, 0, n)
		for j, b := range moved {
			if b != 0 {
				cols = append(cols, int32(j))
			}
		}
		pk.cols = cols
	}
	months := len(rec) / nM
	size := months * n
	if len(pk.free) < size {
		pk.free = make([]float64, max(size, packChunk))
	}
	vals := pk.free[:size:size]
	pk.free = pk.free[size:]
	for i := range months {
		row, out := rec[i*nM:(i+1)*nM], vals[i*n:(i+1)*n]
		for j, m := range cols {
			out[j] = row[m]
		}
	}
	return &packedRecord{cols: cols, vals: vals}
}

// sameMoved reports whether cols are exactly the n metrics of moved that are not 0.
func sameMoved(cols []int32, moved []uint64, n int) bool {
	if len(cols) != n {
		return false
	}
	for _, m := range cols {
		if moved[m] == 0 {
			return false
		}
	}
	return true
}

func zeroedBits(buf *[]uint64, n int) []uint64 {
	if cap(*buf) < n {
		*buf = make([]uint64, n)
	}
	*buf = (*buf)[:n]
	clear(*buf)
	return *buf
}

// MonthlyRows reads rows [from, to) of the monthly record of the replication at position pos
// into dst, which has room for exactly those rows: from the replication's Monthly, its packed
// record, or Store, wherever the run kept it. It returns an error if the run kept no monthly
// record (Options.KPIsOnly) or the store fails.
func (res *Results) MonthlyRows(pos, from, to int, dst []float64) error {
	nM := len(res.Metrics)
	if from < 0 || to > len(res.Months) || from > to || len(dst) != (to-from)*nM {
		return fmt.Errorf("sim: rows %d to %d of a record of %d months into room for %d values", from, to, len(res.Months), len(dst))
	}
	rep := &res.Reps[pos]
	switch {
	case res.Store != nil:
		return res.Store.Get(pos, from, to, dst)
	case rep.Monthly != nil:
		copy(dst, rep.Monthly[from*nM:to*nM])
	case rep.packed != nil:
		rep.packed.rows(from, to, nM, dst)
	default:
		return fmt.Errorf("replication %d kept no monthly record", rep.Index)
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
