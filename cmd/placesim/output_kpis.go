package main

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/placesim/placesim/sim"
)

// kpisAhead writes a run's kpis.csv while the run goes on: its rows, and its size and
// checksum for the manifest, in one pass, by a goroutine of its own that takes the
// replications in order as they finish. The file is the same bytes as Results.WriteKPIs
// writes; the last replications' rows are all that is left to write once the run is done.
type kpisAhead struct {
	path string
	// done marks the replications finished, by position; next is the first not finished.
	// Both are used only by kept, whose calls are serialised.
	done []bool
	next int
	// woken is next when the goroutine was last woken; it is woken again once `every` more
	// replications are finished (about aheadBytes of the file), rather than for each one.
	woken, every int
	// upTo is next, for the writing goroutine, which wake wakes.
	upTo atomic.Int64
	wake chan struct{}
	// closeOnce closes wake once the run is over; written is closed once the file is whole or
	// given up, with entry and err set.
	closeOnce sync.Once
	written   chan struct{}
	entry     manifestFile
	err       error
}

// writeKPIsAhead starts writing the kpis.csv of res, which is to hold reps replications, into
// the file path, and returns what writes it: hand its kept to sim.Options.Kept, call its
// close once the replications are done (or have failed), and its wait for the file.
func writeKPIsAhead(path string, res *sim.Results, reps int) (*kpisAhead, error) {
	f, err := createBulk(path)
	if err != nil {
		return nil, err
	}
	a := &kpisAhead{path: path, done: make([]bool, reps), wake: make(chan struct{}, 1), written: make(chan struct{})}
	// A row is about 40 bytes.
	a.every = max(1, aheadBytes/(40*len(res.Periods)*len(res.KPIs)+1))
	sw := newSummingWriter(f)
	kw := res.NewKPIWriterSize(sw, aheadWriteBytes)
	go func() {
		defer close(a.written)
		var err error
		for range a.wake {
			if err == nil {
				err = kw.WriteReps(int(a.upTo.Load()))
			}
		}
		switch {
		case err != nil:
		case int(a.upTo.Load()) < reps:
			err = errRunUnfinished
		default:
			err = kw.WriteReps(reps)
			if err == nil {
				err = kw.Flush()
			}
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		a.entry, a.err = sw.entry(""), err
	}()
	return a, nil
}

// aheadBytes is about how many bytes of kpis.csv a kpisAhead's goroutine is woken to write.
const aheadBytes = 1 << 20

// aheadWriteBytes is how many bytes of kpis.csv a kpisAhead's goroutine writes at once: a
// whole number of bulkFile's blocks. Each write blocks the goroutine, and the runtime then
// hands its processor to another thread and watches more closely for a while, which costs
// the replications running meanwhile: 4 MB at once rather than 1 MB cost the command on the
// queueing check at c=20 (85 MB of kpis.csv) 7-8% less CPU, measured side by side on a busy
// machine.
const aheadWriteBytes = 4 << 20

// errRunUnfinished is the error of a kpis.csv written ahead whose run did not finish.
var errRunUnfinished = errors.New("the run did not finish its replications")

// kept hears that the replication at position pos of the results is done.
func (a *kpisAhead) kept(pos int) {
	a.done[pos] = true
	n := a.next
	for n < len(a.done) && a.done[n] {
		n++
	}
	if n > a.next {
		a.next = n
		a.upTo.Store(int64(n))
		if n-a.woken < a.every && n < len(a.done) {
			return // too few rows yet to be worth waking the goroutine for
		}
		a.woken = n
		select {
		case a.wake <- struct{}{}:
		default: // the goroutine is already woken: it reads upTo afresh
		}
	}
}

// close says the run is over: the goroutine writes what is left and closes the file.
func (a *kpisAhead) close() { a.closeOnce.Do(func() { close(a.wake) }) }

// wait waits for the file to be whole and returns its path and manifest entry; it may be
// called more than once.
func (a *kpisAhead) wait() (string, manifestFile, error) {
	a.close()
	<-a.written
	return a.path, a.entry, a.err
}
