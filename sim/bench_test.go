package sim

import (
	"io"
	"testing"

	"github.com/placesim/placesim/model"
)

// BenchmarkErlangEngine measures the engine on the queueing check: one pool of 20 places, 40
// arrivals a year, 10 years after a 2-year warm-up, one core. It reports the cost per event.
func BenchmarkErlangEngine(b *testing.B) {
	benchErlangEngine(b, 20, 40, 146)
}

// BenchmarkErlangEngineCountyPool measures the engine on make bench's county-sized pool: 160
// places, 300 arrivals a year, 400-day stays, 10 years after a 2-year warm-up, one core. It
// reports the cost per event.
func BenchmarkErlangEngineCountyPool(b *testing.B) {
	benchErlangEngine(b, 160, 300, 400)
}

// benchErlangEngine runs replications of the Erlang check with c places, perYear arrivals a
// year and exponential stays of stayDays on average, one after another on one run.
func benchErlangEngine(b *testing.B, c int, perYear, stayDays float64) {
	b.Helper()
	cs, err := compile(erlangScenario(c, perYear, model.Distribution{Kind: model.Exponential, MeanDays: stayDays}, 10, 2))
	if err != nil {
		b.Fatal(err)
	}
	r := newRun(cs)
	b.ReportAllocs()
	events, rep := 0, 0
	for b.Loop() {
		if _, err := r.replicate(1, rep); err != nil {
			b.Fatal(err)
		}
		events += r.events
		rep++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
	b.ReportMetric(float64(events)/float64(rep), "events/rep")
}

// BenchmarkRichScenario measures one replication of the scenario that uses every feature.
func BenchmarkRichScenario(b *testing.B) {
	c, err := compile(richScenario())
	if err != nil {
		b.Fatal(err)
	}
	r := newRun(c)
	b.ReportAllocs()
	events, rep := 0, 0
	for b.Loop() {
		if _, err := r.replicate(1, rep); err != nil {
			b.Fatal(err)
		}
		events += r.events
		rep++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
}

// BenchmarkErlangRun measures Run on the queueing check as make bench's engine row does: 200
// replications on one worker, every monthly record kept (packed) and every KPI worked out. It
// reports the cost per arrival and the bytes kept a replication.
func BenchmarkErlangRun(b *testing.B) {
	s := erlangScenario(20, 40, model.Distribution{Kind: model.Exponential, MeanDays: 146}, 10, 2)
	const reps = 200
	b.ReportAllocs()
	var kept int
	for b.Loop() {
		res, err := Run(s, Options{Reps: reps, Seed: 1, Workers: 1})
		if err != nil {
			b.Fatal(err)
		}
		kept = 0
		for _, rep := range res.Reps {
			kept += 8*(len(rep.packed.vals)+len(rep.KPIs)) + 2*len(rep.packed.ints)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*reps*40*12), "ns/arrival")
	b.ReportMetric(float64(kept)/reps, "bytes-kept/rep")
}

// BenchmarkErlangKPIsCSV measures writing kpis.csv (to io.Discard, so without its SHA-256 or
// writes) of the queueing check's 2,000 replications, as make bench's command row writes it:
// 1.8 million rows, three in five of them a KPI of 0.
func BenchmarkErlangKPIsCSV(b *testing.B) {
	s := erlangScenario(20, 40, model.Distribution{Kind: model.Exponential, MeanDays: 146}, 10, 2)
	res, err := Run(s, Options{Reps: 2000, Seed: 1, Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		kw := res.NewKPIWriterSize(io.Discard, 4<<20)
		if err := kw.WriteReps(len(res.Reps)); err != nil {
			b.Fatal(err)
		}
		if err := kw.Flush(); err != nil {
			b.Fatal(err)
		}
	}
}
