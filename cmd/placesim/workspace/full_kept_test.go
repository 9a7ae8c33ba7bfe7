package workspace

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestFullRunOutlastsQuickRuns checks that a Full run's results stay kept for their exports
// however many quick runs follow, anyone's: its board pack was thrown away after any 8 quick
// runs ("these results are no longer kept"). Only other Full runs push it out.
func TestFullRunOutlastsQuickRuns(t *testing.T) {
	base, _, dir := testServer(t)
	if err := os.WriteFile(filepath.Join(dir, "short.yaml"), []byte("name: short\nextends: default\nyears: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(tab, approvals string, full bool) string {
		t.Helper()
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: tab, Base: "short.yaml", Name: "plan", Full: full, Values: map[string]string{"approvals": approvals}}, &a)
		i := strings.Index(a.Results, `data-run="`)
		if i < 0 {
			t.Fatalf("no results: %v", a.Problems)
		}
		id := a.Results[i+len(`data-run="`):]
		return id[:strings.Index(id, `"`)]
	}
	status := func(id string) int {
		resp, err := http.Get(base + "/export/" + id + "/board-pack.html")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	full := run("mine", "30", true)
	var quick []string
	for i := range 9 {
		quick = append(quick, run("other"+strconv.Itoa(i), strconv.Itoa(22+i), false))
	}
	if got := status(full); got != http.StatusOK {
		t.Errorf("the Full run's board pack after 9 quick runs: %d, want 200", got)
	}
	if got := status(quick[0]); got != http.StatusNotFound {
		t.Errorf("the first of 9 quick runs' board pack: %d, want 404 (8 quick runs kept)", got)
	}
	// Three more Full runs push out the first.
	for i := range 3 {
		run("mine", strconv.Itoa(31+i), true)
	}
	if got := status(full); got != http.StatusNotFound {
		t.Errorf("the first of 4 Full runs' board pack: %d, want 404 (3 Full runs kept)", got)
	}
}
