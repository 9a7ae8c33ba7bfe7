package workspace

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"sync"

	"github.com/placesim/placesim/sim"
)

// diskStore keeps the monthly records of a run's replications in a temporary file, as placesim
// run keeps a large region's: a region run's report and workbook read every council's monthly
// record, which held in memory would be 2.6 MB a replication of the South East's.
type diskStore struct {
	f      *os.File
	rows   int   // values in a month's row
	stride int64 // bytes of one replication's record
}

// newDiskStores returns a store in a new temporary file for the monthly records of each of
// results each, of reps replications. close removes the files.
func newDiskStores(each []*sim.Results, reps int) (stores []sim.MonthlyStore, close func(), err error) {
	var files []*os.File
	close = func() {
		for _, f := range files {
			f.Close()
			os.Remove(f.Name())
		}
	}
	for _, res := range each {
		f, err := os.CreateTemp("", "placesim-workspace-monthly-*.bin")
		if err != nil {
			close()
			return nil, nil, fmt.Errorf("keeping the run's monthly records on disk: %w", err)
		}
		files = append(files, f)
		stores = append(stores, &diskStore{f: f, rows: len(res.Metrics), stride: int64(8 * len(res.Months) * len(res.Metrics))})
	}
	return stores, close, nil
}

// diskBuffers holds the byte buffers a diskStore's reads and writes go through.
var diskBuffers sync.Pool

func diskBuffer(n int) *[]byte {
	bp, _ := diskBuffers.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	if cap(*bp) < n {
		*bp = make([]byte, n)
	}
	*bp = (*bp)[:n]
	return bp
}

// Put writes the record of replication position pos.
func (s *diskStore) Put(pos int, monthly []float64) error {
	if int64(8*len(monthly)) != s.stride {
		return errors.New("a monthly record of another size than the run's")
	}
	bp := diskBuffer(8 * len(monthly))
	defer diskBuffers.Put(bp)
	b := *bp
	for i, v := range monthly {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(v))
	}
	if _, err := s.f.WriteAt(b, int64(pos)*s.stride); err != nil {
		return fmt.Errorf("keeping the monthly record of replication position %d: %w", pos, err)
	}
	return nil
}

// Get reads rows [from, to) of the record of replication position pos; reads may run side by
// side.
func (s *diskStore) Get(pos, from, to int, dst []float64) error {
	bp := diskBuffer(8 * len(dst))
	defer diskBuffers.Put(bp)
	b := *bp
	if _, err := s.f.ReadAt(b, int64(pos)*s.stride+int64(8*from*s.rows)); err != nil {
		return fmt.Errorf("reading the monthly record of replication position %d: %w", pos, err)
	}
	for i := range dst {
		dst[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return nil
}

// fileBytesPerValue is the memory, in bytes, that writing a region run's workbook holds for each
// value of its councils' and the region's monthly summaries and KPIs, and fileBytesFixed what it
// holds whatever the region, with room to spare: the South East's workbook (406,370 values)
// holds 353 bytes a value at 4 replications and 357 at 20, a region of three councils over 2 to
// 20 years 4 MiB and 370 bytes a value (its report far less). Neither grows with the
// replications: their monthly records are read back from disk, a block at a time.
const (
	fileBytesPerValue = 450
	fileBytesFixed    = 16 << 20
)

// monthBlockBytes is the most of a council's monthly records that summarising them reads into
// memory at once, whatever the number of replications (sim's summaries of months read 32 MiB
// at a time).
const monthBlockBytes = 32 << 20

// regionFilesMemory estimates the memory, in bytes, of writing the report or workbook of a
// region run of reps replications whose results are rr, beyond the run's KPIs: the block of
// monthly records read at once, the summaries and the workbook's sheets
// (go test ./cmd/placesim -run TestWorkspaceRegionExportMemory -v measures what it holds).
func regionFilesMemory(rr *sim.RegionResults, reps int) int64 {
	var values, block int64
	for _, res := range rr.Each() {
		values += int64(len(res.Months)*len(res.Metrics) + len(res.Periods)*len(res.KPIs))
		block = max(block, min(monthBlockBytes, int64(reps)*int64(len(res.Months)*len(res.Metrics))*8))
	}
	return fileBytesFixed + values*fileBytesPerValue + block
}
