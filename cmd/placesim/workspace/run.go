package workspace

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// DefaultQuickReps is the number of replications of the live comparison: enough for intervals
// a strategy lead can read, few enough to answer within a second or two on a laptop.
const DefaultQuickReps = 200

// interval is the level of every interval the workspace shows.
const interval = 0.9

// runOut is one scenario run: its results, with every replication's monthly record.
type runOut struct {
	s    *model.Scenario
	res  *sim.Results
	reps int
	took time.Duration

	dataOnce sync.Once
	data     *plots.Data
	dataErr  error
}

// metricIndex returns the position of a monthly metric, or -1.
func (r *runOut) metricIndex(name string) int { return slices.Index(r.res.Metrics, name) }

// series returns metric m (by position) in every month of replication pos.
func (r *runOut) series(pos, m int) []float64 {
	rec, err := r.res.MonthlyRecord(pos)
	if err != nil {
		panic(fmt.Sprintf("placesim: serve: a run that kept its monthly records: %v", err)) // a bug
	}
	n := len(r.res.Metrics)
	out := make([]float64, len(r.res.Months))
	for i := range out {
		out[i] = rec[i*n+m]
	}
	return out
}

// chartData returns the run's chart data, worked out once.
func (r *runOut) chartData() (*plots.Data, error) {
	r.dataOnce.Do(func() { r.data, r.dataErr = plots.FromResults(r.res) })
	return r.data, r.dataErr
}

// panicked turns v, recovered from a run of what, into a *runPanic, and logs it with its
// stack.
func (g *runGate) panicked(what string, v any) *runPanic {
	p := &runPanic{value: v, rep: -1}
	if rp, ok := v.(*sim.ReplicationPanic); ok {
		p.value, p.rep = rp.Value, rp.Rep
	}
	g.logf("placesim: serve: running %s: panic: %v (replication %d)\n%s", what, p.value, p.rep+1, stackOf(v))
	return p
}

// run runs reps replications of s on seed once the gate lets it: when the scenario is within
// the workspace's limits and a turn and its memory are free. It stops between replications
// once ctx is done, and turns a panic inside the simulation (a bug) into a *runPanic.
func (g *runGate) run(ctx context.Context, s *model.Scenario, seed uint64, reps, workers int) (out *runOut, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = nil, g.panicked(s.Name, v)
		}
	}()
	began := time.Now()
	if err := g.checkWork(s); err != nil {
		return nil, err
	}
	if err := g.checkTime(s, reps, workers); err != nil {
		return nil, err
	}
	// The monthly records are kept: the charts and the sufficiency figures need them (200
	// replications of 10 years hold about 17 MB).
	gr := g.start(ctx)
	rn, err := sim.NewRunner(s, sim.Options{Seed: seed, Workers: workers, Progress: gr.progress, Stop: gr.stop})
	if err != nil {
		return nil, err
	}
	res := rn.Results()
	shape := scenarioShape(s, res)
	memory := func(reps int) int64 { return shape.memory(reps, workers) }
	if err := gr.add(s.Name, memory, rn.Add, reps); err != nil {
		return nil, err
	}
	return &runOut{s: s, res: res, reps: reps, took: time.Since(began)}, nil
}

// gatedRun is one run under the gate: it counts its replications into the request's meter
// (or the baseline's counter) and the gate's, and stops once the request is done or the
// workspace's time limit for one run has passed.
type gatedRun struct {
	g     *runGate
	ctx   context.Context // the request's
	run   context.Context // the request's, with the time limit once the replications start
	count *atomic.Int64
	// flags are the flags that set a region run's replications, which a refusal for its
	// memory names ("": a scenario's run, whose are the gate's scenarioFlags).
	flags string
}

// start begins a run under ctx; its progress and stop go into the runner's options.
func (g *runGate) start(ctx context.Context) *gatedRun {
	count := counterOf(ctx)
	if count == nil {
		count = meterOf(ctx).part()
	}
	return &gatedRun{g: g, ctx: ctx, run: ctx, count: count}
}

func (r *gatedRun) progress(done int) {
	r.count.Store(int64(done))
	r.g.progress(done)
}

func (r *gatedRun) stop() bool { return r.run.Err() != nil }

// add runs reps replications with add once the gate has a turn and the memory they need
// (memory of the replications) free, within the workspace's time limit. A run too big for the
// memory limit is refused saying how many replications fit and the flag that sets them; a run
// the time limit stopped is an error that names what.
func (r *gatedRun) add(what string, memory func(reps int) int64, add func(int) error, reps int) error {
	mem := memory(reps)
	big := &tooBig{reps: reps, flags: r.flags, what: "region"}
	if r.flags == "" {
		big.flags, big.what = r.g.scenarioFlags(reps), "scenario"
	}
	if mem > r.g.lim.MemoryBytes {
		big.most = mostReps(memory, r.g.lim.MemoryBytes, reps)
	}
	release, err := r.g.acquireFor(r.ctx, mem, big)
	if err != nil {
		return err
	}
	defer release()
	if r.g.lim.MaxRunTime > 0 {
		var cancel context.CancelFunc
		r.run, cancel = context.WithTimeout(r.ctx, r.g.lim.MaxRunTime)
		defer cancel()
	}
	if err := add(reps); err != nil {
		switch {
		case !errors.Is(err, sim.ErrStopped):
			return err
		case r.ctx.Err() != nil:
			return r.ctx.Err()
		}
		r.g.logf("placesim: serve: stopped a run after %s, the longest one run may take (--max-run-time)", r.g.lim.MaxRunTime)
		return fmt.Errorf("%s took longer than %s, the workspace's limit for one run, and was stopped: use fewer replications, or run it with placesim run", what, r.g.lim.MaxRunTime)
	}
	return nil
}

// scenarioHash identifies a scenario as run: its resolved file.
func scenarioHash(s *model.Scenario) (string, error) {
	var b strings.Builder
	if err := scenarios.Encode(&b, s, scenarios.EncodeOptions{}); err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8]), nil
}

// baselines runs each baseline once per seed and number of replications, and keeps the
// last few: every comparison with the same baseline reuses its run. A baseline's run goes
// on while a request waits for it, and stops when the last one goes away.
type baselines struct {
	mu      sync.Mutex
	hashes  map[*model.Scenario]string
	entries *kept[*baselineEntry] // the last 4
	ctx     context.Context       // the server's: every baseline run stops when the server does
	workers int
	gate    *runGate
}

// baselineEntry is a baseline's run kept, or under way, for every request that asks for it.
type baselineEntry = sharedRun[*runOut]

// sharedRun is a run that every request asking for the same figures shares: it goes on while
// one of them waits for it and stops when the last goes away.
type sharedRun[T any] struct {
	done    chan struct{}
	out     T
	err     error
	cancel  context.CancelFunc
	waiters int           // requests waiting for the run
	count   *atomic.Int64 // its replications done, for the meters of the requests waiting
}

// wait waits for run r, or for ctx to end; mu, the lock of whatever keeps r, is held on entry
// and released. When the last request waiting goes away before r is done, r is stopped and
// drop forgets it (with mu held), so that the next request starts afresh.
func (r *sharedRun[T]) wait(ctx context.Context, mu *sync.Mutex, drop func()) (T, error) {
	r.waiters++
	mu.Unlock()
	meterOf(ctx).track(r.count)
	select {
	case <-r.done:
		mu.Lock()
		r.waiters--
		mu.Unlock()
		return r.out, r.err
	case <-ctx.Done():
		mu.Lock()
		r.waiters--
		if r.waiters == 0 {
			select {
			case <-r.done:
			default:
				r.cancel()
				drop()
			}
		}
		mu.Unlock()
		var none T
		return none, ctx.Err()
	}
}

// get returns the run of base with seed and reps, running it if no one has. It returns
// ctx's error when ctx ends first.
func (b *baselines) get(ctx context.Context, base *model.Scenario, seed uint64, reps int) (*runOut, error) {
	b.mu.Lock()
	h, ok := b.hashes[base]
	b.mu.Unlock()
	if !ok {
		var err error
		if h, err = scenarioHash(base); err != nil {
			return nil, err
		}
		b.mu.Lock()
		if len(b.hashes) > 64 {
			clear(b.hashes)
		}
		b.hashes[base] = h
		b.mu.Unlock()
	}
	key := fmt.Sprintf("%s/%d/%d", h, seed, reps)
	b.mu.Lock()
	e, ok := b.entries.get(key)
	if !ok {
		rctx, cancel := context.WithCancel(b.ctx)
		e = &baselineEntry{done: make(chan struct{}), cancel: cancel, count: new(atomic.Int64)}
		rctx = withCounter(rctx, e.count)
		b.entries.put(key, e)
		go func() {
			defer cancel()
			e.out, e.err = b.gate.run(rctx, base, seed, reps, b.workers)
			if e.err != nil {
				b.mu.Lock()
				b.drop(key, e)
				b.mu.Unlock()
			}
			close(e.done)
		}()
	}
	return e.wait(ctx, &b.mu, func() { b.drop(key, e) })
}

// drop forgets entry e of key, if it is still the one kept; b.mu is held.
func (b *baselines) drop(key string, e *baselineEntry) { b.entries.drop(key, e) }

// comparison is a scenario compared with its baseline on the same seed, replication by
// replication.
type comparison struct {
	ID        string
	Base, Alt *runOut
	Diffs     []sim.Difference
	Seed      uint64
	Reps      int
	Full      bool
	When      time.Time
	// Version is placesim's version, for the charts' source lines.
	Version string
	// Saved is the workspace's file that holds the scenario as run ("more-carers.yaml"), if
	// one does; Changed, the file it was opened from when the scenario has changed since;
	// Dir, the workspace's folder. Both empty: the scenario is not saved.
	Saved, Changed, Dir string
	// Own is where the saved file's own dated changes begin in Alt's interventions, after
	// those of the files it extends, when the baseline is not the file it extends (the Compare
	// page's choice): the levers say the file's own (managed). 0 where the baseline is it.
	Own int
	// AltName and BaseName, if set, name the scenario and the baseline in the charts of the
	// difference, for the Compare page, which names them by their files ("wave-plus",
	// "wave.yaml"); else the charts name them by their name fields.
	AltName, BaseName string
	// Idle is what in Alt's scenario acts on nothing it has, as its file was read
	// (scenarios.Resolved.Idle); nil: its interventions are judged alone (idle).
	Idle model.Problems
}

// idle is what in c's scenario acts on nothing it has: Idle, or what its interventions act on
// when it has none (model.Scenario.Idle), less what is its baseline's (plots.StrategyIdle).
func (c *comparison) idle() model.Problems {
	idle := c.Idle
	if idle == nil {
		idle = c.Alt.s.Idle()
	}
	return plots.StrategyIdle(c.Base.s, c.Alt.s, idle)
}

// filesText says where the scenario of c is kept, for its board pack: in a file of the
// workspace, changed since it was saved there, or nowhere yet.
func (c *comparison) filesText() string {
	switch {
	case c.Saved != "":
		return fmt.Sprintf("Its levers are in the scenario file %s of the workspace (%s); open it there to see every figure of the run again.", c.Saved, c.Dir)
	case c.Changed != "":
		return fmt.Sprintf("The scenario has changed since it was saved as %s in the workspace (%s): that file holds the levers as last saved, not those above. Save the scenario to keep them.", c.Changed, c.Dir)
	}
	return "The scenario is not saved: no file holds the levers above. Save it in the workspace to keep them and to see every figure of the run again."
}

// compareRuns pairs alt with base.
func compareRuns(base, alt *runOut, seed uint64, full bool) (*comparison, error) {
	if base.s.Years != alt.s.Years || !base.s.Start.Equal(alt.s.Start) {
		return nil, fmt.Errorf("the scenario covers %s and its baseline %s: a comparison needs the same years", span(alt.s), span(base.s))
	}
	diffs, err := sim.Compare(base.res, alt.res, interval)
	if err != nil {
		return nil, err
	}
	return &comparison{Base: base, Alt: alt, Diffs: diffs, Seed: seed, Reps: alt.reps, Full: full, When: time.Now()}, nil
}

// span describes the years a scenario covers: "2026/27 to 2035/36".
func span(s *model.Scenario) string {
	first := model.FinancialYear(s.Start)
	last := model.FinancialYear(s.Start.AddDate(s.Years, 0, -1))
	if s.Years == 1 {
		return first
	}
	return first + " to " + last
}

// figure is one headline figure in one period: the scenario's mean over its runs and the
// interval of 90% of them (the 5th to the 95th percentile), and the paired change from the
// baseline with its confidence interval. Every figure is the mean, as the run's report, the
// charts' subtitles, summary.csv and the board pack give it (and means add up across kinds and
// years, as medians do not).
type figure struct {
	Mean, Lo, Hi         float64
	BaseMean             float64
	Diff, DiffLo, DiffHi float64
	N                    int
	Unit                 unit
	Valid                bool
}

// figureOf shows paired figure p in unit u.
func figureOf(p sim.Paired, u unit) figure {
	return figure{Mean: p.Mean, Lo: p.Lo, Hi: p.Hi, BaseMean: p.BaseMean,
		Diff: p.Diff, DiffLo: p.DiffLo, DiffHi: p.DiffHi, N: p.N, Unit: u, Valid: p.Valid}
}

// pairOf is the paired figure of values of the scenario and the baseline at the workspace's
// interval, in unit u.
func pairOf(alt, base []float64, u unit) figure { return figureOf(sim.Pair(alt, base, interval), u) }

// kpiValues returns KPI kpi in period of each replication of r, or nil if the run has none.
func kpiValues(r *runOut, period, kpi string) []float64 { return r.res.KPIValues(period, kpi) }

// monthlyMean returns, for each replication of r, the mean of metric over the months of
// period (a financial year), or nil if the metric was not kept.
func monthlyMean(r *runOut, period, metric string) []float64 {
	out, err := r.res.YearMean(period, metric)
	if err != nil {
		return nil
	}
	return out
}

// headlineRow is one headline figure in the first year and at the horizon.
type headlineRow struct {
	Label, Help string
	Key         string
	Year1       figure
	Horizon     figure
	// Better says which way is good: -1 when less is better (cost, a shortfall), +1 when more
	// is, 0 when neither.
	Better int
}

// placesRow is the demand for and supply of one kind of place in one period: the children
// who need it (their first choice), those of them placed elsewhere (waiting), its places and
// the empty ones. Waiting and empty are missing for a kind whose places are not households,
// homes or block beds.
type placesRow struct {
	Kind, Label                       string
	Needed, Waiting, Available, Empty figure
}

// ageRow is one age band of a kind's sufficiency by age: the children who need the kind and
// those of them waiting, the places that could take a child of that age, and its empty places
// that could, and those approved for other ages. Figures are means over runs, so that they
// add up.
type ageRow struct {
	Label                                    string
	Need, Waiting, Places, Usable, OtherAges figure
}

// ageTable is the sufficiency by age of one kind in one financial year: for every band,
// Usable + OtherAges + Siblings + Solo = Empty.
type ageTable struct {
	Kind, Label, Period   string
	Rows                  []ageRow
	Siblings, Solo, Empty figure
	HasSiblings, HasSolo  bool
}

// wsHeadlines is what the results pane shows.
type wsHeadlines struct {
	Year1, Horizon string // as the run's report names them: "2026/27", "2026/27 (from 1 October)"
	// Part says the run's first and last years are part years, whose names say so, in place
	// of "(year 1)" and "(horizon)".
	Part   bool
	Rows   []headlineRow
	Places [2][]placesRow // year 1, horizon
	Ages   []ageTable     // at the horizon, for each kind of households, homes or block beds
}

// gapBands are the age bands of sim's sufficiency gap, with their names in plain English.
var gapBands = func() []struct{ name, label string } {
	var out []struct{ name, label string }
	for _, b := range sim.AgeBands() {
		out = append(out, struct{ name, label string }{b.Name, b.Label})
	}
	return out
}()

// meanFigure is the paired figure of KPI kpi in period, the scenario's and the baseline's
// means: means add up across the rows of a table, medians do not. It reports false if either
// run lacks the KPI.
func meanFigure(c *comparison, period, kpi string) (figure, bool) {
	p, ok := sim.PairKPI(c.Alt.res, c.Base.res, period, kpi, interval)
	if !ok {
		return figure{}, false
	}
	return figureOf(p, plots.UnitOf(kpi)), true
}

// ageTables works out the sufficiency by age of every kind with the gap's KPIs, in period.
func ageTables(c *comparison, period string) []ageTable {
	var out []ageTable
	for _, k := range c.Alt.s.Kinds {
		fig := func(kpi string) (figure, bool) { return meanFigure(c, period, kpi) }
		t := ageTable{Kind: k.Name, Label: k.Label, Period: period}
		var ok bool
		if t.Empty, ok = fig(sim.GapEmpty(k.Name)); !ok {
			continue
		}
		// A reason shows only when it holds an empty place in some run.
		t.Siblings, t.HasSiblings = fig(sim.EmptyForSiblings(k.Name))
		t.HasSiblings = t.HasSiblings && (t.Siblings.Hi > 0 || t.Siblings.BaseMean > 0)
		t.Solo, t.HasSolo = fig(sim.EmptyForSolo(k.Name))
		t.HasSolo = t.HasSolo && (t.Solo.Hi > 0 || t.Solo.BaseMean > 0)
		used := t.Empty.Hi > 0 || t.Empty.BaseMean > 0
		for _, b := range sim.AgeBands() {
			row := ageRow{Label: b.Label}
			var has bool
			if row.Need, has = fig(sim.GapNeedAged(k.Name, b.Name)); !has {
				continue
			}
			row.Waiting, _ = fig(sim.GapWaitingAged(k.Name, b.Name))
			row.Places, _ = fig(sim.GapPlacesAged(k.Name, b.Name))
			row.Usable, _ = fig(sim.GapUsableAged(k.Name, b.Name))
			row.OtherAges, _ = fig(sim.GapOtherAges(k.Name, b.Name))
			t.Rows = append(t.Rows, row)
			used = used || row.Need.Hi > 0 || row.Need.BaseMean > 0 || row.Places.Hi > 0 || row.Places.BaseMean > 0
		}
		// A kind with no places and no child needing it in any run (block beds the scenario
		// never contracts) has nothing to show.
		if len(t.Rows) > 0 && used {
			out = append(out, t)
		}
	}
	return out
}

// headlineFigures works out the headline figures of a comparison: total cost, children in
// agency foster care and in residential care, carer households, emergency placements begun and
// the children in one on an average day, and the sufficiency gap of the council's own foster
// care (sim.HeadlineGapKind); and places needed against places available by kind. Its first
// year is the run's first, a part year on a run that does not start on 1 April.
func headlineFigures(c *comparison) wsHeadlines {
	return headlineFiguresFrom(c, c.Alt.res.Years()[0])
}

// headlineFiguresFrom is headlineFigures with y1, one of the run's financial years, as its
// first year: the Compare page gives the first whole year (plots.FirstWholeYear), as the
// compare command's table and the run's report do.
func headlineFiguresFrom(c *comparison, y1 string) wsHeadlines {
	years := c.Alt.res.Years()
	// A run that does not start on 1 April has part years at its ends, named as the run's
	// report and the board pack name them ("2026/27 (from 1 October)"); the horizon is the last
	// whole year, not the 14 days of a run from 15 April's last.
	hz := plots.LastWholeYear(c.Alt.s.Start, c.Alt.s.Years, years)
	h := wsHeadlines{Year1: plots.YearLabel(c.Alt.s.Start, c.Alt.s.Years, y1), Horizon: plots.YearLabel(c.Alt.s.Start, c.Alt.s.Years, hz)}
	// The run's first year being left out for a whole one, its years are not year 1 and the
	// horizon either.
	h.Part = h.Year1 != y1 || h.Horizon != hz || y1 != years[0]
	s := c.Alt.s
	pair := func(f func(r *runOut, p string) []float64, p, name string) figure {
		return pairOf(f(c.Alt, p), f(c.Base, p), plots.UnitOf(name))
	}
	// Which way is better is the board pack's and the command line's table (plots.HeadlinesOf),
	// so that the page and the pack agree; a figure the table does not judge (empty places) is
	// given no direction.
	dirs := map[string]int{}
	for _, hd := range plots.HeadlinesOf(s, true) {
		dirs[hd.KPI] = hd.Better
	}
	// A saving that comes with more young people leaving care with no accommodation is not
	// a saving of the duty (plots.UnmetNeedCaveat): the total cost gets no "better".
	for _, p := range []string{y1, hz} {
		cost, unmet := pair(kpiOf(sim.CostTotal), p, sim.CostTotal), pair(kpiOf(sim.CareLeaversUnmet), p, sim.CareLeaversUnmet)
		if cost.Valid && unmet.Valid && plots.UnmetNeedCaveat(-cost.Diff, unmet.Diff) != "" {
			dirs[sim.CostTotal] = 0
		}
	}
	add := func(label, help, name string) {
		better := dirs[name]
		a, b := pair(kpiOf(name), y1, name), pair(kpiOf(name), hz, name)
		if !a.Valid && !b.Valid {
			return
		}
		h.Rows = append(h.Rows, headlineRow{Label: label, Help: help, Key: name, Year1: a, Horizon: b, Better: better})
	}
	add("Total cost", "all spending in the year, in pounds of that year", sim.CostTotal)
	mainstream, hasGap := sim.HeadlineGapKind(s)
	if hasGap {
		n, what := s.Kinds[mainstream].Name, strings.ToLower(s.Kinds[mainstream].Label)
		add(plots.PlacedElsewhereLabel(what), "children placed with an agency, in residential care or in an emergency placement whose first choice is our own foster care (average over the year); they are not waiting for a place: placesim makes no planned moves, so they stay where they are and an empty place goes to the next child who needs one", sim.GapWaiting(n))
		add("Empty places in "+what, "approved places with no child in them (average over the year); the table of sufficiency by age shows which could take a child placed elsewhere, and why the others cannot", sim.GapEmpty(n))
	}
	for _, k := range s.Kinds {
		if k.Name == "ifa" {
			add("Children in agency foster care (IFA)", "children placed with independent fostering agencies (average over the year)", sim.OccupiedKPI(k.Name))
		}
	}
	add("Children in residential care", "children in children's homes of every kind (average over the year)", sim.OccupiedCategoryKPI(model.Residential))
	if hasGap {
		// The catalogue's label, as the run's report and kpis.csv give it.
		add(plots.CarerHouseholdsLabel(s), "the households approved to foster for the council on the last day of the year", sim.CarerHouseholdsEnd)
	}
	add(plots.EmergencyMadeLabel, "emergency placements made in the year: children placed in an emergency because no suitable place was free", sim.EmergencyPlacements)
	// Beside the placements begun, the children in one on an average day: a strategy can
	// begin a few more while fewer wait in one, for less time and at less cost.
	add("Children in an emergency placement (average day)", "children waiting in an emergency placement on an average day of the year (the row above counts the emergency placements begun in it)", sim.OccupiedKPI(sim.EmergencyKind))
	if plots.ChangesStepDown(c.Base.s, s) {
		// The children stepped down, the count a step-down programme's cost is paid on, beside
		// what it changes, as the board pack's table gives them (plots.WithStepDowns).
		add(plots.StepDownsLabel, "children who moved from residential care to a family in the year, those the baseline steps down too among them: a step-down programme's cost is paid on each step-down made while it is in force", sim.Stepdowns)
	}
	if careLeaversMove(c, years) {
		add("Young people leaving care with no accommodation", "young people leaving care whom the council had no accommodation for, in the year; placesim prices no accommodation for them, so a saving that comes with more of them is not a saving of the duty", sim.CareLeaversUnmet)
	}
	for i, p := range []string{y1, hz} {
		for _, k := range s.Kinds {
			have := sim.PlacesOf(k.Name)
			if c.Alt.metricIndex(have) < 0 {
				continue
			}
			row := placesRow{Kind: k.Name, Label: k.Label,
				Needed:    pair(monthlyMeanOf(sim.FirstChoiceOf(k.Name)), p, sim.FirstChoiceOf(k.Name)),
				Waiting:   pair(kpiOf(sim.GapWaiting(k.Name)), p, sim.GapWaiting(k.Name)),
				Available: pair(monthlyMeanOf(have), p, have),
				Empty:     pair(kpiOf(sim.GapEmpty(k.Name)), p, sim.GapEmpty(k.Name)),
			}
			if !row.Empty.Valid {
				// A market with a limited number of places: its empty places are its vacancies.
				row.Empty = pair(monthlyMeanOf(sim.VacanciesOf(k.Name)), p, sim.VacanciesOf(k.Name))
			}
			h.Places[i] = append(h.Places[i], row)
		}
	}
	h.Ages = ageTables(c, hz)
	for i := range h.Ages {
		h.Ages[i].Period = h.Horizon
	}
	return h
}

// careLeaversMove reports whether the young people leaving care with no accommodation differ
// between the scenario's runs and the baseline's in any of years, as the compare command's
// table shows them only then (plots.HeadlinesOf).
func careLeaversMove(c *comparison, years []string) bool {
	for _, p := range years {
		a, b := kpiValues(c.Alt, p, sim.CareLeaversUnmet), kpiValues(c.Base, p, sim.CareLeaversUnmet)
		if len(a) != len(b) {
			return len(a)+len(b) > 0
		}
		for i := range a {
			if a[i] != b[i] {
				return true
			}
		}
	}
	return false
}

// kpiOf returns the values of KPI name in a period of a run.
func kpiOf(name string) func(*runOut, string) []float64 {
	return func(r *runOut, p string) []float64 { return kpiValues(r, p, name) }
}

// monthlyMeanOf returns the year means of metric name in a period of a run.
func monthlyMeanOf(name string) func(*runOut, string) []float64 {
	return func(r *runOut, p string) []float64 { return monthlyMean(r, p, name) }
}
