package workspace

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/sim"
)

// The workspace may serve a council's shared server: a simulation is the costly thing it
// does, so every run passes through one gate (runGate) that bounds how many run at once,
// how much memory they may hold between them and how big one replication may be, and each
// run stops when the request that wanted it goes away.

// Limits bounds the workspace's simulations.
type Limits struct {
	// MaxRuns is the most simulations (a baseline's or a scenario's) run at once; each runs
	// its replications on every core.
	MaxRuns int
	// MaxWaiting is the most runs that wait for a turn; a request beyond them is refused at
	// once with 503 Service Unavailable.
	MaxWaiting int
	// Wait is how long a run waits for its turn before its request is refused with 503.
	Wait time.Duration
	// MemoryBytes is the most memory, in bytes, that the runs in progress may hold between
	// them, as estimated from each run's replications and scenario size; a run that alone
	// needs more is refused.
	MemoryBytes int64
	// MaxEntities is the most children and places one replication may simulate, as estimated
	// from the scenario before it runs.
	MaxEntities float64
	// MaxRunTime is the longest one run may take once it has its turn (0: no limit): a run
	// still going then is stopped, within a few thousand events.
	MaxRunTime time.Duration
}

// DefaultLimits are the limits of serve unless its flags say otherwise: as many runs at
// once as cores (at least 2), 4 waiting for each, for at most 30 seconds, 2 GiB of memory,
// 250,000 children and places a replication (the default county has about 4,400), and 10
// minutes a run (a full run of the default county takes seconds).
func DefaultLimits() Limits {
	n := max(2, runtime.GOMAXPROCS(0))
	return Limits{MaxRuns: n, MaxWaiting: 4 * n, Wait: 30 * time.Second, MemoryBytes: 2 << 30, MaxEntities: 250_000,
		MaxRunTime: 10 * time.Minute}
}

// bytesPerEntity is the memory, in bytes, one replication holds for each child or place it
// simulates, with room to spare: on the default county scaled up 10 times (38,718 children
// and places) a replication holds 160 to 210 bytes for each and allocates about 430 in all
// (go test ./cmd/placesim/workspace -run TestBytesPerEntity -v measures it).
const bytesPerEntity = 400

// busyError says that a run could not get its turn: the server is busy. It maps to 503, with
// a Retry-After of retryAfter seconds, which its message says too.
type busyError struct{ msg string }

// retryAfter is the Retry-After, in seconds, of an answer that the workspace is busy.
const retryAfter = 30

func (e *busyError) Error() string { return e.msg }

// runPanic is a run that stopped on a panic inside placesim: a bug. It maps to 500; the
// server goes on.
type runPanic struct {
	value any
	rep   int // the replication that panicked, or -1 when it was not in one
}

func (e *runPanic) Error() string {
	where := ""
	if e.rep >= 0 {
		where = fmt.Sprintf(", in replication %d", e.rep+1) // numbered from 1, as messages number them
	}
	return fmt.Sprintf("the simulation stopped on an error inside placesim (%v%s): placesim's checks should have refused whatever caused it, so please report it with the scenario file; the workspace is still running", e.value, where)
}

// runGate admits runs within Limits.
type runGate struct {
	lim Limits
	// logf reports to the server's log a run's panic, with its stack, and each run the limits
	// refuse or stop, in a line.
	logf func(format string, args ...any)
	// onRep, if set, is called after each replication of every run (tests use it).
	onRep atomic.Pointer[func(done int)]
	// tempFile creates the temporary files of a region run's monthly records (Config.TempFile;
	// nil: os.CreateTemp).
	tempFile func(pattern string) (*os.File, error)
	// quickReps and fullReps are the replications of a scenario's quick and full runs
	// (Config.QuickReps, FullReps), by which a refusal for memory names its flag.
	quickReps, fullReps int

	mu      sync.Mutex
	running int
	waiting int
	memory  int64
	// freed is closed, and replaced, whenever a run ends: waiting runs then look again.
	freed chan struct{}
}

func newRunGate(lim Limits, logf func(format string, args ...any)) *runGate {
	return &runGate{lim: lim, logf: logf, freed: make(chan struct{})}
}

// progress is the Progress of a run's sim.Options: the test hook onRep, if set.
func (g *runGate) progress(done int) {
	if f := g.onRep.Load(); f != nil {
		(*f)(done)
	}
}

// stats returns the runs in progress, the runs waiting and the memory held by those in
// progress.
func (g *runGate) stats() (running, waiting int, memory int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.running, g.waiting, g.memory
}

// repsFlags names the flag of serve that sets a run of reps replications: fullFlag for a
// full run's (full), quickFlag for a quick run's (quick), both when they are the same or
// neither.
func repsFlags(reps, quick, full int, quickFlag, fullFlag string) string {
	switch {
	case reps == full && reps != quick:
		return fullFlag
	case reps == quick && reps != full:
		return quickFlag
	}
	return quickFlag + " and " + fullFlag
}

// scenarioFlags names the flag of serve that sets a scenario's run of reps replications:
// --reps for a full run's, --quick-reps for a quick run's.
func (g *runGate) scenarioFlags(reps int) string {
	return repsFlags(reps, g.quickReps, g.fullReps, "--quick-reps", "--reps")
}

// acquire waits for a turn for a scenario's run that needs bytes of memory (acquireFor).
func (g *runGate) acquire(ctx context.Context, bytes int64) (func(), error) {
	return g.acquireFor(ctx, bytes, nil)
}

// tooBig is a run of reps replications refused because it would hold bytes of memory, more
// than the limit; most are the most replications of it that fit. It names flags, the flags
// that set its replications, and what it runs ("scenario", "region").
type tooBig struct {
	reps, most  int
	flags, what string
}

// acquireFor waits for a turn for a run that needs bytes of memory, for at most lim.Wait and
// while ctx lasts. It returns the function that ends the turn. A run that alone needs more
// than the limit is refused, saying, when big says what the run is, how many replications of
// it fit and the flags that set them.
func (g *runGate) acquireFor(ctx context.Context, bytes int64, big *tooBig) (func(), error) {
	if bytes > g.lim.MemoryBytes {
		g.logf("placesim: serve: refused a run that would hold about %s of memory, more than the %s allowed (--max-memory)", mib(bytes), mib(g.lim.MemoryBytes))
		if big == nil {
			return nil, fmt.Errorf("this run would hold about %s of memory, more than the %s the workspace allows all its runs: use fewer replications or a shorter scenario, or run it with placesim run", mib(bytes), mib(g.lim.MemoryBytes))
		}
		if big.most < 2 {
			return nil, fmt.Errorf("this run of %s replications would hold about %s of memory, more than the %s the workspace allows all its runs, and not even 2 replications of this %s fit (%s): run a smaller or shorter %s, raise --max-memory, or run it with placesim run",
				commas(float64(big.reps)), mib(bytes), mib(g.lim.MemoryBytes), big.what, big.flags, big.what)
		}
		return nil, fmt.Errorf("this run of %s replications would hold about %s of memory, more than the %s the workspace allows all its runs: at most %s replications of this %s fit; start placesim serve with %s %d or fewer, or raise --max-memory, or run it with placesim run",
			commas(float64(big.reps)), mib(bytes), mib(g.lim.MemoryBytes), commas(float64(big.most)), big.what, big.flags, big.most)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var timeout <-chan time.Time
	g.mu.Lock()
	for {
		if g.running < g.lim.MaxRuns && g.memory+bytes <= g.lim.MemoryBytes {
			g.running++
			g.memory += bytes
			g.mu.Unlock()
			var once sync.Once
			return func() {
				once.Do(func() {
					g.mu.Lock()
					g.running--
					g.memory -= bytes
					close(g.freed)
					g.freed = make(chan struct{})
					g.mu.Unlock()
				})
			}, nil
		}
		if timeout == nil {
			if g.waiting >= g.lim.MaxWaiting {
				running, waiting := g.running, g.waiting
				g.mu.Unlock()
				g.logf("placesim: serve: refused a run as busy: %s in progress and %d waiting, the most allowed (--max-runs)", plural(running, "run"), waiting)
				return nil, &busyError{fmt.Sprintf("the workspace is busy: %s in progress and %d waiting, its most; try again in %d seconds", plural(running, "run"), waiting, retryAfter)}
			}
			t := time.NewTimer(g.lim.Wait)
			defer t.Stop()
			timeout = t.C
		}
		g.waiting++
		freed := g.freed
		g.mu.Unlock()
		var err error
		select {
		case <-freed:
		case <-ctx.Done():
			err = ctx.Err()
		case <-timeout:
			g.logf("placesim: serve: refused a run as busy: no run finished within %s to make room for it", g.lim.Wait)
			err = &busyError{fmt.Sprintf("the workspace is busy: no run finished within %s to make room for this one; try again in %d seconds", g.lim.Wait, retryAfter)}
		}
		g.mu.Lock()
		g.waiting--
		if err != nil {
			g.mu.Unlock()
			return nil, err
		}
	}
}

// mib writes a number of bytes in mebibytes, thousands separated: "512 MiB", "18,773 MiB".
func mib(b int64) string { return commas(math.Ceil(float64(b)/(1<<20))) + " MiB" }

// runMemory estimates the memory, in bytes, of a run of reps replications of a scenario on
// workers workers, whose monthly record is months×metrics values: the records kept, and one
// replication's children and places for each worker.
func runMemory(reps, workers, months, metrics int, entities float64) int64 {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, reps)
	records := float64(reps) * float64(months) * float64(metrics) * 8
	working := float64(workers) * entities * bytesPerEntity
	total := records + working
	if math.IsNaN(total) || total > math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(total)
}

// workEstimate is a generous estimate of the children and places one replication of s
// simulates over its warm-up and reported years: the starting stock, the children entering
// and the UASC arriving (at the highest rate any intervention gives them), the carer
// households at the start and approved later, and the beds of homes and block contracts.
// It is +Inf when a figure is not finite.
func workEstimate(s *model.Scenario) float64 {
	years := float64(s.Years + s.WarmupYears)
	children := 0.0
	for _, g := range s.Stock {
		children += float64(g.Count)
	}
	// Entries grow by the trend each year: their total over the years is a geometric sum.
	growth := years
	if t := s.Entries.TrendPerYear; t > 0 {
		growth = (math.Pow(1+t, years) - 1) / t
	}
	entryFactor, uascFactor, uascExtra := 1.0, 1.0, 0.0
	places := 0.0
	approvals := 0.0
	for _, k := range s.Kinds {
		if k.Carers != nil {
			places += float64(k.Carers.Households)
			approvals += k.Carers.ApprovalsPerYear
		}
		for _, h := range k.Homes {
			places += float64(h.Beds)
		}
		for _, b := range k.BlockBeds {
			places += float64(b.Beds)
		}
	}
	for _, iv := range s.Interventions {
		switch iv.Action {
		case model.EntryRate:
			entryFactor = max(entryFactor, entryFactor*iv.Factor)
		case model.UASCSurge:
			uascFactor = max(uascFactor, uascFactor*iv.Factor)
			uascExtra += max(0, iv.PerYear)
		case model.ExtraApprovals:
			approvals += max(0, iv.PerYear)
		case model.AddHouseholds, model.OpenHome, model.BlockBeds:
			places += float64(max(0, iv.Count))
		}
	}
	children += s.Entries.PerYear * growth * entryFactor
	children += (s.UASC.PerYear*uascFactor + uascExtra) * years
	places += approvals * years
	total := children + places
	if math.IsNaN(total) || math.IsInf(total, 0) {
		return math.Inf(1)
	}
	return total
}

// checkWork refuses a scenario whose replications are beyond the workspace's limits.
func (g *runGate) checkWork(s *model.Scenario) error {
	if w := workEstimate(s); !(w <= g.lim.MaxEntities) {
		return fmt.Errorf("%s would simulate about %s children and places in each replication, more than the %s the workspace allows: check the entries, UASC, stock, carers and beds, or run it with placesim run",
			s.Name, commas(math.Round(min(w, 1e15))), commas(g.lim.MaxEntities))
	}
	return nil
}

// secondsPerWork is the time, in seconds of one core, one replication takes for each unit of
// its work estimate raised to the power 1.5 (workEstimate^1.5): a replication's time grows
// faster than its children and places, as more of them wait for the same places. The default
// county (about 5,000 children and places) takes 0.05 s a replication and the default with
// 20,000 entries a year (about 242,000) 17 s, 1.4e-7 each way; this is a little less, for a
// faster machine, so that only a run far beyond the limit is refused before it starts.
const secondsPerWork = 1e-7

// farBeyond is how many times --max-run-time a run's estimated time must be to be refused
// before it starts: the estimate is rough, and a run near the limit is left to the limit.
const farBeyond = 3

// runTime estimates how long reps replications of a scenario of work children and places
// (workEstimate) take on workers workers.
func runTime(work float64, reps, workers int) time.Duration {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, reps))
	secs := secondsPerWork * math.Pow(work, 1.5) * float64(reps) / float64(workers)
	if math.IsNaN(secs) || secs > float64(math.MaxInt64/2)/float64(time.Second) {
		return time.Duration(math.MaxInt64 / 2)
	}
	return time.Duration(secs * float64(time.Second))
}

// checkTime refuses, before it starts, a run of reps replications of s on workers workers
// whose estimated time (runTime) is farBeyond the time limit of one run: it would be stopped
// at the limit with nothing to show. It names the most replications that would be within
// the limit and the flag that sets them.
func (g *runGate) checkTime(s *model.Scenario, reps, workers int) error {
	limit := g.lim.MaxRunTime
	if limit <= 0 {
		return nil
	}
	work := workEstimate(s)
	est := runTime(work, reps, workers)
	if est <= farBeyond*limit {
		return nil
	}
	g.logf("placesim: serve: refused a run that would take about %s, far beyond the %s one run may take (--max-run-time)", roughly(est), limit)
	most := 0
	for lo, hi := 0, reps; lo < hi; {
		mid := lo + (hi-lo+1)/2
		if runTime(work, mid, workers) <= limit {
			lo = mid
		} else {
			hi = mid - 1
		}
		most = lo
	}
	fit := fmt.Sprintf("about %d replications of it fit in that time; start placesim serve with %s %d or fewer, or raise --max-run-time, or run it with placesim run", most, g.scenarioFlags(reps), most)
	if most < 2 {
		fit = "not even 2 replications of it fit in that time: run a smaller scenario, raise --max-run-time, or run it with placesim run"
	}
	return fmt.Errorf("this run of %d replications of %s would take about %s, far beyond the %s the workspace allows one run (--max-run-time): %s",
		reps, s.Name, roughly(est), limit, fit)
}

// roughly writes an estimated time to the minute, or to the second under two minutes.
func roughly(d time.Duration) string {
	if d >= 2*time.Minute {
		return plural(int(math.Round(d.Minutes())), "minute")
	}
	return plural(max(1, int(math.Round(d.Seconds()))), "second")
}

// sameOrigin reports whether a request that would start a simulation comes from the
// workspace's own pages, or from no page at all (an address typed, a bookmark, a program):
// a page on another site must not be able to make the server simulate by linking to it.
// Browsers say where a request comes from in Sec-Fetch-Site; older ones in Origin and
// Referer, which must then name an address the workspace answers to (see sites.origin).
func (st sites) sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" {
		return site == "same-origin" || site == "none"
	}
	if o := r.Header.Get("Origin"); o != "" {
		return st.origin(o, r.Host)
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		u, err := url.Parse(ref)
		return err == nil && st.origin(u.Scheme+"://"+u.Host, r.Host)
	}
	return true
}

// recoverPanics wraps h so that a panic in a handler answers 500 with a clear message (when
// nothing was sent yet) and is logged, rather than dropping the connection.
func recoverPanics(h http.Handler, logf func(format string, args ...any)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &sentWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			logf("placesim: serve: %s %s: panic: %v\n%s", r.Method, r.URL.Path, v, stackOf(v))
			if !rw.sent {
				http.Error(rw, fmt.Sprintf("the workspace stopped on an error inside placesim (%v): this is a bug; the workspace is still running", errValue(v)), http.StatusInternalServerError)
			}
		}()
		h.ServeHTTP(rw, r)
	})
}

// errValue is a panic's value for a message: a replication's panic is its own value.
func errValue(v any) any {
	if p, ok := v.(*sim.ReplicationPanic); ok {
		return p.Value
	}
	return v
}

// stackOf is the stack where v was panicked: a replication's own, or the current one.
func stackOf(v any) []byte {
	if p, ok := v.(*sim.ReplicationPanic); ok {
		return p.Stack
	}
	return debug.Stack()
}

// sentWriter notes whether a response has started.
type sentWriter struct {
	http.ResponseWriter
	sent bool
}

func (w *sentWriter) WriteHeader(status int) {
	w.sent = true
	w.ResponseWriter.WriteHeader(status)
}

func (w *sentWriter) Write(b []byte) (int, error) {
	w.sent = true
	return w.ResponseWriter.Write(b)
}

func (w *sentWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// httpLimits are the limits of the workspace's HTTP server.
type httpLimits struct {
	// ReadHeaderTimeout bounds the time to read a request's headers, and ReadTimeout the
	// whole request with its body: a client that sends slowly is cut off.
	ReadHeaderTimeout, ReadTimeout time.Duration
	// IdleTimeout closes a kept-alive connection that sends nothing.
	IdleTimeout time.Duration
	// MaxHeaderBytes bounds the size of a request's headers.
	MaxHeaderBytes int
}

// defaultHTTPLimits: 10 seconds for headers, 30 for a whole request, 2 minutes idle, 64 KiB of
// headers. There is no time limit on writing an answer: a full run may take minutes.
var defaultHTTPLimits = httpLimits{ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}

// newHTTPServer returns the HTTP server of the workspace's handler h. Every request's
// context derives from base, so that ending base (the server stopping) stops the runs of the
// requests in progress.
func newHTTPServer(h http.Handler, lim httpLimits, base context.Context) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: lim.ReadHeaderTimeout, ReadTimeout: lim.ReadTimeout,
		IdleTimeout: lim.IdleTimeout, MaxHeaderBytes: lim.MaxHeaderBytes,
		BaseContext: func(net.Listener) context.Context { return base }}
}

// firstRegion is the built-in region the region page opens on.
const firstRegion = "south-east"

// CheckReps refuses replications a run of the default scenario, the baseline the workspace
// opens on, could not have within the memory a run may hold (cfg.Limits.MemoryBytes, set by
// --max-memory; its flags as placesim serve's): every quick run (QuickReps) or full run (FullReps) of it would then be
// refused. It refuses so, too, a region's quick run (RegionQuickReps) or full run
// (RegionFullReps) of the south-east, the region the region page opens on. It names the
// limit and the most replications that fit. Limits that are zero are taken as DefaultLimits.
//
// It does not read the scenarios and regions saved in cfg.Dir: reading every file would make
// serve's start grow with the folder, a file saved later would not be covered, and one large
// file would keep the workspace from starting for the others. A run of one too large for the
// memory is refused as it runs, saying how many replications fit and the flag that sets them.
func CheckReps(cfg Config) error {
	lim := cfg.Limits
	if lim == (Limits{}) {
		lim = DefaultLimits()
	}
	if lim.MemoryBytes <= 0 {
		return nil
	}
	// The built-in files' figures, as builtin_memory.go holds them: loading the south-east,
	// its councils' files and stock, took most of serve's start.
	memory := func(reps int) int64 { return defaultShape.memory(reps, cfg.Workers) }
	regionMemory := func(reps int) int64 { return southEastShape.memory(reps, cfg.Workers) }
	var errs []error
	for _, r := range []struct {
		flag, run string
		reps      int
		memory    func(int) int64
	}{{"--quick-reps", "a quick run of the default scenario", cfg.QuickReps, memory}, {"--reps", "a full run of the default scenario", cfg.FullReps, memory},
		{"--region-quick-reps", "a quick run of the " + firstRegion + " region", cmp.Or(cfg.RegionQuickReps, DefaultRegionQuickReps), regionMemory},
		{"--region-reps", "a full run of the " + firstRegion + " region", cmp.Or(cfg.RegionFullReps, DefaultRegionFullReps), regionMemory}} {
		memory := r.memory
		if r.reps < 2 || memory(r.reps) <= lim.MemoryBytes {
			continue
		}
		lo := mostReps(memory, lim.MemoryBytes, r.reps)
		most := fmt.Sprintf("at most %s fit", commas(float64(lo)))
		if lo < 2 {
			most = "not even 2 fit"
		}
		errs = append(errs, fmt.Errorf("%s %d: %s would hold about %s of memory, more than the %s --max-memory lets a run hold, so every one would be refused: %s; give fewer, or raise --max-memory",
			r.flag, r.reps, r.run, mib(memory(r.reps)), mib(lim.MemoryBytes), most))
	}
	return errors.Join(errs...)
}

// mostReps returns the most replications, up to upTo, whose memory (memory grows with them)
// is within limit: 0 when not even 1 fits.
func mostReps(memory func(reps int) int64, limit int64, upTo int) int {
	lo, hi := 0, upTo
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		if memory(mid) <= limit {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// memoryShape is what the estimate of a run's memory takes from its scenario or region: the
// children and places one replication simulates (workEstimate, regionWork), the monthly record
// kept (Months × Metrics values), and, for a region, its councils' KPIs kept in each
// replication (periods × KPIs, summed over the councils).
type memoryShape struct {
	Work            float64
	Months, Metrics int
	KPIValues       int64
}

// scenarioShape is the memory figures of a run of s, whose results are res.
func scenarioShape(s *model.Scenario, res *sim.Results) memoryShape {
	return memoryShape{Work: workEstimate(s), Months: len(res.Months), Metrics: len(res.Metrics)}
}

// regionShape is the memory figures of a run of reg, whose results are res, with the region's
// monthly record kept in memory.
func regionShape(reg *model.Region, res *sim.RegionResults) memoryShape {
	m := memoryShape{Work: regionWork(reg), Months: len(res.Total.Months), Metrics: len(res.Total.Metrics)}
	for _, r := range res.Each() {
		m.KPIValues += int64(len(r.Periods)) * int64(len(r.KPIs))
	}
	return m
}

// memory estimates the memory, in bytes, of a run of reps replications on workers workers, as
// runMemory and regionRunMemory do.
func (m memoryShape) memory(reps, workers int) int64 {
	return runMemory(reps, workers, m.Months, m.Metrics, m.Work) + int64(reps)*m.KPIValues*8
}

// WorkingMemory estimates the memory, in bytes, that workers replications of s in progress at
// once hold for their children and places (at most reps of them: one for each replication),
// as a workspace run's estimate counts it: placesim run, compare, sweep and sensitivity add
// to it what they keep of every replication.
func WorkingMemory(s *model.Scenario, reps, workers int) int64 {
	return runMemory(reps, workers, 0, 0, workEstimate(s))
}
