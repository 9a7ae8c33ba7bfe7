package workspace

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRegionRunButtonsPaired checks that a strategy's run buttons say its runs are paired
// with its baseline's, as the progress of its run does and the scenario page's Full run says,
// and that a region's own do not.
func TestRegionRunButtonsPaired(t *testing.T) {
	t.Parallel() // its own server and nothing timed: it runs alongside the others like it
	base, _, dir := regionServer(t)
	if err := os.WriteFile(filepath.Join(dir, "pooled.yaml"), []byte(pooledStrategy), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query       string
		quick, full string
	}{
		{"r=two-counties.yaml", "Quick run (3 runs)", "Full run (6 runs)"},
		{"r=pooled.yaml", "Quick run (3 paired runs)", "Full run (6 paired runs)"},
		{"r=two-counties.yaml&pool.places=2", "Quick run (3 paired runs)", "Full run (6 paired runs)"},
	}
	for _, tt := range tests {
		_, body := get(t, base+"/region?"+tt.query)
		mustContain(t, tt.query, body, `data-reps="3">`+tt.quick+`</button>`, `data-reps="6">`+tt.full+`</button>`)
	}
	// The page's script sets the buttons' words from each answer, as the levers stand. A
	// name the region cannot be saved under stops the run, not the answer.
	for _, tt := range []struct {
		values map[string]string
		want   bool
	}{{nil, false}, {map[string]string{"pool.places": "2"}, true}} {
		a := runRegionState(t, base, regionState{Tab: "t", Ref: "two-counties.yaml", Name: "no/name", Values: tt.values})
		if a.Results != "" || a.Paired == nil || *a.Paired != tt.want {
			t.Errorf("%v: paired %v, want %v (results %d bytes)", tt.values, a.Paired, tt.want, len(a.Results))
		}
	}
}
