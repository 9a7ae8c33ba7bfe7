package sim

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
)

// TestPrecisionNext checks the rule's step by hand-worked cases: stop once within Share or at
// MaxReps, otherwise aim at n·(rel/Share)², at least a tenth more and at most four times n.
func TestPrecisionNext(t *testing.T) {
	p := Precision{Share: 0.05, MaxReps: 1000}
	for _, tt := range []struct {
		name string
		n    int
		rel  float64
		next int
		stop bool
	}{
		{"within", 100, 0.05, 100, true},
		{"exact", 100, 0, 100, true},
		{"at the most", 1000, 0.2, 1000, true},
		{"twice as wide: four times as many", 100, 0.1, 400, false},
		{"aims at what is needed", 100, 0.06, 144, false}, // 100·(0.06/0.05)² = 144
		{"rounds up", 100, 0.0551, 122, false},            // 100·1.102² = 121.4
		{"a tenth more at least", 100, 0.051, 111, false}, // 104.04 < 100 + 10 + 1
		{"four times at most", 100, 0.5, 400, false},      // 100·100 = 10000
		{"no more than the most", 300, 0.1, 1000, false},  // 1200 > 1000
		{"a mean of 0", 100, math.Inf(1), 111, false},
		// No replication had a value (a share of nothing): more of the same will not give one.
		{"no value", 100, math.NaN(), 100, true},
		{"a small first batch", 2, 0.5, 8, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			next, stop := p.Next(tt.n, tt.rel)
			if next != tt.next || stop != tt.stop {
				t.Errorf("Next(%d, %v) = %d, %v; want %d, %v", tt.n, tt.rel, next, stop, tt.next, tt.stop)
			}
		})
	}
}

// precisionScenario is a small pool of carers whose cost varies enough from run to run to need
// a few hundred replications for a 1% interval.
func precisionScenario() *model.Scenario {
	return erlangScenario(5, 12, model.Distribution{Kind: model.Exponential, MeanDays: 146}, 1, 0)
}

// TestAddToPrecision runs to a precision and checks, replaying the rule of Precision's
// documentation on the results, that the run stopped at the first batch whose interval was
// narrow enough and not before, or at MaxReps, and that the count is the same with one worker
// and with three. Replication i depends only on the seed and i, so the first m replications
// of the run are the results a run of m would have had at the end of a batch of m.
func TestAddToPrecision(t *testing.T) {
	const level = 0.9
	for _, tt := range []struct {
		name       string
		share      float64
		first, max int
		met        bool
	}{
		{"within 2%", 0.02, 10, 2000, true},
		{"the first batch is enough", 0.5, 10, 2000, true},
		{"stops at the most", 0.0001, 10, 60, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var counts []int
			for _, workers := range []int{1, 3} {
				rn, err := NewRunner(precisionScenario(), Options{Seed: 4, Workers: workers, KPIsOnly: true})
				if err != nil {
					t.Fatal(err)
				}
				res := rn.Results()
				k, all := slices.Index(res.KPIs, "cost_total"), len(res.Periods)-1
				p := Precision{KPI: k, Period: all, Level: level, Share: tt.share, FirstReps: tt.first, MaxReps: tt.max}
				var told []int
				got, err := rn.AddToPrecision(p, func(done int) { told = append(told, done) })
				if err != nil {
					t.Fatal(err)
				}
				if got.Reps != len(res.Reps) || got.Met != tt.met {
					t.Fatalf("ran %d (the results hold %d), met %v; want met %v", got.Reps, len(res.Reps), got.Met, tt.met)
				}
				// Workers side by side may tell their counts out of order: each count once.
				slices.Sort(told)
				for i, done := range told {
					if done != i+1 {
						t.Fatalf("progress was told %d times, up to %d, for %d replications", len(told), told[len(told)-1], got.Reps)
					}
				}
				if len(told) != got.Reps {
					t.Errorf("progress was told %d times for %d replications", len(told), got.Reps)
				}

				// The rule replayed: the precision of the first n replications at each batch's
				// end, with the batch sizes its documentation states.
				costs := res.KPI(all, k)
				relOf := func(n int) float64 {
					mean, half, _ := MeanInterval(costs[:n], level)
					if half == 0 {
						return 0
					}
					return half / math.Abs(mean)
				}
				n := tt.first
				for relOf(n) > tt.share && n < tt.max {
					need := float64(n) * math.Pow(relOf(n)/tt.share, 2)
					n = min(tt.max, max(n+n/10+1, min(int(math.Ceil(need)), 4*n)))
				}
				if n != got.Reps {
					t.Errorf("stopped at %d replications; the rule stops at %d", got.Reps, n)
				}
				if rel := relOf(got.Reps); rel != got.Rel || (rel <= tt.share) != tt.met {
					t.Errorf("precision %v after %d, reported %v; want within %v: %v", rel, got.Reps, got.Rel, tt.share, tt.met)
				}
				counts = append(counts, got.Reps)
			}
			if counts[0] != counts[1] {
				t.Errorf("one worker stopped at %d replications and three at %d", counts[0], counts[1])
			}
		})
	}
}

// TestAddToPrecisionNoValue checks that a run to a precision of a share that no replication
// has (no child enters care, so first_choice_share is a share of no matches) stops after its
// first batch, short of the precision, with no precision to report; and that a KPI that is 0
// in every replication (emergency placements, with no child to place) is exact after it.
func TestAddToPrecisionNoValue(t *testing.T) {
	for _, tt := range []struct {
		kpi string
		met bool
	}{
		{FirstChoiceShare, false},
		{EmergencyPlacements, true},
	} {
		t.Run(tt.kpi, func(t *testing.T) {
			s := erlangScenario(5, 0, model.Distribution{Kind: model.Exponential, MeanDays: 146}, 1, 0)
			rn, err := NewRunner(s, Options{Seed: 1, KPIsOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			res := rn.Results()
			p := Precision{KPI: slices.Index(res.KPIs, tt.kpi), Period: len(res.Periods) - 1, Level: 0.9, Share: 0.01, FirstReps: 5, MaxReps: 500}
			got, err := rn.AddToPrecision(p, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got.Reps != 5 || got.Met != tt.met {
				t.Errorf("ran %d replications, met %v; want 5 (the first batch), met %v", got.Reps, got.Met, tt.met)
			}
			if wantNaN := !tt.met; math.IsNaN(got.Rel) != wantNaN || (tt.met && got.Rel != 0) {
				t.Errorf("precision %v; want NaN: %v (0 otherwise)", got.Rel, wantNaN)
			}
		})
	}
}

// TestAddToPrecisionRefuses checks that a rule that cannot be followed is an error naming each
// field at fault, and runs nothing.
func TestAddToPrecisionRefuses(t *testing.T) {
	rn, err := NewRunner(precisionScenario(), Options{Seed: 1, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	res := rn.Results()
	good := Precision{KPI: 0, Period: 0, Level: 0.9, Share: 0.05, FirstReps: 10, MaxReps: 100}
	for _, tt := range []struct {
		name string
		edit func(*Precision)
		want []string
	}{
		{"no such KPI", func(p *Precision) { p.KPI = len(res.KPIs) }, []string{"KPI " + strconv.Itoa(len(res.KPIs)) + ": no such KPI"}},
		{"no such period", func(p *Precision) { p.Period = -1 }, []string{"period -1: no such period"}},
		{"level", func(p *Precision) { p.Level = 90 }, []string{"level must be between 0 and 1", "not 90"}},
		{"share", func(p *Precision) { p.Share = 0 }, []string{"share must be finite and greater than 0", "not 0"}},
		// Any interval is within +Inf of its mean: the run would stop at its first batch.
		{"infinite share", func(p *Precision) { p.Share = math.Inf(1) }, []string{"share must be finite and greater than 0", "not +Inf"}},
		{"first batch", func(p *Precision) { p.FirstReps = 200 }, []string{"the first batch must be from 2 to 100 replications, not 200"}},
		{"every problem", func(p *Precision) { p.MaxReps, p.FirstReps, p.Share = 1, 1, math.NaN() }, []string{
			"the most replications must be at least 2, not 1", "the first batch must be from 2 to 2 replications, not 1", "not NaN"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := good
			tt.edit(&p)
			_, err := rn.AddToPrecision(p, nil)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if len(res.Reps) != 0 {
				t.Errorf("ran %d replications", len(res.Reps))
			}
		})
	}
}

// TestAddToPrecisionNoRoom checks that a run to a precision whose next batch Fits refuses
// stops before it, short of the precision, naming the count it aimed at; the batches before
// it are those of a run without Fits.
func TestAddToPrecisionNoRoom(t *testing.T) {
	rn, err := NewRunner(precisionScenario(), Options{Seed: 4, Workers: 2, KPIsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	res := rn.Results()
	var asked []int
	p := Precision{KPI: slices.Index(res.KPIs, "cost_total"), Period: len(res.Periods) - 1, Level: 0.9, Share: 0.0001, FirstReps: 10, MaxReps: 2000,
		Fits: func(reps int) bool { asked = append(asked, reps); return reps <= 15 }}
	got, err := rn.AddToPrecision(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Met || got.NoRoom <= 15 || got.Reps > 15 || got.Reps != len(res.Reps) || len(asked) == 0 || asked[len(asked)-1] != got.NoRoom {
		t.Fatalf("got %+v with %d replications held, Fits asked of %v", got, len(res.Reps), asked)
	}
}
