package workspace

import (
	"strings"
	"testing"
)

// TestCompareNamesItsInterval checks that the workspace names the range of a change from the
// baseline as the confidence interval of the mean, as the README and the command line do,
// apart from the middle 90% of runs: in the results' headline columns, the difference chart's
// table and the Compare page's hint.
func TestCompareNamesItsInterval(t *testing.T) {
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "bp", Values: map[string]string{"approvals": "33"}}, &a)
	for _, want := range []string{
		`change from baseline <span class="why">(90% confidence interval of the mean)</span>`,
		"Figures in this chart (paired mean difference and its 90% confidence interval of the mean)",
	} {
		if !strings.Contains(a.Results, want) {
			t.Errorf("the results do not say %q", want)
		}
	}
	if strings.Contains(a.Results, "(90% interval)") {
		t.Error(`the results still say "(90% interval)"`)
	}
	var sv saveResponse
	post(t, base, "/api/save", saveRequest{Name: "more-carers", State: wsState{Tab: "cmp", Values: map[string]string{"approvals": "33"}}}, &sv)
	if sv.Error != "" {
		t.Fatalf("save: %s", sv.Error)
	}
	_, body := get(t, base+"/compare?s=more-carers")
	if want := "changes from the baseline are paired means with their 90% confidence interval of the mean."; !strings.Contains(body, want) {
		t.Errorf("the Compare page does not say %q", want)
	}
}
