package workspace

import (
	"os"
	"strings"
	"testing"
)

// TestSummaryNamesItsYear checks that the summary above the results says which year its
// figures are of: it showed "Total cost £79.9m (−£1.8m, better)", the horizon's, while the
// Compare page and the pack lead with the whole run. The server writes each headline's summary
// label with the year (data-summary), and the page's script takes it.
func TestSummaryNamesItsYear(t *testing.T) {
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "y", Values: map[string]string{"approvals": "31"}}, &a)
	if a.Results == "" {
		t.Fatalf("no results: %v", a.Problems)
	}
	for _, want := range []string{`data-figure="cost_total" data-summary="Total cost in 2035/36"`, `data-summary="Children placed elsewhere whose first choice is in-house foster care in 2035/36"`} {
		if !strings.Contains(a.Results, want) {
			t.Errorf("the results do not hold %s", want)
		}
	}
	js, err := os.ReadFile("web/static/workspace.js")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), "dt.textContent = tr.dataset.summary") {
		t.Error("the page's summary does not take its label, with the year, from data-summary")
	}
}
