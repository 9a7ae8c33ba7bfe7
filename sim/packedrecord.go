package sim

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// PackedColumns says how a packed monthly record holds each metric that moved in it, by
// position in Results.Metrics, each list increasing and no metric in two: Consts hold one value
// in every month, Ints a whole number from -32768 to 32767 in every month (never -0), Full the
// others. The metrics in none of them are +0 in every month.
type PackedColumns struct {
	Consts, Ints, Full []int32
}

// RowBytes returns the length in bytes of one month of a record packed so: 8 for each of Full,
// then 2 for each of Ints.
func (c PackedColumns) RowBytes() int { return 8*len(c.Full) + 2*len(c.Ints) }

// Check returns an error if c is not how a record of metrics metrics is packed: a position out
// of range, a list out of order, or a metric in two lists.
func (c PackedColumns) Check(metrics int) error {
	seen := make([]bool, metrics)
	for _, l := range [...]struct {
		name string
		ms   []int32
	}{{"constant", c.Consts}, {"whole-number", c.Ints}, {"full", c.Full}} {
		for i, m := range l.ms {
			switch {
			case m < 0 || int(m) >= metrics:
				return fmt.Errorf("%s metric %d of %d metrics", l.name, m, metrics)
			case i > 0 && m <= l.ms[i-1]:
				return fmt.Errorf("%s metrics out of order (%d after %d)", l.name, m, l.ms[i-1])
			case seen[m]:
				return fmt.Errorf("metric %d packed twice", m)
			}
			seen[m] = true
		}
	}
	return nil
}

// RecordPacker packs monthly records as a PackedStore keeps them: only the metrics that moved,
// a metric that holds one value throughout as that value, whole numbers in two bytes. Every
// value reads back bit for bit. It is used by one goroutine at a time.
type RecordPacker struct {
	pk     packer
	vals   []float64
	ints16 []int16
	rows   []byte
}

// Pack packs rec, a record of rows of metrics values, and returns how (cols), the value of each
// of cols.Consts, and the months' rows as a PackedStore's file holds them: for each month, the
// values of cols.Full as little-endian float64s, then those of cols.Ints as little-endian
// int16s. What it returns is valid until the next call.
func (rp *RecordPacker) Pack(rec []float64, metrics int) (cols PackedColumns, consts []float64, rows []byte) {
	// The packer cuts a record's values from the room given it here, large enough for any
	// record as long as rec: no chunk is taken from the heap for each record.
	if len(rp.vals) < len(rec)+metrics {
		rp.vals = make([]float64, len(rec)+metrics)
		rp.ints16 = make([]int16, len(rec))
	}
	rp.pk.freeVals, rp.pk.freeInts = rp.vals, rp.ints16
	p := rp.pk.pack(rec, metrics)
	c := p.cols
	nC, nI, nF := len(c.consts), len(c.ints), len(c.full)
	months := 0
	if metrics > 0 {
		months = len(rec) / metrics
	}
	rowBytes := 8*nF + 2*nI
	rp.rows = slices.Grow(rp.rows[:0], months*rowBytes)[:months*rowBytes]
	full := p.vals[nC:]
	for i := range months {
		row := rp.rows[i*rowBytes : (i+1)*rowBytes]
		for j, v := range full[i*nF : (i+1)*nF] {
			binary.LittleEndian.PutUint64(row[8*j:], math.Float64bits(v))
		}
		in := row[8*nF:]
		for j, v := range p.ints[i*nI : (i+1)*nI] {
			binary.LittleEndian.PutUint16(in[2*j:], uint16(v))
		}
	}
	return PackedColumns{Consts: c.consts, Ints: c.ints, Full: c.full}, p.vals[:nC], rp.rows
}

// Adopt makes the record of position pos one already in the store's file: packed as cols, the
// value of each of cols.Consts in consts, its months' rows (as Pack gives them) from offset off.
// A merge of shards reads their records where the shards' files hold them so. It returns an
// error if cols is not how a record of the store's metrics is packed.
func (s *PackedStore) Adopt(pos int, off int64, cols PackedColumns, consts []float64) error {
	if err := cols.Check(s.nM); err != nil {
		return err
	}
	if len(consts) != len(cols.Consts) {
		return fmt.Errorf("sim: %d values for %d constant metrics", len(consts), len(cols.Consts))
	}
	if pos < 0 {
		return fmt.Errorf("sim: replication position %d", pos)
	}
	for len(s.at) <= pos {
		s.at = append(s.at, packedAt{})
	}
	c := &packedCols{consts: cols.Consts, ints: cols.Ints, full: cols.Full}
	// Records packed alike share one packedCols, as a run's do.
	if pos > 0 && s.at[pos-1].cols != nil && s.at[pos-1].cols.equal(c) {
		c = s.at[pos-1].cols
	}
	s.at[pos] = packedAt{off: off, cols: c, consts: slices.Clone(consts)}
	return nil
}
