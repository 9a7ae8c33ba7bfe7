package workspace

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// A long run (a full run, a comparison of saved scenarios) reports how far it has got: the
// page that asked for it names the request with a job key (the tab's, or one of its own), the
// runs made for that request count their replications into a meter kept under the key, and
// GET /api/progress?job=KEY reads it, with an estimate of the time left. Cancelling is
// closing the request: the page aborts it, and its runs stop within a replication.

// meter counts the replications done for one request, over every run it waits for.
type meter struct {
	began time.Time
	total atomic.Int64 // the replications the request needs, in all its runs
	runs  atomic.Int64 // the runs it needs: the baseline's and the scenario's, or one
	mu    sync.Mutex
	parts []*atomic.Int64 // one counter for each run the request waits for
}

// expect adds n replications to the total the request needs.
func (m *meter) expect(n int) {
	if m != nil {
		m.total.Add(int64(n))
		m.runs.Add(1)
	}
}

// part returns a new counter of one run's replications done, counted in the meter.
func (m *meter) part() *atomic.Int64 {
	c := new(atomic.Int64)
	if m != nil {
		m.mu.Lock()
		m.parts = append(m.parts, c)
		m.mu.Unlock()
	}
	return c
}

// track counts the replications of a run already under way (a baseline shared with other
// requests) in the meter.
func (m *meter) track(c *atomic.Int64) {
	if m != nil && c != nil {
		m.mu.Lock()
		m.parts = append(m.parts, c)
		m.mu.Unlock()
	}
}

// progressReport is the answer of GET /api/progress.
type progressReport struct {
	// Running says that a request with the job key is in progress.
	Running bool `json:"running"`
	// Done and Total are replications done and needed; Total is 0 until the runs are known.
	Done  int64 `json:"done"`
	Total int64 `json:"total"`
	// Runs is the number of runs of Total: 2 for a scenario and its baseline, each of
	// Total/2 replications.
	Runs int64 `json:"runs"`
	// Seconds is the time since the request began; Left the estimated seconds left, or -1
	// when too little is done to tell.
	Seconds float64 `json:"seconds"`
	Left    float64 `json:"left"`
}

// report reads the meter.
func (m *meter) report() progressReport {
	m.mu.Lock()
	var done int64
	for _, c := range m.parts {
		done += c.Load()
	}
	m.mu.Unlock()
	total := m.total.Load()
	done = min(done, total)
	r := progressReport{Running: true, Done: done, Total: total, Runs: m.runs.Load(), Seconds: time.Since(m.began).Seconds(), Left: -1}
	// The rate is steady once a few replications are in: the time left is the time so far
	// scaled by what remains.
	if total > 0 && done >= max(2, total/50) {
		r.Left = r.Seconds * float64(total-done) / float64(done)
	}
	return r
}

type meterKey struct{}

// withMeter returns ctx carrying m, for the runs made under it to count into.
func withMeter(ctx context.Context, m *meter) context.Context {
	return context.WithValue(ctx, meterKey{}, m)
}

// meterOf returns the meter ctx carries, or nil.
func meterOf(ctx context.Context) *meter {
	m, _ := ctx.Value(meterKey{}).(*meter)
	return m
}

type counterKey struct{}

// withCounter returns ctx carrying c, the counter a run made under it stores its replications
// done in (a baseline's, which requests share).
func withCounter(ctx context.Context, c *atomic.Int64) context.Context {
	return context.WithValue(ctx, counterKey{}, c)
}

// counterOf returns the counter ctx carries, or nil.
func counterOf(ctx context.Context) *atomic.Int64 {
	c, _ := ctx.Value(counterKey{}).(*atomic.Int64)
	return c
}

// startMeter registers a meter under job for the request's lifetime: it returns the context
// carrying it and the function that removes it. An empty job has a meter no one can read.
func (s *Server) startMeter(ctx context.Context, job string) (context.Context, func()) {
	m := &meter{began: time.Now()}
	if job == "" || len(job) > 64 {
		return withMeter(ctx, m), func() {}
	}
	s.mu.Lock()
	s.meters[job] = m
	s.mu.Unlock()
	return withMeter(ctx, m), func() {
		s.mu.Lock()
		if s.meters[job] == m {
			delete(s.meters, job)
		}
		s.mu.Unlock()
	}
}

// apiProgress answers how far the request with the job key has got.
func (s *Server) apiProgress(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	m := s.meters[r.URL.Query().Get("job")]
	s.mu.Unlock()
	if m == nil {
		writeJSON(w, http.StatusOK, progressReport{Left: -1})
		return
	}
	writeJSON(w, http.StatusOK, m.report())
}
