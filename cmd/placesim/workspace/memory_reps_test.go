package workspace

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// TestRunMemoryRefusalSaysWhatFits: a run refused at run time for its memory (a saved
// scenario larger than the default one serve's start checks) says how many replications of
// it fit and the flag that sets them, as serve's start does, not only "use fewer
// replications": a full run names --reps, a quick one --quick-reps.
func TestRunMemoryRefusalSaysWhatFits(t *testing.T) {
	s, err := scenarios.LoadBuiltin("default")
	if err != nil {
		t.Fatal(err)
	}
	rn, err := sim.NewRunner(s, sim.Options{Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	res := rn.Results()
	lim := DefaultLimits()
	// Room for 3 replications of the default scenario on one worker, not for 4.
	lim.MemoryBytes = runMemory(3, 1, len(res.Months), len(res.Metrics), workEstimate(s))
	base, srv, _, _ := safetyServer(t, lim, defaultHTTPLimits)
	srv.cfg.Workers, srv.base.workers = 1, 1
	for _, tc := range []struct {
		full       bool
		reps, flag string
	}{{false, fmt.Sprint(srv.cfg.QuickReps), "--quick-reps"}, {true, fmt.Sprint(srv.cfg.FullReps), "--reps"}} {
		_, body := postStatus(t, base, "/api/run", wsState{Tab: "m", Full: tc.full, Values: map[string]string{"approvals": "25"}})
		var a runResponse
		json.Unmarshal([]byte(body), &a)
		got := a.Error + strings.Join(a.Problems, "\n")
		want := "this run of " + tc.reps + " replications would hold about "
		want2 := "the workspace allows all its runs: at most 3 replications of this scenario fit; start placesim serve with " + tc.flag + " 3 or fewer, or raise --max-memory, or run it with placesim run"
		if !strings.Contains(got, want) || !strings.Contains(got, want2) {
			t.Errorf("full %v: %q\nwant it to say %q ... %q", tc.full, got, want, want2)
		}
	}
}
