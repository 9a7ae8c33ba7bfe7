package sim

import (
	"fmt"
	"math"
	"sync"
)

// A region run of many replications keeps its KPIs out of memory: each council's and the
// total's go to a store of their own as each replication ends (RegionRunner.SetKPIStores), and
// are read back a period of every replication at a time, through a cache of a bounded size
// that the region's results share, so that a run's memory does not grow with its
// replications.

// kpiStore is where a Results keeps the KPIs of the replications whose Replication.KPIs is nil:
// st holds each replication's len(Periods) rows of len(KPIs) values, and cache the periods
// read back.
type kpiStore struct {
	st    MonthlyStore
	cache *kpiCache
}

// kpiCache holds, for the results that share it, periods of the stored KPIs read back: one
// period of every replication of one Results a block, the most recently used last, at most
// budget bytes of them (and always the block in use, however large). It is safe for use by
// several goroutines at once.
type kpiCache struct {
	mu     sync.Mutex
	budget int64
	used   int64
	blocks []kpiBlock
	// err is the first error reading a store, which KPI cannot return (Results.ReadErr).
	err error
}

// kpiBlock is period p of every replication of res, when res had reps replications: row i,
// of length len(res.KPIs), is the replication at position i.
type kpiBlock struct {
	res  *Results
	p    int
	reps int
	v    []float64
}

func newKPICache(budget int64) *kpiCache { return &kpiCache{budget: budget} }

// clear drops every block: replications are about to be added.
func (c *kpiCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.blocks, c.used = nil, 0
}

// column puts KPI k in period p of each replication of res into out.
func (s *kpiStore) column(res *Results, p, k int, out []float64) {
	c := s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.block(res, s.st, p)
	nK := len(res.KPIs)
	for i := range out {
		out[i] = b[i*nK+k]
	}
}

// block returns period p of every replication of res, read from st unless the cache holds it.
// c.mu is held.
func (c *kpiCache) block(res *Results, st MonthlyStore, p int) []float64 {
	n := len(res.Reps)
	for i, b := range c.blocks {
		if b.res == res && b.p == p && b.reps == n {
			copy(c.blocks[i:], c.blocks[i+1:])
			c.blocks[len(c.blocks)-1] = b
			return b.v
		}
	}
	nK := len(res.KPIs)
	v := make([]float64, n*nK)
	for pos := range res.Reps {
		row := v[pos*nK : (pos+1)*nK]
		if kp := res.Reps[pos].KPIs; kp != nil {
			copy(row, kp[p*nK:(p+1)*nK])
			continue
		}
		if err := st.Get(pos, p, p+1, row); err != nil {
			if c.err == nil {
				c.err = fmt.Errorf("reading the KPIs of %s, replication %d, period %s: %w", res.Scenario.Name, res.Reps[pos].Index+1, res.Periods[p], err)
			}
			for j := range row {
				row[j] = math.NaN()
			}
		}
	}
	size := int64(8 * len(v))
	for len(c.blocks) > 0 && c.used+size > c.budget {
		c.used -= int64(8 * len(c.blocks[0].v))
		c.blocks = c.blocks[1:]
	}
	c.blocks = append(c.blocks, kpiBlock{res: res, p: p, reps: n, v: v})
	c.used += size
	return v
}

// KPIRows reads periods [from, to) of the KPIs of the replication at position pos into dst,
// which has room for exactly those rows (len(Results.KPIs) values a period): from the
// replication's KPIs, or the store the run kept them in (RegionRunner.SetKPIStores). It
// returns an error if the store fails.
func (res *Results) KPIRows(pos, from, to int, dst []float64) error {
	nK := len(res.KPIs)
	if from < 0 || to > len(res.Periods) || from > to || len(dst) != (to-from)*nK {
		return fmt.Errorf("sim: periods %d to %d of KPIs of %d periods into room for %d values", from, to, len(res.Periods), len(dst))
	}
	rep := &res.Reps[pos]
	switch {
	case rep.KPIs != nil:
		copy(dst, rep.KPIs[from*nK:to*nK])
	case res.kpis != nil:
		if err := res.kpis.st.Get(pos, from, to, dst); err != nil {
			return fmt.Errorf("reading the KPIs of %s, replication %d: %w", res.Scenario.Name, rep.Index+1, err)
		}
	default:
		return fmt.Errorf("replication %d kept no KPIs", rep.Index+1)
	}
	return nil
}

// ReadErr returns the first error met reading stored KPIs back for KPI and Summary, which
// cannot return it (those values then read NaN), or nil. Results that keep their KPIs in
// memory never have one; a region's results share theirs.
func (res *Results) ReadErr() error {
	if res.kpis == nil {
		return nil
	}
	c := res.kpis.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// ReadErr returns the first error met reading the councils' or the total's stored KPIs back
// (Results.ReadErr), or nil.
func (rr *RegionResults) ReadErr() error { return rr.Total.ReadErr() }

// SetKPIStores keeps the KPIs of council i (in the order of Region.Councils) in stores[i], and
// the total's in stores[len(Region.Councils)], in place of Replication.KPIs, as SetStores does
// for the monthly records: a record is len(Results.Periods) rows of len(Results.KPIs) values.
// Readers read them back a period of every replication at a time, keeping at most cacheBytes
// of them in memory for the councils and the total together (and at least the period in
// use), so that the run's memory does not grow with its replications. A nil store keeps its
// KPIs in memory. It is called before the first Add.
func (rr *RegionRunner) SetKPIStores(stores []MonthlyStore, cacheBytes int64) error {
	c, err := rr.res.setKPIStores(stores, cacheBytes)
	if err != nil {
		return err
	}
	rr.kpiStores, rr.kpiCache = stores, c
	return nil
}

// SetKPIStores reads the KPIs of the replications of council i that hold none (their
// Replication.KPIs is nil) from stores[i], and the total's from stores[len(Region.Councils)],
// as RegionRunner.SetKPIStores keeps them: a merge of shards too large to hold them reads them
// where they lie. Readers keep at most cacheBytes of them in memory (and at least the period
// in use).
func (rr *RegionResults) SetKPIStores(stores []MonthlyStore, cacheBytes int64) error {
	_, err := rr.setKPIStores(stores, cacheBytes)
	return err
}

func (rr *RegionResults) setKPIStores(stores []MonthlyStore, cacheBytes int64) (*kpiCache, error) {
	if len(stores) != len(rr.Councils)+1 {
		return nil, fmt.Errorf("region %s: %d KPI stores for %d councils and the total", rr.Region.Name, len(stores), len(rr.Councils))
	}
	c := newKPICache(cacheBytes)
	for i, r := range rr.Each() {
		r.kpis = nil
		if stores[i] != nil {
			r.kpis = &kpiStore{st: stores[i], cache: c}
		}
	}
	return c, nil
}
