package workspace

import (
	"strings"
	"testing"
)

// TestLeverDatesWithinTheRun checks that a date typed into a lever's box before the run's first
// day or after its last is refused beside the box, in the box's day-first dates and with no
// word of a warm-up: a home opening on 01/04/2024 was once taken and its cost left uncounted,
// and one opening on 01/04/2036 was refused as "2036-04-01 is outside the run (2026-04-01 to
// 2036-03-31, after a 2-year warm-up from 2024-04-01)".
func TestLeverDatesWithinTheRun(t *testing.T) {
	base, _, _ := testServer(t)
	for _, tt := range []struct {
		values map[string]string
		box    string
		want   string
	}{
		// The home's one-off cost falls a year before it opens, within the run: it was once
		// said to cost nothing.
		{map[string]string{"home_beds": "2", "home_opens": "1/4/2036"}, "home_opens", "01/04/2036 is after the run's last day, 31/03/2036: the home would hold no child in the run, though its one-off cost of £808,667 on 01/04/2035 falls in it; choose a date up to 31/03/2036"},
		{map[string]string{"home_beds": "2", "home_opens": "1/4/2036", "home_one_off": "0"}, "home_opens", "01/04/2036 is after the run's last day, 31/03/2036: the home would hold no child and cost nothing in the run; choose a date up to 31/03/2036"},
		{map[string]string{"home_beds": "2", "home_opens": "1/4/2036", "home_one_off": "£500,000"}, "home_opens", "the home would hold no child in the run, though its one-off cost of £500,000 on 01/04/2035 falls in it"},
		{map[string]string{"home_beds": "2", "home_opens": "1/4/2037"}, "home_opens", "01/04/2037 is after the run's last day, 31/03/2036: the home would hold no child and cost nothing in the run; choose a date up to 31/03/2036"},
		{map[string]string{"home_beds": "2", "home_opens": "1/4/2024"}, "home_opens", "01/04/2024 is before the run's first day, 01/04/2026"},
		{map[string]string{"block_beds": "2", "block_from": "1/1/2026"}, "block_from", "01/01/2026 is before the run's first day, 01/04/2026"},
		{map[string]string{"block_beds": "2", "block_from": "1/1/2037"}, "block_from", "01/01/2037 is after the run's last day, 31/03/2036"},
		{map[string]string{"breakdown_factor": "50", "breakdown_from": "1/1/2025"}, "breakdown_from", "01/01/2025 is before the run's first day, 01/04/2026"},
		{map[string]string{"block_beds": "2", "block_from": "1/4/2026"}, "block_from", ""},
	} {
		var a runResponse
		post(t, base, "/api/run", wsState{Tab: "d", Base: "default", Name: "d", Check: true, Values: tt.values}, &a)
		got := a.Inputs[tt.box].Error
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("%v: %s says %q, want %q", tt.values, tt.box, got, tt.want)
		}
		if strings.Contains(got, "warm-up") || strings.Contains(got, "2026-04-01") {
			t.Errorf("%v: %s says %q: no warm-up, and dates as the box has them", tt.values, tt.box, got)
		}
	}
}

// TestFileDateInTheWarmUpKept checks that a date the file itself holds before the run's first
// day, sent back by the page with every run, stays the file's: only a date typed is refused.
func TestFileDateInTheWarmUpKept(t *testing.T) {
	base, _, _ := testServer(t)
	var a runResponse
	post(t, base, "/api/run", wsState{Tab: "w", Base: "default", Name: "w", Check: true,
		Text:   "name: w\nextends: default\ninterventions:\n  - {action: breakdown_rate, from: 2025-01-01, factor: 0.5}\n",
		Values: map[string]string{"breakdown_factor": "50", "breakdown_from": "01/01/2025"}}, &a)
	if e := a.Inputs["breakdown_from"].Error; e != "" {
		t.Errorf("the file's own date is refused: %s", e)
	}
	if !strings.Contains(a.Text, "2025-01-01") {
		t.Errorf("the file's own date is lost:\n%s", a.Text)
	}
}
