package sim

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sync"
)

// PackedStore is a MonthlyStore that keeps each record in a file packed as the results keep
// records in memory (only the metrics that moved, whole numbers in two bytes): a quarter of
// the bytes of the records as they are, or less, to write and to read back. The records lie
// one after another in the order they are put, each a reported month at a time, so that a
// read of a block of months is one read of the file; the metrics that hold one value in
// every month stay in memory. A Runner whose Options.Store is a PackedStore packs each record
// on the worker that ran it.
type PackedStore struct {
	f          RecordFile
	months, nM int
	at         []packedAt // by position; cols nil for a record not put
	end        int64      // where the next record goes
	pk         packer     // Put's
	buf        []byte     // Put's
	readBufs   sync.Pool  // Get's byte buffers
}

// RecordFile is where a PackedStore keeps its records: a temporary *os.File, as placesim run
// makes one.
type RecordFile interface {
	io.ReaderAt
	io.WriterAt
}

// packedAt says where a record lies in a PackedStore's file and how it is packed.
type packedAt struct {
	off    int64
	cols   *packedCols
	consts []float64 // the value of each of cols.consts
}

// NewPackedStore returns a store that keeps records of months rows of metrics values each,
// packed, in f, from its start. The caller closes and removes f when the results are no
// longer read.
func NewPackedStore(f RecordFile, months, metrics int) *PackedStore {
	return &PackedStore{f: f, months: months, nM: metrics}
}

// Put packs the record of position pos and writes it.
func (s *PackedStore) Put(pos int, monthly []float64) error {
	if len(monthly) != s.months*s.nM {
		return fmt.Errorf("sim: a record of %d values into a store of records of %d months of %d metrics", len(monthly), s.months, s.nM)
	}
	return s.putPacked(pos, s.pk.pack(monthly, s.nM))
}

// putPacked writes the packed record p of position pos. It is called from one goroutine at a
// time, as Put is.
func (s *PackedStore) putPacked(pos int, p *packedRecord) error {
	c := p.cols
	nC, nI, nF := len(c.consts), len(c.ints), len(c.full)
	rowBytes := 8*nF + 2*nI
	n := s.months * rowBytes
	if cap(s.buf) < n {
		s.buf = make([]byte, n)
	}
	b := s.buf[:n]
	full := p.vals[nC:]
	for i := range s.months {
		row := b[i*rowBytes : (i+1)*rowBytes]
		for j, v := range full[i*nF : (i+1)*nF] {
			binary.LittleEndian.PutUint64(row[8*j:], math.Float64bits(v))
		}
		ints := row[8*nF:]
		for j, v := range p.ints[i*nI : (i+1)*nI] {
			binary.LittleEndian.PutUint16(ints[2*j:], uint16(v))
		}
	}
	if _, err := s.f.WriteAt(b, s.end); err != nil {
		return fmt.Errorf("sim: writing the monthly record of replication position %d: %w", pos, err)
	}
	for len(s.at) <= pos {
		s.at = append(s.at, packedAt{})
	}
	s.at[pos] = packedAt{off: s.end, cols: c, consts: append([]float64(nil), p.vals[:nC]...)}
	s.end += int64(n)
	return nil
}

// Get reads rows [from, to) of the record of position pos into dst, which has room for
// exactly those rows. Calls may come from many goroutines at once, once the records are put.
func (s *PackedStore) Get(pos, from, to int, dst []float64) error {
	stored := pos >= 0 && pos < len(s.at) && s.at[pos].cols != nil
	if stored && (from < 0 || to > s.months || from > to || len(dst) != (to-from)*s.nM) {
		return fmt.Errorf("sim: rows %d to %d of a record of %d months into room for %d values", from, to, s.months, len(dst))
	}
	a, b, done, err := s.readRows(pos, from, to)
	if err != nil {
		return err
	}
	defer done()
	c := a.cols
	nF := len(c.full)
	rowBytes := 8*nF + 2*len(c.ints)
	clear(dst)
	nM := s.nM
	for i := range to - from {
		row := dst[i*nM : (i+1)*nM]
		in := b[i*rowBytes : (i+1)*rowBytes]
		for j, m := range c.consts {
			row[m] = a.consts[j]
		}
		for j, m := range c.full {
			row[m] = math.Float64frombits(binary.LittleEndian.Uint64(in[8*j:]))
		}
		ints := in[8*nF:]
		for j, m := range c.ints {
			row[m] = float64(int16(binary.LittleEndian.Uint16(ints[2*j:])))
		}
	}
	return nil
}

// getCols is Get of only the metrics (positions in Results.Metrics, increasing): rows [from,
// to) of the record of position pos, len(metrics) values a row, into dst. The rows are read
// whole, as they lie in the file, and only those metrics unpacked. locs is scratch memory,
// returned for the next call.
func (s *PackedStore) getCols(pos, from, to int, metrics []int32, dst []float64, locs []colLoc) ([]colLoc, error) {
	a, b, done, err := s.readRows(pos, from, to)
	if err != nil {
		return locs, err
	}
	defer done()
	c := a.cols
	nF := len(c.full)
	rowBytes := 8*nF + 2*len(c.ints)
	locs = c.locate(metrics, locs)
	k := len(metrics)
	for i := range to - from {
		row := dst[i*k : (i+1)*k]
		in := b[i*rowBytes : (i+1)*rowBytes]
		for j, l := range locs {
			row[j] = l.ofRaw(a.consts, in, nF)
		}
	}
	return locs, nil
}

// readRows reads rows [from, to) of the record of position pos as they lie in the file into a
// buffer of the store's, returning where the record lies, the bytes, and a function that gives
// the buffer back once they are unpacked.
func (s *PackedStore) readRows(pos, from, to int) (*packedAt, []byte, func(), error) {
	if pos < 0 || pos >= len(s.at) || s.at[pos].cols == nil {
		return nil, nil, nil, fmt.Errorf("sim: no stored record for replication position %d", pos)
	}
	if from < 0 || to > s.months || from > to {
		return nil, nil, nil, fmt.Errorf("sim: rows %d to %d of a record of %d months", from, to, s.months)
	}
	a := &s.at[pos]
	rowBytes := 8*len(a.cols.full) + 2*len(a.cols.ints)
	n := (to - from) * rowBytes
	bp, _ := s.readBufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	if cap(*bp) < n {
		*bp = make([]byte, n)
	}
	b := (*bp)[:n]
	if _, err := s.f.ReadAt(b, a.off+int64(from*rowBytes)); err != nil {
		s.readBufs.Put(bp)
		return nil, nil, nil, fmt.Errorf("sim: reading the monthly record of replication position %d: %w", pos, err)
	}
	return a, b, func() { s.readBufs.Put(bp) }, nil
}
