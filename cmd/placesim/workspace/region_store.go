package workspace

import (
	"fmt"
	"os"

	"github.com/placesim/placesim/sim"
)

// newDiskStores returns a store in a new temporary file for the monthly records of each of
// results each, as placesim run keeps a large run's: a region run's report and workbook read
// every council's monthly record, which held in memory would be 2.6 MB a replication of the
// South East's. Each is a sim.PackedStore, its records packed as the results pack them in
// memory. create makes each file (Config.TempFile; nil: os.CreateTemp). close removes the
// files.
func newDiskStores(each []*sim.Results, create func(string) (*os.File, error)) (stores []sim.MonthlyStore, close func(), err error) {
	var files []*os.File
	close = func() {
		for _, f := range files {
			f.Close()
			os.Remove(f.Name())
		}
	}
	for _, res := range each {
		f, err := createTemp(create, "placesim-workspace-monthly-*.bin")
		if err != nil {
			close()
			return nil, nil, fmt.Errorf("keeping the run's monthly records on disk: %w", err)
		}
		files = append(files, f)
		stores = append(stores, sim.NewPackedStore(f, len(res.Months), len(res.Metrics)))
	}
	return stores, close, nil
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
