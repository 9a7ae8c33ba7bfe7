package workspace

import (
	"html/template"
	"strings"
	"testing"

	"github.com/placesim/placesim/plots"
)

// TestFewRunsCaution checks that the scenario's results and the Compare page, whose ranges of
// 90% of runs come from fewer runs than such a range takes (sim.RangeRuns: 20), say so beside
// them, as the board pack they export and the region page do.
func TestFewRunsCaution(t *testing.T) {
	base, srv, _ := testServer(t)
	reps := srv.cfg.QuickReps
	want := plots.FewRunsNote(reps, 0.9, "")
	if !strings.HasPrefix(want, "Caution: ") || !strings.Contains(want, "runs are too few for the range of 9 in 10 runs") {
		t.Fatalf("%d runs: the caution is %q", reps, want)
	}
	want = `<p class="hint" id="few-runs">` + template.HTMLEscapeString(want) + `</p>`
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "few", Values: map[string]string{"approvals": "33"}}, &a)
	if !strings.Contains(a.Results, want) {
		t.Errorf("the results of %d runs do not say\n%s", reps, want)
	}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "more-carers", State: wsState{Tab: "few", Values: map[string]string{"approvals": "33"}}}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %s", sv.Error)
	}
	_, body := get(t, base+"/compare?s=more-carers")
	if !strings.Contains(body, want) {
		t.Errorf("the Compare page of %d runs does not say\n%s", reps, want)
	}
}
