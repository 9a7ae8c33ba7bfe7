package sim

import "testing"

// TestRecordBlocks checks the blocks a run's monthly records come from: each replication's
// record has its own memory, of the record's length and no more room, and a run of a million
// replications that stops after its first has made one block, not the memory of them all.
func TestRecordBlocks(t *testing.T) {
	const n = 1000 // values in a record: 8,000 bytes
	for _, reps := range []int{1, 3, recordBlock / (8 * n), recordBlock/(8*n) + 1, 5000} {
		b := newRecordBlocks(reps, n)
		recs := make([][]float64, reps)
		for i := range reps {
			recs[i] = b.get(i)
			if len(recs[i]) != n || cap(recs[i]) != n {
				t.Fatalf("%d records: record %d has length %d, room for %d; want %d", reps, i, len(recs[i]), cap(recs[i]), n)
			}
			recs[i][0], recs[i][n-1] = float64(i), float64(i)
		}
		var values int
		for _, block := range b.blocks {
			values += len(block)
		}
		if values != reps*n {
			t.Errorf("%d records of %d values: blocks of %d values in all", reps, n, values)
		}
		for i, rec := range recs {
			if rec[0] != float64(i) || rec[n-1] != float64(i) {
				t.Fatalf("%d records: record %d overwritten by another's", reps, i)
			}
		}
	}
	b := newRecordBlocks(1_000_000, n)
	b.get(0)
	var made int
	for _, block := range b.blocks {
		if block != nil {
			made += 8 * len(block)
		}
	}
	if made > recordBlock {
		t.Errorf("a million records, one handed out: %d bytes made, want at most %d", made, recordBlock)
	}
}
