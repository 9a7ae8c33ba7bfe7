package sim

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/placesim/placesim/model"
)

// Options controls a Monte Carlo run.
type Options struct {
	// Reps is the number of replications.
	Reps int
	// Seed is the master seed every random stream is derived from.
	Seed uint64
	// FirstRep is the index of the first replication: a run of Reps replications from FirstRep
	// gives the same results for each replication as a larger run that includes them.
	FirstRep int
	// Workers is the number of replications run side by side; 0 means one per CPU.
	Workers int
	// Check verifies the engine's invariants (conservation, capacities) at every month's end,
	// panicking on a broken one. It costs time and is meant for tests.
	Check bool
	// Progress, if set, is called after each replication with the number done so far in the
	// current batch. Calls are serialised but may come from any goroutine.
	Progress func(done int)
	// Kept, if set, is called by a Runner once the replication at position pos of
	// Results.Reps is in the results, in whatever order the replications finish. Calls are
	// serialised but may come from any goroutine; once told of pos (through a channel or a
	// lock), another goroutine may read that replication while the batch goes on, so that a
	// file can be written as the replications finish.
	Kept func(pos int)
	// Store, if set, keeps the replications' monthly records in place of
	// Replication.Monthly, so that a run of many replications can keep them out of memory. A
	// PackedStore is handed each record packed by the worker that ran it.
	Store MonthlyStore
	// CountMonths counts, as each replication finishes, how many replications hold each
	// whole number in each reported month of each monthly metric, so that the time series'
	// summaries (WriteTimeseries) come from the counts rather than a pass over every record:
	// only the months of metrics that are not whole numbers of a narrow range (costs in
	// pounds) are read back from the records. The summaries are the same either way. It
	// counts while the results keep the records in memory: once they go to Store (see
	// MemoryBytes), the counts are dropped. It is ignored with KPIsOnly. Results.CountMonths
	// counts the records once they are all done, wherever they are kept, for less work.
	CountMonths bool
	// MemoryBytes, when Store is set, is how many bytes of monthly records the results may
	// keep in memory, packed (only the metrics that moved, whole numbers in two bytes): a
	// batch whose packed records fit, as far as the records packed so far tell, never writes
	// Store nor reads it back; once they would not, the rest of the records go to Store. 0
	// puts every record into Store.
	MemoryBytes int64
	// KPIsOnly drops each replication's monthly record once its KPIs are worked out: a
	// comparison needs no more, and its memory stays small.
	KPIsOnly bool
	// Budget is the most work one replication may do; its zero parts are derived from the
	// scenario (BudgetFor). A replication that goes over it stops the run with a *BudgetError.
	Budget Budget
	// Stop, if set, is asked before each replication starts, and every few thousand events
	// within one, whether the run should stop; once it says yes, Add starts no more
	// replications, gives up those under way, and returns ErrStopped. Calls may come from
	// any goroutine at once.
	Stop func() bool
}

// ErrStopped is returned by Add and Run when Options.Stop stopped the run: the results then
// lack replications and are not to be used.
var ErrStopped = errors.New("sim: run stopped before its replications were done")

// ReplicationPanic is what Add panics with, in its caller's goroutine, when a replication
// panicked in a worker: an engine invariant broken by a bug. A caller that must survive a
// bug (a server) can recover it.
type ReplicationPanic struct {
	// Rep is the number of the replication that panicked.
	Rep int
	// Value is what it panicked with.
	Value any
	// Stack is the worker's stack when it panicked.
	Stack []byte
}

// Error returns the panic's value and the replication, numbered from 1 as every message numbers
// them (Rep is its index, from 0), such as "sim: clock went back (in replication 12)", followed by the worker's stack, so that a program that crashes on it
// shows where the replication panicked.
func (p *ReplicationPanic) Error() string {
	return fmt.Sprintf("%v (in replication %d)\n\nworker's stack:\n%s", p.Value, p.Rep+1, p.Stack)
}

// MonthlyStore keeps the monthly records of a run's replications: Put is called once for
// each replication, from one goroutine at a time, and Get afterwards. A record is
// len(Results.Months) rows of len(Results.Metrics) values, row-major.
type MonthlyStore interface {
	// Put keeps the record of the replication at position pos of Results.Reps. The slice is
	// reused once Put returns: Put copies what it keeps.
	Put(pos int, monthly []float64) error
	// Get reads rows [from, to) of the record at position pos into dst, which has room for
	// exactly those rows.
	Get(pos, from, to int, dst []float64) error
}

// Replication is the record of one replication.
type Replication struct {
	// Index is the replication's number.
	Index int
	// Monthly holds the monthly metrics: row i (of length len(Results.Metrics)) is reported
	// month i. It is nil when the run kept its records in a MonthlyStore, kept KPIs only, or
	// kept them packed (as Run and Runner do): Results.MonthlyRows reads a record however it
	// is kept.
	Monthly []float64
	// packed is the monthly record, when the run kept it packed (see packedRecord).
	packed *packedRecord
	// KPIs holds the KPIs: row p (of length len(Results.KPIs)) is period p of Results.Periods.
	// It is nil when the run kept them in a store (RegionRunner.SetKPIStores): Results.KPIRows
	// and Results.KPI read them however they are kept.
	KPIs []float64
}

// Results is every replication of one scenario, with the names of what was recorded.
type Results struct {
	// Scenario is the scenario run.
	Scenario *model.Scenario
	// Seed is the master seed.
	Seed uint64
	// Months is the first day of each reported month.
	Months []time.Time
	// Metrics names the monthly metrics: cost_* in pounds, the others counts of children,
	// places or households (stocks at the month's end, flows over the month); MetricInfo
	// describes each.
	Metrics []string
	// KPIs names the KPIs: cost_* in pounds, *_share a share between 0 and 1, the others
	// counts or time-averages of children, places or households; KPIInfo describes each.
	KPIs []string
	// Periods labels the KPI periods: each financial year ("2026/27"), then WholeRun ("all").
	Periods []string
	// Ratios lists the KPIs that are shares, each with the KPIs of its numerator and
	// denominator, so that a summary over replications can take the ratio of their totals.
	Ratios []Ratio
	// Reps holds the replications in order of Index.
	Reps []Replication
	// Store, when not nil, holds the monthly records in place of Replication.Monthly.
	Store MonthlyStore
	// kpis, when not nil, holds the KPIs of the replications whose Replication.KPIs is nil
	// (RegionRunner.SetKPIStores, RegionResults.SetKPIStores).
	kpis *kpiStore
	// counts, when not nil, holds the counts of the monthly records (Options.CountMonths,
	// CountMonths).
	counts *monthCounts
	// sums are the monthly sums counted in sumCounts, a sum to a metric of its records
	// (CountMonths), when sumCounts is not nil.
	sums      []MonthlySum
	sumCounts *monthCounts
}

// Prepare returns the empty results of scenario s run with seed: the names of everything a
// replication records, and no replications. It returns an error if the scenario does not
// validate.
func Prepare(s *model.Scenario, seed uint64) (*Results, error) {
	c, err := compile(s)
	if err != nil {
		return nil, err
	}
	return c.results(seed), nil
}

func (c *compiled) results(seed uint64) *Results {
	return &Results{
		Scenario: c.s,
		Seed:     seed,
		Months:   c.cal.MonthDates[c.cal.FirstReported:],
		Metrics:  c.lay.monthly,
		KPIs:     c.lay.kpis,
		Periods:  append(append([]string{}, c.cal.Periods...), WholeRun),
		Ratios:   c.lay.ratios,
	}
}

// Ratio says that a KPI is a share: in every replication and period, KPI (a position in
// Results.KPIs) is the KPI at Num divided by the KPI at Den, or NaN where Den is 0. For
// first_choice_share they are first_choice_matches and matches (counts); for <kind>_share,
// occupied_<kind> and occupied_category_<category>, and for placed_distant_share,
// children_placed_distant and children_in_care (time-averages, in children); for
// three_plus_moves_share, children_three_plus_placements and children_in_care_year_end (counts);
// for long_term_stable_share, children_long_term_stable and children_long_term_eligible (counts).
//
// A share's mean over replications is the ratio of the totals, sum(Num) / sum(Den): the
// share of all the matches (or child-days, or children) of every replication. The mean of the
// replications' own shares would weight a replication with few matches as much as one with
// many, and since a busy year also fills more places, it understates how often children are
// turned away.
type Ratio struct {
	// KPI is the share's position in Results.KPIs.
	KPI int
	// Num and Den are the positions of its numerator and denominator in Results.KPIs.
	Num, Den int
}

// RatioOf returns the numerator and denominator of KPI k, and whether k is a share.
func (res *Results) RatioOf(k int) (Ratio, bool) {
	for _, r := range res.Ratios {
		if r.KPI == k {
			return r, true
		}
	}
	return Ratio{}, false
}

// Runner runs the replications of one scenario in batches, adding each batch to its results:
// a run that stops when an estimate is precise enough adds batches until it is.
type Runner struct {
	c       *compiled
	opt     Options
	res     *Results
	runs    []*run
	packers []*packer  // each worker's, packing its records for the results
	moved   [][]uint64 // each worker's last record's metrics that moved, when packing found them
	// toStore is each worker's last record packed for a PackedStore, until it is put there;
	// storing is each worker's packer for those records, which packs them into the same
	// memory each time: the store copies what it keeps.
	toStore []*packedRecord
	storing []*storePacker
	// kpiFree is the rest of each worker's chunk of zeros that its replications' KPIs are cut
	// from (see kpiChunk).
	kpiFree [][]float64
	// packedBytes is how many bytes of packed records the results keep in memory, against
	// Options.MemoryBytes when the run has a Store; stored is set once they would pass it,
	// and the records go to the Store from then on.
	packedBytes atomic.Int64
	stored      atomic.Bool
}

// NewRunner prepares to run s with opt (opt.Reps is ignored: Add says how many). It returns an
// error if the scenario does not validate.
func NewRunner(s *model.Scenario, opt Options) (*Runner, error) {
	c, err := compile(s)
	if err != nil {
		return nil, err
	}
	res := c.results(opt.Seed)
	res.Store = opt.Store
	return &Runner{c: c, opt: opt, res: res}, nil
}

// Results returns the results so far.
func (rn *Runner) Results() *Results { return rn.res }

// SetProgress sets the function told, after each replication of the next Add, how many of
// that batch are done (Options.Progress).
func (rn *Runner) SetProgress(f func(done int)) { rn.opt.Progress = f }

// Add runs n more replications, numbered on from the last, and adds them to the results. It
// returns an error if opt.Store fails or a replication goes over its work budget
// (*BudgetError), and ErrStopped if Options.Stop stopped it; the results are then incomplete and
// the runner should not be used again. A replication that panics stops the others from
// starting, and Add then panics with a *ReplicationPanic in the caller's goroutine.
func (rn *Runner) Add(n int) error {
	opt := rn.opt
	first := len(rn.res.Reps)
	rn.res.Reps = append(rn.res.Reps, make([]Replication, n)...)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(min(workers, n), 1)
	for len(rn.runs) < workers {
		rn.runs = append(rn.runs, newRun(rn.c))
		rn.packers = append(rn.packers, &packer{})
		rn.moved = append(rn.moved, nil)
		rn.toStore = append(rn.toStore, nil)
		rn.storing = append(rn.storing, nil)
		rn.kpiFree = append(rn.kpiFree, nil)
	}
	if opt.Store != nil && opt.MemoryBytes <= 0 {
		rn.stored.Store(true) // every record goes to the store
	}
	count := opt.CountMonths && !opt.KPIsOnly
	if count && rn.res.counts == nil && !rn.stored.Load() {
		rn.res.counts = newMonthCounts(len(rn.res.Months), len(rn.res.Metrics))
	}
	for _, r := range rn.runs {
		r.check, r.stop = opt.Check, opt.Stop
		r.budget = opt.Budget.fill(rn.c.budget)
	}
	// Each worker records a replication into its own record, used again for the next one; the
	// results keep it packed (the metrics that moved), in memory while opt.MemoryBytes allows
	// when there is a store, or in opt.Store, or not at all.
	pack := !opt.KPIsOnly
	// A PackedStore takes records packed: the worker packs them whether or not they stay in
	// memory, and keep hands them to the store.
	ps, _ := opt.Store.(*PackedStore)
	return batch(opt, n, first, workers, func(w, pos int) (bool, error) {
		r := rn.runs[w]
		if err := r.simulate(opt.Seed, opt.FirstRep+pos); err != nil || r.stopped {
			return r.stopped, err // a replication given up has a partial record
		}
		rep := Replication{Index: opt.FirstRep + pos}
		var moved []uint64 // the metrics that moved in the record, when packing found them
		if pack && (!rn.stored.Load() || ps != nil) {
			// Packing finds the metrics that moved, and the KPIs add up only those.
			pk := rn.packers[w]
			if rn.stored.Load() {
				pk = rn.storePacker(w)
			}
			p := pk.pack(r.rec, len(rn.c.lay.monthly))
			rep.packed = p
			if opt.Store != nil {
				// The records kept, and as many bytes as this one's for each replication
				// of the batch after it, must fit.
				size := p.bytes()
				if rn.stored.Load() {
					rep.packed = nil
				} else if rn.packedBytes.Add(size)+size*int64(first+n-1-pos) > opt.MemoryBytes {
					rn.packedBytes.Add(-size)
					rn.stored.Store(true)
					rep.packed = nil
				}
				if rep.packed == nil && ps != nil {
					rn.toStore[w] = p
				}
			}
			moved = pk.moved
			rep.KPIs = r.kpisOf(rn.kpiRoom(w, n), moved, pk.cols)
		} else {
			rep.KPIs = r.kpis()
		}
		rn.moved[w] = moved
		rn.res.Reps[pos] = rep
		return false, nil
	}, func(w, pos int, failed bool) (err error) {
		if failed {
			return nil
		}
		if opt.Kept != nil {
			defer func() {
				if err == nil {
					opt.Kept(pos)
				}
			}()
		}
		if count && rn.res.counts != nil {
			if rn.stored.Load() {
				rn.res.counts = nil // the records go to the store: the time series reads them back
			} else if p := rn.res.Reps[pos].packed; p != nil {
				rn.res.counts.addPacked(p)
			} else {
				rn.res.counts.add(rn.runs[w].rec, rn.moved[w])
			}
		}
		if opt.Store == nil || rn.res.Reps[pos].packed != nil {
			return nil
		}
		if p := rn.toStore[w]; p != nil {
			rn.toStore[w] = nil
			return ps.putPacked(pos, p)
		}
		return opt.Store.Put(pos, rn.runs[w].rec)
	})
}

// kpiChunk is the most replications' KPIs a worker of a Runner takes from the heap at once:
// one allocation for the KPIs of many replications rather than one each.
const kpiChunk = 64

// kpiRoom returns room of zeros for the KPIs of one replication on worker w, in a batch of n
// replications, cut from the worker's chunk.
func (rn *Runner) kpiRoom(w, n int) []float64 {
	size := (len(rn.c.cal.Periods) + 1) * len(rn.c.lay.kpis)
	free := rn.kpiFree[w]
	if len(free) < size {
		free = make([]float64, size*min(n, kpiChunk))
	}
	rn.kpiFree[w] = free[size:]
	return free[:size:size]
}

// storePacker is a worker's packer for the records that go to a PackedStore, with the memory
// it packs each into.
type storePacker struct {
	packer
	vals []float64
	ints []int16
}

// storePacker returns worker w's packer for records bound for a PackedStore, ready to pack one
// into the memory of the one before: a run that keeps its records in a file makes no garbage
// of them.
func (rn *Runner) storePacker(w int) *packer {
	sp := rn.storing[w]
	if sp == nil {
		sp = &storePacker{vals: make([]float64, packChunk), ints: make([]int16, packChunk)}
		rn.storing[w] = sp
	}
	sp.freeVals, sp.freeInts = sp.vals, sp.ints
	return &sp.packer
}

// batch runs n replications, at positions first to first+n-1 of a run's results, on workers
// goroutines. step(w, pos) runs the one at pos on worker w, and says whether Options.Stop made
// it give up; keep(w, pos, failed), when not nil, then runs holding the batch's lock, told
// whether an earlier replication failed. The first error stops the batch, as does a step given
// up (ErrStopped once the others are done); a step that panics stops the others from starting,
// and batch then panics with a *ReplicationPanic in its caller's goroutine. Options.Progress
// hears of each replication done.
func batch(opt Options, n, first, workers int, step func(w, pos int) (gaveUp bool, err error), keep func(w, pos int, failed bool) error) error {
	var next, done atomic.Int64
	var mu sync.Mutex
	var firstErr error
	var panicked atomic.Pointer[ReplicationPanic]
	var stopped atomic.Bool
	// locked runs f holding mu, and lets go of it even if f panics.
	locked := func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		f()
	}
	fail := func(err error) {
		if firstErr == nil {
			firstErr = err
		}
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pos := -1
			defer func() {
				if v := recover(); v != nil {
					panicked.CompareAndSwap(nil, &ReplicationPanic{Rep: opt.FirstRep + pos, Value: v, Stack: debug.Stack()})
					stopped.Store(true)
				}
			}()
			for {
				if stopped.Load() {
					return
				}
				if opt.Stop != nil && opt.Stop() {
					stopped.Store(true)
					return
				}
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				pos = first + i
				gaveUp, err := step(w, pos)
				if err != nil {
					locked(func() { fail(err) })
				}
				if err != nil || gaveUp {
					stopped.Store(true)
					return
				}
				if keep != nil {
					locked(func() {
						if err := keep(w, pos, firstErr != nil); err != nil {
							fail(err)
						}
					})
				}
				d := int(done.Add(1))
				if opt.Progress != nil {
					locked(func() { opt.Progress(d) })
				}
			}
		}()
	}
	wg.Wait()
	if p := panicked.Load(); p != nil {
		panic(p)
	}
	if firstErr == nil && stopped.Load() && int(done.Load()) < n {
		firstErr = ErrStopped
	}
	return firstErr
}

// Run simulates opt.Reps replications of s and returns their results. It returns an error if
// the scenario does not validate, if opt.Store fails, or if a replication goes over its work
// budget (*BudgetError).
func Run(s *model.Scenario, opt Options) (*Results, error) {
	rn, err := NewRunner(s, opt)
	if err != nil {
		return nil, err
	}
	if err := rn.Add(opt.Reps); err != nil {
		return nil, err
	}
	return rn.Results(), nil
}

// replicate simulates replication rep and returns its record, or the error that stopped it.
func (r *run) replicate(seed uint64, rep int) (Replication, error) {
	if err := r.simulate(seed, rep); err != nil {
		return Replication{}, err
	}
	// The record stays the run's: the next replication records into it again.
	return Replication{Index: rep, Monthly: r.rec, KPIs: r.kpis()}, nil
}

// kpis works out the KPIs of every reported financial year and of the whole run from the
// monthly records, in one pass over the months.
func (r *run) kpis() []float64 { return r.kpisOf(nil, nil, nil) }

// kpisOf is kpis, written into out when it is not nil (room of zeros for them, as
// Runner.kpiRoom cuts), told which metrics moved in the record (moved[m] is 0 for a metric m whose
// every value is +0, as packer.pack finds) and how the record was packed (cols), or nil when
// it does not know: the sums leave out the metrics that did not move, which would add +0 to
// +0. A metric that is a whole number in every month (cols.ints, and cols.consts of a whole
// value) adds up over the whole run as the sum of its years, the same number to the last bit
// as the sum of its months, since every partial sum is a whole number a float64 holds
// exactly; the others are added month by month a second time, in the order of the months.
func (r *run) kpisOf(out []float64, moved []uint64, kept *packedCols) []float64 {
	c, lay := r.c, &r.c.lay
	nM, nK, nI := len(lay.monthly), len(lay.kpis), r.nIntg()
	periods := len(c.cal.Periods)
	if out == nil {
		out = make([]float64, (periods+1)*nK)
	}
	// Scratch kept from one replication to the next.
	ks := &r.kpiScratch
	in := zeroed(&ks.in, (periods+1)*nI)
	matches := zeroed(&ks.matches, periods+1)
	first := zeroed(&ks.first, periods+1)
	last := zeroed(&ks.last, periods+1)
	months := zeroed(&ks.months, periods+1)
	total := zeroed(&ks.total, (periods+1)*nM)
	if ks.sums == nil {
		ks.sums = r.kpiSums()
		ks.cols = r.kpiColumns(ks.sums)
	}
	sums, cols, twice := ks.sums, ks.cols, ks.cols
	var once []int // the metrics of cols whose whole run is the sum of its years
	if moved != nil {
		whole := zeroed(&ks.whole, nM)
		if kept != nil {
			for _, m := range kept.ints {
				whole[m] = true
			}
			for _, m := range kept.consts {
				v := r.rec[m]
				// A whole number of at most 2^31 stays one, exactly, summed over a run's months.
				whole[m] = math.Float64bits(float64(int32(v))) == math.Float64bits(v)
			}
		}
		ks.moved, ks.twice, ks.once = ks.moved[:0], ks.twice[:0], ks.once[:0]
		for _, j := range cols {
			switch {
			case moved[j] == 0:
			case whole[j]:
				ks.moved = append(ks.moved, j)
				ks.once = append(ks.once, j)
			default:
				ks.moved = append(ks.moved, j)
				ks.twice = append(ks.twice, j)
			}
		}
		cols, twice, once = ks.moved, ks.twice, ks.once
	}
	// Add the months of each period together first, then pick the KPIs out: only the metrics
	// a KPI is a sum of, a small part of the record. The counts of matches, whole numbers, add
	// up over the whole run from the years.
	reported := c.cal.ReportedMonths()
	all := total[periods*nM : (periods+1)*nM]
	allIn := in[periods*nI : (periods+1)*nI]
	for i := range reported {
		p := c.cal.Period[i]
		row := total[p*nM : (p+1)*nM]
		// As long as row, so that one check of j covers both.
		m := r.rec[i*nM : (i+1)*nM][:len(row)]
		for _, j := range cols {
			row[j] += m[j]
		}
		for _, j := range twice {
			all[j] += m[j]
		}
		pin := in[p*nI : (p+1)*nI]
		for j, v := range r.intg[i*nI : (i+1)*nI] {
			pin[j] += v
			allIn[j] += v
		}
		matches[p] += r.flows[i*nFlows+flowMatches]
		first[p] += r.flows[i*nFlows+flowFirst]
		last[p] = i
		months[p]++
	}
	for p := range periods {
		row := total[p*nM : (p+1)*nM]
		for _, j := range once {
			all[j] += row[j]
		}
		matches[periods] += matches[p]
		first[periods] += first[p]
		months[periods] += months[p]
	}
	if reported > 0 {
		last[periods] = reported - 1
	}
	for p := 0; p <= periods; p++ {
		row, sum := out[p*nK:(p+1)*nK], total[p*nM:(p+1)*nM]
		for _, pair := range sums {
			row[pair[0]] = sum[pair[1]]
		}
		// Spending is the sum of its split, to the last bit, as each month's is.
		row[lay.kCostTotal] = row[lay.kCostPlacements] + row[lay.kCostCarers] + row[lay.kCostOwn] + row[lay.kCostProgramme]
	}
	r.gapKPIs(out, total, months)
	var three, kids, ltStable, ltElig float64
	for p := 0; p <= periods; p++ {
		row := out[p*nK : (p+1)*nK]
		pin := in[p*nI : (p+1)*nI]
		days := pin[intgDays]
		row[lay.kCLA] = pin[intgCLA] / days
		row[lay.kUASC] = pin[intgUASC] / days
		row[lay.kUASCLeft] = pin[intgUASCLeft] / days
		row[lay.kStayingPut] = pin[intgSP] / days
		row[lay.kDistantAvg] = pin[intgDistant] / days
		row[lay.kDistant] = ratioOrNaN(pin[intgDistant], pin[intgCLA])
		row[lay.kMatches], row[lay.kFirstMatches] = matches[p], first[p]
		row[lay.kFirstChoice] = ratioOrNaN(first[p], matches[p])
		var byCategory [model.NumCategories]float64
		for k := range c.nKinds + 1 {
			row[lay.kOccupied[k]] = pin[intgKinds+k] / days
			if k < c.nKinds {
				byCategory[c.s.Kinds[k].Category] += pin[intgKinds+k]
				if lay.kPlaces[k] >= 0 {
					row[lay.kPlaces[k]] = pin[intgKinds+c.nKinds+1+k] / days
				}
			}
		}
		for k := range c.nKinds {
			row[lay.kShare[k]] = ratioOrNaN(pin[intgKinds+k], byCategory[c.s.Kinds[k].Category])
		}
		for cat, v := range byCategory {
			row[lay.kOccCategory[cat]] = v / days
		}
		end := r.rec[last[p]*nM : (last[p]+1)*nM]
		for k := range c.nKinds {
			// Foster carers only: hosts of supported lodgings, say, are carers too, but a board
			// reads this as its foster carers.
			if lay.mHouseholds[k] >= 0 && c.s.Kinds[k].Category == model.Foster {
				row[lay.kHouseholdsEnd] += end[lay.mHouseholds[k]]
			}
		}
		if p < periods {
			row[lay.kThreeKids], row[lay.kKidsInYear] = r.fyThree[p], r.fyKids[p]
			row[lay.kLTStableKids], row[lay.kLTElig] = r.fyLTStable[p], r.fyLTElig[p]
			three += r.fyThree[p]
			kids += r.fyKids[p]
			ltStable += r.fyLTStable[p]
			ltElig += r.fyLTElig[p]
		} else {
			row[lay.kThreeKids], row[lay.kKidsInYear] = three, kids
			row[lay.kLTStableKids], row[lay.kLTElig] = ltStable, ltElig
		}
		row[lay.kThreePlus] = ratioOrNaN(row[lay.kThreeKids], row[lay.kKidsInYear])
		row[lay.kLTStable] = ratioOrNaN(row[lay.kLTStableKids], row[lay.kLTElig])
	}
	return out
}

// kpiSums returns the KPIs that are sums of a monthly metric over a period, each as the pair
// (KPI, metric).
func (r *run) kpiSums() [][2]int {
	c, lay := r.c, &r.c.lay
	sums := [][2]int{
		{lay.kEntries, lay.mEntries}, {lay.kExits, lay.mExits}, {lay.kMoves, lay.mMoves},
		{lay.kBreakdowns, lay.mBreakdowns}, {lay.kStepdowns, lay.mStepdowns},
		{lay.kEmergency, lay.mEmergency}, {lay.kApprovals, lay.mApprovals},
		{lay.kDeregs, lay.mDeregs}, {lay.kSplits, lay.mSplits},
		{lay.kTransferred, lay.mTransferred}, {lay.kCLUnmet, lay.mCLUnmet},
		{lay.kStepdownsNoPlace, lay.mStepdownsNoPlace}, {lay.kStepdownBreakdowns, lay.mStepdownBreakdowns},
		{lay.kCostSP, lay.mCostSP}, {lay.kCostCL, lay.mCostCL},
		{lay.kCostSupport, lay.mCostSupport}, {lay.kCostRecruit, lay.mCostRecruit},
		{lay.kCostPlacements, lay.mCostPlacements}, {lay.kCostCarers, lay.mCostCarers},
		{lay.kCostOwn, lay.mCostOwn}, {lay.kCostProgramme, lay.mCostProgramme},
	}
	for r := range model.NumExitRoutes {
		sums = append(sums, [2]int{lay.kExitRoute[r], lay.mExitRoute[r]})
	}
	for k := range c.nKinds + 1 {
		sums = append(sums, [2]int{lay.kCostKind[k], lay.mCostKind[k]})
	}
	return sums
}

// kpiColumns returns the monthly metrics that run.kpis adds up over each period: those of
// sums (kpiSums) and those the sufficiency gap's KPIs are averages of (gapKPIs), in increasing
// order.
func (r *run) kpiColumns(sums [][2]int) []int {
	lay := &r.c.lay
	seen := make([]bool, len(lay.monthly))
	for _, pair := range sums {
		seen[pair[1]] = true
	}
	for gi := range lay.gaps {
		g := &lay.gaps[gi]
		for _, m := range [...]int{g.needOther, g.waitingOther, g.empty, g.siblings, g.solo} {
			if m >= 0 {
				seen[m] = true
			}
		}
		for b := range bandNames {
			for nd := range model.NumNeeds {
				if m := g.need[b][nd]; m >= 0 {
					seen[m], seen[g.waiting[b][nd]] = true, true
				}
			}
			for _, m := range [...]int{g.places[b], g.usable[b], g.otherAges[b]} {
				if m >= 0 {
					seen[m] = true
				}
			}
		}
	}
	var cols []int
	for m, ok := range seen {
		if ok {
			cols = append(cols, m)
		}
	}
	return cols
}

// kpiScratch is the working memory of run.kpis, kept from one replication to the next.
type kpiScratch struct {
	in, matches, first, months, total []float64
	last                              []int
	sums                              [][2]int
	cols                              []int // see kpiColumns
	moved                             []int // those of cols that moved in the record (kpisOf)
	// Those of moved that are whole numbers in every month, and the others (kpisOf).
	once, twice []int
	whole       []bool // for each metric, whether it is a whole number in every month
}

// zeroed returns (*buf)[:n] cleared, growing *buf if it is shorter.
func zeroed[T int | int32 | float64 | uint64 | bool](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
	}
	*buf = (*buf)[:n]
	clear(*buf)
	return *buf
}

func ratioOrNaN(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}
