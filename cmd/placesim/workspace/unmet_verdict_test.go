package workspace

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// TestSavingFromUnmetNeed checks that capping care leavers' accommodation places, which
// spends less by leaving young people with no accommodation, does not show its total cost as
// "better" and that the summary sentence above the chart says in the same sentence that the
// saving comes with them; and that a recruitment programme keeps its "better" and says
// nothing of them.
func TestSavingFromUnmetNeed(t *testing.T) {
	const words = "more young people leave care with no accommodation: this is not a saving of the sufficiency duty"
	costRow := regexp.MustCompile(`(?s)<tr data-figure="cost_total".*?</tr>`)
	url, srv, _ := testServer(t)
	srv.cfg.QuickReps = 2
	var a runResponse
	post(t, url, "/api/run", wsState{Tab: "e", Base: "default", Name: "plan", Values: map[string]string{"leaver_places": "10"}}, &a)
	res := html.UnescapeString(a.Results)
	if row := costRow.FindString(res); row == "" || strings.Contains(row, "good") || strings.Contains(row, "better") {
		t.Errorf("the total cost of a cap on care leavers' places is shown as better:\n%s", row)
	}
	if !regexp.MustCompile(`<figcaption[^>]*>[^<]*saves[^<]*, but \d+ ` + regexp.QuoteMeta(words) + `\.</figcaption>`).MatchString(res) {
		t.Errorf("the summary sentence does not say the saving comes with young people leaving care with no accommodation")
	}

	post(t, url, "/api/run", wsState{Tab: "e", Base: "default", Name: "plan", Values: map[string]string{"approvals": "+10"}}, &a)
	res = html.UnescapeString(a.Results)
	if strings.Contains(res, words) {
		t.Errorf("a recruitment programme's results say its saving comes with young people leaving care with no accommodation")
	}
	if row := costRow.FindString(res); !strings.Contains(row, "better") && !strings.Contains(row, "worse") && !strings.Contains(row, `class="change "`) {
		t.Errorf("a recruitment programme's total cost row lost its verdict:\n%s", row)
	}
}
