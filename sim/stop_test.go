package sim

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"
)

// TestStop stops a run part way: Add starts no more replications and says so.
func TestStop(t *testing.T) {
	s := richScenario()
	tests := []struct {
		name    string
		after   int64 // Stop says yes from its call number after+1
		workers int
	}{
		{"before the first", 0, 1},
		{"after a few, one worker", 3, 1},
		{"after a few, side by side", 3, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls, ran atomic.Int64
			rn, err := NewRunner(s, Options{Seed: 3, Workers: tt.workers, KPIsOnly: true,
				Stop:     func() bool { return calls.Add(1) > tt.after },
				Progress: func(int) { ran.Add(1) }})
			if err != nil {
				t.Fatal(err)
			}
			const n = 64
			if err := rn.Add(n); !errors.Is(err, ErrStopped) {
				t.Fatalf("Add = %v, want ErrStopped", err)
			}
			// Every replication starts after a no from Stop, and Stop says no `after` times.
			if got := ran.Load(); got > tt.after {
				t.Errorf("%d replications ran, but Stop said no only %d times", got, tt.after)
			}
		})
	}
	t.Run("never stops", func(t *testing.T) {
		plain, err := Run(s, Options{Reps: 6, Seed: 3, KPIsOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		asked, err := Run(s, Options{Reps: 6, Seed: 3, KPIsOnly: true, Stop: func() bool { return false }})
		if err != nil {
			t.Fatal(err)
		}
		for i := range plain.Reps {
			for k, v := range plain.Reps[i].KPIs {
				if w := asked.Reps[i].KPIs[k]; w != v && (v == v || w == w) {
					t.Fatalf("replication %d KPI %d: %v with a Stop that never stops, %v without", i, k, w, v)
				}
			}
		}
	})
}

// TestReplicationPanicReachesTheCaller checks that a panic in a worker goroutine comes back
// to Add's caller, who can recover it, rather than ending the program.
func TestReplicationPanicReachesTheCaller(t *testing.T) {
	rn, err := NewRunner(richScenario(), Options{Seed: 3, Workers: 3, KPIsOnly: true,
		Progress: func(done int) {
			if done == 2 {
				panic("sim: test invariant broken")
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	var got any
	func() {
		defer func() { got = recover() }()
		rn.Add(12)
	}()
	p, ok := got.(*ReplicationPanic)
	if !ok {
		t.Fatalf("recovered %v (%T), want a *ReplicationPanic", got, got)
	}
	if p.Value != "sim: test invariant broken" || p.Rep < 0 || p.Rep >= 12 || len(p.Stack) == 0 {
		t.Errorf("panic %+v: want the value, the replication and the worker's stack", p)
	}
	if msg := p.Error(); !strings.HasPrefix(msg, "sim: test invariant broken (in replication ") || !strings.Contains(msg, "stop_test.go") {
		t.Errorf("Error() = %q: want the value, the replication and where it panicked", msg)
	}
}

// TestStopWithinAReplication stops a run in the middle of its only replication: the
// replication is given up rather than finished, so a long one cannot hold a run.
func TestStopWithinAReplication(t *testing.T) {
	s := richScenario()
	s.Entries.PerYear *= 20 // a replication long enough to be asked within
	c, err := compile(s)
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(c)
	r.simulate(3, 0)
	if r.events < 2*stopEvery {
		t.Fatalf("a replication fires %d events: too few to be stopped within it", r.events)
	}
	var calls, ran atomic.Int64
	rn, err := NewRunner(s, Options{Seed: 3, Workers: 1, KPIsOnly: true,
		Stop:     func() bool { return calls.Add(1) > 1 }, // yes from the first question inside
		Progress: func(int) { ran.Add(1) }})
	if err != nil {
		t.Fatal(err)
	}
	if err := rn.Add(1); !errors.Is(err, ErrStopped) {
		t.Fatalf("Add = %v, want ErrStopped", err)
	}
	if ran.Load() != 0 || calls.Load() != 2 {
		t.Errorf("%d replications finished after %d questions, want none after 2", ran.Load(), calls.Load())
	}
}
